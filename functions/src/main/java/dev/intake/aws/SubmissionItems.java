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
import dev.intake.pipeline.Submission;
import dev.intake.pipeline.SubmissionIds;
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
 *   <li>finding: {@code SK=FINDING#{index, 5 digits}} — a retried write overwrites, never adds;
 *   <li>decision: {@code SK=DECISION#{at}#{decisionId}}.
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
    String sortKey = received + "#" + id;
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
    return item;
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
        optional(item, "updatedAt", Instant::parse));
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
        str(item, "message"), str(item, "remediation"), location);
  }

  /** A decision: its sort key holds its time and id, so decisions read back in time order. */
  static Map<String, AttributeValue> decisionItem(Decision decision) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put(PARTITION_KEY, s(SUBMISSION_PREFIX + decision.submissionId()));
    item.put(SORT_KEY, s(DECISION_PREFIX + time(decision.at()) + "#" + decision.decisionId()));
    item.put("decisionId", s(decision.decisionId()));
    item.put("submissionId", s(decision.submissionId()));
    item.put("action", s(decision.action().name()));
    item.put("comment", s(decision.comment()));
    putIfNotNull(item, "findingRef", decision.findingRef());
    item.put("reviewer", s(decision.reviewer()));
    item.put("at", s(time(decision.at())));
    return item;
  }

  static Decision toDecision(Map<String, AttributeValue> item) {
    return new Decision(str(item, "decisionId"), str(item, "submissionId"),
        Decision.Action.valueOf(str(item, "action")), str(item, "comment"), str(item, "findingRef"),
        str(item, "reviewer"), Instant.parse(str(item, "at")));
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
