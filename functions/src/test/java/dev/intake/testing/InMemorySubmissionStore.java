package dev.intake.testing;

import dev.intake.model.Finding;
import dev.intake.model.FindingsReport;
import dev.intake.pipeline.Decision;
import dev.intake.pipeline.Page;
import dev.intake.pipeline.Submission;
import dev.intake.pipeline.SubmissionIds;
import dev.intake.pipeline.SubmissionStatus;
import dev.intake.pipeline.SubmissionStore;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A hand-written fake of the store for service and handler tests, held to the real store's rules by
 * {@code SubmissionStoreContract}: conditional status moves, nothing written for a finished
 * submission, newest-first pages of at most {@code limit} (1 to 100) with tokens tied to their query,
 * history in sequencer order and decisions in time order.
 */
public final class InMemorySubmissionStore implements SubmissionStore {

  private static final int MAX_LIMIT = 100;
  /** Newest first, as the store's indexes sort: by time received, then by id. */
  private static final Comparator<Submission> NEWEST_FIRST =
      Comparator.comparing(Submission::receivedAt).thenComparing(Submission::submissionId).reversed();

  private final Map<String, Submission> submissions = new LinkedHashMap<>();
  private final Map<String, List<Finding>> findings = new LinkedHashMap<>();
  private final Map<String, Map<String, Decision>> decisions = new LinkedHashMap<>();
  private final java.util.Set<String> issuedTokens = new java.util.HashSet<>();
  public int evaluationsSaved;

  @Override public synchronized boolean create(Submission submission) {
    SubmissionIds.sortableSequencer(submission.source().sequencer());
    return submissions.putIfAbsent(submission.submissionId(), submission) == null;
  }

  @Override public synchronized Optional<Submission> get(String submissionId) {
    return Optional.ofNullable(submissions.get(submissionId));
  }

  @Override public synchronized boolean advance(String submissionId, SubmissionStatus next, Instant at) {
    Submission s = submissions.get(submissionId);
    if (s == null || s.status().rank() >= next.rank()) {
      return false;
    }
    submissions.put(submissionId, s.withStatus(next, at));
    return true;
  }

  @Override public synchronized boolean saveEvaluation(String submissionId, FindingsReport report, String reportKey,
      String annotatedKey, Instant at) {
    Submission s = submissions.get(submissionId);
    if (s == null || s.status().terminal()) {
      return false;
    }
    findings.put(submissionId, List.copyOf(report.findings()));
    evaluationsSaved++;
    String partnerName = report.partner().name() == null ? "" : report.partner().name();
    Submission.Evaluation evaluation = new Submission.Evaluation(report.summary(), report.checklistVersion(),
        partnerName, reportKey, annotatedKey);
    submissions.put(submissionId, s.withEvaluation(evaluation).withStatus(SubmissionStatus.of(report.status()), at));
    return true;
  }

  @Override public synchronized boolean markFailed(String submissionId, String reason, Instant at) {
    Submission s = submissions.get(submissionId);
    if (s == null || s.status().terminal()) {
      return false;
    }
    submissions.put(submissionId, s.withFailure(reason).withStatus(SubmissionStatus.FAILED, at));
    return true;
  }

  @Override public synchronized List<Finding> findings(String submissionId) {
    return findings.getOrDefault(submissionId, List.of());
  }

  @Override public synchronized Page<Submission> list(String partnerId, SubmissionStatus status, int limit,
      String nextToken) {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
    }
    String query = partnerId + "|" + status + "|";
    int offset = 0;
    if (nextToken != null) {
      // As the real store's signature does: a token this store did not hand out is refused.
      if (!issuedTokens.contains(nextToken)) {
        throw new IllegalArgumentException("Invalid nextToken: it is not one this store issued");
      }
      if (!nextToken.startsWith(query)) {
        throw new IllegalArgumentException("Invalid nextToken: it was issued for a different query");
      }
      try {
        offset = Integer.parseInt(nextToken.substring(query.length()));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("Invalid nextToken: it is not a page token");
      }
    }
    List<Submission> all = submissions.values().stream()
        .filter(s -> partnerId == null || s.partnerId().equals(partnerId))
        .filter(s -> status == null || s.status() == status)
        .sorted(NEWEST_FIRST)
        .toList();
    int end = Math.min(all.size(), offset + limit);
    String token = end < all.size() ? query + end : null;
    if (token != null) {
      issuedTokens.add(token);
    }
    return new Page<>(all.subList(Math.min(offset, end), end), token);
  }

  @Override public synchronized List<Submission> history(String documentId) {
    return submissions.values().stream()
        .filter(s -> documentId.equals(s.source().documentId()))
        .sorted(Comparator.comparing((Submission s) -> SubmissionIds.sortableSequencer(s.source().sequencer()))
            .thenComparing(Submission::submissionId))
        .toList();
  }

  @Override public synchronized void addDecision(Decision decision) {
    decisions.computeIfAbsent(decision.submissionId(), k -> new LinkedHashMap<>())
        .putIfAbsent(decision.decisionId(), decision);
  }

  @Override public synchronized List<Decision> decisions(String submissionId) {
    return decisions.getOrDefault(submissionId, Map.of()).values().stream()
        .sorted(Comparator.comparing(Decision::at).thenComparing(Decision::decisionId))
        .toList();
  }
}
