package dev.intake.rules;

import dev.intake.model.CaseStudy;
import dev.intake.model.Finding;
import dev.intake.model.ProfileField;
import dev.intake.model.Text;
import java.net.URI;
import java.util.List;

/**
 * 2.2, optional: the public page is reachable and names the partner (and the customer unless the
 * case study is anonymized). Warnings only: a page can be briefly down, or name the partner in an
 * image.
 */
final class LivePageRule implements Rule {

  private final PageFetcher fetcher;

  LivePageRule(PageFetcher fetcher) {
    this.fetcher = fetcher;
  }

  @Override public String id() {
    return "public-case-study-live";
  }

  @Override public RuleGroup group() {
    return RuleGroup.PUBLIC_URLS;
  }

  @Override public List<Finding> evaluate(RuleContext ctx) {
    Findings out = new Findings(ctx, id());
    String partner = ctx.assessment().profile().text(ProfileField.PARTNER_NAME);
    for (CaseStudy c : ctx.assessment().caseStudies()) {
      if (Values.yesNo(c.isPublic()) != Values.YesNo.YES || PublicUrls.problem(c.publicUrl().text()) != null) {
        continue;
      }
      String cs = "Case study " + c.number() + "'s public page " + Text.quote(c.publicUrl().text());
      Findings about = out.about(Subjects.caseStudy(c, "public page"));
      PageFetcher.Result r = fetcher.fetch(URI.create(c.publicUrl().text().strip()));
      if (r instanceof PageFetcher.Refused refused) {
        about.warning(cs + " was not fetched: " + refused.reason() + ".",
            "Give the address of the page on the public web.", c.publicUrl());
      } else if (r instanceof PageFetcher.Failed failed) {
        about.warning(cs + " could not be fetched: " + failed.reason() + ".",
            "Check that the page is published and reachable without signing in.", c.publicUrl());
      } else if (r instanceof PageFetcher.Page page) {
        String body = Text.fold(page.text());
        if (!partner.isBlank() && !mentions(body, partner)) {
          about.warning(cs + " does not mention the partner " + Text.quote(partner) + ".",
              "The public case study must name the AWS Partner.", c.publicUrl());
        }
        boolean anonymized = Values.yesNo(c.anonymized()) == Values.YesNo.YES;
        if (!anonymized && !c.customerName().isBlank() && !mentions(body, c.customerName().text())) {
          about.warning(cs + " does not mention the customer " + Text.quote(c.customerName().text()) + ".",
              "The public case study must name the customer, or be marked Anonymized.", c.publicUrl());
        }
      }
    }
    return out.list();
  }

  private static boolean mentions(String foldedBody, String name) {
    String key = CustomerNames.key(name);
    return !key.isEmpty() && foldedBody.replaceAll("[^\\p{L}\\p{N}]+", " ").contains(key);
  }
}
