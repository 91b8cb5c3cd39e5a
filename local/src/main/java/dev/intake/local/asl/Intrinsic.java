package dev.intake.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** A parsed intrinsic function expression such as {@code States.Format('{}', $.a)}. */
sealed interface Intrinsic {

  /**
   * A literal argument. {@code raw} keeps a string literal as written between the quotes (with its
   * backslash escapes) because States.Format tells an escaped {@code \{} from a placeholder.
   */
  record Literal(JsonNode value, String raw) implements Intrinsic {
  }

  /** A path argument, read from the state's data or the context object. */
  record PathArgument(JsonPath path) implements Intrinsic {
  }

  /** A function call; arguments may be nested calls. */
  record Call(String name, List<Intrinsic> arguments) implements Intrinsic {

    public Call {
      arguments = List.copyOf(arguments);
    }
  }
}
