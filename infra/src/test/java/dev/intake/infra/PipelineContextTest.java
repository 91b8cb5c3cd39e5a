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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the context values (e-mails, partners and their trust, reviewers, urlCheck, env) change; their validation. */
class PipelineContextTest {

  private static final String PARTNER_PREFIX = "competency-dev-partner-";
  private static final Path UNUSED = Path.of("unused.jar");

  private static Synth.Result synth;

  @BeforeAll
  static void synthesize() {
    synth = Synth.full();
  }

  @Test
  void notificationEmail_given_subscribesItToTheProgramOfficeTopic() {
    assertThat(subscriptionsOf(synth.stack().alerts().submissions()))
        .containsExactly(Map.of("Protocol", "email", "Endpoint", "program-office@example.com"));
  }

  @Test
  void alarmEmail_given_subscribesItToTheOperationsTopic() {
    assertThat(subscriptionsOf(synth.stack().alerts().operations()))
        .containsExactly(Map.of("Protocol", "email", "Endpoint", "operations@example.com"));
  }

  @Test
  void partnerIds_given_createOneTaggedRolePerPartnerWithThePartnerPolicy() {
    // given
    Object policy = ref(synth.logicalId(synth.stack().access().partnerPolicy()));

    // when
    Map<Object, Map<String, Object>> partners = partnerRoles().stream()
        .collect(Collectors.toMap(r -> r.get("RoleName"), r -> r));

    // then
    assertThat(partners.keySet()).containsExactlyInAnyOrder(PARTNER_PREFIX + "acme", PARTNER_PREFIX + "globex-1");
    partners.forEach((name, role) -> {
      String partnerId = ((String) name).substring(PARTNER_PREFIX.length());
      assertThat(list(role.get("ManagedPolicyArns"))).containsExactly(policy);
      assertThat(list(role.get("Tags"))).contains(Map.of("Key", "partnerId", "Value", partnerId));
    });
  }

  @Test
  void partnerRoles_trust_allowsAssumeRoleButNotSessionTags() {
    assertThat(partnerRoles()).hasSize(2).allSatisfy(r -> {
      Object actions = list(map(r.get("AssumeRolePolicyDocument")).get("Statement")).stream()
          .map(s -> map(s).get("Action")).toList();
      // The partner's own principal, and the console's identity pool for its signed-in partner users
      // (ConsoleHostingTest holds that statement's conditions); never sts:TagSession.
      assertThat(actions).isEqualTo(List.of("sts:AssumeRole", "sts:AssumeRoleWithWebIdentity"));
    });
  }

