package dev.intake.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A compiled Payload Template (Parameters, ResultSelector, ItemSelector): a JSON object in which a
 * field named {@code name.$}, however deeply nested, takes its value from a path or an intrinsic
 * function and is renamed {@code name}. Paths and intrinsics are parsed once, at load time.
 */
final class PayloadTemplate {

  private sealed interface Node {
  }

  private record Literal(JsonNode value) implements Node {
  }

  private record ObjectTemplate(Map<String, Node> fields) implements Node {
  }

  private record ArrayTemplate(List<Node> items) implements Node {
  }

  private record Dynamic(Expression expression) implements Node {
  }

  private final ObjectTemplate root;

  private PayloadTemplate(ObjectTemplate root) {
    this.root = root;
  }

  /** Compiles {@code template}; an IllegalArgumentException message names the offending field. */
  static PayloadTemplate compile(JsonNode template) {
    if (!template.isObject()) {
      throw new IllegalArgumentException("must be a JSON object");
    }
    return new PayloadTemplate((ObjectTemplate) compileNode(template, ""));
  }

  private static Node compileNode(JsonNode node, String where) {
    if (node.isObject()) {
      Map<String, Node> fields = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        String key = field.getKey();
        String at = where.isEmpty() ? key : where + "." + key;
        Node value;
        if (key.endsWith(".$")) {
          key = key.substring(0, key.length() - 2);
          if (!field.getValue().isTextual()) {
            throw new IllegalArgumentException("field '" + at + "' must have a string value (a path or intrinsic)");
          }
          try {
            value = new Dynamic(Expression.compile(field.getValue().asText()));
          } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("field '" + at + "': " + e.getMessage(), e);
          }
        } else {
          value = compileNode(field.getValue(), at);
        }
        if (fields.put(key, value) != null) {
          throw new IllegalArgumentException("field '" + key + "' appears both with and without the .$ suffix");
        }
      }
      return new ObjectTemplate(fields);
    }
    if (node.isArray()) {
      List<Node> items = new ArrayList<>();
      for (int i = 0; i < node.size(); i++) {
        items.add(compileNode(node.get(i), where + "[" + i + "]"));
      }
      return new ArrayTemplate(items);
    }
    return new Literal(node);
  }

  /** The field names at the top level of the template, after stripping {@code .$}. */
  Iterable<String> topLevelFields() {
    return root.fields().keySet();
  }

  /** The literal value of a top-level field, or null when the field is absent or dynamic. */
  JsonNode literal(String field) {
    return root.fields().get(field) instanceof Literal literal ? literal.value() : null;
  }

  boolean has(String field) {
    return root.fields().containsKey(field);
  }

  JsonNode evaluate(JsonNode data, JsonNode context, IntrinsicFunctions intrinsics) throws StatesError {
    return evaluate(root, data, context, intrinsics);
  }

  private static JsonNode evaluate(Node node, JsonNode data, JsonNode context, IntrinsicFunctions intrinsics)
      throws StatesError {
    if (node instanceof Literal literal) {
      return literal.value().deepCopy();
    }
    if (node instanceof Dynamic value) {
      return value.expression().evaluate(data, context, intrinsics).orElseThrow(() -> new StatesError(
          StatesError.PARAMETER_PATH_FAILURE,
          "The JSONPath '" + value.expression() + "' could not be found in the input"));
    }
    if (node instanceof ArrayTemplate array) {
      ArrayNode out = Json.NODES.arrayNode();
      for (Node item : array.items()) {
        out.add(evaluate(item, data, context, intrinsics));
      }
      return out;
    }
    ObjectNode out = Json.object();
    for (Map.Entry<String, Node> field : ((ObjectTemplate) node).fields().entrySet()) {
      out.set(field.getKey(), evaluate(field.getValue(), data, context, intrinsics));
    }
    return out;
  }
}
