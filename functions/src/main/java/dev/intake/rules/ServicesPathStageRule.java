package dev.intake.rules;

import dev.intake.model.CellValue;
import dev.intake.model.Finding;
import dev.intake.model.ProfileField;
import dev.intake.model.Text;
import dev.intake.template.Layout;
import java.util.List;

/** 1.2 Services Path Membership: Validated or Differentiated stage. */
final class ServicesPathStageRule implements Rule {

  @Override public String id() {
    return "services-path-stage";
  }

  @Override public RuleGroup group() {
    return RuleGroup.PREREQUISITES;
  }

  @Override public List<Finding> evaluate(RuleContext ctx) {
    List<String> required = ctx.parameters().requiredServicesPathStages();
    CellValue v = ctx.assessment().profile().get(ProfileField.SERVICES_PATH_STAGE);
    String stage = Values.oneOf(v, Layout.PATH_STAGES);
    Findings out = new Findings(id());
    String fix = "Partners must be at the " + Values.list(required) + " stage of the Services Path; talk to your"
        + " PDR/PDM about progressing, and record the stage in 'Services Path stage'.";
    if (v.isBlank()) {
      out.blocker("1.2", "'Services Path stage' is not answered.", fix, v);
    } else if (stage == null) {
      out.blocker("1.2", "'Services Path stage' is " + Text.quote(v.text()) + ", not one of "
          + Values.list(Layout.PATH_STAGES) + ".", fix, v);
    } else if (!required.contains(stage)) {
      out.blocker("1.2", "The partner is at the " + stage + " stage of the Services Path; the competency needs "
          + Values.list(required) + ".", fix, v);
    }
    return out.list();
  }
}
