package dev.intake.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.intake.model.CellRef;
import dev.intake.model.Finding;
import dev.intake.model.FindingsReport;
import dev.intake.model.PartnerRef;
import dev.intake.model.ReportStatus;
import dev.intake.model.Severity;
import dev.intake.model.Summary;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What every {@link SubmissionStore} does, whatever holds the data: run against the DynamoDB adapter
 * on dynalite and against the in-memory fake the service and handler tests use, so the fake cannot
 * drift from the real store (it had: it wrote findings for a finished submission, ordered history by
 * the raw sequencer and ignored the limit). A subclass gives a fresh, empty store per test.
 */
public abstract class SubmissionStoreContract {

  protected static final Instant T0 = Instant.parse("2026-10-01T09:00:00Z");
  protected static final LocalDate AS_OF = LocalDate.of(2026, 10, 1);

  protected SubmissionStore store;

  /** A store holding nothing yet, used by one test. */
  protected abstract SubmissionStore newStore();

  @BeforeEach
  void freshStore() {
    store = newStore();
  }

  // ---------------------------------------------------------------- create / get

  @Test
  void create_newSubmission_readsBackEveryField() {
    Submission submission = new Submission(id("a"), "p1", new Submission.Source("intake",
        "incoming/p1/assessment.xlsx", "v1", "0055AED6DCD90281E5",
        SubmissionIds.documentId("intake", "incoming/p1/assessment.xlsx"), "assessment.xlsx", 48_123L),
        T0.plusNanos(123_456_789), AS_OF, SubmissionStatus.RECEIVED, new Submission.Evaluation(new Summary(1, 2, 3),
        "4.0", "Example Partner", "reports/x/report.json", "reports/x/annotated.xlsx"), "a reason", T0.plusSeconds(1));

    boolean created = store.create(submission);

    assertThat(created).isTrue();
    assertThat(store.get(submission.submissionId())).contains(submission);
  }

  @Test
  void create_minimalSubmission_readsBackNullsAsNulls() {
    Submission submission = new Submission(id("min"), "p1", Submission.Source.UNKNOWN, T0, null,
        SubmissionStatus.RECEIVED, Submission.Evaluation.NONE, null, null);

    store.create(submission);

    assertThat(store.get(submission.submissionId())).contains(submission);
  }

  @Test
  void create_sameIdTwice_secondIsRefusedAndFirstKept() {
    Submission first = received("dup", "p1", T0);
    store.create(first);
    Submission second = Submission.received(first.submissionId(), "p2",
        new Submission.Source(null, null, null, null, null, "other.xlsx", 1L), T0.plusSeconds(60), null, null);

    boolean created = store.create(second);

    assertThat(created).isFalse();
    assertThat(store.get(first.submissionId())).contains(first);
  }

  @Test
  void get_unknownId_isEmpty() {
    String unknown = id("nobody");

    var found = store.get(unknown);

    assertThat(found).isEmpty();
  }

  // ---------------------------------------------------------------- advance

  @Test
  void advance_forward_movesStatusAndUpdatedAt() {
    Submission submission = received("fwd", "p1", T0);
    store.create(submission);

    boolean moved = store.advance(submission.submissionId(), SubmissionStatus.EVALUATING, T0.plusSeconds(5));

    assertThat(moved).isTrue();
    assertStored(submission.submissionId(), SubmissionStatus.EVALUATING, T0.plusSeconds(5));
  }

  @Test
  void advance_backwardOrSame_isRefusedWithoutChange() {
    Submission submission = received("back", "p1", T0);
    store.create(submission);
    store.advance(submission.submissionId(), SubmissionStatus.EVALUATING, T0.plusSeconds(5));

    boolean same = store.advance(submission.submissionId(), SubmissionStatus.EVALUATING, T0.plusSeconds(6));
    boolean back = store.advance(submission.submissionId(), SubmissionStatus.RECEIVED, T0.plusSeconds(7));

    assertThat(same).isFalse();
    assertThat(back).isFalse();
    assertStored(submission.submissionId(), SubmissionStatus.EVALUATING, T0.plusSeconds(5));
  }

  @Test
  void advance_unknownSubmission_returnsFalseAndCreatesNothing() {
    String unknown = id("ghost");

    boolean moved = store.advance(unknown, SubmissionStatus.EVALUATING, T0);

    assertThat(moved).isFalse();
    assertThat(store.get(unknown)).isEmpty();
  }

  // ---------------------------------------------------------------- saveEvaluation / markFailed

  @Test
  void saveEvaluation_evaluating_storesTerminalStatusSummaryKeysAndFindings() {
    Submission submission = received("eval", "p1", T0);
    store.create(submission);
    store.advance(submission.submissionId(), SubmissionStatus.EVALUATING, T0.plusSeconds(1));
    FindingsReport report = report(submission.submissionId(), ReportStatus.ACTION_REQUIRED, findings(3));

    boolean saved = store.saveEvaluation(submission.submissionId(), report, "reports/r.json", "reports/a.xlsx",
        T0.plusSeconds(2));

    assertThat(saved).isTrue();
    Submission stored = store.get(submission.submissionId()).orElseThrow();
    assertThat(stored.status()).isEqualTo(SubmissionStatus.ACTION_REQUIRED);
    assertThat(stored.evaluation()).isEqualTo(new Submission.Evaluation(report.summary(), "4.0", "Example Partner",
        "reports/r.json", "reports/a.xlsx"));
    assertThat(stored.updatedAt()).isEqualTo(T0.plusSeconds(2));
    assertThat(store.findings(submission.submissionId())).isEqualTo(report.findings());
  }

