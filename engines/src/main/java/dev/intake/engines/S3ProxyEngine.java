package dev.intake.engines;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.CrossOriginResourceSharing;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.blobstore.domain.Blob;
import org.jclouds.blobstore.domain.MultipartPart;
import org.jclouds.blobstore.domain.MultipartUpload;
import org.jclouds.blobstore.options.PutOptions;
import org.jclouds.blobstore.util.ForwardingBlobStore;
import org.jclouds.filesystem.FilesystemApiMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * S3Proxy in-process on 127.0.0.1, backed by jclouds' filesystem store in a folder (so objects
 * survive a restart), checking SigV2/SigV4 signatures against one access key — a presigned URL is
 * verified, not waved through, and the AWS CLI works with {@code --endpoint-url}. Keys up to S3's
 * 1,024 bytes are kept, however long a segment ({@link LongKeys}).
 */
public final class S3ProxyEngine implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(S3ProxyEngine.class);

  private final BlobStoreContext context;
  private final S3Proxy proxy;
  private final VersionStore versions;

  private S3ProxyEngine(BlobStoreContext context, S3Proxy proxy, VersionStore versions) {
    this.context = context;
    this.proxy = proxy;
    this.versions = versions;
  }

  /**
   * @param baseDir where the objects are kept (one folder per bucket)
   * @param port the port, or 0 for a free one
   */
  public static S3ProxyEngine start(Path baseDir, int port, String accessKeyId, String secretAccessKey) {
    return start(baseDir, null, port, accessKeyId, secretAccessKey, key -> false, version -> { });
  }

  /**
   * The same, keeping a version of every put of a key {@code versioned} accepts (in
   * {@code versionsDir}, which the filesystem store has no notion of), and telling
   * {@code onObjectCreated} of each such put (or completed multipart upload) once its version is
   * kept, as S3 event notifications of a versioned bucket would announce it. A later put of the same
   * key cannot slip between the put and its version: puts of one key are taken one at a time.
   */
  public static S3ProxyEngine start(Path baseDir, Path versionsDir, int port, String accessKeyId,
      String secretAccessKey, Predicate<String> versioned, Consumer<ObjectVersion> onObjectCreated) {
    return start(baseDir, versionsDir, port, accessKeyId, secretAccessKey, versioned, onObjectCreated, List.of());
  }

  /**
   * The same, answering browsers from {@code corsOrigins} (exact origins, e.g. the local web console's)
   * with CORS headers for GET, HEAD and PUT, as an S3 bucket's CORS rule does: what a console's
   * presigned upload from the browser needs.
   */
  public static S3ProxyEngine start(Path baseDir, Path versionsDir, int port, String accessKeyId,
      String secretAccessKey, Predicate<String> versioned, Consumer<ObjectVersion> onObjectCreated,
      List<String> corsOrigins) {
    try {
      Files.createDirectories(baseDir);
      Properties properties = new Properties();
      properties.setProperty("jclouds.filesystem.basedir", baseDir.toAbsolutePath().toString());
      // By metadata, not by the id "filesystem": a lookup by id instantiates every provider on the
      // class path, including S3Proxy's Azure one whose jclouds classes the parent pom excludes.
      BlobStoreContext context = ContextBuilder.newBuilder(new FilesystemApiMetadata())
          .credentials("identity", "credential")
          .overrides(properties)
          .build(BlobStoreContext.class);
      VersionStore versions = versionsDir == null ? null : new VersionStore(versionsDir, Clock.systemUTC());
      BlobStore files = new LongKeys(context.getBlobStore());
      BlobStore store = versions == null ? files : new Versioning(files, versions, versioned, onObjectCreated);
      S3Proxy.Builder builder = S3Proxy.builder()
          .blobStore(store)
          .endpoint(URI.create("http://127.0.0.1:" + port))
          .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKeyId, secretAccessKey)
          // Current AWS CLIs and SDKs add flexible checksums (x-amz-checksum-crc32 and the like) to
          // every put, which S3Proxy 2.6 does not implement and would refuse: they are ignored,
          // and the SigV4 payload hash, which S3Proxy does check, still guards the bytes.
          .ignoreUnknownHeaders(true);
      if (!corsOrigins.isEmpty()) {
        builder.corsRules(new CrossOriginResourceSharing(
            corsOrigins.stream().map(java.util.regex.Pattern::quote).toList(),
            List.of("GET", "HEAD", "PUT"), List.of("content-type"), List.of("ETag"), "false"));
      }
      S3Proxy proxy = builder.build();
      proxy.start();
      long deadline = System.nanoTime() + 30_000_000_000L;
      while (!"STARTED".equals(proxy.getState())) {
        if (System.nanoTime() > deadline || "FAILED".equals(proxy.getState())) {
          context.close();
          throw new IllegalStateException("S3Proxy did not start on port " + port + " (state " + proxy.getState()
              + "); is the port in use?");
        }
        Thread.sleep(10);
      }
      return new S3ProxyEngine(context, proxy, versions);
    } catch (IllegalStateException e) {
      throw e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while starting S3Proxy", e);
    } catch (Exception e) {
      throw new IllegalStateException("Cannot start S3Proxy on port " + port + ": " + e.getMessage(), e);
    }
  }

  /**
   * Keeps a version of each put of a versioned key and announces it. Puts (and deletes) of one key
   * are taken one at a time, so the version read back is the bytes of that put.
   */
  private static final class Versioning extends ForwardingBlobStore {
    private final VersionStore versions;
    private final Predicate<String> versioned;
    private final Consumer<ObjectVersion> listener;
    private final Object[] locks = new Object[64];

    Versioning(BlobStore delegate, VersionStore versions, Predicate<String> versioned,
        Consumer<ObjectVersion> listener) {
      super(delegate);
      this.versions = versions;
      this.versioned = versioned;
      this.listener = listener;
      for (int i = 0; i < locks.length; i++) {
        locks[i] = new Object();
      }
    }

    @Override
    public String putBlob(String container, Blob blob) {
      return keep(container, blob.getMetadata().getName(), () -> super.putBlob(container, blob));
    }

    @Override
    public String putBlob(String container, Blob blob, PutOptions options) {
      return keep(container, blob.getMetadata().getName(), () -> super.putBlob(container, blob, options));
    }

    @Override
    public String completeMultipartUpload(MultipartUpload upload, List<MultipartPart> parts) {
      return keep(upload.containerName(), upload.blobName(), () -> super.completeMultipartUpload(upload, parts));
    }

    @Override
    public void removeBlob(String container, String name) {
      synchronized (lock(container, name)) {
        super.removeBlob(container, name);
      }
    }

    private Object lock(String container, String name) {
      return locks[Math.floorMod((container + "/" + name).hashCode(), locks.length)];
    }

    private String keep(String container, String name, Supplier<String> put) {
      if (!versioned.test(name)) {
        return put.get();
      }
      ObjectVersion version;
      String eTag;
      synchronized (lock(container, name)) {
        eTag = put.get();
        Blob stored = delegate().getBlob(container, name);
        if (stored == null) {
          throw new IllegalStateException("s3://" + container + "/" + name + " vanished right after its put");
        }
        Date modified = stored.getMetadata().getLastModified();
        try (InputStream in = stored.getPayload().openStream()) {
          version = versions.keep(container, name, eTag, modified == null ? null : modified.toInstant(), in);
        } catch (IOException e) {
          // The put fails (500) and the client retries it: no put is left without its version.
          throw new UncheckedIOException("cannot keep a version of s3://" + container + "/" + name, e);
        }
      }
      try {
        listener.accept(version);
      } catch (RuntimeException e) {
        // Stored and kept: whoever listens finds it later among the versions.
        LOG.warn("Announcing {} version {} failed: {}", name, version.versionId(), e.toString());
      }
      return eTag;
    }
  }

  /** Every kept version of the bucket's versioned keys, in put order (none without a versions folder). */
  public List<ObjectVersion> versions(String bucket) {
    return versions == null ? List.of() : versions.versions(bucket);
  }

  /** The bytes of one kept version of {@code key}; empty when there is no such version of that key. */
  public Optional<InputStream> openVersion(String bucket, String key, String versionId) {
    return versions == null ? Optional.empty() : versions.open(bucket, key, versionId);
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + proxy.getPort());
  }

  /** Creates a bucket straight in the backing store; a no-op when it exists. */
  public void createBucket(String name) {
    context.getBlobStore().createContainerInLocation(null, name);
  }

  @Override
  public void close() {
    try {
      proxy.stop();
    } catch (Exception e) {
      throw new IllegalStateException("Cannot stop S3Proxy", e);
    } finally {
      context.close();
    }
  }
}
