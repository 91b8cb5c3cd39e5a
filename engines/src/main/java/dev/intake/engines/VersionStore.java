package dev.intake.engines;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The object versions S3Proxy's filesystem store does not keep: the bytes of every put of a
 * versioned key, in files of their own ({@code <bucket>/<sha256 of key>/<versionId>.bin}, and a
 * {@code .properties} record written after it, so a record always has its bytes). Survives a
 * restart: the records are read back at start.
 */
final class VersionStore {

  private final Path root;
  private final Clock clock;
  private final AtomicLong lastSequence = new AtomicLong();
  private final ConcurrentMap<String, List<ObjectVersion>> byBucket = new ConcurrentHashMap<>();

  VersionStore(Path root, Clock clock) {
    this.root = root;
    this.clock = clock;
    load();
  }

  /** Keeps {@code bytes} as a new version of {@code key}; returns its record. */
  ObjectVersion keep(String bucket, String key, String eTag, Instant lastModified, InputStream bytes)
      throws IOException {
    String sequencer = String.format("%016X", nextSequence());
    String versionId = "v" + sequencer.toLowerCase(java.util.Locale.ROOT);
    Path dir = dir(bucket, key);
    Path data = dir.resolve(versionId + ".bin");
    AtomicFiles.replace(data, bytes);
    ObjectVersion v = new ObjectVersion(bucket, key, versionId, eTag == null ? null : eTag.replace("\"", ""),
        Files.size(data), lastModified == null ? clock.instant() : lastModified, sequencer);
    Properties record = new Properties();
    record.setProperty("key", key);
    record.setProperty("eTag", v.eTag() == null ? "" : v.eTag());
    record.setProperty("size", Long.toString(v.size()));
    record.setProperty("lastModified", v.lastModified().toString());
    record.setProperty("sequencer", sequencer);
    StringWriter text = new StringWriter();
    record.store(text, null);
    AtomicFiles.replace(dir.resolve(versionId + ".properties"), text.toString().getBytes(StandardCharsets.UTF_8));
    byBucket.computeIfAbsent(bucket, b -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(v);
    return v;
  }

  /** Every kept version of the bucket, in put order. */
  List<ObjectVersion> versions(String bucket) {
    List<ObjectVersion> all = new ArrayList<>(byBucket.getOrDefault(bucket, List.of()));
    all.sort(Comparator.comparing(ObjectVersion::sequencer));
    return List.copyOf(all);
  }

  /** The bytes of one version of {@code key}, or empty when there is no such version of it. */
  Optional<InputStream> open(String bucket, String key, String versionId) {
    if (!versionId.matches("v[0-9a-f]{16}")) {
      return Optional.empty();
    }
    try {
      return Optional.of(Files.newInputStream(dir(bucket, key).resolve(versionId + ".bin")));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read version " + versionId + " of " + key, e);
    }
  }

  /** Microseconds since the epoch, and never the same or smaller twice (also across a restart). */
  private long nextSequence() {
    long now = ChronoUnit.MICROS.between(Instant.EPOCH, clock.instant());
    return lastSequence.updateAndGet(last -> Math.max(last + 1, now));
  }

  private Path dir(String bucket, String key) {
    return root.resolve(bucket).resolve(sha256(key));
  }

  private void load() {
    if (!Files.isDirectory(root)) {
      return;
    }
    try (Stream<Path> files = Files.walk(root, 3)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        String name = f.getFileName().toString();
        if (!name.endsWith(".properties") || name.startsWith(".")) {
          continue;
        }
        Properties record = new Properties();
        try (Reader in = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
          record.load(in);
        }
        String bucket = root.relativize(f).getName(0).toString();
        String eTag = record.getProperty("eTag", "");
        ObjectVersion v = new ObjectVersion(bucket, record.getProperty("key"),
            name.substring(0, name.length() - ".properties".length()), eTag.isEmpty() ? null : eTag,
            Long.parseLong(record.getProperty("size", "0")), Instant.parse(record.getProperty("lastModified")),
            record.getProperty("sequencer"));
        byBucket.computeIfAbsent(bucket, b -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(v);
        lastSequence.accumulateAndGet(Long.parseLong(v.sequencer(), 16), Math::max);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the object versions under " + root, e);
    }
  }

  private static String sha256(String key) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(key.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }
}
