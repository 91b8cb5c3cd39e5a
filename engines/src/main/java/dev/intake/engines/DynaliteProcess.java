package dev.intake.engines;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * dynalite (the npm DynamoDB engine, pinned in package.json and installed by {@code npm ci}) as a
 * child process on a loopback port: in memory, or persistent in a LevelDB folder.
 *
 * <p>The process also exits when the JVM's end of its stdin closes, so a JVM killed hard leaves no
 * dynalite behind: node preloads a tiny watchdog before dynalite's own {@code cli.js}.
 */
public final class DynaliteProcess implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DynaliteProcess.class);
  private static final String READY_LINE = "Dynalite listening at:";
  private static final long START_TIMEOUT_SECONDS = 30;
  private static final String WATCHDOG =
      "process.stdin.on('end', () => process.exit(0)); process.stdin.on('error', () => process.exit(0));"
          + " process.stdin.resume();\n";

  private final Process process;
  private final int port;

  private DynaliteProcess(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /**
   * Starts dynalite from {@code root}/node_modules.
   *
   * @param port the port to listen on, or 0 for a free one
   * @param dataDir where LevelDB keeps the tables, or null to keep them in memory
   */
  public static DynaliteProcess start(Path root, int port, Path dataDir) {
    Path cli = root.resolve("node_modules/dynalite/cli.js");
    if (!Files.isRegularFile(cli)) {
      throw new IllegalStateException("dynalite is not installed: " + cli + " is missing. Run `npm ci` in " + root);
    }
    Path watchdog = watchdogScript();
    IllegalStateException last = null;
    for (int attempt = 1; attempt <= 3; attempt++) {
      int chosen = port == 0 ? freePort() : port;
      List<String> command = new ArrayList<>(List.of("node", "--require", watchdog.toString(), cli.toString(),
          "--port", Integer.toString(chosen), "--host", "127.0.0.1", "--createTableMs", "50"));
      if (dataDir != null) {
        try {
          Files.createDirectories(dataDir);
        } catch (IOException e) {
          throw new IllegalStateException("Cannot create dynalite's folder " + dataDir, e);
        }
        command.addAll(List.of("--path", dataDir.toAbsolutePath().toString()));
      }
      Process process;
      try {
        process = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true).start();
      } catch (IOException e) {
        throw new IllegalStateException("Cannot run `node` (" + e.getMessage() + "). Install Node.js 20 or newer and"
            + " run `npm ci` in " + root, e);
      }
      try {
        awaitReady(process);
        LOG.info("dynalite listening on 127.0.0.1:{}{}", chosen, dataDir == null ? " (in memory)" : " in " + dataDir);
        return new DynaliteProcess(process, chosen);
      } catch (IllegalStateException e) {
        process.destroyForcibly();
        last = e;
        if (port != 0) {
          break;
        }
      }
    }
    throw last;
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + port);
  }

  public int port() {
    return port;
  }

  public boolean running() {
    return process.isAlive();
  }

  /** Stops the process and waits until it is gone (and its port and LevelDB lock are free). */
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

  /** A port nothing listens on now (there is a small race until the process binds it). */
  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("No free port", e);
    }
  }
}
