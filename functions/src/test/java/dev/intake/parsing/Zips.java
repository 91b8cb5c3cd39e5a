package dev.intake.parsing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/** Reads and rewrites the parts of an .xlsx in memory, to build damaged and hostile variants of a workbook. */
final class Zips {

  /** Writes a part's content; may write far more than it holds in memory. */
  interface Content {
    void writeTo(OutputStream out) throws IOException;

    static Content of(byte[] bytes) {
      return out -> out.write(bytes);
    }

    static Content of(String text) {
      return of(text.getBytes(StandardCharsets.UTF_8));
    }
  }

  private Zips() {
  }

  /** The parts of a zip, in order. */
  static Map<String, byte[]> parts(byte[] zip) {
    Map<String, byte[]> parts = new LinkedHashMap<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        parts.put(e.getName(), in.readAllBytes());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return parts;
  }

  static String text(byte[] zip, String part) {
    return new String(parts(zip).get(part), StandardCharsets.UTF_8);
  }

  /** The zip with some parts replaced or added (a null content removes the part). */
  static byte[] with(byte[] zip, Map<String, Content> changes) {
    return with(zip, changes, 9);
  }

  /** The same at a deflate level: 1 for large generated parts, which level 9 takes seconds to squeeze. */
  static byte[] with(byte[] zip, Map<String, Content> changes, int level) {
    Map<String, Content> all = new LinkedHashMap<>();
    parts(zip).forEach((name, bytes) -> all.put(name, Content.of(bytes)));
    changes.forEach((name, content) -> {
      if (content == null) {
        all.remove(name);
      } else {
        all.put(name, content);
      }
    });
    return write(all, level);
  }

  static byte[] with(byte[] zip, String part, Content content) {
    Map<String, Content> change = new LinkedHashMap<>();
    change.put(part, content);
    return with(zip, change);
  }

  static byte[] write(Map<String, Content> parts) {
    return write(parts, 9);
  }

  static byte[] write(Map<String, Content> parts, int level) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream out = new ZipOutputStream(bytes)) {
      out.setLevel(level);
      for (Map.Entry<String, Content> p : parts.entrySet()) {
        out.putNextEntry(new ZipEntry(p.getKey()));
        p.getValue().writeTo(out);
        out.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * Rewrites the uncompressed size the central directory records for {@code part}, as a zip bomb
   * that lies about its size does.
   */
  static byte[] declareSize(byte[] zip, String part, int size) {
    byte[] out = zip.clone();
    byte[] name = part.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i + 46 <= out.length; i++) {
      if (int32(out, i) != 0x02014b50) {
        continue;
      }
      int nameLength = int16(out, i + 28);
      if (nameLength == name.length && i + 46 + nameLength <= out.length
          && java.util.Arrays.equals(out, i + 46, i + 46 + nameLength, name, 0, name.length)) {
        out[i + 24] = (byte) size;
        out[i + 25] = (byte) (size >>> 8);
        out[i + 26] = (byte) (size >>> 16);
        out[i + 27] = (byte) (size >>> 24);
        return out;
      }
    }
    throw new IllegalArgumentException("no central directory entry for " + part);
  }

  /**
   * Renames an entry in its local header and the central directory, which {@link ZipOutputStream}
   * cannot be made to do: it refuses a name twice. The names must have the same length in bytes.
   */
  static byte[] renameEntry(byte[] zip, String from, String to) {
    byte[] old = from.getBytes(StandardCharsets.UTF_8);
    byte[] name = to.getBytes(StandardCharsets.UTF_8);
    if (old.length != name.length) {
      throw new IllegalArgumentException("names differ in length: " + from + ", " + to);
    }
    byte[] out = zip.clone();
    int renamed = 0;
    for (int i = 0; i + 46 <= out.length; i++) {
      int signature = int32(out, i);
      int nameAt;
      if (signature == 0x04034b50) {
        nameAt = i + 30;
      } else if (signature == 0x02014b50) {
        nameAt = i + 46;
      } else {
        continue;
      }
      int nameLength = int16(out, signature == 0x04034b50 ? i + 26 : i + 28);
      if (nameLength == old.length && nameAt + nameLength <= out.length
          && java.util.Arrays.equals(out, nameAt, nameAt + nameLength, old, 0, old.length)) {
        System.arraycopy(name, 0, out, nameAt, name.length);
        renamed++;
      }
    }
    if (renamed != 2) {
      throw new IllegalArgumentException("expected a local header and a directory entry for " + from + ", found "
          + renamed);
    }
    return out;
  }

  private static int int16(byte[] b, int at) {
    return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8;
  }

  private static int int32(byte[] b, int at) {
    return int16(b, at) | int16(b, at + 2) << 16;
  }
}