  @Test
  void partnerRoles_trust_isThePartnersOwnPrincipalWithItsExternalId() {
    // when
    Map<Object, Object> trust = partnerRoles().stream().collect(Collectors.toMap(r -> r.get("RoleName"),
        r -> map(list(map(r.get("AssumeRolePolicyDocument")).get("Statement")).get(0))));

    // then
    assertThat(map(trust.get(PARTNER_PREFIX + "acme")))
        .containsEntry("Principal", Map.of("AWS", "arn:aws:iam::444455556666:role/uploader"))
        .containsEntry("Condition", Map.of("StringEquals", Map.of("sts:ExternalId", "acme-7f3c2b9e")));
    assertThat(String.valueOf(map(trust.get(PARTNER_PREFIX + "globex-1")).get("Principal"))).contains("777788889999");
    assertThat(map(trust.get(PARTNER_PREFIX + "globex-1")))
        .containsEntry("Condition", Map.of("StringEquals", Map.of("sts:ExternalId", "globex-51d0aa42")));
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
    assertThatThrownBy(() -> settings(Map.of("partnerIds", "acme/../x")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("acme/../x");
  }

  @ParameterizedTest
  @ValueSource(strings = {"unassigned", "Unassigned"})
  void partnerId_theStrayUploadsFolder_isRefusedAtSynth(String id) {
    // a role for it would read every upload that landed outside a partner's folder
    assertThatThrownBy(() -> settings(Map.of("partnerIds", id,
        "partnerTrust", "{\"" + id + "\":{\"externalId\":\"x-123456\"}}")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reserved");
  }

  @Test
  void partnerId_tooLongForTheEnvironmentsRoleName_isRefusedAtSynth() {
    // given: competency-staging-partner- leaves 37 characters of the 64
    String id = "p".repeat(38);

    // then
    assertThatThrownBy(() -> settings(Map.of("env", "staging", "alarmEmail", "ops@example.com",
        "reviewerPrincipals", Synth.BREAK_GLASS_REVIEWER, "partnerIds", id,
        "partnerTrust", "{\"" + id + "\":{\"principal\":\"111122223333\",\"externalId\":\"x-123456\"}}")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 37 characters");
  }

  @Test
  void partner_withoutExternalId_isRefusedAtSynth() {
    assertThatThrownBy(() -> settings(Map.of("partnerIds", "acme")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("external id");
  }

  @Test
  void partner_withoutPrincipalOutsideDev_isRefusedAtSynth() {
    assertThatThrownBy(() -> settings(Map.of("env", "prod", "alarmEmail", "ops@example.com",
        "reviewerPrincipals", Synth.BREAK_GLASS_REVIEWER, "partnerIds", "acme",
        "partnerTrust", "{\"acme\":{\"externalId\":\"acme-123456\"}}")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs a principal");
  }

  @Test
  void notificationEmail_malformed_isRefusedAtSynth() {
    assertThatThrownBy(() -> settings(Map.of("notificationEmail", "not-an-address")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not-an-address");
  }

  @Test
  void partnerContacts_malformedAddress_isRefusedAtSynth() {
    assertThatThrownBy(() -> settings(Map.of("partnerContacts", "{\"acme\":\"nobody\"}")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'nobody' (partner 'acme')");
  }

  @Test
  void partnerContacts_notAPartnerId_isRefusedAtSynth() {
    assertThatThrownBy(() -> settings(Map.of("partnerContacts", "{\"../acme\":\"a@b.example\"}")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a partner id");
  }

  @Test
  void partnerContacts_notJsonObject_isRefusedAtSynth() {
    assertThatThrownBy(() -> settings(Map.of("partnerContacts", "[\"a@b.example\"]")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("partnerContacts must be a JSON object");
  }

  @Test
  void alarmEmail_missingOutsideDev_isRefusedAtSynth() {
    assertThatThrownBy(() -> settings(Map.of("env", "staging", "reviewerPrincipals", Synth.BREAK_GLASS_REVIEWER)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("alarmEmail is required outside dev");
  }

  @Test
  void alarmEmail_missingInDev_isAllowed() {
    assertThat(settings(Map.of()).alarmEmailAddress()).isEmpty();
  }

  @Test
  void reviewerPrincipals_missingOutsideDev_isRefusedAtSynth() {
    assertThatThrownBy(() -> settings(Map.of("env", "prod", "alarmEmail", "ops@example.com")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reviewerPrincipals is required");
  }

  @Test
  void reviewerPrincipal_withoutAnAccount_isRefusedAtSynth() {
    assertThatThrownBy(() -> settings(Map.of("reviewerPrincipals", "arn:aws:iam::*:role/reviewer")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("arn:aws:iam::*:role/reviewer");
  }

  @Test
  void env_unknown_isRefusedAtSynth() {
    assertThatThrownBy(() -> settings(Map.of("env", "qa")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[dev, prod, staging]");
  }

  @Test
  void retentionDays_belowAMonth_isRefusedAtSynth() {
    assertThatThrownBy(() -> settings(Map.of("retentionDays", "7")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("retentionDays must be from 30");
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

  private static PipelineSettings settings(Map<String, Object> context) {
    return PipelineSettings.fromValues(context, UNUSED, UNUSED);
  }

  private static List<Map<String, Object>> partnerRoles() {
    return synth.ofType("AWS::IAM::Role").values().stream()
        .filter(r -> String.valueOf(r.get("RoleName")).startsWith(PARTNER_PREFIX)).toList();
  }

  /** Protocol and endpoint of each subscription to a topic. */
  private static List<Map<String, Object>> subscriptionsOf(software.constructs.IConstruct topic) {
    Object arn = ref(synth.logicalId(topic));
    return synth.ofType("AWS::SNS::Subscription").values().stream()
        .filter(s -> arn.equals(s.get("TopicArn")))
        .map(s -> Map.of("Protocol", s.get("Protocol"), "Endpoint", s.get("Endpoint")))
        .toList();
  }
}
