package dev.intake.pipeline;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.intake.model.Finding;
import dev.intake.model.FindingsReport;
import dev.intake.model.Severity;
import dev.intake.report.ReportJson;

/**
 * The program office's message about one submission that reached a terminal state: partner, status,
 * counts, the first blockers (or, for FAILED, why) and where the details are. The subject is plain
 * ASCII under 100 characters (SNS's rule).
 */
public record Notification(String status, String subject, String message) {

  static final int FIRST_BLOCKERS = 5;

  public static Notification of(Submission s, FindingsReport report, String apiBaseUrl) {
    ObjectNode m = head(s.submissionId(), s.partnerId(), report.partner().name(), s.source().fileName(),
        report.status().name());
    m.put("asOf", report.asOf().toString());
    m.put("checklistVersion", report.checklistVersion());
    m.set("summary", ReportJson.summary(report.summary()));
    ArrayNode blockers = m.putArray("firstBlockers");
    report.findings().stream()
        .filter(f -> f.severity() == Severity.BLOCKER)
        .limit(FIRST_BLOCKERS)
        .forEach(f -> blockers.add(brief(f)));
    links(m, s.submissionId(), apiBaseUrl);
    int count = report.summary().blockers();
    return new Notification(report.status().name(), subject(report.status().name(), s.partnerId(),
        count + " blocker" + (count == 1 ? "" : "s")), m.toString());
  }

  /**
   * The message about a submission that FAILED (nothing was evaluated): the same fields as an
   * evaluated one's, with no summary or blockers, and {@code failure} saying why. The partner's name
   * is not known here (the failure step does not read the workbook); the links lead to it.
   */
  public static Notification failed(WorkflowInput in, String reason, String apiBaseUrl) {
    String status = SubmissionStatus.FAILED.name();
    ObjectNode m = head(in.submissionId(), in.partnerId(), null, in.fileName(), status);
    m.put("asOf", in.asOf().toString());
    m.putNull("checklistVersion");
    m.putNull("summary");
    m.putArray("firstBlockers");
    links(m, in.submissionId(), apiBaseUrl);
    m.put("failure", reason);
    return new Notification(status, subject(status, in.partnerId(), "not evaluated"), m.toString());
  }

  private static ObjectNode head(String submissionId, String partnerId, String partnerName, String fileName,
      String status) {
    ObjectNode m = PipelineJson.mapper().createObjectNode();
    m.put("submissionId", submissionId);
    ObjectNode partner = m.putObject("partner");
    partner.put("id", partnerId);
    partner.put("name", partnerName);
    m.put("fileName", fileName);
    m.put("status", status);
    return m;
  }

  private static void links(ObjectNode m, String submissionId, String apiBaseUrl) {
    String base = apiBaseUrl == null ? "" : apiBaseUrl.replaceAll("/+$", "");
    ObjectNode links = m.putObject("links");
    links.put("submission", base + "/submissions/" + submissionId);
    links.put("findings", base + "/submissions/" + submissionId + "/findings");
    links.put("report", base + "/submissions/" + submissionId + "/report");
  }

  /** Plain ASCII under 100 characters (SNS's rule). */
  private static String subject(String status, String partnerId, String detail) {
    String subject = "Competency intake: " + status + " - " + ascii(partnerId) + " (" + detail + ")";
    return subject.length() > 99 ? subject.substring(0, 99) : subject;
  }

  private static ObjectNode brief(Finding f) {
    ObjectNode n = PipelineJson.mapper().createObjectNode();
    n.put("checklistRef", f.checklistRef());
    n.put("ruleId", f.ruleId());
    n.put("message", f.message());
    n.put("location", f.location() == null ? null : f.location().toString());
    return n;
  }

  private static String ascii(String s) {
    return s.replaceAll("[^A-Za-z0-9._-]", "?");
  }

  public ObjectNode toJson() {
    ObjectNode n = PipelineJson.mapper().createObjectNode();
    n.put("status", status);
    n.put("subject", subject);
    n.put("message", message);
    return n;
  }
}
