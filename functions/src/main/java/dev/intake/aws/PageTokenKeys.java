package dev.intake.aws;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keys the API's page tokens are signed with (HMAC-SHA256): the one new tokens are signed with,
 * and any still accepted — the one before a rotation, so a rotation breaks no page a client is
 * reading. Each key is known by an id derived from it, which the token carries: a token signed with
 * a key this process has not seen yet (another container rotated first) makes the source look its
 * keys up again ({@link #byId}).
 *
 * <p>On AWS the key is a Secrets Manager secret ({@link SecretsManagerPageTokenKeys}); locally a file
 * of the data folder; a store given no keys signs with a random key of its own, good for that store
 * object alone.
 */
public interface PageTokenKeys {

  /** A key shorter than this (in bytes) is refused: HMAC-SHA256 wants at least its output's 32. */
  int MIN_KEY_BYTES = 32;

  /** The key new tokens are signed with. */
  Key signing();

  /** The accepted key with this id, if there is one. */
  Optional<Key> byId(String id);

  /** The given keys: {@code current} signs, every one of them is accepted. */
  static PageTokenKeys of(byte[] current, byte[]... previous) {
    Key signing = new Key(current);
    List<Key> accepted = new ArrayList<>();
    accepted.add(signing);
    for (byte[] p : previous) {
      accepted.add(new Key(p));
    }
    List<Key> all = List.copyOf(accepted);
    return new PageTokenKeys() {
      @Override
      public Key signing() {
        return signing;
      }

      @Override
      public Optional<Key> byId(String id) {
        return all.stream().filter(k -> k.id().equals(id)).findFirst();
      }
    };
  }

  /** A new random key, known to no one else: tokens it signs are good for the caller's object alone. */
  static PageTokenKeys random() {
    byte[] key = new byte[MIN_KEY_BYTES];
    new SecureRandom().nextBytes(key);
    return of(key);
  }

  /** One signing key and its id (the first 12 characters of a SHA-256 of it; no use for guessing it). */
  final class Key {

    private final byte[] secret;
    private final String id;

    public Key(byte[] secret) {
      if (secret == null || secret.length < MIN_KEY_BYTES) {
        throw new IllegalArgumentException("a page-token key needs at least " + MIN_KEY_BYTES + " bytes");
      }
      this.secret = secret.clone();
      try {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update("competency-intake page-token key id\n".getBytes(StandardCharsets.UTF_8));
        this.id = Base64.getUrlEncoder().withoutPadding().encodeToString(sha.digest(secret)).substring(0, 12);
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("SHA-256 is always available", e);
      }
    }

    public String id() {
      return id;
    }

    /** HMAC-SHA256 of {@code text} under this key, base64url without padding. */
    public String sign(String text) {
      try {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret, "HmacSHA256"));
        byte[] signature = mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
      } catch (NoSuchAlgorithmException | InvalidKeyException e) {
        throw new IllegalStateException("HmacSHA256 is always available", e);
      }
    }

    /** Whether {@code signature} is this key's signature of {@code text}, compared in constant time. */
    public boolean verifies(String text, String signature) {
      return MessageDigest.isEqual(sign(text).getBytes(StandardCharsets.US_ASCII),
          signature.getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && Arrays.equals(secret, k.secret);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(secret);
    }

    @Override
    public String toString() {
      return "Key[" + id + "]";
    }
  }
}
