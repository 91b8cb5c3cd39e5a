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

  /** The most letters and digits a placeholder has ("not applicable"). */
  private static final int LONGEST = 13;

  /**
   * True when an ASCII text has more letters and digits than any placeholder, so it is none and not
   * only punctuation: most answers, told without folding and splitting them (for ASCII, the letters
   * and digits are exactly what the words below keep).
   */
  private static boolean longerThanAnyPlaceholder(String raw) {
    if (raw == null) {
      return false;
    }
    int kept = 0;
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c >= 0x80) {
        return false;
      }
      if ((c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') && ++kept > LONGEST) {
        return true;
      }
    }
    return false;
  }

  /** True when the text is only punctuation, or one of the placeholders above. */
  static boolean placeholder(String raw) {
    if (longerThanAnyPlaceholder(raw)) {
      return false;
    }
    String folded = Text.fold(raw);
    String words = Values.words(folded);
    return words.isEmpty() || PLACEHOLDERS.contains(words);
  }
}
