package dev.intake.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.intake.checklist.Checklist;
import dev.intake.model.FindingsReport;
import dev.intake.parsing.ParseOutcome;
import dev.intake.parsing.WorkbookParser;
import dev.intake.report.Comparison;
import dev.intake.report.ReportAssembler;
import dev.intake.report.ReportJson;
import dev.intake.report.WorkbookAnnotator;
import dev.intake.rules.RuleResult;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The aggregate step: merges the check groups' findings with the parser's notes into the report,
 * threads a judged submission after the partner's previous one and compares the two, writes the
 * JSON report and the annotated workbook to S3, stores status, findings and the thread link, and
 * returns the notification. Safe to retry: S3 writes are overwrites, the store refuses a second
 * terminal write (a retry keeps the thread link it stored), and the same notification is returned again.
 */
public final class AggregateService {

  private static final Logger LOG = LoggerFactory.getLogger(AggregateService.class);


  private final ObjectStore objects;
  private final SubmissionStore store;
  private final Annotator annotator;
  private final Checklist checklist;
  private final Clock clock;
  private final String apiBaseUrl;
  private final long maxWorkbookBytes;
  private final PipelineMetrics metrics;

  public AggregateService(ObjectStore objects, SubmissionStore store, Annotator annotator, Checklist checklist,
      Clock clock, String apiBaseUrl, long maxWorkbookBytes, PipelineMetrics metrics) {
    this.objects = objects;
    this.store = store;
    this.annotator = annotator;
    this.checklist = checklist;
    this.clock = clock;
    this.apiBaseUrl = apiBaseUrl;
    this.maxWorkbookBytes = maxWorkbookBytes;
    this.metrics = metrics;
  }

  /**
   * The service as every runtime wires it: the partner's copy annotated by {@link WorkbookAnnotator},
   * and an original read up to the parser's file limit.
   */
  public static AggregateService standard(ObjectStore objects, SubmissionStore store, Checklist checklist, Clock clock,
      String apiBaseUrl, PipelineMetrics metrics) {
    WorkbookAnnotator annotator = new WorkbookAnnotator();
    return new AggregateService(objects, store,
        (original, report, changes) -> annotator.annotate(original, report, changes).workbook(),
        checklist, clock, apiBaseUrl, new WorkbookParser().limits().maxFileBytes(), metrics);
  }

  /** The notification of the evaluation; a retried or duplicate run returns the same one and saves nothing. */
  public Notification run(JsonNode state) {
    WorkflowInput in = WorkflowInput.from(state);
    Submission submission = store.get(in.submissionId())
        .orElseThrow(() -> new IllegalStateException("no submission " + in.submissionId()));
    ParseOutcome parsed = PipelineJson.readParsed(read(in.bucket(), in.parsedKey()));
    FindingsReport report;
    if (parsed instanceof ParseOutcome.Parsed p) {
      List<RuleResult> results = new ArrayList<>();
      for (JsonNode check : state.path("checks")) {
        results.add(check.has("result")
            ? PipelineJson.readResult(check.get("result"))
            : PipelineJson.readResult(read(in.bucket(), check.path("key").asText())));
      }
      report = ReportAssembler.evaluated(in.submissionId(), p.assessment().partner(), checklist, in.asOf(),
          p.notes(), RuleResult.merge(results));
    } else {
      report = ReportAssembler.rejected(in.submissionId(), checklist, in.asOf(),
          ((ParseOutcome.Rejected) parsed).reasons());
    }
    String previousId = previousInThread(submission, report);
    Comparison changes = compare(previousId, report);
    String reportKey = WorkflowInput.reportKey(in.submissionId());
    String annotatedKey = WorkflowInput.annotatedKey(in.submissionId());
    objects.write(in.bucket(), reportKey, ReportJson.write(report).getBytes(StandardCharsets.UTF_8),
        "application/json");
    byte[] original = parsed instanceof ParseOutcome.Parsed
        ? (in.versionId() == null
            ? objects.read(in.bucket(), WorkflowInput.originalKey(in.submissionId()), null, maxWorkbookBytes)
            : objects.read(in.bucket(), in.key(), in.versionId(), maxWorkbookBytes)).orElse(null)
        : null;
    objects.write(in.bucket(), annotatedKey, annotator.annotate(original, report, changes),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    boolean first = store.saveEvaluation(in.submissionId(), report, reportKey, annotatedKey, previousId,
        clock.instant());
    if (SubmissionStatus.of(report.status()) == SubmissionStatus.READY
        || SubmissionStatus.of(report.status()) == SubmissionStatus.ACTION_REQUIRED) {
      supersede(submission, previousId);
    }
    if (first) {
      metrics.evaluated(report.status().name(), report.summary().blockers());
    } else {
      LOG.info("Submission {} was already evaluated; returning the same notification", in.submissionId());
    }
    LOG.info("Submission {} evaluated: {} ({} blockers, {} warnings)", in.submissionId(), report.status(),
        report.summary().blockers(), report.summary().warnings());
    return Notification.evaluated(submission.withPrevious(previousId), report, changes, apiBaseUrl);
  }

  /**
   * The partner's previous judged submission, which this one follows: only a judged report (READY or
   * ACTION_REQUIRED) joins the thread. A retry keeps the link the first run stored, even if another
   * submission was judged in between.
   */
  private String previousInThread(Submission submission, FindingsReport report) {
    if (submission.status().terminal()) {
      return submission.previousSubmissionId();
    }
    SubmissionStatus status = SubmissionStatus.of(report.status());
    if (status != SubmissionStatus.READY && status != SubmissionStatus.ACTION_REQUIRED) {
      return null;
    }
    return store.previousJudged(submission).map(Submission::submissionId).orElse(null);
  }

  /** What changed since the previous submission; null without one (or when it has expired). */
  private Comparison compare(String previousId, FindingsReport report) {
    if (previousId == null) {
      return null;
    }
    Optional<Submission> previous = store.get(previousId);
    return previous.map(p -> Comparison.of(previousId, LocalDate.ofInstant(p.receivedAt(), ZoneOffset.UTC),
        store.findings(previousId), report.findings())).orElse(null);
  }

  /**
   * The office owes an answer on the partner's latest judged submission only: the previous one is
   * superseded by this one, and this one by a later one already judged (evaluations can finish out
   * of order). Both writes are no-ops when done already, so a retry repeats them safely.
   */
  private void supersede(Submission submission, String previousId) {
    if (previousId != null) {
      store.supersede(previousId, submission.submissionId());
    }
    store.latestJudged(submission.partnerId())
        .filter(latest -> !latest.submissionId().equals(submission.submissionId())
            && (latest.receivedAt().isAfter(submission.receivedAt()) || latest.receivedAt().equals(
                submission.receivedAt()) && latest.submissionId().compareTo(submission.submissionId()) > 0))
        .ifPresent(latest -> store.supersede(submission.submissionId(), latest.submissionId()));
  }

  private byte[] read(String bucket, String key) {
    return objects.read(bucket, key, null, WorkflowInput.MAX_WORK_OBJECT_BYTES)
        .orElseThrow(() -> new IllegalStateException("missing work object " + key));
  }
}
