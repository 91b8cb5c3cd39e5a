package dev.intake.pipeline;

import dev.intake.model.FindingsReport;

/** Makes the copy of the partner's workbook that carries the findings (what the partner gets back). */
@FunctionalInterface
public interface Annotator {

  /** {@code original} may be null when the file was too large to download; the copy then lists findings only. */
  byte[] annotate(byte[] original, FindingsReport report);
}
