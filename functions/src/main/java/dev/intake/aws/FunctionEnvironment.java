package dev.intake.aws;

import java.time.Clock;
import java.util.Map;

/**
 * One function's environment variables and clock, as its family's wiring reads them. It names no
 * SDK client, so every family's artifact can carry it.
 */
final class FunctionEnvironment {

  private final Map<String, String> env;
  private final Clock clock;

  FunctionEnvironment(Map<String, String> env, Clock clock) {
    this.env = Map.copyOf(env);
    this.clock = clock;
  }

  Clock clock() {
    return clock;
  }

  /** @throws IllegalStateException when the stack did not set it */
  String required(String name) {
    String v = env.get(name);
    if (v == null || v.isBlank()) {
      throw new IllegalStateException("Environment variable " + name + " is not set for this function");
    }
    return v;
  }

  /** The value, or {@code fallback} when it is not set. */
  String get(String name, String fallback) {
    return env.getOrDefault(name, fallback);
  }

  /** The value, or null when it is not set. */
  String get(String name) {
    return env.get(name);
  }
}
