package dev.intake.engines;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.domain.Blob;
import org.jclouds.blobstore.domain.BlobAccess;
import org.jclouds.blobstore.domain.BlobMetadata;
import org.jclouds.blobstore.domain.MultipartPart;
import org.jclouds.blobstore.domain.MultipartUpload;
import org.jclouds.blobstore.domain.PageSet;
import org.jclouds.blobstore.domain.StorageMetadata;
import org.jclouds.blobstore.domain.StorageType;
import org.jclouds.blobstore.domain.internal.MutableBlobMetadataImpl;
import org.jclouds.blobstore.domain.internal.PageSetImpl;
import org.jclouds.blobstore.domain.internal.StorageMetadataImpl;
import org.jclouds.blobstore.options.CopyOptions;
import org.jclouds.blobstore.options.GetOptions;
import org.jclouds.blobstore.options.ListContainerOptions;
import org.jclouds.blobstore.options.PutOptions;
import org.jclouds.blobstore.util.ForwardingBlobStore;
import org.jclouds.io.Payload;

/**
 * S3 keys the filesystem store cannot hold as they are. S3 allows keys of up to 1,024 bytes, but the
 * filesystem store keeps each key as a path, and a file system refuses a path segment over 255 bytes
 * (a 900-character file name). Such a key is kept under {@code .long-keys/<sha256 of the key>}, its
 * name in a {@code .name} record beside it, and every operation translates it back: reads, deletes,
 * copies, multipart uploads and listings (merged in key order, markers and page sizes honoured) see
 * the key the client used. Keys that fit are untouched. A key over 1,024 bytes is refused, as S3 does.
 */
final class LongKeys extends ForwardingBlobStore {

  /** S3's limit on a key, in UTF-8 bytes. */
  static final int MAX_KEY_BYTES = 1024;
  /** The longest path segment kept as it is (file systems allow 255 bytes; the store adds suffixes). */
  static final int MAX_SEGMENT_BYTES = 200;
  private static final String RESERVED = ".long-keys/";
  private static final String NAME_SUFFIX = ".name";

  /** Per container: each long key and where it is kept, loaded from the records on first use. */
  private final Map<String, NavigableMap<String, String>> keys = new ConcurrentHashMap<>();

  LongKeys(BlobStore delegate) {
    super(delegate);
  }

  /** Whether {@code key} is kept elsewhere: a segment too long for a file name, or the reserved folder. */
  static boolean isLong(String key) {
    if (key.startsWith(RESERVED)) {
      return true;
    }
    for (String segment : key.split("/", -1)) {
      if (segment.getBytes(StandardCharsets.UTF_8).length > MAX_SEGMENT_BYTES) {
        return true;
      }
    }
    return false;
  }

  private String stored(String container, String key) {
    if (key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
      // S3 answers KeyTooLongError; S3Proxy turns this into a 400.
      throw new IllegalArgumentException("KeyTooLongError: the key is over " + MAX_KEY_BYTES + " bytes");
    }
    return isLong(key) ? RESERVED + sha256(key) : key;
  }

  /** The stored name of {@code key}, recording it first (a put, a copy's target, a multipart upload). */
  private String record(String container, String key) {
    String stored = stored(container, key);
    if (!stored.equals(key) && !known(container).containsKey(key)) {
      Blob name = delegate().blobBuilder(stored + NAME_SUFFIX).payload(key.getBytes(StandardCharsets.UTF_8))
          .contentType("text/plain").build();
      delegate().putBlob(container, name);
      known(container).put(key, stored);
    }
    return stored;
  }

  private void forget(String container, String key) {
    String stored = stored(container, key);
    if (!stored.equals(key)) {
      delegate().removeBlob(container, stored + NAME_SUFFIX);
      known(container).remove(key);
    }
  }

  private NavigableMap<String, String> known(String container) {
    return keys.computeIfAbsent(container, this::load);
  }

