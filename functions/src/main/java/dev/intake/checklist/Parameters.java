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
    int minPublicCaseStudies) {

  public Parameters {
    requiredTiers = List.copyOf(requiredTiers);
    requiredServicesPathStages = List.copyOf(requiredServicesPathStages);
  }
}
