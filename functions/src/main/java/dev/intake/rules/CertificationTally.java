package dev.intake.rules;

import dev.intake.checklist.AcceptedCertification;
import dev.intake.checklist.CertificationRequirement;
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

  /** Why a row does not count. */
  enum Problem { NO_PERSON, UNKNOWN_CERTIFICATION, NO_EXPIRY, BAD_EXPIRY, EXPIRED, DUPLICATE_NUMBER }

  record RowProblem(Certification row, Problem problem, Certification firstWithNumber) {
  }

  /** A row whose certification is the successor of one the checklist names, and counts as it. */
  record Successor(Certification row, AcceptedCertification accepted) {
  }

  /** An accepted name split into words once, rather than for every row. */
  private record Name(CertificationRequirement requirement, AcceptedCertification accepted, String[] words,
      int letters) {
  }

  private final Map<String, Set<String>> people = new HashMap<>();
  final List<RowProblem> problems = new ArrayList<>();
  final List<Successor> successors = new ArrayList<>();

  /** The distinct people who count toward one requirement of 4.1. */
  Set<String> people(CertificationRequirement requirement) {
    return people.getOrDefault(requirement.kind(), Set.of());
  }

  static CertificationTally of(RuleContext ctx) {
    CertificationTally t = new CertificationTally();
    Map<String, Certification> byNumber = new HashMap<>();
    List<Name> names = names(ctx.checklist().certifications());
    for (Certification c : ctx.assessment().certifications()) {
      String person = personKey(c.person().text());
      Name name = match(Text.key(c.certification().text()), names);
      if (person.isEmpty()) {
        t.problems.add(new RowProblem(c, Problem.NO_PERSON, null));
        continue;
      }
      if (name == null) {
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
      if (name.accepted().successor()) {
        t.successors.add(new Successor(c, name.accepted()));
      }
      t.people.computeIfAbsent(name.requirement().kind(), k -> new HashSet<>()).add(person);
    }
    return t;
  }

  /** The last day a certification with this expiry date is valid: a month-only date runs to the month's end. */
  static LocalDate lastValidDay(DateValue expiry) {
    return expiry instanceof DateValue.MonthOnly m
        ? m.date().withDayOfMonth(m.date().lengthOfMonth())
        : expiry.day().orElseThrow();
  }

  /** The words (runs of letters and digits) of the folded name, joined by single spaces. */
  static String personKey(String name) {
    return Values.words(Text.fold(name));
  }

  /**
   * The accepted name the key names; when several do, the longest (the most specific). Null when none
   * does.
   */
  private static Name match(String key, List<Name> names) {
    Name best = null;
    for (Name n : names) {
      if (matches(key, n.words()) && (best == null || n.letters() > best.letters())) {
        best = n;
      }
    }
    return best;
  }

  /** The names of the requirements last asked for (the checklist's, on every call): made once, not per tally. */
  private static volatile Names lastNames;

  private record Names(List<CertificationRequirement> requirements, List<Name> names) {
  }

  private static List<Name> names(List<CertificationRequirement> requirements) {
    Names last = lastNames;
    if (last != null && last.requirements() == requirements) {
      return last.names();
    }
    List<Name> names = List.copyOf(newNames(requirements));
    lastNames = new Names(requirements, names);
    return names;
  }

  private static List<Name> newNames(List<CertificationRequirement> requirements) {
    List<Name> names = new ArrayList<>();
    for (CertificationRequirement r : requirements) {
      for (AcceptedCertification a : r.accepted()) {
        String[] words = Values.NOT_ALPHANUMERIC.split(Text.fold(a.name()));
        names.add(new Name(r, a, words, String.join("", words).length()));
      }
    }
    return names;
  }

  /**
   * "AWS Certified Developer - Associate (DVA-C02)" names "Developer – Associate": every word of the
   * name is in the key, whatever the dashes, spaces, prefix or exam code around them.
   */
  private static boolean matches(String key, String[] words) {
    for (String w : words) {
      if (!w.isEmpty() && !key.contains(w)) {
        return false;
      }
    }
    return true;
  }
}
