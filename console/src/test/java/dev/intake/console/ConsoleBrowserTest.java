package dev.intake.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.intake.contracts.RepositoryRoot;
import dev.intake.local.ConsoleSessions;
import dev.intake.local.LocalApiClient;
import dev.intake.local.LocalRuntime;
import dev.intake.local.LocalTokens;
import dev.intake.local.UploadTracker;
import dev.intake.pipeline.AsOfPolicy;
import dev.intake.pipeline.PipelineJson;
import dev.intake.testing.AdjustableClock;
import dev.intake.testing.SampleWorkbooks;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * The console in a real browser (Debian's Chromium, headless) against the whole local pipeline with
 * the eight sample workbooks uploaded and evaluated, as a new user after {@code ./pipeline demo}
 * would meet it: the sign-in link from runtime.json, the queue, each submission, a decision, a
 * partner's view and upload, refused sign-ins — and no error in the browser's console on the way.
 * One runtime and one browser for the class: starting them is most of its time.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserTest {

  @TempDir
  static Path data;

  private final AdjustableClock clock = new AdjustableClock();
  private LocalRuntime runtime;
  private LocalApiClient api;
  private Browser browser;
  private JsonNode manifest;
  /** Each sample's submission as the API lists it, by file name. */
  private final Map<String, JsonNode> samples = new TreeMap<>();
  /** Console messages a test expects (an API refusal the page shows is logged by Chromium as an error). */
  private Predicate<LogEntry> expectedLog = e -> false;

  @BeforeAll
  void startPipelineUploadSamplesAndOpenBrowser() throws Exception {
    Browser.requireInstalled();
    Path folder = SampleWorkbooks.folder();
    manifest = PipelineJson.tree(Files.readAllBytes(folder.resolve("manifest.json")));
    LocalRuntime.Options defaults = LocalRuntime.Options.defaults(data, line -> { });
    runtime = LocalRuntime.start(new LocalRuntime.Options(data, 0, 0, defaults.token(),
        AsOfPolicy.fixed(LocalDate.parse(manifest.path("asOf").asText())), clock, line -> { },
        Duration.ofMillis(500), null, 4));
    api = new LocalApiClient(runtime.apiEndpoint(), runtime.token());
    UploadTracker tracker = new UploadTracker(api, clock);
    for (JsonNode sample : manifest.path("samples")) {
      String file = sample.path("fileName").asText();
      String partner = sample.path("partnerId").asText();
      runtime.s3().putObject(PutObjectRequest.builder().bucket(LocalRuntime.BUCKET)
          .key("incoming/" + partner + "/" + file).build(), RequestBody.fromFile(folder.resolve(file)));
      tracker.uploaded(partner, file, clock.instant());
    }
    for (UploadTracker.Outcome o : tracker.await(Duration.ofMinutes(2), Duration.ofMillis(200), done -> { })) {
      samples.put(o.upload().fileName(), o.submission());
    }
    browser = new Browser();
  }

  @AfterAll
  void stop() {
    if (browser != null) {
      browser.close();
    }
    if (runtime != null) {
      runtime.close();
    }
  }

  @BeforeEach
  void freshBrowserSession() {
    browser.size(1280, 900);
    // Cookies can be cleared only on a page of their origin: park on a file of the console.
    browser.open(runtime.apiEndpoint() + "/console/favicon.svg");
    browser.signOutEverywhere();
    browser.consoleLog();
    expectedLog = e -> false;
  }

  @AfterEach
  void noJavaScriptErrors() {
    List<LogEntry> errors = browser.consoleLog().stream()
        .filter(e -> e.getLevel().intValue() >= java.util.logging.Level.WARNING.intValue())
        .filter(e -> !expectedLog.test(e))
        .toList();
    assertThat(errors).as("errors in the browser's console").isEmpty();
  }

  private void signInAsReviewer() {
    browser.open(runtime.consoleLink(null).toString());
    browser.waitFor(By.cssSelector("#queue-rows tr[data-id]"));
  }

  private void signInAsPartner(String partnerId) {
    browser.open(runtime.consoleLink(partnerId).toString());
    browser.waitFor(By.id("queue"));
  }

  private List<WebElement> queueRows(int atLeast) {
    return browser.waitForAll(By.cssSelector("#queue-rows tr[data-id]"), rows -> rows.size() >= atLeast);
  }

  private String expectedStatus(String file) {
    for (JsonNode s : manifest.path("samples")) {
      if (s.path("fileName").asText().equals(file)) {
        return s.path("expectedStatus").asText();
      }
    }
    throw new IllegalArgumentException(file);
  }

  private static Path screenshotsTo() {
    String to = System.getProperty("console.screenshots");
    return to == null || to.isBlank() ? null : RepositoryRoot.locate().resolve(to);
  }

  /**
   * What Chromium itself logs, at SEVERE, for an answer with this status: a refusal the page expects
   * and shows (a 409 naming the blockers, a 404 for another partner's submission, a 401 for a refused
   * sign-in link) — a network entry, not a script error.
   */
  private static Predicate<LogEntry> refusalLogged(int... statuses) {
    return e -> java.util.Arrays.stream(statuses)
        .anyMatch(status -> e.getMessage().contains("the server responded with a status of " + status + " "));
  }

  private void uploadAndAwait(String partner, String key, Path workbook) throws Exception {
    runtime.s3().putObject(PutObjectRequest.builder().bucket(LocalRuntime.BUCKET)
        .key("incoming/" + partner + "/" + key).build(), RequestBody.fromFile(workbook));
    UploadTracker tracker = new UploadTracker(api, clock);
    tracker.uploaded(partner, key, clock.instant());
    tracker.await(Duration.ofMinutes(1), Duration.ofMillis(200), done -> { });
  }

  private String submissionOf(String partner, String file) {
    return api.submissions(partner).stream().filter(s -> file.equals(s.path("fileName").asText()))
        .map(s -> s.path("submissionId").asText()).findFirst().orElseThrow();
  }

  @Test
  @Order(1) // the link in runtime.json is the one issued at start: used before any test moves the clock
  void reviewer_signInLinkFromRuntimeJson_queueShowsEverySampleWithItsStatus() throws Exception {
    // What `./pipeline demo` writes and prints: a new user opens it.
    JsonNode runtimeJson = LocalRuntime.runtimeJson(data);
    browser.open(runtimeJson.path("console").asText());

    List<WebElement> rows = queueRows(samples.size());
    Map<String, String> shown = new LinkedHashMap<>();
    for (WebElement row : rows) {
      shown.put(row.findElement(By.cssSelector("a.file")).getText(),
          row.findElement(By.cssSelector("[data-status]")).getAttribute("data-status"));
    }
    Map<String, String> expected = samples.keySet().stream()
        .collect(Collectors.toMap(f -> f, this::expectedStatus, (a, b) -> a, LinkedHashMap::new));
    assertThat(shown).containsExactlyInAnyOrderEntriesOf(expected);
    assertThat(browser.driver().getCurrentUrl()).doesNotContain("token=");
    assertThat(browser.waitFor(By.id("role")).getText()).isEqualTo("Reviewer");
    // Newest first, as the API lists them.
    List<String> ids = rows.stream().map(r -> r.getAttribute("data-id")).toList();
    List<String> listed = api.submissions(null).stream().map(s -> s.path("submissionId").asText()).toList();
    assertThat(ids).isEqualTo(listed);
    browser.screenshot("console-queue", screenshotsTo());
  }

  @Test
  void reviewer_queueInPagesOfThree_loadMoreFollowsNextTokenToTheEnd() {
    signInAsReviewer();
    browser.open(runtime.apiEndpoint() + "/console/#/?limit=3");
    int total = api.submissions(null).size();

    List<WebElement> rows = queueRows(3);
    assertThat(rows).hasSize(3);
    for (int shown = 3; shown < total; shown = Math.min(shown + 3, total)) {
      browser.waitFor(By.id("load-more")).click();
      int expected = Math.min(shown + 3, total);
      rows = queueRows(expected);
      assertThat(rows).hasSize(expected);
    }

    assertThat(browser.driver().findElement(By.id("load-more")).isDisplayed()).isFalse();
    List<String> ids = rows.stream().map(r -> r.getAttribute("data-id")).toList();
    assertThat(ids).doesNotHaveDuplicates()
        .isEqualTo(api.submissions(null).stream().map(s -> s.path("submissionId").asText()).toList());
  }

  @Test
  void reviewer_everySample_opensWithItsFindingsOrItsReason() {
    signInAsReviewer();
    for (String file : samples.keySet()) {
      browser.open(runtime.apiEndpoint() + "/console/#/");
      queueRows(samples.size());
      String id = samples.get(file).path("submissionId").asText();
      browser.driver().findElement(By.cssSelector("a.file[data-id='" + id + "']")).click();

      browser.waitUntil(d -> file.equals(d.findElement(By.id("submission-title")).getText()));
      int count = api.get("/submissions/" + id + "/findings").json().path("findings").size();
      browser.waitFor(By.id("findings-title"));
      assertThat(browser.driver().findElements(By.cssSelector("#findings li.finding"))).as(file).hasSize(count);
      // The verdict as evaluated; shown is the status once overrides count (another test may override).
      WebElement status = browser.driver().findElement(By.id("fact-status"));
      assertThat(status.getAttribute("data-evaluated")).as(file).isEqualTo(expectedStatus(file));
      JsonNode now = api.get("/submissions/" + id).json();
      assertThat(status.getAttribute("data-status")).as(file).isEqualTo(now.path("effectiveStatus").asText());
    }
  }

  @Test
  void reviewer_submissionPage_findingsGroupedByChecklistItemWithCellQuoteMessageAndFix() {
    signInAsReviewer();
    JsonNode sub = samples.get("case-study-age.xlsx");
    String id = sub.path("submissionId").asText();
    browser.waitFor(By.linkText("case-study-age.xlsx")).click();
    browser.waitFor(By.cssSelector("#findings li.finding"));

    JsonNode report = api.get("/submissions/" + id + "/findings").json();
    assertThat(report.path("findings").size()).isGreaterThan(1);
    for (JsonNode f : report.path("findings")) {
      String cell = f.path("location").path("sheet").asText() + "!" + f.path("location").path("cell").asText();
      String ref = f.path("ruleId").asText() + "@" + cell;
      WebElement group = browser.driver().findElement(By.cssSelector(".group[data-ref='"
          + f.path("checklistRef").asText() + "']"));
      WebElement item = group.findElement(By.cssSelector("li.finding[data-ref='" + ref + "']"));
      assertThat(item.findElement(By.cssSelector(".cell")).getText()).isEqualTo(cell);
      assertThat(item.findElement(By.cssSelector(".message")).getText()).isEqualTo(f.path("message").asText());
      assertThat(item.findElement(By.cssSelector(".fix")).getText())
          .isEqualTo("Fix: " + f.path("remediation").asText());
      assertThat(group.findElements(By.cssSelector("blockquote.quote p")).stream().map(WebElement::getText))
          .as("the checklist's own words").contains(f.path("quote").path("text").asText());
    }
  }

  @Test
  void reviewer_recordsDecision_itIsListedAndTheReviewStateChanges() {
    signInAsReviewer();
    browser.waitFor(By.linkText("tier-and-path.xlsx")).click();
    browser.waitFor(By.id("decision-form"));
    String comment = "Tier and path stage do not qualify yet; see cells B5 and B6.";

    browser.driver().findElement(By.id("action-REQUEST_CHANGES")).click();
    browser.driver().findElement(By.id("decision-comment")).sendKeys(comment);
    browser.driver().findElement(By.id("decision-submit")).click();

    browser.waitFor(By.id("decision-ok"));
    WebElement decision = browser.waitFor(By.cssSelector("#thread li[data-action=REQUEST_CHANGES]"));
    assertThat(decision.findElement(By.cssSelector(".comment")).getText()).isEqualTo(comment);
    String id = samples.get("tier-and-path.xlsx").path("submissionId").asText();
    assertThat(api.get("/submissions/" + id + "/decisions").json().path("items").findValuesAsText("comment"))
        .contains(comment);
    assertThat(reviewState()).isEqualTo("CHANGES_REQUESTED");
    assertThat(api.get("/submissions/" + id).json().path("review").path("state").asText())
        .isEqualTo("CHANGES_REQUESTED");
  }

  @Test
  void reviewer_acceptWithOpenBlockers_isRefusedNamingThem_overridesThenAcceptReachAccepted() {
    signInAsReviewer();
    String id = samples.get("duplicate-customers.xlsx").path("submissionId").asText();
    browser.open(runtime.apiEndpoint() + "/console/#/submissions/" + id);
    browser.waitFor(By.id("decision-form"));
    List<String> blockers = new ArrayList<>();
    api.get("/submissions/" + id + "/findings").json().path("findings").forEach(f -> {
      if ("BLOCKER".equals(f.path("severity").asText())) {
        blockers.add(f.path("ruleId").asText() + (f.path("location").path("cell").isTextual()
            ? "@" + f.path("location").path("sheet").asText() + "!" + f.path("location").path("cell").asText() : ""));
      }
    });
    assertThat(blockers).hasSizeGreaterThan(1);

    decide("START_REVIEW", "Looking at the customers now.");
    assertThat(reviewState()).isEqualTo("IN_REVIEW");

    // Accept while blockers are open: 409 OPEN_BLOCKERS, and the page names each of them.
    expectedLog = refusalLogged(409);
    browser.driver().findElement(By.id("action-ACCEPT")).click();
    browser.driver().findElement(By.id("decision-comment")).sendKeys("Looks fine to me.");
    browser.driver().findElement(By.id("decision-submit")).click();
    WebElement refusal = browser.waitFor(By.cssSelector("#decision-result #open-blockers[role=alert]"));
    assertThat(refusal.findElements(By.cssSelector(".error-items li")))
        .extracting(li -> li.getAttribute("data-ref")).containsExactlyInAnyOrderElementsOf(blockers);
    JsonNode refused = api.post("/submissions/" + id + "/decisions",
        "{\"action\":\"ACCEPT\",\"comment\":\"as the page\"}").json();
    assertThat(refusal.findElement(By.cssSelector(".error-message")).getText())
        .isEqualTo(refused.path("message").asText());
    assertThat(reviewState()).isEqualTo("IN_REVIEW");

    // The first blocker overridden from the refusal itself, the others from their findings' buttons;
    // then no blocker is open and the verdict counts as READY.
    for (int i = 0; i < blockers.size(); i++) {
      String ref = blockers.get(i);
      By button = i == 0 ? By.cssSelector("#open-blockers li[data-ref='" + ref + "'] button.override")
          : By.cssSelector("li.finding[data-ref='" + ref + "'] button.override");
      browser.waitFor(button).click();
      assertThat(browser.driver().findElement(By.id("action-OVERRIDE_FINDING")).isSelected()).isTrue();
      assertThat(browser.driver().findElement(By.id("decision-finding")).getAttribute("value")).isEqualTo(ref);
      WebElement comment = browser.driver().switchTo().activeElement();
      assertThat(comment.getAttribute("id")).isEqualTo("decision-comment");
      comment.clear();
      comment.sendKeys("Confirmed separate legal entities: " + ref);
      browser.driver().findElement(By.id("decision-submit")).click();
      browser.waitFor(By.cssSelector("li.finding.overridden[data-ref='" + ref + "']"));
    }
    assertThat(browser.waitFor(By.id("fact-status")).getAttribute("data-status")).isEqualTo("READY");
    assertThat(browser.driver().findElement(By.id("fact-status")).getAttribute("data-evaluated"))
        .isEqualTo("ACTION_REQUIRED");

    decide("ACCEPT", "Every blocker answered; accepted.");
    assertThat(reviewState()).isEqualTo("ACCEPTED");
    JsonNode trail = api.get("/submissions/" + id + "/decisions").json();
    assertThat(trail.path("review").path("state").asText()).isEqualTo("ACCEPTED");
    assertThat(trail.path("items").findValuesAsText("action"))
        .containsExactly(java.util.stream.Stream.of(List.of("START_REVIEW"),
            java.util.Collections.nCopies(blockers.size(), "OVERRIDE_FINDING"), List.of("ACCEPT"))
            .flatMap(List::stream).toArray(String[]::new));
    assertThat(browser.driver().findElements(By.cssSelector("#thread li.decision"))).hasSize(blockers.size() + 2);
    assertThat(browser.driver().findElement(By.id("chain")).getText()).startsWith("Audit trail intact");
  }

  @Test
  void reviewer_pageReadBeforeAnotherReviewerMoved_refusalSaysWho_readingAgainKeepsTheComment() {
    signInAsReviewer();
    String id = samples.get("public-urls.xlsx").path("submissionId").asText();
    browser.open(runtime.apiEndpoint() + "/console/#/submissions/" + id);
    browser.waitFor(By.id("decision-form"));
    assertThat(reviewState()).isEqualTo("NEW");
    // Another reviewer starts the review while this page still shows it NEW.
    assertThat(api.post("/submissions/" + id + "/decisions",
        "{\"action\":\"START_REVIEW\",\"comment\":\"Mine: I know this partner.\"}").status()).isEqualTo(201);

    expectedLog = refusalLogged(409);
    String comment = "Starting on the public URLs.";
    browser.driver().findElement(By.id("action-START_REVIEW")).click();
    browser.driver().findElement(By.id("decision-comment")).sendKeys(comment);
    browser.driver().findElement(By.id("decision-submit")).click();

    WebElement refusal = browser.waitFor(By.cssSelector("#decision-result [role=alert]"));
    assertThat(refusal.getText()).contains("INVALID_TRANSITION").contains("already IN_REVIEW");
    browser.driver().findElement(By.id("reload-decisions")).click();
    browser.waitUntil(d -> "IN_REVIEW".equals(reviewState()));
    assertThat(browser.waitFor(By.cssSelector("#thread li[data-action=START_REVIEW] .comment")).getText())
        .isEqualTo("Mine: I know this partner.");
    assertThat(browser.driver().findElement(By.id("decision-comment")).getAttribute("value")).isEqualTo(comment);
    assertThat(api.get("/submissions/" + id + "/decisions").json().path("items")).hasSize(1);
  }

  @Test
  void partner_seesTheCommentsSharedWithIt_andNoOther() {
    String id = samples.get("case-study-age.xlsx").path("submissionId").asText();
    String unshared = "Internal note: check the go-live dates with the PSA.";
    String shared = "Case study 1 is older than 18 months and case study 2 is not live yet; please replace them.";
    assertThat(api.post("/submissions/" + id + "/decisions", "{\"action\":\"START_REVIEW\",\"comment\":\""
        + unshared + "\"}").status()).isEqualTo(201);
    assertThat(api.post("/submissions/" + id + "/decisions", "{\"action\":\"REQUEST_CHANGES\",\"comment\":\""
        + shared + "\",\"shareWithPartner\":true}").status()).isEqualTo(201);

    signInAsPartner("P-1004");
    browser.waitFor(By.linkText("case-study-age.xlsx")).click();

    WebElement thread = browser.waitFor(By.id("thread"));
    assertThat(thread.findElements(By.cssSelector("li.decision .comment"))).extracting(WebElement::getText)
        .containsExactly(shared);
    assertThat(browser.driver().getPageSource()).doesNotContain(unshared).doesNotContain("local-reviewer");
    assertThat(browser.waitFor(By.id("decisions-title")).getText()).isEqualTo("Comments from the reviewers");
    assertThat(reviewState()).isEqualTo("CHANGES_REQUESTED");
    assertThat(browser.driver().findElements(By.id("decision-form"))).isEmpty();
  }

  private void decide(String action, String comment) {
    browser.driver().findElement(By.id("action-" + action)).click();
    WebElement text = browser.driver().findElement(By.id("decision-comment"));
    text.clear();
    text.sendKeys(comment);
    int before = browser.driver().findElements(By.cssSelector("#thread li.decision")).size();
    browser.driver().findElement(By.id("decision-submit")).click();
    // The page reads the trail again once recorded: one decision more, and the form says so.
    browser.waitUntil(d -> d.findElements(By.cssSelector("#thread li.decision")).size() == before + 1
        && !d.findElements(By.id("decision-ok")).isEmpty());
  }

  /** The review state the page shows; read in one script, as the page may be re-rendering meanwhile. */
  private String reviewState() {
    browser.waitFor(By.id("fact-review"));
    return (String) browser.script("return document.getElementById('fact-review').dataset.review || null;");
  }

  @Test
  void reviewer_decisionWithoutComment_notSentAndSaysWhy() {
    signInAsReviewer();
    browser.waitFor(By.linkText("ready.xlsx")).click();
    browser.waitFor(By.id("decision-form"));

    browser.driver().findElement(By.id("decision-submit")).click();

    assertThat(browser.waitFor(By.cssSelector("#decision-result [role=alert]")).getText()).contains("comment");
    String id = samples.get("ready.xlsx").path("submissionId").asText();
    assertThat(api.get("/submissions/" + id + "/decisions").json().path("items")).isEmpty();
  }

  @Test
  void partner_seesOnlyItsOwnSubmissions_andCannotOpenAnothersByUrl() {
    signInAsPartner("P-1004");

    List<WebElement> rows = queueRows(1);
    assertThat(rows).extracting(r -> r.findElement(By.cssSelector("a.file")).getText())
        .containsExactly("case-study-age.xlsx");
    assertThat(browser.driver().findElement(By.id("role")).getText()).isEqualTo("Partner P-1004");
    assertThat(browser.driver().findElements(By.id("filter-partner"))).isEmpty();

    // Its own opens, without the reviewers' decision form.
    rows.get(0).findElement(By.cssSelector("a.file")).click();
    browser.waitFor(By.cssSelector("#findings li.finding"));
    assertThat(browser.driver().findElements(By.id("decision-form"))).isEmpty();

    // Another partner's, by its address: the API answers 404, the page shows nothing of it.
    expectedLog = refusalLogged(404);
    JsonNode other = samples.get("tier-and-path.xlsx");
    browser.open(runtime.apiEndpoint() + "/console/#/submissions/" + other.path("submissionId").asText());
    assertThat(browser.waitFor(By.id("not-found")).getText()).contains("No such submission");
    assertThat(browser.driver().findElements(By.id("findings"))).isEmpty();
    assertThat(browser.driver().getPageSource()).doesNotContain("tier-and-path.xlsx")
        .doesNotContain(other.path("partnerName").asText());
    Object status = browser.asyncScript("const done = arguments[arguments.length - 1];"
        + "fetch('/submissions/' + arguments[0] + '/findings').then(r => done(r.status));",
        other.path("submissionId").asText());
    assertThat(status).isEqualTo(404L);
  }

  @Test
  void partner_uploadsThroughPresignedPut_andSeesTheVerdict() {
    signInAsPartner("P-3001");
    assertThat(browser.waitFor(By.cssSelector("#queue-rows td.empty")).getText()).contains("Nothing uploaded yet");

    Path workbook = SampleWorkbooks.folder().resolve("ready.xlsx").toAbsolutePath();
    browser.driver().findElement(By.id("upload-file")).sendKeys(workbook.toString());
    browser.driver().findElement(By.id("upload-button")).click();

    assertThat(browser.waitFor(By.id("upload-done")).getText()).contains("ready.xlsx");
    browser.waitUntil(d -> d.findElements(By.cssSelector("#queue-rows [data-status=READY]")).size() == 1);
    List<JsonNode> own = api.submissions("P-3001");
    assertThat(own).hasSize(1);
    assertThat(own.get(0).path("status").asText()).isEqualTo("READY");
  }

  @Test
  void signIn_forgedLink_refusedAndNothingShown() {
    expectedLog = refusalLogged(401);
    browser.open(runtime.apiEndpoint() + "/console/signin?token=" + LocalTokens.newToken() + LocalTokens.newToken());

    assertThat(browser.waitFor(By.tagName("h1")).getText()).isEqualTo("Sign-in link refused");
    browser.open(runtime.apiEndpoint() + "/console/");
    assertThat(browser.waitFor(By.id("signed-out")).getText()).contains("Not signed in");
    assertThat(browser.driver().findElements(By.id("queue"))).isEmpty();
  }

  @Test
  void signIn_linkUsedOnceAlready_refused() {
    URI link = runtime.consoleLink(null);
    browser.open(link.toString());
    queueRows(1);
    browser.signOutEverywhere();
    expectedLog = refusalLogged(401);

    browser.open(link.toString());

    assertThat(browser.waitFor(By.tagName("h1")).getText()).isEqualTo("Sign-in link refused");
    browser.open(runtime.apiEndpoint() + "/console/");
    assertThat(browser.waitFor(By.id("signed-out")).getText()).contains("Not signed in");
  }

  @Test
  @Order(Integer.MAX_VALUE - 2) // a partner's second upload supersedes its first
  void reviewer_partnersNextUpload_showsWhatChangedSinceThePreviousOne_andTheThreadBothWays() throws Exception {
    // The review-loop pair (README): the second, under another name, fixes three blockers, keeps one
    // (a row was inserted above it) and adds one.
    Path pair = RepositoryRoot.locate().resolve("test-events/workbooks/review-loop");
    uploadAndAwait("P-2001", "self-assessment.xlsx", pair.resolve("self-assessment.xlsx"));
    uploadAndAwait("P-2001", "self-assessment-v2 (fixed).xlsx", pair.resolve("self-assessment-v2 (fixed).xlsx"));
    String first = submissionOf("P-2001", "self-assessment.xlsx");
    String second = submissionOf("P-2001", "self-assessment-v2 (fixed).xlsx");
    JsonNode comparison = api.get("/submissions/" + second + "/comparison").json();
    assertThat(comparison.path("previousSubmissionId").asText()).isEqualTo(first);
    assertThat(comparison.path("fixed").size()).isPositive();
    assertThat(comparison.path("introduced").size()).isPositive();
    assertThat(comparison.path("unchanged").size()).isPositive();

    signInAsReviewer();
    browser.open(runtime.apiEndpoint() + "/console/#/submissions/" + second);

    // The header: which upload it follows, by name, and the comparison's own line.
    assertThat(browser.waitFor(By.id("follows-link")).getAttribute("data-id")).isEqualTo(first);
    assertThat(browser.driver().findElement(By.id("follows-link")).getText()).startsWith("self-assessment.xlsx");
    assertThat(browser.driver().findElement(By.id("follows-line")).getText())
        .isEqualTo(comparison.path("line").asText());
    // The panel: fixed, new and still open, each with the subjects the API names.
    for (String[] part : new String[][] {{"fixed", "Fixed"}, {"introduced", "New"}, {"unchanged", "Still open"}}) {
      WebElement list = browser.waitFor(By.id("changes-" + part[0]));
      assertThat(list.findElement(By.tagName("summary")).getText())
          .isEqualTo(part[1] + " (" + comparison.path(part[0]).size() + ")");
      assertThat(list.findElements(By.cssSelector("li .subject"))).extracting(WebElement::getText)
          .containsExactlyElementsOf(comparison.path(part[0]).findValuesAsText("subject"));
    }
    // Each finding of this upload says whether it is new or was there before.
    assertThat(browser.driver().findElements(By.cssSelector("li.finding[data-change=new]")))
        .hasSize(comparison.path("introduced").size());
    assertThat(browser.driver().findElements(By.cssSelector("li.finding[data-change=unchanged]")))
        .hasSize(comparison.path("unchanged").size());
    browser.size(1280, 1500);
    browser.screenshot("console-submission", screenshotsTo());
    browser.size(1280, 900);

    // And back: the first says it is superseded, linking the second.
    browser.driver().findElement(By.id("previous-link")).click();
    browser.waitUntil(d -> "self-assessment.xlsx".equals(d.findElement(By.id("submission-title")).getText()));
    assertThat(browser.waitFor(By.id("superseded")).getText()).contains("supersedes");
    assertThat(browser.driver().findElement(By.id("superseded-link")).getAttribute("data-id")).isEqualTo(second);
    assertThat(browser.driver().findElement(By.id("no-previous")).getText()).contains("first evaluated submission");

    // In the queue: the first marked superseded, the second a resubmission.
    browser.open(runtime.apiEndpoint() + "/console/#/?partnerId=P-2001");
    List<WebElement> rows = queueRows(2);
    assertThat(rows).extracting(r -> r.getAttribute("data-id") + " " + r.findElement(By.cssSelector(".tag")).getText())
        .containsExactly(second + " resubmission", first + " superseded by a later upload");
  }

  @Test
  @Order(Integer.MAX_VALUE - 1) // moves the runtime's clock past every reply date
  void reviewer_queueViews_reviewStateOldestFirstAndOverdue_asTheApiListsThem() {
    signInAsReviewer();
    // "To review": NEW, oldest first — the office's queue in the order to work it.
    browser.waitFor(By.linkText("To review")).click();
    browser.waitUntil(d -> d.getCurrentUrl().endsWith("#/?review=NEW&sort=oldest"));
    List<String> expected = api.get("/submissions?review=NEW&sort=oldest&limit=50").json().path("items")
        .findValuesAsText("submissionId");
    assertThat(expected).isNotEmpty();
    List<WebElement> rows = queueRows(expected.size());
    assertThat(rows).extracting(r -> r.getAttribute("data-id")).isEqualTo(expected);
    assertThat(rows).allSatisfy(r -> assertThat(r.findElement(By.cssSelector("[data-review]"))
        .getAttribute("data-review")).isEqualTo("NEW"));
    assertThat(browser.driver().findElement(By.id("filter-review")).getAttribute("value")).isEqualTo("NEW");
    assertThat(browser.driver().findElement(By.id("filter-sort")).getAttribute("value")).isEqualTo("oldest");
    assertThat(browser.waitFor(By.linkText("To review")).getAttribute("aria-current")).isEqualTo("page");

    // A review state from the form: the ones other tests moved on.
    new org.openqa.selenium.support.ui.Select(browser.driver().findElement(By.id("filter-review")))
        .selectByValue("CHANGES_REQUESTED");
    browser.waitUntil(d -> d.getCurrentUrl().contains("review=CHANGES_REQUESTED"));
    List<String> changes = api.get("/submissions?review=CHANGES_REQUESTED&sort=oldest&limit=50").json().path("items")
        .findValuesAsText("submissionId");
    assertThat(changes).isNotEmpty();
    browser.waitUntil(d -> d.findElements(By.cssSelector("#queue-rows tr[data-id]")).stream()
        .map(r -> r.getAttribute("data-id")).toList().equals(changes));

    // Ten days on, every unanswered one is overdue and says so.
    clock.advance(Duration.ofDays(10));
    signInAsReviewer();
    browser.waitFor(By.linkText("Overdue")).click();
    List<String> overdue = api.get("/submissions?overdue=true&sort=oldest&limit=50").json().path("items")
        .findValuesAsText("submissionId");
    assertThat(overdue).isNotEmpty();
    browser.waitUntil(d -> d.findElements(By.cssSelector("#queue-rows tr[data-id]")).stream()
        .map(r -> r.getAttribute("data-id")).toList().equals(overdue));
    List<WebElement> late = queueRows(overdue.size());
    assertThat(late).allSatisfy(r -> assertThat(r.findElement(By.cssSelector(".badge-overdue")).getText())
        .startsWith("overdue since"));
    assertThat(browser.driver().findElement(By.id("filter-overdue")).isSelected()).isTrue();
  }

  @Test
  @Order(Integer.MAX_VALUE) // moves the runtime's clock 12 hours on
  void signIn_expiredLink_refused() {
    URI link = runtime.consoleLink(null);
    clock.advance(ConsoleSessions.LINK_TTL.plusSeconds(1));
    expectedLog = refusalLogged(401);

    browser.open(link.toString());

    assertThat(browser.waitFor(By.tagName("h1")).getText()).isEqualTo("Sign-in link refused");
    browser.open(runtime.apiEndpoint() + "/console/");
    assertThat(browser.waitFor(By.id("signed-out")).getText()).contains("Not signed in");
  }

  @Test
  void keyboard_tabToASubmissionAndOpenIt_focusIsVisible() {
    signInAsReviewer();
    WebElement active = null;
    for (int i = 0; i < 40; i++) {
      browser.driver().switchTo().activeElement().sendKeys(Keys.TAB);
      active = browser.driver().switchTo().activeElement();
      if ("a".equals(active.getTagName()) && active.getAttribute("class").contains("file")) {
        break;
      }
    }
    assertThat(active.getAttribute("class")).contains("file");
    assertThat(active.getCssValue("outline-style")).isNotEqualTo("none");
    String file = active.getText();

    active.sendKeys(Keys.ENTER);

    browser.waitUntil(d -> file.equals(d.findElement(By.id("submission-title")).getText()));
  }

  @Test
  void phone_queueFitsTheScreenWidth() {
    browser.size(390, 844);
    signInAsReviewer();
    queueRows(samples.size());

    Object overflow = browser.script("return document.documentElement.scrollWidth - window.innerWidth;");
    assertThat(((Number) overflow).intValue()).isLessThanOrEqualTo(0);
    assertThat(browser.driver().findElement(By.cssSelector("#queue thead")).isDisplayed()).isFalse();
  }

  @Test
  void sigv4_consoleSigner_matchesTheAwsSdk() throws Exception {
    signInAsReviewer();
    List<SigV4Case> cases = new ArrayList<>(SigV4Case.examples());
    for (SigV4Case c : cases) {
      Object signed = browser.asyncScript("const done = arguments[arguments.length - 1];"
          + "const r = JSON.parse(arguments[0]); r.now = new Date(r.now);"
          + "import('./js/sigv4.js').then(m => m.sign(r))"
          + ".then(h => done(h.authorization), e => done('error: ' + e));", c.json());
      assertThat(signed).as(c.name()).isEqualTo(c.sdkAuthorization());
    }
  }
}
