package dev.intake.testing;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * S3 events of a bucket without versions, announcing particular bytes: S3 puts the object's ETag
 * (the MD5 of a single-part upload's bytes) in the event, and intake only evaluates those bytes.
 */
public final class UnversionedEvents {

  /** The bucket-without-versions sample event. */
  public static final String SAMPLE = "test-events/s3-put-versioning-suspended.json";
  private static final String SAMPLE_ETAG = "d41d8cd98f00b204e9800998ecf8427e";

  private UnversionedEvents() {
  }

  /** The sample event, announcing an upload of {@code bytes}. */
  public static S3Event announcing(byte[] bytes) {
    try (InputStream in = UnversionedEvents.class.getClassLoader().getResourceAsStream(SAMPLE)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + SAMPLE);
      }
      String json = new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .replace(SAMPLE_ETAG, InMemoryObjectStore.eTag(bytes));
      return LambdaEventSerializers.serializerFor(S3Event.class, UnversionedEvents.class.getClassLoader())
          .fromJson(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
