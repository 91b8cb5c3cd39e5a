package dev.intake.parsing;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;

/**
 * The zip container of a workbook, read from memory through its central directory, with every
 * part inflated through a guard that stops zip bombs and oversized parts early.
 *
 * <p>The central directory is read here, and stored and deflated parts (all Excel writes) are
 * inflated with the JDK's {@link Inflater}: the JDK's zip classes are already loaded and shared by
 * every JVM, whereas opening a zip with commons-compress loads a few hundred classes (and the
 * locale and calendar data its time conversions need), which cost a cold verdict more than parsing
 * the whole workbook (see BENCHMARKS.md). It reads what commons-compress's {@code ZipFile} read
 * for this class before: entry names as UTF-8 unless a Unicode path extra field matching the name
 * says otherwise, ZIP64 sizes and offsets, every central directory record in order (so duplicates
 * are seen). A part compressed any other way than stored or deflated is refused: the Open
 * Packaging Conventions (ECMA-376 Part 2, annex C) allow no other method, Excel writes none and
 * opens none, and reading them (shrink, implode, Deflate64, bzip2) took commons-compress, which
 * kept the intake functions' artifact over its size budget (issue 17).
 */
final class ZipPackage implements AutoCloseable {

  private static final int LOCAL_HEADER = 0x04034b50;
  private static final int CENTRAL_HEADER = 0x02014b50;
  private static final int END_OF_DIRECTORY = 0x06054b50;
  private static final int ZIP64_LOCATOR = 0x07064b50;
  private static final int ZIP64_END_OF_DIRECTORY = 0x06064b50;
  private static final int END_OF_DIRECTORY_SIZE = 22;
  private static final int CENTRAL_HEADER_SIZE = 46;
  private static final int LOCAL_HEADER_SIZE = 30;
  private static final int MAX_COMMENT = 0xffff;
  private static final int ZIP64_EXTRA = 0x0001;
  private static final int UNICODE_PATH_EXTRA = 0x7075;
  private static final int STORED = 0;
  private static final int DEFLATED = 8;
  private static final long UINT32 = 0xffffffffL;

  /** One central directory record. */
  private record Entry(String name, boolean encrypted, int method, long crc, long compressedSize, long size,
      long localHeaderOffset) {

    boolean readable() {
      return !encrypted && (method == STORED || method == DEFLATED);
    }
  }

  private final byte[] bytes;
  private final Map<String, Entry> entries;
  private final Limits limits;
  private final List<InputStream> opened = new ArrayList<>();
  private long totalInflated;

  private ZipPackage(byte[] bytes, Map<String, Entry> entries, Limits limits) {
    this.bytes = bytes;
    this.entries = entries;
    this.limits = limits;
  }

  static ZipPackage open(byte[] bytes, Limits limits) {
    List<Entry> all;
    try {
      all = centralDirectory(bytes);
    } catch (IOException | RuntimeException e) {
      throw new RejectedFileException("file-corrupt",
          "The file starts like an .xlsx (a zip archive) but its directory cannot be read: it is truncated"
              + " or damaged.",
          "Open the workbook in Excel, save it again as .xlsx, and upload the new file.");
    }
    if (all.size() > limits.maxEntries()) {
      throw new RejectedFileException("file-limits",
          "The workbook holds " + all.size() + " parts; a self-assessment needs a few dozen (the limit is "
              + limits.maxEntries() + ").",
          "Remove embedded files and extra sheets, or start again from the blank template.");
    }
    Map<String, Entry> byName = new LinkedHashMap<>();
    Set<String> seen = new HashSet<>();
    for (Entry e : all) {
      String name = normalise(e.name());
      if (!seen.add(name.toLowerCase(Locale.ROOT))) {
        throw new RejectedFileException("file-corrupt",
            "The workbook's zip archive lists the part '" + name + "' twice, which Excel never writes:"
                + " the file was tampered with or damaged.",
            "Open the workbook in Excel, save it again as .xlsx, and upload the new file.");
      }
      if (!e.readable()) {
        throw new RejectedFileException("file-encrypted",
            "A part of the workbook ('" + name + "') is encrypted or compressed in a way Excel does not use.",
            "Remove any password protection, save the workbook as a plain .xlsx and upload it again.");
      }
      byName.put(name, e);
    }
    return new ZipPackage(bytes, byName, limits);
  }

