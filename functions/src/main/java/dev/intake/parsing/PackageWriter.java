package dev.intake.parsing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.ZipException;

/**
 * Writes an .xlsx package: parts copied from another package exactly as they lie in its zip (no
 * inflating, no deflating: the part's compressed bytes, CRC and sizes move as they are), and parts
 * written here, deflated as they are written.
 *
 * <p>The JDK's {@code ZipOutputStream} cannot take data that is already compressed, so every part
 * would have to be inflated and deflated again; most of a workbook is parts an annotation does not
 * change. The format written is the plain one Excel writes: a local header per part with its sizes
 * and CRC (no data descriptors), the central directory, no ZIP64 (a workbook the parser accepts is
 * far below its 4 GB and 65,535-part limits: a package past them is refused, not written wrong).
 */
public final class PackageWriter {

  private static final int LOCAL_HEADER = 0x04034b50;
  private static final int CENTRAL_HEADER = 0x02014b50;
  private static final int END_OF_DIRECTORY = 0x06054b50;
  private static final int VERSION = 20;
  /** Bit 11: the name is UTF-8. */
  private static final int UTF8_NAMES = 0x800;
  /** 1980-01-01 00:00, the earliest DOS date: the same input gives the same bytes. */
  private static final int DOS_DATE = (1 << 5) | 1;
  private static final int DOS_TIME = 0;
  private static final long MAX_UINT32 = 0xffffffffL;
  private static final int MAX_ENTRIES = 0xffff;
  private static final int LOCAL_HEADER_SIZE = 30;
  private static final int CENTRAL_HEADER_SIZE = 46;
  private static final int END_OF_DIRECTORY_SIZE = 22;

  /** One part to write: its name, method, CRC-32, sizes, and where its compressed bytes are. */
  private record Entry(byte[] name, int method, long crc, long compressedSize, long size, byte[] data, int offset) {
  }

  private final List<Entry> entries = new ArrayList<>();
  private final Set<String> written = new HashSet<>();
  private byte[] out;
  private int at;

  public PackageWriter() {
  }

  /** Copies a part of {@code from} as it lies in its zip: same method, same compressed bytes. */
  public void copy(WorkbookParts from, String part) throws IOException {
    ZipPackage zip = from.zip();
    ZipPackage.Raw raw = zip.raw(part);
    if (raw == null) {
      throw new ZipException("no part " + part + " to copy");
    }
    entry(zip.storedName(part), raw.method(), raw.crc(), raw.compressedSize(), raw.size(), zip.bytes(),
        raw.dataOffset());
  }

  /** Adds a part written to a {@link DeflatedPart}. */
  public void add(String part, DeflatedPart content) throws IOException {
    content.close();
    entry(part, 8, content.crc.getValue(), content.compressed.size(), content.size, content.compressed.bytes(), 0);
  }

  /**
   * The package's bytes: the parts added, then the central directory. Its size is known before it is
   * written, so the bytes are put straight into one array of that size (the 5 MB workbook's copy would
   * otherwise be held two or three times over while a buffer grows and is copied out).
   */
  public byte[] finish() throws IOException {
    long total = END_OF_DIRECTORY_SIZE;
    for (Entry e : entries) {
      total += LOCAL_HEADER_SIZE + CENTRAL_HEADER_SIZE + 2L * e.name().length + e.compressedSize();
    }
    if (total > MAX_UINT32 || total > Integer.MAX_VALUE - 16 || entries.size() > MAX_ENTRIES) {
      throw new ZipException("the package is too large to write without ZIP64");
    }
    out = new byte[(int) total];
    at = 0;
    long[] offsets = new long[entries.size()];
    for (int i = 0; i < entries.size(); i++) {
      Entry e = entries.get(i);
      offsets[i] = at;
      int32(LOCAL_HEADER);
      int16(VERSION);
      sharedHeaderFields(e);
      int16(0);
      bytes(e.name(), 0, e.name().length);
      bytes(e.data(), e.offset(), (int) e.compressedSize());
    }
    long directoryOffset = at;
    for (int i = 0; i < entries.size(); i++) {
      Entry e = entries.get(i);
      int32(CENTRAL_HEADER);
      int16(VERSION);
      int16(VERSION);
      sharedHeaderFields(e);
      int16(0);
      int16(0);
      int16(0);
      int16(0);
      int32(0);
      int32(offsets[i]);
      bytes(e.name(), 0, e.name().length);
    }
    long directorySize = at - directoryOffset;
    int32(END_OF_DIRECTORY);
    int16(0);
    int16(0);
    int16(entries.size());
    int16(entries.size());
    int32(directorySize);
    int32(directoryOffset);
    int16(0);
    return out;
  }

