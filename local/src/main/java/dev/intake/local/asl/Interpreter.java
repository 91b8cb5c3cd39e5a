package dev.intake.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Executes a machine state by state, with the Input and Output Processing of the States Language:
 * InputPath, Parameters, (the work), ResultSelector, ResultPath, OutputPath; and Retry and Catch
 * around the work of Task, Parallel and Map states.
 */
final class Interpreter {

  /** What the context object ({@code $$}) tells about the execution. */
  record Execution(String id, String name, JsonNode input, Instant startTime, String machineId, String machineName,
      HistoryRecorder history) {
  }

  /** A state's output and the state to go to next (null: its machine ends). */
  private record Step(JsonNode output, String next) {
  }

  /** One try of a state's work, returning the state's output before OutputPath. */
  @FunctionalInterface
  private interface Attempt {
    JsonNode run(JsonNode context) throws StatesError, InterruptedException;
  }

  private final TaskInvoker tasks;
  private final BranchRunner branches;
  private final IntrinsicFunctions intrinsics;
  private final Sleeper sleeper;
  private final Clock clock;
  private final Random random;

  Interpreter(TaskInvoker tasks, BranchRunner branches, Sleeper sleeper, Clock clock, Random random) {
    this.tasks = tasks;
    this.branches = branches;
    this.intrinsics = new IntrinsicFunctions(random);
    this.sleeper = sleeper;
    this.clock = clock;
    this.random = random;
  }

  /**
   * Runs {@code machine} on {@code input} and returns its output.
   *
   * @param scope shown with every StateEntered event of a branch or iteration; empty at top level
   * @throws StatesError the error the machine failed with
   * @throws InterruptedException the execution was stopped (a sibling branch failed, or shutdown)
   */
  JsonNode run(StateMachine machine, JsonNode input, Execution execution, String scope)
      throws StatesError, InterruptedException {
    String current = machine.startAt();
    JsonNode data = input;
    while (true) {
      if (Thread.interrupted()) {
        throw new InterruptedException("execution stopped");
      }
      State state = machine.state(current);
      Instant entered = clock.instant();
      execution.history().record(HistoryEventType.STATE_ENTERED, current, scope);
      Step step = execute(state, data, execution, entered);
      execution.history().record(HistoryEventType.STATE_EXITED, current,
          step.next() == null ? "end" : "next: " + step.next());
      if (step.next() == null) {
        return step.output();
      }
      data = step.output();
      current = step.next();
    }
  }

  private Step execute(State state, JsonNode input, Execution execution, Instant entered)
      throws StatesError, InterruptedException {
    JsonNode context = context(execution, state.name(), entered, 0);
    if (state instanceof State.Pass pass) {
      JsonNode effective = inputPath(pass.io(), input, context);
      if (pass.parameters() != null) {
        effective = pass.parameters().evaluate(effective, context, intrinsics);
      }
      JsonNode result = pass.result() != null ? pass.result().deepCopy() : effective;
      return new Step(outputPath(pass.io(), resultPath(pass.output().resultPath(), input, result), context),
          pass.next());
    }
    if (state instanceof State.Task task) {
      JsonNode effective = inputPath(task.io(), input, context);
      return handled(task.name(), task.io(), task.errors(), input, execution, entered, task.next(),
          ctx -> result(task.output(), input, invoke(task, effective, ctx, execution), ctx));
    }
    if (state instanceof State.Parallel parallel) {
      JsonNode effective = inputPath(parallel.io(), input, context);
      return handled(parallel.name(), parallel.io(), parallel.errors(), input, execution, entered, parallel.next(),
          ctx -> result(parallel.output(), input, parallel(parallel, effective, ctx, execution), ctx));
    }
    if (state instanceof State.Map map) {
      JsonNode effective = inputPath(map.io(), input, context);
      return handled(map.name(), map.io(), map.errors(), input, execution, entered, map.next(),
          ctx -> result(map.output(), input, map(map, effective, ctx, execution), ctx));
    }
    if (state instanceof State.Choice choice) {
      return choice(choice, input, context);
    }
    if (state instanceof State.Wait wait) {
      JsonNode effective = inputPath(wait.io(), input, context);
      Duration duration = waitDuration(wait.waitFor(), effective, context);
      execution.history().record(HistoryEventType.WAIT_STARTED, wait.name(), "waiting " + seconds(duration));
      sleeper.sleep(duration);
      return new Step(outputPath(wait.io(), effective, context), wait.next());
    }
    if (state instanceof State.Succeed succeed) {
      return new Step(outputPath(succeed.io(), inputPath(succeed.io(), input, context), context), null);
    }
    State.Fail fail = (State.Fail) state;
    throw new StatesError(failText(fail.error(), fail.errorPath(), input, context),
        failText(fail.cause(), fail.causePath(), input, context));
  }

