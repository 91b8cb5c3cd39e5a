package dev.intake.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The JsonPath subset the runner implements: {@code $} (the state's data) or {@code $$} (the context
 * object), followed by {@code .field}, {@code ['field']} and {@code [n]} steps. Every path is
 * therefore a Reference Path: it selects at most one node. Wildcards, filters, slices, recursive
 * descent and functions are rejected when the path is parsed.
 */
final class JsonPath {

  private static final String FORBIDDEN_IN_NAMES = "*@?(),:'\"]$ \t\r\n";

  /** One step of a path. */
  sealed interface Step {
  }

  /** An object member. */
  record Field(String name) implements Step {
  }

  /** An array element. */
  record Index(int index) implements Step {
  }

  /** Why a Reference Path could not be written into a document. */
  static final class WriteFailure extends Exception {

    private static final long serialVersionUID = 1L;

    WriteFailure(String message) {
      super(message, null, false, false);
    }
  }

  private final String text;
  private final boolean context;
  private final List<Step> steps;

  private JsonPath(String text, boolean context, List<Step> steps) {
    this.text = text;
    this.context = context;
    this.steps = List.copyOf(steps);
  }

  /** Parses {@code text}; the exception message says what is wrong and why. */
  static JsonPath parse(String text) {
    if (text == null || !text.startsWith("$")) {
      throw new IllegalArgumentException("path '" + text + "' must start with '$'");
    }
    boolean context = text.startsWith("$$");
    int pos = context ? 2 : 1;
    List<Step> steps = new ArrayList<>();
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == '.') {
        int end = pos + 1;
        while (end < text.length() && text.charAt(end) != '.' && text.charAt(end) != '[') {
          end++;
        }
        String name = text.substring(pos + 1, end);
        if (name.isEmpty()) {
          throw unsupported(text, "an empty field name or recursive descent '..'");
        }
        for (char n : name.toCharArray()) {
          if (FORBIDDEN_IN_NAMES.indexOf(n) >= 0) {
            throw unsupported(text, "the character '" + n + "' in a field name (use ['name'] to quote it)");
          }
        }
        steps.add(new Field(name));
        pos = end;
      } else if (c == '[') {
        pos = parseBracket(text, pos, steps);
      } else {
        throw unsupported(text, "'" + c + "' at position " + pos);
      }
    }
    return new JsonPath(text, context, steps);
  }

  private static int parseBracket(String text, int open, List<Step> steps) {
    int pos = open + 1;
    if (pos >= text.length()) {
      throw unsupported(text, "an unclosed '['");
    }
    char first = text.charAt(pos);
    if (first == '\'' || first == '"') {
      StringBuilder name = new StringBuilder();
      pos++;
      while (pos < text.length() && text.charAt(pos) != first) {
        char c = text.charAt(pos);
        if (c == '\\' && pos + 1 < text.length()) {
          pos++;
          c = text.charAt(pos);
        }
        name.append(c);
        pos++;
      }
      if (pos + 1 >= text.length() || text.charAt(pos + 1) != ']') {
        throw unsupported(text, "a quoted name that is not closed by " + first + "]");
      }
      steps.add(new Field(name.toString()));
      return pos + 2;
    }
    int end = text.indexOf(']', pos);
    String index = end < 0 ? text.substring(pos) : text.substring(pos, end);
    if (end < 0 || index.isEmpty() || !index.chars().allMatch(Character::isDigit) || index.length() > 9) {
      throw unsupported(text, "'[" + index + "]' (only [n] with a non-negative index, or ['name'])");
    }
    steps.add(new Index(Integer.parseInt(index)));
    return end + 1;
  }

  private static IllegalArgumentException unsupported(String text, String what) {
    return new IllegalArgumentException("path '" + text + "' uses " + what
        + "; the local runner supports $, $$, .field, ['field'] and [n]");
  }

  boolean isContext() {
    return context;
  }

  /** Selects from {@code data} (a {@code $} path) or {@code contextObject} (a {@code $$} path). */
  Optional<JsonNode> read(JsonNode data, JsonNode contextObject) {
    JsonNode node = context ? contextObject : data;
    for (Step step : steps) {
      if (node == null) {
        return Optional.empty();
      }
      node = child(node, step);
    }
    return Optional.ofNullable(node);
  }

  /**
   * Returns a copy of {@code document} with {@code value} placed at this path, creating missing
   * objects on the way (as ResultPath does). {@code $} replaces the whole document.
   */
  JsonNode write(JsonNode document, JsonNode value) throws WriteFailure {
    if (steps.isEmpty()) {
      return value;
    }
    if (!document.isContainerNode()) {
      throw new WriteFailure("cannot apply '" + text + "' to a " + document.getNodeType() + " input");
    }
    JsonNode root = document.deepCopy();
    JsonNode node = root;
    for (int i = 0; i < steps.size() - 1; i++) {
      Step step = steps.get(i);
      JsonNode child = child(node, step);
      if (child == null) {
        if (step instanceof Field field && node.isObject() && steps.get(i + 1) instanceof Field) {
          child = ((ObjectNode) node).putObject(field.name());
        } else {
          throw new WriteFailure("'" + text + "' does not match the input at step " + (i + 1));
        }
      } else if (!child.isContainerNode()) {
        throw new WriteFailure("'" + text + "' runs into a " + child.getNodeType() + " at step " + (i + 1));
      }
      node = child;
    }
    Step last = steps.get(steps.size() - 1);
    if (last instanceof Field field && node.isObject()) {
      ((ObjectNode) node).set(field.name(), value);
    } else if (last instanceof Index index && node.isArray() && index.index() < node.size()) {
      ((ArrayNode) node).set(index.index(), value);
    } else {
      throw new WriteFailure("'" + text + "' does not match the input at its last step");
    }
    return root;
  }

  private static JsonNode child(JsonNode node, Step step) {
    if (step instanceof Field field) {
      return node.isObject() ? node.get(field.name()) : null;
    }
    int index = ((Index) step).index();
    return node.isArray() && index < node.size() ? node.get(index) : null;
  }

  @Override
  public String toString() {
    return text;
  }
}
