package dev.intake.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.intake.api.UploadLinks;
import dev.intake.api.UploadPresigner.PresignedUpload;
import dev.intake.testing.S3ProxyServer;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URL;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The presigned PUT of POST /uploads against S3Proxy, which verifies SigV4 signatures: the upload
 * works with exactly the signed type and size, and anything else is refused by the store itself.
 */
class S3UploadPresignerTest {

  @RegisterExtension
  static final S3ProxyServer S3 = new S3ProxyServer();

  private static final String BUCKET = "intake";
  private static final Duration TTL = Duration.ofMinutes(15);

  private static AwsClients clients;
  private static S3UploadPresigner presigner;
  private static S3ObjectStore objects;

  @BeforeAll
  static void connect() {
    S3.createBucket(BUCKET);
    clients = AwsClients.local(null, S3.endpoint());
    presigner = new S3UploadPresigner(clients.s3Presigner());
    objects = new S3ObjectStore(clients.s3(), clients.s3Presigner());
  }

  @AfterAll
  static void close() {
    clients.close();
  }

  @Test
  void presignedPut_withTheSignedHeaders_storesTheWorkbook() throws IOException {
    // given
    byte[] workbook = bytes(4096, 'a');
    PresignedUpload link = presigner.presignPut(BUCKET, "incoming/P-1/ok.xlsx", UploadLinks.XLSX, workbook.length,
        TTL);

    // when
    int status = put(link.url(), link.headers(), workbook);

    // then
    assertThat(status).isEqualTo(200);
    assertThat(objects.read(BUCKET, "incoming/P-1/ok.xlsx", null, 10_000)).hasValue(workbook);
  }

  @Test
  void presignedPut_headers_areContentTypeAndLengthOnly() {
    PresignedUpload link = presigner.presignPut(BUCKET, "incoming/P-1/h.xlsx", UploadLinks.XLSX, 10, TTL);

    assertThat(link.headers()).isEqualTo(Map.of("Content-Type", UploadLinks.XLSX, "Content-Length", "10"));
  }

  @Test
  void presignedPut_url_carriesTheSignatureAndTheExpiry() {
    PresignedUpload link = presigner.presignPut(BUCKET, "incoming/P-1/u.xlsx", UploadLinks.XLSX, 10, TTL);

    assertThat(link.url().getQuery()).contains("X-Amz-Signature=").contains("X-Amz-Expires=900")
        .contains("X-Amz-SignedHeaders=content-length%3Bcontent-type%3Bhost");
  }

  @Test
  void presignedPut_largerBodyThanSigned_isRefusedByTheStore() throws IOException {
    // given: signed for 100 bytes
    PresignedUpload link = presigner.presignPut(BUCKET, "incoming/P-1/big.xlsx", UploadLinks.XLSX, 100, TTL);
    byte[] more = bytes(5000, 'b');

    // when: the client says (and sends) 5,000
    int status = put(link.url(), Map.of("Content-Type", UploadLinks.XLSX), more);

    // then
    assertThat(status).isEqualTo(403);
    assertThat(objects.exists(BUCKET, "incoming/P-1/big.xlsx")).isFalse();
  }

  @Test
  void presignedPut_otherContentType_isRefusedByTheStore() throws IOException {
    // given
    byte[] body = bytes(64, 'c');
    PresignedUpload link = presigner.presignPut(BUCKET, "incoming/P-1/type.xlsx", UploadLinks.XLSX, body.length,
        TTL);

    // when
    int status = put(link.url(), Map.of("Content-Type", "text/html"), body);

    // then
    assertThat(status).isEqualTo(403);
    assertThat(objects.exists(BUCKET, "incoming/P-1/type.xlsx")).isFalse();
  }

  @Test
  void presignedPut_anotherKeyWithTheSameSignature_isRefusedByTheStore() throws IOException {
    // given
    byte[] body = bytes(64, 'd');
    PresignedUpload link = presigner.presignPut(BUCKET, "incoming/P-1/mine.xlsx", UploadLinks.XLSX, body.length,
        TTL);
    URL other = new URL(link.url().toString().replace("/incoming/P-1/mine.xlsx", "/incoming/P-2/theirs.xlsx"));

    // when
    int status = put(other, link.headers(), body);

    // then
    assertThat(status).isEqualTo(403);
    assertThat(objects.exists(BUCKET, "incoming/P-2/theirs.xlsx")).isFalse();
  }

  @Test
  void presignedPut_ttlOverSevenDays_isRefused() {
    assertThatThrownBy(() -> presigner.presignPut(BUCKET, "incoming/P-1/x.xlsx", UploadLinks.XLSX, 1,
        Duration.ofDays(8))).isInstanceOf(IllegalArgumentException.class);
  }

  /** A plain HTTP PUT, as a partner's script would send it; Content-Length is the body's length. */
  private static int put(URL url, Map<String, String> headers, byte[] body) throws IOException {
    HttpURLConnection c = (HttpURLConnection) url.openConnection();
    c.setRequestMethod("PUT");
    c.setDoOutput(true);
    c.setFixedLengthStreamingMode(body.length);
    headers.forEach((k, v) -> {
      if (!k.equalsIgnoreCase("Content-Length")) {
        c.setRequestProperty(k, v);
      }
    });
    c.getOutputStream().write(body);
    int status = c.getResponseCode();
    Optional.ofNullable(status >= 400 ? c.getErrorStream() : c.getInputStream()).ifPresent(in -> {
      try (in) {
        in.readAllBytes();
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    c.disconnect();
    return status;
  }

  private static byte[] bytes(int n, char c) {
    byte[] b = new byte[n];
    Arrays.fill(b, (byte) c);
    return b;
  }
}
