package dev.intake.rules;

import dev.intake.model.ControlResponse;
import dev.intake.model.Finding;
import java.util.List;
import java.util.Locale;

/** 3.1: a control the partner answers "Not met" blocks the application (unless it is waived). */
final class NotMetRule implements Rule {

  @Override public String id() {
    return "self-assessment-not-met";
  }

  @Override public RuleGroup group() {
    return RuleGroup.PREREQUISITES;
  }

  @Override public List<Finding> evaluate(RuleContext ctx) {
    Findings out = new Findings(id());
    boolean waived = ctx.waiver().waived();
    for (ControlResponse r : ctx.assessment().controls()) {
      String id = r.controlId().text().strip().toUpperCase(Locale.ROOT);
      var control = ctx.checklist().control(id);
      if (control.isEmpty() || (waived && control.get().waivable())) {
        continue;
      }
      if (Values.response(r.response()) == Values.Response.NOT_MET) {
        out.blocker(control.get().id(), "Control " + control.get().id() + " (" + control.get().title()
            + ") is answered Not met.",
            "Meet the control and gather its evidence before applying; every control must be met.", r.response());
      }
    }
    return out.list();
  }
}
