package dev.intake.infra;

import static dev.intake.infra.AlertsTest.joined;
import static dev.intake.infra.PipelineStackTest.getAtt;
import static dev.intake.infra.PipelineStackTest.list;
import static dev.intake.infra.PipelineStackTest.map;
import static dev.intake.infra.PipelineStackTest.ref;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The alarms that matter and logs an operator can use (issue 15, point 8): each alarm on its metric
 * and threshold, intake errors as a rate, JSON access logs, and log groups of ours — encrypted, with
 * retention — for API Gateway's execution logs and CDK's bucket-notification handler.
 */
class MonitoringTest {

  private static Synth.Result synth;
  /** Every alarm, by its name without the stack prefix. */
  private static Map<String, Map<String, Object>> alarms;

  @BeforeAll
  static void synthesize() {
    synth = Synth.defaults();
    alarms = new TreeMap<>();
    synth.ofType("AWS::CloudWatch::Alarm").values().forEach(a ->
        alarms.put(String.valueOf(a.get("AlarmName")).substring("CompetencyIntake-dev-".length()), a));
  }

  @Test
  void alarms_names_areTheOnesThatMatter() {
    assertThat(alarms.keySet()).containsExactlyInAnyOrder("WorkflowFailed", "WorkflowTimedOut", "WorkflowAborted",
        "IntakeErrorRate", "DeadLetters", "DeadLetterAge", "Parked", "NotificationsFailed", "TableThrottles",
        "TableSystemErrors", "Api5xx", "ApiLatencyP99", "ReviewsOverdue", "DigestFailed");
  }

  @Test
  void workflowTimedOut_anyExecution_alarms() {
    assertThat(alarms.get("WorkflowTimedOut")).containsEntry("MetricName", "ExecutionsTimedOut")
        .containsEntry("Threshold", 1).containsEntry("ComparisonOperator", "GreaterThanOrEqualToThreshold");
  }

  @Test
  void workflowAborted_anyExecution_alarms() {
    assertThat(alarms.get("WorkflowAborted")).containsEntry("MetricName", "ExecutionsAborted")
        .containsEntry("Threshold", 1);
  }

  @Test
  void intakeErrorRate_isErrorsOverInvocationsInPercent() {
    assertThat(expressionOf(alarms.get("IntakeErrorRate"))).contains("100 * errors / invocations");
    assertThat(metricNamesOf(alarms.get("IntakeErrorRate"))).containsExactlyInAnyOrder("Errors", "Invocations");
  }

  @Test
  void intakeErrorRate_needsTwoOfThreePeriodsOverTenPercent() {
    assertThat(alarms.get("IntakeErrorRate")).containsEntry("Threshold", 10).containsEntry("EvaluationPeriods", 3)
        .containsEntry("DatapointsToAlarm", 2).containsEntry("ComparisonOperator", "GreaterThanThreshold");
  }

  @Test
  void deadLetterAge_overAnHour_alarms() {
    assertThat(alarms.get("DeadLetterAge")).containsEntry("MetricName", "ApproximateAgeOfOldestMessage")
        .containsEntry("Threshold", 3600)
        .containsEntry("Dimensions", List.of(Map.of("Name", "QueueName",
            "Value", getAtt(synth.logicalId(synth.stack().functions().deadLetters()), "QueueName"))));
  }

  @Test
  void notificationsFailed_watchesTheProgramOfficeTopic() {
    assertThat(alarms.get("NotificationsFailed")).containsEntry("MetricName", "NumberOfNotificationsFailed")
        .containsEntry("Dimensions", List.of(Map.of("Name", "TopicName",
            "Value", getAtt(synth.logicalId(synth.stack().alerts().submissions()), "TopicName"))));
  }

  @Test
  void tableThrottles_sumsThrottledRequestsOfTheStoresOperations() {
    assertThat(metricNamesOf(alarms.get("TableThrottles"))).isNotEmpty().containsOnly("ThrottledRequests");
  }

  @Test
  void tableSystemErrors_sumsSystemErrorsOfTheStoresOperations() {
    assertThat(metricNamesOf(alarms.get("TableSystemErrors"))).isNotEmpty().containsOnly("SystemErrors");
  }

