package dev.intake.local.asl;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A sleeper that returns at once and remembers every delay it was asked for. */
final class RecordingSleeper implements Sleeper {

  private final List<Duration> delays = new ArrayList<>();

  @Override
  public synchronized void sleep(Duration duration) {
    delays.add(duration);
  }

  synchronized List<Duration> delays() {
    return List.copyOf(delays);
  }
}
