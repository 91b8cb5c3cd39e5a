package dev.intake.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.intake.checklist.Checklist;
import dev.intake.model.FindingsReport;
import dev.intake.parsing.ParseOutcome;
import dev.intake.parsing.WorkbookParser;
import dev.intake.report.ReportAssembler;
import dev.intake.report.ReportJson;
import dev.intake.report.WorkbookAnnotator;
import dev.intake.rules.RuleResult;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The aggregate step: merges the check groups' findings with the parser's notes into the report,
 * writes the JSON report and the annotated workbook to S3, stores status and findings, and returns
 * the notification. Safe to retry: S3 writes are overwrites, the store refuses a second terminal
 * write, and the same notification is returned again.
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
    return new AggregateService(objects, store, (original, report) -> annotator.annotate(original, report).workbook(),
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
    String reportKey = WorkflowInput.reportKey(in.submissionId());
    String annotatedKey = WorkflowInput.annotatedKey(in.submissionId());
    objects.write(in.bucket(), reportKey, ReportJson.write(report).getBytes(StandardCharsets.UTF_8),
        "application/json");
    byte[] original = parsed instanceof ParseOutcome.Parsed
        ? (in.versionId() == null
            ? objects.read(in.bucket(), WorkflowInput.originalKey(in.submissionId()), null, maxWorkbookBytes)
            : objects.read(in.bucket(), in.key(), in.versionId(), maxWorkbookBytes)).orElse(null)
        : null;
    objects.write(in.bucket(), annotatedKey, annotator.annotate(original, report),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    boolean first = store.saveEvaluation(in.submissionId(), report, reportKey, annotatedKey, clock.instant());
    if (first) {
      metrics.evaluated(report.status().name(), report.summary().blockers());
    } else {
      LOG.info("Submission {} was already evaluated; returning the same notification", in.submissionId());
    }
    LOG.info("Submission {} evaluated: {} ({} blockers, {} warnings)", in.submissionId(), report.status(),
        report.summary().blockers(), report.summary().warnings());
    return Notification.of(submission, report, apiBaseUrl);
  }

  private byte[] read(String bucket, String key) {
    return objects.read(bucket, key, null, WorkflowInput.MAX_WORK_OBJECT_BYTES)
        .orElseThrow(() -> new IllegalStateException("missing work object " + key));
  }
}
