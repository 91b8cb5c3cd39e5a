package dev.intake.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.intake.pipeline.AsOfPolicy;
import dev.intake.pipeline.Digest;
import dev.intake.pipeline.PipelineJson;
import dev.intake.template.Layout.CaseStudyColumn;
import dev.intake.testing.WorkbookBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * The review loop on the embedded default (S3Proxy, dynalite, the ASL runner, the HTTP API): a
 * corrected workbook under another name follows the first in the partner's thread, decisions move
 * the review over HTTP, the partner's token sees only what is shared, the console shows each
 * notification's e-mail text and the digest goes to the outbox.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocalRuntimeReviewLoopTest {

  private static final LocalDate AS_OF = LocalDate.of(2026, 11, 2);

  @TempDir
  static Path data;

  private final List<String> console = new CopyOnWriteArrayList<>();
  private LocalRuntime runtime;
  private LocalApiClient reviewer;
  private LocalApiClient partner;
  private String first;
  private String second;

  @BeforeAll
  void uploadAWorkbookAndItsCorrection() throws Exception {
    runtime = LocalRuntime.start(LocalRuntime.Options.defaults(data, console::add)
        .withAsOf(AsOfPolicy.fixed(AS_OF)));
    reviewer = new LocalApiClient(runtime.apiEndpoint(), runtime.token());
    partner = new LocalApiClient(runtime.apiEndpoint(), runtime.tokens().partnerToken("P-1001"));
    first = upload("self-assessment.xlsx", WorkbookBuilder.ready(AS_OF)
        .caseStudy(2, c -> c.set(CaseStudyColumn.STAGE, "Pilot")).build());
    second = upload("self-assessment FINAL.xlsx", WorkbookBuilder.ready(AS_OF).build());
  }

  private String upload(String fileName, byte[] xlsx) throws InterruptedException {
    UploadTracker tracker = new UploadTracker(reviewer, Clock.systemUTC());
    runtime.s3().putObject(PutObjectRequest.builder().bucket(LocalRuntime.BUCKET).key("incoming/P-1001/" + fileName)
        .build(), RequestBody.fromBytes(xlsx));
    tracker.uploaded("P-1001", fileName, Clock.systemUTC().instant());
    return tracker.await(Duration.ofMinutes(2), Duration.ofMillis(200), done -> { }).get(0).submission()
        .path("submissionId").asText();
  }

  @AfterAll
  void stop() {
    if (runtime != null) {
      runtime.close();
    }
  }

  @Test
  void thread_theCorrectionFollowsTheFirstAndItsComparisonListsTheFix() {
    JsonNode submission = reviewer.get("/submissions/" + second).json();
    JsonNode comparison = partner.get("/submissions/" + second + "/comparison").json();

    assertThat(submission.path("previousSubmissionId").asText()).isEqualTo(first);
    assertThat(submission.path("status").asText()).isEqualTo("READY");
    assertThat(comparison.path("fixed")).singleElement()
        .satisfies(f -> assertThat(f.path("ruleId").asText()).isEqualTo("case-study-production"));
    assertThat(comparison.path("introduced")).isEmpty();
  }

  @Test
  void decisions_overHttp_moveTheReviewAndThePartnerSeesTheSharedOneOnly() {
    LocalApiClient.Response refused = reviewer.post("/submissions/" + first + "/decisions",
        "{\"action\":\"ACCEPT\",\"comment\":\"looks fine\"}");
    reviewer.post("/submissions/" + first + "/decisions",
        "{\"action\":\"START_REVIEW\",\"comment\":\"internal: superseded already\"}");
    LocalApiClient.Response shared = reviewer.post("/submissions/" + first + "/decisions",
        "{\"action\":\"REQUEST_CHANGES\",\"comment\":\"Superseded by your corrected workbook.\","
            + "\"shareWithPartner\":true}");

    JsonNode partnerView = partner.get("/submissions/" + first + "/decisions").json();
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.json().path("code").asText()).isEqualTo("OPEN_BLOCKERS");
    assertThat(shared.status()).isEqualTo(201);
    assertThat(reviewer.get("/submissions/" + first).json().path("review").path("state").asText())
        .isEqualTo("CHANGES_REQUESTED");
    assertThat(partnerView.path("items")).singleElement()
        .satisfies(d -> assertThat(d.path("comment").asText()).isEqualTo("Superseded by your corrected workbook."));
    assertThat(partnerView.toString()).doesNotContain("internal");
  }

  @Test
  void console_showsTheEmailTextOfEachNotification() throws InterruptedException {
    // The workflow publishes after it stores the verdict the upload was awaited on: wait for the print.
    String expected = "notification (partner P-1001): AWS DevOps Competency self-assessment: READY (0 blockers)";
    Waits.until(Duration.ofSeconds(30), Duration.ofMillis(50),
        () -> console.stream().anyMatch(l -> l.contains(expected)));
    String printed = String.join("\n", console);

    assertThat(printed).contains("notification (program office): Competency intake: READY - P-1001 (0 blockers)")
        .contains("notification (partner P-1001): AWS DevOps Competency self-assessment: READY (0 blockers)")
        .contains("  | Changes:    1 fixed, 0 new since ");
  }

  @Test
  void digest_goesToTheOutboxWithTheQueue() throws Exception {
    Digest digest = runtime.digest();

    List<JsonNode> digests;
    try (var files = Files.list(data.resolve("outbox"))) {
      digests = files.filter(f -> f.getFileName().toString().contains("digest"))
          .map(f -> PipelineJson.tree(read(f))).collect(Collectors.toList());
    }
    assertThat(digest.queue()).isGreaterThanOrEqualTo(1);
    assertThat(digests).isNotEmpty().allSatisfy(d -> {
      assertThat(d.path("MessageStructure").asText()).isEqualTo("json");
      assertThat(d.path("Message").path("email").asText()).startsWith("Competency intake - daily digest for");
    });
  }

  private static byte[] read(Path f) {
    try {
      return Files.readAllBytes(f);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
