package dev.intake.parsing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import org.apache.poi.poifs.filesystem.DirectoryNode;
import org.apache.poi.poifs.filesystem.FileMagic;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;

/** Tells what kind of file an upload really is, whatever its name says. */
final class FileSniffer {

  enum Kind {
    EMPTY, ZIP, ENCRYPTED_OOXML, LEGACY_XLS, OLE2_OTHER, PDF, IMAGE, HTML_OR_XML, TEXT, UNKNOWN
  }

  private FileSniffer() {
  }

  static Kind sniff(byte[] bytes) {
    if (bytes.length == 0) {
      return Kind.EMPTY;
    }
    if (bytes.length >= 4 && bytes[0] == 'P' && bytes[1] == 'K') {
      return Kind.ZIP;
    }
    FileMagic magic = FileMagic.valueOf(Arrays.copyOf(bytes, Math.min(bytes.length, 64)));
    return switch (magic) {
      case OLE2 -> ole2(bytes);
      case BIFF2, BIFF3, BIFF4 -> Kind.LEGACY_XLS;
      case PDF -> Kind.PDF;
      case PNG, JPEG, GIF, TIFF, BMP, WMF, EMF -> Kind.IMAGE;
      case HTML, XML -> Kind.HTML_OR_XML;
      default -> looksLikeText(bytes) ? Kind.TEXT : Kind.UNKNOWN;
    };
  }

  /** An OLE2 container is either an encrypted .xlsx (Office wraps those in OLE2) or a legacy file. */
  private static Kind ole2(byte[] bytes) {
    try (POIFSFileSystem fs = new POIFSFileSystem(new ByteArrayInputStream(bytes))) {
      DirectoryNode root = fs.getRoot();
      if (root.hasEntry("EncryptionInfo") || root.hasEntry("EncryptedPackage")) {
        return Kind.ENCRYPTED_OOXML;
      }
      if (root.hasEntry("Workbook") || root.hasEntry("WORKBOOK") || root.hasEntry("Book")) {
        return Kind.LEGACY_XLS;
      }
      return Kind.OLE2_OTHER;
    } catch (IOException | RuntimeException e) {
      return Kind.OLE2_OTHER;
    }
  }

  private static boolean looksLikeText(byte[] bytes) {
    int n = Math.min(bytes.length, 4096);
    int printable = 0;
    for (int i = 0; i < n; i++) {
      int b = bytes[i] & 0xff;
      if (b == '\n' || b == '\r' || b == '\t' || (b >= 0x20 && b != 0x7f)) {
        printable++;
      } else if (b == 0) {
        return false;
      }
    }
    return printable >= n * 0.95;
  }
}
