package dev.intake.testing;

import dev.intake.model.Finding;
import dev.intake.model.FindingsReport;
import dev.intake.pipeline.Decision;
import dev.intake.pipeline.Page;
import dev.intake.pipeline.Submission;
import dev.intake.pipeline.SubmissionStatus;
import dev.intake.pipeline.SubmissionStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Passes every call to another store; tests override the calls they want to break or observe. */
public class ForwardingSubmissionStore implements SubmissionStore {

  private final SubmissionStore delegate;

  public ForwardingSubmissionStore(SubmissionStore delegate) {
    this.delegate = delegate;
  }

  @Override public boolean create(Submission submission) {
    return delegate.create(submission);
  }

  @Override public Optional<Submission> get(String submissionId) {
    return delegate.get(submissionId);
  }

  @Override public boolean advance(String submissionId, SubmissionStatus next, Instant at) {
    return delegate.advance(submissionId, next, at);
  }

  @Override public boolean saveEvaluation(String submissionId, FindingsReport report, String reportKey,
      String annotatedKey, Instant at) {
    return delegate.saveEvaluation(submissionId, report, reportKey, annotatedKey, at);
  }

  @Override public boolean markFailed(String submissionId, String reason, Instant at) {
    return delegate.markFailed(submissionId, reason, at);
  }

  @Override public List<Finding> findings(String submissionId) {
    return delegate.findings(submissionId);
  }

  @Override public Page<Submission> list(String partnerId, SubmissionStatus status, int limit, String nextToken) {
    return delegate.list(partnerId, status, limit, nextToken);
  }

  @Override public List<Submission> history(String documentId) {
    return delegate.history(documentId);
  }

  @Override public void addDecision(Decision decision) {
    delegate.addDecision(decision);
  }

  @Override public List<Decision> decisions(String submissionId) {
    return delegate.decisions(submissionId);
  }
}
