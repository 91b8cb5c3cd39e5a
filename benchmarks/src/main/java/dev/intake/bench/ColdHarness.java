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
 * <p>{@code ColdHarness --lambda-jar JAR [--clients-jar JAR] --probe-classes DIR --poi-classpath CP
 * --workbooks DIR --work DIR --runs N --out FILE [--repo-root DIR --cli-classpath CP --cli-archive FILE]
 * [--probes ID,…]} ({@code --probes}: only those probes, for a spot check outside run.sh). Baselines A
 * and W and floor B run on POI's own class path (poi-ooxml and its dependencies, nothing else: a plain
 * program); the subject runs on a Lambda artifact, which is what the Lambda runtime loads: run.sh
 * gives the aggregate family's (the report and the annotated copy), and the intake family's for the
 * clients probe (the Step Functions client is in that one). The probes of what the code did before
 * (commons-compress, the previous annotator) add POI's class path, which no artifact carries now. The AppCDS
 * probe first makes its archive in a training run ({@code -XX:ArchiveClassesAtExit}). The annotator
 * probes read each workbook's report ({@link Annotations}) from a file written here first. With
 * {@code --repo-root}, the CLI probes run {@code ./pipeline validate} itself (and the java command it
 * ends in, and a JVM that does nothing) and are timed as whole processes.
 */
public final class ColdHarness {

  static final List<String> LAMBDA_FLAGS = List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1");
  private static final long TIMEOUT_SECONDS = 120;

  /**
   * One kind of cold run: {@link ColdProbe} in a fresh JVM, or, when {@code command} is set, that
   * command as it is (timed as a whole process).
   *
   * @param runs how many runs, when not the harness's number (0)
   */
  record Probe(String id, String description, String classpath, List<String> flags, String mode, String workbook,
      List<String> command, Map<String, String> env, int runs) {

    Probe(String id, String description, String classpath, List<String> flags, String mode, String workbook) {
      this(id, description, classpath, flags, mode, workbook, null, Map.of(), 0);
    }

    Probe withRuns(int n) {
      return new Probe(id, description, classpath, flags, mode, workbook, command, env, n);
    }

    static Probe command(String id, String description, List<String> command, Map<String, String> env) {
      return new Probe(id, description, null, List.of(), "command", Workbooks.READY, command, env, 0);
    }
  }

  /** Large-workbook probes with POI take 10 to 20 s a run: five runs, the fewest the medians are taken over. */
  private static final int LARGE_RUNS = 5;

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
    // The clients probe builds Step Functions' client too: the intake artifact's, which carries it.
    String clients = probeClasses + File.pathSeparator + opts.getOrDefault("--clients-jar", opts.get("--lambda-jar"));
    // What the code did before, with libraries no function artifact carries any more (commons-compress, POI).
    String previous = lambda + File.pathSeparator + opts.get("--poi-classpath");
    int runs = Integer.parseInt(opts.getOrDefault("--runs", "7"));

    Path archive = work.resolve("verdict-appcds.jsa");
    Files.deleteIfExists(archive);
    Result training = run(java, new Probe("cds-training", "", lambda,
        List.of("-XX:ArchiveClassesAtExit=" + archive), "verdict", Workbooks.READY), workbooks, work);
    if (!training.ok() || !Files.exists(archive)) {
      throw new IllegalStateException("AppCDS training run failed: " + training.error());
    }

