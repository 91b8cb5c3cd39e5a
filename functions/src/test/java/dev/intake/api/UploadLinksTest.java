package dev.intake.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.intake.pipeline.PipelineJson;
import dev.intake.pipeline.UploadedObject;
import dev.intake.testing.FakeUploadPresigner;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** POST /uploads: who may ask, what the link is for, and what is refused before anything is signed. */
class UploadLinksTest {

  private static final Caller ACME =
      new Caller.Partner("P-ACME", "arn:aws:sts::1:assumed-role/competency-dev-partner-P-ACME/s");
  private static final Instant NOW = Instant.parse("2026-11-01T10:00:00Z");

  private final FakeUploadPresigner presigner = new FakeUploadPresigner();
  private final UploadLinks links = new UploadLinks(presigner, "intake-bucket", 1000,
      Clock.fixed(NOW, ZoneOffset.UTC));

  private ApiResponse post(Caller caller, String body) {
    return links.create(new ApiRequest("POST", "/uploads", Map.of(), body, caller));
  }

  private static JsonNode json(ApiResponse r) {
    return PipelineJson.tree(r.body().getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void upload_partner_isSignedForItsOwnFolderTheWorkbookTypeAndTheExactSize() {
    // when
    ApiResponse r = post(ACME, "{\"fileName\":\"assessment.xlsx\",\"size\":812}");

    // then
    assertThat(r.status()).isEqualTo(200);
    assertThat(presigner.requests()).singleElement().isEqualTo(new FakeUploadPresigner.Request("intake-bucket",
        "incoming/P-ACME/assessment.xlsx", UploadLinks.XLSX, 812, Duration.ofMinutes(15)));
  }

  @Test
  void upload_partner_answersUrlMethodHeadersKeyAndExpiry() {
    JsonNode link = json(post(ACME, "{\"fileName\":\"assessment.xlsx\",\"size\":812}"));

    assertThat(link.path("url").asText()).startsWith("https://uploads.example/intake-bucket/");
    assertThat(link.path("method").asText()).isEqualTo("PUT");
    assertThat(link.path("headers").path("Content-Type").asText()).isEqualTo(UploadLinks.XLSX);
    assertThat(link.path("key").asText()).isEqualTo("incoming/P-ACME/assessment.xlsx");
    assertThat(link.path("expiresAt").asText()).isEqualTo("2026-11-01T10:15:00Z");
  }

  @Test
  void upload_key_isReadBackAsThePartnersFolderByIntake() {
    String key = json(post(ACME, "{\"fileName\":\"a.xlsx\",\"size\":1}")).path("key").asText();

    assertThat(new UploadedObject("b", key, null, null, 1, "01", NOW).partnerId()).isEqualTo("P-ACME");
  }

  @Test
  void upload_reviewer_isForbidden() {
    ApiResponse r = post(new Caller.Reviewer("arn:aws:sts::1:assumed-role/competency-dev-reviewer/r"),
        "{\"fileName\":\"a.xlsx\",\"size\":1}");

    assertThat(r.status()).isEqualTo(403);
    assertThat(presigner.requests()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"../P-OTHER/a.xlsx", "P-OTHER/a.xlsx", "a.xls", "a.xlsm", "a.xlsx.csv", ".xlsx", "-a.xlsx",
      "a\\nb.xlsx", "a;rm.xlsx"})
  void upload_fileNameOutsideThePattern_is400(String name) {
    ApiResponse r = post(ACME, "{\"fileName\":" + PipelineJson.mapper().valueToTree(name) + ",\"size\":1}");

    assertThat(r.status()).isEqualTo(400);
    assertThat(json(r).path("code").asText()).isEqualTo("INVALID_FILE_NAME");
    assertThat(presigner.requests()).isEmpty();
  }

  @Test
  void upload_sizeAboveTheLimit_is413() {
    ApiResponse r = post(ACME, "{\"fileName\":\"a.xlsx\",\"size\":1001}");

    assertThat(r.status()).isEqualTo(413);
    assertThat(presigner.requests()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-5", "1.5", "\"812\"", "null"})
  void upload_sizeNotAPositiveWholeNumber_is400(String size) {
    ApiResponse r = post(ACME, "{\"fileName\":\"a.xlsx\",\"size\":" + size + "}");

    assertThat(r.status()).isEqualTo(400);
    assertThat(json(r).path("code").asText()).isEqualTo("INVALID_SIZE");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "not json", "[]", "{\"fileName\":\"a.xlsx\",\"size\":1,\"key\":\"incoming/x/a.xlsx\"}"})
  void upload_bodyNotTheUploadRequest_is400(String body) {
    ApiResponse r = post(ACME, body);

    assertThat(r.status()).isEqualTo(400);
    assertThat(json(r).path("code").asText()).isEqualTo("INVALID_BODY");
  }

  @Test
  void upload_repeatedField_is400NamingItAndSignsNothing() {
    ApiResponse r = post(ACME, "{\"fileName\":\"a.xlsx\",\"fileName\":\"b.xlsx\",\"size\":100}");

    assertThat(r.status()).isEqualTo(400);
    assertThat(json(r).path("code").asText()).isEqualTo("INVALID_BODY");
    assertThat(json(r).path("message").asText()).isEqualTo("'fileName' appears more than once in the body.");
    assertThat(presigner.requests()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {" x", " {\"fileName\":\"b.xlsx\",\"size\":1}", "]"})
  void upload_textAfterTheObject_is400(String after) {
    ApiResponse r = post(ACME, "{\"fileName\":\"a.xlsx\",\"size\":100}" + after);

    assertThat(r.status()).isEqualTo(400);
    assertThat(json(r).path("message").asText()).contains("something follows the JSON object");
    assertThat(presigner.requests()).isEmpty();
  }

  @Test
  void upload_rawControlCharacterInTheFileName_is400NamingTheField() {
    ApiResponse r = post(ACME, "{\"fileName\":\"a\tb.xlsx\",\"size\":100}");

    assertThat(r.status()).isEqualTo(400);
    assertThat(json(r).path("message").asText()).startsWith("'fileName' holds a raw control character (U+0009)");
  }

  @Test
  void upload_defaultLimit_isTheParsersLimit() {
    UploadLinks standard = new UploadLinks(presigner, "b", Clock.systemUTC());

    ApiResponse over = standard.create(new ApiRequest("POST", "/uploads", Map.of(),
        "{\"fileName\":\"a.xlsx\",\"size\":" + (20L * 1024 * 1024 + 1) + "}", ACME));

    assertThat(over.status()).isEqualTo(413);
  }
}
