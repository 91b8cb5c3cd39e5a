package dev.intake.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.intake.pipeline.Decision;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The body of {@code POST /submissions/{id}/decisions}, checked strictly for form (400, naming the
 * field): one JSON object and nothing after it, no field twice, no field but {@code action},
 * {@code comment}, {@code finding} and {@code shareWithPartner}, each of its type; a comment of 1 to
 * 4000 characters; and no control character (but a comment's line breaks and tabs) and no lone
 * surrogate anywhere — such text would be stored in the audit trail and shown to people. Whether
 * the finding exists is the review's to check against the submission.
 *
 * @param finding stripped, or null when the body has none
 */
record DecisionRequest(Decision.Action action, String comment, String finding, boolean shareWithPartner) {

  static final int MAX_COMMENT_CHARS = 4000;
  private static final Set<String> FIELDS = Set.of("action", "comment", "finding", "shareWithPartner");
  private static final JsonMapper STRICT = JsonMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();
  private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '([^']*)'");

  static DecisionRequest parse(String body) {
    JsonNode json;
    try {
      json = body == null || body.isBlank() ? null : STRICT.readTree(body);
    } catch (JsonProcessingException e) {
      Matcher duplicate = DUPLICATE.matcher(String.valueOf(e.getOriginalMessage()));
      if (duplicate.find()) {
        throw invalid("INVALID_BODY", duplicate.group(1), "appears more than once in the body");
      }
      String trailing = String.valueOf(e.getOriginalMessage()).contains("Trailing token")
          ? " (something follows the JSON object)" : "";
      throw new ApiException(400, "INVALID_BODY", "The body is not valid JSON" + trailing + ".");
    }
    if (json == null || !json.isObject()) {
      throw new ApiException(400, "INVALID_BODY", "The body must be a JSON object with action and comment.");
    }
    for (Iterator<String> it = json.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (!FIELDS.contains(field)) {
        throw new ApiException(400, "INVALID_BODY", "Unknown field '" + printable(field)
            + "'; allowed: action, comment, finding, shareWithPartner.");
      }
    }
    JsonNode actionNode = json.path("action");
    Decision.Action action;
    try {
      action = Decision.Action.valueOf(actionNode.isTextual() ? actionNode.asText().toUpperCase(Locale.ROOT) : "");
    } catch (IllegalArgumentException e) {
      throw new ApiException(400, "INVALID_ACTION", "action must be one of "
          + Arrays.toString(Decision.Action.values()) + ".");
    }
    JsonNode commentNode = json.path("comment");
    if (!commentNode.isMissingNode() && !commentNode.isTextual()) {
      throw invalid("INVALID_COMMENT", "comment", "must be a string");
    }
    String comment = commentNode.asText("").strip();
    checkText("INVALID_COMMENT", "comment", comment, true);
    if (comment.isEmpty() || comment.length() > MAX_COMMENT_CHARS) {
      throw new ApiException(400, "INVALID_COMMENT", "A comment of 1 to 4000 characters is required.");
    }
    JsonNode findingNode = json.path("finding");
    String finding = null;
    if (findingNode.isTextual()) {
      finding = findingNode.asText().strip();
      checkText("INVALID_FINDING", "finding", finding, false);
    } else if (!findingNode.isMissingNode() && !findingNode.isNull()) {
      throw invalid("INVALID_FINDING", "finding", "must be a string");
    }
    JsonNode shareNode = json.path("shareWithPartner");
    if (!shareNode.isMissingNode() && !shareNode.isBoolean()) {
      throw invalid("INVALID_BODY", "shareWithPartner", "must be true or false");
    }
    return new DecisionRequest(action, comment, finding, shareNode.asBoolean(false));
  }

  /**
   * Refuses control characters (a comment may hold line breaks and tabs) and lone surrogates
   * (half a character: JSON's {@code \ud800} escape makes one), which nothing should store.
   */
  static void checkText(String code, String field, String text, boolean multiline) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
        continue;
      }
      if (Character.isSurrogate(c)) {
        throw invalid(code, field, "holds a lone surrogate (U+" + hex(c) + ") at character " + (i + 1));
      }
      boolean allowed = multiline && (c == '\n' || c == '\r' || c == '\t');
      if (Character.getType(c) == Character.CONTROL && !allowed) {
        throw invalid(code, field, "holds a control character (U+" + hex(c) + ") at character " + (i + 1));
      }
    }
  }

  private static ApiException invalid(String code, String field, String what) {
    return new ApiException(400, code, "'" + printable(field) + "' " + what + ".");
  }

  private static String hex(char c) {
    return String.format(Locale.ROOT, "%04X", (int) c);
  }

  /** A field name as it may appear in a message: printable, at most 40 characters. */
  private static String printable(String name) {
    StringBuilder out = new StringBuilder();
    name.codePoints()
        .filter(cp -> !Character.isISOControl(cp) && !(cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE)
            && Character.getType(cp) != Character.FORMAT)
        .forEach(out::appendCodePoint);
    String clean = out.toString();
    return clean.length() > 40 ? clean.substring(0, 39) + "…" : clean;
  }
}
