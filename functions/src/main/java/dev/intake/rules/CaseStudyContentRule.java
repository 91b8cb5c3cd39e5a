package dev.intake.rules;

import dev.intake.model.CaseStudy;
import dev.intake.model.Finding;
import java.util.List;

/**
 * 2.1: every case study shows the customer challenge it solved, how AWS was used and the outcome
 * ("Each case study must demonstrate how the partner offering was used by a customer to solve a
 * specific DevOps customer challenge using AWS"). A public one is judged by 2.2, which asks for the
 * same and more, so a missing cell gives one finding, not two.
 */
final class CaseStudyContentRule implements Rule {

  @Override public String id() {
    return "case-study-content";
  }

  @Override public RuleGroup group() {
    return RuleGroup.CASE_STUDIES;
  }

  @Override public List<Finding> evaluate(RuleContext ctx) {
    Findings out = new Findings(ctx, id());
    for (CaseStudy c : ctx.assessment().caseStudies()) {
      if (Values.yesNo(c.isPublic()) == Values.YesNo.YES) {
        continue;
      }
      String cs = "Case study " + c.number();
      out.requireField(c, "customer challenge", c.customerChallenge(), cs + " does not describe the customer challenge",
          "Describe the DevOps challenge the customer faced, even if the case study stays private.");
      out.requireField(c, "how AWS was used", c.howAwsWasUsed(), cs + " does not say how AWS was used",
          "Describe how the partner offering used AWS to solve it.");
      out.requireField(c, "outcome", c.outcome(), cs + " gives no outcome",
          "State what the customer achieved (and, where possible, quantitative results).");
    }
    return out.list();
  }
}
