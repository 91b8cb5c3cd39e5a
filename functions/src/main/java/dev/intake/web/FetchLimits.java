package dev.intake.web;

import java.time.Duration;

/** How long and how much one fetch may take. */
record FetchLimits(Duration connectTimeout, Duration readTimeout, Duration deadline, int maxBodyBytes,
    int maxHeaderBytes, int maxRedirects, int maxTextChars) {

  /** 3 s to connect, 3 s per read, 10 s in all; 1 MB of body, 32 KB of headers, 3 redirects. */
  static final FetchLimits DEFAULT = new FetchLimits(Duration.ofSeconds(3), Duration.ofSeconds(3),
      Duration.ofSeconds(10), 1024 * 1024, 32 * 1024, 3, 256 * 1024);

  FetchLimits {
    if (connectTimeout.isNegative() || connectTimeout.isZero() || readTimeout.isNegative() || readTimeout.isZero()
        || deadline.isNegative() || deadline.isZero()) {
      throw new IllegalArgumentException("timeouts must be positive");
    }
    if (maxBodyBytes < 1 || maxHeaderBytes < 256 || maxRedirects < 0 || maxTextChars < 1) {
      throw new IllegalArgumentException("limits out of range");
    }
  }

  FetchLimits withTimeouts(Duration connect, Duration read, Duration all) {
    return new FetchLimits(connect, read, all, maxBodyBytes, maxHeaderBytes, maxRedirects, maxTextChars);
  }

  FetchLimits withMaxTextChars(int chars) {
    return new FetchLimits(connectTimeout, readTimeout, deadline, maxBodyBytes, maxHeaderBytes, maxRedirects, chars);
  }
}
