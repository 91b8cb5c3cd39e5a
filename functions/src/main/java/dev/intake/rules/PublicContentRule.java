package dev.intake.rules;

import dev.intake.model.CaseStudy;
import dev.intake.model.Finding;
import java.util.List;

/**
 * 2.2: a public case study gives the customer name (or, anonymized, a customer description), the
 * challenge, how AWS was used, and the outcome.
 */
final class PublicContentRule implements Rule {

  @Override public String id() {
    return "public-case-study-content";
  }

  @Override public RuleGroup group() {
    return RuleGroup.PUBLIC_URLS;
  }

  @Override public List<Finding> evaluate(RuleContext ctx) {
    Findings out = new Findings(ctx, id());
    for (CaseStudy c : ctx.assessment().caseStudies()) {
      if (Values.yesNo(c.isPublic()) != Values.YesNo.YES) {
        continue;
      }
      String cs = "Public case study " + c.number();
      boolean anonymized = Values.yesNo(c.anonymized()) == Values.YesNo.YES;
      if (anonymized) {
        out.requireField(c, "customer description", c.customerDescription(),
            cs + " is anonymized but has no customer description",
            "Describe the customer without naming it (e.g. 'a Fortune 500 financial institution').");
      } else {
        out.requireField(c, "customer name", c.customerName(), cs + " has no customer name",
            "Name the customer, or mark the case study Anonymized and describe the customer instead.");
      }
      out.requireField(c, "customer challenge", c.customerChallenge(), cs + " does not describe the customer challenge",
          "Describe the DevOps challenge the customer faced.");
      out.requireField(c, "how AWS was used", c.howAwsWasUsed(), cs + " does not say how AWS was used",
          "Describe, with high-level and technical detail, how AWS was leveraged in the solution.");
      out.requireField(c, "outcome", c.outcome(), cs + " gives no outcome",
          "State the outcome(s) and, where possible, quantitative results.");
    }
    return out.list();
  }
}
