package dev.intake.bench;

/** Runs the SnapStart priming the Lambda handlers register, found by name so the probe runs on any jar. */
final class Primer {

  private Primer() {
  }

  static void prime() throws ReflectiveOperationException {
    Class.forName("dev.intake.aws.SnapStartPriming").getMethod("prime").invoke(null);
  }
}
