package dev.intake.local.asl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses intrinsic function expressions: {@code States.Name(arg, ...)} where an argument is a
 * string literal in single quotes (escapes {@code \' \{ \} \\}), a number, {@code true},
 * {@code false}, {@code null}, a path ({@code $...} or {@code $$...}) or a nested call. Unknown
 * functions and wrong argument counts are rejected here, at load time.
 */
final class IntrinsicParser {

  private final String text;
  private int pos;

  private IntrinsicParser(String text) {
    this.text = text;
  }

  static Intrinsic.Call parse(String text) {
    IntrinsicParser parser = new IntrinsicParser(text);
    Intrinsic.Call call = parser.call();
    parser.skipSpaces();
    if (parser.pos != text.length()) {
      throw parser.error("unexpected text after the closing parenthesis");
    }
    return call;
  }

  private Intrinsic.Call call() {
    skipSpaces();
    int start = pos;
    while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
      pos++;
    }
    String name = text.substring(start, pos);
    if (!IntrinsicFunctions.isKnown(name)) {
      throw new IllegalArgumentException("intrinsic function '" + name + "' is not supported by the local runner"
          + " (supported: " + String.join(", ", IntrinsicFunctions.names()) + ")");
    }
    skipSpaces();
    expect('(');
    List<Intrinsic> arguments = new ArrayList<>();
    skipSpaces();
    if (peek() == ')') {
      pos++;
    } else {
      while (true) {
        arguments.add(argument());
        skipSpaces();
        char c = peek();
        pos++;
        if (c == ')') {
          break;
        }
        if (c != ',') {
          throw error("expected ',' or ')'");
        }
      }
    }
    IntrinsicFunctions.checkArity(name, arguments);
    return new Intrinsic.Call(name, arguments);
  }

  private Intrinsic argument() {
    skipSpaces();
    char c = peek();
    if (c == '\'') {
      return string();
    }
    if (c == '$') {
      return path();
    }
    if (text.startsWith("States.", pos)) {
      return call();
    }
    int start = pos;
    while (pos < text.length() && ",) ".indexOf(text.charAt(pos)) < 0) {
      pos++;
    }
    String token = text.substring(start, pos);
    if (token.equals("true") || token.equals("false") || token.equals("null")
        || token.matches("-?(0|[1-9]\\d*)(\\.\\d+)?([eE][+-]?\\d+)?")) {
      try {
        return new Intrinsic.Literal(Json.parse(token), token);
      } catch (JsonProcessingException e) {
        throw error("bad literal '" + token + "'");
      }
    }
    throw error("bad argument '" + token + "'");
  }

  private Intrinsic string() {
    pos++;
    int start = pos;
    StringBuilder value = new StringBuilder();
    while (true) {
      if (pos >= text.length()) {
        throw error("unterminated string literal");
      }
      char c = text.charAt(pos);
      if (c == '\'') {
        break;
      }
      if (c == '\\') {
        if (pos + 1 >= text.length() || "'{}\\".indexOf(text.charAt(pos + 1)) < 0) {
          throw error("only \\', \\{, \\} and \\\\ are escapes in a string literal");
        }
        pos++;
        c = text.charAt(pos);
      }
      value.append(c);
      pos++;
    }
    String raw = text.substring(start, pos);
    pos++;
    JsonNode node = TextNode.valueOf(value.toString());
    return new Intrinsic.Literal(node, raw);
  }

  private Intrinsic path() {
    int start = pos;
    char quote = 0;
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == ',' || c == ')') {
        break;
      }
      pos++;
    }
    String path = text.substring(start, pos).strip();
    try {
      return new Intrinsic.PathArgument(JsonPath.parse(path));
    } catch (IllegalArgumentException e) {
      throw error(e.getMessage());
    }
  }

  private void expect(char c) {
    if (peek() != c) {
      throw error("expected '" + c + "'");
    }
    pos++;
  }

  private char peek() {
    if (pos >= text.length()) {
      throw error("unexpected end of expression");
    }
    return text.charAt(pos);
  }

  private void skipSpaces() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }

  private IllegalArgumentException error(String what) {
    return new IllegalArgumentException("intrinsic '" + text + "': " + what + " at position " + pos);
  }
}
