package dev.intake.rules;

import dev.intake.model.CellValue;
import dev.intake.model.Finding;
import dev.intake.model.ProfileField;
import dev.intake.model.Text;
import java.util.List;

/** 1.1 Program Guidelines: the partner must have read them. */
final class GuidelinesReadRule implements Rule {

  @Override public String id() {
    return "guidelines-read";
  }

  @Override public RuleGroup group() {
    return RuleGroup.PREREQUISITES;
  }

  @Override public List<Finding> evaluate(RuleContext ctx) {
    CellValue v = ctx.assessment().profile().get(ProfileField.GUIDELINES_READ);
    Findings out = new Findings(ctx, id()).about(Subjects.profile(ProfileField.GUIDELINES_READ));
    String fix = "Read the AWS DevOps Competency Program Guidelines and Definitions, then answer Yes in"
        + " 'Program Guidelines read'.";
    switch (Values.yesNo(v)) {
      case YES -> {
        // met
      }
      case NO -> out.blocker("The Program Guidelines have not been read; the checklist requires it before"
          + " applying.", fix, v);
      case BLANK -> out.blocker("'Program Guidelines read' is not answered.", fix, v);
      default -> out.blocker("'Program Guidelines read' should be Yes or No, not " + Text.quote(v.text())
          + ".", fix, v);
    }
    return out.list();
  }
}
