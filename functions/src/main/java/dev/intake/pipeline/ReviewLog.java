package dev.intake.pipeline;

import dev.intake.model.Finding;
import dev.intake.model.Severity;
import dev.intake.model.Text;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The rules of the review, on a submission's trail of decisions: which move each decision makes,
 * what the trail adds up to ({@link #project}), and whether the trail is the one that was written
 * ({@link #verify}).
 *
 * <p>The moves: {@code START_REVIEW} takes a submission into review from any state but IN_REVIEW
 * (from CHANGES_REQUESTED or ACCEPTED it re-opens it, and the trail says who and why);
 * {@code REQUEST_CHANGES} ends in CHANGES_REQUESTED from any state but ACCEPTED; {@code ACCEPT} ends
 * in ACCEPTED from any state but ACCEPTED, and only with no open blocker; {@code OVERRIDE_FINDING}
 * sets one finding aside, taking a NEW submission into review and leaving any other state as it
 * is, but not once ACCEPTED. An accepted submission is changed only by re-opening it.
 */
public final class ReviewLog {

  private ReviewLog() {
  }

  /** The state {@code action} moves {@code from} to, or null when the move is not allowed. */
  public static Review.State next(Review.State from, Decision.Action action) {
    return switch (action) {
      case START_REVIEW -> from == Review.State.IN_REVIEW ? null : Review.State.IN_REVIEW;
      case REQUEST_CHANGES -> from == Review.State.ACCEPTED ? null : Review.State.CHANGES_REQUESTED;
      case ACCEPT -> from == Review.State.ACCEPTED ? null : Review.State.ACCEPTED;
      case OVERRIDE_FINDING -> switch (from) {
        case NEW -> Review.State.IN_REVIEW;
        case ACCEPTED -> null;
        default -> from;
      };
    };
  }

  /**
   * What a trail adds up to, for a submission with these findings: each decision's move in
   * sequence order (a move the rules would not allow — only a tampered trail has one — leaves the
   * state as it was), who made the last one and when, and how many blockers were overridden.
   */
  public static Review project(List<Decision> trail, List<Finding> findings) {
    if (trail.isEmpty()) {
      return Review.NONE;
    }
    Review.State state = Review.State.NEW;
    Set<String> overridden = new HashSet<>();
    for (Decision d : trail) {
      Review.State next = next(state, d.action());
      state = next == null ? state : next;
      if (d.action() == Decision.Action.OVERRIDE_FINDING && d.findingRef() != null) {
        overridden.add(d.findingRef());
      }
    }
    int overriddenBlockers = (int) findings.stream()
        .filter(f -> f.severity() == Severity.BLOCKER && overridden.contains(findingRef(f)))
        .count();
    Decision last = trail.get(trail.size() - 1);
    return new Review(state, last.at(), last.reviewer(), last.sequence(), last.hash(), overriddenBlockers);
  }

  /** The blockers no OVERRIDE_FINDING of the trail set aside, in the report's order. */
  public static List<Finding> openBlockers(List<Decision> trail, List<Finding> findings) {
    Set<String> overridden = overriddenRefs(trail);
    return findings.stream()
        .filter(f -> f.severity() == Severity.BLOCKER && !overridden.contains(findingRef(f)))
        .toList();
  }

  /** The finding references the trail's overrides named. */
  public static Set<String> overriddenRefs(List<Decision> trail) {
    Set<String> refs = new HashSet<>();
    for (Decision d : trail) {
      if (d.action() == Decision.Action.OVERRIDE_FINDING && d.findingRef() != null) {
        refs.add(d.findingRef());
      }
    }
    return refs;
  }

  /** How a decision names a finding: "ruleId@Sheet!A1", or "ruleId" for one without a cell. */
  public static String findingRef(Finding f) {
    if (f.location() == null || f.location().cell() == null) {
      return asShown(f.ruleId());
    }
    // The sheet as the API shows it, so a reviewer can name what they were shown.
    return asShown(f.ruleId() + "@" + f.location().sheet() + "!" + f.location().cell());
  }

  /**
   * A finding reference as the API shows it ({@link Text#printable}, trimmed): what {@link #findingRef}
   * makes of a finding, and what a reviewer's reference is compared and recorded as, so one copied with
   * an invisible character (a zero-width space, a direction mark) still names the finding it shows.
   */
  public static String asShown(String ref) {
    return ref == null ? null : Text.printable(ref).strip();
  }

  /**
   * Whether the trail is the one that was written.
   *
   * @param intact true when every decision is numbered in turn, names the hash before it and has the
   *     hash of its own content, and the submission's projection has no decision the trail lacks
   * @param brokenAt the decision where the chain breaks ({@code null} when intact, or when decisions
   *     are missing after the last one)
   * @param detail what is wrong, for people; null when intact
   */
  public record Chain(boolean intact, String brokenAt, String detail) {

    static final Chain INTACT = new Chain(true, null, null);

    /** {@code "intact"}, {@code "broken at <decisionId>"} or {@code "broken after <decisionId>"}. */
    public String summary() {
      if (intact) {
        return "intact";
      }
      return brokenAt != null ? "broken at " + brokenAt : "broken: " + detail;
    }
  }

  /**
   * Checks a trail (in sequence order) against its hashes and against {@code projected}, the
   * submission's projection: a projection that counts more decisions than the trail holds means
   * decisions were removed from its end.
   */
  public static Chain verify(List<Decision> trail, Review projected) {
    String previous = "";
    int expected = 1;
    for (Decision d : trail) {
      if (d.sequence() != expected) {
        return new Chain(false, d.decisionId(), "decision " + d.sequence() + " follows decision " + (expected - 1));
      }
      if (!d.previousHash().equals(previous)) {
        return new Chain(false, d.decisionId(), "it does not name the hash of the decision before it");
      }
      if (!d.hash().equals(d.expectedHash())) {
        return new Chain(false, d.decisionId(), "its content does not match its hash");
      }
      previous = d.hash();
      expected++;
    }
    if (projected.decisions() > trail.size()) {
      String last = trail.isEmpty() ? "the first decision" : trail.get(trail.size() - 1).decisionId();
      return new Chain(false, null, "the submission records " + projected.decisions() + " decisions, the trail holds "
          + trail.size() + " (missing after " + last + ")");
    }
    if (projected.decisions() == trail.size() && projected.lastHash() != null
        && !projected.lastHash().equals(previous)) {
      String last = trail.get(trail.size() - 1).decisionId();
      return new Chain(false, last, "the submission records another hash for the last decision");
    }
    return Chain.INTACT;
  }
}
