package dev.intake.model;

import java.util.regex.Pattern;

/**
 * The one spelling of a partner id, shared by the S3 folder, the API, the IAM role suffix and the
 * local tokens: letters, digits, dot, underscore and hyphen, at most 64 characters, so it is safe
 * in a key, a query string, a role name and a log line alike.
 */
public final class PartnerIds {

  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  private PartnerIds() {
  }

  public static boolean isValid(String partnerId) {
    return partnerId != null && VALID.matcher(partnerId).matches();
  }
}
