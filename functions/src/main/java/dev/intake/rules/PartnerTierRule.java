package dev.intake.rules;

import dev.intake.model.CellValue;
import dev.intake.model.Finding;
import dev.intake.model.ProfileField;
import dev.intake.model.Text;
import dev.intake.template.Layout;
import java.util.List;

/** 1.3 AWS Partner Tier: Advanced or Premier. */
final class PartnerTierRule implements Rule {

  @Override public String id() {
    return "partner-tier";
  }

  @Override public RuleGroup group() {
    return RuleGroup.PREREQUISITES;
  }

  @Override public List<Finding> evaluate(RuleContext ctx) {
    List<String> required = ctx.parameters().requiredTiers();
    CellValue v = ctx.assessment().profile().get(ProfileField.PARTNER_TIER);
    String tier = Values.oneOf(v, Layout.TIERS);
    Findings out = new Findings(id());
    String fix = "The competency is open to " + Values.list(required) + " Tier partners; record the tier shown in"
        + " AWS Partner Central in 'Partner tier'.";
    if (v.isBlank()) {
      out.blocker("1.3", "'Partner tier' is not answered.", fix, v);
    } else if (tier == null) {
      out.blocker("1.3", "'Partner tier' is " + Text.quote(v.text()) + ", not one of " + Values.list(Layout.TIERS)
          + ".", fix, v);
    } else if (!required.contains(tier)) {
      out.blocker("1.3", "The partner is a " + tier + " Tier partner; the competency needs " + Values.list(required)
          + ".", fix, v);
    }
    return out.list();
  }
}
