package dev.intake.rules;

import dev.intake.model.CaseStudy;
import dev.intake.model.Finding;
import dev.intake.model.Text;
import dev.intake.template.Layout;
import java.util.List;

/** 2.1: every case study is a project in production, not a pilot or proof of concept. */
final class ProductionStageRule implements Rule {

  @Override public String id() {
    return "case-study-production";
  }

  @Override public RuleGroup group() {
    return RuleGroup.CASE_STUDIES;
  }

  @Override public List<Finding> evaluate(RuleContext ctx) {
    Findings out = new Findings(ctx, id());
    String fix = "Use a project that is live in production with the customer.";
    for (CaseStudy c : ctx.assessment().caseStudies()) {
      String stage = Values.oneOf(c.stage(), List.of("Production", "Pilot", "Proof of concept", "POC", "PoC",
          "Live", "In production"));
      Findings about = out.about(Subjects.caseStudy(c, "stage"));
      if (c.stage().isBlank()) {
        about.blocker("Case study " + c.number() + " does not say its stage.",
            "Choose the stage from the list (" + Values.list(Layout.STAGES) + "); only Production counts.", c.stage());
      } else if (stage == null) {
        about.blocker("Case study " + c.number() + "'s stage " + Text.quote(c.stage().text()) + " is not one of "
            + Values.list(Layout.STAGES) + ".", fix, c.stage());
      } else if (!List.of("Production", "Live", "In production").contains(stage)) {
        about.blocker("Case study " + c.number() + " is at the " + Text.quote(c.stage().text())
            + " stage; case studies must be projects in production, not a pilot or proof of concept.", fix, c.stage());
      }
    }
    return out.list();
  }
}
