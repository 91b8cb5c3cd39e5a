package dev.intake.parsing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.apache.poi.poifs.filesystem.DirectoryEntry;
import org.apache.poi.poifs.filesystem.Entry;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.junit.jupiter.api.Test;

/**
 * The root storage's names, as POI's POIFSFileSystem (test class path only) reads them; hostile
 * files end in an IOException.
 */
class CompoundFileTest {

  private static final byte[] LEGACY = HostileFiles.legacyXls();
  private static final byte[] ENCRYPTED = HostileFiles.encrypted();

  @Test
  void rootNames_legacyWorkbookAndEncryptedWorkbook_areThePoiNames() throws IOException {
    for (byte[] file : new byte[][] {HostileFiles.legacyXls(), HostileFiles.encrypted()}) {
      assertThat(CompoundFile.rootNames(file)).isEqualTo(poi(file));
    }
    assertThat(CompoundFile.rootNames(HostileFiles.legacyXls())).contains("Workbook");
    assertThat(CompoundFile.rootNames(HostileFiles.encrypted())).contains("EncryptionInfo", "EncryptedPackage");
  }

  @Test
  void rootNames_manyEntriesSeveralDirectorySectorsAndStorages_areThePoiNames() throws IOException {
    byte[] file = build(fs -> {
      for (int i = 0; i < 300; i++) {
        add(fs.getRoot(), "stream-" + i, 100 + i);
      }
      try {
        DirectoryEntry storage = fs.createDirectory("a storage");
        add(storage, "inside", 10);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    });

    Set<String> names = CompoundFile.rootNames(file);

    assertThat(names).hasSize(301).contains("stream-0", "stream-299", "a storage").doesNotContain("inside");
    assertThat(names).isEqualTo(poi(file));
  }

  @Test
  void rootNames_fatBeyondTheHeadersHundredAndNineSectors_followsTheDifat() throws IOException {
    // 9 MB of stream: more than 109 FAT sectors of 128 entries, so the rest are listed in DIFAT sectors.
    byte[] file = build(fs -> {
      add(fs.getRoot(), "EncryptedPackage", 9 << 20);
      add(fs.getRoot(), "EncryptionInfo", 200);
    });

    assertThat(CompoundFile.rootNames(file)).isEqualTo(poi(file)).contains("EncryptedPackage", "EncryptionInfo");
  }

  @Test
  void rootNames_notACompoundFile_isRefused() {
    assertThatThrownBy(() -> CompoundFile.rootNames(HostileFiles.csv())).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> CompoundFile.rootNames(java.util.Arrays.copyOf(HostileFiles.legacyXls(), 600)))
        .isInstanceOf(IOException.class);
  }

  @Test
  void rootNames_directoryChainThatLoops_isRefused() throws IOException {
    byte[] file = HostileFiles.legacyXls().clone();
    long firstDirectory = u32(file, 48);
    // The directory sector's FAT entry points back at itself.
    int fatSector = (int) u32(file, 76);
    int at = (int) ((fatSector + 1) * 512 + 4 * firstDirectory);
    put32(file, at, firstDirectory);

    assertThatThrownBy(() -> CompoundFile.rootNames(file))
        .isInstanceOf(IOException.class).hasMessageContaining("loops");
  }

  /** A hostile file: bytes of a real one overwritten anywhere; the reader answers or refuses, and never hangs. */
  @Property(tries = 1500)
  void rootNames_bytesOverwritten_answerOrRefuseWithAnIoError(@ForAll @IntRange(min = 0, max = 4095) int at,
      @ForAll @IntRange(min = 0, max = 0xFFFF) int value, @ForAll boolean encrypted) {
    byte[] file = (encrypted ? ENCRYPTED : LEGACY).clone();
    int i = at % (file.length - 1);
    file[i] = (byte) value;
    file[i + 1] = (byte) (value >>> 8);
    try {
      assertThat(CompoundFile.rootNames(file)).isNotNull();
    } catch (IOException refused) {
      assertThat(refused).hasMessageStartingWith("not a readable compound file");
    }
  }

  private static byte[] build(Consumer<POIFSFileSystem> content) throws IOException {
    try (POIFSFileSystem fs = new POIFSFileSystem(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      content.accept(fs);
      fs.writeFilesystem(out);
      return out.toByteArray();
    }
  }

  private static void add(DirectoryEntry dir, String name, int size) {
    try {
      dir.createDocument(name, new ByteArrayInputStream(new byte[size]));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Set<String> poi(byte[] file) throws IOException {
    Set<String> names = new TreeSet<>();
    try (POIFSFileSystem fs = new POIFSFileSystem(new ByteArrayInputStream(file))) {
      for (Entry e : fs.getRoot()) {
        names.add(e.getName());
      }
    }
    return names;
  }

  private static long u32(byte[] b, int at) {
    return (b[at] & 0xFFL) | (b[at + 1] & 0xFFL) << 8 | (b[at + 2] & 0xFFL) << 16 | (b[at + 3] & 0xFFL) << 24;
  }

  private static void put32(byte[] b, int at, long v) {
    for (int i = 0; i < 4; i++) {
      b[at + i] = (byte) (v >>> (8 * i));
    }
  }
}
