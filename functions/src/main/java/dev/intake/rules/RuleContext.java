package dev.intake.rules;

import dev.intake.checklist.Checklist;
import dev.intake.checklist.Parameters;
import dev.intake.model.Assessment;
import java.time.LocalDate;
import java.util.Objects;

/**
 * What every rule may read: the assessment, the checklist it is judged against, and the as-of
 * date (the upload day, or {@code --as-of}).
 *
 * @param uploadedPartnerId the partner folder the file was uploaded to, or empty when unknown
 */
public record RuleContext(Assessment assessment, Checklist checklist, LocalDate asOf, String uploadedPartnerId) {

  public RuleContext {
    Objects.requireNonNull(assessment, "assessment");
    Objects.requireNonNull(checklist, "checklist");
    Objects.requireNonNull(asOf, "asOf");
    uploadedPartnerId = uploadedPartnerId == null ? "" : uploadedPartnerId;
  }

  public Parameters parameters() {
    return checklist.parameters();
  }

  /** Whether the Common AWS Partner Practice Requirements are waived, and why. */
  public Waiver waiver() {
    return Waiver.of(this);
  }
}
