package dev.intake.api;

import dev.intake.model.PartnerIds;
import dev.intake.pipeline.SubmissionStatus;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * The query of {@code GET /submissions}, checked: 400 for a malformed value, 403 for a partner asking
 * for another partner's submissions. A partner's listing is always of its own.
 *
 * @param partnerId null for every partner
 * @param status null for every status
 * @param nextToken null for the first page; its content is the store's to check
 */
record ListRequest(String partnerId, SubmissionStatus status, int limit, String nextToken) {

  static final int DEFAULT_LIMIT = 25;
  static final int MAX_LIMIT = 100;
  static final int MAX_TOKEN_CHARS = 2048;

  static ListRequest parse(Map<String, String> query, Caller caller) {
    String partnerId = query.get("partnerId");
    if (partnerId != null && !PartnerIds.isValid(partnerId)) {
      throw new ApiException(400, "INVALID_PARTNER_ID", "partnerId must be letters, digits, '.', '_' or '-'.");
    }
    if (caller instanceof Caller.Partner p) {
      if (partnerId != null && !partnerId.equals(p.partnerId())) {
        throw new ApiException(403, "FORBIDDEN", "A partner can list only its own submissions.");
      }
      partnerId = p.partnerId();
    }
    return new ListRequest(partnerId, status(query.get("status")), limit(query.get("limit")),
        token(query.get("nextToken")));
  }

  private static SubmissionStatus status(String value) {
    if (value == null) {
      return null;
    }
    try {
      return SubmissionStatus.valueOf(value.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ApiException(400, "INVALID_STATUS", "status must be one of "
          + Arrays.toString(SubmissionStatus.values()) + ".");
    }
  }

  private static int limit(String value) {
    if (value == null) {
      return DEFAULT_LIMIT;
    }
    int limit;
    try {
      limit = Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      throw invalidLimit();
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw invalidLimit();
    }
    return limit;
  }

  private static ApiException invalidLimit() {
    return new ApiException(400, "INVALID_LIMIT", "limit must be a whole number from 1 to 100.");
  }

  private static String token(String value) {
    if (value != null && (value.isEmpty() || value.length() > MAX_TOKEN_CHARS)) {
      throw invalidToken();
    }
    return value;
  }

  /** Also what a token the store refuses becomes. */
  static ApiException invalidToken() {
    return new ApiException(400, "INVALID_TOKEN", "nextToken is not a token this API issued for this query.");
  }
}
