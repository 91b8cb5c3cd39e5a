package dev.intake.rules;

import dev.intake.model.CaseStudy;
import dev.intake.model.Certification;
import dev.intake.model.ProfileField;
import dev.intake.model.Text;

/**
 * What a finding is about ({@link dev.intake.model.Finding#subject()}), named the way the partner
 * names it — a case study by its customer, a control by its id, a certification by its holder, a
 * profile field by its label — and never by a row number: a partner who inserts a row above a case
 * study has not changed what its findings are about. The wording is for people; the comparison of
 * two submissions folds case and punctuation before it compares.
 */
final class Subjects {

  static final String CASE_STUDIES = "Case studies";
  static final String PUBLIC_CASE_STUDIES = "Public case studies";
  static final String WAIVER = "Practice waiver";

  private Subjects() {
  }

  /**
   * {@code Case study "Acme Corp"}, by its customer as written; {@code Case study #3} (the partner's
   * own number, not a row) when no customer is named.
   */
  static String caseStudy(CaseStudy c) {
    String customer = Text.visible(c.customerName().text());
    return customer.isEmpty() ? "Case study #" + c.number() : "Case study \"" + customer + "\"";
  }

  /** One field of a case study: {@code Case study "Acme Corp": go-live date}. */
  static String caseStudy(CaseStudy c, String field) {
    return caseStudy(c) + ": " + field;
  }

  /** {@code Control POV-001}. */
  static String control(String id) {
    return "Control " + Text.visible(id);
  }

  /** One part of a control's answer: {@code Control POV-001: evidence}. */
  static String control(String id, String part) {
    return control(id) + ": " + part;
  }

  /**
   * A certification row by its holder and certification, else by its validation number:
   * {@code Certification of "Jane Doe" (DevOps Engineer - Professional)}.
   */
  static String certification(Certification c) {
    String person = Text.visible(c.person().text());
    String name = Text.visible(c.certification().text());
    if (!person.isEmpty()) {
      return "Certification of \"" + person + "\"" + (name.isEmpty() ? "" : " (" + name + ")");
    }
    String number = Text.visible(c.validationNumber().text());
    if (!number.isEmpty()) {
      return validationNumber(number);
    }
    return name.isEmpty() ? "Certification without a person" : "Certification \"" + name + "\" without a person";
  }

  /** {@code Validation number ABC123}. */
  static String validationNumber(String number) {
    return "Validation number " + Text.visible(number);
  }

  /** {@code Partner Profile: Partner tier}. */
  static String profile(ProfileField field) {
    return "Partner Profile: " + field.label();
  }

  /** The certification requirement a count is about: {@code Certified people: DevOps Engineer - Professional}. */
  static String certifiedPeople(String requirement) {
    return "Certified people: " + requirement;
  }
}
