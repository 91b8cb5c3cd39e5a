package dev.intake.rules;

import dev.intake.model.CellValue;
import dev.intake.model.Finding;
import dev.intake.model.ProfileField;
import dev.intake.model.Text;
import java.util.List;
import java.util.function.Function;

/**
 * A profile field that must hold one of a few values, such as 1.2 (Services Path stage: Validated or
 * Differentiated) and 1.3 (tier: Advanced or Premier).
 */
final class ProfileChoiceRule implements Rule {

  private final String id;
  private final ProfileField field;
  private final List<String> choices;
  private final Function<RuleContext, List<String>> required;
  private final String what;
  private final String remedy;

  /**
   * @param choices every value the template offers for the field
   * @param required the values that meet the checklist, from its parameters
   * @param what how a message names the value, e.g. "Tier" in "a Select Tier partner"
   * @param remedy the remediation, after "The competency needs …;"
   */
  private ProfileChoiceRule(String id, ProfileField field, List<String> choices,
      Function<RuleContext, List<String>> required, String what, String remedy) {
    this.id = id;
    this.field = field;
    this.choices = choices;
    this.required = required;
    this.what = what;
    this.remedy = remedy;
  }

  /** 1.2 Services Path Membership: the Validated or Differentiated stage. */
  static ProfileChoiceRule servicesPathStage() {
    return new ProfileChoiceRule("services-path-stage", ProfileField.SERVICES_PATH_STAGE,
        dev.intake.template.Layout.PATH_STAGES, ctx -> ctx.parameters().requiredServicesPathStages(),
        "at the %s stage of the Services Path",
        "Partners must be at the %s stage of the Services Path; talk to your PDR/PDM about progressing,"
            + " and record the stage in 'Services Path stage'.");
  }

  /** 1.3 AWS Partner Tier: Advanced or Premier. */
  static ProfileChoiceRule partnerTier() {
    return new ProfileChoiceRule("partner-tier", ProfileField.PARTNER_TIER, dev.intake.template.Layout.TIERS,
        ctx -> ctx.parameters().requiredTiers(), "a %s Tier partner",
        "The competency is open to %s Tier partners; record the tier shown in AWS Partner Central in"
            + " 'Partner tier'.");
  }

  @Override public String id() {
    return id;
  }

  @Override public RuleGroup group() {
    return RuleGroup.PREREQUISITES;
  }

  @Override public List<Finding> evaluate(RuleContext ctx) {
    List<String> needed = required.apply(ctx);
    CellValue v = ctx.assessment().profile().get(field);
    String value = Values.oneOf(v, choices);
    String label = "'" + field.label() + "'";
    String fix = String.format(remedy, Values.list(needed));
    Findings out = new Findings(ctx, id).about(Subjects.profile(field));
    if (v.isBlank()) {
      out.blocker(label + " is not answered.", fix, v);
    } else if (value == null) {
      out.blocker(label + " is " + Text.quote(v.text()) + ", not one of " + Values.list(choices) + ".", fix, v);
    } else if (!needed.contains(value)) {
      out.blocker("The partner is " + String.format(what, value) + "; the competency needs "
          + Values.list(needed) + ".", fix, v);
    }
    return out.list();
  }
}
