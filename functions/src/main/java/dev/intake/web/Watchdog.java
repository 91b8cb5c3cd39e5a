package dev.intake.web;

import java.io.Closeable;
import java.io.IOException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Closes a socket when a fetch's deadline passes. Socket timeouts bound each read, but a server
 * that sends one byte every few seconds (during the TLS handshake too) would never trip them.
 */
final class Watchdog {

  private static final ScheduledThreadPoolExecutor TIMER = timer();

  private Watchdog() {
  }

  /** Closes {@code resource} after {@code delayMillis} unless the returned handle is cancelled. */
  static ScheduledFuture<?> closeAfter(Closeable resource, long delayMillis) {
    return TIMER.schedule(() -> closeQuietly(resource), Math.max(0, delayMillis), TimeUnit.MILLISECONDS);
  }

  static void closeQuietly(Closeable resource) {
    try {
      resource.close();
    } catch (IOException ignored) {
      // Closing is how a stuck read is ended; a failure to close leaves nothing else to do.
    }
  }

  private static ScheduledThreadPoolExecutor timer() {
    ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "url-check-deadline");
      t.setDaemon(true);
      return t;
    });
    timer.setRemoveOnCancelPolicy(true);
    return timer;
  }
}
