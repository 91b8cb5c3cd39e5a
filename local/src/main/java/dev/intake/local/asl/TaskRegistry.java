package dev.intake.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Maps Task resources to in-process handlers: Lambda functions by the name or ARN the definition
 * uses (the FunctionName of {@code arn:aws:states:::lambda:invoke}, or a function ARN used as the
 * Resource), and service integrations by {@code service:action} (e.g. {@code sns:publish}).
 */
public final class TaskRegistry {

  private final Map<String, TaskHandler> functions = new ConcurrentHashMap<>();
  private final Map<String, TaskHandler> services = new ConcurrentHashMap<>();

  /** Registers the handler for a Lambda function, by the exact string the definition names it by. */
  public TaskRegistry function(String functionNameOrArn, TaskHandler handler) {
    functions.put(functionNameOrArn, handler);
    return this;
  }

  /** Registers the handler of a service integration such as {@code sns:publish}; it gets the Parameters. */
  public TaskRegistry service(String serviceAction, TaskHandler handler) {
    services.put(serviceAction, handler);
    return this;
  }

  /**
   * Registers {@code sns:publish}: {@code sink} receives the resolved Parameters (TopicArn, Message,
   * Subject, MessageAttributes) and the state's result is {@code {"MessageId": "<uuid>"}}.
   */
  public TaskRegistry snsPublish(Consumer<JsonNode> sink) {
    return service("sns:publish", parameters -> {
      sink.accept(parameters);
      return Json.object().put("MessageId", UUID.randomUUID().toString());
    });
  }

  Optional<TaskHandler> function(String functionNameOrArn) {
    return Optional.ofNullable(functions.get(functionNameOrArn));
  }

  Optional<TaskHandler> service(String serviceAction) {
    return Optional.ofNullable(services.get(serviceAction));
  }

  /**
   * Fails when a Task of the definition names a function or service with no handler, so a missing
   * registration shows when the runner is built, not in the middle of an execution. A FunctionName
   * computed at run time ({@code FunctionName.$}) can only be checked when it is invoked.
   */
  void checkCovers(StateMachineDefinition definition) {
    List<String> missing = new ArrayList<>();
    for (State.Task task : definition.tasks()) {
      TaskResource resource = task.resource();
      if (resource instanceof TaskResource.Function function && !functions.containsKey(function.arn())) {
        missing.add("State '" + task.name() + "': no handler for function " + function.arn());
      } else if (resource instanceof TaskResource.Service service && !services.containsKey(service.key())) {
        missing.add("State '" + task.name() + "': no handler for service integration " + service.key());
      } else if (resource instanceof TaskResource.LambdaInvoke) {
        JsonNode name = task.parameters().literal("FunctionName");
        if (name != null && !functions.containsKey(name.asText())) {
          missing.add("State '" + task.name() + "': no handler for function " + name.asText());
        }
      }
    }
    if (!missing.isEmpty()) {
      throw new DefinitionException(String.join("; ", missing));
    }
  }
}
