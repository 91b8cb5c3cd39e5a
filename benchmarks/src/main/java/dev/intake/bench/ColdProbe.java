package dev.intake.bench;

import dev.intake.model.FindingsReport;
import dev.intake.report.Evaluator;
import dev.intake.report.ReportJson;
import dev.intake.report.WorkbookAnnotator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * One cold operation in a fresh JVM, started by {@link ColdHarness}: {@code ColdProbe MODE FILE}.
 * Times the operation from the first line of {@code main} to its result (a report's summary is
 * taken after the clock stops), then prints one line
 * {@code PROBE mode=… op_ms=… hwm_kb=… result=…} where {@code hwm_kb} is the process's peak resident
 * set (VmHWM) read at the end.
 *
 * <p>Modes: {@code poi} (baseline A), {@code stax} (floor B), {@code verdict} (the subject: a new
 * {@link Evaluator#standard()}, parse, every rule, the JSON report), {@code verdict-logging} (the
 * same after starting the Lambda logging — SLF4J over Log4j2's JSON layout — as a handler's
 * construction does), {@code verdict-mapper} and {@code verdict-compress} (the subject plus what the
 * code paid before two of the optimisations: building a Jackson {@code ObjectMapper}, opening the zip
 * with commons-compress), {@code verdict-primed} (the subject after the SnapStart priming has run once,
 * untimed: what a restored snapshot resumes into), {@code annotate} (the subject then the annotated
 * workbook), {@code poi-write} (baseline W: POI's user model opens the workbook and writes it again),
 * {@code annotate-copy} and {@code annotate-poi} (the annotated copy alone, by the streaming annotator and by
 * the previous one on POI's user model, from the report in REPORT.json, read before the clock starts),
 * {@code noop} (nothing: the JVM's own start, for the process figure). The line also carries
 * {@code heap_kb}, the peak of the heap's pools (used, before the last collection).
 */
public final class ColdProbe {

  private ColdProbe() {
  }

  public static void main(String[] args) throws Exception {
    long start = System.nanoTime();
    if (args.length < 2 || args.length > 3) {
      throw new IllegalArgumentException("usage: ColdProbe MODE FILE [REPORT.json]");
    }
    String mode = args[0];
    Path file = Path.of(args[1]);
    if (mode.equals("verdict-primed")) {
      Primer.prime();
      start = System.nanoTime();
    }
    String result;
    if (mode.startsWith("annotate-")) {
      FindingsReport report = ReportJson.read(Files.readString(Path.of(args[2])));
      byte[] bytes = Files.readAllBytes(file);
      start = System.nanoTime();
      result = annotate(mode, bytes, report);
    } else {
      byte[] bytes = Files.readAllBytes(file);
      result = run(mode, bytes, file.getFileName().toString());
    }
    long opNanos = System.nanoTime() - start;
    if (result.startsWith("{")) {
      result = summary(result);
    }
    System.out.printf(Locale.ROOT, "PROBE mode=%s op_ms=%.1f hwm_kb=%d heap_kb=%d result=%s%n", mode, opNanos / 1e6,
        peakRssKb(), peakHeapKb(), result.replace(' ', '_'));
  }

  private static String run(String mode, byte[] bytes, String name) throws IOException {
    switch (mode) {
      case "noop":
        return "noop";
      case "poi":
        return "chars:" + PoiBaseline.readAll(bytes);
      case "poi-write":
        return "bytes:" + PoiBaseline.loadAndWrite(bytes);
      case "stax":
        return "events:" + StaxFloor.scan(bytes);
      case "verdict":
      case "verdict-primed":
        return Verdict.run(Evaluator.standard(), bytes, name);
      case "verdict-logging":
        org.slf4j.LoggerFactory.getLogger(ColdProbe.class).isInfoEnabled();
        return Verdict.run(Evaluator.standard(), bytes, name);
      case "verdict-mapper":
        new com.fasterxml.jackson.databind.ObjectMapper().readTree("{\"checklist\": [1]}");
        return Verdict.run(Evaluator.standard(), bytes, name);
      case "verdict-compress":
        openWithCommonsCompress(bytes);
        return Verdict.run(Evaluator.standard(), bytes, name);
      case "clients":
        // In a class of its own: the baselines run this class on POI's class path, without the SDK, and
        // the JVM's verifier would load the SDK's builder types if this method named them.
        return ClientsProbe.run();
      case "annotate": {
        FindingsReport report = Verdict.evaluate(Evaluator.standard(), bytes, name);
        ReportJson.write(report);
        WorkbookAnnotator.Annotation annotation = new WorkbookAnnotator().annotate(bytes, report);
        return report.status() + ":annotated=" + annotation.annotatedCopy() + ":bytes=" + annotation.workbook().length;
      }
      default:
        throw new IllegalArgumentException("unknown mode " + mode);
    }
  }

  /** The annotated copy alone: the streaming annotator (unbounded, so the 5 MB workbook is copied) or POI's. */
  private static String annotate(String mode, byte[] bytes, FindingsReport report) throws IOException {
    switch (mode) {
      case "annotate-copy": {
        WorkbookAnnotator.Annotation a = Annotations.unbounded().annotate(bytes, report);
        return "annotated=" + a.annotatedCopy() + ":bytes=" + a.workbook().length;
      }
      case "annotate-poi":
        return "annotated=true:bytes=" + PoiAnnotator.annotate(bytes, report).length;
      default:
        throw new IllegalArgumentException("unknown mode " + mode);
    }
  }

  /** The sum of the heap pools' peak use, in KB: what the heap had to hold at most (garbage included). */
  static long peakHeapKb() {
    long bytes = 0;
    for (java.lang.management.MemoryPoolMXBean pool : java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == java.lang.management.MemoryType.HEAP) {
        bytes += pool.getPeakUsage().getUsed();
      }
    }
    return bytes / 1024;
  }

  /** What the workbook reader did before it read the zip itself: open it with commons-compress. */
  private static void openWithCommonsCompress(byte[] bytes) throws IOException {
    try (org.apache.commons.compress.archivers.zip.ZipFile zip = org.apache.commons.compress.archivers.zip.ZipFile
        .builder()
        .setSeekableByteChannel(new org.apache.commons.compress.utils.SeekableInMemoryByteChannel(bytes))
        .setUseUnicodeExtraFields(true)
        .get()) {
      try (java.io.InputStream in = zip.getInputStream(zip.getEntry("xl/workbook.xml"))) {
        in.readAllBytes();
      }
    }
  }

  /** Status and finding rule ids of a JSON report, e.g. {@code REJECTED:file-limits}. */
  static String summary(String reportJson) {
    FindingsReport report = ReportJson.read(reportJson);
    List<String> ids = report.findings().stream().map(f -> f.ruleId()).distinct().toList();
    return report.status() + (ids.isEmpty() ? "" : ":" + String.join(",", ids));
  }

  /** Peak resident set size of this process in KB (VmHWM), or -1 where /proc is not there. */
  static long peakRssKb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return -1;
  }

  /** The "clients" probe: only loaded when that mode runs, so the other probes need no SDK. */
  private static final class ClientsProbe {
    private ClientsProbe() {
    }

    static String run() {
      // What IntakeWiring builds once per container: the three SDK clients (URL-connection HTTP client)
      // and the presigner, against loopback endpoints so no call leaves the machine. Through
      // ClientFactory, as the wiring does: AwsClients names every client, and the intake artifact
      // carries only these three.
      java.net.URI local = java.net.URI.create("http://127.0.0.1:9");
      try (dev.intake.aws.ClientFactory factory = dev.intake.aws.ClientFactory.builder()
          .endpoint(dev.intake.aws.ClientFactory.Service.DYNAMODB, local)
          .endpoint(dev.intake.aws.ClientFactory.Service.S3, local)
          .endpoint(dev.intake.aws.ClientFactory.Service.SFN, local)
          .localCredentials("bench", "bench").build()) {
        return "clients:" + (factory.build(dev.intake.aws.ClientFactory.Service.DYNAMODB,
            software.amazon.awssdk.services.dynamodb.DynamoDbClient.builder()) != null
            && dev.intake.aws.S3Clients.client(factory) != null
            && factory.build(dev.intake.aws.ClientFactory.Service.SFN,
                software.amazon.awssdk.services.sfn.SfnClient.builder()) != null
            && dev.intake.aws.S3Clients.presigner(factory) != null);
      }
    }
  }
}