  @Test
  void apiLatencyP99_overFiveSecondsForFifteenMinutes_alarms() {
    assertThat(alarms.get("ApiLatencyP99")).containsEntry("MetricName", "Latency")
        .containsEntry("ExtendedStatistic", "p99").containsEntry("Threshold", 5000)
        .containsEntry("EvaluationPeriods", 3).containsEntry("DatapointsToAlarm", 3);
  }

  @Test
  void reviewsOverdue_watchesTheEnvironmentsCustomMetric() {
    assertThat(alarms.get("ReviewsOverdue")).containsEntry("Namespace", "CompetencyIntake/dev")
        .containsEntry("MetricName", Monitoring.REVIEWS_OVERDUE).containsEntry("Threshold", 0)
        .containsEntry("ComparisonOperator", "GreaterThanThreshold");
  }

  @Test
  void accessLog_format_isOneJsonObjectPerRequest() throws Exception {
    // given: each variable replaced by a value of its kind
    String format = String.valueOf(map(stage().get("AccessLogSetting")).get("Format"));
    String line = format.replaceAll("\\$context\\.[A-Za-z.]+", "value-1");

    // when
    JsonNode entry = new ObjectMapper().readTree(line);

    // then
    assertThat(entry.has("requestId") && entry.has("principal") && entry.has("status")
        && entry.has("integrationLatency") && entry.has("errorType")).isTrue();
  }

  @Test
  void executionLog_name_isTheOneApiGatewayWritesTo() {
    assertThat(joined(executionLog().get("LogGroupName")))
        .isEqualTo("API-Gateway-Execution-Logs_{" + synth.logicalId(synth.stack().api().api()) + "}/v1");
  }

  @Test
  void executionLog_isEncryptedWithRetention() {
    assertThat(executionLog()).containsEntry("RetentionInDays", 90)
        .containsEntry("KmsKeyId", getAtt(synth.logicalId(synth.stack().logGroups().key()), "Arn"));
  }

  @Test
  void executionLog_existsBeforeTheStageLogsToIt() {
    assertThat(list(stageResource().get("DependsOn")))
        .contains(synth.logicalId(synth.stack().api().executionLog()));
  }

  @Test
  void notificationHandler_logsToAnEncryptedGroupOfOurs() {
    String group = synth.logicalId(synth.stack().notificationHandlerLogs());
    assertThat(map(notificationHandler().get("LoggingConfig"))).containsEntry("LogGroup", ref(group));
    assertThat(synth.ofType("AWS::Logs::LogGroup").get(group)).containsEntry("RetentionInDays", 90)
        .containsKey("KmsKeyId");
  }

  @Test
  void notificationHandler_role_hasNoManagedPolicy() {
    String roleId = (String) list(map(notificationHandler().get("Role")).get("Fn::GetAtt")).get(0);
    assertThat(synth.ofType("AWS::IAM::Role").get(roleId)).doesNotContainKey("ManagedPolicyArns");
  }

  // --- helpers --------------------------------------------------------------------------------

  private static Map<String, Object> stageResource() {
    return synth.resources().values().stream().filter(r -> "AWS::ApiGateway::Stage".equals(r.get("Type")))
        .findFirst().orElseThrow();
  }

  private static Map<String, Object> stage() {
    return map(stageResource().get("Properties"));
  }

  private static Map<String, Object> executionLog() {
    return synth.ofType("AWS::Logs::LogGroup").get(synth.logicalId(synth.stack().api().executionLog()));
  }

  private static Map<String, Object> notificationHandler() {
    return synth.ofType("AWS::Lambda::Function").entrySet().stream()
        .filter(e -> e.getKey().startsWith("BucketNotificationsHandler")).findFirst().orElseThrow().getValue();
  }

  private static String expressionOf(Map<String, Object> alarm) {
    return list(alarm.get("Metrics")).stream().map(PipelineStackTest::map)
        .filter(m -> m.containsKey("Expression")).map(m -> String.valueOf(m.get("Expression")))
        .findFirst().orElse("");
  }

  private static List<String> metricNamesOf(Map<String, Object> alarm) {
    List<String> names = new ArrayList<>();
    list(alarm.get("Metrics")).stream().map(PipelineStackTest::map).filter(m -> m.containsKey("MetricStat"))
        .forEach(m -> names.add(String.valueOf(map(map(map(m.get("MetricStat")).get("Metric"))).get("MetricName"))));
    return names;
  }
}
