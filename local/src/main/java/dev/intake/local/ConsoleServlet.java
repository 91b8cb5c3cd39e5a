package dev.intake.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.intake.model.PartnerIds;
import dev.intake.pipeline.PipelineJson;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web console on the local API ({@code /console/…}): its static files (from {@code console/web/}),
 * the sign-in link that exchanges a one-time token for a session cookie, the session the console reads
 * its role and CSRF token from, sign-out, and — for the CLI, with the reviewer's bearer token — new
 * sign-in links. Every answer carries the console's security headers (a CSP without
 * {@code unsafe-inline}, no framing, no sniffing, no referrer).
 */
final class ConsoleServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(ConsoleServlet.class);

  static final String PATH = "/console";
  static final String COOKIE = "intake_console";
  static final String CSRF_HEADER = "X-CSRF-Token";

  private static final Map<String, String> TYPES = Map.of(
      "html", "text/html; charset=utf-8",
      "js", "text/javascript; charset=utf-8",
      "css", "text/css; charset=utf-8",
      "svg", "image/svg+xml",
      "png", "image/png",
      "ico", "image/x-icon",
      "json", "application/json",
      "webmanifest", "application/manifest+json");

  private final transient Path webRoot;
  private final transient ConsoleSessions sessions;
  private final transient LocalTokens tokens;
  private final String contentSecurityPolicy;

  /**
   * @param connectSources origins besides this one that the console's scripts may call: the S3
   *     endpoint its presigned uploads go to
   */
  ConsoleServlet(Path webRoot, ConsoleSessions sessions, LocalTokens tokens, String connectSources) {
    this.webRoot = webRoot.toAbsolutePath().normalize();
    this.sessions = sessions;
    this.tokens = tokens;
    this.contentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        + "connect-src 'self'" + (connectSources.isBlank() ? "" : " " + connectSources.strip())
        + "; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; manifest-src 'self'";
  }

  /** The headers every console answer carries; the API's JSON answers carry them too. */
  void secure(HttpServletResponse response) {
    response.setHeader("Content-Security-Policy", contentSecurityPolicy);
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("X-Frame-Options", "DENY");
    response.setHeader("Referrer-Policy", "no-referrer");
    response.setHeader("Cross-Origin-Opener-Policy", "same-origin");
    response.setHeader("Cross-Origin-Resource-Policy", "same-origin");
    response.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=()");
  }

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
    secure(response);
    String path = request.getPathInfo() == null ? "" : request.getPathInfo();
    String method = request.getMethod();
    switch (path) {
      case "" -> {
        response.setStatus(303);
        response.setHeader("Location", PATH + "/");
      }
      case "/signin" -> {
        if (!"GET".equals(method)) {
          notAllowed(response, "GET");
          return;
        }
        signIn(request, response);
      }
      case "/session" -> {
        if (!"GET".equals(method)) {
          notAllowed(response, "GET");
          return;
        }
        session(request, response);
      }
      case "/signout" -> {
        if (!"POST".equals(method)) {
          notAllowed(response, "POST");
          return;
        }
        signOut(request, response);
      }
      case "/links" -> {
        if (!"POST".equals(method)) {
          notAllowed(response, "POST");
          return;
        }
        newLink(request, response);
      }
      case "/config.json" -> {
        ObjectNode config = PipelineJson.mapper().createObjectNode();
        // The console calls the API on its own origin and signs in with this server's links.
        config.put("mode", "local");
        config.put("apiBase", "");
        JsonErrorHandler.send(response, 200, config.toString());
      }
      default -> {
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
          notAllowed(response, "GET");
          return;
        }
        file(path, response, "HEAD".equals(method));
      }
    }
  }

  private void signIn(HttpServletRequest request, HttpServletResponse response) throws IOException {
    Optional<ConsoleSessions.Session> opened = sessions.signIn(request.getParameter("token"));
    response.setHeader("Cache-Control", "no-store");
    if (opened.isEmpty()) {
      LOG.warn("Refused a console sign-in from {}: the link is unknown, used or expired", request.getRemoteAddr());
      boolean signedIn = session(request).isPresent();
      page(response, 401, "Sign-in link refused",
          "This sign-in link is not valid: it was already used, it has expired, or it was never issued.",
          signedIn ? "You are still signed in from before." : "Ask for a new one: ./pipeline token --console "
              + "(add --partner ID for a partner's view).",
          signedIn);
      return;
    }
    ConsoleSessions.Session s = opened.get();
    LOG.info("Console session opened for {}", s.principal());
    response.setHeader("Set-Cookie", COOKIE + "=" + s.id() + "; Path=/; Max-Age="
        + ConsoleSessions.SESSION_TTL.toSeconds() + "; HttpOnly; SameSite=Strict");
    response.setStatus(303);
    // The token leaves the address bar (and history) at once.
    response.setHeader("Location", PATH + "/");
  }

  private void session(HttpServletRequest request, HttpServletResponse response) throws IOException {
    Optional<ConsoleSessions.Session> s = session(request);
    if (s.isEmpty()) {
      JsonErrorHandler.send(response, 401, "UNAUTHORIZED", "Not signed in: open a sign-in link "
          + "(./pipeline token --console prints a new one).");
      return;
    }
    ObjectNode n = PipelineJson.mapper().createObjectNode();
    String principal = s.get().principal();
    String role = principal.substring(principal.indexOf(":assumed-role/") + ":assumed-role/".length(),
        principal.lastIndexOf('/'));
    if (role.startsWith(LocalTokens.PARTNER_ROLE_PREFIX)) {
      n.put("role", "partner");
      n.put("partnerId", role.substring(LocalTokens.PARTNER_ROLE_PREFIX.length()));
    } else {
      n.put("role", "reviewer");
      n.putNull("partnerId");
    }
    n.put("name", principal);
    n.put("csrfToken", s.get().csrfToken());
    n.put("expiresAt", s.get().expiresAt().toString());
    JsonErrorHandler.send(response, 200, n.toString());
  }

  private void signOut(HttpServletRequest request, HttpServletResponse response) throws IOException {
    Optional<ConsoleSessions.Session> s = session(request);
    if (s.isPresent()) {
      if (!LocalApiServer.same(String.valueOf(request.getHeader(CSRF_HEADER)), s.get().csrfToken())) {
        JsonErrorHandler.send(response, 403, "CSRF", "Send the session's X-CSRF-Token header.");
        return;
      }
      sessions.signOut(s.get().id());
    }
    response.setHeader("Set-Cookie", COOKIE + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict");
    response.setStatus(204);
  }

  /** {@code POST /console/links} with the reviewer's bearer token: a new sign-in link, a partner's if asked. */
  private void newLink(HttpServletRequest request, HttpServletResponse response) throws IOException {
    String principal = tokens.principalFor(request.getHeader("Authorization"));
    if (principal == null || !principal.contains(":assumed-role/" + LocalTokens.REVIEWER_ROLE + "/")) {
      response.setHeader("WWW-Authenticate", "Bearer realm=\"competency-intake\"");
      JsonErrorHandler.send(response, 401, "UNAUTHORIZED", "Send the reviewer token: Authorization: Bearer <token>.");
      return;
    }
    byte[] body = request.getInputStream().readNBytes(4096);
    String partnerId = null;
    if (body.length > 0) {
      JsonNode json;
      try {
        json = PipelineJson.tree(body);
      } catch (RuntimeException e) {
        JsonErrorHandler.send(response, 400, "INVALID_BODY", "The body must be {\"partnerId\": \"…\"} or empty.");
        return;
      }
      partnerId = json.path("partnerId").isTextual() ? json.path("partnerId").asText() : null;
      if (partnerId != null && !PartnerIds.isValid(partnerId)) {
        JsonErrorHandler.send(response, 400, "INVALID_PARTNER_ID", "partnerId must be letters, digits, '.', '_' "
            + "or '-'.");
        return;
      }
    }
    String actsAs = partnerId == null ? principal : tokens.principalFor("Bearer " + tokens.partnerToken(partnerId));
    URI base = URI.create(request.getScheme() + "://" + request.getServerName() + ":" + request.getServerPort());
    ObjectNode n = PipelineJson.mapper().createObjectNode();
    n.put("url", signInUrl(base, sessions.issueLink(actsAs)));
    n.put("expiresInSeconds", ConsoleSessions.LINK_TTL.toSeconds());
    JsonErrorHandler.send(response, 201, n.toString());
  }

  static String signInUrl(URI server, String token) {
    return server.toString().replaceAll("/$", "") + PATH + "/signin?token=" + token;
  }

  /** The session the request's cookie names, if it is live. */
  Optional<ConsoleSessions.Session> session(HttpServletRequest request) {
    Cookie[] cookies = request.getCookies();
    if (cookies == null) {
      return Optional.empty();
    }
    for (Cookie c : cookies) {
      if (COOKIE.equals(c.getName())) {
        return sessions.session(c.getValue());
      }
    }
    return Optional.empty();
  }

  private void file(String path, HttpServletResponse response, boolean head) throws IOException {
    String relative = path.equals("/") ? "index.html" : path.substring(1);
    int dot = relative.lastIndexOf('.');
    String type = dot < 0 ? null : TYPES.get(relative.substring(dot + 1).toLowerCase(Locale.ROOT));
    Path file = webRoot.resolve(relative).normalize();
    // Only regular files inside the web folder, by a known type; no listing, no symlink out of it.
    if (type == null || relative.contains("..") || relative.contains("\\") || !file.startsWith(webRoot)
        || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      JsonErrorHandler.send(response, 404, "NOT_FOUND", "No such file.");
      return;
    }
    byte[] bytes = Files.readAllBytes(file);
    response.setStatus(200);
    response.setContentType(type);
    // Always revalidated: a changed file is seen on the next load, and nothing stale is kept offline.
    response.setHeader("Cache-Control", "no-cache");
    response.setContentLength(bytes.length);
    if (!head) {
      try (OutputStream out = response.getOutputStream()) {
        out.write(bytes);
      }
    }
  }

  private static void notAllowed(HttpServletResponse response, String allowed) throws IOException {
    response.setHeader("Allow", allowed);
    JsonErrorHandler.send(response, 405, "METHOD_NOT_ALLOWED", "Use " + allowed + " here.");
  }

  /** A small HTML answer (the refused sign-in), styled by the console's own stylesheet. */
  private static void page(HttpServletResponse response, int status, String title, String text, String hint,
      boolean linkToConsole) throws IOException {
    String html = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        + "<title>" + title + " — Competency intake</title>"
        + "<link rel=\"icon\" href=\"" + PATH + "/favicon.svg\" type=\"image/svg+xml\">"
        + "<link rel=\"stylesheet\" href=\"" + PATH + "/css/console.css\"></head>"
        + "<body><main id=\"main\" class=\"notice\"><h1>" + title + "</h1><p id=\"reason\">" + text + "</p><p>" + hint
        + "</p>" + (linkToConsole ? "<p><a href=\"" + PATH + "/\">Open the console</a></p>" : "")
        + "</main></body></html>";
    byte[] bytes = html.getBytes(StandardCharsets.UTF_8);
    response.setStatus(status);
    response.setContentType("text/html; charset=utf-8");
    response.setContentLength(bytes.length);
    try (OutputStream out = response.getOutputStream()) {
      out.write(bytes);
    }
  }
}
