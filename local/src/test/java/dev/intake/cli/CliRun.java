package dev.intake.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

/** Runs the CLI as the script would and keeps what it printed to stdout and stderr. */
public final class CliRun {

  private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
  private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();

  public int run(Clock clock, String... args) {
    try (PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8)) {
      return new PipelineCli(clock).run(args, out, err);
    }
  }

  /** Forgets what was printed to stdout so far. */
  public void resetOut() {
    outBytes.reset();
  }

  public String out() {
    return outBytes.toString(StandardCharsets.UTF_8);
  }

  public String err() {
    return errBytes.toString(StandardCharsets.UTF_8);
  }
}
