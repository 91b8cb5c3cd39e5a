package dev.intake.testing;

import dev.intake.model.Finding;
import dev.intake.model.FindingsReport;
import dev.intake.pipeline.Decision;
import dev.intake.pipeline.Page;
import dev.intake.pipeline.Submission;
import dev.intake.pipeline.SubmissionStatus;
import dev.intake.pipeline.SubmissionStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A hand-written fake of the store with the same conditional rules, for handler and service tests. */
public final class InMemorySubmissionStore implements SubmissionStore {

  private final Map<String, Submission> submissions = new LinkedHashMap<>();
  private final Map<String, List<Finding>> findings = new LinkedHashMap<>();
  private final Map<String, Map<String, Decision>> decisions = new LinkedHashMap<>();
  public int evaluationsSaved;

  @Override public synchronized boolean create(Submission submission) {
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
    findings.put(submissionId, List.copyOf(report.findings()));
    if (s == null || s.status().terminal()) {
      return false;
    }
    evaluationsSaved++;
    submissions.put(submissionId, new Submission(s.submissionId(), s.partnerId(), s.fileName(), s.bucket(), s.key(),
        s.versionId(), s.sequencer(), s.documentId(), s.sizeBytes(), s.receivedAt(), s.asOf(),
        SubmissionStatus.of(report.status()), report.summary(), report.checklistVersion(), report.partner().name(),
        reportKey, annotatedKey, null, at));
    return true;
  }

  @Override public synchronized boolean markFailed(String submissionId, String reason, Instant at) {
    Submission s = submissions.get(submissionId);
    if (s == null || s.status().terminal()) {
      return false;
    }
    submissions.put(submissionId, new Submission(s.submissionId(), s.partnerId(), s.fileName(), s.bucket(), s.key(),
        s.versionId(), s.sequencer(), s.documentId(), s.sizeBytes(), s.receivedAt(), s.asOf(), SubmissionStatus.FAILED,
        s.summary(), s.checklistVersion(), s.partnerName(), s.reportKey(), s.annotatedKey(), reason, at));
    return true;
  }

  @Override public synchronized List<Finding> findings(String submissionId) {
    return findings.getOrDefault(submissionId, List.of());
  }

  @Override public synchronized Page<Submission> list(String partnerId, SubmissionStatus status, int limit,
      String nextToken) {
    String query = partnerId + "|" + status + "|";
    int offset = 0;
    if (nextToken != null) {
      if (!nextToken.startsWith(query)) {
        throw new IllegalArgumentException("token for another query");
      }
      try {
        offset = Integer.parseInt(nextToken.substring(query.length()));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("bad token");
      }
    }
    List<Submission> all = submissions.values().stream()
        .filter(s -> partnerId == null || s.partnerId().equals(partnerId))
        .filter(s -> status == null || s.status() == status)
        .sorted(Comparator.comparing(Submission::receivedAt).reversed())
        .toList();
    int end = Math.min(all.size(), offset + limit);
    return new Page<>(all.subList(Math.min(offset, end), end), end < all.size() ? query + end : null);
  }

  @Override public synchronized List<Submission> history(String documentId) {
    return submissions.values().stream()
        .filter(s -> documentId.equals(s.documentId()))
        .sorted(Comparator.comparing(Submission::sequencer))
        .toList();
  }

  @Override public synchronized void addDecision(Decision decision) {
    decisions.computeIfAbsent(decision.submissionId(), k -> new LinkedHashMap<>())
        .putIfAbsent(decision.decisionId(), decision);
  }

  @Override public synchronized List<Decision> decisions(String submissionId) {
    return new ArrayList<>(decisions.getOrDefault(submissionId, Map.of()).values());
  }
}
