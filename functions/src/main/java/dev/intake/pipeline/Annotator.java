package dev.intake.pipeline;

import dev.intake.model.FindingsReport;
import dev.intake.report.Comparison;

/** Makes the copy of the partner's workbook that carries the findings (what the partner gets back). */
@FunctionalInterface
public interface Annotator {

  /**
   * {@code original} may be null when the file was too large to download; the copy then lists findings
   * only. {@code changes}, what changed since the partner's previous submission, is null when it was
   * not compared with one.
   */
  byte[] annotate(byte[] original, FindingsReport report, Comparison changes);
}
