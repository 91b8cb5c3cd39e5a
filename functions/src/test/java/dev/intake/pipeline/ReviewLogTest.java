package dev.intake.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intake.model.CellRef;
import dev.intake.model.Finding;
import dev.intake.model.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The review's moves, what a trail adds up to, and the chain of hashes that shows a rewritten trail. */
class ReviewLogTest {

  private static final Instant T0 = Instant.parse("2026-11-02T09:00:00Z");
  private static final String SUB = "sub-aaaaaaaaaaaaaaaaaaaaaaaaaa";
  private static final Finding STAGE = new Finding("case-study-production", "2.1", Severity.BLOCKER, "Pilot",
      "Use production", CellRef.of("Case Studies", 10, 3), "Case study \"Globex GmbH\": stage");
  private static final Finding AGE = new Finding("case-study-age", "2.1", Severity.BLOCKER, "old", "newer",
      CellRef.of("Case Studies", 9, 5), "Case study \"Umbrella\": go-live date");
  private static final Finding INTERNAL = new Finding("case-study-internal", "2.1", Severity.WARNING, "affiliate",
      "confirm", CellRef.of("Case Studies", 2, 4), "Case study \"Initech\"");

  private static List<Decision> trail(Decision.Action... actions) {
    List<Decision> out = new ArrayList<>();
    String previous = "";
    for (Decision.Action a : actions) {
      Decision d = Decision.chained("d" + (out.size() + 1), SUB, out.size() + 1, a, "because", a
          == Decision.Action.OVERRIDE_FINDING ? ReviewLog.findingRef(STAGE) : null, false, "rev",
          T0.plusSeconds(60L * out.size()), previous);
      out.add(d);
      previous = d.hash();
    }
    return out;
  }

  @ParameterizedTest
  @CsvSource({
      "NEW, START_REVIEW, IN_REVIEW", "IN_REVIEW, START_REVIEW, ", "CHANGES_REQUESTED, START_REVIEW, IN_REVIEW",
      "ACCEPTED, START_REVIEW, IN_REVIEW",
      "NEW, REQUEST_CHANGES, CHANGES_REQUESTED", "IN_REVIEW, REQUEST_CHANGES, CHANGES_REQUESTED",
      "CHANGES_REQUESTED, REQUEST_CHANGES, CHANGES_REQUESTED", "ACCEPTED, REQUEST_CHANGES, ",
      "NEW, ACCEPT, ACCEPTED", "IN_REVIEW, ACCEPT, ACCEPTED", "CHANGES_REQUESTED, ACCEPT, ACCEPTED",
      "ACCEPTED, ACCEPT, ",
      "NEW, OVERRIDE_FINDING, IN_REVIEW", "IN_REVIEW, OVERRIDE_FINDING, IN_REVIEW",
      "CHANGES_REQUESTED, OVERRIDE_FINDING, CHANGES_REQUESTED", "ACCEPTED, OVERRIDE_FINDING, "})
  void next_everyStateAndAction_isTheDocumentedMove(Review.State from, Decision.Action action, Review.State to) {
    assertThat(ReviewLog.next(from, action)).isEqualTo(to);
  }

  @Test
  void project_trail_endsInItsLastMoveByItsLastReviewerAndCountsOverriddenBlockers() {
    List<Decision> t = trail(Decision.Action.START_REVIEW, Decision.Action.OVERRIDE_FINDING,
        Decision.Action.REQUEST_CHANGES);

    Review review = ReviewLog.project(t, List.of(STAGE, AGE, INTERNAL));

    assertThat(review).isEqualTo(new Review(Review.State.CHANGES_REQUESTED, T0.plusSeconds(120), "rev", 3,
        t.get(2).hash(), 1));
    assertThat(ReviewLog.openBlockers(t, List.of(STAGE, AGE, INTERNAL))).containsExactly(AGE);
  }

  @Test
  void project_noDecision_isNew() {
    assertThat(ReviewLog.project(List.of(), List.of(STAGE))).isEqualTo(Review.NONE);
  }

