package dev.intake.parsing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.intake.testing.SampleWorkbooks;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import org.apache.commons.compress.archivers.zip.Zip64Mode;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.junit.jupiter.api.Test;

/**
 * The zip reader reads what the JDK's own zip reader reads, in the forms commons-compress wrote
 * them: deflated and stored parts, ZIP64 records, names carried in a Unicode path extra field.
 */
class ZipPackageTest {

  private static final byte[] SAMPLE = sample();

  private static byte[] sample() {
    try {
      return Files.readAllBytes(SampleWorkbooks.folder().resolve("ready.xlsx"));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void open_workbookAsExcelWritesIt_readsEveryPartAsTheJdkDoes() throws IOException {
    Map<String, byte[]> expected = Zips.parts(SAMPLE);

    Map<String, byte[]> read = readAll(SAMPLE);

    assertThat(read.keySet()).containsExactlyElementsOf(expected.keySet());
    expected.forEach((name, bytes) -> assertThat(read.get(name)).as(name).isEqualTo(bytes));
  }

  @Test
  void open_storedParts_readsThemAsTheJdkDoes() throws IOException {
    Map<String, byte[]> expected = Zips.parts(SAMPLE);
    byte[] stored = rewrite(expected, out -> {
    }, ZipEntry.STORED);

    Map<String, byte[]> read = readAll(stored);

    expected.forEach((name, bytes) -> assertThat(read.get(name)).as(name).isEqualTo(bytes));
  }

  @Test
  void open_zip64Records_readsTheParts() throws IOException {
    Map<String, byte[]> expected = Zips.parts(SAMPLE);
    byte[] zip64 = rewrite(expected, out -> out.setUseZip64(Zip64Mode.Always), ZipEntry.DEFLATED);

    Map<String, byte[]> read = readAll(zip64);

    expected.forEach((name, bytes) -> assertThat(read.get(name)).as(name).isEqualTo(bytes));
  }

  @Test
  void open_nameOnlyInAUnicodePathExtraField_usesThatName() throws IOException {
    Map<String, byte[]> parts = new LinkedHashMap<>(Zips.parts(SAMPLE));
    parts.put("xl/media/Überblick.png", new byte[] {1, 2, 3});
    byte[] cp437 = rewrite(parts, out -> {
      out.setEncoding("Cp437");
      out.setUseLanguageEncodingFlag(false);
      out.setCreateUnicodeExtraFields(ZipArchiveOutputStream.UnicodeExtraFieldPolicy.ALWAYS);
    }, ZipEntry.DEFLATED);

    try (ZipPackage zip = ZipPackage.open(cp437, Limits.DEFAULT)) {
      assertThat(zip.names()).contains("xl/media/Überblick.png");
    }
  }

  @Test
  void open_partFlaggedEncrypted_isRejectedAsEncrypted() {
    byte[] flagged = SAMPLE.clone();
    int header = centralHeaderOf(flagged, "xl/workbook.xml");
    flagged[header + 8] |= 1;

    assertThatThrownBy(() -> ZipPackage.open(flagged, Limits.DEFAULT))
        .isInstanceOfSatisfying(RejectedFileException.class,
            e -> assertThat(e.finding().ruleId()).isEqualTo("file-encrypted"));
  }

  @Test
  void open_partWithAnUnknownMethod_isRejectedAsEncrypted() {
    byte[] odd = SAMPLE.clone();
    int header = centralHeaderOf(odd, "xl/workbook.xml");
    odd[header + 10] = 99;

    assertThatThrownBy(() -> ZipPackage.open(odd, Limits.DEFAULT))
        .isInstanceOfSatisfying(RejectedFileException.class,
            e -> assertThat(e.finding().message()).contains("compressed in a way Excel does not use"));
  }

  @Test
  void open_partCompressedWithAMethodOtherThanStoredOrDeflated_isRejected() {
    // Shrink, implode, Deflate64, bzip2: zip methods the Open Packaging Conventions do not allow, Excel never writes.
    for (int method : new int[] {1, 6, 9, 12}) {
      byte[] odd = SAMPLE.clone();
      int header = centralHeaderOf(odd, "xl/workbook.xml");
      odd[header + 10] = (byte) method;

      assertThatThrownBy(() -> ZipPackage.open(odd, Limits.DEFAULT)).as("method %d", method)
          .isInstanceOfSatisfying(RejectedFileException.class,
              e -> assertThat(e.finding().message()).contains("compressed in a way Excel does not use"));
    }
  }

  @Test
  void read_deflatedPartCutShort_failsWithAnIoError() throws IOException {
    byte[] cut = SAMPLE.clone();
    int header = centralHeaderOf(cut, "xl/sharedStrings.xml");
    long compressed = (cut[header + 20] & 0xffL) | (cut[header + 21] & 0xffL) << 8;
    cut[header + 20] = (byte) (compressed / 2);
    cut[header + 21] = (byte) ((compressed / 2) >>> 8);

    try (ZipPackage zip = ZipPackage.open(cut, Limits.DEFAULT); InputStream in = zip.open("xl/sharedStrings.xml")) {
      assertThatThrownBy(in::readAllBytes).isInstanceOf(IOException.class);
    }
  }

  private static Map<String, byte[]> readAll(byte[] bytes) throws IOException {
    Map<String, byte[]> read = new LinkedHashMap<>();
    try (ZipPackage zip = ZipPackage.open(bytes, Limits.DEFAULT)) {
      for (String name : zip.names()) {
        try (InputStream in = zip.open(name)) {
          read.put(name, in.readAllBytes());
        }
      }
    }
    return read;
  }

  private interface Settings {
    void apply(ZipArchiveOutputStream out) throws IOException;
  }

  private static byte[] rewrite(Map<String, byte[]> parts, Settings settings, int method) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(bytes)) {
      settings.apply(out);
      for (Map.Entry<String, byte[]> p : parts.entrySet()) {
        ZipArchiveEntry entry = new ZipArchiveEntry(p.getKey());
        entry.setMethod(method);
        if (method == ZipEntry.STORED) {
          CRC32 crc = new CRC32();
          crc.update(p.getValue());
          entry.setSize(p.getValue().length);
          entry.setCrc(crc.getValue());
        }
        out.putArchiveEntry(entry);
        out.write(p.getValue());
        out.closeArchiveEntry();
      }
    }
    return bytes.toByteArray();
  }

  /** The offset of the central directory record naming {@code part}. */
  private static int centralHeaderOf(byte[] zip, String part) {
    byte[] name = part.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i + 46 <= zip.length; i++) {
      if ((zip[i] & 0xff) == 0x50 && (zip[i + 1] & 0xff) == 0x4b && zip[i + 2] == 1 && zip[i + 3] == 2
          && ((zip[i + 28] & 0xff) | (zip[i + 29] & 0xff) << 8) == name.length
          && java.util.Arrays.equals(zip, i + 46, i + 46 + name.length, name, 0, name.length)) {
        return i;
      }
    }
    throw new IllegalArgumentException("no central directory record for " + part);
  }
}
