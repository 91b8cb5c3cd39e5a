package dev.intake.lambdajar;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.intake.handlers.FailureHandler;
import java.nio.file.Path;
import java.util.List;

/** The failure family from its artifact alone: what the workflow's MarkFailed sends, for a submission never stored. */
public final class FailureSmoke {

  private FailureSmoke() {
  }

  public static void main(String[] args) throws Exception {
    Smoke.started(FailureSmoke.class);
    var state = Smoke.read(Path.of(args[0]));
    ObjectNode failed = Smoke.JSON.createObjectNode();
    for (String field : List.of("partnerId", "bucket", "key", "versionId", "fileName", "asOf")) {
      failed.set(field, state.get(field));
    }
    failed.put("submissionId", "sub-aaaaaaaaaaaaaaaaaaaaaaaaaa");
    failed.put("error", "States.Timeout");
    failed.put("cause", "smoke test");
    Smoke.say("failure", Smoke.invoke(new FailureHandler(), failed).path("marked").asText());
    Smoke.end();
  }
}
