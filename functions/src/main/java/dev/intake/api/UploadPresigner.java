package dev.intake.api;

import java.net.URL;
import java.time.Duration;
import java.util.Map;

/**
 * Signs one upload a caller then makes straight to the object store (the port behind
 * {@code POST /uploads}); the adapters are S3's presigner, on AWS and against S3Proxy alike.
 */
@FunctionalInterface
public interface UploadPresigner {

  /**
   * A PUT of exactly this object, content type and length, valid for {@code ttl}: the store refuses
   * the upload if any of them differs.
   */
  PresignedUpload presignPut(String bucket, String key, String contentType, long contentLength, Duration ttl);

  /**
   * A signed upload.
   *
   * @param headers what the uploader must send with the PUT, as signed (never {@code Host})
   */
  record PresignedUpload(URL url, Map<String, String> headers) {

    public PresignedUpload {
      headers = Map.copyOf(headers);
    }
  }
}
