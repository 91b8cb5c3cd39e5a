package dev.intake.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intake.model.FindingsReport;
import dev.intake.model.PartnerRef;
import dev.intake.model.ReportStatus;
import dev.intake.model.Summary;
import dev.intake.testing.ForwardingSubmissionStore;
import dev.intake.testing.InMemorySubmissionStore;
import dev.intake.testing.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Threads on a store whose neighbour queries lag behind its writes, as DynamoDB's partner index (a GSI)
 * does: two neighbours judged within the lag each miss the other, unless the links are made again
 * once the lag has passed.
 */
class ThreadsSettleTest {

  private static final Instant T0 = Instant.parse("2026-11-02T09:00:00Z");
  private static final Duration LAG = Duration.ofMillis(800);

  private final SettableClock clock = new SettableClock(T0);
  private final LaggingIndex store = new LaggingIndex(new InMemorySubmissionStore(), clock);

  @Test
  void link_neighboursJudgedWithinTheLagAndNoSettle_missEachOther() {
    Submission first = judged("a", 0);
    Submission second = judged("b", 1);

    Threads.link(store, first, Threads.Settle.NONE);
    Threads.link(store, second, Threads.Settle.NONE);

    assertThat(store.get(second.submissionId()).orElseThrow().previousSubmissionId())
        .as("the hazard the settle time is for").isNull();
    assertThat(store.get(first.submissionId()).orElseThrow().supersededBy()).isNull();
  }

  @Test
  void link_neighboursJudgedWithinTheLagWithASettleLongerThanIt_areLinked() {
    Threads.Settle settle = new Threads.Settle(Duration.ofSeconds(2), clock::advance);
    Submission first = judged("a", 0);
    Submission second = judged("b", 1);

    Threads.link(store, first, settle);

    assertThat(store.get(second.submissionId()).orElseThrow().previousSubmissionId())
        .isEqualTo(first.submissionId());
    assertThat(store.get(first.submissionId()).orElseThrow().supersededBy()).isEqualTo(second.submissionId());
  }

  @Test
  void link_strayUpload_isNotLinkedNorWaitedFor() {
    List<Duration> waited = new java.util.ArrayList<>();
    Threads.Settle settle = new Threads.Settle(Duration.ofSeconds(2), waited::add);
    Submission stray = received("stray", "unassigned", 0);
    store.create(stray);
    store.saveEvaluation(stray.submissionId(), report(stray), "r", "a", clock.instant());

    Threads.link(store, store.get(stray.submissionId()).orElseThrow(), settle);

    assertThat(waited).isEmpty();
  }

  /**
   * A submission of P-1 received {@code second} seconds past T0, its verdict stored now; the clock then
   * moves 100 ms, so two verdicts in a row are well within the lag.
   */
  private Submission judged(String seed, int second) {
    Submission s = received(seed, "P-1", second);
    store.create(s);
    store.saveEvaluation(s.submissionId(), report(s), "r", "a", clock.instant());
    clock.advance(Duration.ofMillis(100));
    return store.get(s.submissionId()).orElseThrow();
  }

  private Submission received(String seed, String partnerId, int second) {
    String key = "incoming/" + partnerId + "/" + seed + ".xlsx";
    Instant at = T0.plusSeconds(second);
    return Submission.received(SubmissionIds.submissionId("bucket", key, "v1"), partnerId,
        new Submission.Source("bucket", key, "v1", null, null, seed + ".xlsx", 1L), at, LocalDate.of(2026, 11, 2),
        at);
  }

  private static FindingsReport report(Submission s) {
    return new FindingsReport(s.submissionId(), new PartnerRef("P", s.partnerId()), "4.0", LocalDate.of(2026, 11, 2),
        ReportStatus.READY, new Summary(0, 0, 20), List.of());
  }

  /**
   * The fake store, with its neighbour queries blind to a verdict for {@link #LAG} after it was stored:
   * what they would find then is left out (enough for two submissions; a real index would return
   * the next one instead).
   */
  private static final class LaggingIndex extends ForwardingSubmissionStore {

    private final SettableClock clock;
    private final Map<String, Instant> judgedAt = new HashMap<>();

    LaggingIndex(SubmissionStore delegate, SettableClock clock) {
      super(delegate);
      this.clock = clock;
    }

    @Override public boolean saveEvaluation(String submissionId, FindingsReport report, String reportKey,
        String annotatedKey, Submission previous, Instant at) {
      judgedAt.put(submissionId, clock.instant());
      return super.saveEvaluation(submissionId, report, reportKey, annotatedKey, previous, at);
    }

    private boolean indexed(Submission s) {
      Instant at = judgedAt.get(s.submissionId());
      return at == null || !clock.instant().isBefore(at.plus(LAG));
    }

    @Override public Optional<Submission> previousJudged(Submission s) {
      return super.previousJudged(s).filter(this::indexed);
    }

    @Override public Optional<Submission> nextJudged(Submission s) {
      return super.nextJudged(s).filter(this::indexed);
    }

    @Override public List<Submission> sinceLastJudged(Submission s) {
      return super.sinceLastJudged(s).stream().filter(this::indexed).toList();
    }
  }
}
