package dev.intake.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * A cross-check of the warm ratios that a busy machine skews less: JMH again, but in short rounds —
 * each round runs baseline A, floor B, parse + rules, baseline W and the annotated copy on the READY
 * sample back to back, each in its own fork (3 warm-up iterations of 2 s, as in the main run, and 2
 * measured ones of 1 s) — and the ratios are taken within each round, then their median over the
 * rounds. The main JMH run measures each benchmark for half a minute, one after the other, so a burst
 * of load from elsewhere can land on one of them only; here it lands on one round.
 *
 * <p>{@code WarmRounds WORKBOOKS_DIR OUT.json [ROUNDS]}
 */
public final class WarmRounds {

  private static final List<String> BENCHMARKS = List.of("baselinePoi", "floorStax", "parseAndRules",
      "baselinePoiWrite", "annotate");

  private WarmRounds() {
  }

  public static void main(String[] args) throws Exception {
    String workbooks = Path.of(args[0]).toAbsolutePath().toString();
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    Options options = new OptionsBuilder()
        .include(WarmBenchmarks.class.getName() + "\\.(" + String.join("|", BENCHMARKS) + ")$")
        .param("workbook", Workbooks.READY)
        .forks(1)
        .warmupIterations(3)
        .warmupTime(TimeValue.seconds(2))
        .measurementIterations(2)
        .measurementTime(TimeValue.seconds(1))
        .jvmArgsAppend("-Dbench.workbooks=" + workbooks)
        .verbosity(VerboseMode.SILENT)
        .build();
    Map<String, List<Double>> scores = new LinkedHashMap<>();
    BENCHMARKS.forEach(b -> scores.put(b, new ArrayList<>()));
    List<Double> overA = new ArrayList<>();
    List<Double> overB = new ArrayList<>();
    List<Double> copyOverW = new ArrayList<>();
    for (int round = 1; round <= rounds; round++) {
      Map<String, Double> inRound = new LinkedHashMap<>();
      for (RunResult r : new Runner(options).run()) {
        String name = r.getParams().getBenchmark();
        inRound.put(name.substring(name.lastIndexOf('.') + 1), r.getPrimaryResult().getScore());
      }
      inRound.forEach((b, s) -> scores.get(b).add(s));
      double s = inRound.get("parseAndRules");
      overA.add(s / inRound.get("baselinePoi"));
      overB.add(s / inRound.get("floorStax"));
      copyOverW.add(inRound.get("annotate") / inRound.get("baselinePoiWrite"));
      System.err.printf("round %d: A %.0f µs, B %.0f µs, parse + rules %.0f µs%n", round,
          inRound.get("baselinePoi"), inRound.get("floorStax"), s);
    }
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode out = json.createObjectNode();
    out.put("rounds", rounds);
    out.put("workbook", Workbooks.READY);
    out.put("settings",
        "per round, each benchmark in its own fork: 3 warm-up iterations of 2 s and 2 measured ones of 1 s");
    ObjectNode medians = out.putObject("medianUs");
    scores.forEach((b, list) -> medians.put(b, ReportWriter.median(list)));
    out.put("sOverA", ReportWriter.median(overA));
    out.put("sOverB", ReportWriter.median(overB));
    out.put("copyOverW", ReportWriter.median(copyOverW));
    ArrayNode copyByRound = out.putArray("copyOverWByRound");
    copyOverW.forEach(copyByRound::add);
    ArrayNode perRound = out.putArray("sOverAByRound");
    overA.forEach(perRound::add);
    json.writeValue(Path.of(args[1]).toFile(), out);
  }
}
