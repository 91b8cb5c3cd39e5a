package dev.intake.lambdajar;

import dev.intake.handlers.DigestHandler;

/** The digest family from its artifact alone: the daily digest, published to the test's SNS stand-in. */
public final class DigestSmoke {

  private DigestSmoke() {
  }

  public static void main(String[] args) throws Exception {
    Smoke.started(DigestSmoke.class);
    var digest = Smoke.invoke(new DigestHandler(), Smoke.JSON.createObjectNode());
    Smoke.say("digest", digest.path("awaiting").asInt());
    Smoke.end();
  }
}
