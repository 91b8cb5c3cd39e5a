package dev.intake.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.intake.contracts.FunctionFamily;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Writes BENCHMARKS.md from one run's results: the machine, the JDK and the date; every figure as a
 * ratio against baseline A (and floor B) of the same run, with the absolute figures beside it; each
 * target of issue 6 met or not, with the gap; each function family's artifact, its size and the
 * make-up of the check functions'; and a line per optimisation with what it bought in this run.
 *
 * <p>{@code ReportWriter --cold cold.json --jmh jmh.json --artifacts DIR --workbooks DIR --date DATE
 * --jmh-settings TEXT --out BENCHMARKS.md [--rounds rounds.json] [--load load-1.txt,load-2.txt,…]
 * [--load-exit N,N,…]}; {@code ReportWriter --artifacts-only true --artifacts DIR --out FILE} writes the
 * function artifacts' section alone, for a spot check outside run.sh.
 */
public final class ReportWriter {

  private static final double MB = 1024.0 * 1024.0;
  private static final String WARM = "dev.intake.bench.WarmBenchmarks.";

  private final Map<String, String> opts;
  private final JsonNode cold;
  private final JsonNode jmh;
  private final JsonNode rounds;
  private final StringBuilder md = new StringBuilder();

  private ReportWriter(Map<String, String> opts) throws IOException {
    this(opts, new ObjectMapper().readTree(Path.of(opts.get("--cold")).toFile()),
        new ObjectMapper().readTree(Path.of(opts.get("--jmh")).toFile()),
        opts.containsKey("--rounds") ? new ObjectMapper().readTree(Path.of(opts.get("--rounds")).toFile()) : null);
  }

  private ReportWriter(Map<String, String> opts, JsonNode cold, JsonNode jmh, JsonNode rounds) {
    this.opts = opts;
    this.cold = cold;
    this.jmh = jmh;
    this.rounds = rounds;
  }

