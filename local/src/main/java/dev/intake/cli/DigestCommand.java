package dev.intake.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.intake.aws.AwsClients;
import dev.intake.aws.DynamoDbSubmissionStore;
import dev.intake.local.LocalNotifier;
import dev.intake.local.LocalRuntime;
import dev.intake.pipeline.Digest;
import dev.intake.pipeline.DigestService;
import dev.intake.pipeline.PipelineMetrics;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;

/**
 * {@code digest [--data DIR]}: the program office's daily digest of the running pipeline, now — the
 * one {@code serve} makes on business days at 07:00 UTC (EventBridge Scheduler on AWS). It goes to
 * the outbox like every notification, and its e-mail text to the console.
 */
final class DigestCommand implements Command {

  @Override public String name() {
    return "digest";
  }

  @Override public String synopsis() {
    return "digest [--data DIR]";
  }

  @Override public String summary() {
    return "Make the program office's daily digest of the running pipeline now (outbox and console).";
  }

  @Override public String usage() {
    return "Usage: pipeline " + synopsis() + "\n\n" + summary() + "\n\n"
        + "Counts what arrived since the previous business day's digest by status and review state, the office's\n"
        + "queue (NEW, IN_REVIEW) with what is due today, and lists the overdue submissions (past their due date,\n"
        + "five business days after receipt, unanswered). serve makes it by itself on business days at 07:00 UTC.\n";
  }

  @Override public int run(List<String> args, PrintStream out, PrintStream err) throws CliException {
    Arguments a = Arguments.parse(args, Set.of(Runtimes.DATA), Set.of());
    if (a.help()) {
      out.print(usage());
      return ExitCodes.OK;
    }
    if (!a.positionals().isEmpty()) {
      throw CliException.usage("digest takes no file arguments");
    }
    JsonNode runtime = Runtimes.running(a);
    if (!runtime.hasNonNull("dynamodb")) {
      throw new CliException(ExitCodes.UNAVAILABLE, "the running pipeline is too old to make a digest from outside;"
          + " restart it with ./pipeline serve");
    }
    Path data = Runtimes.dataDir(a, "");
    try (AwsClients clients = AwsClients.local(URI.create(runtime.path("dynamodb").asText()), null)) {
      Clock clock = Clock.systemUTC();
      Digest digest = new DigestService(new DynamoDbSubmissionStore(clients.dynamoDb(), LocalRuntime.TABLE), clock,
          runtime.path("api").asText(), PipelineMetrics.NONE, new LocalNotifier(data.resolve("outbox"), out::println,
          clock)).run();
      err.println("digest for " + digest.day() + ": " + digest.received() + " received, " + digest.queue()
          + " awaiting the office, " + digest.overdue().size() + " overdue (written to " + data.resolve("outbox")
          + ")");
    } catch (RuntimeException e) {
      throw new CliException(ExitCodes.UNAVAILABLE, "cannot reach the running pipeline's DynamoDB at "
          + runtime.path("dynamodb").asText() + ": " + e.getMessage());
    }
    return ExitCodes.OK;
  }
}