  // ---- the central directory -------------------------------------------------------------------

  private static List<Entry> centralDirectory(byte[] zip) throws IOException {
    int end = endOfDirectory(zip);
    // As commons-compress does: a ZIP64 locator just before the record means ZIP64 offsets.
    long offset = end >= 20 && int32(zip, end - 20) == ZIP64_LOCATOR
        ? zip64DirectoryOffset(zip, end - 20)
        : uint32(zip, end + 16);
    if (offset < 0 || offset > zip.length - 4L) {
      throw new ZipException("central directory outside the file");
    }
    List<Entry> all = new ArrayList<>();
    int at = (int) offset;
    while (at + 4 <= zip.length && int32(zip, at) == CENTRAL_HEADER) {
      at = entry(zip, at, all);
    }
    if (all.isEmpty() && zip.length >= 4 && int32(zip, 0) == LOCAL_HEADER) {
      throw new ZipException("Central directory is empty, can't expand corrupt archive.");
    }
    return all;
  }

  /** The offset of the end-of-central-directory record, searched from the end past any comment. */
  private static int endOfDirectory(byte[] zip) throws ZipException {
    int lowest = Math.max(0, zip.length - END_OF_DIRECTORY_SIZE - MAX_COMMENT);
    for (int at = zip.length - END_OF_DIRECTORY_SIZE; at >= lowest; at--) {
      if (int32(zip, at) == END_OF_DIRECTORY) {
        return at;
      }
    }
    throw new ZipException("Archive is not a ZIP archive");
  }

  /** The offset of the central directory from the ZIP64 end-of-central-directory record. */
  private static long zip64DirectoryOffset(byte[] zip, int locator) throws IOException {
    long record = int64(zip, locator + 8);
    if (record < 0 || record + 56 > zip.length || int32(zip, (int) record) != ZIP64_END_OF_DIRECTORY) {
      throw new ZipException("ZIP64 end-of-central-directory record not found");
    }
    return int64(zip, (int) record + 48);
  }

  /** Reads the record at {@code at} into {@code all}; returns the offset of the next one. */
  private static int entry(byte[] zip, int at, List<Entry> all) throws IOException {
    need(zip, at, CENTRAL_HEADER_SIZE);
    int flags = uint16(zip, at + 8);
    int method = uint16(zip, at + 10);
    long crc = uint32(zip, at + 16);
    long compressed = uint32(zip, at + 20);
    long size = uint32(zip, at + 24);
    int nameLength = uint16(zip, at + 28);
    int extraLength = uint16(zip, at + 30);
    int commentLength = uint16(zip, at + 32);
    long localOffset = uint32(zip, at + 42);
    int nameAt = at + CENTRAL_HEADER_SIZE;
    int extraAt = nameAt + nameLength;
    int next = extraAt + extraLength + commentLength;
    need(zip, nameAt, next - nameAt);
    String name = utf8(zip, nameAt, nameLength);
    boolean utf8 = (flags & 0x800) != 0;
    int x = extraAt;
    while (x + 4 <= extraAt + extraLength) {
      int id = uint16(zip, x);
      int length = uint16(zip, x + 2);
      int data = x + 4;
      if (data + length > extraAt + extraLength) {
        break;
      }
      if (id == ZIP64_EXTRA) {
        int field = data;
        if (size == UINT32 && field + 8 <= data + length) {
          size = int64(zip, field);
          field += 8;
        }
        if (compressed == UINT32 && field + 8 <= data + length) {
          compressed = int64(zip, field);
          field += 8;
        }
        if (localOffset == UINT32 && field + 8 <= data + length) {
          localOffset = int64(zip, field);
        }
      } else if (id == UNICODE_PATH_EXTRA && !utf8 && length >= 5 && zip[data] == 1) {
        CRC32 nameCrc = new CRC32();
        nameCrc.update(zip, nameAt, nameLength);
        if (nameCrc.getValue() == uint32(zip, data + 1)) {
          name = utf8(zip, data + 5, length - 5);
        }
      }
      x = data + length;
    }
    all.add(new Entry(name, (flags & 1) != 0, method, crc, compressed, size, localOffset));
    return next;
  }

