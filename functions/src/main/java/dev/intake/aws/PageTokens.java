package dev.intake.aws;

import static dev.intake.contracts.SubmissionsTable.PARTITION_KEY;
import static dev.intake.contracts.SubmissionsTable.SORT_KEY;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.intake.pipeline.SubmissionIds;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Opaque page tokens: {@code payload.keyId.signature}, where the payload is base64url of
 * {@code {"v":1,"q":fingerprint,"k":{key attributes}}} and the signature an HMAC-SHA256 of
 * {@code payload.keyId} under the page-token key with that id ({@link PageTokenKeys}).
 *
 * <p>A token comes back from a client, so it is input like any other: decoding checks the signature
 * first (an edited token, or one signed with a key this API does not hold, is refused before its
 * content is read), then that it was issued for the same query (index, partner and status) and that
 * every key value has the form this query can produce — the partition value of the requested
 * partner, a submission id, a sort key of that submission. A token that fails any check is an
 * {@link IllegalArgumentException}; it never becomes the start of a read elsewhere in the table.
 */
final class PageTokens {

  static final int MAX_TOKEN_CHARS = 2048;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int VERSION = 1;

  private PageTokens() {
  }

  /** The token that resumes {@code query} after the item whose key attributes {@code key} holds. */
  static String encode(PageTokenKeys keys, ListQuery query, Map<String, AttributeValue> key) {
    ObjectNode root = JSON.createObjectNode();
    root.put("v", VERSION);
    root.put("q", fingerprint(query));
    ObjectNode k = root.putObject("k");
    for (String name : keyNames(query)) {
      AttributeValue value = key.get(name);
      if (value == null || value.s() == null) {
        throw new IllegalStateException("key attribute " + name + " missing from " + key.keySet());
      }
      k.put(name, value.s());
    }
    String payload;
    try {
      payload = Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(root));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of strings always serializes", e);
    }
    PageTokenKeys.Key signing = keys.signing();
    String signed = payload + "." + signing.id();
    return signed + "." + signing.sign(signed);
  }

  /** The exclusive start key {@code token} stands for; null for no token (the first page). */
  static Map<String, AttributeValue> decode(PageTokenKeys keys, ListQuery query, String token) {
    if (token == null || token.isEmpty()) {
      return null;
    }
    if (token.length() > MAX_TOKEN_CHARS) {
      throw invalid("it is too long");
    }
    String[] parts = token.split("\\.", -1);
    if (parts.length != 3) {
      throw invalid("it is not a page token");
    }
    String signed = parts[0] + "." + parts[1];
    PageTokenKeys.Key key = keys.byId(parts[1]).orElseThrow(() -> invalid("it was not signed with a key this API "
        + "holds"));
    if (!key.verifies(signed, parts[2])) {
      throw invalid("its signature does not match (it was altered)");
    }
    JsonNode root;
    try {
      root = JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
    } catch (IllegalArgumentException e) {
      throw invalid("it is not base64url");
    } catch (IOException e) {
      throw invalid("it is not a page token");
    }
    if (root == null || !root.isObject() || root.path("v").asInt(-1) != VERSION || !root.path("q").isTextual()
        || !root.path("k").isObject()) {
      throw invalid("it is not a page token");
    }
    if (!root.get("q").asText().equals(fingerprint(query))) {
      throw invalid("it was issued for a different query (partner, status, review, order or listing)");
    }
    return key(query, root.get("k"));
  }

  private static Map<String, AttributeValue> key(ListQuery query, JsonNode k) {
    Set<String> expected = Set.of(keyNames(query));
    Map<String, String> values = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> field : k.properties()) {
      if (!expected.contains(field.getKey()) || !field.getValue().isTextual()) {
        throw invalid("it holds an unexpected key attribute");
      }
      values.put(field.getKey(), field.getValue().asText());
    }
    if (!values.keySet().equals(expected)) {
      throw invalid("its key is incomplete");
    }
    String pk = values.get(PARTITION_KEY);
    if (!pk.startsWith(SubmissionItems.SUBMISSION_PREFIX)) {
      throw invalid("its key is not a submission's");
    }
    String submissionId = pk.substring(SubmissionItems.SUBMISSION_PREFIX.length());
    if (!SubmissionIds.isSubmissionId(submissionId) || !SubmissionItems.META.equals(values.get(SORT_KEY))) {
      throw invalid("its key is not a submission's");
    }
    if (!query.partitionValue().equals(values.get(query.partitionAttribute()))) {
      throw invalid("its key belongs to a different listing");
    }
    String sort = values.get(query.sortAttribute());
    String suffix = "#" + submissionId;
    if (!sort.endsWith(suffix)) {
      throw invalid("its sort key does not match its submission");
    }
    try {
      Instant.parse(sort.substring(0, sort.length() - suffix.length()));
    } catch (DateTimeParseException e) {
      throw invalid("its sort key does not hold a time");
    }
    Map<String, AttributeValue> key = new LinkedHashMap<>();
    values.forEach((name, value) -> key.put(name, AttributeValue.fromS(value)));
    return key;
  }

  private static String[] keyNames(ListQuery query) {
    return new String[] {PARTITION_KEY, SORT_KEY, query.partitionAttribute(), query.sortAttribute()};
  }

  private static String fingerprint(ListQuery query) {
    ArrayNode parts = JSON.createArrayNode();
    query.identity().forEach(parts::add);
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(parts.toString().getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 12));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }

  private static IllegalArgumentException invalid(String why) {
    return new IllegalArgumentException("Invalid nextToken: " + why);
  }
}
