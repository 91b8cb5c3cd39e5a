package dev.intake.local;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntConsumer;

/**
 * Follows uploads through the reviewer API until each reaches a terminal state, as a reviewer's
 * script would: what the demo and the load test use to wait and to measure.
 */
public final class UploadTracker {

  private static final Set<String> TERMINAL = Set.of("READY", "ACTION_REQUIRED", "REJECTED", "FAILED");

  /** One upload: where it went and when. */
  public record Upload(String partnerId, String fileName, Instant uploadedAt) {
  }

  /** What became of an upload; {@code submission} is null if it never reached a terminal state. */
  public record Outcome(Upload upload, JsonNode submission, Duration latency, int evaluations) {

    public String status() {
      return submission == null ? "LOST" : submission.path("status").asText();
    }
  }

  private final LocalApiClient api;
  private final Clock clock;
  private final Map<String, Upload> uploads = new LinkedHashMap<>();

  public UploadTracker(LocalApiClient api, Clock clock) {
    this.api = api;
    this.clock = clock;
  }

  public void uploaded(String partnerId, String fileName, Instant at) {
    uploads.put(partnerId + "/" + fileName, new Upload(partnerId, fileName, at));
  }

  /**
   * Polls until every upload has a submission in a terminal state, or the timeout passes.
   *
   * @param progress told how many are done, each time that number changes (and once at the start)
   */
  public List<Outcome> await(Duration timeout, Duration interval, IntConsumer progress) throws InterruptedException {
    Instant deadline = clock.instant().plus(timeout);
    Map<String, JsonNode> done = new LinkedHashMap<>();
    Map<String, Instant> doneAt = new LinkedHashMap<>();
    Map<String, Integer> count = new LinkedHashMap<>();
    Set<String> partners = new java.util.TreeSet<>();
    uploads.values().forEach(u -> partners.add(u.partnerId()));
    int shown = -1;
    while (true) {
      Instant now = clock.instant();
      count.clear();
      List<JsonNode> seen = new ArrayList<>();
      try {
        // One listing of everything costs fewer calls than one per partner once there are many.
        if (partners.size() > 3) {
          seen.addAll(api.submissions(null));
        } else {
          for (String partner : partners) {
            seen.addAll(api.submissions(partner));
          }
        }
      } catch (RuntimeException e) {
        // The API is briefly unavailable (e.g. its store restarting): look again next round.
        seen.clear();
        count.clear();
      }
      for (JsonNode s : seen) {
        String key = s.path("partnerId").asText() + "/" + s.path("fileName").asText();
        if (!uploads.containsKey(key)) {
          continue;
        }
        count.merge(key, 1, Integer::sum);
        if (TERMINAL.contains(s.path("status").asText()) && !done.containsKey(key)) {
          done.put(key, s);
          doneAt.put(key, now);
        }
      }
      if (done.size() != shown) {
        shown = done.size();
        progress.accept(shown);
      }
      if (done.size() == uploads.size() || now.isAfter(deadline)) {
        break;
      }
      Thread.sleep(interval.toMillis());
    }
    List<Outcome> out = new ArrayList<>();
    uploads.forEach((key, u) -> out.add(new Outcome(u, done.get(key),
        doneAt.containsKey(key) ? Duration.between(u.uploadedAt(), doneAt.get(key)) : null,
        count.getOrDefault(key, 0))));
    return out;
  }

  public int size() {
    return uploads.size();
  }
}