    dev.intake.report.Evaluator evaluator = dev.intake.report.Evaluator.standard();
    for (String workbook : List.of(Workbooks.READY, Workbooks.MEDIUM, Workbooks.LARGE)) {
      byte[] bytes = Files.readAllBytes(workbooks.resolve(workbook));
      Files.writeString(work.resolve(workbook + ".report.json"),
          dev.intake.report.ReportJson.write(Annotations.report(evaluator, bytes, workbook)));
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
        new Probe("S-compress", "subject plus opening the zip with commons-compress first (the reader did)",
            previous, List.of(), "verdict-compress", Workbooks.READY),
        new Probe("S-primed", "subject after the SnapStart priming ran once, untimed (what a snapshot resumes into)",
            lambda, List.of(), "verdict-primed", Workbooks.READY),
        new Probe("S-appcds", "subject with an AppCDS archive of a training run (-XX:SharedArchiveFile)", lambda,
            List.of("-XX:SharedArchiveFile=" + archive), "verdict", Workbooks.READY),
        new Probe("clients", "building the S3, DynamoDB and Step Functions clients and the presigner (intake jar)",
            clients, List.of(), "clients", Workbooks.READY),
        new Probe("annotate", "subject + the annotated workbook (Lambda jar)", lambda, List.of(), "annotate",
            Workbooks.READY),
        new Probe("W", "baseline W: XSSFWorkbook open + write it again (plain POI class path)", poi, List.of(),
            "poi-write", Workbooks.READY),
        new Probe("C", "the annotated copy alone, streamed (Lambda jar; report read before the clock starts)", lambda,
            List.of(), "annotate-copy", Workbooks.READY),
        new Probe("C-poi", "the annotated copy alone, by the previous annotator on POI's user model (Lambda jar + POI)",
            previous, List.of(), "annotate-poi", Workbooks.READY),
        new Probe("A-medium", "baseline A on the medium workbook", poi, List.of(), "poi", Workbooks.MEDIUM),
        new Probe("B-medium", "floor B on the medium workbook", poi, List.of(), "stax", Workbooks.MEDIUM),
        new Probe("S-medium", "subject on the medium workbook", lambda, List.of(), "verdict", Workbooks.MEDIUM),
        new Probe("W-medium", "baseline W on the medium workbook", poi, List.of(), "poi-write", Workbooks.MEDIUM),
        new Probe("C-medium", "the streamed annotated copy of the medium workbook", lambda, List.of(), "annotate-copy",
            Workbooks.MEDIUM),
        new Probe("C-poi-medium", "the previous annotator on the medium workbook", previous, List.of(),
            "annotate-poi", Workbooks.MEDIUM),
        new Probe("S-large-128m", "subject on the 5 MB / 50,000-row workbook under -Xmx128m", lambda,
            List.of("-Xmx128m"), "verdict", Workbooks.LARGE),
        new Probe("A-large-128m", "baseline A on the 5 MB / 50,000-row workbook under -Xmx128m", poi,
            List.of("-Xmx128m"), "poi", Workbooks.LARGE).withRuns(LARGE_RUNS),
        new Probe("C-large-64m", "the streamed annotated copy of the 5 MB workbook under -Xmx64m", lambda,
            List.of("-Xmx64m"), "annotate-copy", Workbooks.LARGE),
        new Probe("C-large-32m", "the same under -Xmx32m", lambda, List.of("-Xmx32m"), "annotate-copy",
            Workbooks.LARGE).withRuns(LARGE_RUNS),
        new Probe("W-large", "baseline W on the 5 MB workbook (default heap)", poi, List.of(), "poi-write",
            Workbooks.LARGE).withRuns(LARGE_RUNS),
        new Probe("W-large-64m", "baseline W on the 5 MB workbook under -Xmx64m", poi, List.of("-Xmx64m"),
            "poi-write", Workbooks.LARGE).withRuns(LARGE_RUNS)));
    if (opts.containsKey("--repo-root")) {
      probes.addAll(cliProbes(opts, java, probeClasses, workbooks.resolve(Workbooks.READY)));
    }
    if (opts.containsKey("--probes")) {
      // A spot check of a few probes (not what run.sh does): the others are left out, not reported.
      List<String> only = List.of(opts.get("--probes").split(","));
      probes.removeIf(p -> !only.contains(p.id()));
    }

    Map<String, List<Result>> results = new LinkedHashMap<>();
    probes.forEach(p -> results.put(p.id(), new ArrayList<>()));
    for (int round = 0; round <= runs; round++) {
      for (Probe p : probes) {
        if (p.runs() > 0 && round > p.runs()) {
          continue;
        }
        Result r = p.command() != null ? runCommand(p) : run(java, p, workbooks, work);
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

  /**
   * The CLI's start-up, each a whole process: {@code ./pipeline validate} as a user runs it (with its
   * class-data-sharing archive, and without), the java command the script ends in, run directly (the
   * script's own cost is the difference), and a JVM that does nothing with the script's flags.
   */
  private static List<Probe> cliProbes(Map<String, String> opts, String java, String probeClasses, Path ready) {
    String root = opts.get("--repo-root");
    List<String> validate = List.of("validate", ready.toString(), "--as-of", "2026-11-01");
    List<String> script = new ArrayList<>(List.of(Path.of(root, "pipeline").toString()));
    script.addAll(validate);
    List<String> direct = new ArrayList<>(List.of(java, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "-XX:SharedArchiveFile=" + opts.get("--cli-archive"), "-Xshare:auto", "-Xlog:cds*=off",
        "-Xlog:class+path=off", "-Drepo.root=" + root, "-cp", opts.get("--cli-classpath"),
        "dev.intake.cli.PipelineCli"));
    direct.addAll(validate);
    List<String> noop = List.of(java, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", probeClasses,
        ColdProbe.class.getName(), "noop", ready.toString());
    return List.of(
        Probe.command("cli", "./pipeline validate ready.xlsx (the script, its class-data-sharing archive)", script,
            Map.of()),
        Probe.command("cli-nocds", "./pipeline validate ready.xlsx with PIPELINE_CDS=off", script,
            Map.of("PIPELINE_CDS", "off")),
        Probe.command("cli-java", "the java command ./pipeline ends in, run directly (archive, no script)", direct,
            Map.of()),
        Probe.command("jvm", "a JVM that runs an empty main with the script's flags", noop, Map.of()));
  }

  /** A command probe: the whole process timed; its result is its exit code. */
  static Result runCommand(Probe probe) throws IOException, InterruptedException {
    Path out = Files.createTempFile("probe", ".out");
    Path err = Files.createTempFile("probe", ".err");
    try {
      ProcessBuilder builder = new ProcessBuilder(probe.command()).redirectOutput(out.toFile())
          .redirectError(err.toFile());
      builder.environment().putAll(probe.env());
      long start = System.nanoTime();
      Process process = builder.start();
      boolean exited = process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      double totalMs = (System.nanoTime() - start) / 1e6;
      if (!exited) {
        process.destroyForcibly().waitFor();
        return new Result(0, totalMs, 0, 0, null, "timed out after " + TIMEOUT_SECONDS + " s");
      }
      int exit = process.exitValue();
      // validate exits 0 for READY; anything else means the command did not do what is measured.
      return exit == 0 ? new Result(totalMs, totalMs, 0, 0, "exit:0", null)
          : new Result(0, totalMs, 0, 0, null, "exit " + exit + ": " + lastError(err));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  /** One run's figures; {@code error} is set when the probe did not print its line. */
  record Result(double opMs, double totalMs, long hwmKb, long heapKb, String result, String error) {
    boolean ok() {
      return error == null;
    }

    @Override
    public String toString() {
      return ok() ? String.format("op %.0f ms, process %.0f ms, peak RSS %d MB, %s", opMs, totalMs, hwmKb / 1024,
          result) : "FAILED " + error;
    }
  }

  static Result run(String java, Probe probe, Path workbooks, Path work) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(java);
    command.addAll(LAMBDA_FLAGS);
    command.addAll(probe.flags());
    command.add("-cp");
    command.add(probe.classpath());
    command.add(ColdProbe.class.getName());
    command.add(probe.mode());
    command.add(workbooks.resolve(probe.workbook()).toString());
    if (probe.mode().startsWith("annotate-")) {
      command.add(work.resolve(probe.workbook() + ".report.json").toString());
    }
    Path out = Files.createTempFile("probe", ".out");
    Path err = Files.createTempFile("probe", ".err");
    try {
      long start = System.nanoTime();
      Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      boolean exited = process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      double totalMs = (System.nanoTime() - start) / 1e6;
      if (!exited) {
        process.destroyForcibly().waitFor();
        return new Result(0, totalMs, 0, 0, null, "timed out after " + TIMEOUT_SECONDS + " s");
      }
      for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
        if (line.startsWith("PROBE ")) {
          Map<String, String> kv = new LinkedHashMap<>();
          for (String field : line.substring(6).split(" ")) {
            int eq = field.indexOf('=');
            kv.put(field.substring(0, eq), field.substring(eq + 1));
          }
          return new Result(Double.parseDouble(kv.get("op_ms")), totalMs, Long.parseLong(kv.get("hwm_kb")),
              Long.parseLong(kv.getOrDefault("heap_kb", "0")), kv.get("result"), null);
        }
      }
      return new Result(0, totalMs, 0, 0, null, "exit " + process.exitValue() + ": " + lastError(err));
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
        rn.put("heapKb", r.heapKb());
        rn.put("result", r.result());
        rn.put("error", r.error());
      }
    }
    Files.createDirectories(file.toAbsolutePath().getParent());
    mapper.writeValue(file.toFile(), root);
  }
}
