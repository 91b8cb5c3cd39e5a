package dev.intake.pipeline;

import java.time.Instant;
import java.util.Objects;

/**
 * Where the program office's review of a submission stands: a projection of its decisions
 * ({@link ReviewLog#project}), kept on the submission so a listing can filter and show it without
 * reading every trail. The decisions stay the source of truth; a projection that fell behind its
 * trail (a crash between the two writes) is rolled forward by the next read of the trail.
 *
 * @param updatedAt when the last decision was made; null while there is none
 * @param by who made it (the reviewer's principal); null while there is none
 * @param decisions how many decisions the projection includes (the last one's sequence number)
 * @param lastHash the last included decision's hash; null while there is none
 * @param overriddenBlockers how many of the submission's blockers an OVERRIDE_FINDING set aside
 */
public record Review(State state, Instant updatedAt, String by, int decisions, String lastHash,
    int overriddenBlockers) {

  /**
   * NEW → IN_REVIEW → CHANGES_REQUESTED | ACCEPTED ({@link ReviewLog} has the moves each decision
   * makes). NEW and IN_REVIEW are open: the office has not answered yet.
   */
  public enum State {
    NEW, IN_REVIEW, CHANGES_REQUESTED, ACCEPTED;

    /** The office still owes the partner an answer. */
    public boolean open() {
      return this == NEW || this == IN_REVIEW;
    }
  }

  /** A submission no reviewer has decided anything on. */
  public static final Review NONE = new Review(State.NEW, null, null, 0, null, 0);

  public Review {
    Objects.requireNonNull(state, "state");
    if (decisions < 0 || overriddenBlockers < 0) {
      throw new IllegalArgumentException("counts cannot be negative");
    }
  }
}