  private JsonNode invoke(State.Task task, JsonNode effective, JsonNode context, Execution execution)
      throws StatesError, InterruptedException {
    JsonNode parameters = task.parameters() == null ? effective
        : task.parameters().evaluate(effective, context, intrinsics);
    execution.history().record(HistoryEventType.TASK_SCHEDULED, task.name(), task.resourceText());
    try {
      JsonNode result = tasks.invoke(task, parameters);
      execution.history().record(HistoryEventType.TASK_SUCCEEDED, task.name(), "");
      return result;
    } catch (StatesError e) {
      execution.history().record(HistoryEventType.TASK_FAILED, task.name(), describe(e));
      throw e;
    }
  }

  private JsonNode parallel(State.Parallel parallel, JsonNode effective, JsonNode context, Execution execution)
      throws StatesError, InterruptedException {
    JsonNode branchInput = parallel.parameters() == null ? effective
        : parallel.parameters().evaluate(effective, context, intrinsics);
    List<BranchRunner.Job> jobs = new ArrayList<>();
    for (int i = 0; i < parallel.branches().size(); i++) {
      StateMachine branch = parallel.branches().get(i);
      String scope = "branch " + (i + 1) + " of Parallel '" + parallel.name() + "'";
      jobs.add(() -> run(branch, branchInput, execution, scope));
    }
    return branches.runAll(jobs, jobs.size());
  }

