package dev.intake.model;

/** The partner a report is about, as the workbook names it (either part may be empty). */
public record PartnerRef(String name, String id) {

  public static final PartnerRef UNKNOWN = new PartnerRef("", "");
}
