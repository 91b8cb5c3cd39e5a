package dev.intake.pipeline;

import dev.intake.model.ProfileField;
import dev.intake.parsing.ParseOutcome;
import dev.intake.parsing.WorkbookParser;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The intake step: gate, parse and store one uploaded workbook, then start its evaluation. The
 * submission id is derived from the object version, so a duplicate S3 event finds the submission
 * already under way and starts nothing new.
 */
public final class IntakeService {

  private static final Logger LOG = LoggerFactory.getLogger(IntakeService.class);

  /** What became of one event. */
  public enum Outcome { STARTED, DUPLICATE, IGNORED }

  private final SubmissionStore store;
  private final ObjectStore objects;
  private final WorkflowStarter workflow;
  private final WorkbookParser parser;
  private final AsOfPolicy asOfPolicy;
  private final Clock clock;
  private final PipelineMetrics metrics;

  public IntakeService(SubmissionStore store, ObjectStore objects, WorkflowStarter workflow, WorkbookParser parser,
      AsOfPolicy asOfPolicy, Clock clock, PipelineMetrics metrics) {
    this.store = store;
    this.objects = objects;
    this.workflow = workflow;
    this.parser = parser;
    this.asOfPolicy = asOfPolicy;
    this.clock = clock;
    this.metrics = metrics;
  }

  public Outcome accept(UploadedObject upload) {
    if (upload.isFolder()) {
      return Outcome.IGNORED;
    }
    String id = upload.submissionId();
    MDC.put("submissionId", id);
    try {
      Optional<Submission> existing = store.get(id);
      if (existing.isPresent() && existing.get().status() != SubmissionStatus.RECEIVED) {
        LOG.info("Duplicate event for {} ({}): already {}", id, upload.key(), existing.get().status());
        return Outcome.DUPLICATE;
      }
      Optional<ParseOutcome> read = parse(upload);
      if (read.isEmpty()) {
        // Deleted (or a version expired) before we could read it: still a stored terminal state.
        Submission gone = existing.orElseGet(() -> newSubmission(upload, null));
        store.create(gone);
        store.markFailed(id, "The object was no longer in the bucket when intake read it.", clock.instant());
        LOG.warn("Object {} (version {}) disappeared before intake", upload.key(), upload.versionId());
        return Outcome.IGNORED;
      }
      ParseOutcome parsed = read.get();
      objects.write(upload.bucket(), WorkflowInput.parsedKey(id), PipelineJson.writeParsed(parsed),
          "application/json");
      Submission submission = existing.orElseGet(() -> newSubmission(upload, parsed));
      if (existing.isEmpty()) {
        if (store.create(submission)) {
          metrics.received(upload.partnerId());
        } else {
          // A concurrent duplicate created it first: build the input from what it stored.
          submission = store.get(id).orElse(submission);
        }
      }
      boolean started = workflow.start(id, WorkflowInput.of(submission, parsed instanceof ParseOutcome.Parsed)
          .toJson().toString());
      store.advance(id, SubmissionStatus.EVALUATING, clock.instant());
      LOG.info("Submission {} from partner {} ({} bytes): workflow {}", id, upload.partnerId(), upload.size(),
          started ? "started" : "already running");
      return started ? Outcome.STARTED : Outcome.DUPLICATE;
    } finally {
      MDC.remove("submissionId");
    }
  }

  /** What became of an upload intake had given up on. */
  public enum Redrive { TAKEN, LEFT_TO_WORKFLOW, RECORDED_FAILED }

  /**
   * Another attempt at an upload whose S3 event failed every asynchronous retry (it came back from
   * the dead-letter queue). Before the last attempt, intake runs again as for a new event, and a
   * failure is thrown for a later attempt. The last attempt does not run intake again (what timed
   * out or ran out of memory would do so again): it stores the upload FAILED with the reason, so it
   * still ends in a stored terminal state — unless its workflow did start (intake failed after
   * starting it), which is then left to finish and store the verdict.
   */
  public Redrive redrive(UploadedObject upload, String reason, boolean lastAttempt) {
    if (!lastAttempt) {
      accept(upload);
      return Redrive.TAKEN;
    }
    if (upload.isFolder()) {
      return Redrive.TAKEN;
    }
    String id = upload.submissionId();
    if (store.create(newSubmission(upload, null))) {
      metrics.received(upload.partnerId());
    }
    Submission current = store.get(id).orElseThrow(() -> new IllegalStateException("no submission " + id));
    if (current.status() != SubmissionStatus.RECEIVED) {
      return current.status().terminal() ? Redrive.RECORDED_FAILED : Redrive.LEFT_TO_WORKFLOW;
    }
    if (workflow.exists(id)) {
      store.advance(id, SubmissionStatus.EVALUATING, clock.instant());
      LOG.warn("Upload {} ({}): its workflow had started; left to it", id, upload.key());
      return Redrive.LEFT_TO_WORKFLOW;
    }
    if (store.markFailed(id, "Intake could not take this upload after repeated attempts (" + brief(reason)
        + "). Once the cause is fixed, ask the partner to upload the file again.", clock.instant())) {
      metrics.failed();
    }
    LOG.error("Upload {} ({}) stored FAILED after every intake attempt: {}", id, upload.key(), brief(reason));
    return Redrive.RECORDED_FAILED;
  }

  private static String brief(String reason) {
    if (reason == null || reason.isBlank()) {
      return "no error reported";
    }
    String oneLine = reason.strip().replaceAll("\\s+", " ");
    return oneLine.length() > 300 ? oneLine.substring(0, 300) + "…" : oneLine;
  }

  private Optional<ParseOutcome> parse(UploadedObject upload) {
    long max = parser.limits().maxFileBytes();
    if (upload.size() > max) {
      // Not even downloaded: the parser would reject anything over the limit.
      return Optional.of(parser.rejectOversized(upload.size()));
    }
    return objects.read(upload.bucket(), upload.key(), upload.versionId(), max)
        .map(bytes -> {
          ParseOutcome outcome = parser.parse(bytes, upload.fileName());
          if (upload.versionId() == null && outcome instanceof ParseOutcome.Parsed) {
            // Without versions the key may be overwritten before the annotator reads it: keep the
            // bytes that were evaluated, so the partner's annotated copy is of the file they sent.
            objects.write(upload.bucket(), WorkflowInput.originalKey(upload.submissionId()), bytes,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
          }
          return outcome;
        });
  }

  private Submission newSubmission(UploadedObject upload, ParseOutcome parsed) {
    String partnerName = "";
    String version = "";
    if (parsed instanceof ParseOutcome.Parsed p) {
      partnerName = p.assessment().profile().text(ProfileField.PARTNER_NAME);
      version = p.assessment().profile().text(ProfileField.CHECKLIST_VERSION);
    }
    return Submission.received(upload.submissionId(), upload.partnerId(), Submission.Source.of(upload),
        upload.eventTime(), asOfPolicy.asOf(upload.eventTime()), clock.instant())
        .withEvaluation(Submission.Evaluation.declared(version, partnerName));
  }
}
