package dev.intake.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.intake.pipeline.Decision;
import java.util.Arrays;
import java.util.List;

/**
 * The body of {@code POST /submissions/{id}/decisions}, checked strictly for form (400, naming the
 * field): {@link StrictJson}'s one object with no field but {@code action}, {@code comment},
 * {@code finding} and {@code shareWithPartner}, each of its type; an action spelled exactly as
 * docs/openapi.yaml's enum; a comment of 1 to 4000 characters and a finding of at most 200, counted as
 * JSON Schema's {@code maxLength} counts them (code points: an emoji is one); and no control character
 * (but a comment's line breaks and tabs) and no lone surrogate anywhere — such text would be stored
 * in the audit trail and shown to people. Whether the finding exists is the review's to check against
 * the submission.
 *
 * @param finding stripped, or null when the body has none
 */
record DecisionRequest(Decision.Action action, String comment, String finding, boolean shareWithPartner) {

  static final int MAX_COMMENT_CHARS = 4000;
  static final int MAX_FINDING_CHARS = 200;
  private static final List<String> FIELDS = List.of("action", "comment", "finding", "shareWithPartner");

  static DecisionRequest parse(String body) {
    ObjectNode json = StrictJson.object(body, FIELDS, "a JSON object with action and comment");
    JsonNode actionNode = json.path("action");
    Decision.Action action = Arrays.stream(Decision.Action.values())
        .filter(a -> actionNode.isTextual() && a.name().equals(actionNode.asText()))
        .findFirst()
        .orElseThrow(() -> new ApiException(400, "INVALID_ACTION", "action must be one of "
            + Arrays.toString(Decision.Action.values()) + ", spelled exactly so."));
    JsonNode commentNode = json.path("comment");
    if (!commentNode.isMissingNode() && !commentNode.isTextual()) {
      throw invalid("INVALID_COMMENT", "comment", "must be a string");
    }
    String comment = commentNode.asText("").strip();
    checkText("INVALID_COMMENT", "comment", comment, true);
    if (comment.isEmpty() || characters(comment) > MAX_COMMENT_CHARS) {
      throw new ApiException(400, "INVALID_COMMENT", "A comment of 1 to " + MAX_COMMENT_CHARS
          + " characters is required" + (comment.isEmpty() ? "" : "; this one has " + characters(comment)) + ".");
    }
    JsonNode findingNode = json.path("finding");
    String finding = null;
    if (findingNode.isTextual()) {
      finding = findingNode.asText().strip();
      checkText("INVALID_FINDING", "finding", finding, false);
      if (characters(finding) > MAX_FINDING_CHARS) {
        throw invalid("INVALID_FINDING", "finding", "is " + characters(finding) + " characters long; a finding"
            + " reference (ruleId@Sheet!A1) has at most " + MAX_FINDING_CHARS);
      }
    } else if (!findingNode.isMissingNode() && !findingNode.isNull()) {
      throw invalid("INVALID_FINDING", "finding", "must be a string");
    }
    JsonNode shareNode = json.path("shareWithPartner");
    if (!shareNode.isMissingNode() && !shareNode.isBoolean()) {
      throw invalid("INVALID_BODY", "shareWithPartner", "must be true or false");
    }
    return new DecisionRequest(action, comment, finding, shareNode.asBoolean(false));
  }

  /** Characters as people and JSON Schema count them: code points, so a pair of surrogates is one. */
  static int characters(String text) {
    return text.codePointCount(0, text.length());
  }

  /**
   * Refuses control characters (a comment may hold line breaks and tabs) and lone surrogates
   * (half a character: JSON's {@code \ud800} escape makes one), which nothing should store.
   */
  static void checkText(String code, String field, String text, boolean multiline) {
    int position = 0;
    for (int i = 0; i < text.length(); i++) {
      position++;
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
        continue;
      }
      if (Character.isSurrogate(c)) {
        throw invalid(code, field, "holds a lone surrogate (U+" + StrictJson.hex(c) + ") at character " + position);
      }
      boolean allowed = multiline && (c == '\n' || c == '\r' || c == '\t');
      if (Character.getType(c) == Character.CONTROL && !allowed) {
        throw invalid(code, field, "holds a control character (U+" + StrictJson.hex(c) + ") at character "
            + position);
      }
    }
  }

  private static ApiException invalid(String code, String field, String what) {
    return new ApiException(400, code, StrictJson.name(field) + " " + what + ".");
  }
}
