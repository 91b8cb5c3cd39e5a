package dev.intake.rules;

import dev.intake.model.CaseStudy;
import dev.intake.model.CellRef;
import dev.intake.model.Finding;
import dev.intake.model.Severity;
import dev.intake.model.Text;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * 2.2: at least two case studies are public, each with its own absolute URL to a public host; each
 * URL problem is pointed at its cell. One page cannot be two case studies, so the same URL twice
 * counts once. Plain http is a warning: the checklist asks for a public URL, https is our wish.
 */
final class PublicCaseStudyRule implements Rule {

  @Override public String id() {
    return "public-case-study-url";
  }

  @Override public RuleGroup group() {
    return RuleGroup.PUBLIC_URLS;
  }

  @Override public List<Finding> evaluate(RuleContext ctx) {
    Findings out = new Findings(ctx, id());
    Map<String, CaseStudy> pages = new HashMap<>();
    int good = 0;
    int marked = 0;
    for (CaseStudy c : ctx.assessment().caseStudies()) {
      Values.YesNo pub = Values.yesNo(c.isPublic());
      Findings about = out.about(Subjects.caseStudy(c, "public URL"));
      if (pub == Values.YesNo.OTHER) {
        out.about(Subjects.caseStudy(c, "public"))
            .warning("Case study " + c.number() + "'s 'Public' is " + Text.quote(c.isPublic().text())
            + "; it should be Yes or No, so it was read as not public.", "Choose Yes or No.", c.isPublic());
      }
      if (pub != Values.YesNo.YES) {
        continue;
      }
      marked++;
      String url = c.publicUrl().text();
      String problem = PublicUrls.problem(url);
      if (problem != null) {
        about.blocker("Case study " + c.number() + " is marked public but its URL "
            + (c.publicUrl().isBlank() ? "" : Text.quote(url) + " ") + problem + ".",
            "Give the https address of the page where the partner published this case study.", c.publicUrl());
        continue;
      }
      CaseStudy earlier = pages.putIfAbsent(PublicUrls.page(url), c);
      if (earlier != null) {
        about.blocker("Case study " + c.number() + "'s public URL " + Text.quote(url) + " is the same page as case"
            + " study " + earlier.number() + "'s; one page cannot be two public case studies.",
            "Give the address of the page that describes case study " + c.number() + ", or mark it not public.",
            c.publicUrl());
        continue;
      }
      good++;
      if (PublicUrls.plainHttp(url)) {
        about.warning("Case study " + c.number() + "'s public URL " + Text.quote(url) + " is served over http, not"
            + " https; it counts, but a reviewer will check the page opens.",
            "Give the https address of the page if the site has one.", c.publicUrl());
      }
    }
    int need = ctx.parameters().minPublicCaseStudies();
    if (good < need) {
      out.about(Subjects.PUBLIC_CASE_STUDIES).add(Severity.BLOCKER, (marked == 0 ? "No case study is marked public"
          : good + " of the case studies " + (good == 1 ? "is" : "are") + " public with a valid URL of "
              + (good == 1 ? "its" : "their") + " own")
          + "; at least " + need + " publicly available case studies are required.",
          "Publish " + (need - good) + " more case stud" + (need - good == 1 ? "y" : "ies")
              + " (case study, white paper, video or blog post) and give their https URLs.",
          CellRef.sheet(ctx.assessment().sheets().caseStudies()));
    }
    return out.list();
  }
}