  /** UTF-8 with each malformed sequence read as '?', as commons-compress decodes names. */
  private static String utf8(byte[] zip, int at, int length) throws CharacterCodingException {
    return StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPLACE)
        .onUnmappableCharacter(CodingErrorAction.REPLACE)
        .replaceWith("?")
        .decode(ByteBuffer.wrap(zip, at, length))
        .toString();
  }

  private static String normalise(String name) {
    String n = name.replace('\\', '/');
    return n.startsWith("/") ? n.substring(1) : n;
  }

  List<String> names() {
    return new ArrayList<>(entries.keySet());
  }

  boolean has(String name) {
    return find(name) != null;
  }

  /** The name the zip stores a part under, found case-insensitively; null when there is no such part. */
  String storedName(String name) {
    if (entries.containsKey(normalise(name))) {
      return normalise(name);
    }
    for (String candidate : entries.keySet()) {
      if (candidate.equalsIgnoreCase(normalise(name))) {
        return candidate;
      }
    }
    return null;
  }

  /** Part names in OOXML are case-insensitive. */
  private Entry find(String name) {
    Entry e = entries.get(normalise(name));
    if (e != null) {
      return e;
    }
    for (Map.Entry<String, Entry> candidate : entries.entrySet()) {
      if (candidate.getKey().equalsIgnoreCase(normalise(name))) {
        return candidate.getValue();
      }
    }
    return null;
  }

  /** The sum of the sizes the central directory declares for every part (they can lie; see {@link #open}). */
  long declaredSize() {
    long total = 0;
    for (Entry e : entries.values()) {
      total += Math.max(e.size(), 0);
    }
    return total;
  }

  /**
   * A part as it lies in the zip, for copying it to another zip without inflating it: its method, its
   * CRC-32 and sizes as the central directory gives them, and where its data starts in {@link #bytes()}.
   */
  record Raw(int method, long crc, long compressedSize, long size, int dataOffset) {
  }

  /** The part's raw data; null when there is no such part. */
  Raw raw(String name) throws IOException {
    Entry e = find(name);
    if (e == null) {
      return null;
    }
    return new Raw(e.method(), e.crc(), e.compressedSize(), e.size(), dataOffset(e));
  }

  byte[] bytes() {
    return bytes;
  }

  // ---- reading a part --------------------------------------------------------------------------

  /** The part's content, inflated through the guard; null when there is no such part. */
  InputStream open(String name) throws IOException {
    Entry e = find(name);
    if (e == null) {
      return null;
    }
    if (e.size() > limits.maxPartBytes()) {
      throw tooLarge(name);
    }
    InputStream raw = e.method() == DEFLATED ? new RawInflaterStream(stored(e)) : stored(e);
    opened.add(raw);
    return new Guard(raw, name, Math.max(e.compressedSize(), 1));
  }

  /** The part's bytes as they lie in the zip, after its local header. */
  private InputStream stored(Entry e) throws IOException {
    return new ByteArrayInputStream(bytes, dataOffset(e), (int) e.compressedSize());
  }

  /** Where the part's data starts: after its local header, whose name and extra field lengths are its own. */
  private int dataOffset(Entry e) throws IOException {
    long header = e.localHeaderOffset();
    if (header < 0 || header + LOCAL_HEADER_SIZE > bytes.length) {
      throw new EOFException("local file header of " + e.name() + " is outside the file");
    }
    int at = (int) header;
    if (int32(bytes, at) != LOCAL_HEADER) {
      throw new ZipException("Expected local file header for " + e.name());
    }
    long data = header + LOCAL_HEADER_SIZE + uint16(bytes, at + 26) + uint16(bytes, at + 28);
    if (e.compressedSize() < 0 || data + e.compressedSize() > bytes.length) {
      throw new EOFException("data of " + e.name() + " runs past the end of the file");
    }
    return (int) data;
  }

  /** Inflates a raw deflate stream; gives the inflater the one dummy byte it may need at the end. */
  private static final class RawInflaterStream extends InflaterInputStream {
    private boolean dummyGiven;

    RawInflaterStream(InputStream in) {
      super(in, new Inflater(true), 8192);
    }

    @Override
    protected void fill() throws IOException {
      len = in.read(buf, 0, buf.length);
      if (len == -1) {
        if (dummyGiven) {
          throw new EOFException("Unexpected end of deflated data");
        }
        dummyGiven = true;
        buf[0] = 0;
        len = 1;
      }
      inf.setInput(buf, 0, len);
    }

    @Override
    public void close() throws IOException {
      inf.end();
      super.close();
    }
  }

  private RejectedFileException tooLarge(String name) {
    return new RejectedFileException("file-limits",
        "The part '" + name + "' of the workbook is larger than " + (limits.maxPartBytes() >> 20)
            + " MB once unpacked; a self-assessment is far smaller.",
        "Remove unused rows, images and embedded files, or start again from the blank template.");
  }

  private final class Guard extends FilterInputStream {
    private final String name;
    private final long compressed;
    private long inflated;

    Guard(InputStream in, String name, long compressed) {
      super(in);
      this.name = name;
      this.compressed = compressed;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
      int n = super.read(buf, off, len);
      if (n > 0) {
        count(n);
      }
      return n;
    }

    private void count(int n) {
      inflated += n;
      totalInflated += n;
      if (inflated > limits.maxPartBytes()) {
        throw tooLarge(name);
      }
      if (totalInflated > limits.maxTotalBytes()) {
        throw new RejectedFileException("file-limits",
            "The workbook unpacks to more than " + (limits.maxTotalBytes() >> 20) + " MB; a self-assessment is"
                + " far smaller.",
            "Remove unused rows, images and embedded files, or start again from the blank template.");
      }
      if (inflated > limits.ratioGraceBytes() && inflated / compressed > limits.maxInflateRatio()) {
        throw new RejectedFileException("file-zip-bomb",
            "The part '" + name + "' expands more than " + limits.maxInflateRatio() + " times when unpacked,"
                + " the signature of a zip bomb; the file was not read further.",
            "Upload the workbook as Excel saved it. If it came from a generator, fill the blank template"
                + " instead.");
      }
    }
  }

  @Override
  public void close() {
    // Inflaters hold native memory: end every one, read to the end or not.
    for (InputStream in : opened) {
      try {
        in.close();
      } catch (IOException ignored) {
        // in-memory streams: nothing to release beyond the inflater
      }
    }
    opened.clear();
  }

  // ---- little-endian fields --------------------------------------------------------------------

  private static void need(byte[] zip, int at, int length) throws EOFException {
    if (at < 0 || length < 0 || at + (long) length > zip.length) {
      throw new EOFException("zip record runs past the end of the file");
    }
  }

  private static int uint16(byte[] b, int at) {
    return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8;
  }

  private static long uint32(byte[] b, int at) {
    return (uint16(b, at) | (long) uint16(b, at + 2) << 16) & UINT32;
  }

  private static int int32(byte[] b, int at) {
    return (int) uint32(b, at);
  }

  private static long int64(byte[] b, int at) {
    return uint32(b, at) | uint32(b, at + 4) << 32;
  }
}
