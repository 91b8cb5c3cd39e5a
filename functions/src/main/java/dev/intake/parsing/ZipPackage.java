package dev.intake.parsing;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;

/**
 * The zip container of a workbook, read from memory through its central directory, with every
 * part inflated through a guard that stops zip bombs and oversized parts early.
 */
final class ZipPackage implements AutoCloseable {

  private final ZipFile zip;
  private final Map<String, ZipArchiveEntry> entries;
  private final Limits limits;
  private long totalInflated;

  private ZipPackage(ZipFile zip, Map<String, ZipArchiveEntry> entries, Limits limits) {
    this.zip = zip;
    this.entries = entries;
    this.limits = limits;
  }

  static ZipPackage open(byte[] bytes, Limits limits) {
    ZipFile zip;
    try {
      zip = ZipFile.builder()
          .setSeekableByteChannel(new SeekableInMemoryByteChannel(bytes))
          .setUseUnicodeExtraFields(true)
          .get();
    } catch (IOException | RuntimeException e) {
      throw new RejectedFileException("file-corrupt",
          "The file starts like an .xlsx (a zip archive) but its directory cannot be read: it is truncated"
              + " or damaged.",
          "Open the workbook in Excel, save it again as .xlsx, and upload the new file.");
    }
    try {
      Map<String, ZipArchiveEntry> byName = new LinkedHashMap<>();
      Set<String> seen = new HashSet<>();
      List<ZipArchiveEntry> all = Collections.list(zip.getEntries());
      if (all.size() > limits.maxEntries()) {
        throw new RejectedFileException("file-limits",
            "The workbook holds " + all.size() + " parts; a self-assessment needs a few dozen (the limit is "
                + limits.maxEntries() + ").",
            "Remove embedded files and extra sheets, or start again from the blank template.");
      }
      for (ZipArchiveEntry e : all) {
        String name = normalise(e.getName());
        if (!seen.add(name.toLowerCase(Locale.ROOT))) {
          throw new RejectedFileException("file-corrupt",
              "The workbook's zip archive lists the part '" + name + "' twice, which Excel never writes:"
                  + " the file was tampered with or damaged.",
              "Open the workbook in Excel, save it again as .xlsx, and upload the new file.");
        }
        if (e.getGeneralPurposeBit().usesEncryption() || !zip.canReadEntryData(e)) {
          throw new RejectedFileException("file-encrypted",
              "A part of the workbook ('" + name + "') is encrypted or compressed in a way Excel does not use.",
              "Remove any password protection, save the workbook as a plain .xlsx and upload it again.");
        }
        byName.put(name, e);
      }
      return new ZipPackage(zip, byName, limits);
    } catch (RuntimeException e) {
      closeQuietly(zip);
      throw e;
    }
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

  /** Part names in OOXML are case-insensitive. */
  private ZipArchiveEntry find(String name) {
    ZipArchiveEntry e = entries.get(normalise(name));
    if (e != null) {
      return e;
    }
    for (Map.Entry<String, ZipArchiveEntry> candidate : entries.entrySet()) {
      if (candidate.getKey().equalsIgnoreCase(normalise(name))) {
        return candidate.getValue();
      }
    }
    return null;
  }

  /** The part's content, inflated through the guard; null when there is no such part. */
  InputStream open(String name) throws IOException {
    ZipArchiveEntry e = find(name);
    if (e == null) {
      return null;
    }
    if (e.getSize() > limits.maxPartBytes()) {
      throw tooLarge(name);
    }
    return new Guard(zip.getInputStream(e), name, Math.max(e.getCompressedSize(), 1));
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
    closeQuietly(zip);
  }

  private static void closeQuietly(ZipFile zip) {
    try {
      zip.close();
    } catch (IOException ignored) {
      // in-memory channel: nothing to release
    }
  }
}
