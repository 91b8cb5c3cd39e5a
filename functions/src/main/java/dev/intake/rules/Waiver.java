package dev.intake.rules;

import dev.intake.model.CellValue;
import dev.intake.model.DateValue;
import dev.intake.model.ProfileField;
import dev.intake.model.Text;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The checklist waives the Common AWS Partner Practice Requirements (POV, PRJ, CSN) when the offering
 * has an approved FTR, or the partner achieved another AWS Services Competency within the last 12
 * months (inclusive: exactly 12 months before the as-of date still waives). The competency applied
 * for is not "another": a partner renewing DevOps cannot waive with DevOps.
 *
 * @param reason why it is waived, or why not, in a sentence
 * @param cell the profile cell the decision rests on
 */
public record Waiver(boolean waived, String reason, CellValue cell) {

  static Waiver of(RuleContext ctx) {
    var profile = ctx.assessment().profile();
    CellValue ftr = profile.get(ProfileField.FTR_APPROVED);
    if (Values.yesNo(ftr) == Values.YesNo.YES) {
      return new Waiver(true, "the offering has an approved Foundational Technical Review (FTR)", ftr);
    }
    CellValue competency = profile.get(ProfileField.OTHER_COMPETENCY);
    CellValue date = profile.get(ProfileField.OTHER_COMPETENCY_DATE);
    if (competency.isBlank() || Values.yesNo(competency) == Values.YesNo.NO) {
      return new Waiver(false, "there is no approved FTR and no other competency", ftr);
    }
    if (sameCompetency(competency.text(), ctx.checklist().competency())) {
      return new Waiver(false, "the competency named, " + Text.quote(competency.text()) + ", is the "
          + ctx.checklist().competency() + " itself; only another AWS Services Competency waives", competency);
    }
    var day = DateValue.of(date).day();
    if (day.isEmpty()) {
      return new Waiver(false, "the date the other competency was achieved is missing or unreadable", date);
    }
    LocalDate earliest = ctx.asOf().minusMonths(ctx.checklist().waiver().otherCompetencyMonths());
    if (day.get().isBefore(earliest)) {
      return new Waiver(false, "the other competency was achieved on " + day.get() + ", more than "
          + ctx.checklist().waiver().otherCompetencyMonths() + " months before " + ctx.asOf(), date);
    }
    if (day.get().isAfter(ctx.asOf())) {
      return new Waiver(false, "the other competency date " + day.get() + " is in the future", date);
    }
    return new Waiver(true, "another AWS competency was achieved on " + day.get() + ", within the last "
        + ctx.checklist().waiver().otherCompetencyMonths() + " months", date);
  }

  /** Words that name no competency in particular: "AWS DevOps Competency" and "DevOps" are the same one. */
  private static final Set<String> FILLER = Set.of("aws", "amazon", "competency", "competencies", "services",
      "service", "consulting", "partner", "the", "program", "designation", "specialization");

  static boolean sameCompetency(String named, String competency) {
    String a = significant(named);
    return !a.isEmpty() && a.equals(significant(competency));
  }

  private static String significant(String name) {
    return Arrays.stream(Values.NOT_ALPHANUMERIC.split(Text.fold(name)))
        .filter(w -> !w.isEmpty() && !FILLER.contains(w))
        .collect(Collectors.joining());
  }
}
