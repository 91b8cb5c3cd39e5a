package dev.intake.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.intake.contracts.BucketLayout;
import dev.intake.contracts.RepositoryRoot;
import dev.intake.local.LocalApiClient;
import dev.intake.local.LocalRuntime;
import dev.intake.local.UploadTracker;
import dev.intake.pipeline.AsOfPolicy;
import dev.intake.pipeline.PipelineJson;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * {@code demo}: the main job on the embedded default. Starts the local pipeline on a fresh data
 * folder, uploads every sample workbook through the S3 API, waits for each verdict through the
 * reviewer API, prints them as a table with the commands that fetch the details, and keeps serving.
 */
final class DemoCommand implements Command {

  private static final String EXIT = "--exit";
  private static final Duration TIMEOUT = Duration.ofMinutes(3);

  private final Clock clock;

  DemoCommand(Clock clock) {
    this.clock = clock;
  }

  @Override public String name() {
    return "demo";
  }

  @Override public String synopsis() {
    return "demo [--exit] [--data DIR] [--port N] [--as-of YYYY-MM-DD]";
  }

  @Override public String summary() {
    return "Start the local pipeline, upload every sample workbook, and show each verdict.";
  }

  @Override public String usage() {
    return "Usage: pipeline " + synopsis() + "\n\n" + summary() + "\n\n"
        + "Options:\n"
        + "  --exit              stop after the table (default: keep serving until Ctrl-C)\n"
        + "  --data DIR          an empty or new folder for this run (default: .pipeline-data/demo/, emptied\n"
        + "                      first)\n"
        + "  --port N            the API's port on 127.0.0.1 (default: a free one)\n"
        + "  --as-of YYYY-MM-DD  judge the samples on this date (default: the date they were written for,\n"
        + "                      from test-events/workbooks/manifest.json)\n\n"
        + "Exit codes: 0 every sample got its expected verdict, 1 one did not, 69 the pipeline could not\n"
        + "start (Node.js missing, port in use).\n";
  }

