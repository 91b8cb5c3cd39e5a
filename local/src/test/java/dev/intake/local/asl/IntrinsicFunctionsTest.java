package dev.intake.local.asl;

import static dev.intake.local.asl.Harness.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.Test;

/** Intrinsic functions, with the examples of the specification and the Step Functions guide. */
class IntrinsicFunctionsTest {

  private final Harness harness = new Harness();

  /** Evaluates {@code expression} as the value of a {@code .$} field of a Pass state's Parameters. */
  private JsonNode eval(String expression, String input) {
    String asl = """
        {"StartAt": "P", "States": {"P": {"Type": "Pass", "Parameters": {"value.$": %s}, "End": true}}}"""
        .formatted(new TextNode(expression).toString());
    Harness.Outcome outcome = harness.run(asl, input);
    assertThat(outcome.status()).as("%s: %s", outcome.error(), outcome.description().cause())
        .isEqualTo(ExecutionStatus.SUCCEEDED);
    return outcome.output().get("value");
  }

  private String failure(String expression, String input) {
    String asl = """
        {"StartAt": "P", "States": {"P": {"Type": "Pass", "Parameters": {"value.$": %s}, "End": true}}}"""
        .formatted(new TextNode(expression).toString());
    return harness.run(asl, input).error();
  }

  @Test
  void format_specExampleWithLiteralOrPathTemplate_interpolatesInOrder() {
    String input = "{\"name\": \"Arnav\", \"template\": \"Hello, my name is {}.\"}";

    assertThat(eval("States.Format('Hello, my name is {}.', $.name)", input))
        .isEqualTo(json("\"Hello, my name is Arnav.\""));
    assertThat(eval("States.Format($.template, $.name)", input)).isEqualTo(json("\"Hello, my name is Arnav.\""));
  }

  @Test
  void format_escapedBracesAndQuote_areLiteral() {
    JsonNode value = eval("States.Format('it\\'s \\{{}\\} \\\\ done', $.n)", "{\"n\": 42}");

    assertThat(value).isEqualTo(json("\"it's {42} \\\\ done\""));
  }

  @Test
  void format_placeholderCountMismatch_failsWithIntrinsicFailure() {
    assertThat(failure("States.Format('{} and {}', $.a)", "{\"a\": 1}")).isEqualTo("States.IntrinsicFailure");
  }

  @Test
  void stringToJsonAndJsonToString_specExamples_roundTrip() {
    assertThat(eval("States.StringToJson($.escapedJsonString)",
        "{\"escapedJsonString\": \"{\\\"foo\\\": \\\"bar\\\"}\"}"))
        .isEqualTo(json("{\"foo\": \"bar\"}"));
    assertThat(eval("States.JsonToString($.unescapedJson)", "{\"unescapedJson\": {\"foo\": \"bar\"}}"))
        .isEqualTo(json("\"{\\\"foo\\\":\\\"bar\\\"}\""));
  }

  @Test
  void array_specExample_wrapsArguments() {
    assertThat(eval("States.Array($.Id)", "{\"Id\": 123456}")).isEqualTo(json("[123456]"));
    assertThat(eval("States.Array('a', 1, true, null)", "{}")).isEqualTo(json("[\"a\", 1, true, null]"));
  }

  @Test
  void arrayFunctions_guideExamples_returnTheDocumentedValues() {
    String input = "{\"inputArray\": [1, 2, 3, 4, 5, 6, 7, 8, 9], \"dupes\": [1, 2, 3, 3, 3, 3, 3, 3, 4]}";

    assertThat(eval("States.ArrayPartition($.inputArray, 4)", input)).isEqualTo(json("[[1,2,3,4],[5,6,7,8],[9]]"));
    assertThat(eval("States.ArrayContains($.inputArray, 5)", input)).isEqualTo(json("true"));
    assertThat(eval("States.ArrayContains($.inputArray, 10)", input)).isEqualTo(json("false"));
    assertThat(eval("States.ArrayRange(1, 9, 2)", input)).isEqualTo(json("[1, 3, 5, 7, 9]"));
    assertThat(eval("States.ArrayGetItem($.inputArray, 5)", input)).isEqualTo(json("6"));
    assertThat(eval("States.ArrayLength($.inputArray)", input)).isEqualTo(json("9"));
    assertThat(eval("States.ArrayUnique($.dupes)", input)).isEqualTo(json("[1, 2, 3, 4]"));
  }

  @Test
  void arrayGetItem_indexOutOfRange_failsWithIntrinsicFailure() {
    assertThat(failure("States.ArrayGetItem($.a, 3)", "{\"a\": [1, 2, 3]}")).isEqualTo("States.IntrinsicFailure");
  }

