package dev.intake.testing;

import dev.intake.pipeline.ObjectRead;
import dev.intake.pipeline.ObjectStore;
import java.io.InputStream;
import java.net.URL;
import java.time.Duration;
import java.util.Optional;

/** Passes every call to another object store; tests override the calls they want to break or observe. */
public class ForwardingObjectStore implements ObjectStore {

  private final ObjectStore delegate;

  public ForwardingObjectStore(ObjectStore delegate) {
    this.delegate = delegate;
  }

  @Override public Optional<byte[]> read(String bucket, String key, String versionId, long maxBytes) {
    return delegate.read(bucket, key, versionId, maxBytes);
  }

  @Override public ObjectRead readIfMatch(String bucket, String key, String eTag, long maxBytes) {
    return delegate.readIfMatch(bucket, key, eTag, maxBytes);
  }

  @Override public Optional<InputStream> open(String bucket, String key, String versionId) {
    return delegate.open(bucket, key, versionId);
  }

  @Override public void write(String bucket, String key, byte[] bytes, String contentType) {
    delegate.write(bucket, key, bytes, contentType);
  }

  @Override public boolean exists(String bucket, String key) {
    return delegate.exists(bucket, key);
  }

  @Override public URL presignGet(String bucket, String key, Duration ttl) {
    return delegate.presignGet(bucket, key, ttl);
  }
}
