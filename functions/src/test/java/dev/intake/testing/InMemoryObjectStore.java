package dev.intake.testing;

import dev.intake.pipeline.ObjectRead;
import dev.intake.pipeline.ObjectStore;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A hand-written fake of S3 for handler tests, held to the S3 adapter's rules by
 * {@code ObjectStoreContract}. The latest write of a key wins, and a read of any version gets it,
 * unless that version was put with {@link #put(String, String, String, byte[])} (unlike S3, where an
 * unknown version is missing: the sample events name versions the tests put without one).
 */
public final class InMemoryObjectStore implements ObjectStore {

  private final Map<String, byte[]> objects = new ConcurrentHashMap<>();
  private final Map<String, byte[]> versions = new ConcurrentHashMap<>();

  public void put(String bucket, String key, byte[] bytes) {
    objects.put(bucket + "/" + key, bytes.clone());
  }

  /** One version of a key, which also becomes its latest, as in a bucket that keeps versions. */
  public void put(String bucket, String key, String versionId, byte[] bytes) {
    versions.put(bucket + "/" + key + "#" + versionId, bytes.clone());
    put(bucket, key, bytes);
  }

  private Optional<byte[]> version(String bucket, String key, String versionId) {
    byte[] kept = versionId == null ? null : versions.get(bucket + "/" + key + "#" + versionId);
    return kept != null ? Optional.of(kept) : get(bucket, key);
  }

  public Optional<byte[]> get(String bucket, String key) {
    return Optional.ofNullable(objects.get(bucket + "/" + key));
  }

  @Override public Optional<byte[]> read(String bucket, String key, String versionId, long maxBytes) {
    if (maxBytes < 0 || maxBytes >= Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("maxBytes must be between 0 and " + (Integer.MAX_VALUE - 9));
    }
    return version(bucket, key, versionId)
        .map(b -> b.length > maxBytes + 1 ? Arrays.copyOf(b, (int) (maxBytes + 1)) : b);
  }

  /** The latest bytes of the key, if their MD5 (S3's ETag of a single-part upload) is {@code eTag}. */
  @Override public ObjectRead readIfMatch(String bucket, String key, String eTag, long maxBytes) {
    Optional<byte[]> current = get(bucket, key);
    if (current.isEmpty()) {
      return new ObjectRead.Missing();
    }
    if (!eTag(current.get()).equals(eTag.replace("\"", ""))) {
      return new ObjectRead.Replaced();
    }
    return new ObjectRead.Found(read(bucket, key, null, maxBytes).orElseThrow());
  }

  /** S3's ETag of a single-part upload: the MD5 of its bytes, in hex. */
  public static String eTag(byte[] bytes) {
    try {
      return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is always available", e);
    }
  }

  @Override public Optional<InputStream> open(String bucket, String key, String versionId) {
    return version(bucket, key, versionId).map(ByteArrayInputStream::new);
  }

  @Override public void write(String bucket, String key, byte[] bytes, String contentType) {
    put(bucket, key, bytes);
  }

  @Override public boolean exists(String bucket, String key) {
    return objects.containsKey(bucket + "/" + key);
  }

  @Override public URL presignGet(String bucket, String key, Duration ttl) {
    if (ttl == null || ttl.isNegative() || ttl.isZero() || ttl.compareTo(MAX_PRESIGN_TTL) > 0) {
      throw new IllegalArgumentException("ttl must be positive and at most " + MAX_PRESIGN_TTL + ", was " + ttl);
    }
    try {
      return new URL("https://" + bucket + ".s3.example/" + key + "?X-Amz-Expires=" + ttl.toSeconds());
    } catch (MalformedURLException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
