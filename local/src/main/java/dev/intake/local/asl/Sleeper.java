package dev.intake.local.asl;

import java.time.Duration;

/** Waits for Retry backoff and Wait states; tests inject one that records and returns at once. */
@FunctionalInterface
public interface Sleeper {

  void sleep(Duration duration) throws InterruptedException;

  /** Sleeps on the calling thread; an interrupt (the runner shutting down) ends the wait early. */
  static Sleeper real() {
    return duration -> {
      if (!duration.isNegative() && !duration.isZero()) {
        Thread.sleep(duration.toMillis());
      }
    };
  }
}
