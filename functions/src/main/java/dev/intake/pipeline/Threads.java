package dev.intake.pipeline;

import dev.intake.model.PartnerIds;
import java.time.Duration;
import java.util.Optional;

/**
 * A partner's thread: its judged submissions (READY, ACTION_REQUIRED) in {@link Submission#RECEIVED_ORDER},
 * each {@code previousSubmissionId} the judged one before it and {@code supersededBy} its mirror; a
 * REJECTED or FAILED submission is superseded by the earliest judged one after it and follows none.
 *
 * <p>Evaluations of one partner's uploads finish in any order, at once on AWS. So every submission, when it
 * reaches its terminal state, links only the pairs it is part of — its judged neighbours as the store
 * shows them now — and every link is a conditional write that only moves toward the true neighbour
 * ({@link SubmissionStore#linkPrevious}: to a later previous; {@link SubmissionStore#supersede}: to an
 * earlier successor), never to null. Of two neighbours, the one whose verdict is written second sees
 * the other and writes their link, and nothing can move it away after; so once all are evaluated the
 * thread is the one chain, whatever the interleaving. Repeating a link is a no-op, so a retry is safe.
 *
 * <p>That argument needs the store's neighbour queries to see every verdict stored before them. On
 * DynamoDB they read the partner index, a GSI, which is eventually consistent: two neighbours whose
 * verdicts are stored within its propagation delay can each miss the other. So where the index lags,
 * the runtime gives a settle time ({@link Settle}): the
 * links are made again once it has passed, by which time the earlier neighbour is visible.
 *
 * <p>Stray uploads (partner {@link PartnerIds#UNASSIGNED}) are unrelated files: never threaded.
 */
public final class Threads {

  /** Waits out a settle time (a test passes one that moves its clock instead). */
  @FunctionalInterface
  public interface Pause {

    /** {@link Thread#sleep}. */
    Pause SLEEP = d -> Thread.sleep(d.toMillis());

    void pause(Duration duration) throws InterruptedException;
  }

  /**
   * How long after its first linking a submission is linked again, and how that time is waited out.
   *
   * @param time zero where the store's neighbour queries see every write at once
   */
  public record Settle(Duration time, Pause pause) {

    /** No second linking: the store's queries are consistent (dynalite, the in-memory fake). */
    public static final Settle NONE = new Settle(Duration.ZERO, Pause.SLEEP);

    public Settle {
      if (time.isNegative()) {
        throw new IllegalArgumentException("settle time must not be negative, was " + time);
      }
    }

    /** Waits {@code time}, sleeping. */
    public static Settle sleeping(Duration time) {
      return new Settle(time, Pause.SLEEP);
    }
  }

  private Threads() {
  }

  /** Whether the partner's submissions form a thread: every partner's but the stray uploads'. */
  public static boolean threaded(String partnerId) {
    return !PartnerIds.isReserved(partnerId);
  }

  /** The judged submission {@code s} follows, as the store shows it now; empty when it follows none. */
  static Optional<Submission> previous(SubmissionStore store, Submission s) {
    return threaded(s.partnerId()) ? store.previousJudged(s) : Optional.empty();
  }

  /**
   * Links {@code s}, whose terminal state is stored, with its neighbours: for a judged one, the latest
   * judged before it (and the REJECTED and FAILED ones received since, which it answers) and the earliest
   * judged after it; for a REJECTED or FAILED one, the earliest judged after it.
   */
  /** {@link #link(SubmissionStore, Submission)}, then again once {@code settle}'s time has passed. */
  static void link(SubmissionStore store, Submission s, Settle settle) {
    link(store, s);
    if (settle.time().isZero() || !threaded(s.partnerId()) || !s.status().terminal()) {
      return;
    }
    try {
      settle.pause().pause(settle.time());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the partner index settled", e);
    }
    link(store, s);
  }

  static void link(SubmissionStore store, Submission s) {
    if (!threaded(s.partnerId()) || !s.status().terminal()) {
      return;
    }
    Optional<Submission> next = store.nextJudged(s);
    if (!s.judged()) {
      next.ifPresent(later -> supersede(store, s, later));
      return;
    }
    for (Submission before : store.sinceLastJudged(s)) {
      if (before.judged()) {
        linkPrevious(store, s, before);
        supersede(store, before, s);
      } else if (before.status().terminal()) {
        supersede(store, before, s);
      }
    }
    next.ifPresent(later -> {
      supersede(store, s, later);
      linkPrevious(store, later, s);
    });
  }

  /*
   * A link only ever moves toward the true neighbour, so once a copy of a submission (as read, however
   * long ago) shows the link a write would make, the stored link is that one or a nearer one and the
   * write would change nothing: it is not sent (on DynamoDB each is a round trip, and the usual outcome,
   * a failed condition, an exception).
   */

  private static void linkPrevious(SubmissionStore store, Submission s, Submission previous) {
    if (!previous.submissionId().equals(s.previousSubmissionId())) {
      store.linkPrevious(s.submissionId(), previous);
    }
  }

  private static void supersede(SubmissionStore store, Submission s, Submission later) {
    if (!later.submissionId().equals(s.supersededBy())) {
      store.supersede(s, later);
    }
  }
}
