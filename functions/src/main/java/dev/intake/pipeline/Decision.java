package dev.intake.pipeline;

import java.time.Instant;
import java.util.Objects;

/**
 * A reviewer's decision on a submission, kept as an append-only audit trail.
 *
 * @param findingRef for OVERRIDE_FINDING, which finding ("ruleId@Sheet!A1" or the finding's index)
 */
public record Decision(
    String decisionId,
    String submissionId,
    Action action,
    String comment,
    String findingRef,
    String reviewer,
    Instant at) {

  /** What the reviewer decided. */
  public enum Action { ACCEPT, REQUEST_CHANGES, OVERRIDE_FINDING }

  public Decision {
    Objects.requireNonNull(decisionId, "decisionId");
    Objects.requireNonNull(submissionId, "submissionId");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(comment, "comment");
    Objects.requireNonNull(reviewer, "reviewer");
    Objects.requireNonNull(at, "at");
  }
}
