package dev.intake.pipeline;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.intake.model.Finding;
import dev.intake.model.FindingsReport;
import dev.intake.model.Severity;
import dev.intake.model.Text;
import dev.intake.report.Comparison;
import dev.intake.report.ReportJson;
import java.time.LocalDate;

/**
 * What is announced when a submission reaches a terminal state: one message for the program office
 * and one for the partner, each an SNS {@code MessageStructure: json} envelope — {@code default} the
 * JSON document (for queues and functions), {@code email} the plain text a person reads
 * ({@link NotificationText}: status, partner, each blocker with its cell and fix, what changed since
 * the partner's previous submission, links). The workflow publishes the first to the program office's
 * topic and the second, with a {@code partnerId} message attribute, to the partners' topic, where a
 * subscription's filter policy on that attribute reaches one partner only.
 *
 * <p>Subjects are plain ASCII under 100 characters (SNS's rule for e-mail subjects).
 *
 * @param status the submission's status (a message attribute)
 * @param message the program office's envelope
 * @param partnerMessage the partner's envelope
 */
public record Notification(String status, String subject, String message, String partnerSubject,
    String partnerMessage) {

  static final int FIRST_BLOCKERS = 5;
  static final int MAX_SUBJECT = 99;

  /** The audience a message is written for. */
  public enum Audience { PROGRAM_OFFICE, PARTNER }

  /** The notification of an evaluation without a comparison (the partner's first, or not judged). */
  public static Notification of(Submission s, FindingsReport report, String apiBaseUrl) {
    return evaluated(s, report, null, apiBaseUrl);
  }

  /**
   * The notification of an evaluated submission.
   *
   * @param changes what changed since the partner's previous judged submission, or null
   */
  public static Notification evaluated(Submission s, FindingsReport report, Comparison changes, String apiBaseUrl) {
    SubmissionStatus verdict = SubmissionStatus.of(report.status());
    boolean judged = verdict == SubmissionStatus.READY || verdict == SubmissionStatus.ACTION_REQUIRED;
    Links links = Links.evaluated(apiBaseUrl, s.submissionId(), judged && Threads.threaded(s.partnerId()));
    String status = report.status().name();
    int blockers = report.summary().blockers();
    String count = blockers + " blocker" + (blockers == 1 ? "" : "s");
    return new Notification(status,
        subject("Competency intake: " + status + " - " + ascii(s.partnerId()) + " (" + count + ")"),
        envelope(document(s, report, changes, links, Audience.PROGRAM_OFFICE),
            NotificationText.evaluated(s, report, changes, links, Audience.PROGRAM_OFFICE)),
        subject("AWS DevOps Competency self-assessment: " + status + " (" + count + ")"),
        envelope(document(s, report, changes, links, Audience.PARTNER),
            NotificationText.evaluated(s, report, changes, links, Audience.PARTNER)));
  }

  /**
   * The notification of a submission that FAILED (nothing was evaluated): the same fields as an
   * evaluated one's with no summary or blockers and, for the office only, {@code failure} saying
   * why; the partner is told in a plain sentence that the office will follow up.
   */
  public static Notification failed(WorkflowInput in, String reason, LocalDate dueBy, String apiBaseUrl) {
    Links links = Links.failed(apiBaseUrl, in.submissionId());
    String status = SubmissionStatus.FAILED.name();
    ObjectNode office = failedDocument(in, dueBy, links, Audience.PROGRAM_OFFICE);
    office.put("failure", reason);
    ObjectNode partner = failedDocument(in, dueBy, links, Audience.PARTNER);
    partner.put("failure", NotificationText.FAILED_FOR_PARTNERS);
    return new Notification(status,
        subject("Competency intake: " + status + " - " + ascii(in.partnerId()) + " (not evaluated)"),
        envelope(office, NotificationText.failed(in, reason, dueBy, links, Audience.PROGRAM_OFFICE)),
        subject("AWS DevOps Competency self-assessment: not evaluated"),
        envelope(partner, NotificationText.failed(in, reason, dueBy, links, Audience.PARTNER)));
  }

  /**
   * The API links of a submission (absolute when the base URL is known), each null where it would
   * only answer an error or never anything: a FAILED submission has no findings, report or comparison,
   * and only a judged submission of a partner is compared.
   */
  record Links(String submission, String findings, String comparison, String report, String decisions) {

    static Links evaluated(String apiBaseUrl, String submissionId, boolean compared) {
      String base = base(apiBaseUrl, submissionId);
      return new Links(base, base + "/findings", compared ? base + "/comparison" : null, base + "/report",
          base + "/decisions");
    }

    static Links failed(String apiBaseUrl, String submissionId) {
      String base = base(apiBaseUrl, submissionId);
      return new Links(base, null, null, null, base + "/decisions");
    }

    private static String base(String apiBaseUrl, String submissionId) {
      return (apiBaseUrl == null ? "" : apiBaseUrl.replaceAll("/+$", "")) + "/submissions/" + submissionId;
    }

    ObjectNode toJson() {
      ObjectNode n = PipelineJson.mapper().createObjectNode();
      n.put("submission", submission);
      n.put("findings", findings);
      n.put("comparison", comparison);
      n.put("report", report);
      n.put("decisions", decisions);
      return n;
    }
  }

  private static ObjectNode document(Submission s, FindingsReport report, Comparison changes, Links links,
      Audience audience) {
    ObjectNode m = head(s.submissionId(), s.partnerId(), report.partner().name(), s.fileName(),
        report.status().name(), audience);
    m.put("asOf", report.asOf().toString());
    m.put("checklistVersion", report.checklistVersion());
    m.set("summary", ReportJson.summary(report.summary()));
    ArrayNode blockers = m.putArray("firstBlockers");
    report.findings().stream()
        .filter(f -> f.severity() == Severity.BLOCKER)
        .limit(FIRST_BLOCKERS)
        .forEach(f -> blockers.add(brief(f)));
    m.put("dueBy", s.dueBy().toString());
    m.put("previousSubmissionId", changes == null ? null : changes.previousSubmissionId());
    if (changes == null) {
      m.putNull("changes");
    } else {
      ObjectNode c = m.putObject("changes");
      c.put("since", changes.since().toString());
      c.put("fixed", changes.fixed().size());
      c.put("introduced", changes.introduced().size());
      c.put("unchanged", changes.unchanged().size());
      c.put("line", changes.line());
    }
    m.set("links", links.toJson());
    return m;
  }

  private static ObjectNode failedDocument(WorkflowInput in, LocalDate dueBy, Links links, Audience audience) {
    ObjectNode m = head(in.submissionId(), in.partnerId(), null, in.fileName(), SubmissionStatus.FAILED.name(),
        audience);
    m.put("asOf", in.asOf().toString());
    m.putNull("checklistVersion");
    m.putNull("summary");
    m.putArray("firstBlockers");
    m.put("dueBy", dueBy.toString());
    m.putNull("previousSubmissionId");
    m.putNull("changes");
    m.set("links", links.toJson());
    return m;
  }

  private static ObjectNode head(String submissionId, String partnerId, String partnerName, String fileName,
      String status, Audience audience) {
    ObjectNode m = PipelineJson.mapper().createObjectNode();
    m.put("audience", audience == Audience.PARTNER ? "partner" : "programOffice");
    m.put("submissionId", submissionId);
    ObjectNode partner = m.putObject("partner");
    partner.put("id", partnerId);
    partner.put("name", partnerName == null ? null : Text.visible(partnerName));
    m.put("fileName", fileName == null ? null : Text.visible(fileName));
    m.put("status", status);
    return m;
  }

  /** {@code {"default": "<the JSON document>", "email": "<the text>"}}, as SNS's MessageStructure json wants. */
  private static String envelope(ObjectNode document, String email) {
    ObjectNode n = PipelineJson.mapper().createObjectNode();
    n.put("default", document.toString());
    n.put("email", email);
    return n.toString();
  }

  private static ObjectNode brief(Finding f) {
    ObjectNode n = PipelineJson.mapper().createObjectNode();
    n.put("checklistRef", f.checklistRef());
    n.put("ruleId", f.ruleId());
    n.put("message", f.message());
    n.put("location", f.location() == null ? null : f.location().toString());
    n.put("subject", f.subject());
    return n;
  }

  private static String subject(String text) {
    return text.length() > MAX_SUBJECT ? text.substring(0, MAX_SUBJECT) : text;
  }

  private static String ascii(String s) {
    return s.replaceAll("[^A-Za-z0-9._-]", "?");
  }

  public ObjectNode toJson() {
    ObjectNode n = PipelineJson.mapper().createObjectNode();
    n.put("status", status);
    n.put("subject", subject);
    n.put("message", message);
    n.put("partnerSubject", partnerSubject);
    n.put("partnerMessage", partnerMessage);
    return n;
  }

  /** The {@code default} document of an envelope. */
  public static String defaultOf(String envelope) {
    return PipelineJson.tree(envelope.getBytes(java.nio.charset.StandardCharsets.UTF_8)).path("default").asText();
  }

  /** The {@code email} text of an envelope. */
  public static String emailOf(String envelope) {
    return PipelineJson.tree(envelope.getBytes(java.nio.charset.StandardCharsets.UTF_8)).path("email").asText();
  }
}
