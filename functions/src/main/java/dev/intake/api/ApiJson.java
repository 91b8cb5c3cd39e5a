package dev.intake.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.intake.model.Finding;
import dev.intake.model.FindingsReport;
import dev.intake.model.PartnerRef;
import dev.intake.model.ReportStatus;
import dev.intake.model.Summary;
import dev.intake.pipeline.Decision;
import dev.intake.pipeline.Page;
import dev.intake.pipeline.PipelineJson;
import dev.intake.pipeline.Submission;
import dev.intake.report.ReportJson;
import java.net.URL;
import java.time.Instant;
import java.util.List;

/**
 * The API's response bodies (docs/openapi.yaml), and what each caller may see in them: a partner
 * gets a plain sentence instead of a failure's stored reason, and no error details of the workflow.
 */
final class ApiJson {

  static final String FAILED_FOR_PARTNERS =
      "The evaluation could not be completed; the program office has been told and will follow up.";

  private ApiJson() {
  }

  static ObjectNode submission(Submission s, Caller caller) {
    ObjectNode n = PipelineJson.mapper().createObjectNode();
    n.put("submissionId", s.submissionId());
    n.put("partnerId", s.partnerId());
    n.put("fileName", s.source().fileName());
    n.put("receivedAt", s.receivedAt().toString());
    n.put("status", s.status().name());
    Submission.Evaluation e = s.evaluation();
    if (e.summary() == null) {
      n.putNull("summary");
    } else {
      n.set("summary", ReportJson.summary(e.summary()));
    }
    n.put("checklistVersion", nonNull(e.checklistVersion()));
    n.put("partnerName", nonNull(e.partnerName()));
    n.put("asOf", s.asOf() == null ? null : s.asOf().toString());
    n.put("failure", failure(s, caller));
    return n;
  }

  /** {@code {"items": [submission…], "nextToken"}}. */
  static ObjectNode page(Page<Submission> page, Caller caller) {
    ObjectNode out = PipelineJson.mapper().createObjectNode();
    ArrayNode items = out.putArray("items");
    page.items().forEach(s -> items.add(submission(s, caller)));
    out.put("nextToken", page.nextToken());
    return out;
  }

  /** The findings report of an evaluated submission, from what the store kept of it. */
  static JsonNode findings(Submission s, List<Finding> findings) {
    Submission.Evaluation e = s.evaluation();
    Summary summary = e.summary() != null ? e.summary() : Summary.of(findings, 0);
    return ReportJson.toTree(new FindingsReport(s.submissionId(),
        new PartnerRef(nonNull(e.partnerName()), s.partnerId()), nonNull(e.checklistVersion()), s.asOf(),
        ReportStatus.valueOf(s.status().name()), summary, findings));
  }

  static ObjectNode reportLinks(URL annotatedWorkbook, URL report, Instant expires) {
    ObjectNode out = PipelineJson.mapper().createObjectNode();
    out.put("annotatedWorkbookUrl", annotatedWorkbook.toString());
    out.put("reportUrl", report.toString());
    out.put("expiresAt", expires.toString());
    return out;
  }

  static ObjectNode history(List<Submission> evaluations, List<ExecutionHistory.Event> events, Caller caller) {
    ObjectNode out = PipelineJson.mapper().createObjectNode();
    ArrayNode versions = out.putArray("evaluations");
    evaluations.forEach(e -> versions.add(submission(e, caller)));
    ArrayNode steps = out.putArray("events");
    for (ExecutionHistory.Event e : events) {
      ObjectNode n = steps.addObject();
      n.put("timestamp", e.timestamp().toString());
      n.put("type", e.type());
      n.put("state", e.state());
      // Error details of the workflow are for reviewers; a partner sees what happened, not internals.
      n.put("detail", caller instanceof Caller.Reviewer ? e.detail() : null);
    }
    return out;
  }

  static ObjectNode decisions(List<Decision> decisions) {
    ObjectNode out = PipelineJson.mapper().createObjectNode();
    ArrayNode items = out.putArray("items");
    decisions.forEach(d -> items.add(decision(d)));
    return out;
  }

  static ObjectNode decision(Decision d) {
    ObjectNode n = PipelineJson.mapper().createObjectNode();
    n.put("decisionId", d.decisionId());
    n.put("submissionId", d.submissionId());
    n.put("action", d.action().name());
    n.put("comment", d.comment());
    n.put("finding", d.findingRef());
    n.put("reviewer", d.reviewer());
    n.put("at", d.at().toString());
    return n;
  }

  static ObjectNode templateLink(URL url, Instant expires, String checklistVersion) {
    ObjectNode out = PipelineJson.mapper().createObjectNode();
    out.put("url", url.toString());
    out.put("expiresAt", expires.toString());
    out.put("checklistVersion", checklistVersion);
    return out;
  }

  /** Why it failed: the stored reason for reviewers, a plain sentence for partners; null when it did not. */
  static String failure(Submission s, Caller caller) {
    if (s.failure() == null) {
      return null;
    }
    return caller instanceof Caller.Reviewer ? s.failure() : FAILED_FOR_PARTNERS;
  }

  private static String nonNull(String s) {
    return s == null ? "" : s;
  }
}
