package dev.intake.api;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.intake.model.Text;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How every request body of the API is read (decisions and upload requests alike): one JSON object
 * and nothing after it, no field twice, no field but the route's; a refusal is a 400 that names the
 * field, or where no field can be named, the line and column. What a lenient parser lets through —
 * a repeated field whose last value wins, text after the object, a raw control character — never
 * reaches a route.
 */
final class StrictJson {

  private static final JsonMapper STRICT = JsonMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .build();
  private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '([^']*)'");
  private static final Pattern CONTROL = Pattern.compile("CTRL-CHAR, code (\\d+)");
  private static final int NAME_LIMIT = 40;

  private StrictJson() {
  }

  /**
   * The body's one JSON object.
   *
   * @param fields the fields the route takes, in the order a refusal lists them
   * @param shape what the body must be, for the refusal of anything else ("a JSON object with …")
   * @throws ApiException 400 {@code INVALID_BODY} naming what is wrong and where
   */
  static ObjectNode object(String body, List<String> fields, String shape) {
    if (body == null || body.isBlank()) {
      throw invalid("The body must be " + shape + ".");
    }
    JsonNode json;
    try (JsonParser parser = STRICT.createParser(body)) {
      try {
        json = STRICT.readTree(parser);
      } catch (JsonProcessingException e) {
        throw refusal(e, parser);
      }
      if (json == null || !json.isObject()) {
        throw invalid("The body must be " + shape + ".");
      }
      JsonToken after;
      try {
        after = parser.nextToken();
      } catch (JsonProcessingException e) {
        after = JsonToken.NOT_AVAILABLE;
      }
      if (after != null) {
        throw invalid("The body is not valid JSON: something follows the JSON object (after "
            + where(parser.currentTokenLocation()) + ").");
      }
    } catch (IOException e) {
      // A String has no I/O to fail; what Jackson reports as one is a broken body all the same.
      throw invalid("The body is not valid JSON.");
    }
    for (Iterator<String> it = json.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (!fields.contains(field)) {
        throw invalid("Unknown field " + name(field) + "; allowed: " + String.join(", ", fields) + ".");
      }
    }
    return (ObjectNode) json;
  }

  /** A refusal of a body in which Jackson found no JSON: the field it was in, and where. */
  private static ApiException refusal(JsonProcessingException e, JsonParser parser) {
    String reason = String.valueOf(e.getOriginalMessage());
    Matcher duplicate = DUPLICATE.matcher(reason);
    if (duplicate.find()) {
      return invalid(name(duplicate.group(1)) + " appears more than once in the body.");
    }
    String at = where(e.getLocation());
    boolean inName = reason.contains("in name") || reason.contains("in field name");
    String field = inName ? null : parser.getParsingContext().getCurrentName();
    String subject = inName ? "A field name" : field == null ? "The body" : name(field);
    Matcher control = CONTROL.matcher(reason);
    if (control.find()) {
      return invalid(subject + " holds a raw control character (U+"
          + hex(Integer.parseInt(control.group(1))) + ") at " + at + ".");
    }
    if (reason.contains("surrogate")) {
      return invalid(subject + " holds half a surrogate pair at " + at + ".");
    }
    if (reason.startsWith("Unexpected end-of-input")) {
      return invalid("The body is not valid JSON: it ends at " + at + " before the object is complete"
          + (field == null ? "" : " (in " + name(field) + ")") + ".");
    }
    return invalid("The body is not valid JSON at " + at + (field == null ? "" : " (in " + name(field) + ")")
        + ".");
  }

  private static String where(JsonLocation location) {
    return location == null ? "an unknown place"
        : "line " + location.getLineNr() + ", column " + location.getColumnNr();
  }

  /**
   * A field name as a message may quote it: in quotes, at most 40 characters, every hidden character
   * (a control, a lone surrogate, a direction override…) written as its escape, so a name that
   * differs from an allowed one only by what cannot be seen shows how it differs.
   */
  static String name(String field) {
    int length = field.codePointCount(0, field.length());
    int shown = length > NAME_LIMIT ? NAME_LIMIT - 1 : length;
    StringBuilder out = new StringBuilder("'");
    for (int i = 0, n = 0; n < shown; n++) {
      int cp = field.codePointAt(i);
      i += Character.charCount(cp);
      if (!Text.isHidden(cp)) {
        out.appendCodePoint(cp);
      } else if (cp > 0xFFFF) {
        out.append("\\u{").append(Integer.toHexString(cp).toUpperCase(Locale.ROOT)).append('}');
      } else {
        out.append("\\u").append(hex(cp));
      }
    }
    return out.append(length > shown ? "…'" : "'").toString();
  }

  static String hex(int c) {
    return String.format(Locale.ROOT, "%04X", c);
  }

  private static ApiException invalid(String message) {
    return new ApiException(400, "INVALID_BODY", message);
  }
}
