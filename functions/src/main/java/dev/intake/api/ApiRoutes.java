package dev.intake.api;

import dev.intake.pipeline.SubmissionIds;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Which of the API's routes a request is for; anything else is refused before it is dispatched. */
final class ApiRoutes {

  /**
   * Every route, as "METHOD path" with {id}. The router serves these and nothing else, and a test
   * checks the OpenAPI document against this list, so the document, the list and what is served
   * cannot drift apart.
   */
  static final List<String> ROUTES = List.of(
      "GET /submissions",
      "GET /submissions/{id}",
      "GET /submissions/{id}/findings",
      "GET /submissions/{id}/report",
      "GET /submissions/{id}/history",
      "GET /submissions/{id}/comparison",
      "GET /submissions/{id}/decisions",
      "POST /submissions/{id}/decisions",
      "GET /template",
      "POST /uploads");

  static final String LIST = "/submissions";
  static final String TEMPLATE = "/template";
  static final String UPLOADS = "/uploads";
  static final String SUBMISSION = "/submissions/{id}";

  private static final Pattern SUBMISSION_PATH = Pattern.compile("^/submissions/([^/]+)(/[a-z]+)?/?$");

  private ApiRoutes() {
  }

  /**
   * A request matched to one of {@link #ROUTES}.
   *
   * @param method upper case
   * @param template the route's path, as {@link #ROUTES} writes it
   * @param submissionId the {id} of the path, a well-formed submission id; null on routes without one
   */
  record Route(String method, String template, String submissionId) {

    /** What follows {@code /submissions/{id}}: "" for the submission itself, else e.g. "/findings". */
    String part() {
      return template.startsWith(SUBMISSION) ? template.substring(SUBMISSION.length()) : "";
    }
  }

  /**
   * The route of a request: 404 for a path no route has, 405 for a method its route does not take,
   * 400 for a submission id of the wrong form.
   */
  static Route match(String method, String path) {
    String p = path == null ? "" : path;
    String m = method == null ? "" : method.toUpperCase(Locale.ROOT);
    if (p.equals(LIST) || p.equals(LIST + "/")) {
      require(m, LIST);
      return new Route(m, LIST, null);
    }
    if (p.equals(TEMPLATE)) {
      require(m, TEMPLATE);
      return new Route(m, TEMPLATE, null);
    }
    if (p.equals(UPLOADS)) {
      require(m, UPLOADS);
      return new Route(m, UPLOADS, null);
    }
    Matcher matcher = SUBMISSION_PATH.matcher(p);
    if (!matcher.matches()) {
      throw new ApiException(404, "NOT_FOUND", "No such route: " + p);
    }
    String template = SUBMISSION + (matcher.group(2) == null ? "" : matcher.group(2));
    require(m, template);
    String id = matcher.group(1);
    if (!SubmissionIds.isSubmissionId(id)) {
      throw new ApiException(400, "INVALID_ID", "Submission ids look like sub- followed by 26 letters and digits.");
    }
    return new Route(m, template, id);
  }

  /** Refuses what {@link #ROUTES} does not list: 404 for an unknown path, 405 for another method. */
  private static void require(String method, String template) {
    if (ROUTES.contains(method + " " + template)) {
      return;
    }
    List<String> allowed = ROUTES.stream().filter(route -> route.endsWith(" " + template))
        .map(route -> route.substring(0, route.indexOf(' '))).toList();
    if (allowed.isEmpty()) {
      throw new ApiException(404, "NOT_FOUND", "No such route: " + template);
    }
    throw new ApiException(405, "METHOD_NOT_ALLOWED", "Use " + String.join(" or ", allowed) + " here.", allowed);
  }
}
