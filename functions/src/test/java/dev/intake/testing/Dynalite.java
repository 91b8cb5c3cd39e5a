package dev.intake.testing;

import dev.intake.contracts.RepositoryRoot;
import dev.intake.engines.DynaliteProcess;
import java.net.URI;
import java.util.Locale;
import java.util.UUID;

/**
 * dynalite for tests: {@code Dynalite.shared().endpoint()} is one in-memory process per test JVM,
 * started on first use and stopped at JVM shutdown; give each test its own table
 * ({@link #uniqueTableName}). {@link #startPrivate()} starts one the caller owns and
 * {@link #close() closes} (to test an outage).
 */
public final class Dynalite implements AutoCloseable {

  private static Dynalite shared;

  private final DynaliteProcess process;

  private Dynalite(DynaliteProcess process) {
    this.process = process;
  }

  /** The JVM-wide instance, started on first call. */
  public static synchronized Dynalite shared() {
    if (shared == null || !shared.running()) {
      Dynalite started = startPrivate();
      Runtime.getRuntime().addShutdownHook(new Thread(started::close, "dynalite-stop"));
      shared = started;
    }
    return shared;
  }

  /** A new in-memory instance the caller owns and must close. */
  public static Dynalite startPrivate() {
    return new Dynalite(DynaliteProcess.start(RepositoryRoot.locate(), 0, null));
  }

  /** A table name no other test in this JVM uses. */
  public static String uniqueTableName(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
  }

  public URI endpoint() {
    return process.endpoint();
  }

  public boolean running() {
    return process.running();
  }

  @Override
  public void close() {
    process.close();
  }
}
