package dev.intake.parsing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The names in the root storage of an OLE2 compound file (MS-CFB), which is all the reader needs
 * to tell an encrypted .xlsx (Office wraps those in OLE2, with an EncryptionInfo stream) from a
 * legacy .xls (a Workbook stream) or another Office document. Reads the header, the sector
 * allocation table and the directory, nothing else. An upload may be hostile: every sector number
 * is checked against the file, every chain and the directory tree may visit each sector or entry
 * once, and anything else is an {@link IOException}.
 */
final class CompoundFile {

  private static final byte[] SIGNATURE = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1,
      0x1A, (byte) 0xE1};
  private static final int HEADER_BYTES = 512;
  /** Sector numbers from here up are markers (end of chain, free, FAT, DIFAT), not sectors. */
  private static final long MAX_SECTOR = 0xFFFFFFFAL;
  private static final long END_OF_CHAIN = 0xFFFFFFFEL;
  private static final long NO_ENTRY = 0xFFFFFFFFL;
  private static final int HEADER_FAT_SECTORS = 109;
  private static final int ENTRY_BYTES = 128;
  private static final int ROOT_STORAGE = 5;

  private final byte[] bytes;
  private final int sectorSize;
  private final long sectors;
  private final long[] fatSectors;

  private CompoundFile(byte[] bytes) throws IOException {
    this.bytes = bytes;
    int shift = u16(30);
    if (shift != 9 && shift != 12) {
      throw malformed("sector size 2^" + shift);
    }
    this.sectorSize = 1 << shift;
    // Sector n starts after the header's sector; a last sector cut short still counts (its end is checked on use).
    this.sectors = (bytes.length - 1L) / sectorSize;
    this.fatSectors = fatSectors();
  }

  /** Whether the bytes start as a compound file does. */
  static boolean isCompoundFile(byte[] bytes) {
    if (bytes.length < SIGNATURE.length) {
      return false;
    }
    for (int i = 0; i < SIGNATURE.length; i++) {
      if (bytes[i] != SIGNATURE[i]) {
        return false;
      }
    }
    return true;
  }

  /**
   * The names of the streams and storages directly in the root storage.
   *
   * @throws IOException when the bytes are not a compound file this class can read
   */
  static Set<String> rootNames(byte[] bytes) throws IOException {
    if (bytes.length < HEADER_BYTES || !isCompoundFile(bytes)) {
      throw malformed("no compound file header");
    }
    return new CompoundFile(bytes).rootNames();
  }

  private Set<String> rootNames() throws IOException {
    List<Long> directory = chain(u32(48));
    long entries = (long) directory.size() * (sectorSize / ENTRY_BYTES);
    int root = entryOffset(directory, 0);
    if ((bytes[root + 66] & 0xFF) != ROOT_STORAGE) {
      throw malformed("the first directory entry is not the root storage");
    }
    Set<String> names = new LinkedHashSet<>();
    BitSet seen = new BitSet();
    Deque<Long> todo = new ArrayDeque<>();
    long child = u32(root + 76);
    if (child != NO_ENTRY) {
      todo.push(child);
    }
    // The root's children are one red-black tree of siblings.
    while (!todo.isEmpty()) {
      long id = todo.pop();
      if (id >= entries || id == 0 || seen.get((int) id)) {
        throw malformed("directory entry " + id + " is out of place");
      }
      seen.set((int) id);
      int at = entryOffset(directory, id);
      names.add(name(at));
      for (long sibling : new long[] {u32(at + 68), u32(at + 72)}) {
        if (sibling != NO_ENTRY) {
          todo.push(sibling);
        }
      }
    }
    return names;
  }

  private String name(int entry) throws IOException {
    int length = u16(entry + 64);
    if (length < 2 || length > 64 || length % 2 != 0) {
      throw malformed("a directory entry's name is " + length + " bytes");
    }
    // UTF-16LE with a terminating zero, counted in the length.
    return new String(bytes, entry, length - 2, StandardCharsets.UTF_16LE);
  }

  private int entryOffset(List<Long> directory, long id) throws IOException {
    int perSector = sectorSize / ENTRY_BYTES;
    long sector = directory.get((int) (id / perSector));
    long offset = sectorOffset(sector) + (id % perSector) * ENTRY_BYTES;
    if (offset + ENTRY_BYTES > bytes.length) {
      throw malformed("directory entry " + id + " is past the end of the file");
    }
    return (int) offset;
  }

  /** The FAT's sectors: the first 109 named in the header, the rest in the DIFAT chain. */
  private long[] fatSectors() throws IOException {
    long count = u32(44);
    if (count > sectors) {
      throw malformed(count + " FAT sectors in a file of " + sectors);
    }
    long[] fat = new long[(int) count];
    int n = 0;
    for (int i = 0; i < HEADER_FAT_SECTORS && n < count; i++) {
      fat[n++] = sector(u32(76 + 4L * i));
    }
    long difat = u32(68);
    long difatLeft = u32(72);
    BitSet seen = new BitSet();
    int perDifat = sectorSize / 4 - 1;
    while (n < count) {
      if (difatLeft-- <= 0) {
        throw malformed("the DIFAT ends before the FAT does");
      }
      long s = sector(difat);
      if (seen.get((int) s)) {
        throw malformed("the DIFAT loops");
      }
      seen.set((int) s);
      long base = sectorOffset(s);
      for (int i = 0; i < perDifat && n < count; i++) {
        fat[n++] = sector(u32(base + 4L * i));
      }
      difat = u32(base + 4L * perDifat);
    }
    return fat;
  }

  /** The sectors of the chain from {@code first}, each at most once. */
  private List<Long> chain(long first) throws IOException {
    List<Long> chain = new ArrayList<>();
    BitSet seen = new BitSet();
    long s = first;
    while (s != END_OF_CHAIN) {
      s = sector(s);
      if (seen.get((int) s)) {
        throw malformed("a sector chain loops");
      }
      seen.set((int) s);
      chain.add(s);
      s = next(s);
    }
    if (chain.isEmpty()) {
      throw malformed("the directory is empty");
    }
    return chain;
  }

  private long next(long sector) throws IOException {
    int perFatSector = sectorSize / 4;
    long index = sector / perFatSector;
    if (index >= fatSectors.length) {
      throw malformed("sector " + sector + " is not in the FAT");
    }
    return u32(sectorOffset(fatSectors[(int) index]) + 4 * (sector % perFatSector));
  }

  /** {@code s} when it is a sector of this file. */
  private long sector(long s) throws IOException {
    if (s > MAX_SECTOR || s >= sectors) {
      throw malformed("sector " + Long.toHexString(s) + " is not in the file");
    }
    return s;
  }

  private long sectorOffset(long sector) {
    return (sector + 1) * sectorSize;
  }

  private int u16(long at) throws IOException {
    check(at, 2);
    return (bytes[(int) at] & 0xFF) | (bytes[(int) at + 1] & 0xFF) << 8;
  }

  private long u32(long at) throws IOException {
    check(at, 4);
    int i = (int) at;
    return (bytes[i] & 0xFFL) | (bytes[i + 1] & 0xFFL) << 8 | (bytes[i + 2] & 0xFFL) << 16
        | (bytes[i + 3] & 0xFFL) << 24;
  }

  private void check(long at, int length) throws IOException {
    if (at < 0 || at + length > bytes.length) {
      throw malformed("a read past the end of the file");
    }
  }

  private static IOException malformed(String what) {
    return new IOException("not a readable compound file: " + what);
  }
}
