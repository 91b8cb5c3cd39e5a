package dev.intake.local.asl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Choice Rules, from the examples of the States Language specification. */
class ChoiceRuleTest {

  /** The Choice state example of the specification, with a Pass state per target. */
  private static final String SPEC_CHOICES = """
      [
        { "Not": { "Variable": "$.type", "StringEquals": "Private" }, "Next": "Public" },
        { "And": [
            { "Variable": "$.value", "IsPresent": true },
            { "Variable": "$.value", "IsNumeric": true },
            { "Variable": "$.value", "NumericGreaterThanEquals": 20 },
            { "Variable": "$.value", "NumericLessThan": 30 }
          ],
          "Next": "ValueInTwenties" },
        { "Variable": "$.rating", "NumericGreaterThanPath": "$.auditThreshold", "Next": "StartAudit" }
      ]""";

  private final Harness harness = new Harness();

  private String choose(String choices, String defaultState, String input, String... targets) {
    String targetStates = List.of(targets).stream()
        .map(name -> "\"" + name + "\": {\"Type\": \"Pass\", \"Result\": \"" + name + "\", \"End\": true}")
        .collect(Collectors.joining(",\n"));
    String asl = """
        {"StartAt": "Choose", "States": {
          "Choose": {"Type": "Choice", "Choices": %s %s},
          %s
        }}""".formatted(choices, defaultState == null ? "" : ", \"Default\": \"" + defaultState + "\"", targetStates);
    Harness.Outcome outcome = harness.run(asl, input);
    return outcome.status() == ExecutionStatus.SUCCEEDED ? outcome.output().asText() : outcome.error();
  }

  private String specChoice(String input) {
    return choose(SPEC_CHOICES, "RecordEvent", input, "Public", "ValueInTwenties", "StartAudit", "RecordEvent");
  }

  @Test
  void specExample_typeNotPrivate_goesToPublic() {
    String next = specChoice("{\"type\": \"Public\", \"value\": 22}");

    assertThat(next).isEqualTo("Public");
  }

  @Test
  void specExample_privateValueInTwenties_goesToValueInTwenties() {
    String next = specChoice("{\"type\": \"Private\", \"value\": 22}");

    assertThat(next).isEqualTo("ValueInTwenties");
  }

  @Test
  void specExample_valueThirty_isNotInTwenties() {
    String next = specChoice("{\"type\": \"Private\", \"value\": 30, \"rating\": 1, \"auditThreshold\": 5}");

    assertThat(next).isEqualTo("RecordEvent");
  }

  @Test
  void specExample_ratingAboveThresholdPath_goesToStartAudit() {
    String next = specChoice("{\"type\": \"Private\", \"rating\": 53, \"auditThreshold\": 50}");

    assertThat(next).isEqualTo("StartAudit");
  }

  @Test
  void specExample_valueIsString_isNumericFailsAndFallsToDefault() {
    String next = specChoice("{\"type\": \"Private\", \"value\": \"22\", \"rating\": 1, \"auditThreshold\": 5}");

    assertThat(next).isEqualTo("RecordEvent");
  }

  @Test
  void choice_firstMatchingRuleWins_inDefinitionOrder() {
    String choices = """
        [ {"Variable": "$.foo", "NumericEquals": 1, "Next": "FirstMatchState"},
          {"Variable": "$.foo", "NumericLessThanEquals": 1, "Next": "SecondMatchState"} ]""";

    String next = choose(choices, null, "{\"foo\": 1.0}", "FirstMatchState", "SecondMatchState");

    assertThat(next).isEqualTo("FirstMatchState");
  }

  @Test
  void choice_noMatchAndNoDefault_failsWithNoChoiceMatched() {
    String choices = "[{\"Variable\": \"$.foo\", \"StringEquals\": \"x\", \"Next\": \"A\"}]";

    String error = choose(choices, null, "{\"foo\": \"y\"}", "A");

    assertThat(error).isEqualTo("States.NoChoiceMatched");
  }

  @Test
  void stringMatches_specWildcardExamples_matchAsSpecified() {
    String choices = """
        [ {"And": [ {"Variable": "$.a", "StringMatches": "foo*.log"},
                    {"Variable": "$.b", "StringMatches": "*.log"},
                    {"Variable": "$.c", "StringMatches": "foo*.*"} ], "Next": "Matched"} ]""";

    String matched = choose(choices, "NoMatch", "{\"a\": \"foo23.log\", \"b\": \"zebra.log\", \"c\": \"foobar.zebra\"}",
        "Matched", "NoMatch");
    String notMatched = choose(choices, "NoMatch", "{\"a\": \"foo23.txt\", \"b\": \"zebra.log\", \"c\": \"foobar\"}",
        "Matched", "NoMatch");

    assertThat(matched).isEqualTo("Matched");
    assertThat(notMatched).isEqualTo("NoMatch");
  }

  @Test
  void stringMatches_escapedStarAndBackslash_matchLiterally() {
    String choices = """
        [ {"And": [ {"Variable": "$.a", "StringMatches": "a\\\\*b"},
                    {"Variable": "$.b", "StringMatches": "c\\\\\\\\d*"} ], "Next": "Matched"} ]""";

    String literal = choose(choices, "NoMatch", "{\"a\": \"a*b\", \"b\": \"c\\\\dxyz\"}", "Matched", "NoMatch");
    String wildcardWouldMatch = choose(choices, "NoMatch", "{\"a\": \"axxb\", \"b\": \"c\\\\d\"}",
        "Matched", "NoMatch");

    assertThat(literal).isEqualTo("Matched");
    assertThat(wildcardWouldMatch).isEqualTo("NoMatch");
  }

