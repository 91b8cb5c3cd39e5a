package dev.intake.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.intake.pipeline.ObjectStore;
import dev.intake.pipeline.ObjectStoreContract;
import dev.intake.pipeline.StoreUnavailableException;
import dev.intake.testing.S3ProxyServer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** The S3 adapter on S3Proxy: the object store's contract, and what only S3 has (signatures, buckets, outages). */
class S3ObjectStoreTest extends ObjectStoreContract {

  @RegisterExtension
  static final S3ProxyServer S3 = new S3ProxyServer();

  private static AwsClients clients;

  @BeforeAll
  static void connect() {
    S3.createBucket(BUCKET);
    clients = AwsClients.local(null, S3.endpoint());
  }

  @AfterAll
  static void close() {
    clients.close();
  }

  @Override
  protected ObjectStore newStore() {
    return new S3ObjectStore(clients.s3(), clients.s3Presigner());
  }
  @Test
  void read_missingBucket_isAnErrorNotAMissingObject() {
    assertThatThrownBy(() -> store.read("no-such-bucket", "incoming/p1/none.xlsx", null, 100))
        .isInstanceOf(S3Exception.class)
        .isNotInstanceOf(StoreUnavailableException.class);
  }
  @Test
  void presignGet_plainHttpGet_downloadsTheObject() throws Exception {
    byte[] bytes = randomBytes(30_000, 5);
    store.write(BUCKET, key("reports/sub-3/annotated.xlsx"), bytes, XLSX);

    URL url = store.presignGet(BUCKET, key("reports/sub-3/annotated.xlsx"), Duration.ofMinutes(15));

    HttpResponse<byte[]> response = HttpClient.newHttpClient()
        .send(HttpRequest.newBuilder(url.toURI()).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo(bytes);
  }
  @Test
  void presignGet_urlWithAlteredSignature_isRefusedByTheServer() throws Exception {
    store.write(BUCKET, key("reports/sub-4/annotated.xlsx"), randomBytes(100, 6), XLSX);
    URL url = store.presignGet(BUCKET, key("reports/sub-4/annotated.xlsx"), Duration.ofMinutes(15));
    String signed = url.toString();
    char last = signed.charAt(signed.length() - 1);
    String tampered = signed.substring(0, signed.length() - 1) + (last == '0' ? '1' : '0');

    HttpResponse<byte[]> response = HttpClient.newHttpClient()
        .send(HttpRequest.newBuilder(URI.create(tampered)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());

    assertThat(signed).contains("X-Amz-Signature=");
    assertThat(response.statusCode()).isEqualTo(403);
  }
  @Test
  void read_serverUnreachable_isStoreUnavailable() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    try (AwsClients unreachable = AwsClients.local(null, URI.create("http://127.0.0.1:" + closedPort))) {
      S3ObjectStore down = new S3ObjectStore(unreachable.s3(), unreachable.s3Presigner());

      assertThatThrownBy(() -> down.read(BUCKET, "k", null, 10)).isInstanceOf(StoreUnavailableException.class);
      assertThatThrownBy(() -> down.write(BUCKET, "k", new byte[1], XLSX))
          .isInstanceOf(StoreUnavailableException.class);
    }
  }
}
