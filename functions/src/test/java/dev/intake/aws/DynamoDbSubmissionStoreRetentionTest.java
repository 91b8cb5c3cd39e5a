package dev.intake.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intake.contracts.SubmissionsTable;
import dev.intake.model.CellRef;
import dev.intake.model.Finding;
import dev.intake.model.FindingsReport;
import dev.intake.model.PartnerRef;
import dev.intake.model.ReportStatus;
import dev.intake.model.Severity;
import dev.intake.model.Summary;
import dev.intake.pipeline.Decision;
import dev.intake.pipeline.Submission;
import dev.intake.pipeline.SubmissionIds;
import dev.intake.pipeline.SubmissionStatus;
import dev.intake.testing.Dynalite;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A store with a retention (issue 15, point 6), on dynalite: every item of a submission carries the
 * table's time-to-live attribute, and a submission past it reads as gone before DynamoDB gets round
 * to deleting it.
 */
class DynamoDbSubmissionStoreRetentionTest {

  private static final Instant RECEIVED = Instant.parse("2026-10-01T09:00:00Z");
  private static final Duration RETENTION = Duration.ofDays(730);
  private static final long EXPIRY = RECEIVED.plus(RETENTION).getEpochSecond();

  private static AwsClients clients;

  private String table;
  private DynamoDbSubmissionStore store;
  private Submission submission;

  @BeforeAll
  static void startDynalite() {
    clients = AwsClients.local(Dynalite.shared().endpoint(), null);
  }

  @AfterAll
  static void closeClients() {
    clients.close();
  }

  @BeforeEach
  void freshTable() {
    table = Dynalite.uniqueTableName("retention");
    SubmissionTableSetup.create(clients.dynamoDb(), table);
    store = storeAt(RECEIVED.plusSeconds(60));
    submission = Submission.received(SubmissionIds.submissionId("intake", "incoming/p1/a.xlsx", "v1"), "p1",
        new Submission.Source("intake", "incoming/p1/a.xlsx", "v1", null, null, "a.xlsx", 1000L), RECEIVED,
        LocalDate.of(2026, 10, 1), RECEIVED);
  }

  private DynamoDbSubmissionStore storeAt(Instant now) {
    return new DynamoDbSubmissionStore(clients.dynamoDb(), table, RETENTION, Clock.fixed(now, ZoneOffset.UTC));
  }

  @Test
  void create_submission_expiresRetentionAfterItWasReceived() {
    store.create(submission);

    assertThat(expiries()).containsExactly(Map.entry("META", EXPIRY));
  }

  @Test
  void saveEvaluation_findings_expireWithTheirSubmission() {
    // given
    store.create(submission);
    store.advance(submission.submissionId(), SubmissionStatus.EVALUATING, RECEIVED.plusSeconds(1));
    List<Finding> findings = List.of(
        new Finding("case-study-count", "2.1", Severity.BLOCKER, "m", "f", CellRef.sheet("Case Studies")),
        new Finding("partner-tier", "1.3", Severity.BLOCKER, "m", "f", null));

    // when: evaluated a day later, the findings still expire with the submission
    store.saveEvaluation(submission.submissionId(), new FindingsReport(submission.submissionId(),
        new PartnerRef("P", "p1"), "4.0", LocalDate.of(2026, 10, 1), ReportStatus.ACTION_REQUIRED,
        Summary.of(findings, 10), findings), "reports/r.json", "reports/a.xlsx", RECEIVED.plus(Duration.ofDays(1)));

    // then
    assertThat(expiries()).hasSize(3).containsValue(EXPIRY).allSatisfy((sk, expiry) ->
        assertThat(expiry).as(sk).isEqualTo(EXPIRY));
  }

  @Test
  void addDecision_decision_expiresRetentionAfterItWasMade() {
    // given
    store.create(submission);
    Instant at = RECEIVED.plus(Duration.ofDays(3));

    // when
    store.addDecision(Decision.chained("d-1", submission.submissionId(), 1, Decision.Action.ACCEPT, "ok", null, false,
        "r", at, ""));

    // then
    assertThat(expiries()).containsEntry("META", EXPIRY).hasSize(2)
        .anySatisfy((sk, expiry) -> {
          assertThat(sk).startsWith("DECISION#");
          assertThat(expiry).isEqualTo(at.plus(RETENTION).getEpochSecond());
        });
  }

  @Test
  void get_beforeTheExpiry_findsTheSubmission() {
    store.create(submission);

    assertThat(storeAt(Instant.ofEpochSecond(EXPIRY - 1)).get(submission.submissionId())).isPresent();
  }

  @Test
  void get_pastTheExpiryButNotYetDeleted_isEmpty() {
    store.create(submission);

    assertThat(storeAt(Instant.ofEpochSecond(EXPIRY)).get(submission.submissionId())).isEmpty();
  }

  @Test
  void create_storeWithoutRetention_writesNoExpiry() {
    new DynamoDbSubmissionStore(clients.dynamoDb(), table).create(submission);

    assertThat(expiries()).containsExactly(Map.entry("META", -1L));
  }

  /** The expiry of every item of the submission, by sort key; -1 for an item without one. */
  private Map<String, Long> expiries() {
    Map<String, Long> out = new TreeMap<>();
    clients.dynamoDb().query(b -> b.tableName(table).keyConditionExpression("PK = :pk").consistentRead(true)
        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("SUB#" + submission.submissionId()))))
        .items().forEach(item -> out.put(item.get("SK").s(), item.containsKey(SubmissionsTable.TTL_ATTRIBUTE)
            ? Long.parseLong(item.get(SubmissionsTable.TTL_ATTRIBUTE).n()) : -1L));
    return out;
  }
}
