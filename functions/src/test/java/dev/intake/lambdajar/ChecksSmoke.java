package dev.intake.lambdajar;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.intake.aws.CheckWiring;
import dev.intake.handlers.CaseStudiesHandler;
import dev.intake.handlers.JsonTaskHandler;
import dev.intake.handlers.PrerequisitesHandler;
import dev.intake.handlers.PublicUrlsHandler;
import java.nio.file.Path;
import java.util.List;

/**
 * The check family from its artifact alone: {@code STATE_FILE RESULTS_FILE} runs the three check
 * groups on the workflow's state as intake started it, writes their results, and runs the family's
 * SnapStart priming.
 */
public final class ChecksSmoke {

  private ChecksSmoke() {
  }

  public static void main(String[] args) throws Exception {
    Smoke.started(ChecksSmoke.class);
    var state = Smoke.read(Path.of(args[0]));
    List<JsonTaskHandler> checks = List.of(new PrerequisitesHandler(), new CaseStudiesHandler(),
        new PublicUrlsHandler());
    ArrayNode results = Smoke.JSON.createArrayNode();
    for (JsonTaskHandler check : checks) {
      results.add(Smoke.invoke(check, state));
    }
    Smoke.write(Path.of(args[1]), results);
    Smoke.say("checks", results.size());
    Smoke.say("priming", CheckWiring.prime());
    Smoke.end();
  }
}
