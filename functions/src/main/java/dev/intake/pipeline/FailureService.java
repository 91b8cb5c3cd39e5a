package dev.intake.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The workflow's Catch target: the submission is stored FAILED with the error and its cause. */
public final class FailureService {

  private static final Logger LOG = LoggerFactory.getLogger(FailureService.class);
  private static final int MAX_REASON = 2000;

  private final SubmissionStore store;
  private final Clock clock;
  private final PipelineMetrics metrics;

  public FailureService(SubmissionStore store, Clock clock, PipelineMetrics metrics) {
    this.store = store;
    this.clock = clock;
    this.metrics = metrics;
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

  /** True when the submission moved to FAILED; false when it had already reached a terminal state. */
  public boolean markFailed(String submissionId, String error, String cause) {
    if (!SubmissionIds.isSubmissionId(submissionId)) {
      throw new IllegalArgumentException("not a submission id: " + submissionId);
    }
    String reason = (error == null ? "Error" : error) + ": " + briefCause(cause);
    if (reason.length() > MAX_REASON) {
      reason = reason.substring(0, MAX_REASON) + "…";
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