  private void entry(String part, int method, long crc, long compressedSize, long size, byte[] data, int offset)
      throws IOException {
    if (!written.add(part.toLowerCase(Locale.ROOT))) {
      throw new ZipException("part " + part + " written twice");
    }
    if (compressedSize > MAX_UINT32 || size > MAX_UINT32) {
      throw new ZipException("part " + part + " is too large to write without ZIP64");
    }
    entries.add(new Entry(part.getBytes(StandardCharsets.UTF_8), method, crc, compressedSize, size, data, offset));
  }

  private void bytes(byte[] b, int offset, int length) {
    System.arraycopy(b, offset, out, at, length);
    at += length;
  }

  /**
   * The run of fields a local header and its central-directory record hold alike (APPNOTE 4.3.7 and
   * 4.3.12): flags, method, time, date, CRC-32, both sizes and the name's length.
   */
  private void sharedHeaderFields(Entry e) {
    int16(UTF8_NAMES);
    int16(e.method());
    int16(DOS_TIME);
    int16(DOS_DATE);
    int32(e.crc());
    int32(e.compressedSize());
    int32(e.size());
    int16(e.name().length);
  }

  private void int16(int v) {
    out[at++] = (byte) v;
    out[at++] = (byte) (v >>> 8);
  }

  private void int32(long v) {
    int16((int) (v & 0xffff));
    int16((int) ((v >>> 16) & 0xffff));
  }

  /**
   * A part's content, deflated (raw deflate, as zip stores it) and checksummed as it is written.
   *
   * <p>Deflated at {@link #LEVEL}, zlib's fast level, not its default (6): what is written here is
   * generated XML (comments, note shapes, the Findings sheet's rows) that repeats itself, which the
   * fast levels still shrink to a tenth or less; the default level took about half the annotated copy's
   * time for a report with hundreds of findings, for output about 10 % smaller (see BENCHMARKS.md).
   */
  public static final class DeflatedPart extends OutputStream {
    /** zlib's level 2 (of deflate's "fast" strategy): as fast as level 1 here, and a little smaller. */
    static final int LEVEL = 2;

    private final Deflater deflater;
    private final CRC32 crc = new CRC32();
    private final Buffer compressed;
    private final byte[] buffer = new byte[16 * 1024];
    private long size;
    private boolean closed;

    /** @param expectedBytes a guess of the compressed size */
    public DeflatedPart(int expectedBytes) {
      this.deflater = new Deflater(LEVEL, true);
      this.compressed = new Buffer(Math.max(expectedBytes, 256));
    }

    @Override
    public void write(int b) {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      if (closed) {
        throw new IllegalStateException("part already closed");
      }
      crc.update(b, off, len);
      size += len;
      deflater.setInput(b, off, len);
      while (!deflater.needsInput()) {
        drain();
      }
    }

    private void drain() {
      int n = deflater.deflate(buffer, 0, buffer.length, Deflater.NO_FLUSH);
      compressed.write(buffer, 0, n);
    }

    @Override
    public void close() {
      if (closed) {
        return;
      }
      closed = true;
      deflater.finish();
      while (!deflater.finished()) {
        drain();
      }
      deflater.end();
    }
  }

  /** A byte buffer whose array can be read without a copy. */
  private static final class Buffer extends ByteArrayOutputStream {
    Buffer(int size) {
      super(size);
    }

    byte[] bytes() {
      return buf;
    }
  }
}
