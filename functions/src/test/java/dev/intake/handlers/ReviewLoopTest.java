package dev.intake.handlers;

import static dev.intake.handlers.RealPipeline.call;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.intake.api.ApiRequest;
import dev.intake.api.ApiResponse;
import dev.intake.api.Caller;
import dev.intake.api.ReviewerApi;
import dev.intake.aws.AwsClients;
import dev.intake.pipeline.Decision;
import dev.intake.pipeline.PipelineJson;
import dev.intake.pipeline.SubmissionStore;
import dev.intake.testing.Dynalite;
import dev.intake.testing.ForwardingSubmissionStore;
import dev.intake.testing.ReviewLoopWorkbooks;
import dev.intake.testing.S3ProxyServer;
import dev.intake.testing.WorkbookBuilder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The review loop on the real stores (dynalite, S3Proxy): a partner's corrected workbook under
 * another file name joins the thread of the first and is compared with it by what each finding is
 * about, not by row; decisions move the review and refuse what the rules refuse (409s, two reviewers
 * at once); the partner sees only what is shared with it; the trail's chain of hashes shows tampering.
 */
class ReviewLoopTest {

  @RegisterExtension
  static final S3ProxyServer S3 = new S3ProxyServer();

  /** Monday 2026-11-02. */
  private static final Instant MONDAY = Instant.parse("2026-11-02T09:00:00Z");
  private static final LocalDate AS_OF = LocalDate.of(2026, 11, 2);
  private static final Caller REVIEWER = new Caller.Reviewer("arn:aws:sts::1:assumed-role/competency-reviewer/jane");
  private static final Caller OTHER_REVIEWER =
      new Caller.Reviewer("arn:aws:sts::1:assumed-role/competency-reviewer/omar");
  private static final Caller PARTNER =
      new Caller.Partner("P-2001", "arn:aws:sts::1:assumed-role/competency-partner-P-2001/p");
  private static final Caller OTHER_PARTNER =
      new Caller.Partner("P-2002", "arn:aws:sts::1:assumed-role/competency-partner-P-2002/q");

  private static AwsClients clients;
  private RealPipeline pipeline;
  private ReviewerApi api;

  @BeforeAll
  static void stores() {
    S3.createBucket(RealPipeline.BUCKET);
    clients = AwsClients.local(Dynalite.shared().endpoint(), S3.endpoint());
  }

  @AfterAll
  static void close() {
    clients.close();
  }

  @BeforeEach
  void pipeline() {
    pipeline = new RealPipeline(clients, MONDAY);
    api = pipeline.api();
  }

  private RealPipeline.Evaluated first() {
    return pipeline.upload("incoming/P-2001/" + ReviewLoopWorkbooks.FIRST, ReviewLoopWorkbooks.first(AS_OF).build(),
        MONDAY);
  }

  private RealPipeline.Evaluated second() {
    return pipeline.upload("incoming/P-2001/" + ReviewLoopWorkbooks.CORRECTED,
        ReviewLoopWorkbooks.corrected(AS_OF).build(), MONDAY.plusSeconds(26 * 3600));
  }

  private JsonNode get(Caller caller, String path, int status) {
    return call(api, caller, "GET", path, Map.of(), null, status);
  }

  private JsonNode decide(Caller caller, String id, String body, int status) {
    return call(api, caller, "POST", "/submissions/" + id + "/decisions", Map.of(), body, status);
  }

  private static List<String> ruleIds(JsonNode findings) {
    List<String> ids = new ArrayList<>();
    findings.forEach(f -> ids.add(f.path("ruleId").asText()));
    Collections.sort(ids);
    return ids;
  }

  // ---------------------------------------------------------------- threads and comparison

