package dev.intake.pipeline;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Submission ids are derived, not random: the same object version always gets the same id, so a
 * duplicate S3 event finds the submission that already exists and starts no second evaluation.
 */
public final class SubmissionIds {

  private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

  private SubmissionIds() {
  }

  /** {@code sub-} and 26 base32 characters of SHA-256 over bucket, key and version (or eTag). */
  public static String submissionId(String bucket, String key, String versionOrETag) {
    return "sub-" + hash(bucket + "\n" + key + "\n" + (versionOrETag == null ? "" : versionOrETag));
  }

  /** The id every version of one key shares: its evaluation history. */
  public static String documentId(String bucket, String key) {
    return "doc-" + hash(bucket + "\n" + key);
  }

  /** The longest S3 event sequencer a submission may carry, in hexadecimal digits. */
  public static final int MAX_SEQUENCER_DIGITS = 64;

  private static final Pattern SEQUENCER = Pattern.compile("[0-9A-Fa-f]{1," + MAX_SEQUENCER_DIGITS + "}");

  /**
   * The S3 event sequencer as a string whose order is upload order: upper-case hexadecimal,
   * zero-padded on the left to {@value #MAX_SEQUENCER_DIGITS} digits, as S3 documents comparing
   * sequencers of one key. No sequencer sorts first.
   *
   * @throws IllegalArgumentException when the sequencer is not 1 to 64 hexadecimal digits
   */
  public static String sortableSequencer(String sequencer) {
    if (sequencer == null) {
      return "0".repeat(MAX_SEQUENCER_DIGITS);
    }
    if (!SEQUENCER.matcher(sequencer).matches()) {
      throw new IllegalArgumentException("sequencer must be 1 to " + MAX_SEQUENCER_DIGITS + " hex digits: "
          + sequencer);
    }
    return "0".repeat(MAX_SEQUENCER_DIGITS - sequencer.length()) + sequencer.toUpperCase(Locale.ROOT);
  }

  /** Whether a string has the form of a submission id (checked before any lookup). */
  public static boolean isSubmissionId(String s) {
    return s != null && s.matches("sub-[a-z2-7]{26}");
  }

  private static String hash(String s) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      StringBuilder out = new StringBuilder(26);
      int buffer = 0;
      int bits = 0;
      for (int i = 0; i < d.length && out.length() < 26; i++) {
        buffer = (buffer << 8) | (d[i] & 0xff);
        bits += 8;
        while (bits >= 5 && out.length() < 26) {
          out.append(BASE32[(buffer >> (bits - 5)) & 31]);
          bits -= 5;
        }
      }
      return out.toString().toLowerCase(Locale.ROOT);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }
}
