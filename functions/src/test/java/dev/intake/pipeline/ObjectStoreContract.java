package dev.intake.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ObjectStore} does beyond {@link WorkObjectsContract}'s read and write: run
 * against the S3 adapter on S3Proxy and against the in-memory fake the service and handler tests
 * use. A subclass gives a store with an empty bucket named {@link #BUCKET}. Object versions are not
 * part of it: S3Proxy keeps none.
 */
public abstract class ObjectStoreContract extends WorkObjectsContract {

  protected ObjectStore store;

  /** A store whose bucket {@link #BUCKET} exists. */
  protected abstract ObjectStore newStore();

  @Override
  protected final WorkObjects newObjects() {
    store = newStore();
    return store;
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
}
