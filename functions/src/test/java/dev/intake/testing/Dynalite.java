package dev.intake.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * dynalite (the npm DynamoDB engine, in memory) as a child process on a free loopback port.
 *
 * <p>Usage: {@code Dynalite.shared().endpoint()} — one process per test JVM, started on first use
 * and destroyed at JVM shutdown; give each test class its own table ({@link #uniqueTableName}).
 * {@link #startPrivate()} starts one the caller owns and {@link #close() closes} (to test an outage).
 *
 * <p>The process also exits when the JVM's end of its stdin closes, so a test JVM killed hard
 * leaves no dynalite behind: node preloads a tiny watchdog before dynalite's own {@code cli.js}.
 */
public final class Dynalite implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Dynalite.class);
  private static final String READY_LINE = "Dynalite listening at:";
  private static final long START_TIMEOUT_SECONDS = 30;
  private static final String WATCHDOG =
      "process.stdin.on('end', () => process.exit(0)); process.stdin.on('error', () => process.exit(0));"
          + " process.stdin.resume();\n";

  private static Dynalite shared;

  private final Process process;
  private final URI endpoint;

  private Dynalite(Process process, int port) {
    this.process = process;
    this.endpoint = URI.create("http://127.0.0.1:" + port);
  }

  /** The JVM-wide instance, started on first call. */
  public static synchronized Dynalite shared() {
    if (shared == null || !shared.process.isAlive()) {
      Dynalite started = start();
      Runtime.getRuntime().addShutdownHook(new Thread(started::close, "dynalite-stop"));
      shared = started;
    }
    return shared;
  }

  /** A new instance the caller owns and must close. */
  public static Dynalite startPrivate() {
    return start();
  }

  /** A table name no other test class in this JVM uses. */
  public static String uniqueTableName(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
  }

  public URI endpoint() {
    return endpoint;
  }

  public boolean running() {
    return process.isAlive();
  }

  /** Stops the process and waits until it is gone. */
  @Override
  public void close() {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  private static Dynalite start() {
    Path root = repositoryRoot();
    Path cli = root.resolve("node_modules/dynalite/cli.js");
    if (!Files.isRegularFile(cli)) {
      throw new IllegalStateException("dynalite is not installed: " + cli + " is missing. Run `npm ci` in " + root);
    }
    Path watchdog = watchdogScript();
    IllegalStateException last = null;
    for (int attempt = 1; attempt <= 3; attempt++) {
      int port = freePort();
      List<String> command = List.of("node", "--require", watchdog.toString(), cli.toString(),
          "--port", Integer.toString(port), "--host", "127.0.0.1", "--createTableMs", "50");
      Process process;
      try {
        process = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true).start();
      } catch (IOException e) {
        throw new IllegalStateException("Cannot run `node` (" + e.getMessage() + "). Install Node.js 20 and run "
            + "`npm ci` in " + root, e);
      }
      try {
        awaitReady(process);
        LOG.info("dynalite listening on 127.0.0.1:{}", port);
        return new Dynalite(process, port);
      } catch (IllegalStateException e) {
        process.destroyForcibly();
        last = e;
      }
    }
    throw last;
  }

  /** Waits for dynalite's ready line, then keeps draining its output so it never blocks on a full pipe. */
  private static void awaitReady(Process process) {
    BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    List<String> seen = new ArrayList<>();
    CompletableFuture<Boolean> ready = new CompletableFuture<>();
    Thread drain = new Thread(() -> {
      try {
        String line;
        while ((line = out.readLine()) != null) {
          if (!ready.isDone()) {
            synchronized (seen) {
              seen.add(line);
            }
            if (line.startsWith(READY_LINE)) {
              ready.complete(true);
            }
          } else {
            LOG.debug("dynalite: {}", line);
          }
        }
      } catch (IOException ignored) {
        // the process is gone; the wait below reports it
      }
      ready.complete(false);
    }, "dynalite-output");
    drain.setDaemon(true);
    drain.start();
    boolean ok;
    try {
      ok = ready.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      ok = false;
    } catch (ExecutionException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while starting dynalite", e);
    }
    if (!ok) {
      synchronized (seen) {
        throw new IllegalStateException("dynalite did not start; its output: " + String.join("\n", seen));
      }
    }
  }

  private static Path watchdogScript() {
    try {
      Path file = Files.createTempFile("dynalite-watchdog", ".js");
      Files.writeString(file, WATCHDOG, StandardCharsets.UTF_8);
      file.toFile().deleteOnExit();
      return file;
    } catch (IOException e) {
      throw new IllegalStateException("Cannot write the dynalite watchdog script", e);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("No free port", e);
    }
  }

  /** From {@code -Drepo.root} (surefire sets it), else the nearest directory up with a package.json. */
  public static Path repositoryRoot() {
    String property = System.getProperty("repo.root");
    if (property != null && !property.isBlank() && Files.isRegularFile(Paths.get(property, "package.json"))) {
      return Paths.get(property).toAbsolutePath().normalize();
    }
    for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("package.json"))) {
        return dir;
      }
    }
    throw new IllegalStateException("Cannot find the repository root (no package.json above "
        + Paths.get("").toAbsolutePath() + "); set -Drepo.root");
  }
}
