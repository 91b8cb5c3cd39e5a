package dev.intake.model;

import java.util.List;

/** The rows of the Partner Profile sheet, with the other names partners give them. */
public enum ProfileField {
  PARTNER_NAME("Partner name", "Company name", "Partner", "Organization name", "Organisation name"),
  PARTNER_ID("Partner ID", "APN ID", "Partner Central ID", "Partner identifier"),
  PARTNER_WEBSITE("Partner website", "Website", "Company website", "Web site"),
  PARTNER_TIER("Partner tier", "Tier", "APN tier", "AWS Partner tier"),
  SERVICES_PATH_STAGE("Services Path stage", "Services Path", "Path stage", "Services Path membership"),
  GUIDELINES_READ("Program Guidelines read", "Program Guidelines", "Guidelines read",
      "Read the Program Guidelines"),
  FTR_APPROVED("FTR approved", "FTR", "Foundational Technical Review approved", "Approved FTR"),
  FTR_APPROVAL_DATE("FTR approval date", "FTR date", "FTR approved on"),
  OTHER_COMPETENCY("Other competency achieved", "Other competency", "Other AWS competency"),
  OTHER_COMPETENCY_DATE("Other competency date", "Other competency achieved date",
      "Other competency achieved on"),
  CHECKLIST_VERSION("Checklist version", "Version", "Validation checklist version"),
  CONTACT_EMAIL("Contact email", "Email", "Contact e-mail", "Contact");

  private final String label;
  private final List<String> synonyms;

  ProfileField(String label, String... synonyms) {
    this.label = label;
    this.synonyms = List.of(synonyms);
  }

  /** The name the template uses. */
  public String label() {
    return label;
  }

  /** The label and every synonym accepted for it. */
  public List<String> names() {
    return java.util.stream.Stream.concat(java.util.stream.Stream.of(label), synonyms.stream()).toList();
  }
}
