package dev.intake.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.intake.model.Text;
import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The workflow's Catch target (and where a failure intake found ends up): the submission is stored
 * FAILED with the error and its cause, and the program office's notification of it is returned, to
 * be published like any verdict's. A failure arriving after a terminal state changes nothing and
 * announces nothing (that submission was announced already). A FAILED submission is linked to the
 * partner's next judged one, which supersedes it ({@link Threads}).
 */
public final class FailureService {

  private static final Logger LOG = LoggerFactory.getLogger(FailureService.class);
  private static final int MAX_REASON = 2000;

  private final SubmissionStore store;
  private final Clock clock;
  private final PipelineMetrics metrics;
  private final String apiBaseUrl;
  private final Threads.Settle settle;

  /** @param apiBaseUrl where the notification's links point ("" for relative links) */
  public FailureService(SubmissionStore store, Clock clock, PipelineMetrics metrics, String apiBaseUrl) {
    this(store, clock, metrics, apiBaseUrl, Threads.Settle.NONE);
  }

  private FailureService(SubmissionStore store, Clock clock, PipelineMetrics metrics, String apiBaseUrl,
      Threads.Settle settle) {
    this.settle = settle;
    this.store = store;
    this.clock = clock;
    this.metrics = metrics;
    this.apiBaseUrl = apiBaseUrl;
  }

  /** As {@link AggregateService#withThreadSettle}. */
  public FailureService withThreadSettle(Threads.Settle next) {
    return new FailureService(store, clock, metrics, apiBaseUrl, next);
  }

  /**
   * What the failure step did.
   *
   * @param notification the message to publish, or null when the submission was already terminal
   */
  public record Outcome(boolean marked, Notification notification) {
  }

  /** Stores the submission of {@code in} FAILED and returns its notification, if it was not terminal yet. */
  public Outcome fail(WorkflowInput in, String error, String cause) {
    String reason = reason(error, cause);
    boolean marked = markFailed(in.submissionId(), reason);
    Optional<Submission> stored = store.get(in.submissionId());
    // Out of the queue once a later upload of the partner is judged; repeated by a retry, harmlessly.
    stored.filter(s -> s.status() == SubmissionStatus.FAILED)
        .ifPresent(s -> Threads.link(store, s, settle));
    if (!marked) {
      return new Outcome(false, null);
    }
    // A FAILED submission waits for the office's answer like any other: its notice says by when.
    LocalDate dueBy = stored.map(Submission::dueBy).orElseGet(() -> DueDates.dueBy(clock.instant()));
    return new Outcome(true, Notification.failed(in, reason, dueBy, apiBaseUrl));
  }

  /**
   * On AWS the cause of a Lambda task's error is the error JSON, stack trace included; only its
   * message is kept (the trace stays in the function's log), so what the store and the API show
   * carries no internals.
   */
  static String briefCause(String cause) {
    if (cause == null || cause.isBlank()) {
      return "";
    }
    String trimmed = cause.strip();
    if (trimmed.startsWith("{")) {
      try {
        JsonNode json = PipelineJson.mapper().readTree(trimmed);
        if (json.has("errorMessage")) {
          return json.path("errorMessage").asText("");
        }
      } catch (IOException e) {
        // not JSON after all: keep the text
      }
    }
    return trimmed;
  }

  /** Error and cause, which may quote the upload's key or the partner's text: without hidden characters. */
  private static String reason(String error, String cause) {
    String reason = Text.printable((error == null ? "Error" : error) + ": " + briefCause(cause));
    return reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) + "…" : reason;
  }

  /** True when the submission moved to FAILED; false when it had already reached a terminal state. */
  private boolean markFailed(String submissionId, String reason) {
    if (!SubmissionIds.isSubmissionId(submissionId)) {
      throw new IllegalArgumentException("not a submission id: " + submissionId);
    }
    boolean marked = store.markFailed(submissionId, reason, clock.instant());
    if (marked) {
      metrics.failed();
      LOG.error("Submission {} FAILED: {}", submissionId, reason);
    } else {
      LOG.warn("Submission {} was already terminal when this failure arrived: {}", submissionId, reason);
    }
    return marked;
  }
}
