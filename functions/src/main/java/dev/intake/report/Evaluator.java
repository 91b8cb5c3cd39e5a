package dev.intake.report;

import dev.intake.checklist.Checklist;
import dev.intake.model.FindingsReport;
import dev.intake.parsing.ParseOutcome;
import dev.intake.parsing.WorkbookParser;
import dev.intake.rules.RuleEngine;
import dev.intake.rules.RuleResult;
import java.time.LocalDate;

/** Parse and every rule in one call: what the pre-flight CLI and the benchmarks run. */
public final class Evaluator {

  private final WorkbookParser parser;
  private final RuleEngine engine;

  public Evaluator(WorkbookParser parser, RuleEngine engine) {
    this.parser = parser;
    this.engine = engine;
  }

  public static Evaluator standard() {
    return new Evaluator(new WorkbookParser(), RuleEngine.standard(Checklist.current()));
  }

  public FindingsReport evaluate(byte[] workbook, String fileName, LocalDate asOf) {
    return evaluate(parser.parse(workbook, fileName), asOf, "", null);
  }

  /** Evaluates an already parsed workbook. */
  public FindingsReport evaluate(ParseOutcome outcome, LocalDate asOf, String uploadedPartnerId,
      String submissionId) {
    Checklist checklist = engine.checklist();
    if (outcome instanceof ParseOutcome.Rejected rejected) {
      return ReportAssembler.rejected(submissionId, checklist, asOf, rejected.reasons());
    }
    ParseOutcome.Parsed parsed = (ParseOutcome.Parsed) outcome;
    RuleResult result = engine.evaluate(parsed.assessment(), asOf, uploadedPartnerId);
    return ReportAssembler.evaluated(submissionId, parsed.assessment().partner(), checklist, asOf, parsed.notes(),
        result);
  }

  public WorkbookParser parser() {
    return parser;
  }

  public RuleEngine engine() {
    return engine;
  }
}
