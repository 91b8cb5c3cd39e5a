package dev.intake.infra;

import static dev.intake.infra.PipelineStackTest.list;
import static dev.intake.infra.PipelineStackTest.map;
import static dev.intake.infra.PipelineStackTest.ref;
import static org.assertj.core.api.Assertions.assertThat;

import dev.intake.contracts.LambdaEnvironment;
import dev.intake.contracts.MetricNames;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The review loop's infrastructure (issue 13): the partners' topic with one filtered subscription per
 * partner contact, the workflow publishing the partner's message with MessageStructure json, the
 * daily digest on a business-day schedule with what it needs to publish and be alarmed on, and the
 * ReviewsOverdue alarm waiting on exactly the metric the digest emits.
 */
class ReviewLoopStackTest {

  private static Synth.Result full;
  private static Synth.Result defaults;

  @BeforeAll
  static void synthesize() {
    full = Synth.full();
    defaults = Synth.defaults();
  }

  @Test
  void partnersTopic_eachContact_isAnEmailSubscriptionFilteredOnItsPartnerId() {
    String topic = full.logicalId(full.stack().alerts().partners());
    Map<String, Map<String, Object>> subscriptions = full.ofType("AWS::SNS::Subscription");

    List<Map<String, Object>> partners = subscriptions.values().stream()
        .filter(s -> ref(topic).equals(s.get("TopicArn"))).toList();

    assertThat(partners).hasSize(2).allSatisfy(s -> assertThat(s).containsEntry("Protocol", "email"));
    assertThat(partners).anySatisfy(s -> {
      assertThat(s).containsEntry("Endpoint", "competency@acme.example");
      assertThat(s.get("FilterPolicy")).isEqualTo(Map.of("partnerId", List.of("acme")));
    });
    assertThat(partners).anySatisfy(s -> {
      assertThat(s).containsEntry("Endpoint", "partners@globex.example");
      assertThat(s.get("FilterPolicy")).isEqualTo(Map.of("partnerId", List.of("globex-1")));
    });
  }

  @Test
  void partnersTopic_withoutContacts_existsWithNoSubscription() {
    String topic = defaults.logicalId(defaults.stack().alerts().partners());

    assertThat(defaults.ofType("AWS::SNS::Topic")).containsKey(topic);
    assertThat(defaults.ofType("AWS::SNS::Subscription").values())
        .noneMatch(s -> ref(topic).equals(s.get("TopicArn")));
  }

  @Test
  void workflow_partnerTopic_isSubstitutedIntoTheDefinition() {
    Map<String, Object> machine = defaults.ofType("AWS::StepFunctions::StateMachine").values().iterator().next();

    assertThat(map(machine.get("DefinitionSubstitutions")))
        .containsEntry("PartnerTopicArn", ref(defaults.logicalId(defaults.stack().alerts().partners())))
        .containsEntry("NotificationTopicArn", ref(defaults.logicalId(defaults.stack().alerts().submissions())));
  }

  @Test
  void digestSchedule_businessDayMornings_invokesTheDigestAlias() {
    Map<String, Object> schedule = defaults.ofType("AWS::Scheduler::Schedule").values().iterator().next();

    assertThat(schedule).containsEntry("ScheduleExpression", "cron(0 7 ? * MON-FRI *)")
        .containsEntry("ScheduleExpressionTimezone", "Etc/UTC").containsEntry("State", "ENABLED");
    assertThat(map(schedule.get("Target")).get("Arn"))
        .isEqualTo(ref(defaults.logicalId(defaults.stack().functions().digest().alias())));
    assertThat(map(map(schedule.get("Target")).get("RetryPolicy"))).containsEntry("MaximumRetryAttempts", 2);
  }

  @Test
  void digestFunction_environment_namesTheProgramOfficeTopicAndTheApi() {
    Map<String, Object> variables = digestEnvironment();

    assertThat(variables).containsEntry(LambdaEnvironment.PROGRAM_OFFICE_TOPIC_ARN,
        ref(defaults.logicalId(defaults.stack().alerts().submissions())));
    assertThat(variables).containsKeys(LambdaEnvironment.API_BASE_URL, LambdaEnvironment.TABLE_NAME);
    assertThat(variables).containsEntry(LambdaEnvironment.POWERTOOLS_SERVICE_NAME, MetricNames.SERVICE_NAME);
  }

  @Test
  void reviewsOverdueAlarm_waitsOnTheMetricTheDigestEmits() {
    Map<String, Object> alarm = defaults.ofType("AWS::CloudWatch::Alarm").values().stream()
        .filter(a -> "CompetencyIntake-dev-ReviewsOverdue".equals(a.get("AlarmName"))).findFirst().orElseThrow();

    assertThat(alarm).containsEntry("MetricName", MetricNames.REVIEWS_OVERDUE)
        .containsEntry("Namespace", digestEnvironment().get(LambdaEnvironment.POWERTOOLS_METRICS_NAMESPACE))
        .containsEntry("Period", 86_400).containsEntry("Threshold", 0);
    assertThat(list(alarm.get("Dimensions"))).containsExactly(Map.of("Name", MetricNames.SERVICE_DIMENSION,
        "Value", MetricNames.SERVICE_NAME));
  }

  @Test
  void digestFailedAlarm_watchesTheDigestFunctionsErrors() {
    Map<String, Object> alarm = defaults.ofType("AWS::CloudWatch::Alarm").values().stream()
        .filter(a -> "CompetencyIntake-dev-DigestFailed".equals(a.get("AlarmName"))).findFirst().orElseThrow();

    assertThat(alarm).containsEntry("MetricName", "Errors").containsEntry("Namespace", "AWS/Lambda");
    assertThat(list(alarm.get("Dimensions")).toString()).contains(
        defaults.logicalId(defaults.stack().functions().digest().function()));
  }

  @Test
  void api_comparisonRouteAndReviewQuery_areServed() {
    assertThat(defaults.stack().api().methods()).containsKeys("GET /submissions/{id}/comparison");
    assertThat(defaults.ofType("AWS::ApiGateway::Method").values()).anySatisfy(m -> assertThat(
        map(m.getOrDefault("RequestParameters", Map.of()))).containsKeys("method.request.querystring.review",
        "method.request.querystring.sort", "method.request.querystring.overdue"));
  }

  private static Map<String, Object> digestEnvironment() {
    Map<String, Object> function = defaults.ofType("AWS::Lambda::Function")
        .get(defaults.logicalId(defaults.stack().functions().digest().function()));
    return map(map(function.get("Environment")).get("Variables"));
  }
}
