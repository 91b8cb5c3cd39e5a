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
  void decisions_appendedAndRetried_storedOnceInTimeOrder() {
    Submission submission = received("dec", "p1", T0);
    store.create(submission);
    Decision later = new Decision("d-2", submission.submissionId(), Decision.Action.ACCEPT, "ok now", null,
        "arn:aws:iam::123456789012:user/rev", T0.plusSeconds(600));
    Decision earlier = new Decision("d-1", submission.submissionId(), Decision.Action.OVERRIDE_FINDING,
        "customer confirmed", "case-study-age@Case Studies!J2", "arn:aws:iam::123456789012:user/rev",
        T0.plusSeconds(60));

    store.addDecision(later);
    store.addDecision(earlier);
    store.addDecision(later);

    assertThat(store.decisions(submission.submissionId())).containsExactly(earlier, later);
  }

  @Test
  void decisionsAndFindings_doNotAppearInListings() {
    Submission submission = received("mixed", "p1", T0);
    store.create(submission);
    store.saveEvaluation(submission.submissionId(), report(submission.submissionId(), ReportStatus.READY,
        findings(3)), "r.json", "a.xlsx", T0.plusSeconds(1));
    store.addDecision(new Decision("d-1", submission.submissionId(), Decision.Action.ACCEPT, "", null, "rev",
        T0.plusSeconds(2)));

    Page<Submission> page = store.list(null, null, 100, null);

    assertThat(page.items()).extracting(Submission::submissionId).containsExactly(submission.submissionId());
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

  protected static FindingsReport report(String submissionId, ReportStatus status, List<Finding> findings) {
    return new FindingsReport(submissionId, new PartnerRef("Example Partner", "p1"), "4.0", AS_OF, status,
        Summary.of(findings, 40 - findings.size()), findings);
  }
}
