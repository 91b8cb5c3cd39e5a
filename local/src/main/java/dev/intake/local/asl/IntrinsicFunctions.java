package dev.intake.local.asl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.StringTokenizer;
import java.util.UUID;

/**
 * Evaluates intrinsic functions. Every failure at run time is {@code States.IntrinsicFailure} with a
 * cause that names the function and the offending argument.
 */
final class IntrinsicFunctions {

  private record Arity(int min, int max) {
  }

  private static final Map<String, Arity> ARITY = arities();
  private static final Set<String> HASH_ALGORITHMS = Set.of("MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512");
  private static final int MAX_STRING = 10_000;
  private static final int MAX_RANGE = 1_000;

  private final Random random;

  IntrinsicFunctions(Random random) {
    this.random = random;
  }

  private static Map<String, Arity> arities() {
    Map<String, Arity> arity = new LinkedHashMap<>();
    arity.put("States.Format", new Arity(1, Integer.MAX_VALUE));
    arity.put("States.StringToJson", new Arity(1, 1));
    arity.put("States.JsonToString", new Arity(1, 1));
    arity.put("States.JsonMerge", new Arity(3, 3));
    arity.put("States.Array", new Arity(0, Integer.MAX_VALUE));
    arity.put("States.ArrayPartition", new Arity(2, 2));
    arity.put("States.ArrayContains", new Arity(2, 2));
    arity.put("States.ArrayRange", new Arity(3, 3));
    arity.put("States.ArrayGetItem", new Arity(2, 2));
    arity.put("States.ArrayLength", new Arity(1, 1));
    arity.put("States.ArrayUnique", new Arity(1, 1));
    arity.put("States.Base64Encode", new Arity(1, 1));
    arity.put("States.Base64Decode", new Arity(1, 1));
    arity.put("States.Hash", new Arity(2, 2));
    arity.put("States.MathRandom", new Arity(2, 3));
    arity.put("States.MathAdd", new Arity(2, 2));
    arity.put("States.StringSplit", new Arity(2, 2));
    arity.put("States.UUID", new Arity(0, 0));
    return Map.copyOf(arity);
  }

  static boolean isKnown(String name) {
    return ARITY.containsKey(name);
  }

  static List<String> names() {
    return ARITY.keySet().stream().sorted().toList();
  }

  /** Load-time checks: the argument count, and literal arguments whose value is fixed by the spec. */
  static void checkArity(String name, List<Intrinsic> arguments) {
    Arity arity = ARITY.get(name);
    if (arguments.size() < arity.min() || arguments.size() > arity.max()) {
      String expected = arity.min() == arity.max() ? String.valueOf(arity.min())
          : arity.max() == Integer.MAX_VALUE ? "at least " + arity.min() : arity.min() + " to " + arity.max();
      throw new IllegalArgumentException(name + " takes " + expected + " argument(s), not " + arguments.size());
    }
    if (name.equals("States.Hash") && arguments.get(1) instanceof Intrinsic.Literal literal
        && !HASH_ALGORITHMS.contains(literal.value().asText())) {
      throw new IllegalArgumentException("States.Hash algorithm must be one of " + HASH_ALGORITHMS);
    }
    if (name.equals("States.JsonMerge") && arguments.get(2) instanceof Intrinsic.Literal literal
        && !literal.value().equals(BooleanNode.FALSE)) {
      throw new IllegalArgumentException(
          "States.JsonMerge supports only a shallow merge: its third argument must be false");
    }
  }

  JsonNode evaluate(Intrinsic expression, JsonNode data, JsonNode context) throws StatesError {
    if (expression instanceof Intrinsic.Literal literal) {
      return literal.value();
    }
    if (expression instanceof Intrinsic.PathArgument argument) {
      return argument.path().read(data, context).orElseThrow(
          () -> failure("the path " + argument.path() + " selects nothing in the input"));
    }
    Intrinsic.Call call = (Intrinsic.Call) expression;
    List<JsonNode> values = new ArrayList<>();
    for (Intrinsic argument : call.arguments()) {
      values.add(evaluate(argument, data, context));
    }
    return apply(call, values);
  }

