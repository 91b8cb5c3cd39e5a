package dev.intake.pipeline;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.intake.model.Finding;
import dev.intake.model.FindingsReport;
import dev.intake.model.Severity;
import dev.intake.report.ReportJson;

/**
 * The program office's message about one evaluated submission: partner, status, counts, the first
 * blockers and where the details are. The subject is plain ASCII under 100 characters (SNS's rule).
 */
public record Notification(String status, String subject, String message) {

  static final int FIRST_BLOCKERS = 5;

  public static Notification of(Submission s, FindingsReport report, String apiBaseUrl) {
    ObjectNode m = PipelineJson.mapper().createObjectNode();
    m.put("submissionId", s.submissionId());
    ObjectNode partner = m.putObject("partner");
    partner.put("id", s.partnerId());
    partner.put("name", report.partner().name());
    m.put("fileName", s.source().fileName());
    m.put("status", report.status().name());
    m.put("asOf", report.asOf().toString());
    m.put("checklistVersion", report.checklistVersion());
    m.set("summary", ReportJson.summary(report.summary()));
    ArrayNode blockers = m.putArray("firstBlockers");
    report.findings().stream()
        .filter(f -> f.severity() == Severity.BLOCKER)
        .limit(FIRST_BLOCKERS)
        .forEach(f -> blockers.add(brief(f)));
    String base = apiBaseUrl == null ? "" : apiBaseUrl.replaceAll("/+$", "");
    ObjectNode links = m.putObject("links");
    links.put("submission", base + "/submissions/" + s.submissionId());
    links.put("findings", base + "/submissions/" + s.submissionId() + "/findings");
    links.put("report", base + "/submissions/" + s.submissionId() + "/report");
    String subject = "Competency intake: " + report.status() + " - " + ascii(s.partnerId()) + " ("
        + report.summary().blockers() + " blocker" + (report.summary().blockers() == 1 ? "" : "s") + ")";
    return new Notification(report.status().name(), subject.length() > 99 ? subject.substring(0, 99) : subject,
        m.toString());
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
