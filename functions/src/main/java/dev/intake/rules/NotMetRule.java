package dev.intake.rules;

import dev.intake.checklist.Control;
import dev.intake.model.ControlResponse;
import dev.intake.model.Finding;
import java.util.List;
import java.util.Map;

/** 3.1: a control the partner answers "Not met" blocks the application (unless it is waived). */
final class NotMetRule implements Rule {

  @Override public String id() {
    return "self-assessment-not-met";
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
      if (waived && control.waivable()) {
        continue;
      }
      if (Values.response(r.response()) == Values.Response.NOT_MET) {
        out.about(Subjects.control(control.id(), "response")).blocker(control, "Control " + control.id() + " ("
            + control.title()
            + ") is answered Not met.",
            "Meet the control and gather its evidence before applying; every control must be met.", r.response());
      }
    }
    return out.list();
  }
}
