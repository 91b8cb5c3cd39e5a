package dev.intake.web;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import java.util.Map;

/**
 * The readable text of a page, crudely: the rule only looks for names in it. Decoded by the
 * Content-Type charset (UTF-8 otherwise); for HTML, scripts, styles, comments and tags are dropped
 * and common entities decoded. One linear pass, so a hostile page cannot make it slow.
 */
final class TextExtractor {

  private static final Map<String, String> ENTITIES = Map.ofEntries(
      Map.entry("amp", "&"), Map.entry("lt", "<"), Map.entry("gt", ">"), Map.entry("quot", "\""),
      Map.entry("apos", "'"), Map.entry("nbsp", " "), Map.entry("copy", "\u00a9"), Map.entry("reg", "\u00ae"),
      Map.entry("trade", "\u2122"), Map.entry("ndash", "\u2013"), Map.entry("mdash", "\u2014"),
      Map.entry("rsquo", "\u2019"), Map.entry("lsquo", "\u2018"), Map.entry("ldquo", "\u201c"),
      Map.entry("rdquo", "\u201d"), Map.entry("hellip", "\u2026"));

  private TextExtractor() {
  }

  static String text(byte[] body, String contentType, int maxChars) {
    String decoded = new String(body, charset(contentType));
    String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
    boolean html = type.isBlank() || type.contains("html") || type.contains("xml");
    String text = html ? stripHtml(decoded) : decoded;
    String collapsed = text.replaceAll("\\s+", " ").strip();
    return collapsed.length() <= maxChars ? collapsed : collapsed.substring(0, maxChars);
  }

  static Charset charset(String contentType) {
    if (contentType == null) {
      return StandardCharsets.UTF_8;
    }
    for (String parameter : contentType.split(";")) {
      int eq = parameter.indexOf('=');
      if (eq > 0 && parameter.substring(0, eq).strip().equalsIgnoreCase("charset")) {
        String name = parameter.substring(eq + 1).strip().replace("\"", "").replace("'", "");
        try {
          return Charset.forName(name);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
          return StandardCharsets.UTF_8;
        }
      }
    }
    return StandardCharsets.UTF_8;
  }

  static String stripHtml(String html) {
    // ASCII folding keeps indexes aligned with the original (some characters change length otherwise).
    String lower = asciiLower(html);
    StringBuilder out = new StringBuilder(html.length() / 2);
    int i = 0;
    int n = html.length();
    while (i < n) {
      char c = html.charAt(i);
      if (c == '&') {
        i = entity(html, i, out);
      } else if (c != '<') {
        out.append(c);
        i++;
      } else if (lower.startsWith("<!--", i)) {
        i = skipPast(lower, i + 4, "-->");
        out.append(' ');
      } else if (startsElement(lower, i, "script") || startsElement(lower, i, "style")) {
        String close = startsElement(lower, i, "script") ? "</script" : "</style";
        int end = lower.indexOf(close, i + 1);
        i = end < 0 ? n : skipPast(lower, end, ">");
        out.append(' ');
      } else {
        i = skipPast(lower, i + 1, ">");
        out.append(' ');
      }
    }
    return out.toString();
  }

  private static boolean startsElement(String lower, int at, String name) {
    int after = at + 1 + name.length();
    if (!lower.startsWith(name, at + 1) || after > lower.length()) {
      return false;
    }
    if (after == lower.length()) {
      return true;
    }
    char next = lower.charAt(after);
    return next == '>' || next == '/' || Character.isWhitespace(next);
  }

  private static int skipPast(String lower, int from, String marker) {
    int end = lower.indexOf(marker, from);
    return end < 0 ? lower.length() : end + marker.length();
  }

  /** Appends the character an entity at {@code at} stands for; returns the index after it. */
  private static int entity(String html, int at, StringBuilder out) {
    // Looked for only a few characters ahead: a page of '&' without ';' must not cost a scan each.
    int semicolon = -1;
    for (int j = at + 1; j < Math.min(html.length(), at + 12) && semicolon < 0; j++) {
      if (html.charAt(j) == ';') {
        semicolon = j;
      }
    }
    if (semicolon < 0) {
      out.append('&');
      return at + 1;
    }
    String name = html.substring(at + 1, semicolon);
    String value;
    if (name.startsWith("#x") || name.startsWith("#X")) {
      value = codePoint(name.substring(2), 16);
    } else if (name.startsWith("#")) {
      value = codePoint(name.substring(1), 10);
    } else {
      value = ENTITIES.get(name);
    }
    if (value == null) {
      out.append('&');
      return at + 1;
    }
    out.append(value);
    return semicolon + 1;
  }

  private static String codePoint(String digits, int radix) {
    try {
      int cp = Integer.parseInt(digits, radix);
      return Character.isValidCodePoint(cp) && cp != 0 ? new String(Character.toChars(cp)) : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static String asciiLower(String s) {
    char[] chars = s.toCharArray();
    for (int i = 0; i < chars.length; i++) {
      if (chars[i] >= 'A' && chars[i] <= 'Z') {
        chars[i] = (char) (chars[i] + ('a' - 'A'));
      }
    }
    return new String(chars);
  }
}
