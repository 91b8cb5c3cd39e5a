package dev.intake.local.asl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeoutException;

/** Runs a definition to completion with an instant sleeper and a fixed clock. */
final class Harness {

  static final Instant NOW = Instant.parse("2024-05-01T10:00:00Z");
  static final Duration HANG_GUARD = Duration.ofSeconds(20);
  private static final ObjectMapper MAPPER = new ObjectMapper();

  final RecordingSleeper sleeper = new RecordingSleeper();
  final TaskRegistry registry = new TaskRegistry();
  Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
  Map<String, String> substitutions = Map.of();

  /** The end of one execution and its history. */
  record Outcome(ExecutionDescription description, List<HistoryEvent> history) {

    JsonNode output() {
      return description.output();
    }

    String error() {
      return description.error();
    }

    ExecutionStatus status() {
      return description.status();
    }
  }

  static JsonNode json(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  Harness function(String name, TaskHandler handler) {
    registry.function(name, handler);
    return this;
  }

  Outcome run(String asl, String input) {
    StateMachineDefinition definition = StateMachineDefinition.load(asl, substitutions);
    try (StepFunctionsRunner runner = StepFunctionsRunner.builder(definition, registry)
        .sleeper(sleeper).clock(clock).random(new Random(42)).stateMachineName("Spec").build()) {
      runner.startExecution("run-1", json(input));
      ExecutionDescription description = runner.awaitCompletion("run-1", HANG_GUARD);
      return new Outcome(description, runner.history("run-1"));
    } catch (InterruptedException | TimeoutException e) {
      throw new AssertionError("the execution did not finish", e);
    }
  }
}
