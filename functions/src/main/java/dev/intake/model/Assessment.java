package dev.intake.model;

import java.util.List;

/** Everything the rules read from a partner's workbook. */
public record Assessment(
    PartnerProfile profile,
    List<Certification> certifications,
    List<CaseStudy> caseStudies,
    List<ControlResponse> controls,
    SheetNames sheets) {

  public Assessment {
    certifications = List.copyOf(certifications);
    caseStudies = List.copyOf(caseStudies);
    controls = List.copyOf(controls);
  }

  /** The sheet names as this workbook spells them, so findings name the tab the partner sees. */
  public record SheetNames(String profile, String certifications, String caseStudies, String selfAssessment) {

    public static final SheetNames TEMPLATE =
        new SheetNames("Partner Profile", "Certifications", "Case Studies", "Self-Assessment");
  }

  public PartnerRef partner() {
    return new PartnerRef(profile.text(ProfileField.PARTNER_NAME), profile.text(ProfileField.PARTNER_ID));
  }
}