  private JsonNode apply(Intrinsic.Call call, List<JsonNode> args) throws StatesError {
    String name = call.name();
    switch (name) {
      case "States.Format":
        return TextNode.valueOf(format(call, args));
      case "States.StringToJson":
        return stringToJson(string(name, args.get(0)));
      case "States.JsonToString":
        return TextNode.valueOf(Json.compact(args.get(0)));
      case "States.JsonMerge":
        return jsonMerge(args);
      case "States.Array":
        ArrayNode array = Json.NODES.arrayNode();
        args.forEach(array::add);
        return array;
      case "States.ArrayPartition":
        return partition(array(name, args.get(0)), integer(name, args.get(1)));
      case "States.ArrayContains":
        return BooleanNode.valueOf(contains(array(name, args.get(0)), args.get(1)));
      case "States.ArrayRange":
        return range(integer(name, args.get(0)), integer(name, args.get(1)), integer(name, args.get(2)));
      case "States.ArrayGetItem":
        return getItem(array(name, args.get(0)), integer(name, args.get(1)));
      case "States.ArrayLength":
        return IntNode.valueOf(array(name, args.get(0)).size());
      case "States.ArrayUnique":
        return unique(array(name, args.get(0)));
      case "States.Base64Encode":
        return TextNode.valueOf(Base64.getEncoder().encodeToString(
            limited(name, string(name, args.get(0))).getBytes(StandardCharsets.UTF_8)));
      case "States.Base64Decode":
        return base64Decode(limited(name, string(name, args.get(0))));
      case "States.Hash":
        return TextNode.valueOf(hash(limited(name, string(name, args.get(0))), string(name, args.get(1))));
      case "States.MathRandom":
        return mathRandom(args);
      case "States.MathAdd":
        return mathAdd(integer(name, args.get(0)), integer(name, args.get(1)));
      case "States.StringSplit":
        return split(string(name, args.get(0)), string(name, args.get(1)));
      case "States.UUID":
        return TextNode.valueOf(new UUID(random.nextLong() & ~0xF000L | 0x4000L,
            random.nextLong() & 0x3FFFFFFFFFFFFFFFL | 0x8000000000000000L).toString());
      default:
        throw failure("unknown intrinsic function " + name);
    }
  }

  private static String format(Intrinsic.Call call, List<JsonNode> args) throws StatesError {
    Intrinsic first = call.arguments().get(0);
    String template = string("States.Format", args.get(0));
    boolean escapes = first instanceof Intrinsic.Literal literal && literal.value().isTextual();
    if (escapes) {
      template = ((Intrinsic.Literal) first).raw();
    }
    StringBuilder out = new StringBuilder();
    int next = 1;
    for (int i = 0; i < template.length(); i++) {
      char c = template.charAt(i);
      if (escapes && c == '\\' && i + 1 < template.length()) {
        out.append(template.charAt(++i));
      } else if (c == '{' && i + 1 < template.length() && template.charAt(i + 1) == '}') {
        if (next >= args.size()) {
          throw failure("States.Format has more {} placeholders than arguments");
        }
        out.append(formatArgument(args.get(next++)));
        i++;
      } else {
        out.append(c);
      }
    }
    if (next != args.size()) {
      throw failure("States.Format has " + (args.size() - 1) + " arguments for " + (next - 1) + " placeholders");
    }
    return out.toString();
  }

  private static String formatArgument(JsonNode value) throws StatesError {
    if (value.isTextual()) {
      return value.asText();
    }
    if (value.isNumber() || value.isBoolean() || value.isNull()) {
      return value.toString();
    }
    throw failure("States.Format arguments must be strings, numbers, booleans or null, not " + value.getNodeType());
  }

  private static JsonNode stringToJson(String text) throws StatesError {
    try {
      return Json.parse(text);
    } catch (JsonProcessingException e) {
      throw failure("States.StringToJson could not parse its argument as JSON: " + e.getOriginalMessage());
    }
  }

  private static JsonNode jsonMerge(List<JsonNode> args) throws StatesError {
    if (!args.get(0).isObject() || !args.get(1).isObject()) {
      throw failure("States.JsonMerge merges two objects");
    }
    if (!args.get(2).equals(BooleanNode.FALSE)) {
      throw failure("States.JsonMerge supports only a shallow merge: its third argument must be false");
    }
    ObjectNode merged = args.get(0).deepCopy();
    merged.setAll((ObjectNode) args.get(1).deepCopy());
    return merged;
  }

  private static JsonNode partition(ArrayNode array, int size) throws StatesError {
    if (size <= 0) {
      throw failure("States.ArrayPartition needs a positive chunk size, not " + size);
    }
    ArrayNode chunks = Json.NODES.arrayNode();
    ArrayNode chunk = null;
    for (int i = 0; i < array.size(); i++) {
      if (i % size == 0) {
        chunk = chunks.addArray();
      }
      chunk.add(array.get(i));
    }
    return chunks;
  }