  @Test
  void typeTests_eachOperator_testsTheVariablesType() {
    String choices = """
        [ {"And": [ {"Variable": "$.n", "IsNull": true},
                    {"Variable": "$.s", "IsString": true},
                    {"Variable": "$.b", "IsBoolean": true},
                    {"Variable": "$.t", "IsTimestamp": true},
                    {"Variable": "$.s", "IsTimestamp": false},
                    {"Variable": "$.missing", "IsPresent": false},
                    {"Variable": "$.n", "IsPresent": true} ], "Next": "AllHold"} ]""";

    String next = choose(choices, "Other",
        "{\"n\": null, \"s\": \"text\", \"b\": false, \"t\": \"2016-03-14T01:59:00Z\"}", "AllHold", "Other");

    assertThat(next).isEqualTo("AllHold");
  }

  @Test
  void comparisons_stringBooleanTimestampAndPathVariants_compareByType() {
    String choices = """
        [ {"And": [ {"Variable": "$.name", "StringLessThan": "b"},
                    {"Variable": "$.name", "StringGreaterThanEqualsPath": "$.name"},
                    {"Variable": "$.flag", "BooleanEquals": true},
                    {"Variable": "$.flag", "BooleanEqualsPath": "$.otherFlag"},
                    {"Variable": "$.when", "TimestampLessThan": "2016-03-14T02:00:00Z"},
                    {"Variable": "$.when", "TimestampEqualsPath": "$.sameInstant"},
                    {"Variable": "$.count", "NumericGreaterThanEqualsPath": "$.min"},
                    {"Or": [ {"Variable": "$.count", "StringEquals": "3"},
                             {"Variable": "$.count", "NumericEquals": 3} ]} ], "Next": "AllHold"} ]""";
    String input = """
        {"name": "abc", "flag": true, "otherFlag": true, "when": "2016-03-14T01:59:00Z",
         "sameInstant": "2016-03-14T02:59:00+01:00", "count": 3, "min": 2.5}""";

    String next = choose(choices, "Other", input, "AllHold", "Other");

    assertThat(next).isEqualTo("AllHold");
  }

  @Test
  void comparison_typeMismatch_isFalseNotAnError() {
    String choices = "[{\"Variable\": \"$.value\", \"NumericEquals\": 5, \"Next\": \"Five\"}]";

    String next = choose(choices, "NotFive", "{\"value\": \"5\"}", "Five", "NotFive");

    assertThat(next).isEqualTo("NotFive");
  }

  @Test
  void comparison_variableMissing_failsWithStatesRuntime() {
    String choices = "[{\"Variable\": \"$.value\", \"NumericEquals\": 5, \"Next\": \"Five\"}]";

    String error = choose(choices, "NotFive", "{}", "Five", "NotFive");

    assertThat(error).isEqualTo("States.Runtime");
  }

  /**
   * Every ordered comparison the specification defines — String, Numeric and Timestamp, each with
   * Equals, LessThan, GreaterThan, LessThanEquals and GreaterThanEquals, each also as a Path variant —
   * with the operand below, equal to and above the variable's value.
   */
  static Stream<Arguments> orderedComparisons() {
    List<Arguments> out = new ArrayList<>();
    // The kind, the variable's value, and operands below, equal to and above it.
    List<List<String>> types = List.of(
        List.of("String", "\"b\"", "\"a\"", "\"b\"", "\"c\""),
        List.of("Numeric", "2", "1.5", "2.0", "10"),
        List.of("Timestamp", "\"2016-03-14T02:00:00Z\"", "\"2016-03-14T01:59:59Z\"",
            "\"2016-03-14T03:00:00+01:00\"", "\"2016-03-14T02:00:01Z\""));
    // Whether "value RELATION operand" holds for an operand below, equal to and above the value.
    List<List<Object>> relations = List.of(
        List.of("Equals", false, true, false),
        List.of("LessThan", false, false, true),
        List.of("GreaterThan", true, false, false),
        List.of("LessThanEquals", false, true, true),
        List.of("GreaterThanEquals", true, true, false));
    for (List<String> type : types) {
      for (List<Object> relation : relations) {
        for (boolean path : List.of(false, true)) {
          String operator = type.get(0) + relation.get(0) + (path ? "Path" : "");
          out.add(Arguments.of(operator, type.get(1), List.of(type.get(2), type.get(3), type.get(4)),
              List.of(relation.get(1), relation.get(2), relation.get(3))));
        }
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("orderedComparisons")
  void orderedComparison_operandBelowEqualAndAbove_holdsAsItsNameSays(String operator, String value,
      List<String> operands, List<Boolean> holds) {
    for (int i = 0; i < operands.size(); i++) {
      boolean path = operator.endsWith("Path");
      String choices = "[{\"Variable\": \"$.value\", \"" + operator + "\": "
          + (path ? "\"$.operand\"" : operands.get(i)) + ", \"Next\": \"Holds\"}]";
      String input = "{\"value\": " + value + ", \"operand\": " + operands.get(i) + "}";

      String next = choose(choices, "DoesNot", input, "Holds", "DoesNot");

      assertThat(next).as(value + " " + operator + " " + operands.get(i))
          .isEqualTo(holds.get(i) ? "Holds" : "DoesNot");
    }
  }
}