  private NavigableMap<String, String> load(String container) {
    NavigableMap<String, String> found = java.util.Collections.synchronizedNavigableMap(new TreeMap<>());
    if (!delegate().containerExists(container)) {
      return found;
    }
    String marker = null;
    do {
      ListContainerOptions options = new ListContainerOptions().prefix(RESERVED).recursive();
      if (marker != null) {
        options.afterMarker(marker);
      }
      PageSet<? extends StorageMetadata> page = delegate().list(container, options);
      for (StorageMetadata m : page) {
        if (m.getName().endsWith(NAME_SUFFIX)) {
          Blob record = delegate().getBlob(container, m.getName());
          if (record != null) {
            try (InputStream in = record.getPayload().openStream()) {
              String key = new String(in.readAllBytes(), StandardCharsets.UTF_8);
              found.put(key, m.getName().substring(0, m.getName().length() - NAME_SUFFIX.length()));
            } catch (IOException e) {
              throw new UncheckedIOException("cannot read the long-key record " + m.getName(), e);
            }
          }
        }
      }
      marker = page.getNextMarker();
    } while (marker != null);
    return found;
  }

  private static Blob renamed(Blob blob, String name) {
    if (blob != null) {
      blob.getMetadata().setName(name);
    }
    return blob;
  }

  private static BlobMetadata renamed(BlobMetadata metadata, String name) {
    if (metadata == null) {
      return null;
    }
    MutableBlobMetadataImpl copy = new MutableBlobMetadataImpl(metadata);
    copy.setName(name);
    return copy;
  }

  @Override
  public boolean blobExists(String container, String name) {
    return super.blobExists(container, stored(container, name));
  }

  @Override
  public String putBlob(String container, Blob blob) {
    String key = blob.getMetadata().getName();
    return super.putBlob(container, renamed(blob, record(container, key)));
  }

  @Override
  public String putBlob(String container, Blob blob, PutOptions options) {
    String key = blob.getMetadata().getName();
    return super.putBlob(container, renamed(blob, record(container, key)), options);
  }

  @Override
  public String copyBlob(String fromContainer, String fromName, String toContainer, String toName,
      CopyOptions options) {
    return super.copyBlob(fromContainer, stored(fromContainer, fromName), toContainer, record(toContainer, toName),
        options);
  }

  @Override
  public BlobMetadata blobMetadata(String container, String name) {
    return renamed(super.blobMetadata(container, stored(container, name)), name);
  }

  @Override
  public Blob getBlob(String container, String name) {
    return renamed(super.getBlob(container, stored(container, name)), name);
  }

  @Override
  public Blob getBlob(String container, String name, GetOptions options) {
    return renamed(super.getBlob(container, stored(container, name), options), name);
  }

  @Override
  public void removeBlob(String container, String name) {
    super.removeBlob(container, stored(container, name));
    forget(container, name);
  }

  @Override
  public void removeBlobs(String container, Iterable<String> names) {
    for (String name : names) {
      removeBlob(container, name);
    }
  }

  @Override
  public BlobAccess getBlobAccess(String container, String name) {
    return super.getBlobAccess(container, stored(container, name));
  }

  @Override
  public void setBlobAccess(String container, String name, BlobAccess access) {
    super.setBlobAccess(container, stored(container, name), access);
  }

  @Override
  public MultipartUpload initiateMultipartUpload(String container, BlobMetadata metadata, PutOptions options) {
    String key = metadata.getName();
    MultipartUpload upload = super.initiateMultipartUpload(container, renamed(metadata, record(container, key)),
        options);
    return MultipartUpload.create(upload.containerName(), key, upload.id(), upload.blobMetadata(),
        upload.putOptions());
  }

  private MultipartUpload stored(MultipartUpload upload) {
    return MultipartUpload.create(upload.containerName(), stored(upload.containerName(), upload.blobName()),
        upload.id(), upload.blobMetadata(), upload.putOptions());
  }

  @Override
  public void abortMultipartUpload(MultipartUpload upload) {
    super.abortMultipartUpload(stored(upload));
  }

  @Override
  public String completeMultipartUpload(MultipartUpload upload, List<MultipartPart> parts) {
    record(upload.containerName(), upload.blobName());
    return super.completeMultipartUpload(stored(upload), parts);
  }

