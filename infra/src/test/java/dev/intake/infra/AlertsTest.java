package dev.intake.infra;

import static dev.intake.infra.PipelineStackTest.getAtt;
import static dev.intake.infra.PipelineStackTest.list;
import static dev.intake.infra.PipelineStackTest.map;
import static dev.intake.infra.PipelineStackTest.ref;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.constructs.IConstruct;

/**
 * Alarm mail arrives and business mail stays apart (issue 15, points 1 and 5): the operations
 * topic and the topic key let CloudWatch publish for this stack's alarms only; the program office's
 * topic carries the workflow's submission messages and nothing else.
 */
class AlertsTest {

  private static Synth.Result synth;
  private static Map<String, Object> cloudWatchTopicStatement;
  private static Map<String, Object> cloudWatchKeyStatement;

  @BeforeAll
  static void synthesize() {
    synth = Synth.full();
    cloudWatchTopicStatement = statementFor(topicPolicy(synth.stack().alerts().operations()));
    cloudWatchKeyStatement = statementFor(map(synth.ofType("AWS::KMS::Key")
        .get(synth.logicalId(synth.stack().alerts().key())).get("KeyPolicy")));
  }

  @Test
  void operationsTopicPolicy_cloudWatch_mayPublish() {
    assertThat(cloudWatchTopicStatement).containsEntry("Effect", "Allow").containsEntry("Action", "sns:Publish")
        .containsEntry("Resource", ref(synth.logicalId(synth.stack().alerts().operations())));
  }

  @Test
  void operationsTopicPolicy_cloudWatch_onlyForThisAccount() {
    assertThat(map(map(cloudWatchTopicStatement.get("Condition")).get("StringEquals")))
        .isEqualTo(Map.of("aws:SourceAccount", Map.of("Ref", "AWS::AccountId")));
  }

  @Test
  void operationsTopicPolicy_cloudWatch_onlyForThisStacksAlarms() {
    assertThat(joined(map(map(cloudWatchTopicStatement.get("Condition")).get("ArnLike")).get("aws:SourceArn")))
        .isEqualTo("arn:{AWS::Partition}:cloudwatch:{AWS::Region}:{AWS::AccountId}:alarm:CompetencyIntake-dev-*");
  }

  @Test
  void operationsTopicPolicy_stillRefusesPlainHttp() {
    assertThat(statements(topicPolicy(synth.stack().alerts().operations()))).anySatisfy(s -> assertThat(s)
        .containsEntry("Effect", "Deny")
        .containsEntry("Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false"))));
  }

  @Test
  void topicKeyPolicy_cloudWatch_mayEncryptForTheTopic() {
    assertThat(list(cloudWatchKeyStatement.get("Action"))).containsExactlyInAnyOrder("kms:Decrypt",
        "kms:GenerateDataKey*");
  }

  @Test
  void topicKeyPolicy_cloudWatch_hasTheSameConditionsAsTheTopic() {
    assertThat(cloudWatchKeyStatement.get("Condition")).isEqualTo(cloudWatchTopicStatement.get("Condition"));
  }

  @Test
  void alarms_everyName_matchesTheSourceArnPattern() {
    assertThat(synth.ofType("AWS::CloudWatch::Alarm").values())
        .allSatisfy(a -> assertThat(String.valueOf(a.get("AlarmName"))).startsWith("CompetencyIntake-dev-"));
  }

  @Test
  void programOfficeTopic_noCloudWatchStatement() {
    assertThat(statements(topicPolicy(synth.stack().alerts().submissions())))
        .noneMatch(s -> String.valueOf(s.get("Principal")).contains(Alerts.CLOUDWATCH));
  }

  @Test
  void programOfficeTopic_noAlarmPublishesToIt() {
    Object submissions = ref(synth.logicalId(synth.stack().alerts().submissions()));
    assertThat(synth.ofType("AWS::CloudWatch::Alarm").values())
        .noneMatch(a -> list(a.get("AlarmActions")).contains(submissions));
  }

  @Test
  void programOfficeTopic_isWhatTheWorkflowNotifies() {
    assertThat(map(only(synth.ofType("AWS::StepFunctions::StateMachine")).get("DefinitionSubstitutions")))
        .containsEntry("NotificationTopicArn", ref(synth.logicalId(synth.stack().alerts().submissions())));
  }

  @Test
  void operationsTopic_encryptedWithTheTopicKey() {
    assertThat(synth.ofType("AWS::SNS::Topic").get(synth.logicalId(synth.stack().alerts().operations())))
        .containsEntry("KmsMasterKeyId", getAtt(synth.logicalId(synth.stack().alerts().key()), "Arn"));
  }

  // --- helpers --------------------------------------------------------------------------------

  private static Map<String, Object> topicPolicy(IConstruct topic) {
    Object arn = ref(synth.logicalId(topic));
    return map(synth.ofType("AWS::SNS::TopicPolicy").values().stream()
        .filter(p -> list(p.get("Topics")).contains(arn)).findFirst().orElseThrow().get("PolicyDocument"));
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> statements(Map<String, Object> document) {
    return (List<Map<String, Object>>) document.get("Statement");
  }

  private static Map<String, Object> statementFor(Map<String, Object> document) {
    return statements(document).stream()
        .filter(s -> String.valueOf(s.get("Principal")).contains(Alerts.CLOUDWATCH))
        .findFirst().orElseThrow();
  }

  /** An {@code Fn::Join ["", [...]]} written out, with each Ref as {Name}. */
  static String joined(Object value) {
    if (value instanceof String s) {
      return s;
    }
    Map<String, Object> m = map(value);
    if (m.containsKey("Ref")) {
      return "{" + m.get("Ref") + "}";
    }
    if (m.containsKey("Fn::GetAtt")) {
      return "{" + String.join(".", list(m.get("Fn::GetAtt")).stream().map(String::valueOf).toList()) + "}";
    }
    if (!m.containsKey("Fn::Join")) {
      return String.valueOf(m);
    }
    List<Object> join = list(m.get("Fn::Join"));
    StringBuilder out = new StringBuilder();
    for (Object part : list(join.get(1))) {
      out.append(joined(part));
    }
    return out.toString();
  }

  private static <T> T only(Map<String, T> byId) {
    assertThat(byId).hasSize(1);
    return byId.values().iterator().next();
  }
}
