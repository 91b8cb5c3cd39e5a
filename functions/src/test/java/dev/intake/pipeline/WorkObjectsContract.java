package dev.intake.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link WorkObjects} does — the read and write a check group makes: run against both S3
 * adapters on S3Proxy (the SDK's and the check functions' own) and against the in-memory fake, each
 * through {@link ObjectStoreContract} or directly. A subclass gives objects in a bucket named
 * {@link #BUCKET} that exists and holds no key of this test's prefix.
 */
public abstract class WorkObjectsContract {

  protected static final String BUCKET = "intake";
  protected static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

  protected WorkObjects objects;
  /** Keys differ per test: a subclass may share one bucket between tests. */
  private static int sequence;
  private String prefix;

  /** Objects in a bucket {@link #BUCKET} that exists. */
  protected abstract WorkObjects newObjects();

  @BeforeEach
  void freshObjects() {
    objects = newObjects();
    prefix = "t" + (++sequence) + "/";
  }

  @Test
  void write_thenRead_returnsSameBytes() {
    byte[] bytes = randomBytes(200_000, 1);

    objects.write(BUCKET, key("reports/sub-1/report.json"), bytes, "application/json");

    assertThat(objects.read(BUCKET, key("reports/sub-1/report.json"), null, 1_000_000)).hasValue(bytes);
  }

  @Test
  void write_sameKeyAgain_replacesTheObject() {
    objects.write(BUCKET, key("templates/t.xlsx"), randomBytes(500, 7), XLSX);
    byte[] second = randomBytes(300, 8);

    objects.write(BUCKET, key("templates/t.xlsx"), second, XLSX);

    assertThat(objects.read(BUCKET, key("templates/t.xlsx"), null, 1_000)).hasValue(second);
  }

  @Test
  void read_objectLongerThanMax_returnsMaxPlusOneBytes() {
    byte[] bytes = randomBytes(10_000, 2);
    objects.write(BUCKET, key("incoming/p1/big.xlsx"), bytes, XLSX);

    Optional<byte[]> read = objects.read(BUCKET, key("incoming/p1/big.xlsx"), null, 100);

    assertThat(read).isPresent();
    assertThat(read.get()).hasSize(101).isEqualTo(Arrays.copyOf(bytes, 101));
  }

  @Test
  void read_objectExactlyMax_returnsAllBytes() {
    byte[] bytes = randomBytes(100, 3);
    objects.write(BUCKET, key("incoming/p1/exact.xlsx"), bytes, XLSX);

    Optional<byte[]> read = objects.read(BUCKET, key("incoming/p1/exact.xlsx"), null, 100);

    assertThat(read).hasValue(bytes);
  }

  @Test
  void read_emptyObject_returnsNoBytes() {
    objects.write(BUCKET, key("incoming/p1/empty.xlsx"), new byte[0], XLSX);

    Optional<byte[]> read = objects.read(BUCKET, key("incoming/p1/empty.xlsx"), null, 100);

    assertThat(read).isPresent();
    assertThat(read.get()).isEmpty();
  }

  @Test
  void read_missingKey_isEmpty() {
    Optional<byte[]> read = objects.read(BUCKET, key("incoming/p1/none.xlsx"), null, 100);

    assertThat(read).isEmpty();
  }

  @Test
  void read_negativeMax_isIllegalArgument() {
    objects.write(BUCKET, key("incoming/p1/any.xlsx"), randomBytes(10, 9), XLSX);

    assertThatThrownBy(() -> objects.read(BUCKET, key("incoming/p1/any.xlsx"), null, -1))
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