  private JsonNode map(State.Map map, JsonNode effective, JsonNode context, Execution execution)
      throws StatesError, InterruptedException {
    JsonNode items = map.itemsPath().read(effective, context).orElse(null);
    if (items == null || !items.isArray()) {
      throw StatesError.runtime("Map state '" + map.name() + "': ItemsPath '" + map.itemsPath()
          + "' must select an array, found " + (items == null ? "nothing" : items.getNodeType()));
    }
    List<BranchRunner.Job> jobs = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      JsonNode itemInput = items.get(i);
      if (map.itemSelector() != null) {
        ObjectNode itemContext = context.deepCopy();
        ObjectNode item = itemContext.putObject("Map").putObject("Item");
        item.put("Index", i);
        item.set("Value", items.get(i));
        itemInput = map.itemSelector().evaluate(effective, itemContext, intrinsics);
      }
      JsonNode iterationInput = itemInput;
      String scope = "item " + i + " of Map '" + map.name() + "'";
      jobs.add(() -> run(map.processor(), iterationInput, execution, scope));
    }
    int limit = map.maxConcurrency() == 0 ? BranchRunner.DEFAULT_MAP_CONCURRENCY : map.maxConcurrency();
    return branches.runAll(jobs, limit);
  }

  private Step choice(State.Choice choice, JsonNode input, JsonNode context) throws StatesError {
    JsonNode effective = inputPath(choice.io(), input, context);
    String next = choice.defaultNext();
    for (State.ChoiceBranch branch : choice.choices()) {
      if (branch.rule().matches(effective, context)) {
        next = branch.next();
        break;
      }
    }
    if (next == null) {
      throw new StatesError(StatesError.NO_CHOICE_MATCHED,
          "No Choice Rule of state '" + choice.name() + "' matched and it has no Default");
    }
    return new Step(outputPath(choice.io(), effective, context), next);
  }

  /** Runs the work with the state's Retry and Catch; a caught error goes to the catcher's Next. */
  private Step handled(String stateName, State.Io io, State.Errors errors, JsonNode input, Execution execution,
      Instant entered, String next, Attempt attempt) throws StatesError, InterruptedException {
    int[] attempts = new int[errors.retriers().size()];
    int retryCount = 0;
    while (true) {
      JsonNode context = context(execution, stateName, entered, retryCount);
      try {
        return new Step(outputPath(io, attempt.run(context), context), next);
      } catch (StatesError e) {
        if (!e.handleable()) {
          throw e;
        }
        int index = firstRetrier(errors.retriers(), e.error());
        if (index >= 0 && attempts[index] < errors.retriers().get(index).maxAttempts()) {
          attempts[index]++;
          retryCount++;
          Retrier retrier = errors.retriers().get(index);
          Duration delay = retrier.delayBefore(attempts[index], random);
          execution.history().record(HistoryEventType.RETRY_SCHEDULED, stateName, "attempt " + attempts[index]
              + " of " + retrier.maxAttempts() + ", delay " + seconds(delay) + ", after " + describe(e));
          sleeper.sleep(delay);
          continue;
        }
        for (Catcher catcher : errors.catchers()) {
          if (catcher.matches(e.error())) {
            execution.history().record(HistoryEventType.CATCH_TAKEN, stateName,
                describe(e) + " -> " + catcher.next());
            ObjectNode errorOutput = Json.object();
            errorOutput.put("Error", e.error());
            if (e.cause() != null) {
              errorOutput.put("Cause", e.cause());
            }
            return new Step(resultPath(catcher.resultPath(), input, errorOutput), catcher.next());
          }
        }
        throw e;
      }
    }
  }

  private static int firstRetrier(List<Retrier> retriers, String error) {
    for (int i = 0; i < retriers.size(); i++) {
      if (retriers.get(i).matches(error)) {
        return i;
      }
    }
    return -1;
  }

  private JsonNode result(State.Result output, JsonNode input, JsonNode raw, JsonNode context) throws StatesError {
    JsonNode selected = output.resultSelector() == null ? raw
        : output.resultSelector().evaluate(raw, context, intrinsics);
    return resultPath(output.resultPath(), input, selected);
  }

  private static JsonNode inputPath(State.Io io, JsonNode input, JsonNode context) throws StatesError {
    return select(io.inputPath(), "InputPath", input, context);
  }

  private static JsonNode outputPath(State.Io io, JsonNode output, JsonNode context) throws StatesError {
    return select(io.outputPath(), "OutputPath", output, context);
  }

  private static JsonNode select(JsonPath path, String field, JsonNode data, JsonNode context) throws StatesError {
    if (path == null) {
      return Json.object();
    }
    return path.read(data, context).orElseThrow(() -> StatesError.runtime(
        "Invalid path '" + path + "' : No results for " + field));
  }

  private static JsonNode resultPath(JsonPath path, JsonNode input, JsonNode result) throws StatesError {
    if (path == null) {
      return input;
    }
    try {
      return path.write(input, result);
    } catch (JsonPath.WriteFailure e) {
      throw new StatesError(StatesError.RESULT_PATH_MATCH_FAILURE,
          "Unable to apply ResultPath '" + path + "': " + e.getMessage());
    }
  }

  private Duration waitDuration(State.WaitFor waitFor, JsonNode effective, JsonNode context) throws StatesError {
    if (waitFor instanceof State.Seconds seconds) {
      return Duration.ofSeconds(seconds.seconds());
    }
    if (waitFor instanceof State.Until until) {
      return untilDuration(until.timestamp());
    }
    if (waitFor instanceof State.SecondsPath secondsPath) {
      JsonNode value = secondsPath.path().read(effective, context).orElse(null);
      if (value == null || !value.isIntegralNumber() || value.longValue() < 0) {
        throw StatesError.runtime("SecondsPath '" + secondsPath.path() + "' must select a non-negative integer, found "
            + value);
      }
      return Duration.ofSeconds(value.longValue());
    }
    JsonPath path = ((State.UntilPath) waitFor).path();
    JsonNode value = path.read(effective, context).orElse(null);
    Instant until = value == null || !value.isTextual() ? null : Timestamps.parse(value.asText()).orElse(null);
    if (until == null) {
      throw StatesError.runtime("TimestampPath '" + path + "' must select an RFC 3339 timestamp, found " + value);
    }
    return untilDuration(until);
  }

  private Duration untilDuration(Instant until) {
    Duration duration = Duration.between(clock.instant(), until);
    return duration.isNegative() ? Duration.ZERO : duration;
  }

  private String failText(String fixed, Expression expression, JsonNode input, JsonNode context)
      throws StatesError {
    if (expression == null) {
      return fixed;
    }
    JsonNode value = expression.evaluate(input, context, intrinsics).orElse(null);
    if (value == null || !value.isTextual()) {
      throw StatesError.runtime("Fail state path '" + expression + "' must select a string, found " + value);
    }
    return value.asText();
  }

  private static JsonNode context(Execution execution, String stateName, Instant entered, int retryCount) {
    ObjectNode context = Json.object();
    ObjectNode run = context.putObject("Execution");
    run.put("Id", execution.id());
    run.set("Input", execution.input());
    run.put("Name", execution.name());
    run.put("StartTime", Json.timestamp(execution.startTime()));
    ObjectNode machine = context.putObject("StateMachine");
    machine.put("Id", execution.machineId());
    machine.put("Name", execution.machineName());
    ObjectNode state = context.putObject("State");
    state.put("Name", stateName);
    state.put("EnteredTime", Json.timestamp(entered));
    state.put("RetryCount", retryCount);
    return context;
  }

  private static String describe(StatesError e) {
    return e.error() + (e.cause() == null ? "" : ": " + e.cause());
  }

  private static String seconds(Duration duration) {
    return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + "s" : duration.toMillis() / 1000.0 + "s";
  }

  /** Exposed for the runner's ExecutionFailed detail. */
  static String describeFailure(StatesError e) {
    return describe(e);
  }
}
