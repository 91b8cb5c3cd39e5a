package dev.intake.rules;

import dev.intake.checklist.Control;
import dev.intake.model.CaseStudy;
import dev.intake.model.CellRef;
import dev.intake.model.CellValue;
import dev.intake.model.Finding;
import dev.intake.model.Severity;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects one rule's findings under its id, citing the checklist item the checklist data gives
 * the rule (or, for a finding about one control, that control). {@link #about} names what the next
 * findings are about (their {@link Finding#subject()}, from {@link Subjects}); the collector and its
 * views share one list.
 */
final class Findings {

  private final String ruleId;
  private final String ref;
  private final String subject;
  private final List<Finding> list;

  Findings(RuleContext ctx, String ruleId) {
    this(ruleId, ctx.checklist().ref(ruleId), null, new ArrayList<>());
  }

  private Findings(String ruleId, String ref, String subject, List<Finding> list) {
    this.ruleId = ruleId;
    this.ref = ref;
    this.subject = subject;
    this.list = list;
  }

  /** The same collector, adding findings about {@code subject}. */
  Findings about(String subject) {
    return new Findings(ruleId, ref, subject, list);
  }

  /** The item this rule's findings cite, e.g. {@code 2.1}. */
  String ref() {
    return ref;
  }

  Findings add(Severity severity, String message, String remediation, CellRef at) {
    return add(ref, severity, message, remediation, at);
  }

  private Findings add(String cited, Severity severity, String message, String remediation, CellRef at) {
    list.add(new Finding(ruleId, cited, severity, message, remediation, at, subject));
    return this;
  }

  Findings blocker(String message, String remediation, CellValue at) {
    return add(Severity.BLOCKER, message, remediation, at.ref());
  }

  Findings warning(String message, String remediation, CellValue at) {
    return add(Severity.WARNING, message, remediation, at.ref());
  }

  Findings info(String message, String remediation, CellValue at) {
    return add(Severity.INFO, message, remediation, at.ref());
  }

  /** A blocker about one control, citing the control's id. */
  Findings blocker(Control control, String message, String remediation, CellValue at) {
    return add(control.id(), Severity.BLOCKER, message, remediation, at.ref());
  }

  /** A warning about one control, citing the control's id. */
  Findings warning(Control control, String message, String remediation, CellValue at) {
    return add(control.id(), Severity.WARNING, message, remediation, at.ref());
  }

  /** A blocker about one field of a case study, when the partner left that field blank. */
  Findings requireField(CaseStudy c, String field, CellValue v, String message, String remediation) {
    if (v.isBlank()) {
      about(Subjects.caseStudy(c, field)).blocker(message + ".", remediation, v);
    }
    return this;
  }

  List<Finding> list() {
    return List.copyOf(list);
  }
}
