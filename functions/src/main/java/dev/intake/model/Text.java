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
    // A plain loop over code points, not a stream: this runs for every cell a rule or header looks at.
    StringBuilder out = new StringBuilder(raw.length());
    for (int i = 0; i < raw.length(); ) {
      int cp = raw.codePointAt(i);
      i += Character.charCount(cp);
      int type = Character.getType(cp);
      if (type == Character.CONTROL || type == Character.FORMAT) {
        if (cp == '\n' || cp == '\t') {
          out.append(' ');
        }
        continue;
      }
      out.appendCodePoint(cp);
    }
    return out.toString().strip();
  }

  /** Case-, width- and accent-insensitive form used to compare names and headers. */
  public static String fold(String raw) {
    String v = visible(raw);
    // NFKD leaves ASCII as it is and ASCII has no combining marks: most cells skip the normaliser.
    String s = ascii(v) ? v : Normalizer.normalize(v, Normalizer.Form.NFKD);
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

  /** True when every character is ASCII, so the general Unicode paths can be skipped. */
  public static boolean ascii(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  /**
   * {@link #key(String)} when it has at most {@code maxLength} characters, else null: for looking a
   * text up among short keys (headers) without building the key of a long text in full.
   */
  public static String key(String raw, int maxLength) {
    if (raw != null) {
      // Every ASCII letter, digit or '#' of the text stays one character of its key, whatever else
      // the text holds (NFKD leaves ASCII alone, and only controls, formats and marks are removed):
      // counting them gives a lower bound on the key's length without normalising anything.
      int length = 0;
      for (int i = 0; i < raw.length(); i++) {
        char c = raw.charAt(i);
        boolean kept = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '#';
        if (kept && ++length > maxLength) {
          return null;
        }
      }
    }
    String key = key(raw);
    return key.length() <= maxLength ? key : null;
  }

  /** Only letters and digits of {@link #fold}: "Go-live date " becomes "golivedate". */
  public static String key(String raw) {
    if (raw != null && ascii(raw)) {
      // What the general path gives for ASCII, in one pass: control characters and spaces are neither
      // letters nor digits, NFKD and accent removal change nothing, lower case is ASCII's.
      StringBuilder out = new StringBuilder(raw.length());
      for (int i = 0; i < raw.length(); i++) {
        char c = raw.charAt(i);
        if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '#') {
          out.append(c);
        } else if (c >= 'A' && c <= 'Z') {
          out.append((char) (c + ('a' - 'A')));
        }
      }
      return out.toString();
    }
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
