package dev.intake.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.intake.pipeline.ObjectRead;
import dev.intake.pipeline.StoreUnavailableException;
import dev.intake.testing.S3ProxyServer;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3.model.S3Exception;

class S3ObjectStoreTest {

  @RegisterExtension
  static final S3ProxyServer S3 = new S3ProxyServer();

  private static final String BUCKET = "intake";
  private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

  private static AwsClients clients;
  private static S3ObjectStore store;

  @BeforeAll
  static void connect() {
    S3.createBucket(BUCKET);
    clients = AwsClients.local(null, S3.endpoint());
    store = new S3ObjectStore(clients.s3(), clients.s3Presigner());
  }

  @AfterAll
  static void close() {
    clients.close();
  }

  @Test
  void write_thenRead_returnsSameBytes() {
    byte[] bytes = randomBytes(200_000, 1);

    store.write(BUCKET, "reports/sub-1/report.json", bytes, "application/json");

    assertThat(store.read(BUCKET, "reports/sub-1/report.json", null, 1_000_000)).hasValue(bytes);
  }

  @Test
  void readIfMatch_theAnnouncedUpload_returnsItsBytes() {
    byte[] bytes = randomBytes(5_000, 11);
    String eTag = clients.s3().putObject(b -> b.bucket(BUCKET).key("incoming/p1/same.xlsx"),
        software.amazon.awssdk.core.sync.RequestBody.fromBytes(bytes)).eTag();

    ObjectRead read = store.readIfMatch(BUCKET, "incoming/p1/same.xlsx", eTag.replace("\"", ""), 1_000_000);

    assertThat(read).isInstanceOfSatisfying(ObjectRead.Found.class, f -> assertThat(f.bytes()).isEqualTo(bytes));
  }

  @Test
  void readIfMatch_keyOverwrittenSinceTheEvent_isReplacedNotTheLaterBytes() {
    String eTag = clients.s3().putObject(b -> b.bucket(BUCKET).key("incoming/p1/burst.xlsx"),
        software.amazon.awssdk.core.sync.RequestBody.fromBytes(randomBytes(5_000, 12))).eTag();
    store.write(BUCKET, "incoming/p1/burst.xlsx", randomBytes(5_000, 13), XLSX);

    ObjectRead read = store.readIfMatch(BUCKET, "incoming/p1/burst.xlsx", eTag.replace("\"", ""), 1_000_000);

    assertThat(read).isInstanceOf(ObjectRead.Replaced.class);
  }

  @Test
  void readIfMatch_keyDeleted_isMissing() {
    ObjectRead read = store.readIfMatch(BUCKET, "incoming/p1/never-there.xlsx", "d41d8cd98f00b204e9800998ecf8427e",
        1_000);

    assertThat(read).isInstanceOf(ObjectRead.Missing.class);
  }

  @Test
  void read_objectLongerThanMax_returnsMaxPlusOneBytes() {
    byte[] bytes = randomBytes(10_000, 2);
    store.write(BUCKET, "incoming/p1/big.xlsx", bytes, XLSX);

    Optional<byte[]> read = store.read(BUCKET, "incoming/p1/big.xlsx", null, 100);

    assertThat(read).isPresent();
    assertThat(read.get()).hasSize(101).isEqualTo(Arrays.copyOf(bytes, 101));
  }

  @Test
  void read_objectExactlyMax_returnsAllBytes() {
    byte[] bytes = randomBytes(100, 3);
    store.write(BUCKET, "incoming/p1/exact.xlsx", bytes, XLSX);

    Optional<byte[]> read = store.read(BUCKET, "incoming/p1/exact.xlsx", null, 100);

    assertThat(read).hasValue(bytes);
  }

  @Test
  void read_emptyObject_returnsNoBytes() {
    store.write(BUCKET, "incoming/p1/empty.xlsx", new byte[0], XLSX);

    Optional<byte[]> read = store.read(BUCKET, "incoming/p1/empty.xlsx", null, 100);

    assertThat(read).isPresent();
    assertThat(read.get()).isEmpty();
  }

  @Test
  void read_missingKey_isEmpty() {
    Optional<byte[]> read = store.read(BUCKET, "incoming/p1/none.xlsx", null, 100);

    assertThat(read).isEmpty();
  }

  @Test
  void read_missingBucket_isAnErrorNotAMissingObject() {
    assertThatThrownBy(() -> store.read("no-such-bucket", "incoming/p1/none.xlsx", null, 100))
        .isInstanceOf(S3Exception.class)
        .isNotInstanceOf(StoreUnavailableException.class);
  }

  @Test
  void open_existingObject_streamsItsBytes() throws Exception {
    byte[] bytes = randomBytes(50_000, 4);
    store.write(BUCKET, "incoming/p1/stream.xlsx", bytes, XLSX);

    Optional<InputStream> opened = store.open(BUCKET, "incoming/p1/stream.xlsx", null);

    assertThat(opened).isPresent();
    try (InputStream in = opened.get()) {
      assertThat(in.readAllBytes()).isEqualTo(bytes);
    }
  }

  @Test
  void open_missingKey_isEmpty() {
    Optional<InputStream> opened = store.open(BUCKET, "incoming/p1/absent.xlsx", null);

    assertThat(opened).isEmpty();
  }

  @Test
  void exists_afterWrite_isTrueAndUnknownKeyIsFalse() {
    store.write(BUCKET, "reports/sub-2/report.json", "{}".getBytes(StandardCharsets.UTF_8), "application/json");

    boolean present = store.exists(BUCKET, "reports/sub-2/report.json");
    boolean absent = store.exists(BUCKET, "reports/sub-2/annotated.xlsx");

    assertThat(present).isTrue();
    assertThat(absent).isFalse();
  }

  @Test
  void presignGet_plainHttpGet_downloadsTheObject() throws Exception {
    byte[] bytes = randomBytes(30_000, 5);
    store.write(BUCKET, "reports/sub-3/annotated.xlsx", bytes, XLSX);

    URL url = store.presignGet(BUCKET, "reports/sub-3/annotated.xlsx", Duration.ofMinutes(15));

    HttpResponse<byte[]> response = HttpClient.newHttpClient()
        .send(HttpRequest.newBuilder(url.toURI()).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo(bytes);
  }

  @Test
  void presignGet_urlWithAlteredSignature_isRefusedByTheServer() throws Exception {
    store.write(BUCKET, "reports/sub-4/annotated.xlsx", randomBytes(100, 6), XLSX);
    URL url = store.presignGet(BUCKET, "reports/sub-4/annotated.xlsx", Duration.ofMinutes(15));
    String signed = url.toString();
    char last = signed.charAt(signed.length() - 1);
    String tampered = signed.substring(0, signed.length() - 1) + (last == '0' ? '1' : '0');

    HttpResponse<byte[]> response = HttpClient.newHttpClient()
        .send(HttpRequest.newBuilder(URI.create(tampered)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());

    assertThat(signed).contains("X-Amz-Signature=");
    assertThat(response.statusCode()).isEqualTo(403);
  }

  @Test
  void presignGet_ttlBeyondSevenDays_isIllegalArgument() {
    assertThatThrownBy(() -> store.presignGet(BUCKET, "k", Duration.ofDays(8)))
        .isInstanceOf(IllegalArgumentException.class);
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

  private static byte[] randomBytes(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }
}
