package dev.intake.bench;

/**
 * Runs the aggregate family's SnapStart priming (the report and the annotated copy of the parsed
 * sample, the rules on it, a rejected file), found by name so the probe runs on any jar.
 */
final class Primer {

  private Primer() {
  }

  static void prime() throws ReflectiveOperationException {
    Class.forName("dev.intake.aws.AggregateWiring").getMethod("prime").invoke(null);
  }
}
