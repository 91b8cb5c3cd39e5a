package dev.intake.aws;

import dev.intake.checklist.Checklist;
import dev.intake.model.FindingsReport;
import dev.intake.model.ReportStatus;
import dev.intake.parsing.ParseOutcome;
import dev.intake.parsing.WorkbookParser;
import dev.intake.pipeline.PipelineJson;
import dev.intake.report.Evaluator;
import dev.intake.report.ReportJson;
import dev.intake.report.WorkbookAnnotator;
import dev.intake.rules.RuleEngine;
import dev.intake.rules.RuleGroup;
import dev.intake.rules.RuleResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * SnapStart priming. Before Lambda snapshots an initialised function it calls this hook, which runs
 * the handlers' own work on a workbook bundled in the jar ({@value #SAMPLE}, a READY sample): parse,
 * the workflow's JSON of the parsed workbook and of each check group's result, every rule, the JSON
 * report, the annotated copy, and a file that is not a workbook. The classes that work needs are then
 * loaded, initialised and compiled in the snapshot rather than on the first request after a restore
 * (BENCHMARKS.md measures what that buys). It makes no AWS call and touches no client or credential.
 *
 * <p>The sample is evaluated on the date it is READY and three years later, when its case studies
 * have aged out and its certifications expired, so the paths that raise and annotate findings run too.
 * Outside SnapStart (no checkpoint is ever taken) registering costs nothing more than a few classes.
 */
public final class SnapStartPriming implements Resource {

  static final String SAMPLE = "priming/ready.xlsx";
  static final LocalDate READY_ON = LocalDate.of(2026, 11, 1);
  static final LocalDate THREE_YEARS_LATER = READY_ON.plusYears(3);

  /** org.crac keeps only a weak reference to a registered resource: this one is held here. */
  private static final SnapStartPriming INSTANCE = new SnapStartPriming();
  private static final AtomicBoolean REGISTERED = new AtomicBoolean();

  private SnapStartPriming() {
  }

  /** Registers the hook with the global CRaC context, once per process. */
  public static void register() {
    if (REGISTERED.compareAndSet(false, true)) {
      Core.getGlobalContext().register(INSTANCE);
    }
  }

  @Override
  public void beforeCheckpoint(Context<? extends Resource> context) {
    prime();
  }

  @Override
  public void afterRestore(Context<? extends Resource> context) {
    // nothing to refresh: priming holds no connection, clock reading or credential
  }

  /** Runs the work once; returns the statuses of the sample on its two dates and of the non-workbook. */
  public static List<ReportStatus> prime() {
    byte[] sample = sample();
    WorkbookParser parser = new WorkbookParser();
    Evaluator evaluator = new Evaluator(parser, RuleEngine.standard(Checklist.current()));
    WorkbookAnnotator annotator = new WorkbookAnnotator();
    List<ReportStatus> statuses = new ArrayList<>();
    for (LocalDate asOf : List.of(READY_ON, THREE_YEARS_LATER)) {
      ParseOutcome parsed = PipelineJson.readParsed(PipelineJson.writeParsed(parser.parse(sample, "priming.xlsx")));
      if (parsed instanceof ParseOutcome.Parsed p) {
        for (RuleGroup group : RuleGroup.values()) {
          RuleResult result = evaluator.engine().evaluate(p.assessment(), asOf, "", EnumSet.of(group));
          PipelineJson.readResult(PipelineJson.writeResult(result));
        }
      }
      FindingsReport report = evaluator.evaluate(parsed, asOf, "", "sub-priming");
      ReportJson.read(ReportJson.write(report));
      annotator.annotate(sample, report);
      statuses.add(report.status());
    }
    FindingsReport rejected = evaluator.evaluate("not,a,workbook\n".getBytes(StandardCharsets.UTF_8), "priming.csv",
        READY_ON);
    annotator.annotate(null, rejected);
    statuses.add(rejected.status());
    return statuses;
  }

  private static byte[] sample() {
    try (InputStream in = SnapStartPriming.class.getClassLoader().getResourceAsStream(SAMPLE)) {
      if (in == null) {
        throw new IllegalStateException("the priming sample " + SAMPLE + " is not in the jar");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
