package dev.intake.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ObjectStore} does: run against the S3 adapter on S3Proxy and against the
 * in-memory fake the service and handler tests use. A subclass gives a store with an empty bucket
 * named {@link #BUCKET}. Object versions are not part of it: S3Proxy keeps none.
 */
public abstract class ObjectStoreContract {

  protected static final String BUCKET = "intake";
  protected static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

  protected ObjectStore store;
  /** Keys differ per test: a subclass may share one bucket between tests. */
  private static int sequence;
  private String prefix;

  /** A store whose bucket {@link #BUCKET} exists. */
  protected abstract ObjectStore newStore();

  @BeforeEach
  void freshStore() {
    store = newStore();
    prefix = "t" + (++sequence) + "/";
  }

  @Test
  void write_thenRead_returnsSameBytes() {
    byte[] bytes = randomBytes(200_000, 1);

    store.write(BUCKET, key("reports/sub-1/report.json"), bytes, "application/json");

    assertThat(store.read(BUCKET, key("reports/sub-1/report.json"), null, 1_000_000)).hasValue(bytes);
  }

  @Test
  void write_sameKeyAgain_replacesTheObject() {
    store.write(BUCKET, key("templates/t.xlsx"), randomBytes(500, 7), XLSX);
    byte[] second = randomBytes(300, 8);

    store.write(BUCKET, key("templates/t.xlsx"), second, XLSX);

    assertThat(store.read(BUCKET, key("templates/t.xlsx"), null, 1_000)).hasValue(second);
  }

  @Test
  void read_objectLongerThanMax_returnsMaxPlusOneBytes() {
    byte[] bytes = randomBytes(10_000, 2);
    store.write(BUCKET, key("incoming/p1/big.xlsx"), bytes, XLSX);

    Optional<byte[]> read = store.read(BUCKET, key("incoming/p1/big.xlsx"), null, 100);

    assertThat(read).isPresent();
    assertThat(read.get()).hasSize(101).isEqualTo(Arrays.copyOf(bytes, 101));
  }

  @Test
  void read_objectExactlyMax_returnsAllBytes() {
    byte[] bytes = randomBytes(100, 3);
    store.write(BUCKET, key("incoming/p1/exact.xlsx"), bytes, XLSX);

    Optional<byte[]> read = store.read(BUCKET, key("incoming/p1/exact.xlsx"), null, 100);

    assertThat(read).hasValue(bytes);
  }

  @Test
  void read_emptyObject_returnsNoBytes() {
    store.write(BUCKET, key("incoming/p1/empty.xlsx"), new byte[0], XLSX);

    Optional<byte[]> read = store.read(BUCKET, key("incoming/p1/empty.xlsx"), null, 100);

    assertThat(read).isPresent();
    assertThat(read.get()).isEmpty();
  }

  @Test
  void read_missingKey_isEmpty() {
    Optional<byte[]> read = store.read(BUCKET, key("incoming/p1/none.xlsx"), null, 100);

    assertThat(read).isEmpty();
  }

  @Test
  void read_negativeMax_isIllegalArgument() {
    store.write(BUCKET, key("incoming/p1/any.xlsx"), randomBytes(10, 9), XLSX);

    assertThatThrownBy(() -> store.read(BUCKET, key("incoming/p1/any.xlsx"), null, -1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void open_existingObject_streamsItsBytes() throws Exception {
    byte[] bytes = randomBytes(50_000, 4);
    store.write(BUCKET, key("incoming/p1/stream.xlsx"), bytes, XLSX);

    Optional<InputStream> opened = store.open(BUCKET, key("incoming/p1/stream.xlsx"), null);

    assertThat(opened).isPresent();
    try (InputStream in = opened.get()) {
      assertThat(in.readAllBytes()).isEqualTo(bytes);
    }
  }

  @Test
  void open_missingKey_isEmpty() {
    Optional<InputStream> opened = store.open(BUCKET, key("incoming/p1/absent.xlsx"), null);

    assertThat(opened).isEmpty();
  }

  @Test
  void exists_afterWrite_isTrueAndUnknownKeyIsFalse() {
    store.write(BUCKET, key("reports/sub-2/report.json"), "{}".getBytes(StandardCharsets.UTF_8), "application/json");

    boolean present = store.exists(BUCKET, key("reports/sub-2/report.json"));
    boolean absent = store.exists(BUCKET, key("reports/sub-2/annotated.xlsx"));

    assertThat(present).isTrue();
    assertThat(absent).isFalse();
  }

  @Test
  void presignGet_anyObject_isAUrlNamingItsKey() {
    store.write(BUCKET, key("reports/sub-3/annotated.xlsx"), randomBytes(100, 5), XLSX);

    URL url = store.presignGet(BUCKET, key("reports/sub-3/annotated.xlsx"), Duration.ofMinutes(15));

    assertThat(url.getPath()).endsWith("/" + key("reports/sub-3/annotated.xlsx"));
  }

  @Test
  void presignGet_ttlBeyondSevenDays_isIllegalArgument() {
    assertThatThrownBy(() -> store.presignGet(BUCKET, key("k"), Duration.ofDays(8)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void presignGet_ttlNotPositive_isIllegalArgument() {
    assertThatThrownBy(() -> store.presignGet(BUCKET, key("k"), Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** The key under this test's own prefix. */
  @Test
  void readIfMatch_theAnnouncedUpload_returnsItsBytes() {
    byte[] bytes = randomBytes(5_000, 11);
    store.write(BUCKET, key("same.xlsx"), bytes, XLSX);

    ObjectRead read = store.readIfMatch(BUCKET, key("same.xlsx"), md5(bytes), 1_000_000);

    assertThat(read).isInstanceOfSatisfying(ObjectRead.Found.class, f -> assertThat(f.bytes()).isEqualTo(bytes));
  }

  @Test
  void readIfMatch_quotedETag_isTheSameETag() {
    byte[] bytes = randomBytes(5_000, 14);
    store.write(BUCKET, key("quoted.xlsx"), bytes, XLSX);

    ObjectRead read = store.readIfMatch(BUCKET, key("quoted.xlsx"), "\"" + md5(bytes) + "\"", 1_000_000);

    assertThat(read).isInstanceOf(ObjectRead.Found.class);
  }

  @Test
  void readIfMatch_keyOverwrittenSinceTheEvent_isReplacedNotTheLaterBytes() {
    byte[] announced = randomBytes(5_000, 12);
    store.write(BUCKET, key("burst.xlsx"), announced, XLSX);
    store.write(BUCKET, key("burst.xlsx"), randomBytes(5_000, 13), XLSX);

    ObjectRead read = store.readIfMatch(BUCKET, key("burst.xlsx"), md5(announced), 1_000_000);

    assertThat(read).isInstanceOf(ObjectRead.Replaced.class);
  }

  @Test
  void readIfMatch_keyDeleted_isMissing() {
    ObjectRead read = store.readIfMatch(BUCKET, key("never-there.xlsx"), "d41d8cd98f00b204e9800998ecf8427e", 1_000);

    assertThat(read).isInstanceOf(ObjectRead.Missing.class);
  }

  /** S3's ETag of a single-part upload. */
  private static String md5(byte[] bytes) {
    try {
      return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is always available", e);
    }
  }

  protected String key(String name) {
    return prefix + name;
  }

  protected static byte[] randomBytes(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }
}
