package dev.intake.local;

import dev.intake.model.PartnerIds;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The local API's bearer tokens. The runtime's token acts as the reviewer role; a partner token,
 * {@code partner.<partnerId>.<mac>}, acts as that partner's role — its MAC is keyed by the runtime
 * token, so only someone holding the runtime token can mint one (`./pipeline token --partner ID`).
 */
public final class LocalTokens {

  public static final String REVIEWER_ROLE = "competency-reviewer";
  public static final String PARTNER_ROLE_PREFIX = "competency-partner-";

  private final String token;

  public LocalTokens(String token) {
    if (token == null || token.length() < 16) {
      throw new IllegalArgumentException("the API token must be at least 16 characters");
    }
    this.token = token;
  }

  public static String newToken() {
    byte[] b = new byte[24];
    new SecureRandom().nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  public String token() {
    return token;
  }

  /**
   * A token that acts as {@code partnerId}'s role.
   *
   * @throws IllegalArgumentException for an id that is not a partner's: malformed, or the reserved
   *     {@link PartnerIds#UNASSIGNED}
   */
  public String partnerToken(String partnerId) {
    if (PartnerIds.isReserved(partnerId)) {
      throw new IllegalArgumentException("'" + partnerId + "' is reserved for uploads outside a partner's folder");
    }
    if (!PartnerIds.isValid(partnerId)) {
      throw new IllegalArgumentException("not a partner id: '" + partnerId + "'");
    }
    return "partner." + partnerId + "." + mac(partnerId);
  }

  /** The principal ARN an Authorization header stands for, or null when it is missing or wrong. */
  public String principalFor(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    String presented = authorization.substring(7).strip();
    if (LocalApiServer.same(presented, token)) {
      return role(REVIEWER_ROLE, "local-reviewer");
    }
    if (presented.startsWith("partner.")) {
      int dot = presented.lastIndexOf('.');
      String partnerId = dot > 8 ? presented.substring(8, dot) : "";
      if (PartnerIds.isPartner(partnerId)
          && LocalApiServer.same(presented.substring(dot + 1), mac(partnerId))) {
        return role(PARTNER_ROLE_PREFIX + partnerId, "local-partner");
      }
    }
    return null;
  }

  private static String role(String role, String session) {
    return "arn:aws:sts::" + LocalApiServer.LOCAL_ACCOUNT + ":assumed-role/" + role + "/" + session;
  }

  private String mac(String partnerId) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(token.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] d = mac.doFinal(partnerId.getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(d).substring(0, 32);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is always available", e);
    }
  }
}
