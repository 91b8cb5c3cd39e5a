package dev.intake.rules;

import dev.intake.model.CellValue;
import dev.intake.model.Text;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Reading the enumerated answers of the template tolerantly. */
final class Values {

  enum YesNo { YES, NO, BLANK, OTHER }

  private static final Set<String> YES = Set.of("yes", "y", "true", "1", "x", "✓", "✔", "si", "oui", "ja");
  private static final Set<String> NO = Set.of("no", "n", "false", "0", "non", "nein");

  private static final Pattern NOT_YES_NO = Pattern.compile("[^\\p{L}\\p{N}✓✔]");
  /** Runs of anything but letters and digits: what separates words in the names the rules compare. */
  static final Pattern NOT_ALPHANUMERIC = Pattern.compile("[^\\p{L}\\p{N}]+");

  private Values() {
  }

  /**
   * The words (runs of letters and digits) of folded text, joined by single spaces: how the rules
   * compare names and answers whatever punctuation and spacing the partner used.
   */
  static String words(String folded) {
    if (!Text.ascii(folded)) {
      return String.join(" ", NOT_ALPHANUMERIC.split(folded)).strip();
    }
    // The same words without the regular expression, for the usual case: in ASCII, \p{L} and \p{N}
    // are the letters and digits. This runs for every evidence cell and certification row.
    StringBuilder out = new StringBuilder(folded.length());
    boolean inWord = false;
    for (int i = 0; i < folded.length(); i++) {
      char c = folded.charAt(i);
      if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
        if (!inWord && out.length() > 0) {
          out.append(' ');
        }
        out.append(c);
        inWord = true;
      } else {
        inWord = false;
      }
    }
    return out.toString();
  }

  static YesNo yesNo(CellValue v) {
    String k = NOT_YES_NO.matcher(Text.fold(v.text())).replaceAll("");
    if (k.isEmpty()) {
      return YesNo.BLANK;
    }
    if (YES.contains(k)) {
      return YesNo.YES;
    }
    if (NO.contains(k)) {
      return YesNo.NO;
    }
    return YesNo.OTHER;
  }

  private static final Set<String> FILLER = Set.of("aws", "tier", "stage", "partner", "services", "service",
      "path", "level", "consulting", "the", "apn");

  /**
   * The entry of {@code allowed} the value names, ignoring case, spacing, dashes and words such as
   * "Tier" or "stage" ("Advanced Tier", "Validated stage"); null when it names none.
   */
  static String oneOf(CellValue v, List<String> allowed) {
    String k = Text.key(v.text());
    String core = String.join("", java.util.Arrays.stream(NOT_ALPHANUMERIC.split(Text.fold(v.text())))
        .filter(t -> !t.isEmpty() && !FILLER.contains(t))
        .toList());
    for (String a : allowed) {
      String ak = Text.key(a);
      if (ak.equals(k) || ak.equals(core)) {
        return a;
      }
    }
    return null;
  }

  enum Response { MET, NOT_MET, NOT_APPLICABLE, BLANK, OTHER }

  static Response response(CellValue v) {
    String k = Text.key(v.text());
    return switch (k) {
      case "" -> Response.BLANK;
      case "met", "yes", "compliant", "y" -> Response.MET;
      case "notmet", "no", "unmet", "n", "notcompliant", "noncompliant" -> Response.NOT_MET;
      case "na", "notapplicable", "n/a" -> Response.NOT_APPLICABLE;
      default -> Response.OTHER;
    };
  }

  /** Alternatives for messages: "a", "a or b", "a, b or c". */
  static String list(List<String> values) {
    return join(values, " or ");
  }

  /** Every one of them, for messages: "a", "a and b", "a, b and c". */
  static String all(List<String> values) {
    return join(values, " and ");
  }

  private static String join(List<String> values, String last) {
    if (values.size() <= 1) {
      return String.join("", values);
    }
    return String.join(", ", values.subList(0, values.size() - 1)) + last + values.get(values.size() - 1);
  }

  static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
