package dev.intake.testing;

import dev.intake.aws.AwsClients;
import dev.intake.engines.S3ProxyEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * S3Proxy for a test class, in a temp folder, checking signatures against the local placeholder key
 * ({@link AwsClients#LOCAL_ACCESS_KEY_ID}).
 *
 * <p>Usage: {@code @RegisterExtension static final S3ProxyServer S3 = new S3ProxyServer();} starts it
 * before the class's tests and stops it (and deletes its folder) after them;
 * {@link #createBucket(String)} then {@link #endpoint()} for {@link AwsClients#local}.
 */
public final class S3ProxyServer implements BeforeAllCallback, AfterAllCallback {

  private Path baseDir;
  private S3ProxyEngine engine;

  @Override
  public void beforeAll(ExtensionContext extensionContext) throws Exception {
    start();
  }

  @Override
  public void afterAll(ExtensionContext extensionContext) throws Exception {
    stop();
  }

  public void start() throws IOException {
    baseDir = Files.createTempDirectory("s3proxy");
    engine = S3ProxyEngine.start(baseDir, 0, AwsClients.LOCAL_ACCESS_KEY_ID, AwsClients.LOCAL_SECRET_ACCESS_KEY);
  }

  public void stop() throws IOException {
    if (engine != null) {
      engine.close();
      engine = null;
    }
    if (baseDir != null) {
      try (Stream<Path> files = Files.walk(baseDir)) {
        files.sorted(Comparator.reverseOrder()).forEach(S3ProxyServer::delete);
      }
      baseDir = null;
    }
  }

  public URI endpoint() {
    return engine.endpoint();
  }

  public void createBucket(String name) {
    engine.createBucket(name);
  }

  private static void delete(Path path) {
    try {
      Files.delete(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
