package dev.intake.handlers;

import static dev.intake.handlers.RealPipeline.call;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.intake.api.Caller;
import dev.intake.api.ReviewerApi;
import dev.intake.aws.AwsClients;
import dev.intake.testing.Dynalite;
import dev.intake.testing.ReviewLoopWorkbooks;
import dev.intake.testing.S3ProxyServer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A partner's thread once every upload of a burst is evaluated, whatever order the evaluations
 * finish in (one after another in a given order, or all at once on threads), on the real stores:
 * one chain in the order received (ties by id, as the store's indexes sort), each judged upload's
 * {@code previousSubmissionId} the latest judged one received before it and {@code supersededBy} its
 * mirror, and only the last upload in the office's queue. A REJECTED or FAILED upload never joins
 * the chain, but leaves the queue once a later upload of the partner is judged; stray uploads (no
 * partner folder) are never threaded.
 */
class ThreadOrderTest {

  @RegisterExtension
  static final S3ProxyServer S3 = new S3ProxyServer();

  /** Monday 2026-11-02. */
  private static final Instant MONDAY = Instant.parse("2026-11-02T09:00:00Z");
  private static final LocalDate AS_OF = LocalDate.of(2026, 11, 2);
  private static final Caller REVIEWER = new Caller.Reviewer("arn:aws:sts::1:assumed-role/competency-reviewer/jane");
  private static final String PARTNER = ReviewLoopWorkbooks.PARTNER_ID;
  private static final byte[] NOT_A_WORKBOOK = "not a workbook at all".getBytes(StandardCharsets.UTF_8);

  private static AwsClients clients;

  @BeforeAll
  static void stores() {
    S3.createBucket(RealPipeline.BUCKET);
    clients = AwsClients.local(Dynalite.shared().endpoint(), S3.endpoint());
  }

  @AfterAll
  static void close() {
    clients.close();
  }

  /** What one upload of a burst is, and how its evaluation ends. */
  private enum Kind { JUDGED, REJECTED, FAILED }

  /** A burst received and checked, its last steps not run. */
  private record Burst(RealPipeline pipeline, List<RealPipeline.Pending> uploads, List<Kind> kinds) {

    /** The indexes of the uploads in the order the store sorts them: by time received, then by id. */
    List<Integer> received() {
      List<Integer> order = new ArrayList<>();
      for (int i = 0; i < uploads.size(); i++) {
        order.add(i);
      }
      order.sort(Comparator.comparing((Integer i) -> uploads.get(i).at()).thenComparing(this::id));
      return order;
    }

    /** The judged uploads' ids in the order received. */
    List<String> judgedInOrder() {
      return received().stream().filter(i -> kinds.get(i) == Kind.JUDGED).map(this::id).toList();
    }

    /** The first judged upload received after the upload at {@code index}, or null. */
    String nextJudged(int index) {
      List<Integer> order = received();
      return order.subList(order.indexOf(index) + 1, order.size()).stream()
          .filter(i -> kinds.get(i) == Kind.JUDGED).map(this::id).findFirst().orElse(null);
    }

    void finish(int index) {
      RealPipeline.Pending p = uploads.get(index);
      if (kinds.get(index) == Kind.FAILED) {
        pipeline.fail(p);
      } else {
        pipeline.aggregate(p);
      }
    }

    String id(int index) {
      return uploads.get(index).submissionId();
    }
  }

  /**
   * Uploads one workbook per kind to {@code folder}, back to back (the third and fourth in the same
   * instant, so the order between them is the id's), and runs everything but the last step.
   */
  private static Burst burst(String folder, Kind... kinds) {
    RealPipeline pipeline = new RealPipeline(clients, MONDAY);
    List<RealPipeline.Pending> uploads = new ArrayList<>();
    for (int i = 0; i < kinds.length; i++) {
      Instant at = MONDAY.plusSeconds(i == 3 ? 2 : i);
      byte[] bytes = kinds[i] == Kind.REJECTED ? NOT_A_WORKBOOK
          : (i % 2 == 0 ? ReviewLoopWorkbooks.first(AS_OF) : ReviewLoopWorkbooks.corrected(AS_OF)).build();
      uploads.add(pipeline.receive(folder + "burst-" + i + ".xlsx", bytes, at));
    }
    return new Burst(pipeline, uploads, List.of(kinds));
  }

  private static Burst judgedBurst(int count) {
    Kind[] kinds = new Kind[count];
    java.util.Arrays.fill(kinds, Kind.JUDGED);
    return burst("incoming/" + PARTNER + "/", kinds);
  }

  // ---------------------------------------------------------------- judged uploads only

  @ParameterizedTest(name = "finished in the order {0}")
  @ValueSource(strings = {"01234", "43210", "40312", "24013", "13042", "30421"})
  void burst_evaluationsFinishingInAnyOrder_isOneChainInReceivedOrderWithOnlyTheLastInTheQueue(String order) {
    // given five uploads of one partner, back to back
    Burst burst = judgedBurst(5);

    // when their evaluations finish in this order
    for (char c : order.toCharArray()) {
      burst.finish(c - '0');
    }

    // then
    assertChain(burst.pipeline(), burst.judgedInOrder());
    assertQueue(burst.pipeline(), List.of(last(burst.judgedInOrder())));
  }

  @Test
  void burst_evaluationsFinishingAtOnceOnThreads_isOneChainInReceivedOrderWithOnlyTheLastInTheQueue()
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      for (int round = 0; round < 3; round++) {
        // given six uploads of one partner, back to back
        Burst burst = judgedBurst(6);
        CyclicBarrier start = new CyclicBarrier(6);
        List<Future<?>> running = new ArrayList<>();

        // when every aggregate step runs at once
        for (int i = 0; i < 6; i++) {
          int index = i;
          running.add(pool.submit(() -> {
            start.await(30, TimeUnit.SECONDS);
            burst.finish(index);
            return null;
          }));
        }
        for (Future<?> f : running) {
          f.get(120, TimeUnit.SECONDS);
        }

        // then
        assertChain(burst.pipeline(), burst.judgedInOrder());
        assertQueue(burst.pipeline(), List.of(last(burst.judgedInOrder())));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void burst_retriedAggregateAfterTheThreadMoved_keepsTheChain() {
    // given three uploads, evaluated last to first, then the first's aggregate delivered again
    Burst burst = judgedBurst(3);
    burst.finish(2);
    burst.finish(1);
    burst.finish(0);

    burst.finish(0);
    burst.finish(2);

    // then
    assertChain(burst.pipeline(), burst.judgedInOrder());
    assertQueue(burst.pipeline(), List.of(last(burst.judgedInOrder())));
  }

  // ---------------------------------------------------------------- rejected and failed uploads

  @ParameterizedTest(name = "finished in the order {0}")
  @ValueSource(strings = {"012345", "543210", "402513", "250314", "135024"})
  void burst_rejectedAndFailedAmongJudged_stayOutOfTheChainAndLeaveTheQueueOnceALaterOneIsJudged(String order) {
    // given judged, rejected, judged, failed, judged, rejected
    Burst burst = burst("incoming/" + PARTNER + "/", Kind.JUDGED, Kind.REJECTED, Kind.JUDGED, Kind.FAILED,
        Kind.JUDGED, Kind.REJECTED);

    // when their evaluations finish in this order
    for (char c : order.toCharArray()) {
      burst.finish(c - '0');
    }

    // then the judged ones are one chain; the rejected and failed ones are in none
    RealPipeline p = burst.pipeline();
    assertChain(p, burst.judgedInOrder());
    for (int notJudged : new int[] {1, 3, 5}) {
      assertThat(submission(p, burst.id(notJudged)).path("previousSubmissionId").isNull()).isTrue();
      JsonNode comparison = get(p, "/submissions/" + burst.id(notJudged) + "/comparison");
      assertThat(comparison.path("previousSubmissionId").isNull()).isTrue();
      assertThat(comparison.path("fixed")).isEmpty();
    }
    // each rejected or failed upload is answered by the partner's next judged upload, if any
    List<String> open = new ArrayList<>(List.of(last(burst.judgedInOrder())));
    for (int notJudged : new int[] {1, 3, 5}) {
      String next = burst.nextJudged(notJudged);
      assertThat(submission(p, burst.id(notJudged)).path("supersededBy").textValue()).as("superseded %s", notJudged)
          .isEqualTo(next);
      if (next == null) {
        open.add(burst.id(notJudged));
      }
    }
    // only the last judged upload and the rejected one after it wait for the office
    assertThat(open).containsExactlyInAnyOrder(burst.id(4), burst.id(5));
    assertQueue(p, open);
  }

  // ---------------------------------------------------------------- stray uploads

  @ParameterizedTest(name = "finished in the order {0}")
  @ValueSource(strings = {"012", "210"})
  void strayUploads_outsideAPartnerFolder_areNeverThreadedAndEachStaysInTheQueue(String order) {
    // given three unrelated files outside any partner folder (the reserved partner id 'unassigned')
    Burst burst = burst("incoming/", Kind.JUDGED, Kind.JUDGED, Kind.REJECTED);

    // when evaluated
    for (char c : order.toCharArray()) {
      burst.finish(c - '0');
    }

    // then none follows or supersedes another, and each waits for the office
    RealPipeline p = burst.pipeline();
    for (int i = 0; i < 3; i++) {
      JsonNode s = submission(p, burst.id(i));
      assertThat(s.path("partnerId").asText()).isEqualTo("unassigned");
      assertThat(s.path("previousSubmissionId").isNull()).as("previous of %s", i).isTrue();
      assertThat(s.path("supersededBy").isNull()).as("superseded %s", i).isTrue();
      assertThat(get(p, "/submissions/" + burst.id(i) + "/comparison").path("previousSubmissionId").isNull())
          .isTrue();
    }
    assertThat(ids(call(p.api(), REVIEWER, "GET", "/submissions", Map.of("review", "NEW", "partnerId", "unassigned"),
        null, 200))).containsExactlyInAnyOrder(burst.id(0), burst.id(1), burst.id(2));
  }

  // ---------------------------------------------------------------- helpers

  /**
   * {@code chain} is one thread: each one's previous is the one before it and its supersededBy the one
   * after it (as the API shows them), and its comparison is with the one before it.
   */
  private static void assertChain(RealPipeline p, List<String> chain) {
    Map<String, String> previous = new HashMap<>();
    Map<String, String> superseded = new HashMap<>();
    Map<String, String> compared = new HashMap<>();
    Map<String, String> expectedPrevious = new HashMap<>();
    Map<String, String> expectedSuperseded = new HashMap<>();
    for (int i = 0; i < chain.size(); i++) {
      String id = chain.get(i);
      JsonNode s = submission(p, id);
      previous.put(id, s.path("previousSubmissionId").textValue());
      superseded.put(id, s.path("supersededBy").textValue());
      compared.put(id, get(p, "/submissions/" + id + "/comparison").path("previousSubmissionId").textValue());
      expectedPrevious.put(id, i == 0 ? null : chain.get(i - 1));
      expectedSuperseded.put(id, i == chain.size() - 1 ? null : chain.get(i + 1));
    }
    assertThat(previous).as("previousSubmissionId").isEqualTo(expectedPrevious);
    assertThat(superseded).as("supersededBy").isEqualTo(expectedSuperseded);
    assertThat(compared).as("the comparison's previousSubmissionId").isEqualTo(expectedPrevious);
  }

  /** The partner's queue (review NEW), and the overdue list a month later, are {@code expected}. */
  private static void assertQueue(RealPipeline p, List<String> expected) {
    ReviewerApi api = p.api();
    assertThat(ids(call(api, REVIEWER, "GET", "/submissions", Map.of("review", "NEW", "partnerId", PARTNER), null,
        200))).as("the queue").containsExactlyInAnyOrderElementsOf(expected);
    p.clock.set(MONDAY.plusSeconds(30L * 86_400));
    assertThat(ids(call(api, REVIEWER, "GET", "/submissions", Map.of("overdue", "true", "partnerId", PARTNER), null,
        200))).as("overdue").containsExactlyInAnyOrderElementsOf(expected);
  }

  private static JsonNode submission(RealPipeline p, String id) {
    return get(p, "/submissions/" + id);
  }

  private static JsonNode get(RealPipeline p, String path) {
    return call(p.api(), REVIEWER, "GET", path, Map.of(), null, 200);
  }

  private static List<String> ids(JsonNode page) {
    List<String> out = new ArrayList<>();
    page.path("items").forEach(s -> out.add(s.path("submissionId").asText()));
    return out;
  }

  private static String last(List<String> ids) {
    return ids.get(ids.size() - 1);
  }
}