  public static void main(String[] args) throws IOException {
    Map<String, String> opts = new LinkedHashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      opts.put(args[i], args[i + 1]);
    }
    if (opts.containsKey("--artifacts-only")) {
      // A spot check outside run.sh: the function artifacts' section alone, from a build's artifacts.
      ReportWriter writer = new ReportWriter(opts, null, null, null);
      writer.functionArtifacts(writer.artifactSizes());
      Files.writeString(Path.of(opts.get("--out")), writer.md.toString(), StandardCharsets.UTF_8);
      return;
    }
    ReportWriter writer = new ReportWriter(opts);
    Files.writeString(Path.of(opts.get("--out")), writer.write(), StandardCharsets.UTF_8);
  }

  // ---- figures ---------------------------------------------------------------------------------

  /** Median of one field over a cold probe's successful runs; NaN when none succeeded. */
  private double coldMedian(String probe, String field) {
    List<Double> values = new ArrayList<>();
    for (JsonNode run : cold.path("probes").path(probe).path("runs")) {
      if (run.path("error").isNull()) {
        values.add(run.path(field).asDouble());
      }
    }
    return median(values);
  }

  /** The fastest successful run of a cold probe: the least disturbed by whatever else the machine did. */
  private double coldBest(String probe, String field) {
    double best = Double.NaN;
    for (JsonNode run : cold.path("probes").path(probe).path("runs")) {
      if (run.path("error").isNull() && !(run.path(field).asDouble() >= best)) {
        best = run.path(field).asDouble();
      }
    }
    return best;
  }

  private int coldRuns(String probe) {
    return cold.path("probes").path(probe).path("runs").size();
  }

  private int coldFailures(String probe) {
    int failed = 0;
    for (JsonNode run : cold.path("probes").path(probe).path("runs")) {
      if (!run.path("error").isNull()) {
        failed++;
      }
    }
    return failed;
  }

  /** The distinct results (or errors) of a probe's runs. */
  private String coldOutcome(String probe) {
    List<String> seen = new ArrayList<>();
    for (JsonNode run : cold.path("probes").path(probe).path("runs")) {
      String text = run.path("error").isNull() ? run.path("result").asText() : "failed: " + run.path("error").asText();
      if (!seen.contains(text)) {
        seen.add(text);
      }
    }
    return String.join("; ", seen);
  }

  static double median(List<Double> values) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  /**
   * A JMH result in µs/op: {median of the measured iterations, mean, error of the mean}; null when the
   * benchmark is not in the results. The median is what the targets use (the issue asks for medians).
   */
  private double[] warm(String benchmark, String workbook) {
    for (JsonNode r : jmh) {
      if (r.path("benchmark").asText().equals(WARM + benchmark)
          && r.path("params").path("workbook").asText().equals(workbook)) {
        JsonNode m = r.path("primaryMetric");
        List<Double> iterations = new ArrayList<>();
        for (JsonNode fork : m.path("rawData")) {
          fork.forEach(v -> iterations.add(v.asDouble()));
        }
        return new double[] {median(iterations), m.path("score").asDouble(), m.path("scoreError").asDouble()};
      }
    }
    return null;
  }

  /** A figure of the rounds cross-check ({@link WarmRounds}), NaN when it did not run. */
  private double rounds(String field) {
    return rounds == null ? Double.NaN : rounds.path(field).asDouble(Double.NaN);
  }

  // ---- the document ----------------------------------------------------------------------------

  String write() throws IOException {
    double coldA = coldMedian("A", "opMs");
    double coldB = coldMedian("B", "opMs");
    double coldS = coldMedian("S", "opMs");
    double rssS = coldMedian("S", "hwmKb") / 1024;
    double[] warmA = warm("baselinePoi", Workbooks.READY);
    double[] warmB = warm("floorStax", Workbooks.READY);
    double[] warmS = warm("parseAndRules", Workbooks.READY);
    Map<FunctionFamily, Long> artifacts = artifactSizes();

    line("# Benchmarks");
    line("");
    line("Written by `benchmarks/run.sh` (issues 6 and 17; `RUNS=n` sets the cold runs per probe, 9 by default,");
    line("`LOAD_RUNS=n` the load runs, 5 by default); every figure below comes from one run of it. Figures are");
    line("ratios against baselines run in the same script on the same workbook, so they hold on a noisy machine:");
    line("**baseline A** (a plain program: POI's `XSSFWorkbook` opens the workbook and every cell is read as text");
    line("with `DataFormatter`), **baseline W** (POI's user model opens the workbook and writes it again: the least");
    line("any POI program that hands back a changed workbook does), **floor B** (every zip part inflated and");
    line("scanned with the JDK's StAX, nothing else) and the previous annotator (POI's user model, kept in the");
    line("benchmark module only); absolute figures are beside them. The subject is the intake handler's logic:");
    line("`Evaluator.standard().evaluate(bytes, name, asOf)` (parse, every rule) then `ReportJson.write`; the");
    line("annotated copy is `WorkbookAnnotator` on its own, given a report with findings on cells (`Annotations`).");
    line("");
    if (opts.containsKey("--note")) {
      // Said when the file is not all one run's (written again from a run's raw results after a change).
      line("**Note.** " + opts.get("--note"));
      line("");
    }
    line("| | |");
    line("| --- | --- |");
    line("| date | " + opts.getOrDefault("--date", "?") + " |");
    line("| machine | " + Machine.cpu() + ", " + Machine.cores() + " cores, " + Machine.ramGb() + " GB RAM"
        + opts.getOrDefault("--machine-note", "") + " |");
    line("| JDK | " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version") + " ("
        + System.getProperty("java.vendor") + "); the Lambda runtime is java21 |");
    line("| cold | a fresh JVM per run with the Lambda runtime's `" + cold.path("flags").asText() + "`, "
        + cold.path("runs").asInt() + " runs per probe (medians; the probes with POI on the 5 MB workbook 5 runs),"
        + " probes run round-robin after one discarded round; op = first line of `main` to the result, process ="
        + " start to exit, peak RSS = VmHWM, peak heap = the heap pools' peak use |");
    line("| warm | JMH " + opts.getOrDefault("--jmh-settings", "") + " |");
    line("| workbooks | " + workbooks() + " |");
    line("");

    targets17(artifacts);
    line("Issue 6's targets, still measured:");
    line("");
    line("| target | figure | met | gap |");
    line("| --- | --- | --- | --- |");
    double coldRatio = coldS / coldA;
    target("cold verdict ≤ 0.6 × baseline A's cold open", fmt("%.2f × A (%.0f ms vs %.0f ms)", coldRatio, coldS, coldA),
        coldRatio <= 0.6, fmt("%.0f ms (%.2f × A) too slow", coldS - 0.6 * coldA, coldRatio - 0.6));
    target("cold peak RSS ≤ 200 MB", fmt("%.0f MB", rssS), rssS <= 200, fmt("%.0f MB over", rssS - 200));
    if (warmA != null && warmB != null && warmS != null) {
      double rb = warmS[0] / warmB[0];
      double ib = rounds("sOverB");
      target("warm parse + rules within 3 × floor B", fmt("JMH %.2f × B (%.0f µs vs %.0f µs); rounds %.2f × B",
          rb, warmS[0], warmB[0], ib), rb <= 3 && ib <= 3, gap("× B", 3, rb, ib, "%.2f"));
    }
    int largeOk = coldRuns("S-large-128m") - coldFailures("S-large-128m");
    target("5 MB / 50,000-row workbook evaluated or rejected under `-Xmx128m`",
        fmt("%d of %d runs answered: %s; %.0f ms, peak RSS %.0f MB", largeOk, coldRuns("S-large-128m"),
            coldOutcome("S-large-128m"), coldMedian("S-large-128m", "opMs"),
            coldMedian("S-large-128m", "hwmKb") / 1024),
        largeOk == coldRuns("S-large-128m") && largeOk > 0, "runs failed: " + coldOutcome("S-large-128m"));
    line("");

    coldTable(coldA, coldB);
    cliTable();
    copyTable();
    warmTable();
    functionArtifacts(artifacts);
    optimisations();
    loadOutput();
    return md.toString();
  }

  /** The lowest and highest per-round ratio to A, to show how much a busy machine moves it. */
  private String roundsRange() {
    List<Double> values = new ArrayList<>();
    if (rounds != null) {
      rounds.path("sOverAByRound").forEach(v -> values.add(v.asDouble()));
    }
    return values.isEmpty() ? "—" : fmt("%.3f–%.3f", values.stream().mapToDouble(Double::doubleValue).min()
        .orElseThrow(), values.stream().mapToDouble(Double::doubleValue).max().orElseThrow());
  }

  /** The gap of a warm ratio, by each of the two measurements that misses the limit. */
  private static String gap(String unit, double limit, double jmh, double rounds, String format) {
    List<String> misses = new ArrayList<>();
    if (!(jmh <= limit)) {
      misses.add(fmt(format + " %s over by JMH", jmh - limit, unit));
    }
    if (!(rounds <= limit)) {
      misses.add(fmt(format + " %s over by the rounds", rounds - limit, unit));
    }
    return String.join("; ", misses);
  }

  private void target(String name, String figure, boolean met, String gap) {
    line("| " + name + " | " + figure + " | " + (met ? "**met**" : "**not met**") + " | " + (met ? "—" : gap) + " |");
  }

  /** One load run's figures, read from what {@code ./pipeline load} printed. */
  private record LoadRun(Path file, Double rate, Double p50, Double p99, String exit) {
  }

  private List<LoadRun> loadRuns() throws IOException {
    String files = opts.get("--load");
    List<LoadRun> runs = new ArrayList<>();
    if (files == null) {
      return runs;
    }
    String[] exits = opts.getOrDefault("--load-exit", "").split(",");
    String[] paths = files.split(",");
    for (int i = 0; i < paths.length; i++) {
      Path file = Path.of(paths[i]);
      if (!Files.exists(file)) {
        continue;
      }
      String text = Files.readString(file, StandardCharsets.UTF_8);
      runs.add(new LoadRun(file, number(text, "([0-9]+(?:\\.[0-9]+)?)\\s*(?:submissions|uploads)\\s*/\\s*s"),
          number(text, "p50[^0-9]{0,20}([0-9]+(?:\\.[0-9]+)?)"), number(text, "p99[^0-9]{0,20}([0-9]+(?:\\.[0-9]+)?)"),
          i < exits.length && !exits[i].isBlank() ? exits[i] : "0"));
    }
    return runs;
  }

  /** The load runs' median throughput and the CPU line of the median run; null when none ran. */
  private LoadRun medianLoadRun() throws IOException {
    return loadRuns().stream().filter(r -> r.rate() != null).sorted(java.util.Comparator.comparing(LoadRun::rate))
        .skip((loadRuns().stream().filter(r -> r.rate() != null).count() - 1) / 2).findFirst().orElse(null);
  }

  private void loadTarget() throws IOException {
    List<LoadRun> runs = loadRuns();
    String name = "local load run (300 uploads) ≥ 35 submissions/s, median of five; none lost, none twice";
    if (runs.isEmpty()) {
      line("| " + name + " | not run by this script (no `./pipeline load` command when it ran) | — | — |");
      return;
    }
    List<LoadRun> measured = runs.stream().filter(r -> r.rate() != null && r.p99() != null).toList();
    boolean allClean = runs.stream().allMatch(r -> r.exit().equals("0"));
    if (measured.isEmpty()) {
      target(name, "no rate found in the output (below)", false, "see the output");
      return;
    }
    double rate = median(measured.stream().map(LoadRun::rate).toList());
    double p50 = median(measured.stream().map(LoadRun::p50).filter(java.util.Objects::nonNull).toList());
    double p99 = median(measured.stream().map(LoadRun::p99).toList());
    String each = String.join(", ", measured.stream().map(r -> fmt("%.1f", r.rate())).toList());
    String figure = fmt("median of %d runs: %.1f submissions/s (runs: %s), p50 %.2f s, p99 %.2f s", measured.size(),
        rate, each, p50, p99) + (allClean ? "; every run clean (none lost, none twice)" : "; a run was not clean")
        + " — runs below";
    LoadRun middle = medianLoadRun();
    String cpu = middle == null ? null : cpuLine(middle);
    target(name, figure, rate >= 35 && allClean, fmt("%.1f submissions/s short by the median.", 35 - rate)
        + (cpu == null ? "" : " Where the CPU went in the median run: " + cpu + ".")
        + " See [what holds the load run](#what-holds-the-load-run).");
  }

  /** The "CPU in the run" line a load run printed, without its label; null when it has none. */
  private static String cpuLine(LoadRun run) throws IOException {
    for (String line : Files.readAllLines(run.file(), StandardCharsets.UTF_8)) {
      if (line.startsWith("CPU in the run: ")) {
        return line.substring("CPU in the run: ".length());
      }
    }
    return null;
  }

  private static Double number(String text, String regex) {
    Matcher m = Pattern.compile(regex, Pattern.CASE_INSENSITIVE).matcher(text);
    return m.find() ? Double.valueOf(m.group(1)) : null;
  }

  /** Issue 17's targets: the CLI's cold start, the annotated copy, the load run, warm parse + rules, artifacts. */
  private void targets17(Map<FunctionFamily, Long> artifacts) throws IOException {
    line("## Targets (issue 17)");
    line("");
    line("| target | figure | met | gap, the profile behind it, what would close it |");
    line("| --- | --- | --- | --- |");
    double aProcess = coldMedian("A", "totalMs");
    double cli = coldMedian("cli", "opMs");
    if (!Double.isNaN(cli)) {
      double jvm = coldMedian("jvm", "opMs");
      double direct = coldMedian("cli-java", "opMs");
      double noCds = coldMedian("cli-nocds", "opMs");
      double r = cli / aProcess;
      target("`./pipeline validate` cold ≤ 0.35 × plain POI's cold open of the same workbook (whole processes)",
          fmt("%.2f × A (%.0f ms vs %.0f ms); without the archive %.2f × A (%.0f ms)", r, cli, aProcess,
              noCds / aProcess, noCds), r <= 0.35,
          fmt("%.0f ms (%.2f × A) over. Of the command's %.0f ms, a JVM running an empty main takes %.0f ms, the"
              + " script %.0f ms (the command less the java command it ends in, run directly) and the CLI's classes"
              + " and the verdict the other %.0f ms; most of it is start-up, not work (a warm verdict takes %.1f"
              + " ms in this run). Closing it takes not starting a JVM per command: a native image of the CLI"
              + " (GraalVM, not installed here) or a resident JVM the script hands commands to.",
              cli - 0.35 * aProcess, r - 0.35, cli, jvm, cli - direct, direct - jvm,
              warm("verdict", Workbooks.READY) == null ? Double.NaN : warm("verdict", Workbooks.READY)[0] / 1000));
    }
    double[] wReady = warm("baselinePoiWrite", Workbooks.READY);
    double[] cReady = warm("annotate", Workbooks.READY);
    double[] wMedium = warm("baselinePoiWrite", Workbooks.MEDIUM);
    double[] cMedium = warm("annotate", Workbooks.MEDIUM);
    if (wReady != null && cReady != null && wMedium != null && cMedium != null) {
      double r1 = cReady[0] / wReady[0];
      double r2 = cMedium[0] / wMedium[0];
      double c1 = coldMedian("C", "opMs") / coldMedian("W", "opMs");
      double c2 = coldMedian("C-medium", "opMs") / coldMedian("W-medium", "opMs");
      double rr = rounds("copyOverW");
      double worst = Math.max(Math.max(r1, r2), Math.max(c1, c2));
      target("annotated copy ≤ 0.25 × POI user-model load+write of the same workbook (W)",
          fmt("warm (JMH) %.3f × W on ready.xlsx, %.3f × W on medium.xlsx (rounds %.3f × W); cold %.2f × W and"
              + " %.2f × W", r1, r2, rr, c1, c2), worst <= 0.25,
          fmt("%.2f × W at worst (0.25 allowed). The copy's work grows with the findings, W's with the workbook:"
              + " medium.xlsx's report has 914 findings on cells (one per expired certification row), and the copy"
              + " writes a comment, a note shape and a Findings row for each, about %.0f µs a finding here (JMH,"
              + " medium less ready over the 902 more findings); with ready.xlsx's 12 findings it is %.2f × W."
              + " For medium.xlsx the copy writes about 1.8 MB of XML (the Findings sheet 0.94 MB, the note shapes"
              + " 0.48 MB, the comments 0.26 MB, the marked sheet 0.16 MB) where W writes 0.05 MB. Profiled with JFR"
              + " after the writer's own UTF-8 encoding, fixed markup and zlib level 2 (see Optimisations): deflating"
              + " that XML is a third of the copy, reading the partner's marked sheet with StAX a sixth and copying"
              + " it a ninth, the Findings sheet's rows a seventh, inflating 7 %%, the note shapes and the comments"
              + " 12 %%. What would close it is writing less: one comment and note per run of cells for hundreds of"
              + " findings of one rule (a change of what the partner sees, not made here), or the Findings sheet's"
              + " repeated texts (rule, quote, remediation) in the shared-strings table instead of inline", worst,
              (cMedium[0] - cReady[0]) / 902, r1));
    }
    int largeRuns = coldRuns("C-large-64m");
    int largeOk = largeRuns - coldFailures("C-large-64m");
    double heap = coldMedian("C-large-64m", "heapKb") / 1024;
    int smallOk = coldRuns("C-large-32m") - coldFailures("C-large-32m");
    target("annotated copy of the 5 MB workbook: peak heap ≤ 64 MB",
        fmt("%d of %d runs under `-Xmx64m` wrote it (%.0f ms, %.2f × W's %.0f ms); peak heap %.0f MB (the heap pools'"
            + " peak use, garbage included); %d of %d runs also under `-Xmx32m`; POI's load+write: %s under"
            + " `-Xmx64m`", largeOk, largeRuns, coldMedian("C-large-64m", "opMs"),
            coldMedian("C-large-64m", "opMs") / coldMedian("W-large", "opMs"), coldMedian("W-large", "opMs"), heap,
            smallOk, coldRuns("C-large-32m"), coldOutcome("W-large-64m").replace("|", "/")),
        largeOk == largeRuns && largeOk > 0 && heap <= 64, "runs failed: " + coldOutcome("C-large-64m"));
    loadTarget();
    double[] warmA = warm("baselinePoi", Workbooks.READY);
    double[] warmB = warm("floorStax", Workbooks.READY);
    double[] warmS = warm("parseAndRules", Workbooks.READY);
    if (warmA != null && warmB != null && warmS != null) {
      double ra = warmS[0] / warmA[0];
      double rb = warmS[0] / warmB[0];
      double ia = rounds("sOverA");
      double ib = rounds("sOverB");
      target("warm parse + rules ≤ 0.2 × POI (JMH) and ≤ 2 × the unzip+StAX floor",
          fmt("JMH %.3f × A and %.2f × B (%.0f µs vs %.0f µs and %.0f µs); rounds %.3f × A (per round %s), %.2f × B",
              ra, rb, warmS[0], warmA[0], warmB[0], ia, roundsRange(), ib),
          ra <= 0.2 && rb <= 2,
          (ra > 0.2 ? gap("× A", 0.2, ra, ia, "%.3f") + "; " : "") + (rb > 2 ? gap("× B", 2, rb, ib, "%.2f") : "")
              + ". Profiled with JFR while writing this (ready.xlsx, after the reader and rule changes under"
              + " Optimisations): the JDK's StAX parser scanning the parts read (four sheets, shared strings,"
              + " styles, workbook, relationships, content types) is 30 % of parse + rules, creating a reader for"
              + " each of them 5 %, inflating them 15 %, the rules a fifth, the reader's own work on cells and"
              + " headers (text, numbers, dates, header matching) a quarter. A workbook of 37 KB of XML is"
              + " dominated by fixed costs per part; what would close it: one reader reused across the parts, or a"
              + " scanner of our own for the few elements the template needs in place of StAX. On a shared machine"
              + " the JMH figures move by ±30 % between runs (the rounds cross-check shows the spread).");
    }
    FunctionFamily largest = artifacts.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    double largestMb = artifacts.get(largest) / MB;
    double checksMb = artifacts.get(FunctionFamily.CHECKS) / MB;
    List<String> gaps = new ArrayList<>();
    if (largestMb > 20) {
      gaps.add(fmt("%s is %.1f MB over 20", largest.id(), largestMb - 20));
    }
    if (checksMb > 8) {
      gaps.add(fmt("the checks are %.1f MB over 8; see [Function artifacts](#function-artifacts) for what they carry",
          checksMb - 8));
    }
    target("largest function artifact ≤ 20 MB; the check functions' ≤ 8 MB",
        fmt("one per family: largest %s %.1f MB (%.2f × the single jar's %.1f MB); checks %.1f MB", largest.id(),
            largestMb, artifacts.get(largest) / (double) SINGLE_JAR_BYTES, SINGLE_JAR_BYTES / MB, checksMb),
        gaps.isEmpty(), String.join("; ", gaps));
    line("");
  }

  /** The CLI's start-up, whole processes. */
  private void cliTable() {
    if (!cold.path("probes").has("cli")) {
      return;
    }
    double a = coldMedian("A", "totalMs");
    line("## The CLI's start-up: whole processes");
    line("");
    line("| probe | what runs | process (median) | × A's process | process (best) | result | runs |");
    line("| --- | --- | --- | --- | --- | --- | --- |");
    line("| A | " + cold.path("probes").path("A").path("description").asText() + " | " + ms(a) + " | 1.00 | "
        + ms(coldBest("A", "totalMs")) + " | " + coldOutcome("A") + " | " + (coldRuns("A") - coldFailures("A"))
        + "/" + coldRuns("A") + " |");
    for (String id : List.of("cli", "cli-nocds", "cli-java", "jvm")) {
      JsonNode p = cold.path("probes").path(id);
      double op = coldMedian(id, "opMs");
      line("| " + id + " | " + p.path("description").asText() + " | " + ms(op) + " | " + ratio(op, a) + " | "
          + ms(coldBest(id, "opMs")) + " | " + coldOutcome(id) + " | " + (coldRuns(id) - coldFailures(id)) + "/"
          + coldRuns(id) + " |");
    }
    line("");
    line(fmt("The class-data-sharing archive (`local/target/pipeline.jsa`, made by `./pipeline` after a build) saves"
        + " %.0f ms a command (cli-nocds − cli); the script's own work (up-to-date check, lock, the archive's stamp)"
        + " is %.0f ms (cli − cli-java); a JVM that does nothing takes %.0f ms.", coldMedian("cli-nocds", "opMs")
            - coldMedian("cli", "opMs"), coldMedian("cli", "opMs") - coldMedian("cli-java", "opMs"),
        coldMedian("jvm", "opMs")));
    line("");
  }

  /** The annotated copy, cold: streamed against POI's load+write and the previous annotator. */
  private void copyTable() {
    line("## The annotated copy, cold");
    line("");
    line("| workbook | W: POI load + write | C: streamed copy | × W | C-poi: previous annotator | × W | C peak heap |"
        + " C-poi peak heap |");
    line("| --- | --- | --- | --- | --- | --- | --- | --- |");
    for (String[] w : List.of(new String[] {"", Workbooks.READY}, new String[] {"-medium", Workbooks.MEDIUM})) {
      double base = coldMedian("W" + w[0], "opMs");
      double c = coldMedian("C" + w[0], "opMs");
      double p = coldMedian("C-poi" + w[0], "opMs");
      line("| " + w[1] + " | " + ms(base) + " | " + ms(c) + " | " + ratio(c, base) + " | " + ms(p) + " | "
          + ratio(p, base) + " | " + fmt("%.0f MB", coldMedian("C" + w[0], "heapKb") / 1024) + " | "
          + fmt("%.0f MB", coldMedian("C-poi" + w[0], "heapKb") / 1024) + " |");
    }
    line("| large.xlsx | " + ms(coldMedian("W-large", "opMs")) + " (default heap) | "
        + ms(coldMedian("C-large-64m", "opMs")) + " (`-Xmx64m`) | " + ratio(coldMedian("C-large-64m", "opMs"),
            coldMedian("W-large", "opMs")) + " | not run (bounded to 4 MB, 5,000 rows) | — | "
        + fmt("%.0f MB", coldMedian("C-large-64m", "heapKb") / 1024) + " | — |");
    line("");
    line("Each probe times the copy alone in a fresh JVM: the report is read from a file before the clock starts."
        + " The reports: ready.xlsx as of 2029-06-01 (12 findings on cells of two sheets), medium.xlsx likewise"
        + " (914 findings, one per expired certification row), large.xlsx 103 findings spread over its 50,000-row"
        + " sheet and the other template sheets (it is over the parser's row limit, so it has no report of its own).");
    line("");
  }

  private void coldTable(double coldA, double coldB) {
    line("## Cold: a fresh JVM per run");
    line("");
    line("| probe | what runs | op (median) | × A | × B | op (best) | process | peak RSS | result | runs |");
    line("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
    JsonNode probes = cold.path("probes");
    probes.fieldNames().forEachRemaining(id -> {
      JsonNode p = probes.path(id);
      String base = id.endsWith("-medium") ? "-medium" : id.endsWith("-large-128m") ? "-large-128m" : "";
      double a = base.isEmpty() ? coldA : coldMedian("A" + base, "opMs");
      double b = base.isEmpty() ? coldB : coldMedian("B" + base, "opMs");
      double op = coldMedian(id, "opMs");
      String flags = p.path("flags").asText();
      line("| " + id + " | " + p.path("description").asText() + (flags.isEmpty() ? "" : " `" + flags + "`") + " | "
          + ms(op) + " | " + ratio(op, a) + " | " + ratio(op, b) + " | "
          + ms(coldBest(id, "opMs")) + " | " + ms(coldMedian(id, "totalMs"))
          + " | " + (Double.isNaN(op) ? "—" : fmt("%.0f MB", coldMedian(id, "hwmKb") / 1024)) + " | "
          + coldOutcome(id).replace("|", "/") + " | "
          + (coldRuns(id) - coldFailures(id)) + "/" + coldRuns(id) + " |");
    });
    line("");
    line("Ratios on the medium and large workbooks are against A and B on the same workbook (— where that run"
        + " failed). Peak RSS is the whole JVM's.");
    line("");
  }

  private static String ms(double value) {
    return Double.isNaN(value) ? "—" : fmt("%.0f ms", value);
  }

  private static String ratio(double value, double base) {
    return Double.isNaN(value) || Double.isNaN(base) ? "—" : fmt("%.2f", value / base);
  }

  private void warmTable() {
    line("## Warm: JMH, average time per operation");
    line("");
    line("| benchmark | workbook | µs/op (median of iterations) | mean ± error | × A | × B | × W |");
    line("| --- | --- | --- | --- | --- | --- | --- |");
    for (String workbook : List.of(Workbooks.READY, Workbooks.MEDIUM)) {
      double[] a = warm("baselinePoi", workbook);
      double[] b = warm("floorStax", workbook);
      double[] w = warm("baselinePoiWrite", workbook);
      for (String bench : List.of("baselinePoi", "floorStax", "parseAndRules", "verdict", "baselinePoiWrite",
          "annotate", "annotatePoi")) {
        double[] r = warm(bench, workbook);
        if (r == null) {
          continue;
        }
        boolean copy = bench.startsWith("annotate") || bench.equals("baselinePoiWrite");
        line("| " + bench + " | " + workbook + " | " + fmt("%.1f", r[0]) + " | " + fmt("%.1f ± %.1f", r[1], r[2])
            + " | " + (a == null || copy ? "—" : ratio(r[0], a[0])) + " | " + (b == null ? "—" : ratio(r[0], b[0]))
            + " | " + (w == null || !copy ? "—" : ratio(r[0], w[0])) + " |");
      }
    }
    line("");
    line("`parseAndRules` is `Evaluator.evaluate` (parse + every rule); `verdict` adds `ReportJson.write`;");
    line("`baselinePoiWrite` is baseline W; `annotate` is the annotated copy (`WorkbookAnnotator`, streamed),");
    line("`annotatePoi` the previous annotator (POI's user model), both given the same report with findings.");
    line("");
    if (rounds != null) {
      line("Rounds cross-check (`WarmRounds`, READY sample): " + rounds.path("rounds").asInt() + " rounds; "
          + rounds.path("settings").asText() + "; ratios taken within each round, then their median. The main"
          + " run above measures each benchmark for half a minute, one after the other, so on a shared machine a"
          + " burst of load elsewhere can land on one of them; here it lands on one round.");
      line("");
      line("| A µs | B µs | parse + rules µs | × A | × B | × A by round | W µs | copy µs | copy × W |");
      line("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
      List<String> byRound = new ArrayList<>();
      rounds.path("sOverAByRound").forEach(v -> byRound.add(fmt("%.3f", v.asDouble())));
      line("| " + fmt("%.0f", rounds.path("medianUs").path("baselinePoi").asDouble()) + " | "
          + fmt("%.0f", rounds.path("medianUs").path("floorStax").asDouble()) + " | "
          + fmt("%.0f", rounds.path("medianUs").path("parseAndRules").asDouble()) + " | "
          + fmt("%.3f", rounds("sOverA")) + " | " + fmt("%.2f", rounds("sOverB")) + " | "
          + String.join(", ", byRound) + " | "
          + fmt("%.0f", rounds.path("medianUs").path("baselinePoiWrite").asDouble())
          + " | " + fmt("%.0f", rounds.path("medianUs").path("annotate").asDouble()) + " | "
          + fmt("%.3f", rounds("copyOverW")) + " |");
      line("");
    }
  }

  /** The single jar every function ran before issue 17's item 2, as the previous run of this script measured it. */
  private static final long SINGLE_JAR_BYTES = 40_470_480L;

  private Path artifact(FunctionFamily family) {
    return Path.of(opts.get("--artifacts")).resolve(family.artifactName());
  }

  private Map<FunctionFamily, Long> artifactSizes() throws IOException {
    Map<FunctionFamily, Long> sizes = new EnumMap<>(FunctionFamily.class);
    for (FunctionFamily family : FunctionFamily.values()) {
      sizes.put(family, Files.size(artifact(family)));
    }
    return sizes;
  }

  /** Each family's artifact against the single jar, and what keeps the check functions' over its target. */
  private void functionArtifacts(Map<FunctionFamily, Long> sizes) throws IOException {
    line("## Function artifacts");
    line("");
    line(fmt("One artifact per function family (issue 17's item 2), each with only the libraries and SDK clients its"
        + " handlers use, built by `./mvnw verify` into `functions/target/lambda/` (the build prints each size;"
        + " `LambdaJarIT` runs each family's handlers from its jar alone and holds each to its budget). MB here are"
        + " 2^20 bytes; the baseline is the single jar every function ran before, %.1f MB (%,d bytes, measured by the"
        + " previous run of this script).", SINGLE_JAR_BYTES / MB, SINGLE_JAR_BYTES));
    line("");
    line("| family | handlers | MB | bytes | entries | × the single jar | target | met |");
    line("| --- | --- | --- | --- | --- | --- | --- | --- |");
    for (FunctionFamily family : FunctionFamily.values()) {
      long bytes = sizes.get(family);
      int target = family == FunctionFamily.CHECKS ? 8 : 20;
      line("| " + family.id() + " | " + String.join(", ", family.handlers()) + " | " + fmt("%.1f", bytes / MB)
          + " | " + fmt("%,d", bytes) + " | " + fmt("%,d", entries(artifact(family))) + " | "
          + fmt("%.2f", bytes / (double) SINGLE_JAR_BYTES) + " | ≤ " + target + " | "
          + (bytes / MB <= target ? "yes" : "**no**") + " |");
    }
    line("");
    Path checks = artifact(FunctionFamily.CHECKS);
    line("The check functions' artifact, by compressed size (each entry's zip headers included):");
    line("");
    line("| part | MB |");
    line("| --- | --- |");
    makeUp(checks).forEach((part, bytes) -> {
      if (bytes / MB >= 0.05) {
        line("| " + part + " | " + fmt("%.1f", bytes / MB) + " |");
      }
    });
    line("");
    line(fmt("The checks read the parsed workbook from S3 and write a large result back, and do it without an SDK"
        + " client: `S3WorkObjects` sends those two requests (a range GET, a PUT) with the JDK's HTTP client and signs"
        + " them with the SDK's own SigV4 signer (`http-auth-aws`, its SPIs and the SDK's utilities: %.1f MB"
        + " together), with the function role's credentials from Lambda's container credentials endpoint, which"
        + " SnapStart functions get instead of key variables (`LambdaCredentials`). So the artifact carries neither"
        + " the S3 client (4.2 MB when it did: every operation's model, which the client links when it is built), nor"
        + " the SDK's core (3.1 MB: HTTP, credentials providers, the XML protocol), nor every region's metadata"
        + " (0.9 MB). What is left is mostly what every function carries: Powertools' Log4j2 layout and Jackson."
        + " Repacked without Log4j2 it would weigh **%.1f MB** (Lambda's own JSON log format with a small SLF4J"
        + " binding could replace Powertools' layout; its Lambda fields would go).",
        (checks.toFile().length() - repackedWithout(checks, List.of("software/amazon/awssdk/"))) / MB,
        repackedWithout(checks, List.of("org/apache/logging/")) / MB));
    line("");
    Path intake = artifact(FunctionFamily.INTAKE);
    line(fmt("Intake has the least room under 20 MB (%.2f MB): it carries three clients (S3, DynamoDB, Step"
        + " Functions), the S3 and SQS event classes with Joda-Time (Lambda's event serializer loads it for any"
        + " event) and Powertools' metrics, and the project's own classes of every family. Writing the metrics as"
        + " Embedded Metric Format lines directly instead of through Powertools (its metrics module,"
        + " aws-embedded-metrics, commons-lang3, javatuples, Jackson's java.time module) would make it **%.1f MB**;"
        + " that changes the metrics' default dimensions unless done with care, and was not done here.",
        20 - sizes.get(FunctionFamily.INTAKE) / MB,
        repackedWithout(intake, List.of("software/amazon/lambda/powertools/metrics/", "software/amazon/cloudwatchlogs/",
            "org/apache/commons/lang3/", "org/javatuples/", "com/fasterxml/jackson/datatype/jsr310/")) / MB));
    line("");
  }

  /** The artifact's size when repacked (default compression) without the entries under {@code prefixes}. */
  private static long repackedWithout(Path jar, List<String> prefixes) throws IOException {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (ZipFile zip = new ZipFile(jar.toFile());
        java.util.zip.ZipOutputStream out = new java.util.zip.ZipOutputStream(bytes)) {
      for (ZipEntry e : java.util.Collections.list(zip.entries())) {
        if (prefixes.stream().anyMatch(e.getName()::startsWith)) {
          continue;
        }
        out.putNextEntry(new ZipEntry(e.getName()));
        try (java.io.InputStream in = zip.getInputStream(e)) {
          in.transferTo(out);
        }
        out.closeEntry();
      }
    }
    return bytes.size();
  }

  private static long entries(Path jar) throws IOException {
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      return zip.size();
    }
  }

  /** A jar's parts by compressed size, each entry's local and central headers counted with it. */
  private static Map<String, Long> makeUp(Path jar) throws IOException {
    Map<String, String> parts = new LinkedHashMap<>();
    parts.put("software/amazon/awssdk/services/", "AWS SDK: service clients");
    parts.put("software/amazon/awssdk/core/", "AWS SDK: core (HTTP, credentials, protocols)");
    parts.put("software/amazon/awssdk/regions/", "AWS SDK: regions and their metadata");
    String signer = "AWS SDK: the SigV4 signer (http-auth-aws, http-auth-spi, identity-spi)";
    parts.put("software/amazon/awssdk/http/auth/", signer);
    parts.put("software/amazon/awssdk/identity/", signer);
    parts.put("software/amazon/awssdk/", "AWS SDK: the signer's utilities (utils, http-client-spi, checksums, …)");
    parts.put("org/apache/logging/", "Log4j2 (Powertools' logging backend)");
    parts.put("com/fasterxml/jackson/", "Jackson");
    parts.put("software/amazon/lambda/", "Powertools");
    parts.put("dev/intake/", "this project");
    Map<String, Long> sizes = new TreeMap<>();
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      for (ZipEntry e : java.util.Collections.list(zip.entries())) {
        String part = "everything else (SLF4J, CRaC, Lambda's core, metadata, …)";
        for (Map.Entry<String, String> p : parts.entrySet()) {
          if (e.getName().startsWith(p.getKey())) {
            part = p.getValue();
            break;
          }
        }
        long headers = 30 + 46 + 2L * e.getName().getBytes(StandardCharsets.UTF_8).length;
        sizes.merge(part, Math.max(e.getCompressedSize(), 0) + headers, Long::sum);
      }
    }
    Map<String, Long> sorted = new LinkedHashMap<>();
    sizes.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .forEach(e -> sorted.put(e.getKey(), e.getValue()));
    return sorted;
  }

  private void optimisations() {
    double s = coldMedian("S", "opMs");
    line("## Optimisations: what each bought in this run");
    line("");
    line("| optimisation | kept | what it bought in this run (cold op times of the probes named) |");
    line("| --- | --- | --- |");
    line("| Loggers of the parser, rule engine and annotator built on first use (a verdict that logs nothing does not"
        + " start SLF4J/Log4j2) | yes | " + saved("S-logging", s) + " on a cold verdict (S-logging vs S). On"
        + " Lambda the handler's own construction still starts the logging (IntakeService logs every submission);"
        + " it moves into the init phase and, with SnapStart, into the snapshot |");
    line("| The checklist and the JSON report read and written with jackson-core's streaming parser and generator"
        + " instead of an `ObjectMapper` (same tree, same text: `ChecklistLoaderTest`, `ReportJsonTest`) | yes | "
        + saved("S-mapper", s) + " on a cold verdict (S-mapper vs S). The workflow's handlers still build one"
        + " mapper for their JSON |");
    line("| The workbook's zip read with the JDK's `Inflater` and a central-directory reader of our own instead of"
        + " commons-compress (no longer used at all: a part compressed any other way than stored or deflated is"
        + " refused, as the Open Packaging Conventions allow no other method) | yes | " + saved("S-compress", s)
        + " on a cold verdict (S-compress vs S) |");
    line("| SnapStart priming: `SnapStartPriming`, registered by each family's wiring, runs that family's own work on"
        + " files bundled in its artifact in `beforeCheckpoint` (intake: parse and the workflow JSON; the checks: the"
        + " rules; aggregate, measured here: the rules, the report and the annotated copy) | yes (needs SnapStart on"
        + " the functions: infra) | " + fmt("the verdict after priming takes %.0f ms instead of %.0f ms (S-primed vs"
        + " S, %.2f × A); restore time itself is not measured here", coldMedian("S-primed", "opMs"), s,
        coldMedian("S-primed", "opMs") / coldMedian("A", "opMs")) + " |");
    line("| AppCDS archive of a training run (`-XX:ArchiveClassesAtExit`, then `-XX:SharedArchiveFile`) on Lambda |"
        + " no | " + fmt("%.0f ms instead of %.0f ms (S-appcds vs S), archive %.0f MB. Not shipped: Lambda unpacks the"
            + " jar into /var/task, and CDS archives classes only from jars; the archive must also come from the"
            + " runtime's own JVM build. SnapStart gives more on Lambda", coldMedian("S-appcds", "opMs"), s,
            cold.path("appCdsArchiveBytes").asDouble() / MB) + " |");
    if (cold.path("probes").has("cli")) {
      line("| The CLI runs from jars and starts from a class-data-sharing archive `./pipeline` makes after each build"
          + " (`local/target/pipeline.jsa`; checked before use, ignored by the JVM when stale) | yes | "
          + fmt("`./pipeline validate` takes %.0f ms instead of %.0f ms as a whole process (cli vs cli-nocds)",
              coldMedian("cli", "opMs"), coldMedian("cli-nocds", "opMs")) + " |");
    }
    line("| The annotated copy streamed part by part (unchanged parts copied as they lie in the zip; marked sheets,"
        + " comments, drawings, styles, workbook part rewritten with StAX) instead of POI's user model | yes | "
        + fmt("cold, ready.xlsx: %.0f ms instead of %.0f ms (C vs C-poi); medium.xlsx: %.0f ms instead of %.0f ms;"
            + " peak heap %.0f MB instead of %.0f MB on the medium workbook", coldMedian("C", "opMs"),
            coldMedian("C-poi", "opMs"), coldMedian("C-medium", "opMs"), coldMedian("C-poi-medium", "opMs"),
            coldMedian("C-medium", "heapKb") / 1024, coldMedian("C-poi-medium", "heapKb") / 1024) + " |");
    line("| The annotated copy's generated parts written faster: the XML writer encodes UTF-8 itself (no `Writer`"
        + " and charset encoder; a run of ASCII is copied byte for byte), the markup around each comment, note shape"
        + " and Findings-sheet cell is fixed text made once and numbers are written without strings, quotes made"
        + " once per rule, and the parts deflated at zlib level 2 instead of 6 (every part of every sample's copy,"
        + " inflated, is the same bytes as before) | yes | measured while writing this, not by the script: thread"
        + " CPU per copy, median of 10 one-second slices alternating in one JVM with the previous code and W, on a"
        + " shared machine: medium.xlsx 32.3 ms → 16.7 ms (0.52 ×), ready.xlsx 2.47 ms → 2.13 ms; the copy of"
        + " medium.xlsx grows from 129.6 KB to 139.8 KB (+8 %) |");
    line("| Reader and rules: whole numbers formatted without `BigDecimal`, `Text.visible` returning text it keeps"
        + " as it is without copying it, evidence placeholders told apart without regular expressions for ASCII,"
        + " control rows looked up by id instead of by comparing every control, the checklist's certification"
        + " names worked out once rather than per tally (same findings on every sample and the hostile corpus)"
        + " | yes | measured while writing this, not by the script: parse + rules on ready.xlsx, thread CPU, median"
        + " of 10 one-second slices alternating in one JVM: 1.48 ms → 1.43 ms (3 %); the cost is mostly fixed"
        + " costs per part (see the target's row) |");
    line("| The workbook read by a streaming reader of our own (the zip's parts inflated and scanned with StAX; only"
        + " the sheets and shared strings the template needs, no user model) instead of POI's `XSSFWorkbook` |"
        + " yes | " + fmt("a whole cold verdict — parse, every rule and the JSON report — takes %.0f ms where POI's"
            + " user model alone takes %.0f ms to open and read the same workbook (S vs A, %.2f × A); on the 5 MB"
            + " workbook under `-Xmx128m` the verdict answers where POI runs out of memory",
            s, coldMedian("A", "opMs"), s / coldMedian("A", "opMs")) + " |");
    line("| Clients built once per container (each family's wiring builds its own, once) and the URL-connection HTTP"
        + " client only | yes | " + fmt("building the S3, DynamoDB and Step Functions clients and the presigner costs"
            + " %.0f ms cold (probe `clients`): paid once, in the init phase and so in the SnapStart snapshot,"
            + " instead of on every request. The Apache and Netty HTTP clients are not on the class path, so the"
            + " choice of the URL-connection client is not measured against them here",
            coldMedian("clients", "opMs")) + " |");
    line("");
  }

  private void loadOutput() throws IOException {
    List<LoadRun> runs = loadRuns();
    if (runs.isEmpty()) {
      return;
    }
    line("## Load runs: `./pipeline load --uploads 300`, " + runs.size() + " times");
    line("");
    line("Each run starts the local runtime on an emptied data folder in a fresh JVM, uploads 300 workbooks at once"
        + " and follows them through the API; throughput is first upload to last verdict.");
    line("");
    line("| run | submissions/s | p50 s | p99 s | exit |");
    line("| --- | --- | --- | --- | --- |");
    for (int i = 0; i < runs.size(); i++) {
      LoadRun r = runs.get(i);
      line("| " + (i + 1) + " | " + (r.rate() == null ? "—" : fmt("%.1f", r.rate())) + " | "
          + (r.p50() == null ? "—" : fmt("%.2f", r.p50())) + " | " + (r.p99() == null ? "—" : fmt("%.2f", r.p99()))
          + " | " + r.exit() + " |");
    }
    line("");
    LoadRun middle = runs.stream().filter(r -> r.rate() != null)
        .sorted(java.util.Comparator.comparing(LoadRun::rate)).skip((runs.size() - 1) / 2).findFirst()
        .orElse(runs.get(0));
    LoadRun median = medianLoadRun();
    String cpu = median == null ? null : cpuLine(median);
    if (cpu != null) {
      line("### What holds the load run");
      line("");
      line("On two cores a load run is bound by CPU. Where it went in the median run (`LoadRun` reads the JVM's"
          + " threads and its child processes before the burst and after the last verdict; pools are one line):");
      line("");
      line("| where | CPU s |");
      line("| --- | --- |");
      String[] split = cpu.split(": ", 2);
      Matcher head = Pattern.compile("([0-9.]+) s \\(([0-9]+) ms a submission\\); this JVM ([0-9.]+) s")
          .matcher(split[0]);
      double total = Double.NaN;
      if (head.matches()) {
        total = Double.parseDouble(head.group(1));
        line("| everything: this JVM and the processes it started | " + head.group(1) + " (" + head.group(2)
            + " ms a submission) |");
        line("| this JVM | " + head.group(3) + " |");
      }
      double standIns = 0;
      for (String part : split[1].split(", |; ")) {
        int cut = part.lastIndexOf(' ', part.length() - 3);
        String where = part.substring(0, cut);
        double seconds = Double.parseDouble(part.substring(cut + 1).replace(" s", ""));
        if (where.startsWith("S3Proxy") || where.startsWith("dynalite")) {
          standIns += seconds;
        }
        line("| " + (where.startsWith("dynalite") ? where : "· " + where) + " | " + fmt("%.1f", seconds) + " |");
      }
      line("");
      line(fmt("Besides the pipeline's own work (the `intake`, `asl-execution` and `asl-branch` pools: parsing, the"
          + " rules, the annotated copy, the workflow's JSON), %.0f %% of the CPU goes to what stands in for AWS on"
          + " this machine: S3Proxy's Jetty threads (SigV4 checks, files under the data folder) and dynalite (a"
          + " Node.js DynamoDB over LevelDB); on our side the SDK clients sign every request (SHA-256 of each body)."
          + " The JIT compiler's share is paid again by every run (a fresh JVM each time).", 100 * standIns / total));
      line("");
      line("Measured while writing this, not by the script: load runs alternating between the code before this "
          + "change (commit 0bf2ca8) and after it, on this machine at the same time, gave 13.6 and 15.1 against "
          + "19.9 and 23.0 submissions/s. Profiled with JFR then: before the change the previous annotator was 46"
          + " % of the JVM's CPU; after it, the annotated copy is under 10 %, and reading the parsed workbook's "
          + "JSON four times per submission (three check groups and the aggregate step) was the largest share of "
          + "our own code (about 14 %; now read in one pass instead of through a tree). What would close the "
          + "rest: fewer S3 and DynamoDB round trips per submission (the checks could receive the parsed workbook"
          + " in the workflow's state instead of reading it from S3, and the aggregate step read only the partner"
          + " and the notes), an S3 stand-in without request signing for the local runtime, and a longer-lived "
          + "JVM (the JIT's cost spread over more submissions). The machine was shared with other work while "
          + "these runs were made, so their absolute rates are low; the profile's shares hold.");
      line("");
    }
    line("The median run, as printed:");
    line("");
    line("```");
    md.append(Files.readString(middle.file(), StandardCharsets.UTF_8).strip()).append('\n');
    line("```");
    line("");
  }

  private String saved(String withOldCost, double now) {
    double old = coldMedian(withOldCost, "opMs");
    double oldBest = coldBest(withOldCost, "opMs");
    double best = coldBest("S", "opMs");
    return fmt("%.0f ms by the medians (%.0f ms → %.0f ms), %.0f ms by the best runs (%.0f ms → %.0f ms)",
        old - now, old, now, oldBest - best, oldBest, best);
  }

  private String workbooks() throws IOException {
    Path dir = Path.of(opts.get("--workbooks"));
    List<String> parts = new ArrayList<>();
    for (String name : Arrays.asList(Workbooks.READY, Workbooks.MEDIUM, Workbooks.LARGE)) {
      String what = switch (name) {
        case Workbooks.READY -> "the READY sample";
        case Workbooks.MEDIUM -> "READY + " + Workbooks.MEDIUM_ROWS + " certification rows";
        default -> "READY + " + fmt("%,d", Workbooks.LARGE_ROWS) + " filled certification rows of random text";
      };
      parts.add(fmt("`%s` %s, %.1f KB", name, what, Files.size(dir.resolve(name)) / 1024.0));
    }
    return String.join("; ", parts);
  }

  private static String fmt(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }

  private void line(String text) {
    md.append(text).append('\n');
  }
}
