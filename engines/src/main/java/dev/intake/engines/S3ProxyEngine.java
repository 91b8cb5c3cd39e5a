package dev.intake.engines;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.function.BiConsumer;
import org.gaul.s3proxy.AuthenticationType;
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

/**
 * S3Proxy in-process on 127.0.0.1, backed by jclouds' filesystem store in a folder (so objects
 * survive a restart), checking SigV2/SigV4 signatures against one access key — a presigned URL is
 * verified, not waved through, and the AWS CLI works with {@code --endpoint-url}.
 */
public final class S3ProxyEngine implements AutoCloseable {

  private final BlobStoreContext context;
  private final S3Proxy proxy;

  private S3ProxyEngine(BlobStoreContext context, S3Proxy proxy) {
    this.context = context;
    this.proxy = proxy;
  }

  /**
   * @param baseDir where the objects are kept (one folder per bucket)
   * @param port the port, or 0 for a free one
   */
  public static S3ProxyEngine start(Path baseDir, int port, String accessKeyId, String secretAccessKey) {
    return start(baseDir, port, accessKeyId, secretAccessKey, (bucket, key) -> { });
  }

  /**
   * The same, and {@code onObjectCreated} hears of every object any S3 client puts (or completes as a
   * multipart upload), as S3 event notifications would announce it.
   */
  public static S3ProxyEngine start(Path baseDir, int port, String accessKeyId, String secretAccessKey,
      BiConsumer<String, String> onObjectCreated) {
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
      S3Proxy proxy = S3Proxy.builder()
          .blobStore(new Announcing(context.getBlobStore(), onObjectCreated))
          .endpoint(URI.create("http://127.0.0.1:" + port))
          .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKeyId, secretAccessKey)
          .build();
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
      return new S3ProxyEngine(context, proxy);
    } catch (IllegalStateException e) {
      throw e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while starting S3Proxy", e);
    } catch (Exception e) {
      throw new IllegalStateException("Cannot start S3Proxy on port " + port + ": " + e.getMessage(), e);
    }
  }

  /** Tells a listener of each object written, after the store has it. */
  private static final class Announcing extends ForwardingBlobStore {
    private final BiConsumer<String, String> listener;

    Announcing(BlobStore delegate, BiConsumer<String, String> listener) {
      super(delegate);
      this.listener = listener;
    }

    @Override
    public String putBlob(String container, Blob blob) {
      String etag = super.putBlob(container, blob);
      listener.accept(container, blob.getMetadata().getName());
      return etag;
    }

    @Override
    public String putBlob(String container, Blob blob, PutOptions options) {
      String etag = super.putBlob(container, blob, options);
      listener.accept(container, blob.getMetadata().getName());
      return etag;
    }

    @Override
    public String completeMultipartUpload(MultipartUpload upload, List<MultipartPart> parts) {
      String etag = super.completeMultipartUpload(upload, parts);
      listener.accept(upload.containerName(), upload.blobName());
      return etag;
    }
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
