package dev.intake.local;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * A bounded wait for something the local runtime does on its own threads: returns once the condition
 * holds or the time is up, and leaves it to the caller's assertions to say what did not happen.
 */
final class Waits {

  private Waits() {
  }

  static void until(Duration timeout, Duration poll, BooleanSupplier done) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!done.getAsBoolean() && System.nanoTime() < deadline) {
      Thread.sleep(poll.toMillis());
    }
  }
}
