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
import dev.intake.pipeline.Review;
import dev.intake.pipeline.ReviewLog;
import dev.intake.pipeline.Submission;
import dev.intake.report.Comparison;
import dev.intake.report.ReportJson;
import java.net.URL;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The API's response bodies (docs/openapi.yaml), and what each caller may see in them: a partner
 * gets a plain sentence instead of a failure's stored reason, no error details of the workflow, no
 * reviewer's identity and only the decisions shared with it.
 */
final class ApiJson {

  static final String FAILED_FOR_PARTNERS =
      "The evaluation could not be completed; the program office has been told and will follow up.";

  private ApiJson() {
  }

  static ObjectNode submission(Submission s, Caller caller) {
    return submission(s, caller, null);
  }

  /**
   * A submission; with {@code today}, also whether it is overdue on that day (the API passes its
   * clock's day; the field is left out without one).
   */
  static ObjectNode submission(Submission s, Caller caller, LocalDate today) {
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
    n.put("effectiveStatus", s.effectiveStatus().name());
    n.put("previousSubmissionId", s.previousSubmissionId());
    n.put("supersededBy", s.supersededBy());
    n.set("review", review(s.review(), caller));
    n.put("dueBy", s.dueBy().toString());
    if (today != null) {
      n.put("overdue", s.overdue(today));
    }
    return n;
  }

  /** {@code {"state", "updatedAt", "by"}}; {@code by} (a reviewer's principal) for reviewers only. */
  static ObjectNode review(Review r, Caller caller) {
    ObjectNode n = PipelineJson.mapper().createObjectNode();
    n.put("state", r.state().name());
    n.put("updatedAt", r.updatedAt() == null ? null : r.updatedAt().toString());
    n.put("by", caller instanceof Caller.Reviewer ? r.by() : null);
    return n;
  }

  /** {@code {"items": [submission…], "nextToken"}}. */
  static ObjectNode page(Page<Submission> page, Caller caller, LocalDate today) {
    ObjectNode out = PipelineJson.mapper().createObjectNode();
    ArrayNode items = out.putArray("items");
    page.items().forEach(s -> items.add(submission(s, caller, today)));
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

  /**
   * The trail: for a reviewer every decision, the review they add up to and whether the chain of
   * hashes holds ({@code "chain": "intact"} or where it breaks); for a partner the shared decisions only.
   */
  static ObjectNode decisions(Submission s, List<Decision> decisions, ReviewLog.Chain chain, Caller caller) {
    ObjectNode out = PipelineJson.mapper().createObjectNode();
    ArrayNode items = out.putArray("items");
    boolean reviewer = caller instanceof Caller.Reviewer;
    decisions.stream().filter(d -> reviewer || d.shareWithPartner()).forEach(d -> items.add(decision(d, caller)));
    out.set("review", review(s.review(), caller));
    if (reviewer) {
      out.put("chain", chain.summary());
      out.put("chainDetail", chain.detail());
    }
    return out;
  }

  /** One decision; its reviewer and hashes for reviewers only. */
  static ObjectNode decision(Decision d, Caller caller) {
    boolean reviewer = caller instanceof Caller.Reviewer;
    ObjectNode n = PipelineJson.mapper().createObjectNode();
    n.put("decisionId", d.decisionId());
    n.put("submissionId", d.submissionId());
    n.put("sequence", d.sequence());
    n.put("action", d.action().name());
    n.put("comment", d.comment());
    n.put("finding", d.findingRef());
    n.put("shareWithPartner", d.shareWithPartner());
    n.put("reviewer", reviewer ? d.reviewer() : null);
    n.put("at", d.at().toString());
    if (reviewer) {
      n.put("previousHash", d.previousHash());
      n.put("hash", d.hash());
    }
    return n;
  }

  /** A recorded decision and where the review now stands. */
  static ObjectNode recorded(Decision d, Submission s, Caller caller) {
    ObjectNode n = decision(d, caller);
    n.set("review", review(s.review(), caller));
    n.put("effectiveStatus", s.effectiveStatus().name());
    return n;
  }

  /**
   * {@code {"previousSubmissionId", "since", "line", "fixed", "introduced", "unchanged"}}; with no
   * earlier judged submission to compare with, the id is null (or the one that no longer exists) and
   * the lists are empty.
   */
  static ObjectNode comparison(String previousSubmissionId, Comparison c) {
    ObjectNode out = PipelineJson.mapper().createObjectNode();
    out.put("previousSubmissionId", previousSubmissionId);
    out.put("since", c == null ? null : c.since().toString());
    out.put("line", c == null ? null : c.line());
    out.set("fixed", findingList(c == null ? List.of() : c.fixed()));
    out.set("introduced", findingList(c == null ? List.of() : c.introduced()));
    out.set("unchanged", findingList(c == null ? List.of() : c.unchanged()));
    return out;
  }

  private static ArrayNode findingList(List<Finding> findings) {
    ArrayNode a = PipelineJson.mapper().createArrayNode();
    findings.forEach(f -> a.add(ReportJson.finding(f)));
    return a;
  }

  /** A refusal that names findings: {@code {"code", "message", "blockers": [finding…]}}. */
  static ObjectNode errorWithFindings(String code, String message, List<Finding> blockers) {
    ObjectNode n = PipelineJson.mapper().createObjectNode();
    n.put("code", code);
    n.put("message", message);
    ArrayNode a = n.putArray("blockers");
    for (Finding f : blockers) {
      ObjectNode b = ReportJson.finding(f);
      b.put("finding", ReviewLog.findingRef(f));
      a.add(b);
    }
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
