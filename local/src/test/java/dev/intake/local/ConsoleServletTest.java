package dev.intake.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.intake.api.CallerResolver;
import dev.intake.api.ExecutionHistory;
import dev.intake.api.ReviewerApi;
import dev.intake.api.TemplateService;
import dev.intake.api.UploadLinks;
import dev.intake.checklist.Checklist;
import dev.intake.contracts.RepositoryRoot;
import dev.intake.handlers.ApiHandler;
import dev.intake.pipeline.PipelineJson;
import dev.intake.testing.AdjustableClock;
import dev.intake.testing.FakeUploadPresigner;
import dev.intake.testing.InMemoryObjectStore;
import dev.intake.testing.InMemorySubmissionStore;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The console on the local API, at the HTTP level: the sign-in link is exchanged once for an HttpOnly,
 * SameSite=Strict session cookie; a cookie request that changes something needs the session's CSRF
 * header; the bearer token keeps working; every answer carries the security headers; the static
 * files cannot be escaped. (The browser tests in console/ drive the same through Chromium.)
 */
class ConsoleServletTest {

  private static final String TOKEN = "test-token-0123456789abcdef";

  private final LocalTokens tokens = new LocalTokens(TOKEN);
  private final AdjustableClock clock = new AdjustableClock();
  private final ConsoleSessions sessions = new ConsoleSessions(clock);
  private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  private LocalApiServer server;

