package dev.intake.rules;

import dev.intake.model.CaseStudy;
import dev.intake.model.Finding;
import dev.intake.model.Text;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** 2.1: one case study per customer, each customer a separate legal entity, each named. */
final class UniqueCustomerRule implements Rule {

  @Override public String id() {
    return "case-study-unique-customer";
  }

  @Override public RuleGroup group() {
    return RuleGroup.CASE_STUDIES;
  }

  @Override public List<Finding> evaluate(RuleContext ctx) {
    Findings out = new Findings(ctx, id());
    Map<String, CaseStudy> first = new HashMap<>();
    for (CaseStudy c : ctx.assessment().caseStudies()) {
      String key = CustomerNames.key(c.customerName().text());
      if (key.isEmpty()) {
        out.about(Subjects.caseStudy(c, "customer name")).blocker("Case study " + c.number() + " has no customer name.",
            "Enter the customer's legal name; for an anonymized public case study the name stays private but is"
                + " still required here.", c.customerName());
        continue;
      }
      CaseStudy earlier = first.putIfAbsent(key, c);
      if (earlier != null) {
        out.about(Subjects.caseStudy(c, "customer name"))
            .blocker("Case study " + c.number() + "'s customer " + Text.quote(c.customerName().text())
            + " is the same customer as case study " + earlier.number() + "'s "
            + Text.quote(earlier.customerName().text()) + "; AWS accepts one case study per customer.",
            "Replace case study " + c.number() + " with a project for a different customer (a separate legal"
                + " entity).", c.customerName());
      }
    }
    return out.list();
  }
}
