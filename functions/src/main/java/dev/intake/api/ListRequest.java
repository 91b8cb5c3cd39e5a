package dev.intake.api;

import dev.intake.model.PartnerIds;
import dev.intake.pipeline.Review;
import dev.intake.pipeline.SubmissionQuery;
import dev.intake.pipeline.SubmissionStatus;
import java.time.LocalDate;
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
 * @param review null for any review state
 * @param oldestFirst {@code sort=oldest}; newest first by default
 * @param overdue {@code overdue=true}: only submissions past their due date that the office has not answered
 */
record ListRequest(String partnerId, SubmissionStatus status, int limit, String nextToken, Review.State review,
    boolean oldestFirst, boolean overdue) {

  static final int DEFAULT_LIMIT = 25;
  static final int MAX_LIMIT = 100;
  static final int MAX_TOKEN_CHARS = 2048;

  static ListRequest parse(Map<String, String> query, Caller caller) {
    String partnerId = query.get("partnerId");
    if (partnerId != null && partnerId.length() > PartnerIds.MAX_LENGTH) {
      throw new ApiException(400, "INVALID_PARTNER_ID", "partnerId is at most " + PartnerIds.MAX_LENGTH
          + " characters long; this one has " + partnerId.codePointCount(0, partnerId.length()) + ".");
    }
    if (partnerId != null && !PartnerIds.isValid(partnerId)) {
      throw new ApiException(400, "INVALID_PARTNER_ID", "partnerId must be letters, digits, '.', '_' or '-',"
          + " starting with a letter or digit.");
    }
    if (caller instanceof Caller.Partner p) {
      if (partnerId != null && !partnerId.equals(p.partnerId())) {
        throw new ApiException(403, "FORBIDDEN", "A partner can list only its own submissions.");
      }
      partnerId = p.partnerId();
    }
    return new ListRequest(partnerId, status(query.get("status")), limit(query.get("limit")),
        token(query.get("nextToken")), review(query.get("review")), oldest(query.get("sort")),
        flag("overdue", query.get("overdue")));
  }

  /** What to ask the store, with overdue judged on {@code today}. */
  SubmissionQuery query(LocalDate today) {
    return new SubmissionQuery(partnerId, status, review, oldestFirst, overdue ? today : null, null);
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

  private static Review.State review(String value) {
    if (value == null) {
      return null;
    }
    try {
      return Review.State.valueOf(value.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ApiException(400, "INVALID_REVIEW", "review must be one of "
          + Arrays.toString(Review.State.values()) + ".");
    }
  }

  private static boolean oldest(String value) {
    if (value == null || value.strip().equalsIgnoreCase("newest")) {
      return false;
    }
    if (value.strip().equalsIgnoreCase("oldest")) {
      return true;
    }
    throw new ApiException(400, "INVALID_SORT", "sort must be newest or oldest.");
  }

  private static boolean flag(String name, String value) {
    if (value == null || value.strip().equalsIgnoreCase("false")) {
      return false;
    }
    if (value.strip().equalsIgnoreCase("true")) {
      return true;
    }
    throw new ApiException(400, "INVALID_" + name.toUpperCase(Locale.ROOT), name + " must be true or false.");
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
