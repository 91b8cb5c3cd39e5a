package dev.intake.checklist;

import java.util.List;

/** The numbers and names the rules compare against; they change with the checklist version. */
public record Parameters(
    List<String> requiredTiers,
    List<String> requiredServicesPathStages,
    int minCaseStudies,
    int minDistinctCustomers,
    int caseStudyMaxAgeMonths,
    int caseStudyAgeWarningDays,
    int minPublicCaseStudies,
    int minAssociateCertified,
    List<String> associateCertifications,
    int minProfessionalCertified,
    List<String> professionalCertifications,
    int waiverCompetencyMonths) {

  public Parameters {
    requiredTiers = List.copyOf(requiredTiers);
    requiredServicesPathStages = List.copyOf(requiredServicesPathStages);
    associateCertifications = List.copyOf(associateCertifications);
    professionalCertifications = List.copyOf(professionalCertifications);
  }
}
