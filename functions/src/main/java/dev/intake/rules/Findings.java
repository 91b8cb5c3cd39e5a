package dev.intake.rules;

import dev.intake.model.CellRef;
import dev.intake.model.CellValue;
import dev.intake.model.Finding;
import dev.intake.model.Severity;
import java.util.ArrayList;
import java.util.List;

/** Collects one rule's findings under its id. */
final class Findings {

  private final String ruleId;
  private final List<Finding> list = new ArrayList<>();

  Findings(String ruleId) {
    this.ruleId = ruleId;
  }

  Findings add(String ref, Severity severity, String message, String remediation, CellRef at) {
    list.add(new Finding(ruleId, ref, severity, message, remediation, at));
    return this;
  }

  Findings blocker(String ref, String message, String remediation, CellValue at) {
    return add(ref, Severity.BLOCKER, message, remediation, at.ref());
  }

  Findings warning(String ref, String message, String remediation, CellValue at) {
    return add(ref, Severity.WARNING, message, remediation, at.ref());
  }

  Findings info(String ref, String message, String remediation, CellValue at) {
    return add(ref, Severity.INFO, message, remediation, at.ref());
  }

  List<Finding> list() {
    return List.copyOf(list);
  }
}
