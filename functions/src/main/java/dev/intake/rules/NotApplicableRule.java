package dev.intake.rules;

import dev.intake.checklist.Control;
import dev.intake.model.ControlResponse;
import dev.intake.model.Finding;
import java.util.List;
import java.util.Map;

/**
 * 3.1: a control answered "N/A" blocks unless it is waived. The checklist allows N/A only for the
 * other categories of a competency with several; DevOps has one, so every control applies.
 */
final class NotApplicableRule implements Rule {

  @Override public String id() {
    return "self-assessment-not-applicable";
  }

  @Override public RuleGroup group() {
    return RuleGroup.PREREQUISITES;
  }

  @Override public List<Finding> evaluate(RuleContext ctx) {
    Findings out = new Findings(ctx, id());
    boolean waived = ctx.waiver().waived();
    for (Map.Entry<Control, ControlResponse> e : ControlRows.first(ctx).entrySet()) {
      Control control = e.getKey();
      ControlResponse r = e.getValue();
      if (waived && control.waivable() || Values.response(r.response()) != Values.Response.NOT_APPLICABLE) {
        continue;
      }
      out.about(Subjects.control(control.id(), "response"))
          .blocker(control, "Control " + control.id() + " (" + control.title() + ") is answered N/A; the"
          + " checklist allows N/A only for the other categories of a competency with several, and the "
          + ctx.checklist().competency() + " has no categories, so every control applies.",
          "Meet " + control.id() + " and answer Met with its evidence.", r.response());
    }
    return out.list();
  }
}