  @Override public int run(List<String> args, PrintStream out, PrintStream err) throws CliException {
    Arguments a = Arguments.parse(args, Set.of(Runtimes.DATA, Runtimes.PORT, Runtimes.AS_OF), Set.of(EXIT));
    if (a.help()) {
      out.print(usage());
      return ExitCodes.OK;
    }
    Path samples = RepositoryRoot.locate().resolve("test-events/workbooks");
    JsonNode manifest = readManifest(samples);
    LocalDate asOf = Runtimes.asOf(a).orElse(LocalDate.parse(manifest.path("asOf").asText()));
    Path data = Runtimes.freshDataDir(a, "demo");

    err.println("Starting the local pipeline (S3Proxy, dynalite, the workflow runner, the API)…");
    LocalRuntime.Options options = LocalRuntime.Options.defaults(data, line -> { })
        .withApiPort(Runtimes.port(a))
        .withAsOf(AsOfPolicy.fixed(asOf));
    LocalRuntime runtime = Runtimes.start(options, false);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      runtime.close();
      stopped.countDown();
    }, "pipeline-stop"));

    out.println("Competency intake pipeline running locally (data: " + runtime.dataDir() + ")");
    Runtimes.printEndpoints(runtime, out);
    out.println();
    out.println("Uploading the " + manifest.path("samples").size() + " sample workbooks of test-events/workbooks/"
        + " (judged as of " + asOf + ")…");

    LocalApiClient api = new LocalApiClient(runtime.apiEndpoint(), runtime.token());
    UploadTracker tracker = new UploadTracker(api, clock);
    for (JsonNode sample : manifest.path("samples")) {
      String file = sample.path("fileName").asText();
      String partner = sample.path("partnerId").asText();
      byte[] bytes = read(samples.resolve(file));
      runtime.s3().putObject(PutObjectRequest.builder().bucket(LocalRuntime.BUCKET)
          .key(BucketLayout.incomingKey(partner, file)).build(), RequestBody.fromBytes(bytes));
      tracker.uploaded(partner, file, clock.instant());
    }
    List<UploadTracker.Outcome> outcomes;
    try {
      outcomes = tracker.await(TIMEOUT, Duration.ofMillis(200),
          done -> err.print("\r  evaluating: " + done + " of " + tracker.size() + " done "));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ExitCodes.SOFTWARE;
    }
    err.println();
    boolean allAsExpected = printTable(out, manifest, outcomes);
    printCurls(out, runtime, outcomes);
    if (a.flag(EXIT)) {
      runtime.close();
      return allAsExpected ? ExitCodes.OK : ExitCodes.ACTION_REQUIRED;
    }
    out.println();
    out.println("Still serving: upload more with ./pipeline upload FILE.xlsx --data " + runtime.dataDir()
        + "  —  Ctrl-C to stop.");
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return allAsExpected ? ExitCodes.OK : ExitCodes.ACTION_REQUIRED;
  }

  private static boolean printTable(PrintStream out, JsonNode manifest, List<UploadTracker.Outcome> outcomes) {
    out.println();
    String format = "%-32s %-8s %-16s %8s %8s %8s  %s%n";
    out.printf(Locale.ROOT, format, "FILE", "PARTNER", "STATUS", "BLOCKERS", "WARNINGS", "SECONDS", "EXPECTED");
    boolean all = true;
    for (UploadTracker.Outcome o : outcomes) {
      String expected = expected(manifest, o.upload().fileName());
      boolean match = expected.equals(o.status());
      all &= match;
      JsonNode summary = o.submission() == null ? null : o.submission().path("summary");
      out.printf(Locale.ROOT, format, o.upload().fileName(), o.upload().partnerId(), o.status(),
          summary == null || summary.isNull() ? "-" : summary.path("blockers").asText(),
          summary == null || summary.isNull() ? "-" : summary.path("warnings").asText(),
          o.latency() == null ? "-" : String.format(Locale.ROOT, "%.1f", o.latency().toMillis() / 1000.0),
          match ? "✓ " + expected : "✗ expected " + expected);
    }
    return all;
  }

  private static String expected(JsonNode manifest, String file) {
    for (JsonNode s : manifest.path("samples")) {
      if (s.path("fileName").asText().equals(file)) {
        return s.path("expectedStatus").asText();
      }
    }
    return "?";
  }

  private static void printCurls(PrintStream out, LocalRuntime runtime, List<UploadTracker.Outcome> outcomes) {
    String auth = "-H 'Authorization: Bearer " + runtime.token() + "'";
    String base = runtime.apiEndpoint().toString();
    String example = outcomes.stream()
        .filter(o -> "ACTION_REQUIRED".equals(o.status()))
        .map(o -> o.submission().path("submissionId").asText())
        .findFirst()
        .orElse(outcomes.isEmpty() || outcomes.get(0).submission() == null ? "SUBMISSION_ID"
            : outcomes.get(0).submission().path("submissionId").asText());
    out.println();
    out.println("Fetch the results (reviewer token; see ./pipeline token --partner ID for a partner's):");
    out.println("  curl -s " + auth + " '" + base + "/submissions?limit=10'");
    out.println("  curl -s " + auth + " " + base + "/submissions/" + example + "/findings");
    out.println("  curl -s " + auth + " " + base + "/submissions/" + example + "/report");
    out.println("  curl -s " + auth + " " + base + "/submissions/" + example + "/history");
    out.println("  curl -s " + auth + " -X POST -H 'Content-Type: application/json'"
        + " -d '{\"action\":\"REQUEST_CHANGES\",\"comment\":\"Please fix the blockers\"}' " + base
        + "/submissions/" + example + "/decisions");
    out.println("  curl -s " + auth + " " + base + "/template");
    out.println("Notifications the program office got: " + runtime.dataDir().resolve("outbox") + "/");
  }

  private static JsonNode readManifest(Path samples) throws CliException {
    try {
      return PipelineJson.tree(Files.readAllBytes(samples.resolve("manifest.json")));
    } catch (IOException e) {
      throw new CliException(ExitCodes.NO_INPUT, "cannot read the sample manifest " + samples.resolve(
          "manifest.json") + ": " + e.getMessage());
    }
  }

  private static byte[] read(Path file) throws CliException {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new CliException(ExitCodes.NO_INPUT, "cannot read the sample " + file + ": " + e.getMessage());
    }
  }
}
