package dev.intake.checklist;

import java.util.Objects;

/**
 * What the checklist says about one rule of the code: the item its findings cite and the sentence it
 * enforces. A rule's id is the code's; everything a partner reads about it comes from here.
 *
 * @param ref the checklist item its findings cite (a rule about one control cites the control instead)
 * @param quote the sentence it enforces, verbatim; empty when the rule enforces the sentence of the
 *     control each finding cites ({@code control-coverage})
 * @param quoteRef the item the sentence is in, when it is not {@code ref}
 */
public record RuleEntry(String id, String ref, String quote, String quoteRef) {

  public RuleEntry {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(ref, "ref");
    quote = quote == null ? "" : quote;
    quoteRef = quoteRef == null || quoteRef.isBlank() ? ref : quoteRef;
  }
}
