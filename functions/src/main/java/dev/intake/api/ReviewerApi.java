package dev.intake.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.intake.model.Finding;
import dev.intake.model.FindingsReport;
import dev.intake.model.PartnerIds;
import dev.intake.model.PartnerRef;
import dev.intake.model.ReportStatus;
import dev.intake.model.Summary;
import dev.intake.pipeline.Decision;
import dev.intake.pipeline.ObjectStore;
import dev.intake.pipeline.Page;
import dev.intake.pipeline.PipelineJson;
import dev.intake.pipeline.StoreUnavailableException;
import dev.intake.pipeline.Submission;
import dev.intake.pipeline.SubmissionIds;
import dev.intake.pipeline.SubmissionStatus;
import dev.intake.pipeline.SubmissionStore;
import dev.intake.report.ReportJson;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reviewer API's routes (docs/openapi.yaml), independent of transport. Client mistakes are
 * 4xx with a JSON code and message, never a 500; a partner sees only its own submissions.
 */
public final class ReviewerApi {

  private static final Logger LOG = LoggerFactory.getLogger(ReviewerApi.class);

  public static final int MAX_BODY_BYTES = 64 * 1024;
  static final Duration LINK_TTL = Duration.ofMinutes(15);
  private static final int DEFAULT_LIMIT = 25;
  private static final Pattern SUBMISSION = Pattern.compile("^/submissions/([^/]+)(/[a-z]+)?/?$");
  private static final Set<String> DECISION_FIELDS = Set.of("action", "comment", "finding");

  /**
   * Every route, as "METHOD path" with {id}. The router serves these and nothing else (a request for
   * any other is refused before it is dispatched), and a test checks the OpenAPI document against
   * this list, so the document, the list and what is served cannot drift apart.
   */
  public static final List<String> ROUTES = List.of(
      "GET /submissions",
      "GET /submissions/{id}",
      "GET /submissions/{id}/findings",
      "GET /submissions/{id}/report",
      "GET /submissions/{id}/history",
      "GET /submissions/{id}/decisions",
      "POST /submissions/{id}/decisions",
      "GET /template",
      "POST /uploads");

  private final SubmissionStore store;
  private final ObjectStore objects;
  private final TemplateService templates;
  private final ExecutionHistory executions;
  private final UploadLinks uploads;
  private final Clock clock;

  public ReviewerApi(SubmissionStore store, ObjectStore objects, TemplateService templates,
      ExecutionHistory executions, UploadLinks uploads, Clock clock) {
    this.store = store;
    this.objects = objects;
    this.templates = templates;
    this.executions = executions;
    this.uploads = uploads;
    this.clock = clock;
  }

  /** A client error, turned into a 4xx response. */
  static final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int status;
    final String code;

