package dev.intake.rules;

import dev.intake.model.CaseStudy;
import dev.intake.model.CellRef;
import dev.intake.model.Finding;
import dev.intake.model.Severity;
import java.util.List;
import java.util.Objects;

/** 2.1: at least so many case studies, from at least so many distinct customers (4 and 4 in 4.0). */
final class CaseStudyCountRule implements Rule {

  @Override public String id() {
    return "case-study-count";
  }

  @Override public RuleGroup group() {
    return RuleGroup.CASE_STUDIES;
  }

  @Override public List<Finding> evaluate(RuleContext ctx) {
    List<CaseStudy> studies = ctx.assessment().caseStudies();
    int need = ctx.parameters().minCaseStudies();
    int needCustomers = ctx.parameters().minDistinctCustomers();
    long customers = studies.stream()
        .map(c -> CustomerNames.key(c.customerName().text()))
        .filter(k -> !k.isEmpty())
        .filter(Objects::nonNull)
        .distinct()
        .count();
    Findings out = new Findings(ctx, id());
    CellRef sheet = CellRef.sheet(ctx.assessment().sheets().caseStudies());
    out = out.about(Subjects.CASE_STUDIES);
    if (studies.size() < need) {
      out.add(Severity.BLOCKER, "The workbook has " + studies.size() + " case stud"
          + (studies.size() == 1 ? "y" : "ies") + "; at least " + need + " are required.",
          "Add " + (need - studies.size()) + " more production DevOps case stud"
              + (need - studies.size() == 1 ? "y" : "ies") + ", each for a different customer.", sheet);
    } else if (customers < needCustomers) {
      out.add(Severity.BLOCKER, "The case studies name " + customers + " distinct customer"
          + (customers == 1 ? "" : "s") + "; " + needCustomers + " unique customers are required.",
          "Replace the repeated customers' case studies with projects for other customers.", sheet);
    }
    return out.list();
  }
}
