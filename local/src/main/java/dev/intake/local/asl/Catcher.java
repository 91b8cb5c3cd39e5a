package dev.intake.local.asl;

import java.util.List;

/**
 * One entry of a state's Catch field.
 *
 * @param resultPath where the error output goes in the state's input; null discards it
 */
record Catcher(List<String> errorEquals, String next, JsonPath resultPath) {

  Catcher {
    errorEquals = List.copyOf(errorEquals);
  }

  boolean matches(String error) {
    return ErrorNames.matches(errorEquals, error);
  }
}
