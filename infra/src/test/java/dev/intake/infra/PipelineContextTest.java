package dev.intake.infra;

import static dev.intake.infra.PipelineStackTest.list;
import static dev.intake.infra.PipelineStackTest.map;
import static dev.intake.infra.PipelineStackTest.ref;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the optional context values (notificationEmail, partnerIds, urlCheck) change, and their validation. */
class PipelineContextTest {

  private static Synth.Result synth;

  @BeforeAll
  static void synthesize() {
    synth = Synth.full();
  }

  @Test
  void notificationEmail_given_subscribesItToTheTopic() {
    // given
    Map<String, Map<String, Object>> subscriptions = synth.ofType("AWS::SNS::Subscription");

    // then
    assertThat(subscriptions.values()).singleElement().satisfies(s -> {
      assertThat(s).containsEntry("Protocol", "email").containsEntry("Endpoint", "program-office@example.com");
      assertThat(s.get("TopicArn")).isEqualTo(ref(synth.logicalId(synth.stack().alerts().topic())));
    });
  }

  @Test
  void partnerIds_given_createOneTaggedRolePerPartnerWithThePartnerPolicy() {
    // given
    Map<String, Map<String, Object>> roles = synth.ofType("AWS::IAM::Role");
    Object policy = ref(synth.logicalId(synth.stack().access().partnerPolicy()));

    // when
    Map<Object, Map<String, Object>> partners = roles.values().stream()
        .filter(r -> String.valueOf(r.get("RoleName")).startsWith("competency-partner-"))
        .collect(Collectors.toMap(r -> r.get("RoleName"), r -> r));

    // then
    assertThat(partners.keySet()).containsExactlyInAnyOrder("competency-partner-acme", "competency-partner-globex-1");
    partners.forEach((name, role) -> {
      String partnerId = ((String) name).substring("competency-partner-".length());
      assertThat(list(role.get("ManagedPolicyArns"))).containsExactly(policy);
      assertThat(list(role.get("Tags"))).contains(Map.of("Key", "partnerId", "Value", partnerId));
    });
  }

  @Test
  void partnerRoles_trust_allowsAssumeRoleButNotSessionTags() {
    // given
    List<Map<String, Object>> partners = synth.ofType("AWS::IAM::Role").values().stream()
        .filter(r -> String.valueOf(r.get("RoleName")).startsWith("competency-partner-")).toList();

    // then
    assertThat(partners).hasSize(2).allSatisfy(r -> {
      Object actions = list(map(r.get("AssumeRolePolicyDocument")).get("Statement")).stream()
          .map(s -> map(s).get("Action")).toList();
      assertThat(actions).isEqualTo(List.of("sts:AssumeRole"));
    });
  }

  @Test
  void urlCheck_true_enablesThePublicUrlFetch() {
    // given
    Map<String, Object> publicUrls = synth.ofType("AWS::Lambda::Function").values().stream()
        .filter(f -> "dev.intake.handlers.PublicUrlsHandler::handleRequest".equals(f.get("Handler")))
        .findFirst().orElseThrow();

    // then
    assertThat(map(map(publicUrls.get("Environment")).get("Variables"))).containsEntry("URL_CHECK_ENABLED", "true");
  }

  @Test
  void partnerId_notARoleNameSuffix_isRefusedAtSynth() {
    // given
    Path jar = Path.of("unused.jar");

    // then
    assertThatThrownBy(() -> new PipelineSettings(jar, jar, null, List.of("acme/../x"), false, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("acme/../x");
    assertThatThrownBy(() -> new PipelineSettings(jar, jar, null, List.of("p".repeat(46)), false, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void notificationEmail_malformed_isRefusedAtSynth() {
    // given
    Path jar = Path.of("unused.jar");

    // then
    assertThatThrownBy(() -> new PipelineSettings(jar, jar, "not-an-address", List.of(), false, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not-an-address");
  }

  @Test
  void workflow_placeholderWithoutSubstitution_isRefused(@TempDir Path dir) throws Exception {
    // given
    Path asl = dir.resolve("submission.asl.json");
    Files.writeString(asl, "{\"StartAt\":\"X\",\"States\":{\"X\":{\"Type\":\"Task\","
        + "\"Resource\":\"${Unknown}\",\"End\":true}}}");

    // then
    assertThatThrownBy(() -> Workflow.requireSamePlaceholders(asl, Set.of("Known")))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("[Unknown]").hasMessageContaining("[Known]");
    Workflow.requireSamePlaceholders(asl, Set.of("Unknown"));
  }
}