  @Test
  void verify_trailAsWritten_isIntact() {
    List<Decision> t = trail(Decision.Action.START_REVIEW, Decision.Action.REQUEST_CHANGES);

    ReviewLog.Chain chain = ReviewLog.verify(t, ReviewLog.project(t, List.of()));

    assertThat(chain.intact()).isTrue();
    assertThat(chain.summary()).isEqualTo("intact");
  }

  @Test
  void verify_commentRewritten_isBrokenAtThatDecision() {
    List<Decision> t = new ArrayList<>(trail(Decision.Action.START_REVIEW, Decision.Action.REQUEST_CHANGES,
        Decision.Action.START_REVIEW));
    Decision d = t.get(1);
    t.set(1, new Decision(d.decisionId(), d.submissionId(), d.sequence(), d.action(), "Accepted as is",
        d.findingRef(), d.shareWithPartner(), d.reviewer(), d.at(), d.previousHash(), d.hash()));

    assertThat(ReviewLog.verify(t, Review.NONE).summary()).isEqualTo("broken at d2");
  }

  @Test
  void verify_decisionRewrittenWithItsHashRecomputed_isBrokenAtTheNextOne() {
    List<Decision> t = new ArrayList<>(trail(Decision.Action.START_REVIEW, Decision.Action.REQUEST_CHANGES,
        Decision.Action.START_REVIEW));
    Decision d = t.get(1);
    t.set(1, Decision.chained(d.decisionId(), d.submissionId(), d.sequence(), Decision.Action.ACCEPT, d.comment(),
        null, false, d.reviewer(), d.at(), d.previousHash()));

    assertThat(ReviewLog.verify(t, Review.NONE).summary()).isEqualTo("broken at d3");
  }

  @Test
  void verify_decisionRemovedFromTheMiddle_isBrokenWhereTheNumbersJump() {
    List<Decision> t = new ArrayList<>(trail(Decision.Action.START_REVIEW, Decision.Action.REQUEST_CHANGES,
        Decision.Action.START_REVIEW));
    t.remove(1);

    assertThat(ReviewLog.verify(t, Review.NONE).summary()).isEqualTo("broken at d3");
  }

  @Test
  void verify_lastDecisionRemoved_isBrokenAgainstTheProjection() {
    List<Decision> t = trail(Decision.Action.START_REVIEW, Decision.Action.REQUEST_CHANGES);
    Review projected = ReviewLog.project(t, List.of());

    ReviewLog.Chain chain = ReviewLog.verify(t.subList(0, 1), projected);

    assertThat(chain.intact()).isFalse();
    assertThat(chain.summary()).isEqualTo("broken: the submission records 2 decisions, the trail holds 1 (missing"
        + " after d1)");
  }

  @Test
  void verify_projectionBehindTheTrail_isIntact() {
    List<Decision> t = trail(Decision.Action.START_REVIEW, Decision.Action.REQUEST_CHANGES);

    assertThat(ReviewLog.verify(t, ReviewLog.project(t.subList(0, 1), List.of())).intact()).isTrue();
  }

  @Test
  void hash_coversEveryFieldButTheHashes() {
    Decision a = Decision.chained("d1", SUB, 1, Decision.Action.ACCEPT, "ok", null, false, "rev", T0, "");
    Decision shared = Decision.chained("d1", SUB, 1, Decision.Action.ACCEPT, "ok", null, true, "rev", T0, "");
    Decision later = Decision.chained("d1", SUB, 1, Decision.Action.ACCEPT, "ok", null, false, "rev",
        T0.plusNanos(1), "");
    Decision otherChain = Decision.chained("d1", SUB, 1, Decision.Action.ACCEPT, "ok", null, false, "rev", T0, "x");

    assertThat(List.of(a.hash(), shared.hash(), later.hash(), otherChain.hash())).doesNotHaveDuplicates();
    assertThat(a.hash()).matches("[0-9a-f]{64}");
  }
}
