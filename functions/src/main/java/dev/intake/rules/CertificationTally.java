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
import java.util.regex.Pattern;

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

  private static final Pattern SPACES = Pattern.compile("\\s+");

  final Set<String> associates = new HashSet<>();
  final Set<String> professionals = new HashSet<>();
  final List<RowProblem> problems = new ArrayList<>();

  static CertificationTally of(RuleContext ctx) {
    CertificationTally t = new CertificationTally();
    Map<String, Certification> byNumber = new HashMap<>();
    // The checklist's certification names, split into words once rather than for every row.
    List<String[]> professional = words(ctx.parameters().professionalCertifications());
    List<String[]> associate = words(ctx.parameters().associateCertifications());
    for (Certification c : ctx.assessment().certifications()) {
      String person = personKey(c.person().text());
      Kind kind = kind(Text.key(c.certification().text()), professional, associate);
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

  /** The words (runs of letters and digits) of the folded name, joined by single spaces. */
  static String personKey(String name) {
    String folded = Text.fold(name);
    if (Text.ascii(folded)) {
      // The same words without the regular expressions, for the usual case: in ASCII, \p{L} and \p{N}
      // are the letters and digits.
      StringBuilder out = new StringBuilder(folded.length());
      boolean inWord = false;
      for (int i = 0; i < folded.length(); i++) {
        char c = folded.charAt(i);
        if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
          if (!inWord && out.length() > 0) {
            out.append(' ');
          }
          out.append(c);
          inWord = true;
        } else {
          inWord = false;
        }
      }
      return out.toString();
    }
    return String.join(" ", SPACES.split(Values.NOT_ALPHANUMERIC.matcher(folded).replaceAll(" ").trim())).trim();
  }

  private static Kind kind(String key, List<String[]> professional, List<String[]> associate) {
    for (String[] name : professional) {
      if (matches(key, name)) {
        return Kind.PROFESSIONAL;
      }
    }
    for (String[] name : associate) {
      if (matches(key, name)) {
        return Kind.ASSOCIATE;
      }
    }
    return Kind.OTHER;
  }

  private static List<String[]> words(List<String> names) {
    List<String[]> words = new ArrayList<>(names.size());
    for (String name : names) {
      words.add(Values.NOT_ALPHANUMERIC.split(Text.fold(name)));
    }
    return words;
  }

  /** "AWS Certified Developer - Associate (DVA-C02)" names "Developer – Associate". */
  private static boolean matches(String key, String[] words) {
    for (String w : words) {
      if (!w.isEmpty() && !key.contains(w)) {
        return false;
      }
    }
    return true;
  }
}
