package dev.intake.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.intake.contracts.RepositoryRoot;
import dev.intake.local.LocalApiClient;
import dev.intake.local.LocalRuntime;
import dev.intake.pipeline.AsOfPolicy;
import dev.intake.web.SafePageFetcher;
import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** What serve, demo and upload share: the data folder, starting the runtime, finding a running one. */
final class Runtimes {

  static final String DATA = "--data";
  /** The folder of a data folder where serve and demo write their log. */
  static final String LOGS = "logs";
  static final String PORT = "--port";
  static final String AS_OF = "--as-of";
  static final String CHECK_URLS = "--check-urls";

  private Runtimes() {
  }

  /** {@code --data DIR}, else .pipeline-data/ at the repository root. */
  static Path dataDir(Arguments a, String defaultChild) {
    return a.value(DATA).map(Path::of).orElseGet(() -> defaultRoot().resolve(defaultChild)).toAbsolutePath();
  }

  /**
   * A data folder for a run that starts from nothing: the default one is emptied, one the user names
   * must be empty or new. A folder a running pipeline is using is never touched.
   */
  static Path freshDataDir(Arguments a, String defaultChild) throws CliException {
    Path data = dataDir(a, defaultChild);
    refuseIfRunning(data);
    try {
      if (a.value(DATA).isEmpty()) {
        deleteTree(data);
      } else if (Files.isDirectory(data)) {
        // The CLI's own log (DATA/logs) is opened before this check runs: it is not the user's content.
        try (Stream<Path> entries = Files.list(data)) {
          if (entries.anyMatch(p -> !(p.getFileName().toString().equals(LOGS) && Files.isDirectory(p)))) {
            throw CliException.usage("--data " + data + " is not empty; this command needs a new or empty folder");
          }
        }
      }
      Files.createDirectories(data);
    } catch (IOException e) {
      throw new CliException(ExitCodes.CANT_CREATE, "cannot prepare the data folder " + data + ": " + e.getMessage());
    }
    return data;
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    List<Path> paths;
    try (Stream<Path> walk = Files.walk(dir)) {
      paths = walk.sorted(Comparator.reverseOrder()).toList();
    }
    for (Path p : paths) {
      Files.delete(p);
    }
  }

  /** The endpoints of the pipeline running on the data folder {@code --data} names (or the default one). */
  static JsonNode running(Arguments a) throws CliException {
    Path data = dataDir(a, "");
    try {
      return LocalRuntime.runtimeJson(data);
    } catch (RuntimeException e) {
      throw new CliException(ExitCodes.UNAVAILABLE, "no local pipeline found in " + data
          + "; start one with ./pipeline serve" + (a.value(DATA).isPresent() ? " --data " + data : ""));
    }
  }

  static Path defaultRoot() {
    try {
      return RepositoryRoot.locate().resolve(".pipeline-data");
    } catch (IllegalStateException e) {
      return Path.of(".pipeline-data");
    }
  }

  static int port(Arguments a) throws CliException {
    Optional<String> p = a.value(PORT);
    if (p.isEmpty()) {
      return 0;
    }
    try {
      int port = Integer.parseInt(p.get());
      if (port < 1 || port > 65535) {
        throw CliException.usage("--port must be from 1 to 65535");
      }
      return port;
    } catch (NumberFormatException e) {
      throw CliException.usage("--port must be a number, not '" + p.get() + "'");
    }
  }

  static Optional<LocalDate> asOf(Arguments a) throws CliException {
    Optional<String> v = a.value(AS_OF);
    if (v.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(LocalDate.parse(v.get()));
    } catch (DateTimeParseException e) {
      throw CliException.usage("--as-of must be a date as YYYY-MM-DD, not '" + v.get() + "'");
    }
  }

  /** Starts the runtime, turning the usual environment problems into one clear message. */
  static LocalRuntime start(LocalRuntime.Options options, boolean checkUrls) throws CliException {
    refuseIfRunning(options.dataDir());
    String token = System.getenv("PIPELINE_API_TOKEN");
    LocalRuntime.Options o = options;
    if (token != null && !token.isBlank()) {
      if (token.length() < 16) {
        throw new CliException(ExitCodes.USAGE, "PIPELINE_API_TOKEN must be at least 16 characters");
      }
      o = o.withToken(token);
    }
    if (checkUrls) {
      o = o.withPageFetcher(new SafePageFetcher());
    }
    try {
      return LocalRuntime.start(o);
    } catch (BindException e) {
      throw new CliException(ExitCodes.UNAVAILABLE, "port " + options.apiPort() + " is already in use; choose"
          + " another with --port N, or leave --port out to take a free one");
    } catch (IOException e) {
      throw new CliException(ExitCodes.UNAVAILABLE, "cannot start the local pipeline: " + e.getMessage());
    } catch (IllegalStateException e) {
      throw new CliException(ExitCodes.UNAVAILABLE, e.getMessage());
    }
  }

  private static void refuseIfRunning(Path dataDir) throws CliException {
    JsonNode runtime;
    try {
      runtime = LocalRuntime.runtimeJson(dataDir);
    } catch (RuntimeException e) {
      return;
    }
    try {
      new LocalApiClient(URI.create(runtime.path("api").asText()), null).get("/submissions");
    } catch (RuntimeException e) {
      return;
    }
    throw new CliException(ExitCodes.UNAVAILABLE, "a pipeline is already running on " + dataDir + " at "
        + runtime.path("api").asText() + "; stop it first, or use another --data folder");
  }

  static AsOfPolicy policy(Optional<LocalDate> asOf) {
    return asOf.map(AsOfPolicy::fixed).orElse(AsOfPolicy.uploadDay());
  }

  static void printEndpoints(LocalRuntime r, PrintStream out) {
    out.println("  Console        " + r.consoleLink() + "   (open in a browser: a one-time sign-in link;"
        + " ./pipeline token --console prints another)");
    out.println("  API            " + r.apiEndpoint() + "   (send Authorization: Bearer " + r.token() + ")");
    out.println("  S3             " + r.s3Endpoint() + "   bucket " + LocalRuntime.BUCKET
        + " (access key id 'local')");
    out.println("  Notifications  console, and " + r.dataDir().resolve("outbox") + "/");
    out.println("  Endpoints and token are also in " + r.dataDir().resolve("runtime.json"));
  }
}
