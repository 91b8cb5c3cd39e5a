package dev.intake.local.asl;

import java.util.regex.Pattern;

/**
 * The pattern of a StringMatches rule: {@code *} matches any run of characters (also none); a
 * backslash makes the next character literal, so {@code \*} is a star and {@code \\} a backslash.
 */
final class StringPattern {

  private final Pattern regex;

  private StringPattern(Pattern regex) {
    this.regex = regex;
  }

  static StringPattern compile(String pattern) {
    StringBuilder regex = new StringBuilder();
    StringBuilder literal = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '\\') {
        if (i + 1 == pattern.length()) {
          throw new IllegalArgumentException("pattern '" + pattern + "' ends with an open escape '\\'");
        }
        literal.append(pattern.charAt(++i));
      } else if (c == '*') {
        flush(regex, literal);
        regex.append(".*");
      } else {
        literal.append(c);
      }
    }
    flush(regex, literal);
    return new StringPattern(Pattern.compile(regex.toString(), Pattern.DOTALL));
  }

  private static void flush(StringBuilder regex, StringBuilder literal) {
    if (literal.length() > 0) {
      regex.append(Pattern.quote(literal.toString()));
      literal.setLength(0);
    }
  }

  boolean matches(String value) {
    return regex.matcher(value).matches();
  }
}
