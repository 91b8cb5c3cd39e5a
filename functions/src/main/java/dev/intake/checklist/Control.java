package dev.intake.checklist;

import java.util.Objects;

/**
 * One control of the checklist, such as {@code DOC-001}.
 *
 * @param waivable true for the Common AWS Partner Practice Requirements, which an approved FTR or a
 *     recent other competency waives
 */
public record Control(String id, String group, String section, String title, Coverage coverage,
    boolean waivable) {

  public Control {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(coverage, "coverage");
  }
}
