package dev.intake.checklist;

import java.util.Objects;

/**
 * One control of the checklist, such as {@code DOC-001}.
 *
 * @param waivable true for the controls of a group the checklist's waiver covers (in 4.0 the Common
 *     AWS Partner Practice Requirements), which an approved FTR or a recent other competency waives
 * @param quote for a control that names how many case studies show it, that sentence, verbatim;
 *     empty otherwise
 */
public record Control(String id, String group, String section, String title, Coverage coverage,
    boolean waivable, String quote) {

  public Control {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(coverage, "coverage");
    quote = quote == null ? "" : quote;
  }
}
