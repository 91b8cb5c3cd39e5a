package dev.intake.aws;

import dev.intake.aws.ClientFactory.Service;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * S3's client and presigner as {@link ClientFactory} configures them. Against a local S3 (S3Proxy)
 * they use path-style addressing, and the client computes and validates checksums only when an
 * operation requires them: the flexible checksums SDK v2 sends by default make a PutObject to
 * S3Proxy hang.
 */
public final class S3Clients {

  private S3Clients() {
  }

  public static S3Client client(ClientFactory factory) {
    S3ClientBuilder b = S3Client.builder();
    if (factory.isLocal(Service.S3)) {
      b.forcePathStyle(true)
          .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
          .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
    }
    return factory.build(Service.S3, b);
  }

  public static S3Presigner presigner(ClientFactory factory) {
    S3Presigner.Builder b = S3Presigner.builder()
        .region(factory.region())
        .credentialsProvider(factory.credentials(Service.S3));
    if (factory.isLocal(Service.S3)) {
      b.endpointOverride(factory.endpoint(Service.S3))
          .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build());
    }
    return b.build();
  }

  /** The object store over a client and presigner of {@code factory}. */
  public static S3ObjectStore objectStore(ClientFactory factory) {
    return new S3ObjectStore(client(factory), presigner(factory));
  }
}
