package dev.intake.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.intake.contracts.BucketLayout;
import dev.intake.model.Text;
import java.time.LocalDate;
import java.util.Objects;

/**
 * What the intake step hands the workflow, and what each task receives back as its input: ids and
 * S3 locations only. Derived from the stored submission, so a duplicate event builds the identical
 * input (and Step Functions treats the second start as the same execution).
 *
 * @param readable false when the parser rejected the file; the workflow then skips the checks
 */
public record WorkflowInput(
    String submissionId,
    String partnerId,
    String bucket,
    String key,
    String versionId,
    String fileName,
    LocalDate asOf,
    boolean readable) {

  /** The largest intermediate object (parsed workbook, a group's findings) a step will read back. */
  public static final long MAX_WORK_OBJECT_BYTES = 64L * 1024 * 1024;

  public WorkflowInput {
    Objects.requireNonNull(submissionId, "submissionId");
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(asOf, "asOf");
    // Shown in the failure notification; an input built before names were cleaned is cleaned here.
    fileName = fileName == null ? null : Text.visible(fileName);
  }

  public static WorkflowInput of(Submission s, boolean readable) {
    Submission.Source source = s.source();
    return new WorkflowInput(s.submissionId(), s.partnerId(), source.bucket(), source.key(), source.versionId(),
        source.fileName(), s.asOf(), readable);
  }

  public ObjectNode toJson() {
    ObjectNode n = PipelineJson.mapper().createObjectNode();
    n.put("submissionId", submissionId);
    n.put("partnerId", partnerId);
    n.put("bucket", bucket);
    n.put("key", key);
    if (versionId == null) {
      n.putNull("versionId");
    } else {
      n.put("versionId", versionId);
    }
    n.put("fileName", fileName);
    n.put("asOf", asOf.toString());
    n.put("readable", readable);
    return n;
  }

  /**
   * The input of a workflow that only records a failure intake found: the same fields, and the
   * {@code error} (in the shape a Catch gives it) the workflow's first state routes on.
   */
  public ObjectNode toJson(String error, String cause) {
    ObjectNode n = toJson();
    ObjectNode e = n.putObject("error");
    e.put("Error", error);
    e.put("Cause", cause);
    return n;
  }

  /** Reads the fields of a workflow state; extra fields (such as check results) are ignored. */
  public static WorkflowInput from(JsonNode n) {
    String id = text(n, "submissionId");
    if (!SubmissionIds.isSubmissionId(id)) {
      throw new IllegalArgumentException("workflow input has no valid submissionId");
    }
    return new WorkflowInput(id, text(n, "partnerId"), text(n, "bucket"), text(n, "key"),
        n.path("versionId").isNull() || n.path("versionId").isMissingNode() ? null : n.path("versionId").asText(),
        text(n, "fileName"), LocalDate.parse(text(n, "asOf")), n.path("readable").asBoolean(true));
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      throw new IllegalArgumentException("workflow input has no " + field);
    }
    return v.asText();
  }

  /** Where the intake step stores the parsed workbook. */
  public String parsedKey() {
    return parsedKey(submissionId);
  }

  public static String parsedKey(String submissionId) {
    return workKey(submissionId, "parsed.json");
  }

  public static String workKey(String submissionId, String name) {
    return BucketLayout.WORK + submissionId + "/" + name;
  }

  /** The evaluated bytes of an upload to a bucket without versions (see the intake step). */
  public static String originalKey(String submissionId) {
    return workKey(submissionId, "original.xlsx");
  }

  public static String reportKey(String submissionId) {
    return BucketLayout.REPORTS + submissionId + "/report.json";
  }

  public static String annotatedKey(String submissionId) {
    return BucketLayout.REPORTS + submissionId + "/annotated.xlsx";
  }
}
