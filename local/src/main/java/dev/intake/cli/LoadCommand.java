package dev.intake.cli;

import dev.intake.contracts.RepositoryRoot;
import dev.intake.local.LoadRun;
import dev.intake.local.LocalRuntime;
import dev.intake.pipeline.AsOfPolicy;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * {@code load [--uploads N]}: the load test. Starts the local pipeline on a fresh data folder,
 * uploads N workbooks in one burst, and checks that every one reaches a terminal state exactly once;
 * prints throughput and p50/p99 latency.
 */
final class LoadCommand implements Command {

  private static final String UPLOADS = "--uploads";

  @Override public String name() {
    return "load";
  }

  @Override public String synopsis() {
    return "load [--uploads N] [--data DIR]";
  }

  @Override public String summary() {
    return "Load test: N uploads (default 300) in one burst; none lost, none evaluated twice; throughput, p50/p99.";
  }

  @Override public String usage() {
    return "Usage: pipeline " + synopsis() + "\n\n" + summary() + "\n\n"
        + "Options:\n"
        + "  --uploads N   how many workbooks to upload at once (default 300), cycling through the samples\n"
        + "  --data DIR    an empty or new folder for the run (default .pipeline-data/load/, emptied first)\n\n"
        + "Exit codes: 0 every upload was evaluated and notified exactly once, 1 otherwise, 69 the pipeline\n"
        + "could not start.\n";
  }

  @Override public int run(List<String> args, PrintStream out, PrintStream err) throws CliException {
    Arguments a = Arguments.parse(args, Set.of(UPLOADS, Runtimes.DATA), Set.of());
    if (a.help()) {
      out.print(usage());
      return ExitCodes.OK;
    }
    int uploads;
    try {
      uploads = Integer.parseInt(a.value(UPLOADS).orElse("300"));
    } catch (NumberFormatException e) {
      throw CliException.usage("--uploads must be a number");
    }
    if (uploads < 1 || uploads > 10_000) {
      throw CliException.usage("--uploads must be from 1 to 10000");
    }
    Path data = Runtimes.freshDataDir(a, "load");
    Path samples = RepositoryRoot.locate().resolve("test-events/workbooks");
    err.println("Starting the local pipeline…");
    LocalRuntime runtime = Runtimes.start(LocalRuntime.Options.defaults(data, line -> { })
        .withAsOf(AsOfPolicy.fixed(LocalDate.of(2026, 11, 1))), false);
    try {
      out.println("Uploading " + uploads + " workbooks in one burst…");
      LoadRun.Result r = LoadRun.run(runtime, LoadRun.samples(samples), uploads, Duration.ofMinutes(15),
          done -> err.print("\r  " + done + " of " + uploads + " verdicts "));
      err.println();
      out.println(r.describe());
      out.println(r.clean() ? "OK: none lost, none evaluated twice, one notification each."
          : "NOT OK: see the counts above.");
      return r.clean() ? ExitCodes.OK : ExitCodes.ACTION_REQUIRED;
    } catch (IOException e) {
      throw new CliException(ExitCodes.NO_INPUT, "cannot read the samples: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ExitCodes.SOFTWARE;
    } finally {
      runtime.close();
    }
  }
}