  @Override
  public MultipartPart uploadMultipartPart(MultipartUpload upload, int partNumber, Payload payload) {
    return super.uploadMultipartPart(stored(upload), partNumber, payload);
  }

  @Override
  public List<MultipartPart> listMultipartUpload(MultipartUpload upload) {
    return super.listMultipartUpload(stored(upload));
  }

  @Override
  public List<MultipartUpload> listMultipartUploads(String container) {
    Map<String, String> byStored = new java.util.HashMap<>();
    known(container).forEach((key, stored) -> byStored.put(stored, key));
    List<MultipartUpload> out = new ArrayList<>();
    for (MultipartUpload u : super.listMultipartUploads(container)) {
      String key = byStored.getOrDefault(u.blobName(), u.blobName());
      out.add(MultipartUpload.create(u.containerName(), key, u.id(), u.blobMetadata(), u.putOptions()));
    }
    return out;
  }

  @Override
  public PageSet<? extends StorageMetadata> list(String container) {
    return list(container, ListContainerOptions.NONE);
  }

  /**
   * The store's listing without the reserved folder, and the long keys that belong in it. When no long
   * key matches the prefix, the store's page is returned as it is; otherwise the whole listing is
   * merged in key order and cut at the marker and page size the caller asked for.
   */
  @Override
  public PageSet<? extends StorageMetadata> list(String container, ListContainerOptions options) {
    String prefix = options.getPrefix() == null ? "" : options.getPrefix();
    String delimiter = options.getDelimiter() != null ? options.getDelimiter()
        : options.isRecursive() ? null : "/";
    List<String> matching = new ArrayList<>();
    synchronized (known(container)) {
      for (String key : known(container).tailMap(prefix, true).keySet()) {
        if (!key.startsWith(prefix)) {
          break;
        }
        matching.add(key);
      }
    }
    if (matching.isEmpty() || options.getDir() != null) {
      PageSet<? extends StorageMetadata> page = super.list(container, options);
      List<StorageMetadata> visible = new ArrayList<>();
      for (StorageMetadata m : page) {
        if (!(m.getName() + "/").startsWith(RESERVED)) {
          visible.add(m);
        }
      }
      return new PageSetImpl<>(visible, page.getNextMarker());
    }
    TreeMap<String, StorageMetadata> all = new TreeMap<>();
    ListContainerOptions everything = new ListContainerOptions();
    if (!prefix.isEmpty()) {
      everything.prefix(prefix);
    }
    if (delimiter == null) {
      everything.recursive();
    } else {
      everything.delimiter(delimiter);
    }
    if (options.isDetailed()) {
      everything.withDetails();
    }
    String marker = null;
    do {
      ListContainerOptions page = everything.clone();
      if (marker != null) {
        page.afterMarker(marker);
      }
      PageSet<? extends StorageMetadata> set = super.list(container, page);
      for (StorageMetadata m : set) {
        if (!(m.getName() + "/").startsWith(RESERVED)) {
          all.put(m.getName(), m);
        }
      }
      marker = set.getNextMarker();
    } while (marker != null);
    for (String key : matching) {
      int cut = delimiter == null ? -1 : key.indexOf(delimiter, prefix.length());
      if (cut >= 0) {
        String common = key.substring(0, cut + delimiter.length());
        all.putIfAbsent(common, new StorageMetadataImpl(StorageType.RELATIVE_PATH, null, common, null, null, null,
            null, null, Map.of(), null));
      } else {
        BlobMetadata m = blobMetadata(container, key);
        if (m != null) {
          all.put(key, m);
        }
      }
    }
    List<StorageMetadata> page = new ArrayList<>();
    String after = options.getMarker();
    int max = options.getMaxResults() == null ? Integer.MAX_VALUE : options.getMaxResults();
    String next = null;
    for (StorageMetadata m : (after == null ? all : all.tailMap(after, false)).values()) {
      if (page.size() == max) {
        next = page.get(page.size() - 1).getName();
        break;
      }
      page.add(m);
    }
    return new PageSetImpl<>(page, next);
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
