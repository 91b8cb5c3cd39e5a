package dev.intake.pipeline;

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

  /** True when the submission moved to FAILED; false when it had already reached a terminal state. */
  public boolean markFailed(String submissionId, String error, String cause) {
    if (!SubmissionIds.isSubmissionId(submissionId)) {
      throw new IllegalArgumentException("not a submission id: " + submissionId);
    }
    String reason = (error == null ? "Error" : error) + ": " + (cause == null ? "" : cause);
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
