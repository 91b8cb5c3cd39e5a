package dev.intake.checklist;

import java.util.Objects;

/**
 * A sentence of the checklist, word for word as the checklist text has it, and the item it stands in.
 *
 * @param ref the checklist item the sentence belongs to, e.g. {@code 2.1} or {@code PRMLO-003}
 */
public record Quote(String ref, String text) {

  public Quote {
    Objects.requireNonNull(ref, "ref");
    Objects.requireNonNull(text, "text");
  }

  /** The quote as a report shows it: {@code 2.1: “…”}. */
  public String display() {
    return ref + ": “" + text + "”";
  }
}
