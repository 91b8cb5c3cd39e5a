package dev.intake.model;

/** The partner a report is about, as the workbook names it (either part may be empty). */
public record PartnerRef(String name, String id) {

  public static final PartnerRef UNKNOWN = new PartnerRef("", "");

  /** Partner text, kept as {@link Text#visible} gives it whatever record or report it was read from. */
  public PartnerRef {
    name = Text.visible(name);
    id = Text.visible(id);
  }
}