  @Test
  void thread_correctedWorkbookUnderAnotherNameWithARowInserted_followsTheFirstAndListsWhatWasFixed() {
    RealPipeline.Evaluated v1 = first();

    RealPipeline.Evaluated v2 = second();

    JsonNode second = get(REVIEWER, "/submissions/" + v2.submissionId(), 200);
    JsonNode first = get(REVIEWER, "/submissions/" + v1.submissionId(), 200);
    JsonNode comparison = get(PARTNER, "/submissions/" + v2.submissionId() + "/comparison", 200);
    assertThat(second.path("previousSubmissionId").asText()).isEqualTo(v1.submissionId());
    assertThat(first.path("supersededBy").asText()).isEqualTo(v2.submissionId());
    assertThat(first.path("previousSubmissionId").isNull()).isTrue();
    assertThat(comparison.path("previousSubmissionId").asText()).isEqualTo(v1.submissionId());
    assertThat(ruleIds(comparison.path("fixed")))
        .containsExactly("case-study-diagram", "case-study-production", "self-assessment-complete");
    assertThat(ruleIds(comparison.path("introduced"))).containsExactly("public-case-study-content");
    assertThat(ruleIds(comparison.path("unchanged"))).containsExactly("case-study-age");
    assertThat(comparison.path("unchanged").get(0).path("location").path("row").asInt())
        .as("the unchanged finding moved a row down, and is still the same finding").isEqualTo(6);
    assertThat(comparison.path("line").asText()).isEqualTo("3 fixed, 1 new since 2026-11-02");
  }

  @Test
  void thread_changesLine_isInTheFindingsSheetAndBothNotifications() throws IOException {
    first();

    RealPipeline.Evaluated v2 = second();

    assertThat(v2.officeEmail()).contains("Changes:    3 fixed, 1 new since 2026-11-02");
    assertThat(v2.partnerEmail()).contains("Changes:    3 fixed, 1 new since 2026-11-02",
        "Fixed since 2026-11-02 (3)", "New since 2026-11-02 (1)");
    assertThat(v2.officeDocument().path("changes").path("fixed").asInt()).isEqualTo(3);
    byte[] annotated = pipeline.objects.read(RealPipeline.BUCKET, "reports/" + v2.submissionId() + "/annotated.xlsx",
        null, 10_000_000).orElseThrow();
    assertThat(findingsSheetLine(annotated, "Changes")).startsWith("3 fixed, 1 new since 2026-11-02");
  }

  @Test
  void thread_firstSubmission_hasNothingToCompare() {
    RealPipeline.Evaluated v1 = first();

    JsonNode comparison = get(REVIEWER, "/submissions/" + v1.submissionId() + "/comparison", 200);

    assertThat(comparison.path("previousSubmissionId").isNull()).isTrue();
    assertThat(comparison.path("fixed")).isEmpty();
    assertThat(v1.officeEmail()).contains("Changes:    none to report: the first checked submission");
  }

  @Test
  void thread_rejectedFileInBetween_isNotInTheThreadAndTheNextComparesWithTheLastJudged() {
    RealPipeline.Evaluated v1 = first();
    RealPipeline.Evaluated wrong = pipeline.upload("incoming/P-2001/notes.xlsx",
        "not a workbook at all".getBytes(java.nio.charset.StandardCharsets.UTF_8), MONDAY.plusSeconds(3600));

    RealPipeline.Evaluated v2 = second();

    assertThat(get(REVIEWER, "/submissions/" + wrong.submissionId(), 200).path("previousSubmissionId").isNull())
        .isTrue();
    assertThat(get(REVIEWER, "/submissions/" + v2.submissionId(), 200).path("previousSubmissionId").asText())
        .isEqualTo(v1.submissionId());
  }

  // ---------------------------------------------------------------- review state and decisions

  @Test
  void decisions_moveTheReviewStateAndRecordWho() {
    String id = first().submissionId();

    JsonNode started = decide(REVIEWER, id, "{\"action\":\"START_REVIEW\",\"comment\":\"Taking this one\"}", 201);
    JsonNode changes = decide(REVIEWER, id, "{\"action\":\"REQUEST_CHANGES\",\"comment\":\"Fix the four blockers\","
        + "\"shareWithPartner\":true}", 201);

    assertThat(started.path("review").path("state").asText()).isEqualTo("IN_REVIEW");
    assertThat(changes.path("review").path("state").asText()).isEqualTo("CHANGES_REQUESTED");
    JsonNode submission = get(REVIEWER, "/submissions/" + id, 200);
    assertThat(submission.path("review").path("state").asText()).isEqualTo("CHANGES_REQUESTED");
    assertThat(submission.path("review").path("by").asText()).isEqualTo(((Caller.Reviewer) REVIEWER).name());
    assertThat(submission.path("review").path("updatedAt").asText()).isEqualTo(MONDAY.plusSeconds(20).toString());
    JsonNode trail = get(REVIEWER, "/submissions/" + id + "/decisions", 200);
    assertThat(trail.path("items")).extracting(d -> d.path("action").asText())
        .containsExactly("START_REVIEW", "REQUEST_CHANGES");
    assertThat(trail.path("chain").asText()).isEqualTo("intact");
  }

