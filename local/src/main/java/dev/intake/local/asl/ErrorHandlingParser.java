package dev.intake.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Parses the Retry and Catch fields of a Task, Parallel or Map state. */
final class ErrorHandlingParser {

  private static final Set<String> RETRIER_FIELDS = Set.of("ErrorEquals", "IntervalSeconds", "MaxAttempts",
      "BackoffRate", "MaxDelaySeconds", "JitterStrategy", "Comment");
  private static final Set<String> CATCHER_FIELDS = Set.of("ErrorEquals", "Next", "ResultPath", "Comment");

  private ErrorHandlingParser() {
  }

  static State.Errors parse(Fields state) {
    return new State.Errors(retriers(state), catchers(state));
  }

  private static List<Retrier> retriers(Fields state) {
    JsonNode retry = state.array("Retry");
    List<Retrier> retriers = new ArrayList<>();
    for (int i = 0; retry != null && i < retry.size(); i++) {
      Fields fields = new Fields(retry.get(i), state.where() + " Retry[" + i + "]");
      fields.allowOnly(RETRIER_FIELDS);
      List<String> errors = errorEquals(fields, i == retry.size() - 1);
      String jitter = fields.string("JitterStrategy");
      if (jitter != null && !jitter.equals("FULL") && !jitter.equals("NONE")) {
        throw fields.error("JitterStrategy", "must be FULL or NONE");
      }
      retriers.add(new Retrier(errors,
          fields.integer("IntervalSeconds", 1, Retrier.DEFAULT_INTERVAL_SECONDS),
          fields.integer("MaxAttempts", 0, Retrier.DEFAULT_MAX_ATTEMPTS),
          fields.number("BackoffRate", 1.0, Retrier.DEFAULT_BACKOFF_RATE),
          fields.integer("MaxDelaySeconds", 1, 0),
          jitter == null ? Retrier.Jitter.NONE : Retrier.Jitter.valueOf(jitter)));
    }
    return retriers;
  }

  private static List<Catcher> catchers(Fields state) {
    JsonNode catchField = state.array("Catch");
    List<Catcher> catchers = new ArrayList<>();
    for (int i = 0; catchField != null && i < catchField.size(); i++) {
      Fields fields = new Fields(catchField.get(i), state.where() + " Catch[" + i + "]");
      fields.allowOnly(CATCHER_FIELDS);
      List<String> errors = errorEquals(fields, i == catchField.size() - 1);
      catchers.add(new Catcher(errors, fields.requiredString("Next"), fields.path("ResultPath", false)));
    }
    return catchers;
  }

  private static List<String> errorEquals(Fields fields, boolean last) {
    JsonNode names = fields.container("ErrorEquals", true);
    if (names == null) {
      throw fields.error("ErrorEquals", "is required");
    }
    List<String> errors = new ArrayList<>();
    for (JsonNode name : names) {
      if (!name.isTextual() || name.asText().isEmpty()) {
        throw fields.error("ErrorEquals", "must hold non-empty strings");
      }
      String error = name.asText();
      if (error.startsWith("States.") && !ErrorNames.PREDEFINED.contains(error)) {
        throw fields.error("ErrorEquals", "names '" + error + "', which is not a predefined States error");
      }
      errors.add(error);
    }
    if (errors.contains(StatesError.ALL) && (errors.size() > 1 || !last)) {
      throw fields.error("ErrorEquals", "may use States.ALL only alone and in the last entry");
    }
    return errors;
  }
}
