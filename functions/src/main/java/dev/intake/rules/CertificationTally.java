package dev.intake.rules;

import dev.intake.model.Certification;
import dev.intake.model.DateValue;
import dev.intake.model.Text;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who holds which certification on the as-of date. A person counts once however many rows name
 * them; a validation number listed twice counts once; a certification expiring on the as-of date
 * is still valid that day.
 */
final class CertificationTally {

  enum Kind { ASSOCIATE, PROFESSIONAL, OTHER }

  /** Why a row does not count. */
  enum Problem { NO_PERSON, UNKNOWN_CERTIFICATION, NO_EXPIRY, BAD_EXPIRY, EXPIRED, DUPLICATE_NUMBER }

  record RowProblem(Certification row, Problem problem, Certification firstWithNumber) {
  }

  final Set<String> associates = new HashSet<>();
  final Set<String> professionals = new HashSet<>();
  final List<RowProblem> problems = new ArrayList<>();

  static CertificationTally of(RuleContext ctx) {
    CertificationTally t = new CertificationTally();
    Map<String, Certification> byNumber = new HashMap<>();
    for (Certification c : ctx.assessment().certifications()) {
      String person = personKey(c.person().text());
      Kind kind = kind(c.certification().text(), ctx);
      if (person.isEmpty()) {
        t.problems.add(new RowProblem(c, Problem.NO_PERSON, null));
        continue;
      }
      if (kind == Kind.OTHER) {
        t.problems.add(new RowProblem(c, Problem.UNKNOWN_CERTIFICATION, null));
        continue;
      }
      String number = Text.key(c.validationNumber().text());
      if (!number.isEmpty()) {
        Certification first = byNumber.putIfAbsent(number, c);
        if (first != null) {
          t.problems.add(new RowProblem(c, Problem.DUPLICATE_NUMBER, first));
          continue;
        }
      }
      DateValue expiry = DateValue.of(c.expiryDate());
      if (expiry instanceof DateValue.Missing) {
        t.problems.add(new RowProblem(c, Problem.NO_EXPIRY, null));
        continue;
      }
      if (expiry instanceof DateValue.Invalid) {
        t.problems.add(new RowProblem(c, Problem.BAD_EXPIRY, null));
        continue;
      }
      if (lastValidDay(expiry).isBefore(ctx.asOf())) {
        t.problems.add(new RowProblem(c, Problem.EXPIRED, null));
        continue;
      }
      (kind == Kind.ASSOCIATE ? t.associates : t.professionals).add(person);
    }
    return t;
  }

  /** The last day a certification with this expiry date is valid: a month-only date runs to the month's end. */
  static LocalDate lastValidDay(DateValue expiry) {
    return expiry instanceof DateValue.MonthOnly m
        ? m.date().withDayOfMonth(m.date().lengthOfMonth())
        : expiry.day().orElseThrow();
  }

  static String personKey(String name) {
    return String.join(" ", Text.fold(name).replaceAll("[^\\p{L}\\p{N}]+", " ").trim().split("\\s+")).trim();
  }

  static Kind kind(String certification, RuleContext ctx) {
    String k = Text.key(certification);
    for (String name : ctx.parameters().professionalCertifications()) {
      if (matches(k, name)) {
        return Kind.PROFESSIONAL;
      }
    }
    for (String name : ctx.parameters().associateCertifications()) {
      if (matches(k, name)) {
        return Kind.ASSOCIATE;
      }
    }
    return Kind.OTHER;
  }

  /** "AWS Certified Developer - Associate (DVA-C02)" names "Developer – Associate". */
  private static boolean matches(String key, String name) {
    String[] words = Text.fold(name).split("[^\\p{L}\\p{N}]+");
    for (String w : words) {
      if (!w.isEmpty() && !key.contains(w)) {
        return false;
      }
    }
    return true;
  }
}
