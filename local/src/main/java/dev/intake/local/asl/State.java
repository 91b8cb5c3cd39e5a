package dev.intake.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/**
 * The states the runner implements, as parsed and validated from the definition. A {@code next}
 * of null means the state ends its machine ({@code "End": true}).
 */
sealed interface State {

  String name();

  /**
   * InputPath and OutputPath. A null path stands for the JSON null of the definition (the state
   * sees, or passes on, an empty object); an absent field is {@code $}.
   */
  record Io(JsonPath inputPath, JsonPath outputPath) {
  }

  /** Retry and Catch. */
  record Errors(List<Retrier> retriers, List<Catcher> catchers) {

    static final Errors NONE = new Errors(List.of(), List.of());

    public Errors {
      retriers = List.copyOf(retriers);
      catchers = List.copyOf(catchers);
    }
  }

  /**
   * Where the result goes. {@code resultPath} null discards the result (the output is the input);
   * {@code resultSelector} may be null.
   */
  record Result(PayloadTemplate resultSelector, JsonPath resultPath) {
  }

  /** Pass: {@code result} (may be null) replaces the effective input as the state's result. */
  record Pass(String name, Io io, PayloadTemplate parameters, JsonNode result, Result output, String next)
      implements State {
  }

  /** Task. {@code timeoutSeconds} and {@code heartbeatSeconds} are 0 when absent. */
  record Task(String name, Io io, TaskResource resource, String resourceText, PayloadTemplate parameters,
      Result output, Errors errors, int timeoutSeconds, int heartbeatSeconds, String next) implements State {
  }

  /** One rule of a Choice state with its target. */
  record ChoiceBranch(ChoiceRule rule, String next) {
  }

  /** Choice; {@code defaultNext} may be null. */
  record Choice(String name, Io io, List<ChoiceBranch> choices, String defaultNext) implements State {

    public Choice {
      choices = List.copyOf(choices);
    }
  }

  /** How long a Wait state waits. */
  sealed interface WaitFor {
  }

  /** {@code Seconds}. */
  record Seconds(long seconds) implements WaitFor {
  }

  /** {@code SecondsPath}. */
  record SecondsPath(JsonPath path) implements WaitFor {
  }

  /** {@code Timestamp}. */
  record Until(Instant timestamp) implements WaitFor {
  }

  /** {@code TimestampPath}. */
  record UntilPath(JsonPath path) implements WaitFor {
  }

  /** Wait. */
  record Wait(String name, Io io, WaitFor waitFor, String next) implements State {
  }

  /** Succeed. */
  record Succeed(String name, Io io) implements State {
  }

  /** Fail: each of error and cause is fixed, computed by an expression, or absent (both null). */
  record Fail(String name, String error, Expression errorPath, String cause, Expression causePath) implements State {
  }

  /** Parallel: every branch gets the same input; the result is the array of branch outputs. */
  record Parallel(String name, Io io, List<StateMachine> branches, PayloadTemplate parameters, Result output,
      Errors errors, String next) implements State {

    public Parallel {
      branches = List.copyOf(branches);
    }
  }

  /**
   * Map (inline): runs {@code processor} for each item of the array at {@code itemsPath}, at most
   * {@code maxConcurrency} at a time (0: no limit of its own); the result is the array of outputs.
   * {@code itemSelector} (ItemSelector, or the legacy Parameters) may be null.
   */
  record Map(String name, Io io, StateMachine processor, JsonPath itemsPath, PayloadTemplate itemSelector,
      int maxConcurrency, Result output, Errors errors, String next) implements State {
  }
}
