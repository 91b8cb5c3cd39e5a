package dev.intake.rules;

import dev.intake.checklist.Control;
import dev.intake.model.CellRef;
import dev.intake.model.CellValue;
import dev.intake.model.Finding;
import dev.intake.model.Severity;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects one rule's findings under its id, citing the checklist item the checklist data gives
 * the rule (or, for a finding about one control, that control).
 */
final class Findings {

  private final String ruleId;
  private final String ref;
  private final List<Finding> list = new ArrayList<>();

  Findings(RuleContext ctx, String ruleId) {
    this.ruleId = ruleId;
    this.ref = ctx.checklist().ref(ruleId);
  }

  /** The item this rule's findings cite, e.g. {@code 2.1}. */
  String ref() {
    return ref;
  }

  Findings add(Severity severity, String message, String remediation, CellRef at) {
    return add(ref, severity, message, remediation, at);
  }

  private Findings add(String cited, Severity severity, String message, String remediation, CellRef at) {
    list.add(new Finding(ruleId, cited, severity, message, remediation, at));
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

  List<Finding> list() {
    return List.copyOf(list);
  }
}
