package dev.intake.cli;

import dev.intake.local.LocalRuntime;
import java.io.PrintStream;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/** {@code serve [--data DIR] [--port N] [--as-of DATE] [--check-urls]}: the pipeline on this machine until Ctrl-C. */
final class ServeCommand implements Command {

  @Override public String name() {
    return "serve";
  }

  @Override public String synopsis() {
    return "serve [--data DIR] [--port N] [--as-of YYYY-MM-DD] [--check-urls]";
  }

  @Override public String summary() {
    return "Run the whole pipeline on this machine (local S3, DynamoDB, workflow, API) until Ctrl-C.";
  }

  @Override public String usage() {
    return "Usage: pipeline " + synopsis() + "\n\n" + summary() + "\n\n"
        + "Options:\n"
        + "  --data DIR          where uploads, submissions and executions are kept (default .pipeline-data/ at\n"
        + "                      the repository root); they survive a restart\n"
        + "  --port N            the API's port on 127.0.0.1 (default: a free one)\n"
        + "  --as-of YYYY-MM-DD  judge every upload on this date (default: the day it was uploaded)\n"
        + "  --check-urls        also fetch public case-study pages (SSRF-safe; needs internet)\n\n"
        + "The API token is printed at start and written to DIR/runtime.json; set PIPELINE_API_TOKEN to\n"
        + "choose it. Upload with ./pipeline upload FILE, or any S3 client (see the printed endpoint).\n"
        + "Needs Node.js (for dynalite, installed by npm ci).\n";
  }

  @Override public int run(List<String> args, PrintStream out, PrintStream err) throws CliException {
    Arguments a = Arguments.parse(args, Set.of(Runtimes.DATA, Runtimes.PORT, Runtimes.AS_OF),
        Set.of(Runtimes.CHECK_URLS));
    if (a.help()) {
      out.print(usage());
      return ExitCodes.OK;
    }
    if (!a.positionals().isEmpty()) {
      throw CliException.usage("serve takes no file arguments");
    }
    LocalRuntime.Options options = LocalRuntime.Options.defaults(Runtimes.dataDir(a, ""), out::println)
        .withApiPort(Runtimes.port(a))
        .withAsOf(Runtimes.policy(Runtimes.asOf(a)));
    err.println("Starting the local pipeline…");
    LocalRuntime runtime = Runtimes.start(options, a.flag(Runtimes.CHECK_URLS));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      runtime.close();
      stopped.countDown();
    }, "pipeline-stop"));
    out.println("Competency intake pipeline running locally (data: " + runtime.dataDir() + ")");
    Runtimes.printEndpoints(runtime, out);
    out.println("  Upload         ./pipeline upload FILE.xlsx   (or put it under incoming/<partnerId>/ with any"
        + " S3 client)");
    out.println("Press Ctrl-C to stop.");
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return ExitCodes.OK;
  }
}
