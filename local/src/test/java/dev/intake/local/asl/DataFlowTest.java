package dev.intake.local.asl;

import static dev.intake.local.asl.Harness.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Input and Output Processing, from the examples of the specification and the Step Functions guide. */
class DataFlowTest {

  private static final String ADD = "arn:aws:lambda:us-east-1:123456789012:function:Add";

  private final Harness harness = new Harness()
      .function(ADD, input -> json(String.valueOf(input.get("val1").asInt() + input.get("val2").asInt())));

  private static String task(String fields) {
    return """
        {"StartAt": "X", "States": {"X": {"Type": "Task", "Resource": "%s", %s "End": true}}}"""
        .formatted(ADD, fields.isEmpty() ? "" : fields + ",");
  }

  @Test
  void inputPathAndResultPath_specNumbersExample_mergesSumIntoInput() {
    String asl = task("\"InputPath\": \"$.numbers\", \"ResultPath\": \"$.sum\"");

    Harness.Outcome outcome = harness.run(asl,
        "{\"title\": \"Numbers to add\", \"numbers\": {\"val1\": 3, \"val2\": 4}}");

    assertThat(outcome.output()).isEqualTo(json(
        "{\"title\": \"Numbers to add\", \"numbers\": {\"val1\": 3, \"val2\": 4}, \"sum\": 7}"));
  }

  @Test
  void resultPathAndOutputPath_guideLambdaExample_keepsOnlyTheDataNodeWithTheResult() {
    Harness local = new Harness().function("arn:aws:lambda:us-east-1:123456789012:function:HelloFunction",
        input -> json("\"Hello, " + input.get("who").asText() + "!\""));
    String asl = """
        {"StartAt": "HelloWorld", "States": {"HelloWorld": {"Type": "Task",
          "Resource": "arn:aws:lambda:us-east-1:123456789012:function:HelloFunction",
          "InputPath": "$.lambda", "ResultPath": "$.data.lambdaresult", "OutputPath": "$.data", "End": true}}}""";

    Harness.Outcome outcome = local.run(asl, """
        {"comment": "An input comment.", "data": {"val1": 23, "val2": 17}, "extra": "foo",
         "lambda": {"who": "AWS Step Functions"}}""");

    assertThat(outcome.output()).isEqualTo(json(
        "{\"val1\": 23, \"val2\": 17, \"lambdaresult\": \"Hello, AWS Step Functions!\"}"));
  }

  @Test
  void resultPath_absent_resultReplacesInput() {
    Harness.Outcome outcome = harness.run(task(""), "{\"val1\": 1, \"val2\": 2}");

    assertThat(outcome.output()).isEqualTo(json("3"));
  }

  @Test
  void resultPath_null_discardsResultAndPassesInputThrough() {
    Harness.Outcome outcome = harness.run(task("\"ResultPath\": null"), "{\"val1\": 1, \"val2\": 2}");

    assertThat(outcome.output()).isEqualTo(json("{\"val1\": 1, \"val2\": 2}"));
  }

  @Test
  void resultPath_nestedPathThroughMissingObjects_createsThem() {
    Harness.Outcome outcome = harness.run(task("\"ResultPath\": \"$.results.math.sum\""), "{\"val1\": 1, \"val2\": 2}");

    assertThat(outcome.output()).isEqualTo(json("{\"val1\": 1, \"val2\": 2, \"results\": {\"math\": {\"sum\": 3}}}"));
  }

  @Test
  void resultPath_intoAString_failsWithResultPathMatchFailure() {
    Harness.Outcome outcome = harness.run(task("\"ResultPath\": \"$.val1.sum\""), "{\"val1\": 1, \"val2\": 2}");

    assertThat(outcome.error()).isEqualTo("States.ResultPathMatchFailure");
  }

  @Test
  void inputPath_null_givesTheTaskAnEmptyObject() {
    List<JsonNode> received = new ArrayList<>();
    Harness local = new Harness().function(ADD, input -> {
      received.add(input);
      return json("0");
    });

    local.run(task("\"InputPath\": null, \"ResultPath\": null"), "{\"val1\": 1}");

    assertThat(received).containsExactly(json("{}"));
  }

  @Test
  void outputPath_null_outputsAnEmptyObject() {
    Harness.Outcome outcome = harness.run(task("\"OutputPath\": null"), "{\"val1\": 1, \"val2\": 2}");

    assertThat(outcome.output()).isEqualTo(json("{}"));
  }

  @Test
  void inputPath_selectingNothing_failsWithStatesRuntime() {
    Harness.Outcome outcome = harness.run(task("\"InputPath\": \"$.missing\""), "{\"val1\": 1}");

    assertThat(outcome.error()).isEqualTo("States.Runtime");
  }

