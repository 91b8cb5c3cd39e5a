package dev.intake.local.asl;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Timestamps as the States Language defines them: RFC 3339 with an uppercase {@code T} between
 * date and time and an uppercase {@code Z} when there is no numeric offset.
 */
final class Timestamps {

  private Timestamps() {
  }

  static Optional<Instant> parse(String text) {
    if (text == null || text.indexOf('T') < 0) {
      return Optional.empty();
    }
    try {
      return Optional.of(OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
