package dev.intake.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Calls the handler a Task resolves to and turns its outcome into a result or a States error. */
final class TaskInvoker {

  private final TaskRegistry registry;
  private final ExecutorService pool;

  TaskInvoker(TaskRegistry registry, ExecutorService pool) {
    this.registry = registry;
    this.pool = pool;
  }

  /** Invokes the task with its effective parameters; returns the raw result (before ResultSelector). */
  JsonNode invoke(State.Task task, JsonNode parameters) throws StatesError, InterruptedException {
    TaskResource resource = task.resource();
    if (resource instanceof TaskResource.LambdaInvoke) {
      JsonNode name = parameters.get("FunctionName");
      if (name == null || !name.isTextual()) {
        throw StatesError.runtime("lambda:invoke needs a string FunctionName, got " + name);
      }
      TaskHandler handler = registry.function(name.asText()).orElseThrow(() -> new StatesError(
          "Lambda.ResourceNotFoundException", "Function not found: " + name.asText()));
      JsonNode payload = parameters.has("Payload") ? parameters.get("Payload") : NullNode.getInstance();
      JsonNode returned = call(task, handler, payload);
      ObjectNode result = Json.object();
      result.put("ExecutedVersion", "$LATEST");
      result.set("Payload", returned);
      result.put("StatusCode", 200);
      return result;
    }
    if (resource instanceof TaskResource.Function function) {
      TaskHandler handler = registry.function(function.arn()).orElseThrow(() -> new StatesError(
          "Lambda.ResourceNotFoundException", "Function not found: " + function.arn()));
      return call(task, handler, parameters);
    }
    TaskResource.Service service = (TaskResource.Service) resource;
    TaskHandler handler = registry.service(service.key()).orElseThrow(
        () -> StatesError.runtime("no handler for service integration " + service.key()));
    return call(task, handler, parameters);
  }

  private JsonNode call(State.Task task, TaskHandler handler, JsonNode input)
      throws StatesError, InterruptedException {
    JsonNode copy = input.deepCopy();
    // A local handler never sends heartbeats, so HeartbeatSeconds bounds the whole call, before TimeoutSeconds.
    int seconds = task.heartbeatSeconds() > 0 ? task.heartbeatSeconds() : task.timeoutSeconds();
    if (seconds == 0) {
      try {
        return nonNull(handler.handle(copy));
      } catch (InterruptedException e) {
        throw e;
      } catch (Exception | LinkageError | AssertionError e) {
        throw translate(e);
      }
    }
    Future<JsonNode> future = pool.submit(() -> handler.handle(copy));
    try {
      return nonNull(future.get(seconds, TimeUnit.SECONDS));
    } catch (TimeoutException e) {
      future.cancel(true);
      boolean heartbeat = task.heartbeatSeconds() > 0;
      throw new StatesError(heartbeat ? StatesError.HEARTBEAT_TIMEOUT : StatesError.TIMEOUT,
          "Task did not complete within " + seconds + (heartbeat ? " heartbeat" : "") + " seconds");
    } catch (ExecutionException e) {
      throw translate(e.getCause());
    } catch (InterruptedException e) {
      future.cancel(true);
      throw e;
    }
  }

  private static JsonNode nonNull(JsonNode result) {
    return result == null ? NullNode.getInstance() : result;
  }

  /** How the Java Lambda runtime reports a failure: errorType is the exception's class name. */
  private static StatesError translate(Throwable failure) {
    if (failure instanceof TaskFailedException failed) {
      return new StatesError(failed.error(), failed.cause());
    }
    return new StatesError(failure.getClass().getName(), failure.getMessage());
  }
}
