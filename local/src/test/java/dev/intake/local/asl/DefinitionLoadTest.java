package dev.intake.local.asl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** What loading a definition accepts and rejects, and that every rejection names the culprit. */
class DefinitionLoadTest {

  private static final String FN = "arn:aws:lambda:us-east-1:123456789012:function:F";

  private static String oneState(String state) {
    return "{\"StartAt\": \"S\", \"States\": {\"S\": " + state + "}}";
  }

  private static String task(String extraFields) {
    return oneState("{\"Type\": \"Task\", \"Resource\": \"" + FN + "\", " + extraFields + " \"End\": true}");
  }

  @Test
  void load_unknownStateType_isRejectedNamingStateAndType() {
    assertThatThrownBy(() -> StateMachineDefinition.load(oneState("{\"Type\": \"Sleep\", \"End\": true}")))
        .isInstanceOf(DefinitionException.class)
        .hasMessageContaining("State 'S'").hasMessageContaining("Type 'Sleep'");
  }

  @Test
  void load_credentialsField_isRejectedNamingStateAndField() {
    assertThatThrownBy(() -> StateMachineDefinition.load(task("\"Credentials\": {\"RoleArn\": \"x\"},")))
        .isInstanceOf(DefinitionException.class)
        .hasMessageContaining("State 'S' (Task)").hasMessageContaining("field 'Credentials'");
  }

  @Test
  void load_mapItemReader_isRejectedNamingField() {
    String map = oneState("""
        {"Type": "Map", "ItemReader": {"Resource": "arn:aws:states:::s3:getObject"},
         "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}, "End": true}""");

    assertThatThrownBy(() -> StateMachineDefinition.load(map))
        .isInstanceOf(DefinitionException.class)
        .hasMessageContaining("State 'S' (Map)").hasMessageContaining("field 'ItemReader'");
  }

  @Test
  void load_distributedMapMode_isRejected() {
    String map = oneState("""
        {"Type": "Map", "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED"},
          "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}, "End": true}""");

    assertThatThrownBy(() -> StateMachineDefinition.load(map))
        .isInstanceOf(DefinitionException.class).hasMessageContaining("DISTRIBUTED");
  }

  @Test
  void load_unknownIntrinsic_isRejectedNamingFunction() {
    String pass = oneState(
        "{\"Type\": \"Pass\", \"Parameters\": {\"x.$\": \"States.StringReverse($.a)\"}, \"End\": true}");

    assertThatThrownBy(() -> StateMachineDefinition.load(pass))
        .isInstanceOf(DefinitionException.class)
        .hasMessageContaining("State 'S' (Pass)").hasMessageContaining("States.StringReverse");
  }

  @Test
  void load_intrinsicWithWrongArgumentCount_isRejected() {
    String pass = oneState(
        "{\"Type\": \"Pass\", \"Parameters\": {\"x.$\": \"States.ArrayLength($.a, $.b)\"}, \"End\": true}");

    assertThatThrownBy(() -> StateMachineDefinition.load(pass))
        .isInstanceOf(DefinitionException.class).hasMessageContaining("States.ArrayLength takes 1");
  }

  @Test
  void load_nextToMissingState_isRejectedNamingTarget() {
    String asl = "{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Pass\", \"Next\": \"Nowhere\"}}}";

    assertThatThrownBy(() -> StateMachineDefinition.load(asl))
        .isInstanceOf(DefinitionException.class)
        .hasMessageContaining("State 'A'").hasMessageContaining("'Nowhere'");
  }

  @Test
  void load_catchNextToMissingState_isRejected() {
    String asl = task("\"Catch\": [{\"ErrorEquals\": [\"States.ALL\"], \"Next\": \"Gone\"}],");

    assertThatThrownBy(() -> StateMachineDefinition.load(asl))
        .isInstanceOf(DefinitionException.class).hasMessageContaining("'Gone'");
  }

  @Test
  void load_startAtMissingState_isRejected() {
    String asl = "{\"StartAt\": \"B\", \"States\": {\"A\": {\"Type\": \"Succeed\"}}}";

    assertThatThrownBy(() -> StateMachineDefinition.load(asl))
        .isInstanceOf(DefinitionException.class).hasMessageContaining("StartAt 'B'");
  }

  @Test
  void load_unreachableState_isRejected() {
    String asl = "{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Succeed\"}, \"B\": {\"Type\": \"Succeed\"}}}";

    assertThatThrownBy(() -> StateMachineDefinition.load(asl))
        .isInstanceOf(DefinitionException.class).hasMessageContaining("State 'B' is not reachable");
  }

