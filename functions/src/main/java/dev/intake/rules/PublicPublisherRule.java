package dev.intake.rules;

import dev.intake.model.CaseStudy;
import dev.intake.model.Finding;
import dev.intake.model.ProfileField;
import dev.intake.model.Text;
import java.util.List;

/**
 * 2.2: the public URL is "published by the partner". A page whose host is not under the partner
 * website's domain (a blog platform, a customer's site, a news site) may still be the partner's, so
 * a reviewer looks: a warning, never a blocker. Without a partner website there is nothing to compare.
 */
final class PublicPublisherRule implements Rule {

  @Override public String id() {
    return "public-case-study-publisher";
  }

  @Override public RuleGroup group() {
    return RuleGroup.PUBLIC_URLS;
  }

  @Override public List<Finding> evaluate(RuleContext ctx) {
    Findings out = new Findings(ctx, id());
    String site = PublicUrls.siteDomain(ctx.assessment().profile().text(ProfileField.PARTNER_WEBSITE));
    if (site.isEmpty()) {
      return out.list();
    }
    for (CaseStudy c : ctx.assessment().caseStudies()) {
      String url = c.publicUrl().text();
      if (Values.yesNo(c.isPublic()) != Values.YesNo.YES || PublicUrls.problem(url) != null) {
        continue;
      }
      String host = PublicUrls.host(url);
      if (!host.equals(site) && !host.endsWith("." + site)) {
        out.about(Subjects.caseStudy(c, "public page"))
            .warning("Case study " + c.number() + "'s public page is on " + Text.quote(host) + ", not on the partner"
            + " website " + Text.quote(site) + "; a reviewer will check that the partner published it.",
            "Link the copy published on " + site + " if there is one, or say in the case study where the partner"
                + " published it.", c.publicUrl());
      }
    }
    return out.list();
  }
}
