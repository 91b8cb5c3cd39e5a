package dev.intake.checklist;

import java.util.List;

/**
 * One line of 4.1: at least {@code minPeople} distinct people holding one of {@code accepted}.
 *
 * @param kind a short name, e.g. {@code associate}; the rule that counts it is {@code certifications-<kind>}
 */
public record CertificationRequirement(String kind, int minPeople, List<AcceptedCertification> accepted) {

  public CertificationRequirement {
    accepted = List.copyOf(accepted);
    if (accepted.isEmpty()) {
      throw new IllegalArgumentException("certification requirement '" + kind + "' accepts nothing");
    }
  }

  /** The id of the rule that counts this requirement. */
  public String ruleId() {
    return "certifications-" + kind;
  }

  /** Every name that counts, successors included. */
  public List<String> acceptedNames() {
    return accepted.stream().map(AcceptedCertification::name).toList();
  }

  /** The checklist's own names (successors left out), as 4.1 lists them. */
  public List<String> names() {
    return accepted.stream().filter(a -> !a.successor()).map(AcceptedCertification::name).toList();
  }
}