  @Test
  void load_nextAcrossParallelBranchBoundary_isRejected() {
    String asl = """
        {"StartAt": "P", "States": {
          "P": {"Type": "Parallel", "Branches": [
            {"StartAt": "In", "States": {"In": {"Type": "Pass", "Next": "Out"}}}], "Next": "Out"},
          "Out": {"Type": "Succeed"}}}""";

    assertThatThrownBy(() -> StateMachineDefinition.load(asl))
        .isInstanceOf(DefinitionException.class).hasMessageContaining("State 'In'");
  }

  @Test
  void load_neitherNextNorEnd_isRejected() {
    assertThatThrownBy(() -> StateMachineDefinition.load(oneState("{\"Type\": \"Pass\"}")))
        .isInstanceOf(DefinitionException.class).hasMessageContaining("needs either Next or \"End\": true");
  }

  @Test
  void load_unresolvedPlaceholder_isRejectedNamingIt() {
    String asl = oneState("{\"Type\": \"Task\", \"Resource\": \"${AggregateArn}\", \"End\": true}");

    assertThatThrownBy(() -> StateMachineDefinition.load(asl, Map.of("OtherArn", FN)))
        .isInstanceOf(DefinitionException.class).hasMessageContaining("${AggregateArn}");
  }

  @Test
  void load_placeholderWithValue_isSubstituted() {
    String asl = oneState("{\"Type\": \"Task\", \"Resource\": \"${AggregateArn}\", \"End\": true}");

    StateMachineDefinition definition = StateMachineDefinition.load(asl, Map.of("AggregateArn", FN));

    assertThat(definition.taskResources()).containsExactly(FN);
  }

  @Test
  void load_fancyJsonPath_isRejectedAsOutsideTheSubset() {
    for (String path : new String[] {"$.vals[-3:]", "$..x", "$.items[*]", "$.items[?(@.a)]", "$.a.length()"}) {
      String pass = oneState("{\"Type\": \"Pass\", \"Parameters\": {\"x.$\": \"" + path + "\"}, \"End\": true}");

      assertThatThrownBy(() -> StateMachineDefinition.load(pass)).as(path)
          .isInstanceOf(DefinitionException.class).hasMessageContaining("the local runner supports $, $$");
    }
  }

  @Test
  void load_statesAllNotLast_isRejected() {
    String asl = task("""
        "Retry": [{"ErrorEquals": ["States.ALL"]}, {"ErrorEquals": ["Boom"]}],""");

    assertThatThrownBy(() -> StateMachineDefinition.load(asl))
        .isInstanceOf(DefinitionException.class).hasMessageContaining("States.ALL only alone and in the last entry");
  }

  @Test
  void load_statesAllWithOtherNames_isRejected() {
    String asl = task("\"Catch\": [{\"ErrorEquals\": [\"States.ALL\", \"Boom\"], \"Next\": \"S\"}],");

    assertThatThrownBy(() -> StateMachineDefinition.load(asl))
        .isInstanceOf(DefinitionException.class).hasMessageContaining("States.ALL only alone");
  }

  @Test
  void load_misspelledRetryField_isRejected() {
    String asl = task("\"Retry\": [{\"ErrorEquals\": [\"Boom\"], \"MaxAttempt\": 2}],");

    assertThatThrownBy(() -> StateMachineDefinition.load(asl))
        .isInstanceOf(DefinitionException.class)
        .hasMessageContaining("State 'S' (Task) Retry[0]").hasMessageContaining("field 'MaxAttempt'");
  }

  @Test
  void load_unknownPredefinedErrorName_isRejected() {
    String asl = task("\"Retry\": [{\"ErrorEquals\": [\"States.Timout\"]}],");

    assertThatThrownBy(() -> StateMachineDefinition.load(asl))
        .isInstanceOf(DefinitionException.class).hasMessageContaining("States.Timout");
  }

  @Test
  void load_choiceOperandOfWrongType_isRejected() {
    String asl = """
        {"StartAt": "C", "States": {"C": {"Type": "Choice", "Choices": [
          {"Variable": "$.n", "NumericEquals": "5", "Next": "D"}], "Default": "D"}, "D": {"Type": "Succeed"}}}""";

    assertThatThrownBy(() -> StateMachineDefinition.load(asl))
        .isInstanceOf(DefinitionException.class)
        .hasMessageContaining("Choices[0]").hasMessageContaining("NumericEquals");
  }

  @Test
  void load_choiceRuleWithTwoOperators_isRejected() {
    String asl = """
        {"StartAt": "C", "States": {"C": {"Type": "Choice", "Choices": [
          {"Variable": "$.n", "NumericEquals": 5, "NumericLessThan": 9, "Next": "D"}]}, "D": {"Type": "Succeed"}}}""";

    assertThatThrownBy(() -> StateMachineDefinition.load(asl))
        .isInstanceOf(DefinitionException.class).hasMessageContaining("exactly one");
  }

