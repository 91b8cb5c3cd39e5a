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
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The aggregate step: merges the check groups' findings with the parser's notes into the report,
 * threads a judged submission after the partner's previous one and compares the two, writes the
 * JSON report and the annotated workbook to S3, stores status, findings and the thread link, links
 * the submission with its neighbours in the partner's thread ({@link Threads}), and returns the
 * notification. Safe to retry: S3 writes are overwrites, the store refuses a second terminal write,
 * the links are repeated harmlessly, and the notification is the same but for a comparison with the
 * previous submission as stored by then.
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
  private final Threads.Settle settle;

  public AggregateService(ObjectStore objects, SubmissionStore store, Annotator annotator, Checklist checklist,
      Clock clock, String apiBaseUrl, long maxWorkbookBytes, PipelineMetrics metrics) {
    this(objects, store, annotator, checklist, clock, apiBaseUrl, maxWorkbookBytes, metrics, Threads.Settle.NONE);
  }

  private AggregateService(ObjectStore objects, SubmissionStore store, Annotator annotator, Checklist checklist,
      Clock clock, String apiBaseUrl, long maxWorkbookBytes, PipelineMetrics metrics, Threads.Settle settle) {
    this.settle = settle;
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

  /**
   * This service, linking each submission into its thread a second time once {@code next}'s time has passed,
   * for a store whose neighbour queries lag behind its writes (DynamoDB's partner index: {@link Threads}).
   */
  public AggregateService withThreadSettle(Threads.Settle next) {
    return new AggregateService(objects, store, annotator, checklist, clock, apiBaseUrl, maxWorkbookBytes, metrics,
        next);
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
    Submission previous = previousInThread(submission, report);
    String previousId = previous == null ? null : previous.submissionId();
    Comparison changes = compare(previous, report);
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
    Instant at = clock.instant();
    boolean first = store.saveEvaluation(in.submissionId(), report, reportKey, annotatedKey, previous, at);
    // Linked again after the verdict is stored, by this run and by retries alike: an evaluation of the
    // partner finishing meanwhile may have moved a neighbour (Threads). Linking needs the submission's
    // identity, order, status and links as stored: after this run's own save it knows them (a link a
    // neighbour stored since only moves nearer, which linking allows for), so only a run that did not
    // save reads the stored submission again.
    Submission saved = first
        ? submission.withStatus(SubmissionStatus.of(report.status()), at).withPrevious(
            previousId == null ? submission.previousSubmissionId() : previousId)
        : store.get(in.submissionId()).orElse(submission);
    Threads.link(store, saved, settle);
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
   * The partner's previous judged submission, which this one follows and is compared with: only a judged
   * report (READY or ACTION_REQUIRED) of a partner joins the thread. A retry takes the link stored by
   * then, which may have moved to a later one since the first run ({@link Threads}).
   */
  private Submission previousInThread(Submission submission, FindingsReport report) {
    if (submission.status().terminal()) {
      String stored = submission.previousSubmissionId();
      return stored == null ? null : store.get(stored).orElse(null);
    }
    SubmissionStatus status = SubmissionStatus.of(report.status());
    if (status != SubmissionStatus.READY && status != SubmissionStatus.ACTION_REQUIRED) {
      return null;
    }
    return Threads.previous(store, submission).orElse(null);
  }

  /** What changed since the previous submission; null without one (or when it has expired). */
  private Comparison compare(Submission previous, FindingsReport report) {
    if (previous == null) {
      return null;
    }
    return Comparison.of(previous.submissionId(), LocalDate.ofInstant(previous.receivedAt(), ZoneOffset.UTC),
        store.findings(previous.submissionId()), report.findings());
  }

  private byte[] read(String bucket, String key) {
    return objects.read(bucket, key, null, WorkflowInput.MAX_WORK_OBJECT_BYTES)
        .orElseThrow(() -> new IllegalStateException("missing work object " + key));
  }
}
