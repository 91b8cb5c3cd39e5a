package dev.intake.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.intake.pipeline.Decision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Decision bodies are parsed strictly (issue 14, item 9): what a lenient parser accepted — trailing
 * text, a repeated field (last one wins), unknown fields (dropped), control characters and lone
 * surrogates (stored), an action in another case — is a 400 that names the field (or, where the JSON
 * itself is broken, where); lengths count characters as JSON Schema's maxLength does.
 */
class DecisionRequestTest {

  private static ApiException refused(String body) {
    try {
      DecisionRequest.parse(body);
    } catch (ApiException e) {
      return e;
    }
    throw new AssertionError("accepted: " + body);
  }

  @Test
  void parse_wellFormed_readsEveryField() {
    DecisionRequest r = DecisionRequest.parse("{\"action\":\"OVERRIDE_FINDING\",\"comment\":\"  Checked.\\nOK\\t\","
        + "\"finding\":\" case-study-age@Case Studies!J5 \",\"shareWithPartner\":true}");

    assertThat(r).isEqualTo(new DecisionRequest(Decision.Action.OVERRIDE_FINDING, "Checked.\nOK",
        "case-study-age@Case Studies!J5", true));
  }

  @Test
  void parse_trailingTokens_is400() {
    ApiException e = refused("{\"action\":\"ACCEPT\",\"comment\":\"ok\"} {\"action\":\"REQUEST_CHANGES\"}");

    assertThat(e.status).isEqualTo(400);
    assertThat(e.getMessage()).contains("something follows the JSON object");
  }

  @Test
  void parse_trailingGarbage_is400() {
    assertThat(refused("{\"action\":\"ACCEPT\",\"comment\":\"ok\"}garbage").status).isEqualTo(400);
  }

  @Test
  void parse_duplicateKey_is400NamingIt() {
    ApiException e = refused("{\"action\":\"REQUEST_CHANGES\",\"comment\":\"ok\",\"action\":\"ACCEPT\"}");

    assertThat(e.status).isEqualTo(400);
    assertThat(e.getMessage()).isEqualTo("'action' appears more than once in the body.");
  }

  @Test
  void parse_unknownField_is400NamingIt() {
    ApiException e = refused("{\"action\":\"ACCEPT\",\"comment\":\"ok\",\"reviewer\":\"someone else\"}");

    assertThat(e.status).isEqualTo(400);
    assertThat(e.getMessage()).contains("Unknown field 'reviewer'");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{\"action\":\"ACCEPT\",\"comment\":\"ok\\u0007bell\"}|INVALID_COMMENT|"
          + "'comment' holds a control character (U+0007)",
      "{\"action\":\"ACCEPT\",\"comment\":\"ok\\u0000\"}|INVALID_COMMENT|"
          + "'comment' holds a control character (U+0000)",
      "{\"action\":\"ACCEPT\",\"comment\":\"half \\ud800 a pair\"}|INVALID_COMMENT|"
          + "'comment' holds a lone surrogate (U+D800)",
      "{\"action\":\"ACCEPT\",\"comment\":\"\\udc00 first\"}|INVALID_COMMENT|"
          + "'comment' holds a lone surrogate (U+DC00)",
      "{\"action\":\"OVERRIDE_FINDING\",\"comment\":\"ok\",\"finding\":\"rule\\nx\"}|INVALID_FINDING|"
          + "'finding' holds a control character (U+000A)",
      "{\"action\":\"ACCEPT\",\"comment\":42}|INVALID_COMMENT|'comment' must be a string",
      "{\"action\":\"ACCEPT\",\"comment\":\"ok\",\"shareWithPartner\":\"yes\"}|INVALID_BODY|"
          + "'shareWithPartner' must be true or false",
      "{\"action\":\"ACCEPT\",\"comment\":\"ok\",\"finding\":7}|INVALID_FINDING|'finding' must be a string",
      "{\"action\":[\"ACCEPT\"],\"comment\":\"ok\"}|INVALID_ACTION|action must be one of"})
  void parse_badField_is400NamingTheField(String body, String code, String message) {
    ApiException e = refused(body);

    assertThat(e.status).isEqualTo(400);
    assertThat(e.code).isEqualTo(code);
    assertThat(e.getMessage()).startsWith(message);
  }

