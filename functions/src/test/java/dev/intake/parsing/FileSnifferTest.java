package dev.intake.parsing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.apache.poi.poifs.filesystem.DirectoryNode;
import org.apache.poi.poifs.filesystem.FileMagic;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.junit.jupiter.api.Test;

/**
 * The reader tells file kinds apart as it did with POI's {@code FileMagic} and {@code POIFSFileSystem}
 * (on the test class path only): {@link #poi} is that reader's code, the oracle.
 */
class FileSnifferTest {

  /** Every signature POI's FileMagic knows, in hex ('??' any byte). */
  private static final List<String> SIGNATURES = List.of("d0cf11e0a1b11ae1", "504b0304", "3c3f786d6c",
      "0900040000003f00", "0902060000003f00", "0904060000003f00", "0904060000000001", "31be0000", "32be0000",
      "7b5c727466", "25504446", "3c21444f43545950", "3c68746d6c", "0a0d3c68746d6c", "0d0a3c68746d6c", "0d3c68746d6c",
      "0a3c68746d6c", "3c48544d4c", "0d0a3c48544d4c", "0a0d3c48544d4c", "0d3c48544d4c", "0a3c48544d4c", "dba52d00",
      "ffd8ffdb", "ffd8ffe03f3f4a4649460001", "ffd8ffee", "ffd8ffe13f3f457869660000", "474946383761",
      "474946383961", "89504e470d0a1a0a", "49492a00", "4d4d002a", "d7cdc69a", "424d",
      "01000000" + "3f".repeat(36) + "20454d46");

  @Test
  void sniff_everySignatureWithAssortedTails_isThePoiKind() {
    Random random = new Random(17);
    for (String signature : SIGNATURES) {
      for (int variant = 0; variant < 20; variant++) {
        byte[] head = HexFormat.of().parseHex(signature);
        for (int i = 0; i < head.length; i++) {
          if (head[i] == '?' && variant > 0) {
            head[i] = (byte) random.nextInt(256);
          }
        }
        byte[] file = Arrays.copyOf(head, head.length + variant * 7);
        for (int i = head.length; i < file.length; i++) {
          file[i] = (byte) (variant % 2 == 0 ? ' ' + random.nextInt(90) : random.nextInt(256));
        }
        assertThat(FileSniffer.sniff(file)).as(signature + " variant " + variant).isEqualTo(poi(file));
        // The same cut short: a signature longer than the file does not match.
        byte[] cut = Arrays.copyOf(head, head.length - 1);
        assertThat(FileSniffer.sniff(cut)).as(signature + " cut").isEqualTo(poi(cut));
      }
    }
  }

  @Test
  void sniff_theHostileCorpusAndTexts_isThePoiKind() throws IOException {
    List<byte[]> files = new ArrayList<>(List.of(HostileFiles.pdf(), HostileFiles.png(), HostileFiles.randomBytes(),
        HostileFiles.legacyXls(), HostileFiles.encrypted(), HostileFiles.csv(), HostileFiles.ready(),
        "<?xml version=\"1.0\"?><a/>".getBytes(StandardCharsets.UTF_8),
        "<!DOCTYPE html><html></html>".getBytes(StandardCharsets.UTF_8),
        "Name,Tier\nAcme,Advanced\n".getBytes(StandardCharsets.UTF_8), new byte[] {0}, new byte[] {'P', 'K'},
        oleWith("WordDocument"), oleWith("Book"), oleWith("WORKBOOK"), oleWith("EncryptedPackage")));
    for (byte[] file : files) {
      assertThat(FileSniffer.sniff(file)).isEqualTo(poi(file));
    }
    assertThat(FileSniffer.sniff(HostileFiles.legacyXls())).isEqualTo(FileSniffer.Kind.LEGACY_XLS);
    assertThat(FileSniffer.sniff(HostileFiles.encrypted())).isEqualTo(FileSniffer.Kind.ENCRYPTED_OOXML);
    assertThat(FileSniffer.sniff(oleWith("WordDocument"))).isEqualTo(FileSniffer.Kind.OLE2_OTHER);
  }

  @Property(tries = 2000)
  void sniff_anyShortRun_isThePoiKind(@ForAll @Size(max = 64) byte[] file) {
    assertThat(FileSniffer.sniff(file)).isEqualTo(poi(file));
  }

  /** A compound file whose root holds one empty stream of that name. */
  static byte[] oleWith(String name) {
    try (POIFSFileSystem fs = new POIFSFileSystem(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      fs.createDocument(new ByteArrayInputStream(new byte[16]), name);
      fs.writeFilesystem(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The sniffer as it was when it used POI. */
  private static FileSniffer.Kind poi(byte[] bytes) {
    if (bytes.length == 0) {
      return FileSniffer.Kind.EMPTY;
    }
    if (bytes.length >= 4 && bytes[0] == 'P' && bytes[1] == 'K') {
      return FileSniffer.Kind.ZIP;
    }
    FileMagic magic = FileMagic.valueOf(Arrays.copyOf(bytes, Math.min(bytes.length, 64)));
    return switch (magic) {
      case OLE2 -> poiOle2(bytes);
      case BIFF2, BIFF3, BIFF4 -> FileSniffer.Kind.LEGACY_XLS;
      case PDF -> FileSniffer.Kind.PDF;
      case PNG, JPEG, GIF, TIFF, BMP, WMF, EMF -> FileSniffer.Kind.IMAGE;
      case HTML, XML -> FileSniffer.Kind.HTML_OR_XML;
      default -> text(bytes);
    };
  }

  private static FileSniffer.Kind poiOle2(byte[] bytes) {
    try (POIFSFileSystem fs = new POIFSFileSystem(new ByteArrayInputStream(bytes))) {
      DirectoryNode root = fs.getRoot();
      if (root.hasEntry("EncryptionInfo") || root.hasEntry("EncryptedPackage")) {
        return FileSniffer.Kind.ENCRYPTED_OOXML;
      }
      if (root.hasEntry("Workbook") || root.hasEntry("WORKBOOK") || root.hasEntry("Book")) {
        return FileSniffer.Kind.LEGACY_XLS;
      }
      return FileSniffer.Kind.OLE2_OTHER;
    } catch (IOException | RuntimeException e) {
      return FileSniffer.Kind.OLE2_OTHER;
    }
  }

  private static FileSniffer.Kind text(byte[] bytes) {
    int n = Math.min(bytes.length, 4096);
    int printable = 0;
    for (int i = 0; i < n; i++) {
      int b = bytes[i] & 0xff;
      if (b == '\n' || b == '\r' || b == '\t' || (b >= 0x20 && b != 0x7f)) {
        printable++;
      } else if (b == 0) {
        return FileSniffer.Kind.UNKNOWN;
      }
    }
    return printable >= n * 0.95 ? FileSniffer.Kind.TEXT : FileSniffer.Kind.UNKNOWN;
  }
}