  @Test
  void decide_startReviewTwiceOrChangeAfterAccept_is409AndRecordsNothing() {
    String id = pipeline.upload("incoming/P-1001/ready.xlsx", WorkbookBuilder.ready(AS_OF).build(), MONDAY)
        .submissionId();
    decide(REVIEWER, id, "{\"action\":\"START_REVIEW\",\"comment\":\"mine\"}", 201);

    JsonNode twice = decide(OTHER_REVIEWER, id, "{\"action\":\"START_REVIEW\",\"comment\":\"mine too\"}", 409);
    decide(REVIEWER, id, "{\"action\":\"ACCEPT\",\"comment\":\"All good\"}", 201);
    JsonNode afterAccept = decide(REVIEWER, id, "{\"action\":\"REQUEST_CHANGES\",\"comment\":\"oops\"}", 409);
    JsonNode reopened = decide(REVIEWER, id, "{\"action\":\"START_REVIEW\",\"comment\":\"Re-opening: wrong"
        + " certificate\"}", 201);

    assertThat(twice.path("code").asText()).isEqualTo("INVALID_TRANSITION");
    assertThat(twice.path("message").asText()).contains("already IN_REVIEW").contains("jane");
    assertThat(afterAccept.path("code").asText()).isEqualTo("INVALID_TRANSITION");
    assertThat(reopened.path("review").path("state").asText()).isEqualTo("IN_REVIEW");
    assertThat(get(REVIEWER, "/submissions/" + id + "/decisions", 200).path("items")).hasSize(3);
  }

  @Test
  void accept_withOpenBlockers_is409NamingThem_andOverridesMakeItReadyAndAcceptable() {
    String id = first().submissionId();

    JsonNode refused = decide(REVIEWER, id, "{\"action\":\"ACCEPT\",\"comment\":\"looks fine\"}", 409);

    assertThat(refused.path("code").asText()).isEqualTo("OPEN_BLOCKERS");
    assertThat(ruleIds(refused.path("blockers")))
        .containsExactly("case-study-age", "case-study-diagram", "case-study-production", "self-assessment-complete");
    assertThat(refused.path("blockers")).allSatisfy(b -> {
      assertThat(b.path("location").path("cell").asText()).isNotEmpty();
      assertThat(b.path("finding").asText()).startsWith(b.path("ruleId").asText() + "@");
    });
    assertThat(get(REVIEWER, "/submissions/" + id + "/decisions", 200).path("items")).isEmpty();

    List<String> refs = new ArrayList<>();
    refused.path("blockers").forEach(b -> refs.add(b.path("finding").asText()));
    for (String ref : refs) {
      JsonNode overridden = decide(REVIEWER, id, "{\"action\":\"OVERRIDE_FINDING\",\"finding\":\"" + ref
          + "\",\"comment\":\"Confirmed with the partner's PDM\"}", 201);
      assertThat(overridden.path("review").path("state").asText()).isEqualTo("IN_REVIEW");
    }
    JsonNode again = decide(REVIEWER, id, "{\"action\":\"OVERRIDE_FINDING\",\"finding\":\"" + refs.get(0)
        + "\",\"comment\":\"twice\"}", 409);
    JsonNode submission = get(REVIEWER, "/submissions/" + id, 200);
    JsonNode accepted = decide(REVIEWER, id, "{\"action\":\"ACCEPT\",\"comment\":\"Accepted after overrides\"}", 201);

    assertThat(again.path("code").asText()).isEqualTo("ALREADY_OVERRIDDEN");
    assertThat(submission.path("status").asText()).isEqualTo("ACTION_REQUIRED");
    assertThat(submission.path("effectiveStatus").asText()).isEqualTo("READY");
    assertThat(accepted.path("review").path("state").asText()).isEqualTo("ACCEPTED");
  }

  @Test
  void override_unknownFinding_is400() {
    String id = first().submissionId();

    JsonNode refused = decide(REVIEWER, id, "{\"action\":\"OVERRIDE_FINDING\",\"finding\":\"case-study-age@Case"
        + " Studies!A1\",\"comment\":\"no such\"}", 400);

    assertThat(refused.path("code").asText()).isEqualTo("INVALID_FINDING");
  }

