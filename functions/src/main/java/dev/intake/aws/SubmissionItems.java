package dev.intake.aws;

import static dev.intake.contracts.SubmissionsTable.PARTITION_KEY;
import static dev.intake.contracts.SubmissionsTable.SORT_KEY;

import dev.intake.contracts.SubmissionsTable;
import dev.intake.contracts.SubmissionsTable.Index;
import dev.intake.model.CellRef;
import dev.intake.model.Finding;
import dev.intake.model.Severity;
import dev.intake.model.Summary;
import dev.intake.pipeline.Decision;
import dev.intake.pipeline.Review;
import dev.intake.pipeline.Submission;
import dev.intake.pipeline.SubmissionIds;
import dev.intake.pipeline.SubmissionQuery;
import dev.intake.pipeline.SubmissionStatus;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * How submissions, findings and decisions are laid out as items of the one table
 * (the key attributes and index names are {@link SubmissionsTable}'s, shared with the CDK stack):
 * <ul>
 *   <li>submission: {@code PK=SUB#{id}}, {@code SK=META}; {@code GSI1PK=PARTNER#{partnerId}},
 *       {@code GSI2PK=STATUS#{status}}, {@code GSI3PK=SUBMISSIONS}, each with sort key
 *       {@code {receivedAt}#{id}}; {@code GSI4PK=DOC#{documentId}},
 *       {@code GSI4SK={sequencer zero-padded to 64}#{id}}; {@code statusRank} = status rank;
 *       {@code GSI5SK={receivedAt}#{id}}, and once evaluated {@code GSI5PK=REVIEW#OPEN} while the review
 *       is open (NEW, IN_REVIEW) and not superseded, else {@code REVIEW#{state}} — absent for an open
 *       review that a later submission superseded, which leaves the queue; the review projection in
 *       {@code reviewState}, {@code reviewAt}, {@code reviewBy}, {@code reviewDecisions},
 *       {@code reviewHash} and {@code overriddenBlockers}; the thread links {@code previousSubmissionId}
 *       and {@code supersededBy}, each with the linked submission's {@link #orderKey} beside it
 *       ({@code previousKey}, {@code supersededByKey}) so a conditional write can move a link only
 *       toward the true neighbour;
 *   <li>finding: {@code SK=FINDING#{index, 5 digits}} — a retried write overwrites, never adds;
 *   <li>decision: {@code SK=DECISION#{sequence, 6 digits}} — written only if absent, so one number
 *       holds one decision.
 * </ul>
 * Times in keys are ISO-8601 UTC with exactly nine fraction digits, so string order is time order.
 */
final class SubmissionItems {

  static final String SUBMISSION_PREFIX = "SUB#";
  static final String META = "META";
  static final String PARTNER_PREFIX = "PARTNER#";
  static final String STATUS_PREFIX = "STATUS#";
  static final String ALL_PARTITION = "SUBMISSIONS";
  static final String DOCUMENT_PREFIX = "DOC#";
  static final String FINDING_PREFIX = "FINDING#";
  static final String DECISION_PREFIX = "DECISION#";
  static final String REVIEW_PREFIX = "REVIEW#";
  /** The review partition of the office's queue: NEW and IN_REVIEW. */
  static final String REVIEW_OPEN = REVIEW_PREFIX + "OPEN";

  private static final DateTimeFormatter SORTABLE_INSTANT =
      new DateTimeFormatterBuilder().appendInstant(9).toFormatter(Locale.ROOT);

  private SubmissionItems() {
  }

  static Map<String, AttributeValue> submissionKey(String submissionId) {
    Objects.requireNonNull(submissionId, "submissionId");
    return Map.of(PARTITION_KEY, s(SUBMISSION_PREFIX + submissionId), SORT_KEY, s(META));
  }

  static Map<String, AttributeValue> submissionItem(Submission sub) {
    String id = sub.submissionId();
    String received = time(sub.receivedAt());
    Map<String, AttributeValue> item = new HashMap<>();
    item.put(PARTITION_KEY, s(SUBMISSION_PREFIX + id));
    item.put(SORT_KEY, s(META));
    item.put("submissionId", s(id));
    item.put("partnerId", s(sub.partnerId()));
    Submission.Source source = sub.source();
    putIfNotNull(item, "fileName", source.fileName());
    putIfNotNull(item, "bucket", source.bucket());
    putIfNotNull(item, "key", source.key());
    putIfNotNull(item, "versionId", source.versionId());
    putIfNotNull(item, "sequencer", source.sequencer());
    putIfNotNull(item, "documentId", source.documentId());
    item.put("sizeBytes", n(source.sizeBytes()));
    item.put("receivedAt", s(received));
    putIfNotNull(item, "asOf", sub.asOf() == null ? null : sub.asOf().toString());
    item.put("status", s(sub.status().name()));
    item.put("statusRank", n(sub.status().rank()));
    Submission.Evaluation evaluation = sub.evaluation();
    if (evaluation.summary() != null) {
      item.put("summary", summary(evaluation.summary()));
    }
    putIfNotNull(item, "checklistVersion", evaluation.checklistVersion());
    putIfNotNull(item, "partnerName", evaluation.partnerName());
    putIfNotNull(item, "reportKey", evaluation.reportKey());
    putIfNotNull(item, "annotatedKey", evaluation.annotatedKey());
    putIfNotNull(item, "failure", sub.failure());
    putIfNotNull(item, "updatedAt", sub.updatedAt() == null ? null : time(sub.updatedAt()));
    putIfNotNull(item, "previousSubmissionId", sub.previousSubmissionId());
    putIfNotNull(item, "supersededBy", sub.supersededBy());
    item.putAll(reviewAttributes(sub.review()));
    String sortKey = orderKey(sub);
    item.put(Index.BY_PARTNER.partitionKey(), s(PARTNER_PREFIX + sub.partnerId()));
    item.put(Index.BY_PARTNER.sortKey(), s(sortKey));
    item.put(Index.BY_STATUS.partitionKey(), s(STATUS_PREFIX + sub.status().name()));
    item.put(Index.BY_STATUS.sortKey(), s(sortKey));
    item.put(Index.ALL.partitionKey(), s(ALL_PARTITION));
    item.put(Index.ALL.sortKey(), s(sortKey));
    if (source.documentId() != null) {
      item.put(Index.BY_DOCUMENT.partitionKey(), s(DOCUMENT_PREFIX + source.documentId()));
      item.put(Index.BY_DOCUMENT.sortKey(), s(SubmissionIds.sortableSequencer(source.sequencer()) + "#" + id));
    }
    item.put(Index.BY_REVIEW.sortKey(), s(sortKey));
    String partition = reviewPartition(sub);
    if (partition != null) {
      item.put(Index.BY_REVIEW.partitionKey(), s(partition));
    }
    return item;
  }

  /**
   * {@code {receivedAt}#{id}}: the sort key of every listing index, and beside a thread link the linked
   * submission's place. Its string order is {@link Submission#RECEIVED_ORDER} (fixed-width times; ids
   * are ASCII, so UTF-16 and byte order agree).
   */
  static String orderKey(Submission s) {
    return time(s.receivedAt()) + "#" + s.submissionId();
  }

  /**
   * The review index partition of a submission ({@code GSI5PK}): null (no entry) before it is
   * evaluated and for an open review a later submission superseded.
   */
  static String reviewPartition(Submission s) {
    if (!SubmissionQuery.inReviewIndex(s)) {
      return null;
    }
    return reviewPartition(s.review().state());
  }

  /** The partition of the review index holding the submissions in {@code state}. */
  static String reviewPartition(Review.State state) {
    return state.open() ? REVIEW_OPEN : REVIEW_PREFIX + state.name();
  }

  /** The review projection's attributes (a projection without decisions has only its state). */
  static Map<String, AttributeValue> reviewAttributes(Review review) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put("reviewState", s(review.state().name()));
    item.put("reviewDecisions", n(review.decisions()));
    item.put("overriddenBlockers", n(review.overriddenBlockers()));
    putIfNotNull(item, "reviewAt", review.updatedAt() == null ? null : time(review.updatedAt()));
    putIfNotNull(item, "reviewBy", review.by());
    putIfNotNull(item, "reviewHash", review.lastHash());
    return item;
  }

  static Review toReview(Map<String, AttributeValue> item) {
    String state = str(item, "reviewState");
    if (state == null) {
      return Review.NONE;
    }
    return new Review(Review.State.valueOf(state), optional(item, "reviewAt", Instant::parse), str(item, "reviewBy"),
        number(item, "reviewDecisions"), str(item, "reviewHash"), number(item, "overriddenBlockers"));
  }

  private static int number(Map<String, AttributeValue> item, String name) {
    AttributeValue v = item.get(name);
    return v == null || v.n() == null ? 0 : Integer.parseInt(v.n());
  }

  static Submission toSubmission(Map<String, AttributeValue> item) {
    return new Submission(
        str(item, "submissionId"),
        str(item, "partnerId"),
        new Submission.Source(
            str(item, "bucket"),
            str(item, "key"),
            str(item, "versionId"),
            str(item, "sequencer"),
            str(item, "documentId"),
            str(item, "fileName"),
            item.containsKey("sizeBytes") ? Long.parseLong(item.get("sizeBytes").n()) : 0L),
        Instant.parse(str(item, "receivedAt")),
        optional(item, "asOf", LocalDate::parse),
        SubmissionStatus.valueOf(str(item, "status")),
        new Submission.Evaluation(
            item.containsKey("summary") ? toSummary(item.get("summary").m()) : null,
            str(item, "checklistVersion"),
            str(item, "partnerName"),
            str(item, "reportKey"),
            str(item, "annotatedKey")),
        str(item, "failure"),
        optional(item, "updatedAt", Instant::parse),
        str(item, "previousSubmissionId"),
        str(item, "supersededBy"),
        toReview(item));
  }

  static Map<String, AttributeValue> findingItem(String submissionId, int index, Finding f) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put(PARTITION_KEY, s(SUBMISSION_PREFIX + submissionId));
    item.put(SORT_KEY, s(FINDING_PREFIX + String.format(Locale.ROOT, "%05d", index)));
    item.put("findingIndex", n(index));
    item.put("ruleId", s(f.ruleId()));
    item.put("checklistRef", s(f.checklistRef()));
    item.put("severity", s(f.severity().name()));
    item.put("message", s(f.message()));
    item.put("remediation", s(f.remediation()));
    CellRef location = f.location();
    if (location != null) {
      Map<String, AttributeValue> loc = new LinkedHashMap<>();
      loc.put("sheet", s(location.sheet()));
      putIfNotNull(loc, "cell", location.cell());
      if (location.row() != null) {
        loc.put("row", n(location.row()));
      }
      item.put("location", AttributeValue.fromM(loc));
    }
    putIfNotNull(item, "subject", f.subject());
    return item;
  }

  static Finding toFinding(Map<String, AttributeValue> item) {
    CellRef location = null;
    if (item.containsKey("location")) {
      Map<String, AttributeValue> loc = item.get("location").m();
      location = new CellRef(str(loc, "sheet"), str(loc, "cell"),
          loc.containsKey("row") ? Integer.valueOf(loc.get("row").n()) : null);
    }
    return new Finding(str(item, "ruleId"), str(item, "checklistRef"), Severity.valueOf(str(item, "severity")),
        str(item, "message"), str(item, "remediation"), location, str(item, "subject"));
  }

  /** A decision: its sort key is its sequence number, so decisions read back in order and a number holds one. */
  static Map<String, AttributeValue> decisionItem(Decision decision) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put(PARTITION_KEY, s(SUBMISSION_PREFIX + decision.submissionId()));
    item.put(SORT_KEY, s(decisionSortKey(decision.sequence())));
    item.put("decisionId", s(decision.decisionId()));
    item.put("submissionId", s(decision.submissionId()));
    item.put("sequence", n(decision.sequence()));
    item.put("action", s(decision.action().name()));
    item.put("comment", s(decision.comment()));
    putIfNotNull(item, "findingRef", decision.findingRef());
    item.put("shareWithPartner", AttributeValue.fromBool(decision.shareWithPartner()));
    item.put("reviewer", s(decision.reviewer()));
    item.put("at", s(time(decision.at())));
    item.put("previousHash", s(decision.previousHash()));
    item.put("hash", s(decision.hash()));
    return item;
  }

  static String decisionSortKey(int sequence) {
    return DECISION_PREFIX + String.format(Locale.ROOT, "%06d", sequence);
  }

  static Decision toDecision(Map<String, AttributeValue> item) {
    AttributeValue shared = item.get("shareWithPartner");
    return new Decision(str(item, "decisionId"), str(item, "submissionId"), number(item, "sequence"),
        Decision.Action.valueOf(str(item, "action")), str(item, "comment"), str(item, "findingRef"),
        shared != null && Boolean.TRUE.equals(shared.bool()), str(item, "reviewer"), Instant.parse(str(item, "at")),
        str(item, "previousHash"), str(item, "hash"));
  }

  static AttributeValue summary(Summary summary) {
    return AttributeValue.fromM(Map.of(
        "blockers", n(summary.blockers()),
        "warnings", n(summary.warnings()),
        "passed", n(summary.passed())));
  }

  static Summary toSummary(Map<String, AttributeValue> m) {
    return new Summary(Integer.parseInt(m.get("blockers").n()), Integer.parseInt(m.get("warnings").n()),
        Integer.parseInt(m.get("passed").n()));
  }

  static String time(Instant instant) {
    return SORTABLE_INSTANT.format(instant);
  }

  static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }

  static AttributeValue n(long value) {
    return AttributeValue.fromN(Long.toString(value));
  }

  static void putIfNotNull(Map<String, AttributeValue> item, String name, String value) {
    if (value != null) {
      item.put(name, s(value));
    }
  }

  static String str(Map<String, AttributeValue> item, String name) {
    AttributeValue value = item.get(name);
    return value == null ? null : value.s();
  }

  private static <T> T optional(Map<String, AttributeValue> item, String name, Function<String, T> parse) {
    String value = str(item, name);
    return value == null ? null : parse.apply(value);
  }
}
