package dev.intake.rules;

import dev.intake.model.CaseStudy;
import dev.intake.model.Finding;
import java.util.List;

/** 2.1: an internal or affiliate customer counts only if the offering is sold outside; a reviewer confirms. */
final class InternalCustomerRule implements Rule {

  @Override public String id() {
    return "case-study-internal";
  }

  @Override public RuleGroup group() {
    return RuleGroup.CASE_STUDIES;
  }

  @Override public List<Finding> evaluate(RuleContext ctx) {
    Findings out = new Findings(ctx, id());
    for (CaseStudy c : ctx.assessment().caseStudies()) {
      if (Values.yesNo(c.internalOrAffiliate()) == Values.YesNo.YES) {
        out.about(Subjects.caseStudy(c))
            .warning("Case study " + c.number() + " is for an internal or affiliate company; it counts only if"
            + " the offering is available to outside customers, which a reviewer will confirm.",
            "Say in the case study how the offering is sold to customers outside the partner's group.",
            c.internalOrAffiliate());
      }
    }
    return out.list();
  }
}
