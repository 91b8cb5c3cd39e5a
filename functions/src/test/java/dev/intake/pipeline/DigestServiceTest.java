package dev.intake.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.intake.aws.AwsClients;
import dev.intake.aws.DynamoDbSubmissionStore;
import dev.intake.aws.SubmissionTableSetup;
import dev.intake.model.CellRef;
import dev.intake.model.Finding;
import dev.intake.model.FindingsReport;
import dev.intake.model.PartnerRef;
import dev.intake.model.ReportStatus;
import dev.intake.model.Severity;
import dev.intake.model.Summary;
import dev.intake.testing.Dynalite;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The program office's daily digest on a fixed clock (Tuesday 2026-11-10, 07:00 UTC), over the
 * DynamoDB store on dynalite: what arrived since Monday's digest by status and review state, the
 * office's queue, what is due today, and the overdue list — superseded, answered and unevaluated
 * submissions left out.
 */
class DigestServiceTest {

  private static final Instant NOW = Instant.parse("2026-11-10T07:00:00Z");
  private static AwsClients clients;

  private SubmissionStore store;
  private final List<Integer> overdueMetric = new ArrayList<>();
  private final List<String[]> published = new ArrayList<>();
  private DigestService digests;

  @BeforeAll
  static void dynalite() {
    clients = AwsClients.local(Dynalite.shared().endpoint(), null);
  }

  @AfterAll
  static void close() {
    clients.close();
  }

  @BeforeEach
  void seed() {
    String table = Dynalite.uniqueTableName("digest");
    SubmissionTableSetup.create(clients.dynamoDb(), table);
    store = new DynamoDbSubmissionStore(clients.dynamoDb(), table);
    PipelineMetrics metrics = new PipelineMetrics() {
      @Override public void received(String partnerId) {
      }

      @Override public void evaluated(String status, int blockers) {
      }

      @Override public void failed() {
      }

      @Override public void reviewsOverdue(int count) {
        overdueMetric.add(count);
      }
    };
    digests = new DigestService(store, Clock.fixed(NOW, ZoneOffset.UTC), "https://api.example/v1/", metrics,
        (subject, envelope) -> published.add(new String[] {subject, envelope}));

    // Monday 2026-11-02, due Monday 2026-11-09: overdue by one business day, not yet answered.
    evaluated("a", "P-1001", "Northwind Cloud", "2026-11-02T10:00:00Z", ReportStatus.ACTION_REQUIRED);
    // Tuesday 2026-11-03, due today, in review.
    String b = evaluated("b", "P-2002", "Contoso", "2026-11-03T09:00:00Z", ReportStatus.READY);
    store.saveReview(b, new Review(Review.State.IN_REVIEW, Instant.parse("2026-11-04T09:00:00Z"), "rev", 1, "h", 0));
    // Answered: never overdue.
    String c = evaluated("c", "P-3003", "Fabrikam", "2026-11-02T08:00:00Z", ReportStatus.READY);
    store.saveReview(c, new Review(Review.State.ACCEPTED, Instant.parse("2026-11-03T09:00:00Z"), "rev", 1, "h", 0));
    // Friday 2026-10-30, due Friday 2026-11-06, FAILED and unanswered: two business days late.
    String d = received("d", "P-4004", "2026-10-30T16:00:00Z");
    store.markFailed(d, "States.Timeout", Instant.parse("2026-10-30T16:10:00Z"));
    // Superseded by a later upload of the same partner (received in the window): never overdue.
    String e = evaluated("e", "P-5005", "Tailspin", "2026-10-29T10:00:00Z", ReportStatus.ACTION_REQUIRED);
    String f = evaluated("f", "P-5005", "Tailspin", "2026-11-09T12:00:00Z", ReportStatus.READY);
    store.supersede(e, store.get(f).orElseThrow());
    evaluated("g", "P-6006", "", "2026-11-09T15:00:00Z", ReportStatus.REJECTED);
    // Still being evaluated: counted as received, not in the queue.
    store.advance(received("h", "P-7007", "2026-11-10T06:00:00Z"), SubmissionStatus.EVALUATING,
        Instant.parse("2026-11-10T06:00:01Z"));
    // Received after the digest's time (a clock skew): not in its window.
    received("late", "P-8008", "2026-11-10T07:00:01Z");
  }

  private String received(String seed, String partnerId, String at) {
    Instant when = Instant.parse(at);
    String key = "incoming/" + partnerId + "/" + seed + ".xlsx";
    Submission s = Submission.received(SubmissionIds.submissionId("bucket", key, "v1"), partnerId,
        new Submission.Source("bucket", key, "v1", null, null, seed + ".xlsx", 1000L), when,
        when.atZone(ZoneOffset.UTC).toLocalDate(), when);
    store.create(s);
    return s.submissionId();
  }

