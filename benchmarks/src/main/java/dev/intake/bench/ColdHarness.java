package dev.intake.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Cold figures: starts a fresh JVM per run ({@link ColdProbe}) with the flags the Lambda Java
 * runtime uses, {@code -XX:+TieredCompilation -XX:TieredStopAtLevel=1}, for each probe below, runs
 * the probes round-robin (so a noisy moment hits them all alike) after one discarded round (which
 * warms the page cache), and writes every run's figures to a JSON file for {@link ReportWriter}.
 *
 * <p>{@code ColdHarness --lambda-jar JAR --probe-classes DIR --poi-classpath CP --workbooks DIR
 * --work DIR --runs N --out FILE}. Baseline A and floor B run on POI's own class
 * path (poi-ooxml and its dependencies, nothing else: a plain program); the subject runs on the
 * Lambda artifact, which is what the Lambda runtime loads. The AppCDS probe first makes its archive
 * in a training run ({@code -XX:ArchiveClassesAtExit}).
 */
public final class ColdHarness {

  static final List<String> LAMBDA_FLAGS = List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1");
  private static final long TIMEOUT_SECONDS = 120;

  /** One kind of cold run. */
  record Probe(String id, String description, String classpath, List<String> flags, String mode, String workbook) {
  }

  private ColdHarness() {
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = options(args);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path work = Files.createDirectories(Path.of(opts.get("--work")));
    Path workbooks = Path.of(opts.get("--workbooks"));
    String probeClasses = opts.get("--probe-classes");
    String lambda = probeClasses + File.pathSeparator + opts.get("--lambda-jar");
    String poi = probeClasses + File.pathSeparator + opts.get("--poi-classpath");
    int runs = Integer.parseInt(opts.getOrDefault("--runs", "7"));

    Path archive = work.resolve("verdict-appcds.jsa");
    Files.deleteIfExists(archive);
    Result training = run(java, new Probe("cds-training", "", lambda,
        List.of("-XX:ArchiveClassesAtExit=" + archive), "verdict", Workbooks.READY), workbooks);
    if (!training.ok() || !Files.exists(archive)) {
      throw new IllegalStateException("AppCDS training run failed: " + training.error());
    }

    List<Probe> probes = new ArrayList<>(List.of(
        new Probe("A", "baseline A: XSSFWorkbook open + every cell as text (plain POI class path)", poi, List.of(),
            "poi", Workbooks.READY),
        new Probe("B", "floor B: unzip every part + StAX scan (JDK only)", poi, List.of(), "stax", Workbooks.READY),
        new Probe("S", "subject: Evaluator.standard() + parse + every rule + JSON report (Lambda jar)", lambda,
            List.of(), "verdict", Workbooks.READY),
        new Probe("S-logging", "subject after starting the Lambda logging (SLF4J, Log4j2 JSON layout)", lambda,
            List.of(), "verdict-logging", Workbooks.READY),
        new Probe("S-mapper", "subject plus building a Jackson ObjectMapper first (the checklist and report did)",
            lambda, List.of(), "verdict-mapper", Workbooks.READY),
        new Probe("S-compress", "subject plus opening the zip with commons-compress first (the reader did)", lambda,
            List.of(), "verdict-compress", Workbooks.READY),
        new Probe("S-primed", "subject after the SnapStart priming ran once, untimed (what a snapshot resumes into)",
            lambda, List.of(), "verdict-primed", Workbooks.READY),
        new Probe("S-appcds", "subject with an AppCDS archive of a training run (-XX:SharedArchiveFile)", lambda,
            List.of("-XX:SharedArchiveFile=" + archive), "verdict", Workbooks.READY),
        new Probe("clients", "building the S3, DynamoDB and Step Functions clients and the presigner (Lambda jar)",
            lambda, List.of(), "clients", Workbooks.READY),
        new Probe("annotate", "subject + the annotated workbook (Lambda jar)", lambda, List.of(), "annotate",
            Workbooks.READY),
        new Probe("A-medium", "baseline A on the medium workbook", poi, List.of(), "poi", Workbooks.MEDIUM),
        new Probe("B-medium", "floor B on the medium workbook", poi, List.of(), "stax", Workbooks.MEDIUM),
        new Probe("S-medium", "subject on the medium workbook", lambda, List.of(), "verdict", Workbooks.MEDIUM),
        new Probe("S-large-128m", "subject on the 5 MB / 50,000-row workbook under -Xmx128m", lambda,
            List.of("-Xmx128m"), "verdict", Workbooks.LARGE),
        new Probe("A-large-128m", "baseline A on the 5 MB / 50,000-row workbook under -Xmx128m", poi,
            List.of("-Xmx128m"), "poi", Workbooks.LARGE)));

    Map<String, List<Result>> results = new LinkedHashMap<>();
    probes.forEach(p -> results.put(p.id(), new ArrayList<>()));
    for (int round = 0; round <= runs; round++) {
      for (Probe p : probes) {
        Result r = run(java, p, workbooks);
        if (round > 0) {
          results.get(p.id()).add(r);
        }
        System.err.printf("round %d %-14s %s%n", round, p.id(), r);
      }
    }
    write(Path.of(opts.get("--out")), probes, results, runs, Files.size(archive));
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> opts = new LinkedHashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      opts.put(args[i], args[i + 1]);
    }
    for (String required : List.of("--lambda-jar", "--probe-classes", "--poi-classpath", "--workbooks", "--work",
        "--out")) {
      if (!opts.containsKey(required)) {
        throw new IllegalArgumentException("missing " + required + " in " + Arrays.toString(args));
      }
    }
    return opts;
  }

  /** One run's figures; {@code error} is set when the probe did not print its line. */
  record Result(double opMs, double totalMs, long hwmKb, String result, String error) {
    boolean ok() {
      return error == null;
    }

    @Override
    public String toString() {
      return ok() ? String.format("op %.0f ms, process %.0f ms, peak RSS %d MB, %s", opMs, totalMs, hwmKb / 1024,
          result) : "FAILED " + error;
    }
  }

  static Result run(String java, Probe probe, Path workbooks) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(java);
    command.addAll(LAMBDA_FLAGS);
    command.addAll(probe.flags());
    command.add("-cp");
    command.add(probe.classpath());
    command.add(ColdProbe.class.getName());
    command.add(probe.mode());
    command.add(workbooks.resolve(probe.workbook()).toString());
    Path out = Files.createTempFile("probe", ".out");
    Path err = Files.createTempFile("probe", ".err");
    try {
      long start = System.nanoTime();
      Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      boolean exited = process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      double totalMs = (System.nanoTime() - start) / 1e6;
      if (!exited) {
        process.destroyForcibly().waitFor();
        return new Result(0, totalMs, 0, null, "timed out after " + TIMEOUT_SECONDS + " s");
      }
      for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
        if (line.startsWith("PROBE ")) {
          Map<String, String> kv = new LinkedHashMap<>();
          for (String field : line.substring(6).split(" ")) {
            int eq = field.indexOf('=');
            kv.put(field.substring(0, eq), field.substring(eq + 1));
          }
          return new Result(Double.parseDouble(kv.get("op_ms")), totalMs, Long.parseLong(kv.get("hwm_kb")),
              kv.get("result"), null);
        }
      }
      return new Result(0, totalMs, 0, null, "exit " + process.exitValue() + ": " + lastError(err));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  /** The first line of the error output naming a Throwable, else its last line. */
  private static String lastError(Path err) throws IOException {
    List<String> lines = Files.readAllLines(err, StandardCharsets.UTF_8);
    for (String line : lines) {
      if (line.matches(".*(Error|Exception)(:.*)?")) {
        return line.strip();
      }
    }
    return lines.isEmpty() ? "(no output)" : lines.get(lines.size() - 1).strip();
  }

  private static void write(Path file, List<Probe> probes, Map<String, List<Result>> results, int runs,
      long archiveBytes) throws IOException {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = mapper.createObjectNode();
    root.put("runs", runs);
    root.put("flags", String.join(" ", LAMBDA_FLAGS));
    root.put("appCdsArchiveBytes", archiveBytes);
    ObjectNode all = root.putObject("probes");
    for (Probe p : probes) {
      ObjectNode n = all.putObject(p.id());
      n.put("description", p.description());
      n.put("mode", p.mode());
      n.put("workbook", p.workbook());
      n.put("flags", String.join(" ", p.flags()).replaceAll("=\\S*/", "=…/"));
      ArrayNode list = n.putArray("runs");
      for (Result r : results.get(p.id())) {
        ObjectNode rn = list.addObject();
        rn.put("opMs", r.opMs());
        rn.put("totalMs", r.totalMs());
        rn.put("hwmKb", r.hwmKb());
        rn.put("result", r.result());
        rn.put("error", r.error());
      }
    }
    Files.createDirectories(file.toAbsolutePath().getParent());
    mapper.writeValue(file.toFile(), root);
  }
}
