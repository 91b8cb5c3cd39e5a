package dev.intake.handlers;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.intake.model.ProfileField;
import dev.intake.pipeline.Notification;
import dev.intake.pipeline.PipelineJson;
import dev.intake.pipeline.WorkflowInput;
import dev.intake.rules.RuleGroup;
import dev.intake.testing.WorkbookBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A partner name and an object key full of direction overrides and invisible characters, through
 * intake, the checks, aggregate and the failure step to every place partner text leaves the system:
 * the notification, the API's bodies and the findings report. None of them carries one of those
 * characters, and the text around them is still there.
 */
class PartnerTextTest {

  /** Displays as "Acme Cloud Partner ‮reversed‬": overrides, isolates, zero-width and invisible letters. */
  private static final String NAME = "\u200BAcme\u2066 Cloud\u3164\u2069 Partner\u202E desrever\u202C\uFEFF\u034F";
  /** The decoded key of the sample event s3-put-hidden-characters.json. */
  private static final String KEY = "incoming/P-1001/\u200Breport\u202Excod.xlsx\u2066";

  private HandlerFixture f;
  private ObjectNode state;
  private String id;

  @BeforeEach
  void takeInTheUpload() {
    f = new HandlerFixture();
    f.objects.put(HandlerFixture.BUCKET, KEY,
        WorkbookBuilder.ready(HandlerFixture.AS_OF).profile(ProfileField.PARTNER_NAME, NAME).build());
    f.intake().handleRequest(Events.s3("test-events/s3-put-hidden-characters.json"), null);
    Map.Entry<String, String> started = f.workflow.started.entrySet().iterator().next();
    id = started.getKey();
    state = (ObjectNode) PipelineJson.tree(started.getValue().getBytes(StandardCharsets.UTF_8));
  }

  /** The rest of the workflow: the three checks and aggregate, whose output is the notification. */
  private JsonNode evaluate() {
    ObjectNode evaluated = state.deepCopy();
    ArrayNode checks = evaluated.putArray("checks");
    for (RuleGroup g : RuleGroup.values()) {
      checks.add(f.checks(g).run(WorkflowInput.from(evaluated)));
    }
    return f.aggregate().handle(evaluated);
  }

  @Test
  void notification_partnerNameAndFileName_carryNoHiddenCharacter() {
    JsonNode notification = evaluate();

    String message = notification.path("message").asText();
    JsonNode m = PipelineJson.tree(Notification.defaultOf(message).getBytes(StandardCharsets.UTF_8));

    // both audiences' envelopes: the JSON document and the e-mail text inside each
    assertThat(hidden(message)).isEmpty();
    assertThat(hidden(notification.path("partnerMessage").asText())).isEmpty();
    assertThat(Notification.emailOf(message)).contains("reportxcod.xlsx");
    assertThat(hidden(notification.path("subject").asText())).isEmpty();
    assertThat(hidden(notification.path("partnerSubject").asText())).isEmpty();
    assertThat(m.path("partner").path("name").asText()).isEqualTo("Acme Cloud Partner desrever");
    assertThat(m.path("fileName").asText()).isEqualTo("reportxcod.xlsx");
  }

  @Test
  void failureNotification_fileName_carriesNoHiddenCharacter() {
    // given: a step failed; the workflow's Catch hands the failure step the state it had
    ObjectNode failed = state.deepCopy();
    failed.put("error", "States.Timeout").put("cause", "a step timed out on " + KEY);

    // when
    JsonNode out = f.failure().handle(failed);

    // then
    assertThat(out.path("status").asText()).isEqualTo("FAILED");
    assertThat(hidden(out.path("message").asText())).isEmpty();
    assertThat(hidden(out.path("partnerMessage").asText())).isEmpty();
    assertThat(PipelineJson.tree(Notification.defaultOf(out.path("message").asText())
        .getBytes(StandardCharsets.UTF_8)).path("fileName").asText()).isEqualTo("reportxcod.xlsx");
    assertThat(Notification.emailOf(out.path("partnerMessage").asText())).contains("reportxcod.xlsx");
  }

  @Test
  void api_submissionListAndFindings_carryNoHiddenCharacter() {
    evaluate();
    for (String path : new String[] {"/submissions/" + id, "/submissions", "/submissions/" + id + "/findings",
        "/submissions/" + id + "/history"}) {
      APIGatewayProxyResponseEvent response = f.api().handleRequest(get(path), null);

      assertThat(response.getStatusCode()).as(path).isEqualTo(200);
      assertThat(hidden(response.getBody())).as(path).isEmpty();
    }
    JsonNode submission = PipelineJson.tree(f.api().handleRequest(get("/submissions/" + id), null).getBody()
        .getBytes(StandardCharsets.UTF_8));
    assertThat(submission.path("partnerName").asText()).isEqualTo("Acme Cloud Partner desrever");
    assertThat(submission.path("fileName").asText()).isEqualTo("reportxcod.xlsx");
  }

  @Test
  void report_writtenForThePartner_carriesNoHiddenCharacter() {
    evaluate();
    String report = new String(f.objects.get(HandlerFixture.BUCKET, "reports/" + id + "/report.json")
        .orElseThrow(), StandardCharsets.UTF_8);

    assertThat(hidden(report)).isEmpty();
    assertThat(PipelineJson.tree(report.getBytes(StandardCharsets.UTF_8)).path("partner").path("name").asText())
        .isEqualTo("Acme Cloud Partner desrever");
  }

  private static APIGatewayProxyRequestEvent get(String path) {
    return Events.api("test-events/api/get-submission.json").withPath(path).withPathParameters(null);
  }

  /**
   * The hidden characters of {@code text}, as U+XXXX, in order: controls other than line breaks and
   * tabs, format characters, surrogates, line and paragraph separators, and the other
   * default-ignorable code points (written out here, not taken from the code under test).
   */
  static String hidden(String text) {
    return text.codePoints().filter(cp -> cp != '\n' && cp != '\r' && cp != '\t').filter(cp -> {
      int type = Character.getType(cp);
      return type == Character.CONTROL || type == Character.FORMAT || type == Character.SURROGATE
          || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
          || DEFAULT_IGNORABLE.matcher(new String(Character.toChars(cp))).matches();
    }).mapToObj(cp -> String.format("U+%04X", cp)).collect(Collectors.joining(" "));
  }

  /** Unicode's Default_Ignorable_Code_Point (DerivedCoreProperties.txt). */
  private static final Pattern DEFAULT_IGNORABLE = Pattern.compile(
      "[\\u00AD\\u034F\\u061C\\u115F\\u1160\\u17B4\\u17B5\\u180B-\\u180F\\u200B-\\u200F\\u202A-\\u202E"
          + "\\u2060-\\u206F\\u3164\\uFE00-\\uFE0F\\uFEFF\\uFFA0\\uFFF0-\\uFFF8\\x{1BCA0}-\\x{1BCA3}"
          + "\\x{1D173}-\\x{1D17A}\\x{E0000}-\\x{E0FFF}]");
}