  @Test
  void load_syncIntegration_isRejected() {
    String asl = oneState("""
        {"Type": "Task", "Resource": "arn:aws:states:::states:startExecution.sync", "End": true}""");

    assertThatThrownBy(() -> StateMachineDefinition.load(asl))
        .isInstanceOf(DefinitionException.class).hasMessageContaining("integration pattern");
  }

  @Test
  void load_lambdaInvokeWithUnsupportedParameter_isRejected() {
    String asl = oneState("""
        {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
         "Parameters": {"FunctionName": "f", "Payload.$": "$", "InvocationType": "Event"}, "End": true}""");

    assertThatThrownBy(() -> StateMachineDefinition.load(asl))
        .isInstanceOf(DefinitionException.class).hasMessageContaining("InvocationType");
  }

  @Test
  void load_jsonataQueryLanguage_isRejected() {
    String asl = "{\"QueryLanguage\": \"JSONata\", \"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Succeed\"}}}";

    assertThatThrownBy(() -> StateMachineDefinition.load(asl))
        .isInstanceOf(DefinitionException.class).hasMessageContaining("JSONata");
  }

  @Test
  void load_machineTimeoutSeconds_isRejectedAsNotImplemented() {
    String asl = "{\"TimeoutSeconds\": 60, \"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Succeed\"}}}";

    assertThatThrownBy(() -> StateMachineDefinition.load(asl))
        .isInstanceOf(DefinitionException.class).hasMessageContaining("field 'TimeoutSeconds'");
  }

  @Test
  void load_duplicateStateNameAcrossBranches_isRejected() {
    String asl = """
        {"StartAt": "P", "States": {"P": {"Type": "Parallel", "Branches": [
          {"StartAt": "P", "States": {"P": {"Type": "Succeed"}}}], "End": true}}}""";

    assertThatThrownBy(() -> StateMachineDefinition.load(asl))
        .isInstanceOf(DefinitionException.class).hasMessageContaining("second state named 'P'");
  }

  @Test
  void build_taskWithoutRegisteredHandler_isRejected() {
    StateMachineDefinition definition = StateMachineDefinition.load(task(""));

    assertThatThrownBy(() -> StepFunctionsRunner.builder(definition, new TaskRegistry()).build())
        .isInstanceOf(DefinitionException.class).hasMessageContaining("no handler for function " + FN);
  }

  @Test
  void load_everyStateTypeAndFieldOfTheSubset_isAccepted() {
    String asl = """
        {"Comment": "all of it", "Version": "1.0", "QueryLanguage": "JSONPath", "StartAt": "Pass", "States": {
          "Pass": {"Type": "Pass", "Comment": "c", "InputPath": "$", "Parameters": {"a.$": "$"}, "Result": 1,
                   "ResultPath": "$.r", "OutputPath": "$", "Next": "Task"},
          "Task": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish",
                   "Parameters": {"TopicArn": "t", "Message.$": "$", "Subject": "s", "MessageAttributes": {}},
                   "ResultSelector": {"id.$": "$.MessageId"}, "ResultPath": null, "TimeoutSeconds": 10,
                   "HeartbeatSeconds": 5, "Retry": [{"ErrorEquals": ["States.TaskFailed"], "IntervalSeconds": 1,
                   "MaxAttempts": 2, "BackoffRate": 1.5, "MaxDelaySeconds": 3, "JitterStrategy": "FULL"}],
                   "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.e", "Next": "Fail"}], "Next": "Wait"},
          "Wait": {"Type": "Wait", "SecondsPath": "$.s", "Next": "Choice"},
          "Choice": {"Type": "Choice", "Choices": [{"Variable": "$.x", "IsPresent": true, "Next": "Parallel"}],
                     "Default": "Map"},
          "Parallel": {"Type": "Parallel", "Branches": [{"StartAt": "B", "States": {"B": {"Type": "Succeed"}}}],
                       "ResultSelector": {"b.$": "$[0]"}, "Next": "Map"},
          "Map": {"Type": "Map", "ItemsPath": "$.items", "ItemSelector": {"i.$": "$$.Map.Item.Value"},
                  "MaxConcurrency": 2, "ItemProcessor": {"ProcessorConfig": {"Mode": "INLINE"}, "StartAt": "M",
                  "States": {"M": {"Type": "Pass", "End": true}}}, "Next": "Done"},
          "Done": {"Type": "Succeed"},
          "Fail": {"Type": "Fail", "Error": "E", "Cause": "C"}}}""";

    StateMachineDefinition definition = StateMachineDefinition.load(asl);

    assertThat(definition.stateNames())
        .containsExactly("Pass", "Task", "Wait", "Choice", "Parallel", "Map", "Done", "Fail");
  }
}