    ApiException(int status, String code, String message) {
      super(message, null, false, false);
      this.status = status;
      this.code = code;
    }
  }

  public ApiResponse handle(ApiRequest request) {
    try {
      return route(request);
    } catch (ApiException e) {
      LOG.warn("Refused {} {} for {}: {} {}", request.method(), request.path(), request.caller().describe(), e.status,
          e.code);
      return ApiResponse.error(e.status, e.code, e.getMessage());
    } catch (StoreUnavailableException e) {
      LOG.error("Store unavailable for {} {}", request.method(), request.path(), e);
      return ApiResponse.error(503, "UNAVAILABLE", "The service is briefly unavailable; try again shortly.");
    }
  }

  private ApiResponse route(ApiRequest r) {
    if (r.caller() instanceof Caller.Unknown) {
      throw new ApiException(403, "FORBIDDEN", "This principal is neither a reviewer nor a partner.");
    }
    String path = r.path() == null ? "" : r.path();
    String method = r.method() == null ? "" : r.method().toUpperCase(Locale.ROOT);
    if (path.equals("/submissions") || path.equals("/submissions/")) {
      requireRoute(method, "/submissions");
      return list(r);
    }
    if (path.equals("/template")) {
      requireRoute(method, "/template");
      return template();
    }
    if (path.equals("/uploads")) {
      requireRoute(method, "/uploads");
      return uploads.create(r);
    }
    Matcher m = SUBMISSION.matcher(path);
    if (!m.matches()) {
      throw new ApiException(404, "NOT_FOUND", "No such route: " + path);
    }
    String id = m.group(1);
    String sub = m.group(2) == null ? "" : m.group(2);
    requireRoute(method, "/submissions/{id}" + sub);
    if (!SubmissionIds.isSubmissionId(id)) {
      throw new ApiException(400, "INVALID_ID", "Submission ids look like sub- followed by 26 letters and digits.");
    }
    if (sub.equals("/decisions") && !(r.caller() instanceof Caller.Reviewer)) {
      throw new ApiException(403, "FORBIDDEN", "Only reviewers can see or record decisions.");
    }
    if (method.equals("POST") && r.body() != null
        && r.body().getBytes(StandardCharsets.UTF_8).length > MAX_BODY_BYTES) {
      throw new ApiException(413, "TOO_LARGE", "The request body is over 64 KB.");
    }
    Submission s = visible(r.caller(), id);
    return switch (sub) {
      case "" -> ApiResponse.json(200, submissionJson(s, r.caller()));
      case "/findings" -> findings(s, r.caller());
      case "/report" -> report(s, r.caller());
      case "/history" -> history(s, r.caller());
      default -> method.equals("POST") ? decide(s, r) : decisions(s);
    };
  }

  /** Refuses what {@link #ROUTES} does not list: 404 for an unknown path, 405 for another method. */
  private static void requireRoute(String method, String template) {
    if (ROUTES.contains(method + " " + template)) {
      return;
    }
    List<String> allowed = ROUTES.stream().filter(route -> route.endsWith(" " + template))
        .map(route -> route.substring(0, route.indexOf(' '))).toList();
    if (allowed.isEmpty()) {
      throw new ApiException(404, "NOT_FOUND", "No such route: " + template);
    }
    throw new ApiException(405, "METHOD_NOT_ALLOWED", "Use " + String.join(" or ", allowed) + " here.");
  }

  /** The submission if this caller may see it; a partner asking for another's gets 404, not a hint it exists. */
  private Submission visible(Caller caller, String id) {
    Optional<Submission> s = store.get(id);
    if (s.isEmpty() || (caller instanceof Caller.Partner p && !p.partnerId().equals(s.get().partnerId()))) {
      throw new ApiException(404, "NOT_FOUND", "No submission " + id + ".");
    }
    return s.get();
  }

  private ApiResponse list(ApiRequest r) {
    String partnerId = r.query().get("partnerId");
    if (partnerId != null && !PartnerIds.isValid(partnerId)) {
      throw new ApiException(400, "INVALID_PARTNER_ID", "partnerId must be letters, digits, '.', '_' or '-'.");
    }
    if (r.caller() instanceof Caller.Partner p) {
      if (partnerId != null && !partnerId.equals(p.partnerId())) {
        throw new ApiException(403, "FORBIDDEN", "A partner can list only its own submissions.");
      }
      partnerId = p.partnerId();
    }
    SubmissionStatus status = null;
    String statusParam = r.query().get("status");
    if (statusParam != null) {
      try {
        status = SubmissionStatus.valueOf(statusParam.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new ApiException(400, "INVALID_STATUS", "status must be one of "
            + java.util.Arrays.toString(SubmissionStatus.values()) + ".");
      }
    }
    int limit = DEFAULT_LIMIT;
    String limitParam = r.query().get("limit");
    if (limitParam != null) {
      try {
        limit = Integer.parseInt(limitParam.strip());
      } catch (NumberFormatException e) {
        throw new ApiException(400, "INVALID_LIMIT", "limit must be a whole number from 1 to 100.");
      }
      if (limit < 1 || limit > 100) {
        throw new ApiException(400, "INVALID_LIMIT", "limit must be a whole number from 1 to 100.");
      }
    }
    String token = r.query().get("nextToken");
    if (token != null && (token.isEmpty() || token.length() > 2048)) {
      throw new ApiException(400, "INVALID_TOKEN", "nextToken is not a token this API issued for this query.");
    }
    Page<Submission> page;
    try {
      page = store.list(partnerId, status, limit, token);
    } catch (IllegalArgumentException e) {
      throw new ApiException(400, "INVALID_TOKEN", "nextToken is not a token this API issued for this query.");
    }
    ObjectNode out = PipelineJson.mapper().createObjectNode();
    ArrayNode items = out.putArray("items");
    page.items().forEach(s -> items.add(submissionJson(s, r.caller())));
    out.put("nextToken", page.nextToken());
    return ApiResponse.json(200, out);
  }

  private static void requireEvaluated(Submission s, Caller caller) {
    if (s.status() == SubmissionStatus.FAILED) {
      throw new ApiException(409, "FAILED", "The evaluation of this submission failed: " + failure(s, caller));
    }
    if (!s.status().terminal()) {
      throw new ApiException(409, "NOT_EVALUATED", "The submission is " + s.status() + "; try again shortly.");
    }
  }

  private ApiResponse findings(Submission s, Caller caller) {
    requireEvaluated(s, caller);
    return ApiResponse.json(200, ReportJson.toTree(report(s, store.findings(s.submissionId()))));
  }

  static FindingsReport report(Submission s, List<Finding> findings) {
    Summary summary = s.summary() != null ? s.summary() : Summary.of(findings, 0);
    return new FindingsReport(s.submissionId(), new PartnerRef(nonNull(s.partnerName()), s.partnerId()),
        nonNull(s.checklistVersion()), s.asOf(), ReportStatus.valueOf(s.status().name()), summary, findings);
  }

  private ApiResponse report(Submission s, Caller caller) {
    requireEvaluated(s, caller);
    Instant expires = clock.instant().plus(LINK_TTL);
    ObjectNode out = PipelineJson.mapper().createObjectNode();
    out.put("annotatedWorkbookUrl", objects.presignGet(s.bucket(), s.annotatedKey(), LINK_TTL).toString());
    out.put("reportUrl", objects.presignGet(s.bucket(), s.reportKey(), LINK_TTL).toString());
    out.put("expiresAt", expires.toString());
    return ApiResponse.json(200, out);
  }

  private ApiResponse history(Submission s, Caller caller) {
    ObjectNode out = PipelineJson.mapper().createObjectNode();
    ArrayNode evaluations = out.putArray("evaluations");
    if (s.documentId() != null) {
      store.history(s.documentId()).forEach(e -> evaluations.add(submissionJson(e, caller)));
    }
    ArrayNode events = out.putArray("events");
    for (ExecutionHistory.Event e : executions.events(s.submissionId())) {
      ObjectNode n = events.addObject();
      n.put("timestamp", e.timestamp().toString());
      n.put("type", e.type());
      n.put("state", e.state());
      // Error details of the workflow are for reviewers; a partner sees what happened, not internals.
      n.put("detail", caller instanceof Caller.Reviewer ? e.detail() : null);
    }
    return ApiResponse.json(200, out);
  }

  private ApiResponse decisions(Submission s) {
    ObjectNode out = PipelineJson.mapper().createObjectNode();
    ArrayNode items = out.putArray("items");
    store.decisions(s.submissionId()).forEach(d -> items.add(decisionJson(d)));
    return ApiResponse.json(200, out);
  }

  private ApiResponse decide(Submission s, ApiRequest r) {
    JsonNode body;
    try {
      body = r.body() == null || r.body().isBlank() ? null : PipelineJson.mapper().readTree(r.body());
    } catch (JsonProcessingException e) {
      throw new ApiException(400, "INVALID_BODY", "The body is not valid JSON.");
    }
    if (body == null || !body.isObject()) {
      throw new ApiException(400, "INVALID_BODY", "The body must be a JSON object with action and comment.");
    }
    for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (!DECISION_FIELDS.contains(field)) {
        throw new ApiException(400, "INVALID_BODY",
            "Unknown field '" + field + "'; allowed: action, comment, finding.");
      }
    }
    Decision.Action action;
    try {
      action = Decision.Action.valueOf(body.path("action").asText("").toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ApiException(400, "INVALID_ACTION", "action must be ACCEPT, REQUEST_CHANGES or OVERRIDE_FINDING.");
    }
    String comment = body.path("comment").isTextual() ? body.path("comment").asText().strip() : "";
    if (comment.isEmpty() || comment.length() > 4000) {
      throw new ApiException(400, "INVALID_COMMENT", "A comment of 1 to 4000 characters is required.");
    }
    String finding = body.path("finding").isTextual() ? body.path("finding").asText().strip() : null;
    requireEvaluated(s, r.caller());
    if (action == Decision.Action.OVERRIDE_FINDING) {
      if (finding == null || finding.isEmpty() || finding.length() > 200) {
        throw new ApiException(400, "INVALID_FINDING", "OVERRIDE_FINDING needs the finding, as ruleId@Sheet!A1.");
      }
      List<Finding> findings = store.findings(s.submissionId());
      String wanted = finding;
      if (findings.stream().noneMatch(f -> findingRef(f).equals(wanted))) {
        throw new ApiException(400, "INVALID_FINDING", "The submission has no finding " + finding
            + "; refer to one as ruleId@Sheet!A1 (or ruleId when it has no cell).");
      }
    } else if (finding != null) {
      throw new ApiException(400, "INVALID_FINDING", "finding is only for OVERRIDE_FINDING.");
    }
    String reviewer = ((Caller.Reviewer) r.caller()).name();
    Decision d = new Decision(UUID.randomUUID().toString(), s.submissionId(), action, comment, finding, reviewer,
        clock.instant());
    store.addDecision(d);
    LOG.info("Decision {} on {} by {}", action, s.submissionId(), reviewer);
    return ApiResponse.json(201, decisionJson(d));
  }

  /** How a decision names a finding: "ruleId@Sheet!A1", or "ruleId" for one without a cell. */
  public static String findingRef(Finding f) {
    if (f.location() == null || f.location().cell() == null) {
      return f.ruleId();
    }
    return f.ruleId() + "@" + f.location().sheet() + "!" + f.location().cell();
  }

  private ApiResponse template() {
    ObjectNode out = PipelineJson.mapper().createObjectNode();
    out.put("url", templates.link(LINK_TTL).toString());
    out.put("expiresAt", clock.instant().plus(LINK_TTL).toString());
    out.put("checklistVersion", templates.checklist().version());
    return ApiResponse.json(200, out);
  }

  static final String FAILED_FOR_PARTNERS =
      "The evaluation could not be completed; the program office has been told and will follow up.";

  /** Why it failed: the stored reason for reviewers, a plain sentence for partners. */
  private static String failure(Submission s, Caller caller) {
    if (s.failure() == null) {
      return null;
    }
    return caller instanceof Caller.Reviewer ? s.failure() : FAILED_FOR_PARTNERS;
  }

  public static ObjectNode submissionJson(Submission s, Caller caller) {
    ObjectNode n = PipelineJson.mapper().createObjectNode();
    n.put("submissionId", s.submissionId());
    n.put("partnerId", s.partnerId());
    n.put("fileName", s.fileName());
    n.put("receivedAt", s.receivedAt().toString());
    n.put("status", s.status().name());
    if (s.summary() == null) {
      n.putNull("summary");
    } else {
      n.set("summary", ReportJson.summary(s.summary()));
    }
    n.put("checklistVersion", nonNull(s.checklistVersion()));
    n.put("partnerName", nonNull(s.partnerName()));
    n.put("asOf", s.asOf() == null ? null : s.asOf().toString());
    n.put("failure", failure(s, caller));
    return n;
  }

  private static ObjectNode decisionJson(Decision d) {
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

  private static String nonNull(String s) {
    return s == null ? "" : s;
  }
}
