package dev.intake.model;

import dev.intake.contracts.BucketLayout;
import java.util.regex.Pattern;

/**
 * The one spelling of a partner id, shared by the S3 folder, the API, the IAM role suffix and the
 * local tokens: letters, digits, dot, underscore and hyphen, at most 64 characters, so it is safe
 * in a key, a query string, a role name and a log line alike.
 */
public final class PartnerIds {

  /** The longest partner id. */
  public static final int MAX_LENGTH = 64;

  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0," + (MAX_LENGTH - 1) + "}");

  private PartnerIds() {
  }

  /** The partner id of uploads outside a partner's folder; see {@link #isReserved}. */
  public static final String UNASSIGNED = BucketLayout.UNASSIGNED;

  /** Spelled like a partner id: what a folder, a query or a role suffix may hold. */
  public static boolean isValid(String partnerId) {
    return partnerId != null && VALID.matcher(partnerId).matches();
  }

  /**
   * True for {@link #UNASSIGNED} in any case: the stray uploads' id, which no partner may be (a
   * reviewer may still list its submissions). IAM role names ignore case, so no spelling is allowed.
   */
  public static boolean isReserved(String partnerId) {
    return UNASSIGNED.equalsIgnoreCase(partnerId);
  }

  /** A valid id a partner may have: what a partner's role, token or API principal may stand for. */
  public static boolean isPartner(String partnerId) {
    return isValid(partnerId) && !isReserved(partnerId);
  }
}
