package dev.intake.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Typed access to the fields of one JSON object of a definition. Every error names where the
 * object is (e.g. {@code State 'Notify' (Task)}) and the field.
 */
final class Fields {

  private final JsonNode node;
  private final String where;

  Fields(JsonNode node, String where) {
    if (node == null || !node.isObject()) {
      throw new DefinitionException(where + ": must be a JSON object");
    }
    this.node = node;
    this.where = where;
  }

  String where() {
    return where;
  }

  /** Rejects every field not in {@code allowed}: the runner must never ignore a field silently. */
  void allowOnly(Set<String> allowed) {
    Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!allowed.contains(name)) {
        throw new DefinitionException(where + ": field '" + name + "' is not supported by the local Step Functions"
            + " runner (supported here: " + String.join(", ", new TreeSet<>(allowed)) + ")");
      }
    }
  }

  List<String> names() {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  boolean has(String field) {
    return node.has(field);
  }

  JsonNode get(String field) {
    return node.get(field);
  }

  String requiredString(String field) {
    if (!has(field)) {
      throw error(field, "is required");
    }
    return string(field);
  }

  /** The string value, or null when the field is absent. */
  String string(String field) {
    JsonNode value = node.get(field);
    if (value == null) {
      return null;
    }
    if (!value.isTextual() || value.asText().isEmpty()) {
      throw error(field, "must be a non-empty string");
    }
    return value.asText();
  }

  /** The integer value, {@code absent} when the field is absent. */
  int integer(String field, int min, int absent) {
    JsonNode value = node.get(field);
    if (value == null) {
      return absent;
    }
    if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < min) {
      throw error(field, "must be an integer >= " + min);
    }
    return value.intValue();
  }

  double number(String field, double min, double absent) {
    JsonNode value = node.get(field);
    if (value == null) {
      return absent;
    }
    if (!value.isNumber() || value.doubleValue() < min) {
      throw error(field, "must be a number >= " + min);
    }
    return value.doubleValue();
  }

  /** An array value, possibly empty, or null when absent. */
  JsonNode array(String field) {
    JsonNode value = node.get(field);
    if (value != null && !value.isArray()) {
      throw error(field, "must be an array");
    }
    return value;
  }

  /** A JSON object or non-empty array value, or null when absent. */
  JsonNode container(String field, boolean array) {
    JsonNode value = node.get(field);
    if (value == null) {
      return null;
    }
    if (array ? !value.isArray() || value.isEmpty() : !value.isObject()) {
      throw error(field, array ? "must be a non-empty array" : "must be a JSON object");
    }
    return value;
  }

  /**
   * A path field: {@code $} when absent, null when the definition says JSON null, else the parsed
   * path. {@code contextAllowed} is false for paths that are written to (ResultPath).
   */
  JsonPath path(String field, boolean contextAllowed) {
    JsonNode value = node.get(field);
    if (value == null) {
      return JsonPath.parse("$");
    }
    if (value.isNull()) {
      return null;
    }
    return requiredPath(field, contextAllowed);
  }

  JsonPath requiredPath(String field, boolean contextAllowed) {
    String text = requiredString(field);
    try {
      JsonPath path = JsonPath.parse(text);
      if (path.isContext() && !contextAllowed) {
        throw error(field, "cannot refer to the context object ($$)");
      }
      return path;
    } catch (IllegalArgumentException e) {
      throw error(field, e.getMessage());
    }
  }

  PayloadTemplate template(String field) {
    JsonNode value = node.get(field);
    if (value == null) {
      return null;
    }
    try {
      return PayloadTemplate.compile(value);
    } catch (IllegalArgumentException e) {
      throw error(field, e.getMessage());
    }
  }

  DefinitionException error(String field, String problem) {
    return new DefinitionException(where + ": field '" + field + "' " + problem);
  }

  DefinitionException error(String problem) {
    return new DefinitionException(where + ": " + problem);
  }
}
