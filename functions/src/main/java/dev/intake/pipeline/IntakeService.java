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

  static final String OBJECT_MISSING = "ObjectMissing";
  static final String OBJECT_REPLACED = "ObjectReplaced";
  static final String RETRIES_EXHAUSTED = "RetriesExhausted";
  private static final String MISSING_CAUSE = "The object was no longer in the bucket when intake read it "
      + "(deleted right after the upload); nothing was evaluated. Upload the file again.";

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
      Read read = read(upload);
      if (read instanceof Unreadable failed) {
        return startFailed(upload, existing, failed);
      }
      ParseOutcome parsed = ((Parsed) read).outcome();
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
    String cause = "Intake could not take this upload after repeated attempts (" + brief(reason)
        + "). Once the cause is fixed, ask the partner to upload the file again.";
    try {
      // The workflow records it FAILED and tells the program office, as for any failure.
      workflow.start(id, WorkflowInput.of(current, false).toJson(RETRIES_EXHAUSTED, cause).toString());
      store.advance(id, SubmissionStatus.EVALUATING, clock.instant());
      LOG.error("Upload {} ({}) failed every intake attempt; its failure is recorded and announced by the workflow: {}",
          id, upload.key(), brief(reason));
      return Redrive.RECORDED_FAILED;
    } catch (RuntimeException e) {
      // Step Functions is what fails: store the terminal state here; the dead-letter alarm is the announcement.
      LOG.warn("Upload {}: the failure workflow could not start ({}); storing FAILED directly", id, e.toString());
    }
    if (store.markFailed(id, RETRIES_EXHAUSTED + ": " + cause, clock.instant())) {
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

  /** What intake could make of the announced object. */
  private sealed interface Read permits Parsed, Unreadable {
  }

  private record Parsed(ParseOutcome outcome) implements Read {
  }

  /** The announced bytes cannot be read: recorded as the submission's failure (error and cause). */
  private record Unreadable(String error, String cause) implements Read {
  }

  private Read read(UploadedObject upload) {
    long max = parser.limits().maxFileBytes();
    if (upload.size() > max) {
      // Not even downloaded: the parser would reject anything over the limit.
      return new Parsed(parser.rejectOversized(upload.size()));
    }
    if (upload.versionId() == null && upload.eTag() != null) {
      // Without versions the key may hold a later upload's bytes by now: only the announced ones are
      // evaluated as this upload; the later upload has its own event.
      ObjectRead current = objects.readIfMatch(upload.bucket(), upload.key(), upload.eTag(), max);
      if (current instanceof ObjectRead.Found found) {
        return new Parsed(parse(upload, found.bytes()));
      }
      return current instanceof ObjectRead.Replaced
          ? new Unreadable(OBJECT_REPLACED, "The file was replaced by a newer upload under the same name before "
              + "intake could read it, so this upload was not evaluated; the newer upload is evaluated on its own.")
          : new Unreadable(OBJECT_MISSING, MISSING_CAUSE);
    }
    return objects.read(upload.bucket(), upload.key(), upload.versionId(), max)
        .<Read>map(bytes -> new Parsed(parse(upload, bytes)))
        .orElseGet(() -> new Unreadable(OBJECT_MISSING, MISSING_CAUSE));
  }

  private ParseOutcome parse(UploadedObject upload, byte[] bytes) {
    ParseOutcome outcome = parser.parse(bytes, upload.fileName());
    if (upload.versionId() == null && outcome instanceof ParseOutcome.Parsed) {
      // Without versions the key may be overwritten before the annotator reads it: keep the
      // bytes that were evaluated, so the partner's annotated copy is of the file they sent.
      objects.write(upload.bucket(), WorkflowInput.originalKey(upload.submissionId()), bytes,
          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    }
    return outcome;
  }

  /**
   * An upload intake cannot read still ends in a stored terminal state, announced like any other:
   * its workflow starts with the failure in its input and goes straight to recording it.
   */
  private Outcome startFailed(UploadedObject upload, Optional<Submission> existing, Unreadable failed) {
    String id = upload.submissionId();
    Submission submission = existing.orElseGet(() -> newSubmission(upload, null));
    if (existing.isEmpty() && store.create(submission)) {
      metrics.received(upload.partnerId());
    }
    boolean started = workflow.start(id, WorkflowInput.of(submission, false).toJson(failed.error(), failed.cause())
        .toString());
    store.advance(id, SubmissionStatus.EVALUATING, clock.instant());
    LOG.warn("Object {} (version {}) could not be read by intake ({}); recorded as FAILED by its workflow",
        upload.key(), upload.versionId(), failed.error());
    return started ? Outcome.STARTED : Outcome.DUPLICATE;
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