  @Test
  void override_findingCopiedWithInvisibleCharacters_namesTheFindingTheApiShows() {
    // given: a blocker's reference as the API shows it, and the same with a zero-width space, a
    // direction isolate and a left-to-right mark in it, as a copy from a web page may carry them
    String id = first().submissionId();
    String ref = decide(REVIEWER, id, "{\"action\":\"ACCEPT\",\"comment\":\"looks fine\"}", 409)
        .path("blockers").get(0).path("finding").asText();
    String copied = "\u200b" + ref.replace("@", "\u2066@\u2069") + "\u200e";

    // when
    JsonNode overridden = decide(REVIEWER, id, "{\"action\":\"OVERRIDE_FINDING\",\"finding\":"
        + PipelineJson.mapper().valueToTree(copied) + ",\"comment\":\"Confirmed with the partner's PDM\"}", 201);
    JsonNode again = decide(REVIEWER, id, "{\"action\":\"OVERRIDE_FINDING\",\"finding\":\"" + ref
        + "\",\"comment\":\"twice\"}", 409);

    // then: recorded under the reference shown, so the same finding is not overridden twice
    assertThat(overridden.path("finding").asText()).isEqualTo(ref);
    assertThat(again.path("code").asText()).isEqualTo("ALREADY_OVERRIDDEN");
  }

  @Test
  void decide_twoReviewersAfterReadingTheSameTrail_oneWinsTheOtherGets409() throws Exception {
    String id = first().submissionId();
    // Both read the trail before either appends: the store's conditional write must decide.
    CyclicBarrier bothRead = new CyclicBarrier(2);
    SubmissionStore meeting = new ForwardingSubmissionStore(pipeline.store) {
      @Override
      public List<Decision> decisions(String submissionId) {
        List<Decision> read = super.decisions(submissionId);
        try {
          bothRead.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
          throw new IllegalStateException("the other reviewer never read the trail", e);
        }
        return read;
      }
    };
    ReviewerApi jane = pipeline.api(meeting);
    ReviewerApi omar = pipeline.api(meeting);
    ExecutorService two = Executors.newFixedThreadPool(2);
    try {
      Future<ApiResponse> a = two.submit(() -> jane.handle(new ApiRequest("POST", "/submissions/" + id
          + "/decisions", Map.of(), "{\"action\":\"REQUEST_CHANGES\",\"comment\":\"jane's\"}", REVIEWER)));
      Future<ApiResponse> b = two.submit(() -> omar.handle(new ApiRequest("POST", "/submissions/" + id
          + "/decisions", Map.of(), "{\"action\":\"START_REVIEW\",\"comment\":\"omar's\"}", OTHER_REVIEWER)));

      List<Integer> statuses = List.of(a.get(30, TimeUnit.SECONDS).status(), b.get(30, TimeUnit.SECONDS).status());

      assertThat(statuses).containsExactlyInAnyOrder(201, 409);
      ApiResponse loser = statuses.get(0) == 409 ? a.get() : b.get();
      assertThat(loser.body()).contains("\"code\":\"CONFLICT\"").contains("reload");
    } finally {
      two.shutdownNow();
    }
    JsonNode trail = get(REVIEWER, "/submissions/" + id + "/decisions", 200);
    assertThat(trail.path("items")).hasSize(1);
    assertThat(trail.path("chain").asText()).isEqualTo("intact");
  }

  @Test
  void decide_burstOfReviewersAtOnce_everyRecordedDecisionHasItsOwnNumberAndTheChainHolds() throws Exception {
    String id = first().submissionId();
    ExecutorService eight = Executors.newFixedThreadPool(8);
    List<Future<ApiResponse>> answers = new ArrayList<>();
    try {
      CyclicBarrier go = new CyclicBarrier(8);
      for (int i = 0; i < 8; i++) {
        Caller who = new Caller.Reviewer("arn:aws:sts::1:assumed-role/competency-reviewer/r" + i);
        String body = "{\"action\":\"REQUEST_CHANGES\",\"comment\":\"from r" + i + "\"}";
        answers.add(eight.submit(() -> {
          go.await(10, TimeUnit.SECONDS);
          return api.handle(new ApiRequest("POST", "/submissions/" + id + "/decisions", Map.of(), body, who));
        }));
      }
      int recorded = 0;
      for (Future<ApiResponse> f : answers) {
        int status = f.get(60, TimeUnit.SECONDS).status();
        assertThat(status).isIn(201, 409);
        recorded += status == 201 ? 1 : 0;
      }

      JsonNode trail = get(REVIEWER, "/submissions/" + id + "/decisions", 200);
      assertThat(recorded).isGreaterThanOrEqualTo(1);
      assertThat(trail.path("items")).hasSize(recorded);
      List<Integer> numbers = new ArrayList<>();
      trail.path("items").forEach(d -> numbers.add(d.path("sequence").asInt()));
      assertThat(numbers).isEqualTo(java.util.stream.IntStream.rangeClosed(1, recorded).boxed().toList());
      assertThat(trail.path("chain").asText()).isEqualTo("intact");
      assertThat(get(REVIEWER, "/submissions/" + id, 200).path("review").path("state").asText())
          .isEqualTo("CHANGES_REQUESTED");
    } finally {
      eight.shutdownNow();
    }
  }

