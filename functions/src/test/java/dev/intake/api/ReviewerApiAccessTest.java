package dev.intake.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.intake.aws.AwsClients;
import dev.intake.aws.DynamoDbSubmissionStore;
import dev.intake.aws.SubmissionTableSetup;
import dev.intake.checklist.Checklist;
import dev.intake.pipeline.PipelineJson;
import dev.intake.pipeline.Submission;
import dev.intake.pipeline.SubmissionIds;
import dev.intake.pipeline.SubmissionStore;
import dev.intake.testing.Dynalite;
import dev.intake.testing.FakeUploadPresigner;
import dev.intake.testing.InMemoryObjectStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Access through the API, against the real store (dynalite): a partner sees only its own submissions,
 * reviewer-only routes refuse it, a tampered or foreign page token is a 400 (never a read of someone
 * else's data), and refusals are logged without the request body.
 */
class ReviewerApiAccessTest {

  private static AwsClients clients;
  private static SubmissionStore store;
  private static ReviewerApi api;
  private static final Caller REVIEWER = new Caller.Reviewer("arn:aws:sts::1:assumed-role/competency-reviewer/r");
  private static final Caller ACME =
      new Caller.Partner("P-ACME", "arn:aws:sts::1:assumed-role/competency-partner-P-ACME/a");
  private static final Caller GLOBEX =
      new Caller.Partner("P-GLOBEX", "arn:aws:sts::1:assumed-role/competency-partner-P-GLOBEX/g");

  @BeforeAll
  static void storeWithTwoPartners() {
    clients = AwsClients.local(Dynalite.shared().endpoint(), null);
    String table = Dynalite.uniqueTableName("access");
    SubmissionTableSetup.create(clients.dynamoDb(), table);
    store = new DynamoDbSubmissionStore(clients.dynamoDb(), table);
    for (int i = 0; i < 12; i++) {
      store.create(submission("P-ACME", i));
      store.create(submission("P-GLOBEX", i));
    }
    InMemoryObjectStore objects = new InMemoryObjectStore();
    api = new ReviewerApi(store, objects, new TemplateService(objects, "bucket", Checklist.current()),
        ExecutionHistory.NONE, new UploadLinks(new FakeUploadPresigner(), "bucket", Clock.systemUTC()),
        Clock.systemUTC());
  }

  @AfterAll
  static void close() {
    clients.close();
  }

  private static Submission submission(String partner, int i) {
    String key = "incoming/" + partner + "/file-" + i + ".xlsx";
    return Submission.received(SubmissionIds.submissionId("bucket", key, "v1"), partner, new Submission.Source("bucket",
        key, "v1", String.format("%016X", i + 1), SubmissionIds.documentId("bucket", key), "file-" + i + ".xlsx", 1000),
        Instant.parse("2026-11-01T10:00:00Z").plusSeconds(i), LocalDate.of(2026, 11, 1),
        Instant.parse("2026-11-01T10:00:00Z")).withEvaluation(Submission.Evaluation.declared("4.0", partner));
  }

  private static ApiResponse get(Caller caller, String path, Map<String, String> query) {
    return api.handle(new ApiRequest("GET", path, query, null, caller));
  }

  private static JsonNode json(ApiResponse r) {
    return PipelineJson.tree(r.body().getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void list_asPartner_showsOnlyItsOwnSubmissions() {
    ApiResponse r = get(ACME, "/submissions", Map.of("limit", "100"));

    List<String> partners = new ArrayList<>();
    json(r).path("items").forEach(s -> partners.add(s.path("partnerId").asText()));
    assertThat(partners).hasSize(12).containsOnly("P-ACME");
  }

  @Test
  void list_partnersNextTokenPresentedByAnotherPartner_is400NotTheirData() {
    String acmeToken = json(get(ACME, "/submissions", Map.of("limit", "5"))).path("nextToken").asText();

    ApiResponse r = get(GLOBEX, "/submissions", Map.of("limit", "5", "nextToken", acmeToken));

    assertThat(r.status()).isEqualTo(400);
    assertThat(json(r).path("code").asText()).isEqualTo("INVALID_TOKEN");
  }

  @Test
  void list_tamperedNextToken_is400() {
    String token = json(get(REVIEWER, "/submissions", Map.of("partnerId", "P-ACME", "limit", "5")))
        .path("nextToken").asText();
    String forged = editPayload(token, json -> json.replace("P-ACME", "P-GLOBEX"));

    ApiResponse r = get(REVIEWER, "/submissions", Map.of("partnerId", "P-ACME", "limit", "5", "nextToken", forged));
    ApiResponse garbage = get(REVIEWER, "/submissions", Map.of("nextToken", "%%%not-a-token"));

    assertThat(r.status()).isEqualTo(400);
    assertThat(garbage.status()).isEqualTo(400);
  }

  @Test
  void list_nextTokenEditedToResumeElsewhereInTheSameListing_is400() {
    // given: the token of the first page, its resume point moved back by one item (still a
    // well-formed position of the same listing, so only a signature can tell)
    String token = json(get(ACME, "/submissions", Map.of("limit", "5"))).path("nextToken").asText();
    String edited = editPayload(token, json -> {
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"(20\\d\\d-[^\"#]+)#").matcher(json);
      StringBuilder out = new StringBuilder();
      while (m.find()) {
        m.appendReplacement(out, "\"" + Instant.parse(m.group(1)).plusSeconds(1) + "#");
      }
      return m.appendTail(out).toString();
    });
    assertThat(edited).isNotEqualTo(token);

    // when
    ApiResponse r = get(ACME, "/submissions", Map.of("limit", "5", "nextToken", edited));

    // then
    assertThat(r.status()).as(r.body()).isEqualTo(400);
    assertThat(json(r).path("code").asText()).isEqualTo("INVALID_TOKEN");
  }

  /** The token with its JSON payload changed by {@code edit} and whatever followed the payload kept. */
  private static String editPayload(String token, java.util.function.UnaryOperator<String> edit) {
    int dot = token.indexOf('.');
    String payload = dot < 0 ? token : token.substring(0, dot);
    String json = new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(edit.apply(json).getBytes(StandardCharsets.UTF_8))
        + (dot < 0 ? "" : token.substring(dot));
  }

  @Test
  void list_reviewerPagesThroughOnePartner_withValidTokens() {
    List<String> ids = new ArrayList<>();
    String token = null;
    do {
      Map<String, String> q = token == null ? Map.of("partnerId", "P-GLOBEX", "limit", "5")
          : Map.of("partnerId", "P-GLOBEX", "limit", "5", "nextToken", token);
      JsonNode page = json(get(REVIEWER, "/submissions", q));
      page.path("items").forEach(s -> ids.add(s.path("submissionId").asText()));
      token = page.path("nextToken").isTextual() ? page.path("nextToken").asText() : null;
    } while (token != null);

    assertThat(ids).hasSize(12).doesNotHaveDuplicates();
  }

  @Test
  void decisions_asPartner_readsItsOwnButRecordsNothing() {
    String id = submission("P-ACME", 0).submissionId();

    ApiResponse list = get(ACME, "/submissions/" + id + "/decisions", Map.of());
    ApiResponse foreign = get(GLOBEX, "/submissions/" + id + "/decisions", Map.of());
    ApiResponse post = api.handle(new ApiRequest("POST", "/submissions/" + id + "/decisions", Map.of(),
        "{\"action\":\"ACCEPT\",\"comment\":\"mine\"}", ACME));

    assertThat(list.status()).isEqualTo(200);
    assertThat(json(list).path("items")).isEmpty();
    assertThat(foreign.status()).isEqualTo(404);
    assertThat(post.status()).isEqualTo(403);
  }

  @Test
  void refusal_isLoggedWithoutTheRequestBody() {
    String id = submission("P-ACME", 0).submissionId();
    List<String> logged = new ArrayList<>();
    Logger logger = (Logger) LogManager.getLogger(ReviewerApi.class);
    AbstractAppender capture = new AbstractAppender("capture", null, null, true, Property.EMPTY_ARRAY) {
      @Override
      public void append(LogEvent event) {
        logged.add(event.getMessage().getFormattedMessage());
      }
    };
    capture.start();
    logger.addAppender(capture);
    try {
      api.handle(new ApiRequest("POST", "/submissions/" + id + "/decisions", Map.of(),
          "{\"action\":\"ACCEPT\",\"comment\":\"SECRET-COMMENT-1234\"}", GLOBEX));
    } finally {
      logger.removeAppender(capture);
    }

    assertThat(logged).anySatisfy(m -> assertThat(m).contains("Refused POST").contains("403"));
    assertThat(logged).noneSatisfy(m -> assertThat(m).contains("SECRET-COMMENT-1234"));
  }

  @Test
  void get_idThatIsNotASubmissionId_is400BeforeAnyLookup() {
    ApiResponse r = get(REVIEWER, "/submissions/sub-../../etc/passwd", Map.of());
    ApiResponse upper = get(REVIEWER, "/submissions/SUB-AAAAAAAAAAAAAAAAAAAAAAAAAA", Map.of());

    assertThat(r.status()).isIn(400, 404);
    assertThat(upper.status()).isEqualTo(400);
  }

  @Test
  void get_failedSubmissionAsPartner_showsAPlainSentenceNotTheInternalCause() {
    // Another partner, so the other tests' counts of ACME's and GLOBEX's submissions hold.
    Submission failed = submission("P-INITECH", 0);
    Caller initech = new Caller.Partner("P-INITECH", "arn:aws:sts::1:assumed-role/competency-partner-P-INITECH/i");
    store.create(failed);
    store.markFailed(failed.submissionId(), "IllegalStateException: missing work object work/x/parsed.json",
        Instant.parse("2026-11-01T11:00:00Z"));
    String path = "/submissions/" + failed.submissionId();

    JsonNode asPartner = json(get(initech, path, Map.of()));
    JsonNode asReviewer = json(get(REVIEWER, path, Map.of()));
    ApiResponse findingsAsPartner = get(initech, path + "/findings", Map.of());

    assertThat(asPartner.path("failure").asText()).isEqualTo(ApiJson.FAILED_FOR_PARTNERS);
    assertThat(asReviewer.path("failure").asText()).contains("missing work object");
    assertThat(findingsAsPartner.status()).isEqualTo(409);
    assertThat(findingsAsPartner.body()).doesNotContain("missing work object");
  }
}
