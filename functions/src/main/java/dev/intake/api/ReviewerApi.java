package dev.intake.api;

import dev.intake.model.Finding;
import dev.intake.model.Text;
import dev.intake.pipeline.Decision;
import dev.intake.pipeline.ObjectStore;
import dev.intake.pipeline.Page;
import dev.intake.pipeline.StoreUnavailableException;
import dev.intake.pipeline.Submission;
import dev.intake.pipeline.SubmissionStatus;
import dev.intake.pipeline.SubmissionStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reviewer API (docs/openapi.yaml), independent of transport: each route reads or writes the
 * store and answers with {@link ApiJson}'s bodies. {@link ApiRoutes} decides which route a request is
 * for, {@link ListRequest} and {@link DecisionRequest} check what it asks, {@link UploadLinks} serves
 * {@code POST /uploads}. Client mistakes are 4xx with a JSON code and message, never a 500; a partner
 * sees only its own submissions.
 */
public final class ReviewerApi {

  private static final Logger LOG = LoggerFactory.getLogger(ReviewerApi.class);

  public static final int MAX_BODY_BYTES = 64 * 1024;
  static final Duration LINK_TTL = Duration.ofMinutes(15);
  static final int MAX_FINDING_REF_CHARS = 200;

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

  public ApiResponse handle(ApiRequest request) {
    try {
      return route(request);
    } catch (ApiException e) {
      LOG.warn("Refused {} {} for {}: {} {}", request.method(), request.path(), request.caller().describe(), e.status,
          e.code);
      return e.response();
    } catch (StoreUnavailableException e) {
      LOG.error("Store unavailable for {} {}", request.method(), request.path(), e);
      return ApiResponse.error(503, "UNAVAILABLE", "The service is briefly unavailable; try again shortly.");
    }
  }

  private ApiResponse route(ApiRequest r) {
    if (r.caller() instanceof Caller.Unknown) {
      throw new ApiException(403, "FORBIDDEN", "This principal is neither a reviewer nor a partner.");
    }
    ApiRoutes.Route route = ApiRoutes.match(r.method(), r.path());
    switch (route.template()) {
      case ApiRoutes.LIST -> {
        return list(r);
      }
      case ApiRoutes.TEMPLATE -> {
        return template();
      }
      case ApiRoutes.UPLOADS -> {
        return uploads.create(r);
      }
      default -> {
        // a submission's route: below
      }
    }
    String part = route.part();
    if (part.equals("/decisions") && !(r.caller() instanceof Caller.Reviewer)) {
      throw new ApiException(403, "FORBIDDEN", "Only reviewers can see or record decisions.");
    }
    if (route.method().equals("POST") && r.body() != null
        && r.body().getBytes(StandardCharsets.UTF_8).length > MAX_BODY_BYTES) {
      throw new ApiException(413, "TOO_LARGE", "The request body is over 64 KB.");
    }
    Submission s = visible(r.caller(), route.submissionId());
    return switch (part) {
      case "" -> ApiResponse.json(200, ApiJson.submission(s, r.caller()));
      case "/findings" -> findings(s, r.caller());
      case "/report" -> report(s, r.caller());
      case "/history" -> history(s, r.caller());
      default -> route.method().equals("POST") ? decide(s, r) : decisions(s);
    };
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
    ListRequest q = ListRequest.parse(r.query(), r.caller());
    Page<Submission> page;
    try {
      page = store.list(q.partnerId(), q.status(), q.limit(), q.nextToken());
    } catch (IllegalArgumentException e) {
      throw ListRequest.invalidToken();
    }
    return ApiResponse.json(200, ApiJson.page(page, r.caller()));
  }

  private static void requireEvaluated(Submission s, Caller caller) {
    if (s.status() == SubmissionStatus.FAILED) {
      throw new ApiException(409, "FAILED", "The evaluation of this submission failed: "
          + ApiJson.failure(s, caller));
    }
    if (!s.status().terminal()) {
      throw new ApiException(409, "NOT_EVALUATED", "The submission is " + s.status() + "; try again shortly.");
    }
  }

  private ApiResponse findings(Submission s, Caller caller) {
    requireEvaluated(s, caller);
    return ApiResponse.json(200, ApiJson.findings(s, store.findings(s.submissionId())));
  }

  private ApiResponse report(Submission s, Caller caller) {
    requireEvaluated(s, caller);
    String bucket = s.source().bucket();
    return ApiResponse.json(200, ApiJson.reportLinks(
        objects.presignGet(bucket, s.evaluation().annotatedKey(), LINK_TTL),
        objects.presignGet(bucket, s.evaluation().reportKey(), LINK_TTL),
        clock.instant().plus(LINK_TTL)));
  }

  private ApiResponse history(Submission s, Caller caller) {
    String documentId = s.source().documentId();
    List<Submission> evaluations = documentId == null ? List.of() : store.history(documentId);
    return ApiResponse.json(200, ApiJson.history(evaluations, executions.events(s.submissionId()), caller));
  }

  private ApiResponse decisions(Submission s) {
    return ApiResponse.json(200, ApiJson.decisions(store.decisions(s.submissionId())));
  }

  private ApiResponse decide(Submission s, ApiRequest r) {
    DecisionRequest asked = DecisionRequest.parse(r.body());
    requireEvaluated(s, r.caller());
    String finding = asked.finding();
    if (asked.action() == Decision.Action.OVERRIDE_FINDING) {
      if (finding == null || finding.isEmpty() || finding.length() > MAX_FINDING_REF_CHARS) {
        throw new ApiException(400, "INVALID_FINDING", "OVERRIDE_FINDING needs the finding, as ruleId@Sheet!A1.");
      }
      List<Finding> findings = store.findings(s.submissionId());
      if (findings.stream().noneMatch(f -> findingRef(f).equals(finding))) {
        throw new ApiException(400, "INVALID_FINDING", "The submission has no finding " + finding
            + "; refer to one as ruleId@Sheet!A1 (or ruleId when it has no cell).");
      }
    } else if (finding != null) {
      throw new ApiException(400, "INVALID_FINDING", "finding is only for OVERRIDE_FINDING.");
    }
    String reviewer = ((Caller.Reviewer) r.caller()).name();
    Decision d = new Decision(UUID.randomUUID().toString(), s.submissionId(), asked.action(), asked.comment(),
        finding, reviewer, clock.instant());
    store.addDecision(d);
    LOG.info("Decision {} on {} by {}", asked.action(), s.submissionId(), reviewer);
    return ApiResponse.json(201, ApiJson.decision(d));
  }

  /**
   * How a decision names a finding: "ruleId@Sheet!A1", or "ruleId" for one without a cell; the sheet
   * as the API shows it ({@link Text#printable}), so a reviewer can name what they were shown.
   */
  public static String findingRef(Finding f) {
    if (f.location() == null || f.location().cell() == null) {
      return f.ruleId();
    }
    return Text.printable(f.ruleId() + "@" + f.location().sheet() + "!" + f.location().cell());
  }

  private ApiResponse template() {
    Instant expires = clock.instant().plus(LINK_TTL);
    return ApiResponse.json(200, ApiJson.templateLink(templates.link(LINK_TTL), expires,
        templates.checklist().version()));
  }
}
