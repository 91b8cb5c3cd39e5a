package dev.intake.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.intake.cli.CliRun;
import dev.intake.cli.ExitCodes;
import dev.intake.pipeline.AsOfPolicy;
import dev.intake.pipeline.PipelineJson;
import dev.intake.testing.SampleWorkbooks;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A partner with no AWS identity uploads through {@code POST /uploads} (issue 15, point 9), on the
 * embedded pipeline: the link is presigned against S3Proxy, which checks the signature, and the
 * upload is evaluated like any other; {@code ./pipeline upload} takes the same path.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocalUploadLinksTest {

  @TempDir
  static Path data;

  private LocalRuntime runtime;
  private Path ready;
  private byte[] readyBytes;

  @BeforeAll
  void start() throws Exception {
    Path samples = SampleWorkbooks.folder();
    JsonNode manifest = PipelineJson.tree(Files.readAllBytes(samples.resolve("manifest.json")));
    runtime = LocalRuntime.start(LocalRuntime.Options.defaults(data.resolve("pipeline"), line -> { })
        .withAsOf(AsOfPolicy.fixed(LocalDate.parse(manifest.path("asOf").asText()))));
    ready = samples.resolve("ready.xlsx");
    readyBytes = Files.readAllBytes(ready);
  }

  @AfterAll
  void stop() {
    if (runtime != null) {
      runtime.close();
    }
  }

  private LocalApiClient partner(String partnerId) {
    return new LocalApiClient(runtime.apiEndpoint(), runtime.tokens().partnerToken(partnerId));
  }

  private static String uploadRequest(String fileName, long size) {
    return "{\"fileName\":\"" + fileName + "\",\"size\":" + size + "}";
  }

  private static HttpResponse<String> put(JsonNode link, String contentType, byte[] body) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(link.path("url").asText()))
        .header("Content-Type", contentType)
        .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode awaitTerminal(String partnerId, String fileName) throws InterruptedException {
    UploadTracker tracker = new UploadTracker(partner(partnerId), Clock.systemUTC());
    tracker.uploaded(partnerId, fileName, Clock.systemUTC().instant());
    List<UploadTracker.Outcome> outcomes = tracker.await(Duration.ofMinutes(1), Duration.ofMillis(200), n -> { });
    return outcomes.get(0).submission();
  }

  @Test
  void uploadLink_partnerPutsTheWorkbook_itIsEvaluated() throws Exception {
    // given
    JsonNode link = partner("P-1001").post("/uploads", uploadRequest("via-link.xlsx", readyBytes.length)).json();

    // when
    HttpResponse<String> stored = put(link, link.path("headers").path("Content-Type").asText(), readyBytes);

    // then
    assertThat(stored.statusCode()).isEqualTo(200);
    assertThat(link.path("key").asText()).isEqualTo("incoming/P-1001/via-link.xlsx");
    JsonNode submission = awaitTerminal("P-1001", "via-link.xlsx");
    assertThat(submission).isNotNull();
    assertThat(submission.path("status").asText()).isEqualTo("READY");
  }

  @Test
  void uploadLink_bodyOfAnotherSize_isRefusedByS3Proxy() throws Exception {
    // given: a link for 100 bytes
    JsonNode link = partner("P-1101").post("/uploads", uploadRequest("short.xlsx", 100)).json();

    // when
    HttpResponse<String> stored = put(link, link.path("headers").path("Content-Type").asText(), readyBytes);

    // then
    assertThat(stored.statusCode()).isEqualTo(403);
    assertThat(partner("P-1101").get("/submissions").json().path("items")).isEmpty();
  }

  @Test
  void uploadLink_reviewerToken_isForbidden() {
    LocalApiClient reviewer = new LocalApiClient(runtime.apiEndpoint(), runtime.token());

    assertThat(reviewer.post("/uploads", uploadRequest("a.xlsx", 10)).status()).isEqualTo(403);
  }

  @Test
  void uploadCommand_byDefault_goesThroughTheLinkAndIsEvaluated() throws Exception {
    // given
    Path file = Files.copy(ready, data.resolve("by-cli.xlsx"));
    CliRun cli = new CliRun();

    // when
    int code = cli.run(Clock.systemUTC(), "upload", file.toString(), "--partner", "P-1201", "--data",
        data.resolve("pipeline").toString());

    // then
    assertThat(code).as(cli.err()).isEqualTo(ExitCodes.OK);
    assertThat(cli.out()).contains("incoming/P-1201/by-cli.xlsx");
    assertThat(awaitTerminal("P-1201", "by-cli.xlsx").path("status").asText()).isEqualTo("READY");
  }

  @Test
  void uploadCommand_nameTheApiRefuses_exits64WithItsReason() throws Exception {
    // given
    Path file = Files.write(data.resolve("notes.csv"), "a,b\n".getBytes());
    CliRun cli = new CliRun();

    // when
    int code = cli.run(Clock.systemUTC(), "upload", file.toString(), "--partner", "P-1301", "--data",
        data.resolve("pipeline").toString());

    // then
    assertThat(code).isEqualTo(ExitCodes.USAGE);
    assertThat(cli.err()).contains("INVALID_FILE_NAME");
  }

  @Test
  void uploadCommand_direct_takesAnyNameAndItIsEvaluated() throws Exception {
    // given
    Path file = Files.write(data.resolve("direct.csv"), "a,b\n".getBytes());
    CliRun cli = new CliRun();

    // when
    int code = cli.run(Clock.systemUTC(), "upload", file.toString(), "--partner", "P-1401", "--direct", "--data",
        data.resolve("pipeline").toString());

    // then
    assertThat(code).as(cli.err()).isEqualTo(ExitCodes.OK);
    assertThat(awaitTerminal("P-1401", "direct.csv").path("status").asText()).isEqualTo("REJECTED");
  }
}
