package dev.intake.api;

import dev.intake.pipeline.Decision;
import dev.intake.pipeline.ObjectStore;
import dev.intake.pipeline.Page;
import dev.intake.pipeline.ReviewLog;
import dev.intake.pipeline.ReviewService;
import dev.intake.pipeline.StoreUnavailableException;
import dev.intake.pipeline.Submission;
import dev.intake.pipeline.SubmissionStatus;
import dev.intake.pipeline.SubmissionStore;
import dev.intake.report.Comparison;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reviewer API (docs/openapi.yaml), independent of transport: each route reads or writes the
 * store and answers with {@link ApiJson}'s bodies. {@link ApiRoutes} decides which route a request is
 * for, {@link ListRequest} and {@link DecisionRequest} check what it asks, {@link UploadLinks} serves
 * {@code POST /uploads}, {@link ReviewService} records decisions and serves their trail. Client
 * mistakes are 4xx with a JSON code and message, never a 500; a partner sees only its own
 * submissions, and of their decisions only those shared with it.
 */
public final class ReviewerApi {

  private static final Logger LOG = LoggerFactory.getLogger(ReviewerApi.class);

  public static final int MAX_BODY_BYTES = 64 * 1024;
  static final Duration LINK_TTL = Duration.ofMinutes(15);

  private final SubmissionStore store;
  private final ObjectStore objects;
  private final TemplateService templates;
  private final ExecutionHistory executions;
  private final UploadLinks uploads;
  private final ReviewService reviews;
  private final Clock clock;

  public ReviewerApi(SubmissionStore store, ObjectStore objects, TemplateService templates,
      ExecutionHistory executions, UploadLinks uploads, Clock clock) {
    this.store = store;
    this.objects = objects;
    this.templates = templates;
    this.executions = executions;
    this.uploads = uploads;
    this.reviews = new ReviewService(store, clock);
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
    if (!r.repeatedParameters().isEmpty()) {
      throw new ApiException(400, "INVALID_QUERY", "The query gives " + StrictJson.name(r.repeatedParameters().get(0))
          + " more than once; give each parameter once.");
    }
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
    if (part.equals("/decisions") && route.method().equals("POST") && !(r.caller() instanceof Caller.Reviewer)) {
      throw new ApiException(403, "FORBIDDEN", "Only reviewers can record decisions.");
    }
    if (route.method().equals("POST") && r.body() != null
        && r.body().getBytes(StandardCharsets.UTF_8).length > MAX_BODY_BYTES) {
      throw new ApiException(413, "TOO_LARGE", "The request body is over 64 KB.");
    }
    Submission s = visible(r.caller(), route.submissionId());
    return switch (part) {
      case "" -> ApiResponse.json(200, ApiJson.submission(s, r.caller(), today()));
      case "/findings" -> findings(s, r.caller());
      case "/report" -> report(s, r.caller());
      case "/history" -> history(s, r.caller());
      case "/comparison" -> comparison(s);
      default -> route.method().equals("POST") ? decide(s, r) : decisions(s, r.caller());
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
      page = store.list(q.query(today()), q.limit(), q.nextToken());
    } catch (IllegalArgumentException e) {
      throw ListRequest.invalidToken();
    }
    return ApiResponse.json(200, ApiJson.page(page, r.caller(), today()));
  }

  private static void requireEvaluated(Submission s, Caller caller) {
    if (s.status() == SubmissionStatus.FAILED) {
      throw new ApiException(409, "FAILED", "The evaluation of this submission failed: "
          + ApiJson.failure(s, caller));
    }
    requireTerminal(s);
  }

  private static void requireTerminal(Submission s) {
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

  private LocalDate today() {
    return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
  }

  /**
   * What changed since the partner's previous judged submission, as the thread stands now (the link is
   * read at each request, so it is right once the partner's evaluations have all finished, whatever
   * their order). A submission outside the thread (the partner's first, a REJECTED or FAILED one, a
   * stray upload) has nothing to compare: null and empty lists, the same answer for each, so a client
   * needs no special case for a failure.
   */
  private ApiResponse comparison(Submission s) {
    requireTerminal(s);
    String previousId = s.previousSubmissionId();
    Optional<Submission> previous = previousId == null ? Optional.empty() : store.get(previousId);
    Comparison c = previous.map(p -> Comparison.of(p.submissionId(), LocalDate.ofInstant(p.receivedAt(),
        ZoneOffset.UTC), store.findings(p.submissionId()), store.findings(s.submissionId()))).orElse(null);
    return ApiResponse.json(200, ApiJson.comparison(previousId, c));
  }

  /** The trail: every decision for reviewers, the shared ones for the partner whose submission it is. */
  private ApiResponse decisions(Submission s, Caller caller) {
    ReviewService.Trail trail = reviews.trail(s);
    return ApiResponse.json(200, ApiJson.decisions(trail.submission(), trail.decisions(), trail.chain(), caller));
  }

  private ApiResponse decide(Submission s, ApiRequest r) {
    DecisionRequest asked = DecisionRequest.parse(r.body());
    String finding = asked.finding();
    if (asked.action() == Decision.Action.OVERRIDE_FINDING) {
      if (finding == null || ReviewLog.asShown(finding).isEmpty()) {
        throw new ApiException(400, "INVALID_FINDING", "OVERRIDE_FINDING needs the finding, as ruleId@Sheet!A1.");
      }
    } else if (finding != null) {
      throw new ApiException(400, "INVALID_FINDING", "finding is only for OVERRIDE_FINDING.");
    }
    String reviewer = ((Caller.Reviewer) r.caller()).name();
    ReviewService.Outcome outcome = reviews.decide(s, asked.action(), asked.comment(), finding,
        asked.shareWithPartner(), reviewer);
    if (outcome instanceof ReviewService.Outcome.Recorded recorded) {
      return ApiResponse.json(201, ApiJson.recorded(recorded.decision(), recorded.submission(), r.caller()));
    }
    ReviewService.Outcome.Refused refused = (ReviewService.Outcome.Refused) outcome;
    LOG.warn("Refused {} on {} for {}: {}", asked.action(), s.submissionId(), r.caller().describe(),
        refused.reason());
    return switch (refused.reason()) {
      case UNKNOWN_FINDING -> ApiResponse.error(400, "INVALID_FINDING", refused.message());
      case OPEN_BLOCKERS -> ApiResponse.json(409, ApiJson.errorWithFindings("OPEN_BLOCKERS", refused.message(),
          refused.blockers()));
      default -> ApiResponse.error(409, refused.reason().name(), refused.message());
    };
  }

  private ApiResponse template() {
    Instant expires = clock.instant().plus(LINK_TTL);
    return ApiResponse.json(200, ApiJson.templateLink(templates.link(LINK_TTL), expires,
        templates.checklist().version()));
  }
}