  // ---------------------------------------------------------------- what partners see

  @Test
  void partner_readsOnlyTheSharedDecisionsOfItsOwnSubmissions() {
    String id = first().submissionId();
    decide(REVIEWER, id, "{\"action\":\"START_REVIEW\",\"comment\":\"INTERNAL: check their PDM first\"}", 201);
    decide(REVIEWER, id, "{\"action\":\"REQUEST_CHANGES\",\"comment\":\"Please replace case study 4 with a"
        + " deployment from the last 18 months.\",\"shareWithPartner\":true}", 201);

    JsonNode mine = get(PARTNER, "/submissions/" + id + "/decisions", 200);
    JsonNode submission = get(PARTNER, "/submissions/" + id, 200);
    JsonNode foreign = get(OTHER_PARTNER, "/submissions/" + id + "/decisions", 404);
    JsonNode foreignComparison = get(OTHER_PARTNER, "/submissions/" + id + "/comparison", 404);
    JsonNode post = decide(PARTNER, id, "{\"action\":\"ACCEPT\",\"comment\":\"accept me\"}", 403);

    assertThat(mine.path("items")).singleElement().satisfies(d -> {
      assertThat(d.path("comment").asText()).startsWith("Please replace case study 4");
      assertThat(d.path("reviewer").isNull()).isTrue();
      assertThat(d.has("hash")).isFalse();
    });
    assertThat(mine.toString()).doesNotContain("INTERNAL").doesNotContain("jane");
    assertThat(mine.has("chain")).isFalse();
    assertThat(submission.path("review").path("state").asText()).isEqualTo("CHANGES_REQUESTED");
    assertThat(submission.path("review").path("by").isNull()).isTrue();
    assertThat(foreign.path("code").asText()).isEqualTo("NOT_FOUND");
    assertThat(foreignComparison.path("code").asText()).isEqualTo("NOT_FOUND");
    assertThat(post.path("code").asText()).isEqualTo("FORBIDDEN");
  }

  // ---------------------------------------------------------------- the audit trail

  @Test
  void trail_decisionRewrittenInTheTable_isReportedAsABrokenChain() {
    String id = first().submissionId();
    decide(REVIEWER, id, "{\"action\":\"START_REVIEW\",\"comment\":\"mine\"}", 201);
    JsonNode second = decide(REVIEWER, id, "{\"action\":\"REQUEST_CHANGES\",\"comment\":\"Fix case study 4\"}", 201);
    decide(REVIEWER, id, "{\"action\":\"START_REVIEW\",\"comment\":\"again\"}", 201);

    // Anyone with the table's credentials (locally: anyone on the machine) can rewrite an item.
    clients.dynamoDb().updateItem(b -> b.tableName(pipeline.table)
        .key(Map.of("PK", AttributeValue.fromS("SUB#" + id), "SK", AttributeValue.fromS("DECISION#000002")))
        .updateExpression("SET #c = :c")
        .expressionAttributeNames(Map.of("#c", "comment"))
        .expressionAttributeValues(Map.of(":c", AttributeValue.fromS("Accepted as is"))));

    JsonNode trail = get(REVIEWER, "/submissions/" + id + "/decisions", 200);
    assertThat(trail.path("chain").asText()).isEqualTo("broken at " + second.path("decisionId").asText());
    assertThat(trail.path("chainDetail").asText()).contains("does not match its hash");
  }

