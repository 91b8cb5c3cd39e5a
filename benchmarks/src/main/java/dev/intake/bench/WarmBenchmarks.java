package dev.intake.bench;

import dev.intake.model.FindingsReport;
import dev.intake.report.Evaluator;
import dev.intake.report.WorkbookAnnotator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Warm figures, average time per operation on one workbook: baseline A, floor B, the subject
 * (parse + every rule, with and without the JSON report) and, separately, the annotated-workbook
 * writer (streamed, {@code annotate}; the previous one on POI's user model, {@code annotatePoi}) against
 * baseline W (POI opens the workbook and writes it again), each given the same report
 * ({@link Annotations}). The workbooks are read from the folder in the system property {@code bench.workbooks}
 * (made by {@link Workbooks}). Modest settings — one fork, 3 warm-up and 5 measured iterations of
 * 2 s — so the whole run fits a small machine; run.sh passes the same on the command line.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class WarmBenchmarks {

  @Param({Workbooks.READY, Workbooks.MEDIUM})
  public String workbook;

  private byte[] bytes;
  private Evaluator evaluator;
  private FindingsReport withFindings;
  private WorkbookAnnotator annotator;

  @Setup
  public void load() throws IOException {
    bytes = Files.readAllBytes(Path.of(System.getProperty("bench.workbooks", "benchmarks/target/bench/workbooks"))
        .resolve(workbook));
    evaluator = Evaluator.standard();
    withFindings = Annotations.report(evaluator, bytes, workbook);
    annotator = Annotations.unbounded();
  }

  @Benchmark
  public long baselinePoi() throws IOException {
    return PoiBaseline.readAll(bytes);
  }

  @Benchmark
  public long floorStax() throws IOException {
    return StaxFloor.scan(bytes);
  }

  @Benchmark
  public FindingsReport parseAndRules() {
    return Verdict.evaluate(evaluator, bytes, workbook);
  }

  @Benchmark
  public String verdict() {
    return Verdict.run(evaluator, bytes, workbook);
  }

  @Benchmark
  public long baselinePoiWrite() throws IOException {
    return PoiBaseline.loadAndWrite(bytes);
  }

  @Benchmark
  public byte[] annotate() {
    return annotator.annotate(bytes, withFindings).workbook();
  }

  @Benchmark
  public byte[] annotatePoi() throws IOException {
    return PoiAnnotator.annotate(bytes, withFindings);
  }
}
