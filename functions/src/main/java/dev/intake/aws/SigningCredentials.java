package dev.intake.aws;

import java.time.Instant;
import java.util.Objects;

/**
 * The keys one request is signed with: an access key, its secret, the session token of temporary
 * credentials (null for long-term keys) and when they expire (null when unknown). Its text names
 * the access key only: a secret or token never reaches a log through it.
 */
public record SigningCredentials(String accessKeyId, String secretAccessKey, String sessionToken, Instant expiration) {

  public SigningCredentials {
    Objects.requireNonNull(accessKeyId, "accessKeyId");
    Objects.requireNonNull(secretAccessKey, "secretAccessKey");
    if (accessKeyId.isBlank() || secretAccessKey.isBlank()) {
      throw new IllegalArgumentException("an access key id and its secret may not be blank");
    }
    // They become header values: the JDK's client would refuse anything else quoting the value.
    if (!visibleAscii(accessKeyId) || !visibleAscii(secretAccessKey)
        || sessionToken != null && !visibleAscii(sessionToken)) {
      throw new IllegalArgumentException("an access key id, its secret and a session token may hold only visible"
          + " ASCII characters");
    }
  }

  private static boolean visibleAscii(String s) {
    return s.chars().allMatch(c -> c > 0x20 && c < 0x7f);
  }

  /** Long-term keys: no session token, no expiry. */
  public static SigningCredentials of(String accessKeyId, String secretAccessKey) {
    return new SigningCredentials(accessKeyId, secretAccessKey, null, null);
  }

  @Override
  public String toString() {
    return "SigningCredentials[accessKeyId=" + accessKeyId + ", expiration=" + expiration + "]";
  }
}
