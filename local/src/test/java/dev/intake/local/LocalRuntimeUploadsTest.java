package dev.intake.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.intake.pipeline.AsOfPolicy;
import dev.intake.pipeline.PipelineJson;
import dev.intake.pipeline.WorkflowInput;
import dev.intake.testing.SampleWorkbooks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * Uploads at the edges, through the running local runtime's S3 API as any client would send them.
 * Overwrites in a burst: five different workbooks PUT back to back to one key are five submissions,
 * each judged on its own bytes — stored original, partner and verdict all of the workbook that upload
 * carried; ten times. And a name as long as S3 allows is evaluated like any other.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocalRuntimeUploadsTest {

  private static final List<String> FILES = List.of("ready.xlsx", "tier-and-path.xlsx", "certifications.xlsx",
      "case-study-age.xlsx", "public-urls.xlsx");
  private static final Set<String> TERMINAL = Set.of("READY", "ACTION_REQUIRED", "REJECTED", "FAILED");

  @TempDir
  static Path data;

  private LocalRuntime runtime;
  private LocalApiClient api;
  /** By SHA-256 of the bytes: the sample's file name, partner name and expected status. */
  private final Map<String, JsonNode> samples = new LinkedHashMap<>();
  private final List<byte[]> workbooks = new ArrayList<>();

  @BeforeAll
  void start() throws Exception {
    Path folder = SampleWorkbooks.folder();
    JsonNode manifest = PipelineJson.tree(Files.readAllBytes(folder.resolve("manifest.json")));
    for (String file : FILES) {
      byte[] bytes = Files.readAllBytes(folder.resolve(file));
      workbooks.add(bytes);
      for (JsonNode sample : manifest.path("samples")) {
        if (sample.path("fileName").asText().equals(file)) {
          samples.put(sha256(bytes), sample);
        }
      }
    }
    runtime = LocalRuntime.start(LocalRuntime.Options.defaults(data, line -> { })
        .withAsOf(AsOfPolicy.fixed(LocalDate.parse(manifest.path("asOf").asText()))));
    api = new LocalApiClient(runtime.apiEndpoint(), runtime.token());
  }

  @AfterAll
  void stop() {
    if (runtime != null) {
      runtime.close();
    }
  }

  @RepeatedTest(10)
  void burst_fiveWorkbooksToOneKey_fiveSubmissionsEachJudgedOnItsOwnBytes(RepetitionInfo repetition)
      throws Exception {
    String fileName = "burst" + repetition.getCurrentRepetition() + ".xlsx";
    String key = "incoming/P-3001/" + fileName;

    for (byte[] workbook : workbooks) {
      runtime.s3().putObject(b -> b.bucket(LocalRuntime.BUCKET).key(key), RequestBody.fromBytes(workbook));
    }
    List<JsonNode> submissions = awaitTerminal(fileName, Duration.ofMinutes(2));

    Map<String, String> expected = new TreeMap<>();
    Map<String, String> actual = new TreeMap<>();
    for (JsonNode s : submissions) {
      String versionId = s.path("versionId").asText(null);
      // Where the pipeline keeps the evaluated bytes: the object version, or (without versions) its copy.
      byte[] original = (versionId == null
          ? runtime.objects().read(LocalRuntime.BUCKET, WorkflowInput.originalKey(s.path("submissionId").asText()),
              null, 20L * 1024 * 1024)
          : runtime.objects().read(LocalRuntime.BUCKET, key, versionId, 20L * 1024 * 1024)).orElseThrow();
      JsonNode sample = samples.get(sha256(original));
      assertThat(sample).as("the stored original of %s is one of the uploaded workbooks", s).isNotNull();
      String file = sample.path("fileName").asText();
      expected.put(file, sample.path("partnerName").asText() + " " + sample.path("expectedStatus").asText());
      actual.put(file, s.path("partnerName").asText() + " " + s.path("status").asText());
    }
    assertThat(submissions).hasSize(5);
    assertThat(actual.keySet()).as("each workbook is one submission's original").containsExactlyInAnyOrderElementsOf(
        FILES);
    assertThat(actual).isEqualTo(expected);
  }

  @Test
  void upload_underA900CharacterName_isEvaluated() throws Exception {
    String fileName = "n".repeat(880) + ".xlsx";
    runtime.s3().putObject(b -> b.bucket(LocalRuntime.BUCKET).key("incoming/P-3002/" + fileName),
        RequestBody.fromBytes(workbooks.get(0)));
    UploadTracker tracker = new UploadTracker(api, java.time.Clock.systemUTC());
    tracker.uploaded("P-3002", fileName, Instant.now());

    List<UploadTracker.Outcome> outcomes = tracker.await(Duration.ofMinutes(2), Duration.ofMillis(200), done -> { });

    assertThat(outcomes).singleElement().satisfies(o -> {
      assertThat(o.submission().path("fileName").asText()).isEqualTo(fileName);
      assertThat(o.status()).isEqualTo("READY");
    });
  }

  /** The submissions of the key once five of them are terminal (their JSON from the API, with versionId). */
  private List<JsonNode> awaitTerminal(String fileName, Duration timeout) throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    List<JsonNode> found = new ArrayList<>();
    while (Instant.now().isBefore(deadline)) {
      found.clear();
      String token = null;
      do {
        JsonNode page = api.get("/submissions?partnerId=P-3001&limit=100"
            + (token == null ? "" : "&nextToken=" + java.net.URLEncoder.encode(token,
                java.nio.charset.StandardCharsets.UTF_8))).json();
        for (JsonNode s : page.path("items")) {
          if (s.path("fileName").asText().equals(fileName)) {
            found.add(s);
          }
        }
        token = page.path("nextToken").isNull() ? null : page.path("nextToken").asText(null);
      } while (token != null);
      if (found.size() >= 5 && found.stream().allMatch(s -> TERMINAL.contains(s.path("status").asText()))) {
        return withVersions(found);
      }
      Thread.sleep(250);
    }
    return withVersions(found);
  }

  /** The API does not show version ids; the store has them. */
  private List<JsonNode> withVersions(List<JsonNode> submissions) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode s : submissions) {
      var stored = runtime.store().get(s.path("submissionId").asText()).orElseThrow();
      out.add(((com.fasterxml.jackson.databind.node.ObjectNode) s.deepCopy())
          .put("versionId", stored.source().versionId()));
    }
    return out;
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