  @Test
  void saveEvaluation_retried_secondReturnsFalseAndFindingsAreNotDuplicated() {
    Submission submission = received("retry", "p1", T0);
    store.create(submission);
    FindingsReport report = report(submission.submissionId(), ReportStatus.ACTION_REQUIRED, findings(4));
    store.saveEvaluation(submission.submissionId(), report, "r.json", "a.xlsx", T0.plusSeconds(1));

    boolean again = store.saveEvaluation(submission.submissionId(), report, "r.json", "a.xlsx", T0.plusSeconds(9));

    assertThat(again).isFalse();
    assertThat(store.findings(submission.submissionId())).hasSize(4).isEqualTo(report.findings());
    assertThat(store.get(submission.submissionId()).orElseThrow().updatedAt()).isEqualTo(T0.plusSeconds(1));
  }

  @Test
  void saveEvaluation_differentReportAfterTerminal_leavesFirstFindings() {
    Submission submission = received("second", "p1", T0);
    store.create(submission);
    FindingsReport first = report(submission.submissionId(), ReportStatus.ACTION_REQUIRED, findings(2));
    store.saveEvaluation(submission.submissionId(), first, "r.json", null, T0.plusSeconds(1));
    FindingsReport other = report(submission.submissionId(), ReportStatus.READY, List.of());

    boolean saved = store.saveEvaluation(submission.submissionId(), other, "r2.json", null, T0.plusSeconds(2));

    assertThat(saved).isFalse();
    assertThat(store.findings(submission.submissionId())).isEqualTo(first.findings());
    assertThat(store.get(submission.submissionId()).orElseThrow().status())
        .isEqualTo(SubmissionStatus.ACTION_REQUIRED);
  }

  @Test
  void saveEvaluation_moreFindingsThanOneBatch_storesAllInReportOrder() {
    Submission submission = received("many", "p1", T0);
    store.create(submission);
    FindingsReport report = report(submission.submissionId(), ReportStatus.ACTION_REQUIRED, findings(61));

    store.saveEvaluation(submission.submissionId(), report, "r.json", "a.xlsx", T0.plusSeconds(1));

    assertThat(store.findings(submission.submissionId())).isEqualTo(report.findings());
  }

  @Test
  void saveEvaluation_rejectedWithoutAnnotatedWorkbookOrPartnerName_storesNullKeyAndEmptyName() {
    Submission submission = received("rej", "p1", T0);
    store.create(submission);
    FindingsReport report = new FindingsReport(submission.submissionId(), PartnerRef.UNKNOWN, "4.0", AS_OF,
        ReportStatus.REJECTED, new Summary(1, 0, 0), List.of(new Finding("not-a-workbook", "DOC", Severity.BLOCKER,
            "The file is not an .xlsx workbook.", "Upload the template.", null)));

    store.saveEvaluation(submission.submissionId(), report, "r.json", null, T0.plusSeconds(1));

    Submission stored = store.get(submission.submissionId()).orElseThrow();
    assertThat(stored.status()).isEqualTo(SubmissionStatus.REJECTED);
    assertThat(stored.evaluation().annotatedKey()).isNull();
    assertThat(stored.evaluation().partnerName()).isEmpty();
    assertThat(store.findings(submission.submissionId())).isEqualTo(report.findings());
  }

  @Test
  void markFailed_nonTerminal_storesFailedWithReason() {
    Submission submission = received("fail", "p1", T0);
    store.create(submission);
    store.advance(submission.submissionId(), SubmissionStatus.EVALUATING, T0.plusSeconds(1));

    boolean failed = store.markFailed(submission.submissionId(), "States.Timeout: prerequisites", T0.plusSeconds(2));

    assertThat(failed).isTrue();
    Submission stored = store.get(submission.submissionId()).orElseThrow();
    assertThat(stored.status()).isEqualTo(SubmissionStatus.FAILED);
    assertThat(stored.failure()).isEqualTo("States.Timeout: prerequisites");
  }

  @Test
  void markFailed_afterTerminal_isRefusedAndStatusKept() {
    Submission submission = received("late", "p1", T0);
    store.create(submission);
    store.saveEvaluation(submission.submissionId(), report(submission.submissionId(), ReportStatus.READY, List.of()),
        "r.json", "a.xlsx", T0.plusSeconds(1));

    boolean failed = store.markFailed(submission.submissionId(), "too late", T0.plusSeconds(2));

    assertThat(failed).isFalse();
    Submission stored = store.get(submission.submissionId()).orElseThrow();
    assertThat(stored.status()).isEqualTo(SubmissionStatus.READY);
    assertThat(stored.failure()).isNull();
  }

  @Test
  void saveEvaluation_afterFailed_isRefused() {
    Submission submission = received("failedfirst", "p1", T0);
    store.create(submission);
    store.markFailed(submission.submissionId(), "boom", T0.plusSeconds(1));

    boolean saved = store.saveEvaluation(submission.submissionId(),
        report(submission.submissionId(), ReportStatus.READY, findings(1)), "r.json", "a.xlsx", T0.plusSeconds(2));

    assertThat(saved).isFalse();
    assertThat(store.get(submission.submissionId()).orElseThrow().status()).isEqualTo(SubmissionStatus.FAILED);
    assertThat(store.findings(submission.submissionId())).isEmpty();
  }

  // ---------------------------------------------------------------- list

  @Test
  void list_byPartner_newestFirstAcrossPagesAndOnlyThatPartner() {
    List<Submission> mine = createSeries("p1", 7);
    createSeries("p2", 3);

    List<Submission> seen = readAll("p1", null, 3);

    assertThat(seen).extracting(Submission::submissionId).containsExactlyElementsOf(newestFirstIds(mine));
  }

