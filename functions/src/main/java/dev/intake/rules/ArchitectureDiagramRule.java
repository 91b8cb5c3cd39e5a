package dev.intake.rules;

import dev.intake.model.CaseStudy;
import dev.intake.model.Finding;
import java.util.List;

/** 2.1 and DOC-001: each case study comes with an architecture diagram of the customer deployment. */
final class ArchitectureDiagramRule implements Rule {

  @Override public String id() {
    return "case-study-diagram";
  }

  @Override public RuleGroup group() {
    return RuleGroup.CASE_STUDIES;
  }

  @Override public List<Finding> evaluate(RuleContext ctx) {
    Findings out = new Findings(ctx, id());
    for (CaseStudy c : ctx.assessment().caseStudies()) {
      if (c.architectureDiagram().isBlank()) {
        out.about(Subjects.caseStudy(c, "architecture diagram"))
            .blocker("Case study " + c.number() + " names no architecture diagram.",
            "Attach the diagram of this customer's deployment and put its file name or link in 'Architecture"
                + " diagram' (DOC-001 lists what it must show).", c.architectureDiagram());
      }
    }
    return out.list();
  }
}
