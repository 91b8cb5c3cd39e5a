package dev.intake.rules;

import dev.intake.model.Text;
import java.util.Set;

/**
 * What does not count as evidence in the Self-Assessment's Evidence column: a placeholder that says
 * nothing about where the evidence is ("-", "n/a", "TBD", "yes", "x"…). This is our reading of
 * "AWS Partner must complete all sections", not a list the checklist gives, so it lives here and
 * not in the checklist data: a new checklist version does not change what a placeholder is.
 */
final class Evidence {

  /** Placeholders, as their letters and digits in lower case with single spaces ("N/A" is "na"). */
  private static final Set<String> PLACEHOLDERS = Set.of(
      "na", "n a", "not applicable", "none", "nil", "null", "nothing", "tbd", "tba", "tbc", "todo", "to do",
      "pending", "wip", "yes", "y", "no", "n", "x", "xx", "ok", "okay", "met", "done", "true", "see above",
      "as above", "same as above", "ditto", "same", "0");

  private Evidence() {
  }

  /** True when the text is only punctuation, or one of the placeholders above. */
  static boolean placeholder(String raw) {
    String words = String.join(" ", Values.NOT_ALPHANUMERIC.split(Text.fold(raw))).strip();
    return words.isEmpty() || PLACEHOLDERS.contains(words);
  }
}
