package dev.intake.testing;

import dev.intake.aws.AwsClients;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Properties;
import java.util.stream.Stream;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.filesystem.FilesystemApiMetadata;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * S3Proxy in-process on 127.0.0.1 and a free port, backed by jclouds' filesystem store in a temp
 * folder, checking SigV2/SigV4 signatures against the local placeholder key
 * ({@link AwsClients#LOCAL_ACCESS_KEY_ID}) — so a presigned URL is verified, not waved through.
 *
 * <p>Usage: {@code @RegisterExtension static final S3ProxyServer S3 = new S3ProxyServer();} starts it
 * before the class's tests and stops it (and deletes its folder) after them;
 * {@link #createBucket(String)} then {@link #endpoint()} for {@link AwsClients#local}.
 */
public final class S3ProxyServer implements BeforeAllCallback, AfterAllCallback {

  private Path baseDir;
  private BlobStoreContext context;
  private S3Proxy proxy;

  @Override
  public void beforeAll(ExtensionContext extensionContext) throws Exception {
    start();
  }

  @Override
  public void afterAll(ExtensionContext extensionContext) throws Exception {
    stop();
  }

  public void start() throws Exception {
    baseDir = Files.createTempDirectory("s3proxy");
    Properties properties = new Properties();
    properties.setProperty("jclouds.filesystem.basedir", baseDir.toString());
    // By metadata, not by the id "filesystem": a lookup by id instantiates every provider on the
    // class path, including S3Proxy's Azure one whose jclouds classes the parent pom excludes.
    context = ContextBuilder.newBuilder(new FilesystemApiMetadata())
        .credentials("identity", "credential")
        .overrides(properties)
        .build(BlobStoreContext.class);
    proxy = S3Proxy.builder()
        .blobStore(context.getBlobStore())
        .endpoint(URI.create("http://127.0.0.1:0"))
        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, AwsClients.LOCAL_ACCESS_KEY_ID,
            AwsClients.LOCAL_SECRET_ACCESS_KEY)
        .build();
    proxy.start();
    while (!"STARTED".equals(proxy.getState())) {
      Thread.sleep(10);
    }
  }

  public void stop() throws Exception {
    if (proxy != null) {
      proxy.stop();
      proxy = null;
    }
    if (context != null) {
      context.close();
      context = null;
    }
    if (baseDir != null) {
      try (Stream<Path> files = Files.walk(baseDir)) {
        files.sorted(Comparator.reverseOrder()).forEach(S3ProxyServer::delete);
      }
      baseDir = null;
    }
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + proxy.getPort());
  }

  /** Creates a bucket straight in the backing store. */
  public void createBucket(String name) {
    context.getBlobStore().createContainerInLocation(null, name);
  }

  private static void delete(Path path) {
    try {
      Files.delete(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
