package dev.intake.rules;

import dev.intake.model.DateValue;
import dev.intake.model.Finding;
import dev.intake.model.Text;
import java.util.List;

/**
 * 4.1: says why a certification row does not count (expired, no expiry, unknown, listed twice), and
 * notes a row whose certification counts as the one it succeeded (in 4.0, CloudOps Engineer –
 * Associate as SysOps Administrator – Associate).
 */
final class CertificationRowRule implements Rule {

  @Override public String id() {
    return "certification-row";
  }

  @Override public RuleGroup group() {
    return RuleGroup.PREREQUISITES;
  }

  @Override public List<Finding> evaluate(RuleContext ctx) {
    Findings out = new Findings(ctx, id());
    for (var c : ctx.assessment().certifications()) {
      if (DateValue.of(c.expiryDate()) instanceof DateValue.MonthOnly m) {
        out.about(Subjects.certification(c) + ": expiry date")
            .info("The expiry date " + Text.quote(c.expiryDate().text()) + " (row " + c.row()
            + ") gives only a month; it was read as valid until " + m.date().withDayOfMonth(m.date().lengthOfMonth())
            + ".", "Enter the exact expiry date from the certificate.", c.expiryDate());
      }
    }
    CertificationTally tally = CertificationTally.of(ctx);
    for (CertificationTally.Successor s : tally.successors) {
      var c = s.row();
      out.about(Subjects.certification(c))
          .info(Text.quote(c.person().text()) + " (row " + c.row() + ") holds " + Text.quote(c.certification().text())
          + ", counted as " + s.accepted().countsAs() + ", " + s.accepted().note() + ".",
          "Nothing to do.", c.certification());
    }
    for (CertificationTally.RowProblem p : tally.problems) {
      var c = p.row();
      Findings about = out.about(Subjects.certification(c));
      String who = c.person().isBlank() ? "Row " + c.row() : Text.quote(c.person().text()) + " (row " + c.row() + ")";
      switch (p.problem()) {
        case NO_PERSON -> {
          if (!c.certification().isBlank() || !c.validationNumber().isBlank()) {
            about.warning("Row " + c.row() + " has a certification but no person, so it is not counted.",
                "Add the certified person's full name.", c.person());
          }
        }
        case UNKNOWN_CERTIFICATION -> about.info(who + " holds " + (c.certification().isBlank()
            ? "no named certification" : Text.quote(c.certification().text()))
            + ", which does not count toward " + out.ref() + ".",
            "Only " + Values.list(ctx.checklist().certificationNames()) + " count; pick one from the list.",
            c.certification());
        case DUPLICATE_NUMBER -> out.about(Subjects.validationNumber(c.validationNumber().text()))
            .warning("Validation number " + Text.quote(c.validationNumber().text())
            + " is listed twice (rows " + p.firstWithNumber().row() + " and " + c.row() + "); it is counted once.",
            "Each certification has its own validation number; remove the duplicate row or correct the number.",
            c.validationNumber());
        case NO_EXPIRY -> about.warning(who + " has no expiry date, so the certification is not counted.",
            "Enter the expiry date shown on the certificate, as " + DateValue.FORMS + ".", c.expiryDate());
        case BAD_EXPIRY -> about.warning(who + " has the expiry date " + Text.quote(c.expiryDate().text())
            + ", which is not a date in a supported form, so the certification is not counted.",
            "Write the date as " + DateValue.FORMS + ".", c.expiryDate());
        case EXPIRED -> about.warning(who + "'s " + Text.quote(c.certification().text()) + " expired on "
            + CertificationTally.lastValidDay(DateValue.of(c.expiryDate())) + ", before " + ctx.asOf()
            + ", so it is not counted.",
            "Recertify, or list someone with a current certification.", c.expiryDate());
        default -> {
          // every problem kind is reported above
        }
      }
    }
    return out.list();
  }
}
