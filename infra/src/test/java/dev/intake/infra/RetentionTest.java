package dev.intake.infra;

import static dev.intake.infra.PipelineStackTest.list;
import static dev.intake.infra.PipelineStackTest.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One retention setting drives the reports' lifecycle and the table's time to live (issue 15,
 * point 6), so /report never hands out a link to a report S3 has already deleted. The full
 * variant sets retentionDays=400.
 */
class RetentionTest {

  private static final int RETENTION = 400;

  private static Synth.Result synth;
  private static Map<String, Object> expirationByPrefix;
  private static Map<String, Object> defaultExpirationByPrefix;

  @BeforeAll
  static void synthesize() {
    synth = Synth.full();
    expirationByPrefix = expirations(synth);
    defaultExpirationByPrefix = expirations(Synth.defaults());
  }

  private static Map<String, Object> expirations(Synth.Result r) {
    Map<String, Object> bucket = r.ofType("AWS::S3::Bucket").get(r.logicalId(r.stack().storage().intake()));
    return list(map(bucket.get("LifecycleConfiguration")).get("Rules")).stream()
        .map(PipelineStackTest::map)
        .filter(rule -> rule.containsKey("Prefix"))
        .collect(Collectors.toMap(rule -> (String) rule.get("Prefix"), rule -> rule.get("ExpirationInDays")));
  }

  @Test
  void table_timeToLive_isEnabledOnTheStoresAttribute() {
    assertThat(synth.ofType("AWS::DynamoDB::Table").values().iterator().next().get("TimeToLiveSpecification"))
        .isEqualTo(Map.of("AttributeName", "expiresAt", "Enabled", true));
  }

  @Test
  void reports_lifecycle_expiresAfterTheRetention() {
    assertThat(expirationByPrefix).containsEntry("reports/", RETENTION);
  }

  @Test
  void incoming_lifecycle_neverOutlivesTheRetention() {
    assertThat((Integer) expirationByPrefix.get("incoming/")).isLessThanOrEqualTo(RETENTION);
  }

  @Test
  void functionsThatReadOrWriteRows_retentionDays_isTheSameSetting() {
    Map<String, Object> retention = synth.ofType("AWS::Lambda::Function").values().stream()
        .filter(f -> map(map(f.getOrDefault("Environment", Map.of())).getOrDefault("Variables", Map.of()))
            .containsKey(Functions.RETENTION_ENV))
        .collect(Collectors.toMap(f -> String.valueOf(f.get("Handler")),
            f -> map(map(f.get("Environment")).get("Variables")).get(Functions.RETENTION_ENV)));

    assertThat(retention).containsOnlyKeys(Functions.HANDLERS + "IntakeHandler::handleRequest",
        Functions.HANDLERS + "DeadLetterHandler::handleRequest", Functions.HANDLERS + "AggregateHandler::handleRequest",
        Functions.HANDLERS + "ApiHandler::handleRequest", Functions.HANDLERS + "DigestHandler::handleRequest");
    assertThat(retention.values()).containsOnly(String.valueOf(RETENTION));
  }

  @Test
  void defaults_retention_isTwoYears() {
    assertThat(defaultExpirationByPrefix).containsEntry("reports/", PipelineSettings.DEFAULT_RETENTION_DAYS);
  }
}
