package dev.intake.aws;

import dev.intake.api.UploadPresigner;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;
import software.amazon.awssdk.services.s3.presigner.model.PutObjectPresignRequest;

/**
 * Presigned S3 PUTs (SigV4, query-string signature) on AWS or S3Proxy. {@code Content-Type} and
 * {@code Content-Length} are signed headers, so S3 answers 403 to an upload with another type or
 * size. Signed locally with the function's own credentials: the URL can do no more than the
 * function's role may (PutObject under incoming/), and stops working when those credentials
 * expire, even before its own expiry.
 */
public final class S3UploadPresigner implements UploadPresigner {

  private final S3Presigner presigner;

  public S3UploadPresigner(S3Presigner presigner) {
    this.presigner = Objects.requireNonNull(presigner, "presigner");
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException when {@code ttl} is not positive or longer than 7 days
   */
  @Override
  public PresignedUpload presignPut(String bucket, String key, String contentType, long contentLength, Duration ttl) {
    if (ttl == null || ttl.isNegative() || ttl.isZero() || ttl.compareTo(S3ObjectStore.MAX_PRESIGN_TTL) > 0) {
      throw new IllegalArgumentException("ttl must be positive and at most " + S3ObjectStore.MAX_PRESIGN_TTL
          + ", was " + ttl);
    }
    if (contentLength < 1) {
      throw new IllegalArgumentException("contentLength must be positive, was " + contentLength);
    }
    try {
      PresignedPutObjectRequest signed = presigner.presignPutObject(PutObjectPresignRequest.builder()
          .signatureDuration(ttl)
          .putObjectRequest(b -> b.bucket(bucket).key(key).contentType(contentType).contentLength(contentLength))
          .build());
      Map<String, String> headers = new TreeMap<>();
      for (Map.Entry<String, List<String>> h : signed.signedHeaders().entrySet()) {
        if (!h.getKey().toLowerCase(Locale.ROOT).equals("host")) {
          headers.put(canonical(h.getKey()), String.join(",", h.getValue()));
        }
      }
      return new PresignedUpload(signed.url(), headers);
    } catch (SdkException e) {
      throw AwsFailures.translate("presign PUT s3://" + bucket + "/" + key, e);
    }
  }

  /** {@code content-type} → {@code Content-Type}: how HTTP clients and docs spell them. */
  private static String canonical(String header) {
    StringBuilder out = new StringBuilder(header.length());
    boolean upper = true;
    for (char c : header.toCharArray()) {
      out.append(upper ? Character.toUpperCase(c) : c);
      upper = c == '-';
    }
    return out.toString();
  }
}
