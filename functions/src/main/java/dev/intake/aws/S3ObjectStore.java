package dev.intake.aws;

import dev.intake.pipeline.ObjectRead;
import dev.intake.pipeline.ObjectStore;
import dev.intake.pipeline.StoreUnavailableException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.GetObjectPresignRequest;

/**
 * The object store on S3 (or S3Proxy locally).
 *
 * <p>A missing object or version is an empty answer. On AWS that needs {@code s3:ListBucket} on the
 * bucket: without it S3 answers a missing key with 403, which this class lets through as the
 * misconfiguration it is. Network faults, throttling and 5xx answers (after the SDK's retries) are
 * {@link StoreUnavailableException}s.
 */
public final class S3ObjectStore implements ObjectStore {

  private final S3Client s3;
  private final S3Presigner presigner;

  public S3ObjectStore(S3Client s3, S3Presigner presigner) {
    this.s3 = Objects.requireNonNull(s3, "s3");
    this.presigner = Objects.requireNonNull(presigner, "presigner");
  }

  /**
   * {@inheritDoc}
   *
   * <p>Asks only for the first {@code maxBytes + 1} bytes (a range request) and reads no more than
   * that even from a server that ignores the range, so a huge object costs no more than a small one.
   */
  @Override
  public Optional<byte[]> read(String bucket, String key, String versionId, long maxBytes) {
    if (maxBytes < 0 || maxBytes >= Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("maxBytes must be between 0 and " + (Integer.MAX_VALUE - 9));
    }
    GetObjectRequest request = GetObjectRequest.builder()
        .bucket(bucket)
        .key(key)
        .versionId(versionId)
        .range("bytes=0-" + maxBytes)
        .build();
    try (ResponseInputStream<GetObjectResponse> in = s3.getObject(request)) {
      return Optional.of(in.readNBytes((int) maxBytes + 1));
    } catch (S3Exception e) {
      if (e.statusCode() == 416) {
        // A range cannot be satisfied only by an object that exists and is empty.
        return Optional.of(new byte[0]);
      }
      if (missing(e, versionId)) {
        return Optional.empty();
      }
      throw AwsFailures.translate("read s3://" + bucket + "/" + key, e);
    } catch (SdkException e) {
      throw AwsFailures.translate("read s3://" + bucket + "/" + key, e);
    } catch (IOException e) {
      throw new StoreUnavailableException("read s3://" + bucket + "/" + key + " broke off: " + e.getMessage(), e);
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>One conditional GET ({@code If-Match}): S3 answers 412 when the key holds other bytes now.
   */
  @Override
  public ObjectRead readIfMatch(String bucket, String key, String eTag, long maxBytes) {
    if (maxBytes < 0 || maxBytes >= Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("maxBytes must be between 0 and " + (Integer.MAX_VALUE - 9));
    }
    String quoted = eTag.startsWith("\"") ? eTag : "\"" + eTag + "\"";
    GetObjectRequest request = GetObjectRequest.builder()
        .bucket(bucket)
        .key(key)
        .ifMatch(quoted)
        .range("bytes=0-" + maxBytes)
        .build();
    try (ResponseInputStream<GetObjectResponse> in = s3.getObject(request)) {
      return new ObjectRead.Found(in.readNBytes((int) maxBytes + 1));
    } catch (S3Exception e) {
      if (e.statusCode() == 412) {
        return new ObjectRead.Replaced();
      }
      if (e.statusCode() == 416) {
        return new ObjectRead.Found(new byte[0]);
      }
      if (missing(e, null)) {
        return new ObjectRead.Missing();
      }
      throw AwsFailures.translate("read s3://" + bucket + "/" + key, e);
    } catch (SdkException e) {
      throw AwsFailures.translate("read s3://" + bucket + "/" + key, e);
    } catch (IOException e) {
      throw new StoreUnavailableException("read s3://" + bucket + "/" + key + " broke off: " + e.getMessage(), e);
    }
  }

  @Override
  public Optional<InputStream> open(String bucket, String key, String versionId) {
    try {
      return Optional.of(s3.getObject(b -> b.bucket(bucket).key(key).versionId(versionId)));
    } catch (S3Exception e) {
      if (missing(e, versionId)) {
        return Optional.empty();
      }
      throw AwsFailures.translate("open s3://" + bucket + "/" + key, e);
    } catch (SdkException e) {
      throw AwsFailures.translate("open s3://" + bucket + "/" + key, e);
    }
  }

  @Override
  public void write(String bucket, String key, byte[] bytes, String contentType) {
    try {
      s3.putObject(b -> b.bucket(bucket).key(key).contentType(contentType), RequestBody.fromBytes(bytes));
    } catch (SdkException e) {
      throw AwsFailures.translate("write s3://" + bucket + "/" + key, e);
    }
  }

  @Override
  public boolean exists(String bucket, String key) {
    try {
      s3.headObject(b -> b.bucket(bucket).key(key));
      return true;
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return false;
      }
      throw AwsFailures.translate("head s3://" + bucket + "/" + key, e);
    } catch (SdkException e) {
      throw AwsFailures.translate("head s3://" + bucket + "/" + key, e);
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>Signed locally, no call to S3. A URL signed with temporary credentials (a Lambda role)
   * stops working when they expire, even if {@code ttl} has not run out.
   *
   * @throws IllegalArgumentException when {@code ttl} is not positive or longer than 7 days
   */
  @Override
  public URL presignGet(String bucket, String key, Duration ttl) {
    if (ttl == null || ttl.isNegative() || ttl.isZero() || ttl.compareTo(MAX_PRESIGN_TTL) > 0) {
      throw new IllegalArgumentException("ttl must be positive and at most " + MAX_PRESIGN_TTL + ", was " + ttl);
    }
    try {
      GetObjectPresignRequest request = GetObjectPresignRequest.builder()
          .signatureDuration(ttl)
          .getObjectRequest(b -> b.bucket(bucket).key(key))
          .build();
      return presigner.presignGetObject(request).url();
    } catch (SdkException e) {
      throw AwsFailures.translate("presign s3://" + bucket + "/" + key, e);
    }
  }

  /**
   * No such key or version. S3 answers an unknown version id of a valid form with 404 and a
   * malformed one with 400 InvalidArgument; both mean "that version is not there". A missing
   * bucket is not a missing object but a misconfiguration, and stays an error.
   */
  private static boolean missing(S3Exception e, String versionId) {
    String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
    if (e.statusCode() == 404) {
      return !"NoSuchBucket".equals(code);
    }
    return versionId != null && e.statusCode() == 400 && "InvalidArgument".equals(code);
  }
}