  @Test
  void parse_pairOfSurrogatesAndLineBreaksInAComment_areAccepted() {
    DecisionRequest r = DecisionRequest.parse(
        "{\"action\":\"REQUEST_CHANGES\",\"comment\":\"Line 1\\r\\nLine 2 \\ud83d\\ude00\"}");

    assertThat(r.comment()).isEqualTo("Line 1\r\nLine 2 \uD83D\uDE00");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"request_changes", "Accept", "'ACCEPT '", "START-REVIEW"})
  void parse_actionNotSpelledAsTheEnum_is400(String action) {
    ApiException e = refused("{\"action\":\"" + action + "\",\"comment\":\"ok\"}");

    assertThat(e.code).isEqualTo("INVALID_ACTION");
    assertThat(e.getMessage()).contains("START_REVIEW, REQUEST_CHANGES, ACCEPT, OVERRIDE_FINDING");
  }

  @Test
  void parse_rawControlByteInAString_is400NamingTheFieldAndWhere() {
    ApiException e = refused("{\"action\":\"ACCEPT\",\"comment\":\"ok\u0007bell\"}");

    assertThat(e.code).isEqualTo("INVALID_BODY");
    assertThat(e.getMessage()).isEqualTo("'comment' holds a raw control character (U+0007) at line 1, column 33.");
  }

  @Test
  void parse_rawControlByteInAFieldName_is400SayingWhere() {
    ApiException e = refused("{\"action\":\"ACCEPT\",\"com\u0001ment\":\"ok\"}");

    assertThat(e.getMessage()).isEqualTo("A field name holds a raw control character (U+0001) at line 1, column 24.");
  }

  @Test
  void parse_loneSurrogateInAFieldName_is400SayingWhere() {
    ApiException e = refused("{\"act\\ud800ion\":\"ACCEPT\",\"comment\":\"ok\"}");

    assertThat(e.code).isEqualTo("INVALID_BODY");
    assertThat(e.getMessage()).startsWith("A field name holds half a surrogate pair at line 1, column ");
  }

  @Test
  void parse_unknownFieldDifferingOnlyByAnInvisibleCharacter_showsItEscaped() {
    ApiException e = refused("{\"action\":\"ACCEPT\",\"comment\":\"ok\",\"share\u200bWithPartner\":true}");

    assertThat(e.getMessage()).startsWith("Unknown field 'share\\u200BWithPartner'");
  }

  @Test
  void parse_bodyCutShort_is400SayingWhereItEnds() {
    ApiException e = refused("{\"action\":\"ACCEPT\",\"comment\":\"ok\"");

    assertThat(e.getMessage()).isEqualTo("The body is not valid JSON: it ends at line 1, column 34 before the object"
        + " is complete (in 'comment').");
  }

  @Test
  void parse_commentOf4000EmojiCharacters_isAccepted_4001IsNot() {
    String emoji = new String(Character.toChars(0x1F600));

    DecisionRequest r = DecisionRequest.parse("{\"action\":\"REQUEST_CHANGES\",\"comment\":\"" + emoji.repeat(4000)
        + "\"}");
    ApiException over = refused("{\"action\":\"REQUEST_CHANGES\",\"comment\":\"" + emoji.repeat(4001) + "\"}");

    assertThat(r.comment().codePointCount(0, r.comment().length())).isEqualTo(4000);
    assertThat(over.code).isEqualTo("INVALID_COMMENT");
    assertThat(over.getMessage()).contains("1 to 4000 characters").contains("this one has 4001");
  }

  @Test
  void parse_findingOver200Characters_is400SayingItIsTooLong() {
    ApiException e = refused("{\"action\":\"OVERRIDE_FINDING\",\"comment\":\"ok\",\"finding\":\"" + "x".repeat(201)
        + "\"}");

    assertThat(e.code).isEqualTo("INVALID_FINDING");
    assertThat(e.getMessage()).isEqualTo("'finding' is 201 characters long; a finding reference (ruleId@Sheet!A1)"
        + " has at most 200.");
  }

  @Test
  void parse_findingOf200Characters_isAccepted() {
    DecisionRequest r = DecisionRequest.parse("{\"action\":\"OVERRIDE_FINDING\",\"comment\":\"ok\",\"finding\":\""
        + "x".repeat(200) + "\"}");

    assertThat(r.finding()).hasSize(200);
  }

  @Test
  void parse_notAnObject_is400() {
    assertThatThrownBy(() -> DecisionRequest.parse("[1,2]")).isInstanceOf(ApiException.class);
    assertThat(refused("").status).isEqualTo(400);
  }
}