  private String evaluated(String seed, String partnerId, String name, String at, ReportStatus status) {
    String id = received(seed, partnerId, at);
    List<Finding> findings = status == ReportStatus.READY ? List.of() : List.of(new Finding("case-study-age", "2.1",
        Severity.BLOCKER, "old", "newer", CellRef.of("Case Studies", 9, 5), "Case study \"X\": go-live date"));
    store.saveEvaluation(id, new FindingsReport(id, new PartnerRef(name, partnerId), "4.0",
        Instant.parse(at).atZone(ZoneOffset.UTC).toLocalDate(), status, Summary.of(findings, 20), findings),
        "r.json", "a.xlsx", Instant.parse(at).plusSeconds(30));
    return id;
  }

  private static String id(String seed, String partnerId) {
    return SubmissionIds.submissionId("bucket", "incoming/" + partnerId + "/" + seed + ".xlsx", "v1");
  }

  @Test
  void run_tuesdayMorning_countsSinceMondaysDigestAndListsTheOverdueOldestFirst() {
    Digest digest = digests.run();

    assertThat(digest.from()).isEqualTo(Instant.parse("2026-11-09T07:00:00Z"));
    assertThat(digest.received()).isEqualTo(3);
    assertThat(digest.receivedByStatus()).containsEntry(SubmissionStatus.READY, 1)
        .containsEntry(SubmissionStatus.REJECTED, 1).containsEntry(SubmissionStatus.EVALUATING, 1)
        .containsEntry(SubmissionStatus.ACTION_REQUIRED, 0);
    assertThat(digest.receivedByReview()).containsEntry(Review.State.NEW, 3);
    assertThat(digest.queueByReview()).containsEntry(Review.State.NEW, 4).containsEntry(Review.State.IN_REVIEW, 1);
    assertThat(digest.dueToday()).isEqualTo(1);
    assertThat(digest.overdue()).extracting(Submission::submissionId)
        .containsExactly(id("d", "P-4004"), id("a", "P-1001"));
    assertThat(overdueMetric).containsExactly(2);
  }

  @Test
  void run_failedUploadWhosePartnerUploadedAgainAndWasJudged_isNeitherInTheQueueNorOverdue() {
    // P-4004's FAILED upload of 2026-10-30 is answered by its workbook of Monday, checked and linked.
    String again = evaluated("d2", "P-4004", "Litware", "2026-11-09T12:00:00Z", ReportStatus.ACTION_REQUIRED);
    Threads.link(store, store.get(again).orElseThrow());

    Digest digest = digests.run();

    assertThat(store.get(id("d", "P-4004")).orElseThrow().supersededBy()).isEqualTo(again);
    assertThat(digest.queueByReview()).containsEntry(Review.State.NEW, 4);
    assertThat(digest.overdue()).extracting(Submission::submissionId).containsExactly(id("a", "P-1001"));
    assertThat(overdueMetric).containsExactly(1);
  }

  @Test
  void run_publishesOneEnvelopeWhoseJsonAndTextSayTheSame() {
    digests.run();

    assertThat(published).hasSize(1);
    assertThat(published.get(0)[0]).isEqualTo("Competency intake digest 2026-11-10: 5 awaiting, 2 overdue");
    JsonNode envelope = PipelineJson.tree(published.get(0)[1].getBytes(StandardCharsets.UTF_8));
    JsonNode json = PipelineJson.tree(envelope.path("default").asText().getBytes(StandardCharsets.UTF_8));
    assertThat(json.path("received").path("byStatus").path("READY").asInt()).isEqualTo(1);
    assertThat(json.path("queue").path("byReview").path("NEW").asInt()).isEqualTo(4);
    assertThat(json.path("queue").path("overdue").asInt()).isEqualTo(2);
    assertThat(json.path("overdue").get(0).path("businessDaysLate").asInt()).isEqualTo(2);
    assertThat(json.path("overdue").get(1).path("partnerName").asText()).isEqualTo("Northwind Cloud");
    assertThat(json.path("overdue").get(1).path("link").asText())
        .isEqualTo("https://api.example/v1/submissions/" + id("a", "P-1001"));
    assertThat(envelope.path("email").asText()).isEqualTo("""
        Competency intake - daily digest for 2026-11-10 (Tuesday)

        Received since 2026-11-09 07:00 UTC: 3
          by status: RECEIVED 0, EVALUATING 1, READY 1, ACTION_REQUIRED 0, REJECTED 1, FAILED 0
          by review: NEW 3, IN_REVIEW 0, CHANGES_REQUESTED 0, ACCEPTED 0

        Awaiting the program office: 5 (NEW 4, IN_REVIEW 1)
          overdue: 2, due today: 1 (a reply is due five business days after receipt)

        Overdue, oldest first
          %s  P-4004, d.xlsx
              FAILED, review NEW, received 2026-10-30 16:00 UTC, due 2026-11-06 (2 business days late)
          %s  P-1001 Northwind Cloud, a.xlsx
              ACTION_REQUIRED, review NEW, received 2026-11-02 10:00 UTC, due 2026-11-09 (1 business day late)

        Links
          Overdue: https://api.example/v1/submissions?overdue=true&sort=oldest
          Queue:   https://api.example/v1/submissions?review=NEW&sort=oldest
        """.formatted(id("d", "P-4004"), id("a", "P-1001")));
  }
}
