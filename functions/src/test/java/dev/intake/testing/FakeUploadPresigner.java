package dev.intake.testing;

import dev.intake.api.UploadPresigner;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An upload presigner that signs nothing: it answers with a URL that names what it was asked for
 * and records each request, for tests of the API's handling around it (the real signature is
 * tested against S3Proxy in S3UploadPresignerTest).
 */
public final class FakeUploadPresigner implements UploadPresigner {

  /** One request. */
  public record Request(String bucket, String key, String contentType, long contentLength, Duration ttl) {
  }

  private final List<Request> requests = new CopyOnWriteArrayList<>();

  @Override
  public PresignedUpload presignPut(String bucket, String key, String contentType, long contentLength, Duration ttl) {
    requests.add(new Request(bucket, key, contentType, contentLength, ttl));
    try {
      return new PresignedUpload(URI.create("https://uploads.example/" + bucket + "/"
          + URLEncoder.encode(key, StandardCharsets.UTF_8) + "?X-Amz-Expires=" + ttl.toSeconds()).toURL(),
          Map.of("Content-Type", contentType, "Content-Length", Long.toString(contentLength)));
    } catch (MalformedURLException e) {
      throw new IllegalStateException(e);
    }
  }

  public List<Request> requests() {
    return List.copyOf(requests);
  }
}
