package dev.intake.rules;

import dev.intake.model.CaseStudy;
import dev.intake.model.DateValue;
import dev.intake.model.Finding;
import dev.intake.model.Text;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * 2.1: every deployment went live within the past months the checklist gives (18 in 4.0) of the as-of
 * date. Inclusive: a go-live exactly that many months before counts. A date that ages out within the
 * checklist's warning days (30) is a warning; a month-only date is read as the first of the month
 * and noted.
 */
final class CaseStudyAgeRule implements Rule {

  @Override public String id() {
    return "case-study-age";
  }

  @Override public RuleGroup group() {
    return RuleGroup.CASE_STUDIES;
  }

  @Override public List<Finding> evaluate(RuleContext ctx) {
    Findings all = new Findings(ctx, id());
    int months = ctx.parameters().caseStudyMaxAgeMonths();
    LocalDate asOf = ctx.asOf();
    for (CaseStudy c : ctx.assessment().caseStudies()) {
      DateValue d = DateValue.of(c.goLiveDate());
      String cs = "Case study " + c.number();
      Findings out = all.about(Subjects.caseStudy(c, "go-live date"));
      if (d instanceof DateValue.Missing) {
        out.blocker(cs + " has no go-live date, so its age cannot be checked.",
            "Enter the date the deployment went live in production, as " + DateValue.FORMS + ".", c.goLiveDate());
        continue;
      }
      if (d instanceof DateValue.Invalid) {
        out.blocker(cs + "'s go-live date " + Text.quote(c.goLiveDate().text())
            + " is not a date in a supported form.", "Write the date as " + DateValue.FORMS + ".", c.goLiveDate());
        continue;
      }
      LocalDate live = d.day().orElseThrow();
      if (DateValue.ambiguous(c.goLiveDate())) {
        out.info(cs + "'s go-live date " + Text.quote(c.goLiveDate().text()) + " was read as " + live
            + " (MM/DD/YYYY).", "If you meant day first, write the date as YYYY-MM-DD (e.g. " + live.getYear() + "-"
            + String.format("%02d-%02d", live.getDayOfMonth(), live.getMonthValue()) + ").", c.goLiveDate());
      }
      if (d instanceof DateValue.MonthOnly) {
        out.info(cs + "'s go-live date " + Text.quote(c.goLiveDate().text())
            + " gives only a month; it was read as " + live + ".", "Enter the exact go-live date.", c.goLiveDate());
      }
      if (live.isAfter(asOf)) {
        out.blocker(cs + "'s go-live date " + live + " is after " + asOf
            + "; a case study must describe a deployment already in production.",
            "Correct the date, or use a project that is already live.", c.goLiveDate());
        continue;
      }
      LocalDate lastCounted = lastDayCounted(live, months);
      if (lastCounted.isBefore(asOf)) {
        out.blocker(cs + " went live on " + live + ", more than " + months + " months before " + asOf
            + " (it counted until " + lastCounted + ").",
            "Replace it with a deployment performed within the past " + months + " months.", c.goLiveDate());
      } else if (ChronoUnit.DAYS.between(asOf, lastCounted) < ctx.parameters().caseStudyAgeWarningDays()) {
        out.warning(cs + " went live on " + live + " and stops counting after " + lastCounted + " ("
            + ChronoUnit.DAYS.between(asOf, lastCounted) + " days from " + asOf + ").",
            "Apply before then, or prepare a more recent case study.", c.goLiveDate());
      }
    }
    return all.list();
  }

  /**
   * The last as-of date on which a deployment that went live on {@code live} is within the past
   * {@code months} months: the largest day d with {@code d.minusMonths(months) <= live}. Month
   * arithmetic clamps to the month's end, so a 29 February go-live counts through 31 August.
   */
  static LocalDate lastDayCounted(LocalDate live, int months) {
    LocalDate d = live.plusMonths(months);
    while (!d.plusDays(1).minusMonths(months).isAfter(live)) {
      d = d.plusDays(1);
    }
    return d;
  }
}
