package dev.intake.rules;

import dev.intake.model.CellValue;
import dev.intake.model.DateValue;
import dev.intake.model.Finding;
import dev.intake.model.ProfileField;
import dev.intake.model.Text;
import java.util.List;

/**
 * Says whether the waivable controls (in 4.0 the Common AWS Partner Practice Requirements: POV, PRJ,
 * CSN) were waived and why, so a partner knows which rows were skipped.
 */
final class WaiverRule implements Rule {

  @Override public String id() {
    return "practice-waiver";
  }

  @Override public RuleGroup group() {
    return RuleGroup.PREREQUISITES;
  }

  @Override public List<Finding> evaluate(RuleContext ctx) {
    Findings out = new Findings(ctx, id());
    Waiver w = ctx.waiver();
    String groups = String.join(" and ", ctx.checklist().waiver().groups());
    String prefixes = Values.all(ctx.checklist().waivablePrefixes());
    if (w.waived()) {
      out.about(Subjects.WAIVER).info("The " + groups + " (" + prefixes + " controls) are waived: " + w.reason() + ".",
          "Nothing to do; those rows need no answer.", w.cell());
    } else {
      CellValue competency = ctx.assessment().profile().get(ProfileField.OTHER_COMPETENCY);
      if (!competency.isBlank() && Values.yesNo(competency) != Values.YesNo.NO) {
        out.about(Subjects.WAIVER).info("The " + groups + " are not waived: " + w.reason() + ".",
            "Answer every " + prefixes + " control with evidence, or record an approved FTR.", w.cell());
      }
    }
    for (ProfileField f : List.of(ProfileField.FTR_APPROVAL_DATE, ProfileField.OTHER_COMPETENCY_DATE)) {
      CellValue v = ctx.assessment().profile().get(f);
      DateValue d = DateValue.of(v);
      Findings about = out.about(Subjects.profile(f));
      if (d instanceof DateValue.MonthOnly m) {
        about.info("'" + f.label() + "' " + Text.quote(v.text()) + " gives only a month; it was read as "
            + m.date() + ".", "Enter the exact date.", v);
      } else if (d instanceof DateValue.Invalid) {
        about.warning("'" + f.label() + "' " + Text.quote(v.text()) + " is not a date in a supported form.",
            "Write the date as " + DateValue.FORMS + ".", v);
      }
    }
    return out.list();
  }
}
