package dev.intake.model;

import java.text.Normalizer;

/** Helpers for putting partner-supplied text into messages safely. */
public final class Text {

  private static final int QUOTE_LIMIT = 80;

  private Text() {
  }

  /**
   * The text as it may appear inside a message: hidden characters ({@link #isHidden}) removed (they
   * can hide or reorder what a reader sees), and at most 80 characters.
   */
  public static String quote(String raw) {
    String clean = visible(raw);
    if (clean.length() > QUOTE_LIMIT) {
      clean = clean.substring(0, QUOTE_LIMIT - 1) + "…";
    }
    return "'" + clean + "'";
  }

  /**
   * One line of partner text as the system keeps and shows it: every {@linkplain #isHidden hidden}
   * character removed, line breaks and tabs (also U+2028 and U+2029) turned into spaces, trimmed.
   * This is the one function partner text passes where it enters the records (the partner profile,
   * the file name of an upload, the names quoted in findings).
   */
  public static String visible(String raw) {
    if (raw == null) {
      return "";
    }
    if (keptAsIs(raw)) {
      return raw.strip();
    }
    // A plain loop over code points, not a stream: this runs for every cell a rule or header looks at.
    StringBuilder out = new StringBuilder(raw.length());
    for (int i = 0; i < raw.length(); ) {
      int cp = raw.codePointAt(i);
      i += Character.charCount(cp);
      if (cp == '\n' || cp == '\t' || cp == '\u2028' || cp == '\u2029') {
        out.append(' ');
      } else if (!isHidden(cp)) {
        out.appendCodePoint(cp);
      }
    }
    return out.toString().strip();
  }

  /**
   * Text on its way out of the system (an API body, the report JSON, a notification) with every
   * {@linkplain #isHidden hidden} character removed but its layout kept: tabs, line feeds and carriage
   * returns stay, U+2028 and U+2029 become spaces. The guard behind {@link #visible}: what a new
   * output forgets to clean at the source is still cleaned here. Removing characters never breaks
   * JSON text, since none of them is JSON syntax and a JSON writer escapes the controls it writes in
   * strings; so it is safe on a whole JSON document.
   */
  public static String printable(String raw) {
    if (raw == null) {
      return null;
    }
    int i = 0;
    while (i < raw.length() && plain(raw.charAt(i))) {
      i++;
    }
    if (i == raw.length()) {
      return raw;
    }
    StringBuilder out = new StringBuilder(raw.length()).append(raw, 0, i);
    while (i < raw.length()) {
      int cp = raw.codePointAt(i);
      i += Character.charCount(cp);
      if (cp == '\u2028' || cp == '\u2029') {
        out.append(' ');
      } else if (cp == '\n' || cp == '\r' || cp == '\t' || !isHidden(cp)) {
        out.appendCodePoint(cp);
      }
    }
    return out.toString();
  }

  /**
   * True when {@link #visible} keeps every character as it is (no line break, tab, separator or hidden
   * character), so that it only strips the ends: most cells, checked without building a copy.
   */
  private static boolean keptAsIs(String raw) {
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c >= 0x20 && c < 0x7F) {
        continue;
      }
      // Any surrogate takes the code-point loop (a pair is judged as one character there).
      if (c < 0x80 || Character.isSurrogate(c) || isHidden(c) || c == '\u2028' || c == '\u2029') {
        return false;
      }
    }
    return true;
  }

  /** Printable ASCII or a tab, line feed or carriage return: what {@link #printable} keeps as it is. */
  private static boolean plain(char c) {
    return c >= 0x20 && c < 0x7F || c == '\n' || c == '\r' || c == '\t';
  }

  /**
   * True for a code point that shows as nothing (or nothing reliable) yet can change what a reader
   * sees: the characters of "Trojan Source" (CVE-2021-42574) and of Unicode's guidance on them
   * (UTS #55, UTR #36), which are
   * <ul>
   *   <li>controls (Cc), e.g. a terminal's escape or a carriage return;</li>
   *   <li>format characters (Cf): the bidirectional embeddings, overrides and isolates U+202A–U+202E
   *       and U+2066–U+2069, the marks U+200E, U+200F and U+061C, the zero-width U+200B–U+200D,
   *       U+2060–U+2064 and U+FEFF, the soft hyphen U+00AD, the tag characters U+E0001–U+E007F, the
   *       Mongolian vowel separator, the interlinear annotation marks and the rest of Cf;</li>
   *   <li>unpaired surrogates (Cs), which are no character at all;</li>
   *   <li>the line and paragraph separators U+2028 and U+2029, which end a bidirectional paragraph;</li>
   *   <li>the other default-ignorable code points (Unicode's Default_Ignorable_Code_Point), which a
   *       renderer draws as nothing: the combining grapheme joiner U+034F, the Hangul fillers U+115F,
   *       U+1160, U+3164 and U+FFA0 (invisible letters), the Khmer inherent vowels U+17B4 and U+17B5,
   *       the Mongolian free variation selectors U+180B–U+180F, the variation selectors U+FE00–U+FE0F
   *       and U+E0100–U+E01EF, and the reserved U+2065, U+FFF0–U+FFF8 and U+E0000–U+E0FFF.</li>
   * </ul>
   * Letters of right-to-left scripts are not hidden: a partner's name may be written in one.
   */
  public static boolean isHidden(int cp) {
    if (cp < 0x80) {
      return cp < 0x20 || cp == 0x7F;
    }
    switch (Character.getType(cp)) {
      case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.LINE_SEPARATOR,
          Character.PARAGRAPH_SEPARATOR -> {
        return true;
      }
      default -> {
        return cp == 0x034F || cp == 0x115F || cp == 0x1160 || cp == 0x17B4 || cp == 0x17B5
            || cp >= 0x180B && cp <= 0x180F || cp == 0x2065 || cp == 0x3164 || cp >= 0xFE00 && cp <= 0xFE0F
            || cp == 0xFFA0 || cp >= 0xFFF0 && cp <= 0xFFF8 || cp >= 0xE0000 && cp <= 0xE0FFF;
      }
    }
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
