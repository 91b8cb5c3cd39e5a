package dev.intake.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/** A value computed at run time: a path or an intrinsic function call, parsed at load time. */
final class Expression {

  private final String text;
  private final JsonPath path;
  private final Intrinsic.Call call;

  private Expression(String text, JsonPath path, Intrinsic.Call call) {
    this.text = text;
    this.path = path;
    this.call = call;
  }

  /** Parses {@code $...}, {@code $$...} or {@code States.Fn(...)}; anything else is rejected. */
  static Expression compile(String text) {
    if (text.startsWith("$")) {
      return new Expression(text, JsonPath.parse(text), null);
    }
    if (text.startsWith("States.")) {
      return new Expression(text, null, IntrinsicParser.parse(text));
    }
    throw new IllegalArgumentException(
        "'" + text + "' is neither a path ($...) nor an intrinsic function (States....)");
  }

  /** Empty when a path selects nothing; an intrinsic that fails throws States.IntrinsicFailure. */
  Optional<JsonNode> evaluate(JsonNode data, JsonNode context, IntrinsicFunctions intrinsics) throws StatesError {
    if (path != null) {
      return path.read(data, context);
    }
    return Optional.of(intrinsics.evaluate(call, data, context));
  }

  @Override
  public String toString() {
    return text;
  }
}
