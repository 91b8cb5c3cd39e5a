package dev.intake.engines;

import java.time.Instant;
import java.util.Objects;

/**
 * One kept version of an object: what an S3 event notification announces about a put.
 *
 * @param sequencer orders the puts of the engine (hexadecimal, 16 digits, increasing), as S3's
 *     event sequencer orders those of one key
 */
public record ObjectVersion(String bucket, String key, String versionId, String eTag, long size,
    Instant lastModified, String sequencer) {

  public ObjectVersion {
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(versionId, "versionId");
    Objects.requireNonNull(lastModified, "lastModified");
  }
}
