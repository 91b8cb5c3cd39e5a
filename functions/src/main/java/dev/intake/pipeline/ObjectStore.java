package dev.intake.pipeline;

import java.io.InputStream;
import java.net.URL;
import java.time.Duration;
import java.util.Optional;

/** The S3 operations the pipeline uses; the AWS adapter is the only implementation with SDK types. */
public interface ObjectStore extends WorkObjects {

  /** The longest a presigned link may live (SigV4's limit). */
  Duration MAX_PRESIGN_TTL = Duration.ofDays(7);

  /**
   * The object's current bytes if its ETag is still {@code eTag} (at most {@code maxBytes + 1}), for a
   * bucket without versions where the key may have been overwritten since the event: never the
   * bytes of another upload.
   */
  ObjectRead readIfMatch(String bucket, String key, String eTag, long maxBytes);

  /** Streams the object; the caller closes the stream. Empty when there is no such object. */
  Optional<InputStream> open(String bucket, String key, String versionId);

  boolean exists(String bucket, String key);

  /**
   * A GET URL valid for {@code ttl}.
   *
   * @throws IllegalArgumentException when {@code ttl} is not positive or longer than {@link #MAX_PRESIGN_TTL}
   */
  URL presignGet(String bucket, String key, Duration ttl);
}
