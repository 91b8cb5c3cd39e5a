package dev.intake.pipeline;

import dev.intake.model.Finding;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records reviewers' decisions and serves the trail. A decision is appended under the next sequence
 * number only if that number is free (a conditional write: of two reviewers who read the same trail,
 * one wins and the other is told to reload), then the submission's {@link Review} projection is
 * written, conditionally on the projection it replaces. A crash between the two leaves the
 * projection behind the trail; {@link #trail} and the next decision roll it forward. No
 * transactions: dynalite has none, and none is needed.
 *
 * <p>A refused decision is an {@link Outcome.Refused} with its reason, not an exception: the API
 * answers it as a 4xx.
 */
public final class ReviewService {

  private static final Logger LOG = LoggerFactory.getLogger(ReviewService.class);

  private final SubmissionStore store;
  private final Clock clock;

  public ReviewService(SubmissionStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /** Why a decision was refused; each has its HTTP status in the API. */
  public enum Reason {
    /** The submission has no verdict yet (409). */
    NOT_EVALUATED,
    /** Another decision was recorded since the caller's reading of the trail (409). */
    CONFLICT,
    /** The decision is not a move the review's state allows (409). */
    INVALID_TRANSITION,
    /** ACCEPT while blockers are open (409; the blockers are named). */
    OPEN_BLOCKERS,
    /** The action does not apply to a submission in this status (409). */
    NOT_APPLICABLE,
    /** OVERRIDE_FINDING names no finding of the submission (400). */
    UNKNOWN_FINDING,
    /** OVERRIDE_FINDING names findings that are all overridden already (409). */
    ALREADY_OVERRIDDEN
  }

  /** What became of a decision. */
  public sealed interface Outcome {

    /** Recorded; {@code submission} carries the new review. */
    record Recorded(Decision decision, Submission submission) implements Outcome {
    }

    /**
     * Refused, and why.
     *
     * @param blockers for OPEN_BLOCKERS, the blockers still open; empty otherwise
     */
    record Refused(Reason reason, String message, List<Finding> blockers) implements Outcome {

      public Refused {
        blockers = List.copyOf(blockers);
      }

      Refused(Reason reason, String message) {
        this(reason, message, List.of());
      }
    }
  }

  /**
   * A submission's trail in sequence order, with the verdict on its chain, and the submission with
   * its projection rolled forward if it had fallen behind.
   */
  public record Trail(Submission submission, List<Decision> decisions, ReviewLog.Chain chain) {

    public Trail {
      decisions = List.copyOf(decisions);
    }
  }

  /** The trail of {@code s}, rolling the projection forward when a crash left it behind. */
  public Trail trail(Submission s) {
    List<Decision> decisions = store.decisions(s.submissionId());
    ReviewLog.Chain chain = ReviewLog.verify(decisions, s.review());
    Submission current = rollForward(s, decisions, null);
    return new Trail(current, decisions, chain);
  }

  /**
   * Records a decision by {@code reviewer} if the review's rules allow it.
   *
   * @param requestedRef for OVERRIDE_FINDING, the finding ({@link ReviewLog#findingRef}'s form, compared
   *     and recorded {@linkplain ReviewLog#asShown as shown}); else null
   */
  public Outcome decide(Submission s, Decision.Action action, String comment, String requestedRef,
      boolean shareWithPartner, String reviewer) {
    String findingRef = ReviewLog.asShown(requestedRef);
    if (!s.status().terminal()) {
      return new Outcome.Refused(Reason.NOT_EVALUATED, "The submission is " + s.status() + "; decide once it is"
          + " evaluated.");
    }
    List<Decision> trail = store.decisions(s.submissionId());
    List<Finding> findings = store.findings(s.submissionId());
    Submission current = rollForward(s, trail, findings);
    Review review = current.review();
    Outcome.Refused refused = refusal(current, trail, findings, action, findingRef);
    if (refused != null) {
      return refused;
    }
    Decision last = trail.isEmpty() ? null : trail.get(trail.size() - 1);
    Decision d = Decision.chained(UUID.randomUUID().toString(), s.submissionId(),
        last == null ? 1 : last.sequence() + 1, action, comment, findingRef, shareWithPartner, reviewer,
        clock.instant(), last == null ? "" : last.hash());
    if (!store.addDecision(d)) {
      return new Outcome.Refused(Reason.CONFLICT, "Another decision was recorded on this submission meanwhile"
          + " (it is now at decision " + d.sequence() + "); reload it and decide again.");
    }
    // The projection's "by" is the principal, for the audit; the hash goes to the log too, an anchor
    // outside the table for whoever checks the trail later.
    LOG.info("Decision {} #{} on {} by {}: {} -> hash {}", action, d.sequence(), s.submissionId(), reviewer,
        review.state(), d.hash());
    List<Decision> after = new ArrayList<>(trail);
    after.add(d);
    Review next = ReviewLog.project(after, findings);
    store.saveReview(s.submissionId(), next);
    return new Outcome.Recorded(d, current.withReview(next));
  }

  private static Outcome.Refused refusal(Submission s, List<Decision> trail, List<Finding> findings,
      Decision.Action action, String findingRef) {
    Review review = s.review();
    boolean judged = s.judged();
    if ((action == Decision.Action.ACCEPT || action == Decision.Action.OVERRIDE_FINDING) && !judged) {
      return new Outcome.Refused(Reason.NOT_APPLICABLE, action + " needs a workbook the rules judged; this"
          + " submission is " + s.status() + (s.status() == SubmissionStatus.REJECTED
          ? " (not a workbook of the template): request changes instead." : ": request changes or re-run it."));
    }
    if (ReviewLog.next(review.state(), action) == null) {
      String why = switch (action) {
        case START_REVIEW -> "it is already IN_REVIEW (since " + review.updatedAt() + ", by " + review.by() + ")";
        default -> "it is ACCEPTED; START_REVIEW re-opens it";
      };
      return new Outcome.Refused(Reason.INVALID_TRANSITION, action + " is not possible: " + why + ".");
    }
    if (action == Decision.Action.ACCEPT) {
      List<Finding> open = ReviewLog.openBlockers(trail, findings);
      if (!open.isEmpty()) {
        return new Outcome.Refused(Reason.OPEN_BLOCKERS, "ACCEPT is not possible while " + open.size() + " blocker"
            + (open.size() == 1 ? " is" : "s are") + " open: override each with OVERRIDE_FINDING, or request"
            + " changes.", open);
      }
    }
    if (action == Decision.Action.OVERRIDE_FINDING) {
      List<Finding> named = findings.stream().filter(f -> ReviewLog.findingRef(f).equals(findingRef)).toList();
      if (named.isEmpty()) {
        return new Outcome.Refused(Reason.UNKNOWN_FINDING, "The submission has no finding " + findingRef
            + "; refer to one as ruleId@Sheet!A1 (or ruleId when it has no cell).");
      }
      Set<String> overridden = ReviewLog.overriddenRefs(trail);
      if (overridden.contains(findingRef)) {
        return new Outcome.Refused(Reason.ALREADY_OVERRIDDEN, "The finding " + findingRef
            + " is already overridden.");
      }
    }
    return null;
  }

  /** The submission with its projection brought up to the trail, written back when it was behind. */
  private Submission rollForward(Submission s, List<Decision> trail, List<Finding> knownFindings) {
    if (trail.isEmpty() || s.review().decisions() >= trail.get(trail.size() - 1).sequence()) {
      return s;
    }
    List<Finding> findings = knownFindings != null ? knownFindings : store.findings(s.submissionId());
    Review review = ReviewLog.project(trail, findings);
    LOG.warn("Review of {} was behind its trail ({} of {} decisions); rolled forward", s.submissionId(),
        s.review().decisions(), review.decisions());
    store.saveReview(s.submissionId(), review);
    return s.withReview(review);
  }
}