  private static boolean contains(ArrayNode array, JsonNode value) {
    for (JsonNode element : array) {
      if (Json.sameValue(element, value)) {
        return true;
      }
    }
    return false;
  }

  private static JsonNode range(int first, int last, int step) throws StatesError {
    if (step == 0) {
      throw failure("States.ArrayRange needs a non-zero increment");
    }
    ArrayNode range = Json.NODES.arrayNode();
    for (long v = first; step > 0 ? v <= last : v >= last; v += step) {
      if (range.size() == MAX_RANGE) {
        throw failure("States.ArrayRange would return more than " + MAX_RANGE + " items");
      }
      range.add((int) v);
    }
    return range;
  }

  private static JsonNode getItem(ArrayNode array, int index) throws StatesError {
    if (index < 0 || index >= array.size()) {
      throw failure("States.ArrayGetItem index " + index + " is outside an array of " + array.size());
    }
    return array.get(index);
  }

  private static JsonNode unique(ArrayNode array) {
    ArrayNode unique = Json.NODES.arrayNode();
    for (JsonNode element : array) {
      if (!contains(unique, element)) {
        unique.add(element);
      }
    }
    return unique;
  }

  private static JsonNode base64Decode(String text) throws StatesError {
    try {
      return TextNode.valueOf(new String(Base64.getDecoder().decode(text), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      throw failure("States.Base64Decode: " + e.getMessage());
    }
  }

  private static String hash(String data, String algorithm) throws StatesError {
    if (!HASH_ALGORITHMS.contains(algorithm)) {
      throw failure("States.Hash algorithm must be one of " + HASH_ALGORITHMS + ", not " + algorithm);
    }
    try {
      MessageDigest digest = MessageDigest.getInstance(algorithm);
      return HexFormat.of().formatHex(digest.digest(data.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw failure("States.Hash: " + algorithm + " is not available in this JVM");
    }
  }

  private JsonNode mathRandom(List<JsonNode> args) throws StatesError {
    int start = integer("States.MathRandom", args.get(0));
    int end = integer("States.MathRandom", args.get(1));
    if (end <= start) {
      throw failure("States.MathRandom needs start < end, not " + start + " and " + end);
    }
    Random source = args.size() == 3 ? new Random(integer("States.MathRandom", args.get(2))) : random;
    return IntNode.valueOf((int) (start + (long) (source.nextDouble() * ((long) end - start))));
  }

  private static JsonNode mathAdd(int a, int b) throws StatesError {
    long sum = (long) a + b;
    if (sum != (int) sum) {
      throw failure("States.MathAdd result " + sum + " is outside the 32-bit integer range");
    }
    return IntNode.valueOf((int) sum);
  }

  private static JsonNode split(String text, String delimiters) {
    ArrayNode parts = Json.NODES.arrayNode();
    StringTokenizer tokens = new StringTokenizer(text, delimiters);
    while (tokens.hasMoreTokens()) {
      parts.add(tokens.nextToken());
    }
    return parts;
  }

  private static String string(String function, JsonNode value) throws StatesError {
    if (!value.isTextual()) {
      throw failure(function + " expects a string argument, not " + value.getNodeType());
    }
    return value.asText();
  }

  private static String limited(String function, String value) throws StatesError {
    if (value.length() > MAX_STRING) {
      throw failure(function + " accepts at most " + MAX_STRING + " characters");
    }
    return value;
  }

  private static ArrayNode array(String function, JsonNode value) throws StatesError {
    if (!value.isArray()) {
      throw failure(function + " expects an array argument, not " + value.getNodeType());
    }
    return (ArrayNode) value;
  }

  /** Step Functions rounds a non-integer numeric argument to the nearest integer. */
  private static int integer(String function, JsonNode value) throws StatesError {
    if (!value.isNumber()) {
      throw failure(function + " expects a number argument, not " + value.getNodeType());
    }
    BigDecimal rounded = value.decimalValue().setScale(0, RoundingMode.HALF_UP);
    try {
      return rounded.intValueExact();
    } catch (ArithmeticException e) {
      throw failure(function + " argument " + value + " is outside the 32-bit integer range");
    }
  }

  private static StatesError failure(String cause) {
    return new StatesError(StatesError.INTRINSIC_FAILURE, cause);
  }
}