  @Test
  void trail_lastDecisionDeleted_isReportedAsABrokenChain() {
    String id = first().submissionId();
    decide(REVIEWER, id, "{\"action\":\"START_REVIEW\",\"comment\":\"mine\"}", 201);
    decide(REVIEWER, id, "{\"action\":\"REQUEST_CHANGES\",\"comment\":\"Fix case study 4\"}", 201);

    clients.dynamoDb().deleteItem(b -> b.tableName(pipeline.table)
        .key(Map.of("PK", AttributeValue.fromS("SUB#" + id), "SK", AttributeValue.fromS("DECISION#000002"))));

    JsonNode trail = get(REVIEWER, "/submissions/" + id + "/decisions", 200);
    assertThat(trail.path("chain").asText()).startsWith("broken").contains("records 2 decisions");
  }

  @Test
  void trail_projectionLeftBehindByACrash_isRolledForwardByTheNextRead() {
    String id = first().submissionId();
    // The decision is appended but the projection write never happens (the function died in between).
    pipeline.store.addDecision(Decision.chained("d-crash", id, 1, Decision.Action.REQUEST_CHANGES, "written, then"
        + " the crash", null, false, ((Caller.Reviewer) REVIEWER).name(), MONDAY.plusSeconds(3600), ""));
    assertThat(get(REVIEWER, "/submissions/" + id, 200).path("review").path("state").asText()).isEqualTo("NEW");

    JsonNode trail = get(REVIEWER, "/submissions/" + id + "/decisions", 200);

    assertThat(trail.path("review").path("state").asText()).isEqualTo("CHANGES_REQUESTED");
    assertThat(get(REVIEWER, "/submissions/" + id, 200).path("review").path("state").asText())
        .isEqualTo("CHANGES_REQUESTED");
    assertThat(trail.path("chain").asText()).isEqualTo("intact");
  }

  // ---------------------------------------------------------------- the queue

  @Test
  void queue_newOldestFirstAndOverdue_onAFixedClock() {
    // Monday, Wednesday and the next Monday; the office answers the Wednesday one.
    String monday = pipeline.upload("incoming/P-1001/a.xlsx", WorkbookBuilder.ready(AS_OF).build(), MONDAY)
        .submissionId();
    String wednesday = pipeline.upload("incoming/P-3003/b.xlsx", WorkbookBuilder.ready(AS_OF)
        .profile(dev.intake.model.ProfileField.PARTNER_ID, "P-3003").build(), MONDAY.plusSeconds(2 * 86_400))
        .submissionId();
    String nextMonday = pipeline.upload("incoming/P-4004/c.xlsx", WorkbookBuilder.ready(AS_OF)
        .profile(dev.intake.model.ProfileField.PARTNER_ID, "P-4004").build(), MONDAY.plusSeconds(7 * 86_400))
        .submissionId();
    decide(REVIEWER, wednesday, "{\"action\":\"ACCEPT\",\"comment\":\"ok\"}", 201);
    // Tuesday 2026-11-10: Monday's was due Monday 2026-11-09.
    pipeline.clock.set(Instant.parse("2026-11-10T08:00:00Z"));

    JsonNode queue = call(api, REVIEWER, "GET", "/submissions", Map.of("review", "NEW", "sort", "oldest"), null, 200);
    JsonNode overdue = call(api, REVIEWER, "GET", "/submissions", Map.of("overdue", "true"), null, 200);

    assertThat(queue.path("items")).extracting(s -> s.path("submissionId").asText())
        .containsExactly(monday, nextMonday);
    assertThat(queue.path("items").get(0).path("dueBy").asText()).isEqualTo("2026-11-09");
    assertThat(queue.path("items").get(0).path("overdue").asBoolean()).isTrue();
    assertThat(queue.path("items").get(1).path("dueBy").asText()).isEqualTo("2026-11-16");
    assertThat(overdue.path("items")).extracting(s -> s.path("submissionId").asText()).containsExactly(monday);
  }

  private static String findingsSheetLine(byte[] xlsx, String label) throws IOException {
    try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
      Sheet sheet = wb.getSheet("Findings");
      for (Row row : sheet) {
        if (row.getCell(0) != null && label.equals(row.getCell(0).getStringCellValue())) {
          return row.getCell(1).getStringCellValue();
        }
      }
    }
    throw new AssertionError("no '" + label + "' line on the Findings sheet");
  }
}
