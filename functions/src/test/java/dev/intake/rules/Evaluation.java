package dev.intake.rules;

import dev.intake.checklist.Checklist;
import dev.intake.model.Finding;
import dev.intake.model.Severity;
import dev.intake.parsing.ParseOutcome;
import dev.intake.parsing.WorkbookParser;
import dev.intake.testing.WorkbookBuilder;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A workbook parsed by the real {@link WorkbookParser} and judged by the standard {@link RuleEngine}, so
 * the tests prove the parser and the rules together. Findings are compared as {@link Seen} rows: rule,
 * checklist item, severity and the sheet and cell they point at.
 */
public final class Evaluation {

  private static final WorkbookParser PARSER = new WorkbookParser();

  private final ParseOutcome.Parsed parsed;
  private final RuleResult rules;

  private Evaluation(ParseOutcome.Parsed parsed, RuleResult rules) {
    this.parsed = parsed;
    this.rules = rules;
  }

  public static Evaluation of(WorkbookBuilder workbook, LocalDate asOf) {
    return of(workbook.build(), asOf, "", Checklist.current());
  }

  public static Evaluation of(WorkbookBuilder workbook, LocalDate asOf, String uploadedPartnerId) {
    return of(workbook.build(), asOf, uploadedPartnerId, Checklist.current());
  }

  public static Evaluation of(byte[] xlsx, LocalDate asOf, String uploadedPartnerId, Checklist checklist) {
    return of(xlsx, asOf, uploadedPartnerId, RuleEngine.standard(checklist));
  }

  public static Evaluation of(byte[] xlsx, LocalDate asOf, String uploadedPartnerId, RuleEngine engine) {
    ParseOutcome outcome = PARSER.parse(xlsx, "test.xlsx");
    if (!(outcome instanceof ParseOutcome.Parsed parsed)) {
      throw new AssertionError("expected a readable workbook, got " + outcome);
    }
    return new Evaluation(parsed, engine.evaluate(parsed.assessment(), asOf, uploadedPartnerId));
  }

  public ParseOutcome.Parsed parsed() {
    return parsed;
  }

  public RuleResult rules() {
    return rules;
  }

  /** Parse notes, then rule findings. */
  public List<Finding> findings() {
    List<Finding> all = new ArrayList<>(parsed.notes());
    all.addAll(rules.findings());
    return all;
  }

  /** Every finding, as rule / checklist item / severity / location. */
  public List<Seen> seen() {
    return findings().stream().map(Evaluation::seen).toList();
  }

  /** The findings of one rule (or parse note kind). */
  public List<Finding> findings(String ruleId) {
    return findings().stream().filter(f -> f.ruleId().equals(ruleId)).toList();
  }

  /** The one finding of a rule; fails when there is not exactly one. */
  public Finding only(String ruleId) {
    List<Finding> found = findings(ruleId);
    if (found.size() != 1) {
      throw new AssertionError("expected one '" + ruleId + "' finding, got " + found);
    }
    return found.get(0);
  }

  public static Seen seen(Finding f) {
    return new Seen(f.ruleId(), f.checklistRef(), f.severity(), f.location() == null ? "(file)"
        : f.location().toString());
  }

  public static Seen seen(String ruleId, String checklistRef, Severity severity, String location) {
    return new Seen(ruleId, checklistRef, severity, location);
  }

  /**
   * A finding reduced to what the partner acts on.
   *
   * @param location "Sheet!A1" for a cell, "Sheet row 3" for a row, "Sheet" for a sheet, "(file)" for none
   */
  public record Seen(String ruleId, String checklistRef, Severity severity, String location) {
  }
}