  @Test
  void list_byStatus_newestFirstAndFollowsStatusChanges() {
    List<Submission> all = createSeries("p1", 5);
    store.advance(all.get(1).submissionId(), SubmissionStatus.EVALUATING, T0.plusSeconds(100));
    store.advance(all.get(3).submissionId(), SubmissionStatus.EVALUATING, T0.plusSeconds(100));

    List<Submission> evaluating = readAll(null, SubmissionStatus.EVALUATING, 1);
    List<Submission> received = readAll(null, SubmissionStatus.RECEIVED, 2);

    assertThat(evaluating).extracting(Submission::submissionId)
        .containsExactly(all.get(3).submissionId(), all.get(1).submissionId());
    assertThat(received).extracting(Submission::submissionId)
        .containsExactly(all.get(4).submissionId(), all.get(2).submissionId(), all.get(0).submissionId());
  }

  @Test
  void list_all_newestFirstOverEveryPartner() {
    List<Submission> created = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      Submission s = received("all" + i, i % 2 == 0 ? "p1" : "p2", T0.plusSeconds(i));
      store.create(s);
      created.add(s);
    }

    List<Submission> seen = readAll(null, null, 4);

    assertThat(seen).extracting(Submission::submissionId).containsExactlyElementsOf(newestFirstIds(created));
  }

  @Test
  void list_lastPageExactlyFull_endsWithoutToken() {
    createSeries("p1", 4);

    Page<Submission> first = store.list("p1", null, 2, null);
    Page<Submission> second = store.list("p1", null, 2, first.nextToken());

    assertThat(first.items()).hasSize(2);
    assertThat(first.nextToken()).isNotNull();
    assertThat(second.items()).hasSize(2);
    assertThat(second.nextToken()).isNull();
  }

  @Test
  void list_byPartnerAndStatus_filtersWithoutLosingItemsBetweenPages() {
    // More items than one read of the index returns, so pages end in the middle of a read.
    List<Submission> all = createSeries("p1", 130);
    List<Submission> evaluating = new ArrayList<>();
    for (int i = 0; i < all.size(); i += 3) {
      store.advance(all.get(i).submissionId(), SubmissionStatus.EVALUATING, T0.plusSeconds(100));
      evaluating.add(all.get(i));
    }
    createSeries("p2", 2).forEach(s -> store.advance(s.submissionId(), SubmissionStatus.EVALUATING, T0));

    List<Submission> seen = readAll("p1", SubmissionStatus.EVALUATING, 7);

    assertThat(seen).extracting(Submission::submissionId).containsExactlyElementsOf(newestFirstIds(evaluating));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1, 101})
  void list_limitOutOfRange_isIllegalArgument(int limit) {
    createSeries("p1", 1);

    assertThatThrownBy(() -> store.list("p1", null, limit, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("limit");
  }

  @ParameterizedTest
  @ValueSource(strings = {"not base64!", "bm90IGpzb24", "e30", "W10", "eyJ2IjoxfQ"})
  void list_malformedToken_isIllegalArgument(String token) {
    createSeries("p1", 3);

    assertThatThrownBy(() -> store.list("p1", null, 1, token))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nextToken");
  }

  @Test
  void list_tokenWithOneCharacterChanged_isIllegalArgument() {
    createSeries("p1", 3);
    String token = store.list("p1", null, 1, null).nextToken();

    for (int at : new int[] {0, token.length() / 2, token.length() - 1}) {
      char c = token.charAt(at);
      String edited = token.substring(0, at) + (c == 'A' ? 'B' : 'A') + token.substring(at + 1);

      assertThatThrownBy(() -> store.list("p1", null, 1, edited)).as("changed at %d", at)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("nextToken");
    }
  }

  @Test
  void list_tokenOfAnotherPartner_isIllegalArgument() {
    createSeries("p1", 3);
    createSeries("p2", 3);
    String p2Token = store.list("p2", null, 1, null).nextToken();

    assertThatThrownBy(() -> store.list("p1", null, 1, p2Token))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("different query");
  }

  @Test
  void list_tokenOfAnotherStatusOrListing_isIllegalArgument() {
    createSeries("p1", 3);
    String allToken = store.list(null, null, 1, null).nextToken();
    String partnerToken = store.list("p1", null, 1, null).nextToken();

    assertThatThrownBy(() -> store.list(null, SubmissionStatus.RECEIVED, 1, allToken))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.list("p1", SubmissionStatus.RECEIVED, 1, partnerToken))
        .isInstanceOf(IllegalArgumentException.class);
  }

  // ---------------------------------------------------------------- history / decisions

  @Test
  void history_versionsStoredOutOfOrder_comeBackInSequencerOrder() {
    String documentId = SubmissionIds.documentId("intake", "incoming/p1/a.xlsx");
    // S3 sequencers differ in length; the shorter one is the earlier when left-padded.
    List<String> uploadOrder = List.of("9F", "00A1", "0102B", "1FFFF");
    List<String> insertOrder = List.of("1FFFF", "9F", "0102B", "00A1");
    for (String sequencer : insertOrder) {
      store.create(version(documentId, sequencer, T0.plusSeconds(insertOrder.indexOf(sequencer))));
    }

    List<Submission> history = store.history(documentId);

    assertThat(history).extracting(s -> s.source().sequencer()).containsExactlyElementsOf(uploadOrder);
  }

  @Test
  void create_sequencerNotHex_isIllegalArgument() {
    Submission bad = version(SubmissionIds.documentId("b", "k"), "not-hex", T0);

    assertThatThrownBy(() -> store.create(bad)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void decisions_appendedOutOfOrderAndRetried_storedOnceInSequenceOrder() {
    Submission submission = received("dec", "p1", T0);
    store.create(submission);
    Decision first = decision(submission, 1, Decision.Action.OVERRIDE_FINDING, "case-study-age@Case Studies!J2", "");
    Decision second = decision(submission, 2, Decision.Action.ACCEPT, null, first.hash());

    boolean added = store.addDecision(second);
    store.addDecision(first);
    boolean retried = store.addDecision(second);

    assertThat(added).isTrue();
    assertThat(retried).isTrue();
    assertThat(store.decisions(submission.submissionId())).containsExactly(first, second);
  }

  @Test
  void addDecision_sequenceHeldByAnotherDecision_isRefusedAndTheFirstKept() {
    Submission submission = received("race", "p1", T0);
    store.create(submission);
    Decision mine = decision(submission, 1, Decision.Action.START_REVIEW, null, "");
    Decision theirs = Decision.chained("d-theirs", submission.submissionId(), 1, Decision.Action.REQUEST_CHANGES,
        "fix the dates", null, true, "arn:aws:iam::123456789012:user/other", T0.plusSeconds(61), "");

    boolean first = store.addDecision(mine);
    boolean second = store.addDecision(theirs);

    assertThat(first).isTrue();
    assertThat(second).isFalse();
    assertThat(store.decisions(submission.submissionId())).containsExactly(mine);
  }

  @Test
  void decisions_everyField_readsBack() {
    Submission submission = received("fields", "p1", T0);
    store.create(submission);
    Decision shared = Decision.chained("d-shared", submission.submissionId(), 1, Decision.Action.REQUEST_CHANGES,
        "Line one\nline two — ünïcode ✓", null, true, "arn:aws:sts::1:assumed-role/competency-reviewer/jane",
        T0.plusNanos(123_456_789), "");

    store.addDecision(shared);

    assertThat(store.decisions(submission.submissionId())).containsExactly(shared);
    assertThat(store.decisions(submission.submissionId()).get(0).hash()).isEqualTo(shared.expectedHash());
  }

  @Test
  void decisionsAndFindings_doNotAppearInListings() {
    Submission submission = received("mixed", "p1", T0);
    store.create(submission);
    store.saveEvaluation(submission.submissionId(), report(submission.submissionId(), ReportStatus.READY,
        findings(3)), "r.json", "a.xlsx", T0.plusSeconds(1));
    store.addDecision(decision(submission, 1, Decision.Action.ACCEPT, null, ""));

    Page<Submission> page = store.list(null, null, 100, null);

    assertThat(page.items()).extracting(Submission::submissionId).containsExactly(submission.submissionId());
  }

  // ---------------------------------------------------------------- review projection

  @Test
  void create_newSubmission_hasNoReviewYet() {
    Submission submission = received("fresh", "p1", T0);

    store.create(submission);

    assertThat(store.get(submission.submissionId()).orElseThrow().review()).isEqualTo(Review.NONE);
  }

  @Test
  void saveReview_moreDecisions_isStoredAndFewerOrSameIsRefused() {
    Submission submission = evaluated("proj", "p1", T0, ReportStatus.ACTION_REQUIRED);
    Review two = new Review(Review.State.CHANGES_REQUESTED, T0.plusSeconds(9), "rev", 2, "h2", 1);
    Review one = new Review(Review.State.IN_REVIEW, T0.plusSeconds(5), "rev", 1, "h1", 0);

    boolean saved = store.saveReview(submission.submissionId(), two);
    boolean back = store.saveReview(submission.submissionId(), one);
    boolean same = store.saveReview(submission.submissionId(), two);

    assertThat(saved).isTrue();
    assertThat(back).isFalse();
    assertThat(same).isFalse();
    assertThat(store.get(submission.submissionId()).orElseThrow().review()).isEqualTo(two);
  }

  @Test
  void saveReview_unknownSubmission_isFalse() {
    boolean saved = store.saveReview(id("nobody-reviewed"), new Review(Review.State.IN_REVIEW, T0, "rev", 1, "h", 0));

    assertThat(saved).isFalse();
    assertThat(store.get(id("nobody-reviewed"))).isEmpty();
  }

  // ---------------------------------------------------------------- threads

  @Test
  void saveEvaluation_withPrevious_storesTheThreadLink() {
    Submission first = evaluated("t1", "p1", T0, ReportStatus.ACTION_REQUIRED);
    Submission second = received("t2", "p1", T0.plusSeconds(60));
    store.create(second);

    store.saveEvaluation(second.submissionId(), report(second.submissionId(), ReportStatus.READY, List.of()),
        "r.json", "a.xlsx", first, T0.plusSeconds(61));

    assertThat(store.get(second.submissionId()).orElseThrow().previousSubmissionId()).isEqualTo(first.submissionId());
    assertThat(store.get(first.submissionId()).orElseThrow().previousSubmissionId()).isNull();
  }

  @Test
  void findings_subject_readsBack() {
    Submission submission = received("subj", "p1", T0);
    store.create(submission);
    Finding about = new Finding("case-study-age", "2.1", Severity.BLOCKER, "old", "replace it",
        CellRef.of("Case Studies", 9, 3), "Case study \"Acme Corp\": go-live date");

    store.saveEvaluation(submission.submissionId(), report(submission.submissionId(), ReportStatus.ACTION_REQUIRED,
        List.of(about)), "r.json", "a.xlsx", T0.plusSeconds(1));

    assertThat(store.findings(submission.submissionId())).containsExactly(about);
  }

  @Test
  void previousJudged_skipsRejectedFailedUnevaluatedAndLaterOnes() {
    Submission judged = evaluated("j1", "p1", T0, ReportStatus.ACTION_REQUIRED);
    evaluated("j2-rejected", "p1", T0.plusSeconds(10), ReportStatus.REJECTED);
    Submission failed = received("j3-failed", "p1", T0.plusSeconds(20));
    store.create(failed);
    store.markFailed(failed.submissionId(), "boom", T0.plusSeconds(21));
    store.create(received("j4-evaluating", "p1", T0.plusSeconds(30)));
    evaluated("other-partner", "p2", T0.plusSeconds(35), ReportStatus.READY);
    Submission current = received("j5", "p1", T0.plusSeconds(40));
    store.create(current);
    evaluated("j6-later", "p1", T0.plusSeconds(50), ReportStatus.READY);

    Optional<Submission> previous = store.previousJudged(current);

    assertThat(previous).map(Submission::submissionId).contains(judged.submissionId());
  }

  @Test
  void previousJudged_firstOfThePartner_isEmpty() {
    Submission current = received("only", "p1", T0);
    store.create(current);

    assertThat(store.previousJudged(current)).isEmpty();
  }

  @Test
  void nextJudged_earliestJudgedAfterSkippingRejectedFailedUnevaluatedAndEarlierOnes() {
    evaluated("n0-earlier", "p1", T0, ReportStatus.READY);
    Submission current = evaluated("n1", "p1", T0.plusSeconds(10), ReportStatus.ACTION_REQUIRED);
    evaluated("n2-rejected", "p1", T0.plusSeconds(20), ReportStatus.REJECTED);
    Submission failed = received("n3-failed", "p1", T0.plusSeconds(30));
    store.create(failed);
    store.markFailed(failed.submissionId(), "boom", T0.plusSeconds(31));
    store.create(received("n4-evaluating", "p1", T0.plusSeconds(40)));
    evaluated("n5-other-partner", "p2", T0.plusSeconds(45), ReportStatus.READY);
    Submission next = evaluated("n6", "p1", T0.plusSeconds(50), ReportStatus.READY);
    evaluated("n7-later", "p1", T0.plusSeconds(60), ReportStatus.READY);

    assertThat(store.nextJudged(current)).map(Submission::submissionId).contains(next.submissionId());
    assertThat(store.nextJudged(store.get(id("n7-later")).orElseThrow())).isEmpty();
  }

  @Test
  void neighbours_receivedInTheSameInstant_areOrderedById() {
    Submission a = evaluated("tie-a", "p1", T0, ReportStatus.READY);
    Submission b = evaluated("tie-b", "p1", T0, ReportStatus.READY);
    Submission first = Submission.RECEIVED_ORDER.compare(a, b) < 0 ? a : b;
    Submission second = first == a ? b : a;

    assertThat(store.previousJudged(second)).map(Submission::submissionId).contains(first.submissionId());
    assertThat(store.nextJudged(first)).map(Submission::submissionId).contains(second.submissionId());
    assertThat(store.previousJudged(first)).isEmpty();
  }

  @Test
  void sinceLastJudged_latestFirstDownToTheLatestJudgedOne() {
    evaluated("b0-older", "p1", T0, ReportStatus.READY);
    Submission judged = evaluated("b1-judged", "p1", T0.plusSeconds(10), ReportStatus.ACTION_REQUIRED);
    Submission rejected = evaluated("b2-rejected", "p1", T0.plusSeconds(20), ReportStatus.REJECTED);
    Submission evaluating = received("b3-evaluating", "p1", T0.plusSeconds(30));
    store.create(evaluating);
    evaluated("b4-other-partner", "p2", T0.plusSeconds(35), ReportStatus.REJECTED);
    Submission current = evaluated("b5", "p1", T0.plusSeconds(40), ReportStatus.READY);
    evaluated("b6-later", "p1", T0.plusSeconds(50), ReportStatus.REJECTED);

    assertThat(store.sinceLastJudged(current)).extracting(Submission::submissionId)
        .containsExactly(evaluating.submissionId(), rejected.submissionId(), judged.submissionId());
    assertThat(store.sinceLastJudged(judged)).extracting(Submission::submissionId)
        .containsExactly(id("b0-older"));
  }

  @Test
  void sinceLastJudged_noJudgedOneBefore_isEveryEarlierSubmission() {
    Submission rejected = evaluated("c0-rejected", "p1", T0, ReportStatus.REJECTED);
    Submission current = evaluated("c1", "p1", T0.plusSeconds(10), ReportStatus.READY);

    assertThat(store.sinceLastJudged(current)).extracting(Submission::submissionId)
        .containsExactly(rejected.submissionId());
    assertThat(store.sinceLastJudged(rejected)).isEmpty();
  }

  @Test
  void linkPrevious_onlyMovesToALaterSubmission() {
    Submission a = evaluated("lp-a", "p1", T0, ReportStatus.READY);
    Submission b = evaluated("lp-b", "p1", T0.plusSeconds(10), ReportStatus.READY);
    Submission c = evaluated("lp-c", "p1", T0.plusSeconds(20), ReportStatus.READY);
    Submission d = evaluated("lp-d", "p1", T0.plusSeconds(30), ReportStatus.READY);

    boolean first = store.linkPrevious(d.submissionId(), a);
    boolean later = store.linkPrevious(d.submissionId(), c);
    boolean earlier = store.linkPrevious(d.submissionId(), b);
    boolean same = store.linkPrevious(d.submissionId(), c);

    assertThat(List.of(first, later, earlier, same)).containsExactly(true, true, false, false);
    assertThat(store.get(d.submissionId()).orElseThrow().previousSubmissionId()).isEqualTo(c.submissionId());
    assertThat(store.linkPrevious(id("ghost"), a)).isFalse();
  }

  @Test
  void linkPrevious_afterSaveEvaluationLinkedOne_onlyMovesToALaterSubmission() {
    Submission a = evaluated("ls-a", "p1", T0, ReportStatus.READY);
    Submission b = evaluated("ls-b", "p1", T0.plusSeconds(10), ReportStatus.READY);
    Submission c = received("ls-c", "p1", T0.plusSeconds(20));
    store.create(c);
    store.saveEvaluation(c.submissionId(), report(c.submissionId(), ReportStatus.READY, List.of()), "r.json",
        "a.xlsx", b, T0.plusSeconds(21));

    assertThat(store.linkPrevious(c.submissionId(), a)).isFalse();
    assertThat(store.get(c.submissionId()).orElseThrow().previousSubmissionId()).isEqualTo(b.submissionId());
  }

  @Test
  void supersede_onlyMovesToAnEarlierSubmission() {
    Submission old = evaluated("s1", "p1", T0, ReportStatus.ACTION_REQUIRED);
    Submission s2 = evaluated("s2", "p1", T0.plusSeconds(10), ReportStatus.READY);
    Submission s3 = evaluated("s3", "p1", T0.plusSeconds(20), ReportStatus.READY);
    Submission s4 = evaluated("s4", "p1", T0.plusSeconds(30), ReportStatus.READY);

    boolean first = store.supersede(old.submissionId(), s3);
    boolean later = store.supersede(old.submissionId(), s4);
    boolean earlier = store.supersede(old.submissionId(), s2);
    boolean same = store.supersede(old.submissionId(), s2);

    assertThat(List.of(first, later, earlier, same)).containsExactly(true, false, true, false);
    assertThat(store.get(old.submissionId()).orElseThrow().supersededBy()).isEqualTo(s2.submissionId());
    assertThat(store.supersede(id("ghost"), s2)).isFalse();
  }

  @Test
  void supersede_notTerminalYet_isRefused() {
    Submission evaluating = received("se1", "p1", T0);
    store.create(evaluating);
    Submission later = evaluated("se2", "p1", T0.plusSeconds(10), ReportStatus.READY);

    assertThat(store.supersede(evaluating.submissionId(), later)).isFalse();
    assertThat(store.get(evaluating.submissionId()).orElseThrow().supersededBy()).isNull();
  }

  @Test
  void supersede_movedToAnEarlierSubmission_staysOutOfTheQueue() {
    Submission old = evaluated("sq1", "p1", T0, ReportStatus.REJECTED);
    Submission s2 = evaluated("sq2", "p1", T0.plusSeconds(10), ReportStatus.READY);
    Submission s3 = evaluated("sq3", "p1", T0.plusSeconds(20), ReportStatus.READY);

    store.supersede(old.submissionId(), s3);
    store.supersede(old.submissionId(), s2);
    store.supersede(s2.submissionId(), s3);

    assertThat(readAll(SubmissionQuery.ALL.withReview(Review.State.NEW), 5)).extracting(Submission::submissionId)
        .containsExactly(s3.submissionId());
  }

  @Test
  void supersede_givenTheStoredCopy_linksAsByItsId() {
    Submission old = evaluated("sc1", "p1", T0, ReportStatus.REJECTED);
    Submission later = evaluated("sc2", "p1", T0.plusSeconds(10), ReportStatus.READY);

    boolean linked = store.supersede(store.get(old.submissionId()).orElseThrow(), later);

    assertThat(linked).isTrue();
    assertThat(store.get(old.submissionId()).orElseThrow().supersededBy()).isEqualTo(later.submissionId());
    assertThat(readAll(SubmissionQuery.ALL.withReview(Review.State.NEW), 5)).extracting(Submission::submissionId)
        .containsExactly(later.submissionId());
  }

  @Test
  void supersede_givenACopyReadBeforeAnEarlierLink_keepsTheEarlierLink() {
    Submission old = evaluated("sc3", "p1", T0, ReportStatus.ACTION_REQUIRED);
    Submission s2 = evaluated("sc4", "p1", T0.plusSeconds(10), ReportStatus.READY);
    Submission s3 = evaluated("sc5", "p1", T0.plusSeconds(20), ReportStatus.READY);
    Submission copy = store.get(old.submissionId()).orElseThrow();
    store.supersede(old.submissionId(), s2);

    boolean moved = store.supersede(copy, s3);

    assertThat(moved).isFalse();
    assertThat(store.get(old.submissionId()).orElseThrow().supersededBy()).isEqualTo(s2.submissionId());
  }

  @Test
  void supersede_givenACopyReadBeforeTheReviewClosed_keepsItInItsReviewState() {
    Submission old = evaluated("sc6", "p1", T0, ReportStatus.ACTION_REQUIRED);
    Submission later = evaluated("sc7", "p1", T0.plusSeconds(60), ReportStatus.READY);
    Submission copy = store.get(old.submissionId()).orElseThrow();
    store.saveReview(old.submissionId(), new Review(Review.State.CHANGES_REQUESTED, T0.plusSeconds(2), "rev", 1,
        "h", 0));

    boolean linked = store.supersede(copy, later);

    assertThat(linked).isTrue();
    assertThat(readAll(SubmissionQuery.ALL.withReview(Review.State.CHANGES_REQUESTED), 5))
        .extracting(Submission::submissionId).containsExactly(old.submissionId());
    assertThat(store.get(old.submissionId()).orElseThrow().supersededBy()).isEqualTo(later.submissionId());
  }

  // ---------------------------------------------------------------- the review queue

  @Test
  void list_byReviewState_onlyEvaluatedInThatStateAndOldestFirstWhenAsked() {
    Submission a = evaluated("q1", "p1", T0, ReportStatus.READY);
    Submission b = evaluated("q2", "p2", T0.plusSeconds(10), ReportStatus.ACTION_REQUIRED);
    Submission c = evaluated("q3", "p1", T0.plusSeconds(20), ReportStatus.READY);
    store.create(received("q4-not-evaluated", "p1", T0.plusSeconds(30)));
    store.saveReview(b.submissionId(), new Review(Review.State.IN_REVIEW, T0.plusSeconds(40), "rev", 1, "h", 0));
    Submission failed = received("q5-failed", "p3", T0.plusSeconds(50));
    store.create(failed);
    store.markFailed(failed.submissionId(), "boom", T0.plusSeconds(51));

    List<Submission> newQueue = readAll(SubmissionQuery.ALL.withReview(Review.State.NEW).oldestFirst(true), 2);
    List<Submission> inReview = readAll(SubmissionQuery.ALL.withReview(Review.State.IN_REVIEW), 2);
    List<Submission> newestNew = readAll(SubmissionQuery.ALL.withReview(Review.State.NEW), 1);

    assertThat(newQueue).extracting(Submission::submissionId)
        .containsExactly(a.submissionId(), c.submissionId(), failed.submissionId());
    assertThat(inReview).extracting(Submission::submissionId).containsExactly(b.submissionId());
    assertThat(newestNew).extracting(Submission::submissionId)
        .containsExactly(failed.submissionId(), c.submissionId(), a.submissionId());
  }

  @Test
  void list_reviewAfterProjectionMoves_followsTheStateAcrossPartitions() {
    Submission a = evaluated("m1", "p1", T0, ReportStatus.READY);
    store.saveReview(a.submissionId(), new Review(Review.State.ACCEPTED, T0.plusSeconds(5), "rev", 1, "h", 0));

    List<Submission> accepted = readAll(SubmissionQuery.ALL.withReview(Review.State.ACCEPTED), 5);
    List<Submission> queue = readAll(SubmissionQuery.ALL.withReview(Review.State.NEW), 5);

    assertThat(accepted).extracting(Submission::submissionId).containsExactly(a.submissionId());
    assertThat(queue).isEmpty();
  }

  @Test
  void list_openReviewSuperseded_leavesTheQueueButClosedStatesKeepIt() {
    Submission open = evaluated("sup1", "p1", T0, ReportStatus.ACTION_REQUIRED);
    Submission closed = evaluated("sup2", "p2", T0.plusSeconds(1), ReportStatus.ACTION_REQUIRED);
    store.saveReview(closed.submissionId(), new Review(Review.State.CHANGES_REQUESTED, T0.plusSeconds(2), "rev", 1,
        "h", 0));
    Submission later = evaluated("sup3", "p1", T0.plusSeconds(60), ReportStatus.READY);

    store.supersede(open.submissionId(), later);
    store.supersede(closed.submissionId(), evaluated("sup4", "p2", T0.plusSeconds(70), ReportStatus.READY));

    assertThat(readAll(SubmissionQuery.ALL.withReview(Review.State.NEW), 5)).extracting(Submission::submissionId)
        .containsExactlyInAnyOrder(later.submissionId(), id("sup4"));
    assertThat(readAll(SubmissionQuery.ALL.withReview(Review.State.CHANGES_REQUESTED), 5))
        .extracting(Submission::submissionId).containsExactly(closed.submissionId());
    assertThat(readAll(SubmissionQuery.of("p1", null), 5)).hasSize(2);
  }

  @Test
  void list_overdue_onlyUnansweredPastTheirDueDateOldestFirst() {
    // T0 is Thursday 2026-10-01: due Thursday 2026-10-08, overdue from Friday 2026-10-09.
    LocalDate friday = LocalDate.of(2026, 10, 9);
    Submission late = evaluated("o1", "p1", T0, ReportStatus.ACTION_REQUIRED);
    Submission lateInReview = evaluated("o2", "p2", T0.plusSeconds(30), ReportStatus.READY);
    store.saveReview(lateInReview.submissionId(), new Review(Review.State.IN_REVIEW, T0.plusSeconds(40), "rev", 1,
        "h", 0));
    Submission answered = evaluated("o3", "p3", T0.plusSeconds(50), ReportStatus.READY);
    store.saveReview(answered.submissionId(), new Review(Review.State.ACCEPTED, T0.plusSeconds(60), "rev", 1, "h", 0));
    Submission superseded = evaluated("o4", "p4", T0.plusSeconds(70), ReportStatus.ACTION_REQUIRED);
    store.supersede(superseded.submissionId(), received("o4-later", "p4", T0.plusSeconds(80)));
    evaluated("o5-due-today", "p1", Instant.parse("2026-10-02T00:00:00Z"), ReportStatus.READY);
    store.create(received("o6-unevaluated", "p5", T0.minusSeconds(3600)));

    List<Submission> overdue = readAll(SubmissionQuery.ALL.overdueOn(friday).oldestFirst(true), 1);
    List<Submission> partners = readAll(SubmissionQuery.of("p2", null).overdueOn(friday), 3);
    List<Submission> none = readAll(SubmissionQuery.ALL.overdueOn(friday).withReview(Review.State.ACCEPTED), 3);

    assertThat(overdue).extracting(Submission::submissionId)
        .containsExactly(late.submissionId(), lateInReview.submissionId());
    assertThat(partners).extracting(Submission::submissionId).containsExactly(lateInReview.submissionId());
    assertThat(none).isEmpty();
  }

  @Test
  void list_receivedFrom_onlyThoseReceivedSince() {
    List<Submission> all = createSeries("p1", 5);

    List<Submission> since = readAll(SubmissionQuery.ALL.receivedFrom(all.get(2).receivedAt()).oldestFirst(true), 2);

    assertThat(since).extracting(Submission::submissionId)
        .containsExactly(all.get(2).submissionId(), all.get(3).submissionId(), all.get(4).submissionId());
  }

  @Test
  void list_tokenOfAnotherOrderOrReviewState_isIllegalArgument() {
    createSeries("p1", 3).forEach(s -> store.markFailed(s.submissionId(), "boom", T0.plusSeconds(9)));
    String newest = store.list(SubmissionQuery.ALL.withReview(Review.State.NEW), 1, null).nextToken();

    assertThatThrownBy(() -> store.list(SubmissionQuery.ALL.withReview(Review.State.NEW).oldestFirst(true), 1,
        newest)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.list(SubmissionQuery.ALL.withReview(Review.State.IN_REVIEW), 1, newest))
        .isInstanceOf(IllegalArgumentException.class);
  }

  // ---------------------------------------------------------------- helpers

  protected static String id(String seed) {
    return SubmissionIds.submissionId("intake", "incoming/" + seed + ".xlsx", "v1");
  }

  protected static Submission received(String seed, String partnerId, Instant receivedAt) {
    return Submission.received(id(seed), partnerId, new Submission.Source("intake",
        "incoming/" + partnerId + "/" + seed + ".xlsx", "v1", null, null, seed + ".xlsx", 1000L), receivedAt, AS_OF,
        receivedAt);
  }

  protected static Submission version(String documentId, String sequencer, Instant receivedAt) {
    return Submission.received(SubmissionIds.submissionId("intake", "incoming/p1/a.xlsx", sequencer), "p1",
        new Submission.Source("intake", "incoming/p1/a.xlsx", sequencer, sequencer, documentId, "a.xlsx", 1000L),
        receivedAt, AS_OF, receivedAt);
  }

  /** The stored submission is in {@code status}, which it moved to at {@code updatedAt}. */
  protected void assertStored(String submissionId, SubmissionStatus status, Instant updatedAt) {
    assertThat(store.get(submissionId)).get()
        .extracting(Submission::status, Submission::updatedAt)
        .containsExactly(status, updatedAt);
  }

  /** {@code count} submissions of one partner, one second apart, in the order received. */
  protected List<Submission> createSeries(String partnerId, int count) {
    List<Submission> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Submission s = received(partnerId + "-" + i, partnerId, T0.plusSeconds(i));
      store.create(s);
      out.add(s);
    }
    return out;
  }

  protected List<Submission> readAll(String partnerId, SubmissionStatus status, int limit) {
    List<Submission> out = new ArrayList<>();
    String token = null;
    int pages = 0;
    do {
      Page<Submission> page = store.list(partnerId, status, limit, token);
      assertThat(page.items()).hasSizeLessThanOrEqualTo(limit);
      out.addAll(page.items());
      token = page.nextToken();
      pages++;
    } while (token != null && pages < 100);
    return out;
  }

  protected static List<String> newestFirstIds(List<Submission> submissions) {
    return submissions.stream()
        .sorted((a, b) -> b.receivedAt().compareTo(a.receivedAt()))
        .map(Submission::submissionId)
        .toList();
  }

  protected static List<Finding> findings(int count) {
    return IntStream.range(0, count)
        .mapToObj(i -> new Finding("rule-" + i, "2.1", i % 2 == 0 ? Severity.BLOCKER : Severity.WARNING,
            "message " + i, "fix " + i, switch (i % 3) {
              case 0 -> CellRef.of("Case Studies", i % 10, i + 2);
              case 1 -> CellRef.row("Case Studies", i + 2);
              default -> i % 2 == 0 ? CellRef.sheet("Partner Profile") : null;
            }))
        .toList();
  }

  /** A submission received at {@code receivedAt} and evaluated a second later with {@code status}. */
  protected Submission evaluated(String seed, String partnerId, Instant receivedAt, ReportStatus status) {
    Submission s = received(seed, partnerId, receivedAt);
    store.create(s);
    store.saveEvaluation(s.submissionId(), report(s.submissionId(), status,
        status == ReportStatus.READY ? List.of() : findings(1)), "r.json", "a.xlsx", receivedAt.plusSeconds(1));
    return store.get(s.submissionId()).orElseThrow();
  }

  protected static Decision decision(Submission s, int sequence, Decision.Action action, String finding,
      String previousHash) {
    return Decision.chained("d-" + sequence, s.submissionId(), sequence, action, "comment " + sequence, finding,
        false, "arn:aws:iam::123456789012:user/rev", T0.plusSeconds(60L * sequence), previousHash);
  }

  protected List<Submission> readAll(SubmissionQuery query, int limit) {
    List<Submission> out = new ArrayList<>();
    String token = null;
    int pages = 0;
    do {
      Page<Submission> page = store.list(query, limit, token);
      assertThat(page.items()).hasSizeLessThanOrEqualTo(limit);
      out.addAll(page.items());
      token = page.nextToken();
      pages++;
    } while (token != null && pages < 100);
    return out;
  }

  protected static FindingsReport report(String submissionId, ReportStatus status, List<Finding> findings) {
    return new FindingsReport(submissionId, new PartnerRef("Example Partner", "p1"), "4.0", AS_OF, status,
        Summary.of(findings, 40 - findings.size()), findings);
  }
}
