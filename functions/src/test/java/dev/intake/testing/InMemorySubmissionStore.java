package dev.intake.testing;

import dev.intake.model.Finding;
import dev.intake.model.FindingsReport;
import dev.intake.pipeline.Decision;
import dev.intake.pipeline.Page;
import dev.intake.pipeline.Review;
import dev.intake.pipeline.Submission;
import dev.intake.pipeline.SubmissionIds;
import dev.intake.pipeline.SubmissionQuery;
import dev.intake.pipeline.SubmissionStatus;
import dev.intake.pipeline.SubmissionStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A hand-written fake of the store for service and handler tests, held to the real store's rules by
 * {@code SubmissionStoreContract}: conditional status moves, nothing written for a finished
 * submission, pages of at most {@code limit} (1 to 100) in the query's order with tokens tied to their
 * query, history in sequencer order, decisions by sequence number (a taken number refuses another
 * decision) and review projections that never move back.
 */
public final class InMemorySubmissionStore implements SubmissionStore {

  private static final int MAX_LIMIT = 100;
  /** Oldest first, as the store's indexes sort: by time received, then by id. */
  private static final Comparator<Submission> OLDEST_FIRST = Submission.RECEIVED_ORDER;

  private final Map<String, Submission> submissions = new LinkedHashMap<>();
  private final Map<String, List<Finding>> findings = new LinkedHashMap<>();
  private final Map<String, TreeMap<Integer, Decision>> decisions = new LinkedHashMap<>();
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
      String annotatedKey, Submission previous, Instant at) {
    Submission s = submissions.get(submissionId);
    if (s == null || s.status().terminal()) {
      return false;
    }
    findings.put(submissionId, List.copyOf(report.findings()));
    evaluationsSaved++;
    String partnerName = report.partner().name() == null ? "" : report.partner().name();
    Submission.Evaluation evaluation = new Submission.Evaluation(report.summary(), report.checklistVersion(),
        partnerName, reportKey, annotatedKey);
    Submission saved = s.withEvaluation(evaluation).withStatus(SubmissionStatus.of(report.status()), at);
    submissions.put(submissionId, previous == null ? saved : saved.withPrevious(previous.submissionId()));
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

  @Override public synchronized Page<Submission> list(SubmissionQuery query, int limit, String nextToken) {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
    }
    // The overdue day is not part of the token's query, as in the real store: a token outlives midnight.
    String key = query.overdueOn(null).toString() + (query.overdueOn() != null) + "|";
    int offset = 0;
    if (nextToken != null) {
      // As the real store's signature does: a token this store did not hand out is refused.
      if (!issuedTokens.contains(nextToken)) {
        throw new IllegalArgumentException("Invalid nextToken: it is not one this store issued");
      }
      if (!nextToken.startsWith(key)) {
        throw new IllegalArgumentException("Invalid nextToken: it was issued for a different query");
      }
      try {
        offset = Integer.parseInt(nextToken.substring(key.length()));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("Invalid nextToken: it is not a page token");
      }
    }
    List<Submission> all = submissions.values().stream()
        .filter(query::matches)
        .sorted(query.oldestFirst() ? OLDEST_FIRST : OLDEST_FIRST.reversed())
        .toList();
    int end = Math.min(all.size(), offset + limit);
    String token = end < all.size() ? key + end : null;
    if (token != null) {
      issuedTokens.add(token);
    }
    return new Page<>(all.subList(Math.min(offset, end), end), token);
  }

  @Override public synchronized Optional<Submission> previousJudged(Submission s) {
    return submissions.values().stream()
        .filter(o -> o.partnerId().equals(s.partnerId()) && o.judged() && OLDEST_FIRST.compare(o, s) < 0)
        .max(OLDEST_FIRST);
  }

  @Override public synchronized Optional<Submission> nextJudged(Submission s) {
    return submissions.values().stream()
        .filter(o -> o.partnerId().equals(s.partnerId()) && o.judged() && OLDEST_FIRST.compare(o, s) > 0)
        .min(OLDEST_FIRST);
  }

  @Override public synchronized List<Submission> sinceLastJudged(Submission s) {
    List<Submission> before = submissions.values().stream()
        .filter(o -> o.partnerId().equals(s.partnerId()) && OLDEST_FIRST.compare(o, s) < 0)
        .sorted(OLDEST_FIRST.reversed())
        .toList();
    List<Submission> out = new ArrayList<>();
    for (Submission o : before) {
      out.add(o);
      if (o.judged()) {
        break;
      }
    }
    return out;
  }

  @Override public synchronized boolean linkPrevious(String submissionId, Submission previous) {
    Submission s = submissions.get(submissionId);
    if (s == null || !laterThanLinked(previous, s.previousSubmissionId())) {
      return false;
    }
    submissions.put(submissionId, s.withPrevious(previous.submissionId()));
    return true;
  }

  @Override public synchronized boolean supersede(String submissionId, Submission later) {
    Submission s = submissions.get(submissionId);
    if (s == null || !s.status().terminal()
        || s.supersededBy() != null && OLDEST_FIRST.compare(orderOf(s.supersededBy()), later) <= 0) {
      return false;
    }
    submissions.put(submissionId, s.withSupersededBy(later.submissionId()));
    return true;
  }

  /** Whether {@code candidate} comes after the linked submission {@code linkedId} (true when none is linked). */
  private boolean laterThanLinked(Submission candidate, String linkedId) {
    return linkedId == null || OLDEST_FIRST.compare(candidate, orderOf(linkedId)) > 0;
  }

  private Submission orderOf(String submissionId) {
    Submission s = submissions.get(submissionId);
    if (s == null) {
      throw new IllegalStateException("linked to a submission this store does not hold: " + submissionId);
    }
    return s;
  }

  @Override public synchronized List<Submission> history(String documentId) {
    return submissions.values().stream()
        .filter(s -> documentId.equals(s.source().documentId()))
        .sorted(Comparator.comparing((Submission s) -> SubmissionIds.sortableSequencer(s.source().sequencer()))
            .thenComparing(Submission::submissionId))
        .toList();
  }

  @Override public synchronized boolean addDecision(Decision decision) {
    Decision held = decisions.computeIfAbsent(decision.submissionId(), k -> new TreeMap<>())
        .putIfAbsent(decision.sequence(), decision);
    return held == null || held.decisionId().equals(decision.decisionId());
  }

  @Override public synchronized List<Decision> decisions(String submissionId) {
    return List.copyOf(decisions.getOrDefault(submissionId, new TreeMap<>()).values());
  }

  @Override public synchronized boolean saveReview(String submissionId, Review review) {
    Submission s = submissions.get(submissionId);
    if (s == null || s.review().decisions() >= review.decisions()) {
      return false;
    }
    submissions.put(submissionId, s.withReview(review));
    return true;
  }

  /** Replaces a stored decision as someone with write access to the table could (tamper tests). */
  public synchronized void tamper(Decision replacement) {
    decisions.computeIfAbsent(replacement.submissionId(), k -> new TreeMap<>())
        .put(replacement.sequence(), replacement);
  }
}