  @Test
  void parameters_specExampleWithPathsIndexesAndContext_buildsTheTaskInput() {
    String asl = """
        {"StartAt": "X", "States": {"X": {"Type": "Pass",
          "Parameters": {"flagged": true,
                         "parts": {"first.$": "$.vals[0]", "last.$": "$.vals[5]"},
                         "quoted.$": "$['odd key']",
                         "execution.$": "$$.Execution.Name",
                         "formattedOutput.$": "States.Format('Run {} of {}', $$.Execution.Name, $$.StateMachine.Name)"},
          "End": true}}}""";

    Harness.Outcome outcome = harness.run(asl, "{\"flagged\": 7, \"vals\": [0, 10, 20, 30, 40, 50], \"odd key\": 1}");

    assertThat(outcome.output()).isEqualTo(json("""
        {"flagged": true, "parts": {"first": 0, "last": 50}, "quoted": 1, "execution": "run-1",
         "formattedOutput": "Run run-1 of Spec"}"""));
  }

  @Test
  void parameters_pathSelectingNothing_failsWithParameterPathFailure() {
    String asl = """
        {"StartAt": "X", "States": {"X": {"Type": "Pass", "Parameters": {"a.$": "$.missing"}, "End": true}}}""";

    Harness.Outcome outcome = harness.run(asl, "{}");

    assertThat(outcome.error()).isEqualTo("States.ParameterPathFailure");
  }

  @Test
  void contextObject_executionAndStateFields_areAvailableToParameters() {
    String asl = """
        {"StartAt": "Look", "States": {"Look": {"Type": "Pass", "Parameters": {
          "id.$": "$$.Execution.Id", "name.$": "$$.Execution.Name", "start.$": "$$.Execution.StartTime",
          "input.$": "$$.Execution.Input", "state.$": "$$.State.Name", "entered.$": "$$.State.EnteredTime",
          "retries.$": "$$.State.RetryCount"}, "End": true}}}""";

    Harness.Outcome outcome = harness.run(asl, "{\"k\": 1}");

    assertThat(outcome.output()).isEqualTo(json("""
        {"id": "arn:aws:states:local:000000000000:execution:Spec:run-1", "name": "run-1",
         "start": "2024-05-01T10:00:00.000Z", "input": {"k": 1}, "state": "Look",
         "entered": "2024-05-01T10:00:00.000Z", "retries": 0}"""));
  }

  @Test
  void resultSelector_lambdaInvokeResult_picksPayloadFields() {
    Harness local = new Harness().function("arn:aws:lambda:local:000000000000:function:aggregate",
        payload -> json("{\"status\": \"READY\", \"count\": " + payload.get("n").asInt() + "}"));
    String asl = """
        {"StartAt": "Aggregate", "States": {"Aggregate": {"Type": "Task",
          "Resource": "arn:aws:states:::lambda:invoke",
          "Parameters": {"FunctionName": "${AggregateFunction}", "Payload": {"n.$": "$.n"}},
          "ResultSelector": {"status.$": "$.Payload.status", "code.$": "$.StatusCode"},
          "ResultPath": "$.aggregate", "End": true}}}""";
    local.substitutions = Map.of("AggregateFunction", "arn:aws:lambda:local:000000000000:function:aggregate");

    Harness.Outcome outcome = local.run(asl, "{\"n\": 4}");

    assertThat(outcome.output()).isEqualTo(json("{\"n\": 4, \"aggregate\": {\"status\": \"READY\", \"code\": 200}}"));
  }

  @Test
  void lambdaInvoke_result_hasPayloadStatusCodeAndExecutedVersion() {
    Harness local = new Harness().function("aggregate", payload -> json("{\"echo\": " + payload + "}"));
    String asl = """
        {"StartAt": "A", "States": {"A": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
          "Parameters": {"FunctionName": "aggregate", "Payload.$": "$"}, "End": true}}}""";

    Harness.Outcome outcome = local.run(asl, "{\"x\": 1}");

    assertThat(outcome.output()).isEqualTo(json(
        "{\"ExecutedVersion\": \"$LATEST\", \"Payload\": {\"echo\": {\"x\": 1}}, \"StatusCode\": 200}"));
  }

  @Test
  void pass_resultWithResultPath_specExampleMergesTheFixedResult() {
    String asl = """
        {"StartAt": "No-op", "States": {"No-op": {"Type": "Pass",
          "Result": {"x-datum": 0.381018, "y-datum": 622.2269926397355}, "ResultPath": "$.coords", "End": true}}}""";

    Harness.Outcome outcome = harness.run(asl, "{\"georefOf\": \"Home\"}");

    assertThat(outcome.output()).isEqualTo(json(
        "{\"georefOf\": \"Home\", \"coords\": {\"x-datum\": 0.381018, \"y-datum\": 622.2269926397355}}"));
  }

  @Test
  void succeed_withInputPath_outputsTheSelection() {
    String asl = """
        {"StartAt": "Done", "States": {"Done": {"Type": "Succeed", "InputPath": "$.keep"}}}""";

    Harness.Outcome outcome = harness.run(asl, "{\"keep\": {\"a\": 1}, \"drop\": 2}");

    assertThat(outcome.output()).isEqualTo(json("{\"a\": 1}"));
  }
}