  @Test
  void base64_guideExamples_encodeAndDecode() {
    assertThat(eval("States.Base64Encode($.input)", "{\"input\": \"Data to encode\"}"))
        .isEqualTo(json("\"RGF0YSB0byBlbmNvZGU=\""));
    assertThat(eval("States.Base64Decode($.base64)", "{\"base64\": \"RGF0YSB0byBlbmNvZGU=\"}"))
        .isEqualTo(json("\"Data to encode\""));
  }

  @Test
  void hash_guideExample_sha1OfInputData() {
    assertThat(eval("States.Hash($.Data, $.Algorithm)", "{\"Data\": \"input data\", \"Algorithm\": \"SHA-1\"}"))
        .isEqualTo(json("\"aaff4a450a104cd177d28d18d74485e8cae074b7\""));
  }

  @Test
  void hash_eachAlgorithm_givesTheDigestLength() {
    assertThat(eval("States.Hash('x', 'MD5')", "{}").asText()).hasSize(32);
    assertThat(eval("States.Hash('x', 'SHA-256')", "{}").asText()).hasSize(64);
    assertThat(eval("States.Hash('x', 'SHA-384')", "{}").asText()).hasSize(96);
    assertThat(eval("States.Hash('x', 'SHA-512')", "{}").asText()).hasSize(128);
  }

  @Test
  void jsonMerge_guideExample_shallowMergeRightWins() {
    String input = """
        {"json1": {"a": {"a1": 1, "a2": 2}, "b": 2}, "json2": {"a": {"a3": 1, "a4": 2}, "c": 3}}""";

    assertThat(eval("States.JsonMerge($.json1, $.json2, false)", input))
        .isEqualTo(json("{\"a\": {\"a3\": 1, \"a4\": 2}, \"b\": 2, \"c\": 3}"));
  }

  @Test
  void math_guideExamples_addAndRandomInRange() {
    assertThat(eval("States.MathAdd($.value1, $.step)", "{\"value1\": 111, \"step\": -1}")).isEqualTo(json("110"));
    int random = eval("States.MathRandom($.start, $.end)", "{\"start\": 1, \"end\": 999}").asInt();
    assertThat(random).isBetween(1, 998);
    assertThat(eval("States.MathRandom(1, 999, 7)", "{}")).isEqualTo(eval("States.MathRandom(1, 999, 7)", "{}"));
  }

  @Test
  void stringSplit_guideExamples_splitOnEveryDelimiterCharacter() {
    assertThat(eval("States.StringSplit($.inputString, $.splitter)",
        "{\"inputString\": \"1,2,3,4,5\", \"splitter\": \",\"}"))
        .isEqualTo(json("[\"1\", \"2\", \"3\", \"4\", \"5\"]"));
    assertThat(eval("States.StringSplit($.inputString, $.splitter)",
        "{\"inputString\": \"This.is+a,test=string\", \"splitter\": \".+,=\"}"))
        .isEqualTo(json("[\"This\", \"is\", \"a\", \"test\", \"string\"]"));
  }

  @Test
  void uuid_returnsVersionFourUuid() {
    assertThat(eval("States.UUID()", "{}").asText())
        .matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
  }

  @Test
  void nestedCalls_guideArnExample_evaluateInsideOut() {
    String expression = "States.Format('{}.{}', "
        + "States.ArrayGetItem(States.StringSplit(States.ArrayGetItem(States.StringSplit($.Arn, '/'), 2), '.'), 0), "
        + "States.ArrayGetItem(States.StringSplit(States.ArrayGetItem(States.StringSplit($.Arn, '/'), 2), '.'), 1))";

    JsonNode value = eval(expression, "{\"Arn\": \"arn:aws:imagebuilder:us-east-1:1:image-recipe/x/1.0.2\"}");

    assertThat(value).isEqualTo(json("\"1.0\""));
  }

  @Test
  void resultSelector_intrinsic_appliesToTheTaskResult() {
    harness.function("arn:aws:lambda:local:000000000000:function:list", in -> json("[3, 1, 3]"));
    String asl = """
        {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:lambda:local:000000000000:function:list",
          "ResultSelector": {"count.$": "States.ArrayLength($)", "unique.$": "States.ArrayUnique($)"},
          "End": true}}}""";

    Harness.Outcome outcome = harness.run(asl, "{}");

    assertThat(outcome.output()).isEqualTo(json("{\"count\": 3, \"unique\": [3, 1]}"));
  }
}
