package dev.intake.checklist;

import java.util.List;

/**
 * When the checklist waives a group of controls: an approved FTR, or another AWS Services Competency
 * achieved within {@code otherCompetencyMonths}.
 *
 * @param groups the control groups it waives (in 4.0, the Common AWS Partner Practice Requirements)
 */
public record WaiverTerms(List<String> groups, int otherCompetencyMonths) {

  public WaiverTerms {
    groups = List.copyOf(groups);
  }
}
