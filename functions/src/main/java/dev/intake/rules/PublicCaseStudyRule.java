package dev.intake.rules;

import dev.intake.model.CaseStudy;
import dev.intake.model.CellRef;
import dev.intake.model.Finding;
import dev.intake.model.Severity;
import dev.intake.model.Text;
import java.util.List;

/**
 * 2.2: at least two case studies are public, each with an absolute https URL to a public host;
 * each URL problem is pointed at its cell.
 */
final class PublicCaseStudyRule implements Rule {

  @Override public String id() {
    return "public-case-study-url";
  }

  @Override public RuleGroup group() {
    return RuleGroup.PUBLIC_URLS;
  }

  @Override public List<Finding> evaluate(RuleContext ctx) {
    Findings out = new Findings(id());
    int good = 0;
    int marked = 0;
    for (CaseStudy c : ctx.assessment().caseStudies()) {
      Values.YesNo pub = Values.yesNo(c.isPublic());
      if (pub == Values.YesNo.OTHER) {
        out.warning("2.2", "Case study " + c.number() + "'s 'Public' is " + Text.quote(c.isPublic().text())
            + "; it should be Yes or No, so it was read as not public.", "Choose Yes or No.", c.isPublic());
      }
      if (pub != Values.YesNo.YES) {
        continue;
      }
      marked++;
      String problem = PublicUrls.problem(c.publicUrl().text());
      if (problem == null) {
        good++;
      } else {
        out.blocker("2.2", "Case study " + c.number() + " is marked public but its URL "
            + (c.publicUrl().isBlank() ? "" : Text.quote(c.publicUrl().text()) + " ") + problem + ".",
            "Give the https address of the page where the partner published this case study.", c.publicUrl());
      }
    }
    int need = ctx.parameters().minPublicCaseStudies();
    if (good < need) {
      out.add("2.2", Severity.BLOCKER, (marked == 0 ? "No case study is marked public"
          : good + " of the case studies " + (good == 1 ? "is" : "are") + " public with a valid https URL")
          + "; at least " + need + " publicly available case studies are required.",
          "Publish " + (need - good) + " more case stud" + (need - good == 1 ? "y" : "ies")
              + " (case study, white paper, video or blog post) and give their https URLs.",
          CellRef.sheet(ctx.assessment().sheets().caseStudies()));
    }
    return out.list();
  }
}