  @BeforeEach
  void start() throws IOException {
    InMemoryObjectStore objects = new InMemoryObjectStore();
    ApiHandler handler = new ApiHandler(new ReviewerApi(new InMemorySubmissionStore(), objects,
        new TemplateService(objects, "bucket", Checklist.current()), ExecutionHistory.NONE,
        new UploadLinks(new FakeUploadPresigner(), "bucket", clock), clock),
        CallerResolver.of(LocalTokens.REVIEWER_ROLE, LocalTokens.PARTNER_ROLE_PREFIX));
    server = new LocalApiServer(handler, tokens, 0, new LocalApiServer.Console(
        RepositoryRoot.locate().resolve("console/web"), sessions, "http://127.0.0.1:9"));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
    return http.send(b.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(server.endpoint().resolve(path));
  }

  private String reviewerLink() {
    return server.consoleSignIn(sessions.issueLink(tokens.principalFor("Bearer " + TOKEN))).toString();
  }

  /** Signs in with a fresh link; the session cookie as a Cookie header value. */
  private String signIn(String link) throws Exception {
    HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(link)));
    assertThat(r.statusCode()).isEqualTo(303);
    String setCookie = r.headers().firstValue("Set-Cookie").orElseThrow();
    return setCookie.substring(0, setCookie.indexOf(';'));
  }

  private JsonNode session(String cookie) throws Exception {
    HttpResponse<String> r = send(request("/console/session").header("Cookie", cookie));
    assertThat(r.statusCode()).isEqualTo(200);
    return PipelineJson.tree(r.body().getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void signIn_validLink_setsHttpOnlyStrictCookieAndLeavesTheTokenOutOfTheAddress() throws Exception {
    HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(reviewerLink())));

    assertThat(r.statusCode()).isEqualTo(303);
    assertThat(r.headers().firstValue("Location")).contains("/console/");
    assertThat(r.headers().firstValue("Set-Cookie").orElseThrow())
        .startsWith(ConsoleServlet.COOKIE + "=").contains("HttpOnly").contains("SameSite=Strict").contains("Path=/");
    assertThat(r.headers().firstValue("Cache-Control")).contains("no-store");
  }

  @Test
  void signIn_linkUsedTwice_secondRefused() throws Exception {
    String link = reviewerLink();
    signIn(link);

    HttpResponse<String> again = send(HttpRequest.newBuilder(URI.create(link)));

    assertThat(again.statusCode()).isEqualTo(401);
    assertThat(again.headers().firstValue("Set-Cookie")).isEmpty();
    assertThat(again.body()).contains("Sign-in link refused");
  }

  @Test
  void signIn_expiredLink_refused() throws Exception {
    String link = reviewerLink();
    clock.advance(ConsoleSessions.LINK_TTL);

    HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(link)));

    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.headers().firstValue("Set-Cookie")).isEmpty();
  }

  @Test
  void signIn_forgedToken_refused() throws Exception {
    HttpResponse<String> r = send(request("/console/signin?token=" + LocalTokens.newToken() + "AAAAAAAAAA"));

    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.headers().firstValue("Set-Cookie")).isEmpty();
  }

  @Test
  void session_afterSignIn_namesTheRoleAndACsrfToken() throws Exception {
    JsonNode reviewer = session(signIn(reviewerLink()));
    String partnerLink = server.consoleSignIn(sessions.issueLink(
        tokens.principalFor("Bearer " + tokens.partnerToken("acme")))).toString();
    JsonNode partner = session(signIn(partnerLink));

    assertThat(reviewer.path("role").asText()).isEqualTo("reviewer");
    assertThat(reviewer.path("csrfToken").asText()).hasSizeGreaterThan(30);
    assertThat(partner.path("role").asText()).isEqualTo("partner");
    assertThat(partner.path("partnerId").asText()).isEqualTo("acme");
  }

  @Test
  void session_expires_afterItsLifetime() throws Exception {
    String cookie = signIn(reviewerLink());
    clock.advance(ConsoleSessions.SESSION_TTL);

    assertThat(send(request("/console/session").header("Cookie", cookie)).statusCode()).isEqualTo(401);
    assertThat(send(request("/submissions").header("Cookie", cookie)).statusCode()).isEqualTo(401);
  }

  @Test
  void api_sessionCookie_readsWithoutCsrfButChangesOnlyWithIt() throws Exception {
    String cookie = signIn(reviewerLink());
    String csrf = session(cookie).path("csrfToken").asText();
    String decision = "{\"action\":\"ACCEPT\",\"comment\":\"ok\"}";
    String path = "/submissions/sub-aaaaaaaaaaaaaaaaaaaaaaaaaa/decisions";

    HttpResponse<String> read = send(request("/submissions").header("Cookie", cookie));
    HttpResponse<String> noCsrf = send(request(path).header("Cookie", cookie)
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(decision)));
    HttpResponse<String> wrongCsrf = send(request(path).header("Cookie", cookie).header("X-CSRF-Token", "x" + csrf)
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(decision)));
    HttpResponse<String> withCsrf = send(request(path).header("Cookie", cookie).header("X-CSRF-Token", csrf)
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(decision)));

    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(noCsrf.statusCode()).isEqualTo(403);
    assertThat(noCsrf.body()).contains("CSRF");
    assertThat(wrongCsrf.statusCode()).isEqualTo(403);
    // Past the CSRF check, the API itself answers: no such submission.
    assertThat(withCsrf.statusCode()).isEqualTo(404);
  }

  @Test
  void api_bearerToken_stillWorksBesideTheConsole() throws Exception {
    HttpResponse<String> r = send(request("/submissions").header("Authorization", "Bearer " + TOKEN));
    HttpResponse<String> none = send(request("/submissions"));

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(none.statusCode()).isEqualTo(401);
  }

  @Test
  void signOut_endsTheSession() throws Exception {
    String cookie = signIn(reviewerLink());
    String csrf = session(cookie).path("csrfToken").asText();

    HttpResponse<String> withoutCsrf = send(request("/console/signout").header("Cookie", cookie)
        .POST(HttpRequest.BodyPublishers.noBody()));
    HttpResponse<String> out = send(request("/console/signout").header("Cookie", cookie).header("X-CSRF-Token", csrf)
        .POST(HttpRequest.BodyPublishers.noBody()));

    assertThat(withoutCsrf.statusCode()).isEqualTo(403);
    assertThat(out.statusCode()).isEqualTo(204);
    assertThat(send(request("/submissions").header("Cookie", cookie)).statusCode()).isEqualTo(401);
  }

  @Test
  void files_everyAnswer_carriesTheSecurityHeaders() throws Exception {
    HttpResponse<String> index = send(request("/console/"));
    HttpResponse<String> script = send(request("/console/js/main.js"));

    assertThat(index.statusCode()).isEqualTo(200);
    assertThat(index.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
    assertThat(script.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/javascript"));
    for (HttpResponse<String> r : new HttpResponse[] {index, script}) {
      Optional<String> csp = r.headers().firstValue("Content-Security-Policy");
      assertThat(csp).hasValueSatisfying(v -> assertThat(v).contains("default-src 'none'").contains("script-src 'self'")
          .contains("frame-ancestors 'none'").contains("connect-src 'self' http://127.0.0.1:9")
          .doesNotContain("unsafe-inline").doesNotContain("unsafe-eval"));
      assertThat(r.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
      assertThat(r.headers().firstValue("X-Frame-Options")).contains("DENY");
      assertThat(r.headers().firstValue("Referrer-Policy")).contains("no-referrer");
    }
  }

  @Test
  void files_pathOutsideTheWebFolderOrUnknownType_notServed() throws Exception {
    for (String path : new String[] {"/console/../pom.xml", "/console/%2e%2e/%2e%2e/pom.xml",
        "/console/js/../../pom.xml", "/console/..%2f..%2fpom.xml", "/console/nothing.js", "/console/js/"}) {
      HttpResponse<String> r = send(request(path));
      // Jetty normalises some of these to a path outside /console/ (the API then asks for a token).
      assertThat(r.statusCode()).as(path).isIn(400, 401, 404);
      assertThat(r.body()).as(path).doesNotContain("<project");
    }
  }

  @Test
  void links_mintedWithTheReviewerToken_only() throws Exception {
    HttpResponse<String> reviewer = send(request("/console/links").header("Authorization", "Bearer " + TOKEN)
        .POST(HttpRequest.BodyPublishers.ofString("{\"partnerId\":\"acme\"}")));
    HttpResponse<String> partner = send(request("/console/links")
        .header("Authorization", "Bearer " + tokens.partnerToken("acme")).POST(HttpRequest.BodyPublishers.noBody()));
    HttpResponse<String> anonymous = send(request("/console/links").POST(HttpRequest.BodyPublishers.noBody()));

    assertThat(reviewer.statusCode()).isEqualTo(201);
    String link = PipelineJson.tree(reviewer.body().getBytes(StandardCharsets.UTF_8)).path("url").asText();
    assertThat(session(signIn(link)).path("partnerId").asText()).isEqualTo("acme");
    assertThat(partner.statusCode()).isEqualTo(401);
    assertThat(anonymous.statusCode()).isEqualTo(401);
  }

  @Test
  void root_browserWithoutToken_isSentToTheConsole() throws Exception {
    HttpResponse<String> r = send(request("/"));

    assertThat(r.statusCode()).isEqualTo(303);
    assertThat(r.headers().firstValue("Location")).contains("/console/");
  }
}
