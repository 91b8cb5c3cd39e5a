package dev.intake.local;

import dev.intake.engines.S3ProxyEngine;
import dev.intake.pipeline.ObjectRead;
import dev.intake.pipeline.ObjectStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.time.Duration;
import java.util.Optional;

/**
 * The pipeline's object store on the local S3, reading object versions where S3 would: S3Proxy
 * answers a GET with {@code versionId} with the current object, so a read of a version the local S3
 * kept (one per put under {@code incoming/}) is served from those kept bytes instead. Everything
 * else goes to S3 as is.
 */
final class KeptVersions implements ObjectStore {

  private final ObjectStore s3;
  private final S3ProxyEngine engine;

  KeptVersions(ObjectStore s3, S3ProxyEngine engine) {
    this.s3 = s3;
    this.engine = engine;
  }

  @Override
  public Optional<byte[]> read(String bucket, String key, String versionId, long maxBytes) {
    if (versionId == null) {
      return s3.read(bucket, key, null, maxBytes);
    }
    return engine.openVersion(bucket, key, versionId).map(in -> {
      try (in) {
        return in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read version " + versionId + " of " + key, e);
      }
    });
  }

  @Override
  public Optional<InputStream> open(String bucket, String key, String versionId) {
    return versionId == null ? s3.open(bucket, key, null) : engine.openVersion(bucket, key, versionId);
  }

  @Override
  public ObjectRead readIfMatch(String bucket, String key, String eTag, long maxBytes) {
    return s3.readIfMatch(bucket, key, eTag, maxBytes);
  }

  @Override
  public void write(String bucket, String key, byte[] bytes, String contentType) {
    s3.write(bucket, key, bytes, contentType);
  }

  @Override
  public boolean exists(String bucket, String key) {
    return s3.exists(bucket, key);
  }

  @Override
  public URL presignGet(String bucket, String key, Duration ttl) {
    return s3.presignGet(bucket, key, ttl);
  }
}
