package dev.intake.testing;

import dev.intake.model.Finding;
import dev.intake.model.FindingsReport;
import dev.intake.pipeline.Decision;
import dev.intake.pipeline.Page;
import dev.intake.pipeline.Review;
import dev.intake.pipeline.Submission;
import dev.intake.pipeline.SubmissionQuery;
import dev.intake.pipeline.SubmissionStatus;
import dev.intake.pipeline.SubmissionStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Passes every call to another store; tests override the calls they want to break or observe. The
 * store's shorthand overloads are final here, so a test overrides the call every caller really makes.
 */
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

  @Override public final boolean saveEvaluation(String submissionId, FindingsReport report, String reportKey,
      String annotatedKey, Instant at) {
    return saveEvaluation(submissionId, report, reportKey, annotatedKey, null, at);
  }

  @Override public boolean saveEvaluation(String submissionId, FindingsReport report, String reportKey,
      String annotatedKey, Submission previous, Instant at) {
    return delegate.saveEvaluation(submissionId, report, reportKey, annotatedKey, previous, at);
  }

  @Override public boolean markFailed(String submissionId, String reason, Instant at) {
    return delegate.markFailed(submissionId, reason, at);
  }

  @Override public List<Finding> findings(String submissionId) {
    return delegate.findings(submissionId);
  }

  @Override public final Page<Submission> list(String partnerId, SubmissionStatus status, int limit,
      String nextToken) {
    return list(SubmissionQuery.of(partnerId, status), limit, nextToken);
  }

  @Override public Page<Submission> list(SubmissionQuery query, int limit, String nextToken) {
    return delegate.list(query, limit, nextToken);
  }

  @Override public Optional<Submission> previousJudged(Submission s) {
    return delegate.previousJudged(s);
  }

  @Override public Optional<Submission> nextJudged(Submission s) {
    return delegate.nextJudged(s);
  }

  @Override public List<Submission> sinceLastJudged(Submission s) {
    return delegate.sinceLastJudged(s);
  }

  @Override public boolean linkPrevious(String submissionId, Submission previous) {
    return delegate.linkPrevious(submissionId, previous);
  }

  @Override public boolean supersede(String submissionId, Submission later) {
    return delegate.supersede(submissionId, later);
  }

  @Override public List<Submission> history(String documentId) {
    return delegate.history(documentId);
  }

  @Override public boolean addDecision(Decision decision) {
    return delegate.addDecision(decision);
  }

  @Override public List<Decision> decisions(String submissionId) {
    return delegate.decisions(submissionId);
  }

  @Override public boolean saveReview(String submissionId, Review review) {
    return delegate.saveReview(submissionId, review);
  }
}
