package dev.intake.parsing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Tells what kind of file an upload really is, whatever its name says: by the signature its first
 * bytes carry (the same signatures POI's {@code FileMagic} knows; {@code FileSnifferTest} compares
 * them), and for an OLE2 container by the names in its root storage.
 */
final class FileSniffer {

  enum Kind {
    EMPTY, ZIP, ENCRYPTED_OOXML, LEGACY_XLS, OLE2_OTHER, PDF, IMAGE, HTML_OR_XML, TEXT, UNKNOWN
  }

  /** A byte of a signature that may be anything. */
  private static final int ANY = -1;

  /** Signatures in the order they are tried; the first that matches decides. */
  private static final List<Signature> SIGNATURES = List.of(
      // "<?xml", the '?' left open as in POI's signature.
      new Signature(Kind.HTML_OR_XML, '<', ANY, 'x', 'm', 'l'),
      // Excel 2.x, 3.0 and 4.0 worksheets (BIFF2 to BIFF4), which no current Excel writes.
      new Signature(Kind.LEGACY_XLS, 0x09, 0x00, 0x04, 0x00, 0x00, 0x00, ANY, 0x00),
      new Signature(Kind.LEGACY_XLS, 0x09, 0x02, 0x06, 0x00, 0x00, 0x00, ANY, 0x00),
      new Signature(Kind.LEGACY_XLS, 0x09, 0x04, 0x06, 0x00, 0x00, 0x00, ANY, 0x00),
      new Signature(Kind.LEGACY_XLS, 0x09, 0x04, 0x06, 0x00, 0x00, 0x00, 0x00, 0x01),
      new Signature(Kind.PDF, ascii("%PDF")),
      new Signature(Kind.HTML_OR_XML, ascii("<!DOCTYP")),
      new Signature(Kind.HTML_OR_XML, ascii("<html")),
      new Signature(Kind.HTML_OR_XML, ascii("\n\r<html")),
      new Signature(Kind.HTML_OR_XML, ascii("\r\n<html")),
      new Signature(Kind.HTML_OR_XML, ascii("\r<html")),
      new Signature(Kind.HTML_OR_XML, ascii("\n<html")),
      new Signature(Kind.HTML_OR_XML, ascii("<HTML")),
      new Signature(Kind.HTML_OR_XML, ascii("\r\n<HTML")),
      new Signature(Kind.HTML_OR_XML, ascii("\n\r<HTML")),
      new Signature(Kind.HTML_OR_XML, ascii("\r<HTML")),
      new Signature(Kind.HTML_OR_XML, ascii("\n<HTML")),
      new Signature(Kind.IMAGE, 0xFF, 0xD8, 0xFF, 0xDB),
      new Signature(Kind.IMAGE, 0xFF, 0xD8, 0xFF, 0xE0, ANY, ANY, 0x4A, 0x46, 0x49, 0x46, 0x00, 0x01),
      new Signature(Kind.IMAGE, 0xFF, 0xD8, 0xFF, 0xEE),
      new Signature(Kind.IMAGE, 0xFF, 0xD8, 0xFF, 0xE1, ANY, ANY, 0x45, 0x78, 0x69, 0x66, 0x00, 0x00),
      new Signature(Kind.IMAGE, ascii("GIF87a")),
      new Signature(Kind.IMAGE, ascii("GIF89a")),
      new Signature(Kind.IMAGE, 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A),
      new Signature(Kind.IMAGE, 0x49, 0x49, 0x2A, 0x00),
      new Signature(Kind.IMAGE, 0x4D, 0x4D, 0x00, 0x2A),
      new Signature(Kind.IMAGE, 0xD7, 0xCD, 0xC6, 0x9A),
      new Signature(Kind.IMAGE, emf()),
      new Signature(Kind.IMAGE, ascii("BM")));

  private FileSniffer() {
  }

  static Kind sniff(byte[] bytes) {
    if (bytes.length == 0) {
      return Kind.EMPTY;
    }
    if (bytes.length >= 4 && bytes[0] == 'P' && bytes[1] == 'K') {
      return Kind.ZIP;
    }
    if (CompoundFile.isCompoundFile(bytes)) {
      return ole2(bytes);
    }
    for (Signature s : SIGNATURES) {
      if (s.matches(bytes)) {
        return s.kind();
      }
    }
    return looksLikeText(bytes) ? Kind.TEXT : Kind.UNKNOWN;
  }

  /** An OLE2 container is either an encrypted .xlsx (Office wraps those in OLE2) or a legacy file. */
  private static Kind ole2(byte[] bytes) {
    Set<String> root;
    try {
      root = CompoundFile.rootNames(bytes);
    } catch (IOException e) {
      return Kind.OLE2_OTHER;
    }
    if (root.contains("EncryptionInfo") || root.contains("EncryptedPackage")) {
      return Kind.ENCRYPTED_OOXML;
    }
    if (root.contains("Workbook") || root.contains("WORKBOOK") || root.contains("Book")) {
      return Kind.LEGACY_XLS;
    }
    return Kind.OLE2_OTHER;
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

  private static int[] ascii(String s) {
    return s.chars().toArray();
  }

  /** An EMF record header: type 1, then " EMF" at byte 40. */
  private static int[] emf() {
    int[] emf = new int[44];
    Arrays.fill(emf, ANY);
    int[] head = {0x01, 0x00, 0x00, 0x00};
    System.arraycopy(head, 0, emf, 0, head.length);
    byte[] mark = " EMF".getBytes(StandardCharsets.US_ASCII);
    for (int i = 0; i < mark.length; i++) {
      emf[40 + i] = mark[i];
    }
    return emf;
  }

  /** The bytes a kind of file starts with, {@link #ANY} where any byte will do. */
  private record Signature(Kind kind, int... bytes) {

    boolean matches(byte[] file) {
      if (file.length < bytes.length) {
        return false;
      }
      for (int i = 0; i < bytes.length; i++) {
        if (bytes[i] != ANY && (file[i] & 0xFF) != bytes[i]) {
          return false;
        }
      }
      return true;
    }
  }
}
