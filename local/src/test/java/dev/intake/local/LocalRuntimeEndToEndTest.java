package dev.intake.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.intake.cli.ExitCodes;
import dev.intake.cli.CliRun;
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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * The embedded default end to end: start the runtime, upload every sample through the S3 API, and
 * read the verdicts through the HTTP API with the token, as a reviewer would.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocalRuntimeEndToEndTest {

  @TempDir
  static Path data;

  private LocalRuntime runtime;
  private LocalApiClient api;
  private JsonNode manifest;
  private final Map<String, JsonNode> byFile = new TreeMap<>();

  @BeforeAll
  void startAndUploadSamples() throws Exception {
    Path samples = SampleWorkbooks.folder();
    manifest = PipelineJson.tree(Files.readAllBytes(samples.resolve("manifest.json")));
    runtime = LocalRuntime.start(LocalRuntime.Options.defaults(data, line -> { })
        .withAsOf(AsOfPolicy.fixed(LocalDate.parse(manifest.path("asOf").asText()))));
    api = new LocalApiClient(runtime.apiEndpoint(), runtime.token());
    UploadTracker tracker = new UploadTracker(api, Clock.systemUTC());
    for (JsonNode sample : manifest.path("samples")) {
      String file = sample.path("fileName").asText();
      String partner = sample.path("partnerId").asText();
      runtime.s3().putObject(PutObjectRequest.builder().bucket(LocalRuntime.BUCKET)
          .key("incoming/" + partner + "/" + file).build(), RequestBody.fromFile(samples.resolve(file)));
      tracker.uploaded(partner, file, Clock.systemUTC().instant());
    }
    for (UploadTracker.Outcome o : tracker.await(Duration.ofMinutes(2), Duration.ofMillis(200), done -> { })) {
      byFile.put(o.upload().fileName(), o.submission());
    }
  }

  @AfterAll
  void stop() {
    if (runtime != null) {
      runtime.close();
    }
  }

  @Test
  void runtime_everySample_reachesItsExpectedStatus() {
    Map<String, String> expected = new TreeMap<>();
    Map<String, String> actual = new TreeMap<>();

    for (JsonNode sample : manifest.path("samples")) {
      String file = sample.path("fileName").asText();
      expected.put(file, sample.path("expectedStatus").asText());
      actual.put(file, byFile.get(file) == null ? "NOT TERMINAL" : byFile.get(file).path("status").asText());
    }

    assertThat(actual).isEqualTo(expected);
  }

  @Test
  void runtime_findingsOfEachSample_nameTheRulesItBreaks() {
    Map<String, Set<String>> blockerRules = new TreeMap<>();

    for (String file : List.of("tier-and-path.xlsx", "duplicate-customers.xlsx", "not-a-workbook.xlsx",
        "ready.xlsx")) {
      JsonNode report = api.get("/submissions/" + byFile.get(file).path("submissionId").asText() + "/findings").json();
      Set<String> rules = new HashSet<>();
      report.path("findings").forEach(f -> {
        if (f.path("severity").asText().equals("BLOCKER")) {
          rules.add(f.path("ruleId").asText());
        }
      });
      blockerRules.put(file, rules);
    }

    assertThat(blockerRules).containsEntry("tier-and-path.xlsx", Set.of("partner-tier", "services-path-stage"))
        .containsEntry("duplicate-customers.xlsx", Set.of("case-study-unique-customer", "case-study-count"))
        .containsEntry("not-a-workbook.xlsx", Set.of("file-type"))
        .containsEntry("ready.xlsx", Set.of());
  }

  @Test
  void runtime_requestWithoutToken_is401() throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(runtime.apiEndpoint().resolve("/submissions")).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.body()).contains("UNAUTHORIZED");
  }

  @Test
  void runtime_dataFolder_isReadableByTheOwnerOnly() throws Exception {
    assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(data)))
        .isEqualTo("rwx------");
  }

  @Test
  void runtime_runtimeJson_holdsEndpointsAndTokenReadableByTheOwnerOnly() throws Exception {
    JsonNode written = LocalRuntime.runtimeJson(data);

    assertThat(written.path("api").asText()).isEqualTo(runtime.apiEndpoint().toString());
    assertThat(written.path("s3").asText()).isEqualTo(runtime.s3Endpoint().toString());
    assertThat(written.path("token").asText()).isEqualTo(runtime.token());
    assertThat(written.path("console").asText()).isEqualTo(runtime.consoleLink().toString())
        .startsWith(runtime.apiEndpoint() + "/console/signin?token=");
    assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
        Files.getPosixFilePermissions(data.resolve("runtime.json")))).isEqualTo("rw-------");
  }

  @Test
  void runtime_pageTokenKey_isInTheDataFolderReadableByTheOwnerOnly() throws Exception {
    assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
        Files.getPosixFilePermissions(data.resolve(LocalPageTokenKey.FILE)))).isEqualTo("rw-------");
    assertThat(Files.size(data.resolve(LocalPageTokenKey.FILE))).isGreaterThanOrEqualTo(32);
  }

  @Test
  void runtime_wrongToken_is401() {
    LocalApiClient wrong = new LocalApiClient(runtime.apiEndpoint(), "not-the-token-0123456789");

    assertThat(wrong.get("/submissions").status()).isEqualTo(401);
  }

  @Test
  void runtime_reportLinks_downloadFromTheLocalS3() throws Exception {
    String id = byFile.get("case-study-age.xlsx").path("submissionId").asText();
    JsonNode links = api.get("/submissions/" + id + "/report").json();

    HttpResponse<byte[]> workbook = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(links.path("annotatedWorkbookUrl").asText())).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    HttpResponse<String> report = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(links.path("reportUrl").asText())).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(links.path("annotatedWorkbookUrl").asText()).startsWith(runtime.s3Endpoint().toString());
    assertThat(workbook.statusCode()).isEqualTo(200);
    assertThat(new String(workbook.body(), 0, 2)).isEqualTo("PK");
    assertThat(report.statusCode()).isEqualTo(200);
    assertThat(PipelineJson.tree(report.body().getBytes()).path("status").asText()).isEqualTo("ACTION_REQUIRED");
  }

  @Test
  void runtime_partnerToken_seesOnlyItsOwnSubmissions() {
    LocalApiClient partner = new LocalApiClient(runtime.apiEndpoint(), runtime.tokens().partnerToken("P-1002"));
    String foreign = byFile.get("ready.xlsx").path("submissionId").asText();

    List<String> partners = new ArrayList<>();
    partner.get("/submissions").json().path("items").forEach(s -> partners.add(s.path("partnerId").asText()));

    assertThat(partners).containsOnly("P-1002").isNotEmpty();
    assertThat(partner.get("/submissions/" + foreign).status()).isEqualTo(404);
    assertThat(partner.get("/submissions?partnerId=P-1001").status()).isEqualTo(403);
  }

  @Test
  void runtime_reviewerDecision_isRecordedInTheAuditTrail() {
    String id = byFile.get("public-urls.xlsx").path("submissionId").asText();

    var created = api.post("/submissions/" + id + "/decisions",
        "{\"action\":\"REQUEST_CHANGES\",\"comment\":\"Publish a second case study over https.\"}");
    JsonNode trail = api.get("/submissions/" + id + "/decisions").json();

    assertThat(created.status()).isEqualTo(201);
    assertThat(trail.path("items")).hasSize(1);
    assertThat(trail.path("items").get(0).path("action").asText()).isEqualTo("REQUEST_CHANGES");
  }

  @Test
  void runtime_history_showsTheWorkflowsEvents() {
    String id = byFile.get("ready.xlsx").path("submissionId").asText();

    JsonNode history = api.get("/submissions/" + id + "/history").json();

    assertThat(history.path("evaluations")).hasSize(1);
    List<String> states = new ArrayList<>();
    history.path("events").forEach(e -> states.add(e.path("state").asText()));
    assertThat(states).contains("Checks", "Aggregate", "Notify");
  }

  @Test
  void runtime_notifications_oneForTheOfficeAndOneForThePartnerPerSample() throws Exception {
    List<JsonNode> messages;
    try (var files = Files.list(data.resolve("outbox"))) {
      messages = files.map(f -> PipelineJson.tree(read(f))).collect(Collectors.toList());
    }
    List<JsonNode> office = messages.stream()
        .filter(m -> m.path("TopicArn").asText().equals(LocalWorkflow.TOPIC_ARN)).toList();
    List<JsonNode> partners = messages.stream()
        .filter(m -> m.path("TopicArn").asText().equals(LocalWorkflow.PARTNER_TOPIC_ARN)).toList();

    assertThat(office).hasSize(manifest.path("samples").size());
    assertThat(partners).hasSize(manifest.path("samples").size());
    assertThat(office).extracting(m -> m.path("Subject").asText())
        .contains("Competency intake: READY - P-1001 (0 blockers)");
    assertThat(messages).allSatisfy(m -> {
      assertThat(m.path("MessageStructure").asText()).isEqualTo("json");
      assertThat(m.path("Message").path("email").asText()).contains("Submission: sub-", "Links (");
    });
  }

  @Test
  void runtime_template_linkServesTheBlankWorkbook() throws Exception {
    JsonNode link = api.get("/template").json();

    HttpResponse<byte[]> file = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(link.path("url").asText())).build(),
        HttpResponse.BodyHandlers.ofByteArray());

    assertThat(file.statusCode()).isEqualTo(200);
    assertThat(link.path("checklistVersion").asText()).isEqualTo("4.0");
  }

  private static byte[] read(Path f) {
    try {
      return Files.readAllBytes(f);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void runtime_demoOrLoadOnItsDataFolder_isRefusedWhileItRuns() {
    CliRun cli = new CliRun();

    int demo = cli.run(Clock.systemUTC(), "demo", "--exit", "--data", data.toString());
    int load = cli.run(Clock.systemUTC(), "load", "--data", data.toString());

    assertThat(demo).isEqualTo(ExitCodes.UNAVAILABLE);
    assertThat(load).isEqualTo(ExitCodes.UNAVAILABLE);
    assertThat(cli.err()).contains("already running");
    assertThat(data.resolve("runtime.json")).exists();
  }

  @Test
  void cli_tokenConsole_printsAOneTimeSignInLinkForThePartner() throws Exception {
    CliRun cli = new CliRun();

    int code = cli.run(Clock.systemUTC(), "token", "--console", "--partner", "P-1005", "--data", data.toString());

    assertThat(code).as(cli.err()).isEqualTo(ExitCodes.OK);
    URI link = URI.create(cli.out().strip());
    assertThat(link.toString()).startsWith(runtime.apiEndpoint() + "/console/signin?token=");
    HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    HttpResponse<String> first = http.send(HttpRequest.newBuilder(link).build(), HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> again = http.send(HttpRequest.newBuilder(link).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(first.statusCode()).isEqualTo(303);
    String cookie = first.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
    assertThat(again.statusCode()).isEqualTo(401);
    HttpResponse<String> list = http.send(HttpRequest.newBuilder(runtime.apiEndpoint().resolve("/submissions"))
        .header("Cookie", cookie).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(PipelineJson.tree(list.body().getBytes(java.nio.charset.StandardCharsets.UTF_8)).path("items")
        .findValuesAsText("partnerId")).containsOnly("P-1005").isNotEmpty();
  }
}
