package dev.intake.model;

import java.text.Normalizer;

/** Helpers for putting partner-supplied text into messages safely. */
public final class Text {

  private static final int QUOTE_LIMIT = 80;

  private Text() {
  }

  /**
   * The text as it may appear inside a message: control, bidirectional and zero-width characters
   * removed (they can hide or reorder what a reader sees), and at most 80 characters.
   */
  public static String quote(String raw) {
    String clean = visible(raw);
    if (clean.length() > QUOTE_LIMIT) {
      clean = clean.substring(0, QUOTE_LIMIT - 1) + "…";
    }
    return "'" + clean + "'";
  }

  /** Removes control (Cc) and format (Cf: zero-width, bidi) characters and trims. */
  public static String visible(String raw) {
    if (raw == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(raw.length());
    raw.codePoints().forEach(cp -> {
      int type = Character.getType(cp);
      if (type == Character.CONTROL || type == Character.FORMAT) {
        if (cp == '\n' || cp == '\t') {
          out.append(' ');
        }
        return;
      }
      out.appendCodePoint(cp);
    });
    return out.toString().strip();
  }

  /** Case-, width- and accent-insensitive form used to compare names and headers. */
  public static String fold(String raw) {
    String s = Normalizer.normalize(visible(raw), Normalizer.Form.NFKD);
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.getType(c) == Character.NON_SPACING_MARK) {
        continue;
      }
      out.append(Character.toLowerCase(c));
    }
    return out.toString();
  }

  /** Only letters and digits of {@link #fold}: "Go-live date " becomes "golivedate". */
  public static String key(String raw) {
    String folded = fold(raw);
    StringBuilder out = new StringBuilder(folded.length());
    for (int i = 0; i < folded.length(); i++) {
      char c = folded.charAt(i);
      if (Character.isLetterOrDigit(c) || c == '#') {
        out.append(c);
      }
    }
    return out.toString();
  }
}
