package dev.intake.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.intake.pipeline.Decision;
import dev.intake.pipeline.PipelineJson;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;

/**
 * The body of {@code POST /submissions/{id}/decisions}, checked for form (400): a JSON object with an
 * action, a comment of 1 to 4000 characters, and for an override the finding it names. Whether that
 * finding exists is the API's to check against the submission.
 *
 * @param finding stripped, or null when the body has none
 */
record DecisionRequest(Decision.Action action, String comment, String finding) {

  static final int MAX_COMMENT_CHARS = 4000;
  private static final Set<String> FIELDS = Set.of("action", "comment", "finding");

  static DecisionRequest parse(String body) {
    JsonNode json;
    try {
      json = body == null || body.isBlank() ? null : PipelineJson.mapper().readTree(body);
    } catch (JsonProcessingException e) {
      throw new ApiException(400, "INVALID_BODY", "The body is not valid JSON.");
    }
    if (json == null || !json.isObject()) {
      throw new ApiException(400, "INVALID_BODY", "The body must be a JSON object with action and comment.");
    }
    for (Iterator<String> it = json.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (!FIELDS.contains(field)) {
        throw new ApiException(400, "INVALID_BODY",
            "Unknown field '" + field + "'; allowed: action, comment, finding.");
      }
    }
    Decision.Action action;
    try {
      action = Decision.Action.valueOf(json.path("action").asText("").toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ApiException(400, "INVALID_ACTION", "action must be ACCEPT, REQUEST_CHANGES or OVERRIDE_FINDING.");
    }
    String comment = json.path("comment").isTextual() ? json.path("comment").asText().strip() : "";
    if (comment.isEmpty() || comment.length() > MAX_COMMENT_CHARS) {
      throw new ApiException(400, "INVALID_COMMENT", "A comment of 1 to 4000 characters is required.");
    }
    String finding = json.path("finding").isTextual() ? json.path("finding").asText().strip() : null;
    return new DecisionRequest(action, comment, finding);
  }
}
