package dev.intake.rules;

import dev.intake.checklist.Control;
import dev.intake.model.CellRef;
import dev.intake.model.ControlResponse;
import dev.intake.model.Finding;
import dev.intake.model.Severity;
import dev.intake.model.Text;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * 3.1 Self-Assessment: every control has a row, a response (Met, Not met or N/A) and evidence that is
 * more than a placeholder. Controls the FTR / competency waiver covers need no answer.
 */
final class SelfAssessmentRule implements Rule {

  @Override public String id() {
    return "self-assessment-complete";
  }

  @Override public RuleGroup group() {
    return RuleGroup.PREREQUISITES;
  }

  @Override public List<Finding> evaluate(RuleContext ctx) {
    Findings out = new Findings(ctx, id());
    boolean waived = ctx.waiver().waived();
    String sheet = ctx.assessment().sheets().selfAssessment();
    Map<String, ControlResponse> rows = new HashMap<>();
    for (ControlResponse r : ctx.assessment().controls()) {
      String id = Text.visible(r.controlId().text()).toUpperCase(java.util.Locale.ROOT);
      if (ctx.checklist().control(id).isEmpty()) {
        out.about("Self-Assessment: control " + Text.quote(r.controlId().text()))
            .warning("Row " + r.row() + " names control " + Text.quote(r.controlId().text())
            + ", which checklist " + ctx.checklist().version() + " does not have; the row was ignored.",
            "Use the control IDs of the template (" + ctx.checklist().controls().get(0).id() + " … "
                + ctx.checklist().controls().get(ctx.checklist().controls().size() - 1).id() + ").", r.controlId());
      } else if (rows.putIfAbsent(id, r) != null) {
        out.about(Subjects.control(id)).warning("Control " + id + " has more than one row; only the first (row "
            + rows.get(id).row() + ") was evaluated.", "Keep one row per control and delete the others.",
            r.controlId());
      }
    }
    for (Control control : ctx.checklist().controls()) {
      if (waived && control.waivable()) {
        continue;
      }
      ControlResponse r = rows.get(control.id());
      if (r == null) {
        out.about(Subjects.control(control.id()))
            .add(Severity.BLOCKER, "Control " + control.id() + " (" + control.title() + ") has no row in the"
            + " Self-Assessment.", "Add a row for " + control.id() + " with its response, evidence and case studies.",
            CellRef.sheet(sheet));
        continue;
      }
      Values.Response response = Values.response(r.response());
      Findings answer = out.about(Subjects.control(control.id(), "response"));
      switch (response) {
        case BLANK -> answer.blocker("Control " + control.id() + " has no response.",
            "Answer Met, Not met or N/A for " + control.id() + ".", r.response());
        case OTHER -> answer.blocker("The response to " + control.id() + " is " + Text.quote(r.response().text())
            + "; it must be Met, Not met or N/A.", "Choose Met, Not met or N/A from the drop-down.", r.response());
        default -> {
          // answered; Not met and N/A are the next rules' to judge
        }
      }
      if (response == Values.Response.NOT_MET || response == Values.Response.NOT_APPLICABLE) {
        continue;
      }
      Findings evidence = out.about(Subjects.control(control.id(), "evidence"));
      if (r.evidence().isBlank()) {
        evidence.blocker("Control " + control.id() + " has no evidence.",
            "Describe or link the evidence for " + control.id() + " (document, demo or customer example).",
            r.evidence());
      } else if (Evidence.placeholder(r.evidence().text())) {
        evidence.blocker("Control " + control.id() + "'s evidence is " + Text.quote(r.evidence().text())
            + ", which says nothing about the evidence.",
            "Say what the evidence for " + control.id() + " is and where the reviewer finds it (document, demo or"
                + " customer example).", r.evidence());
      }
    }
    return out.list();
  }
}
