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
  protected String key(String name) {
    return prefix + name;
  }

  protected static byte[] randomBytes(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }
}
