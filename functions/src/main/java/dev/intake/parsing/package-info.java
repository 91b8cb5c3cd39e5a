/**
 * Reads an uploaded file into an {@link dev.intake.model.Assessment}, or refuses it with a finding
 * that says why ({@link dev.intake.parsing.ParseOutcome}): sniffing the file type, a bounded zip
 * reader, StAX over the workbook's parts with DTDs refused, and the template's layout to find each
 * value. Every limit (size, parts, rows, cells, time) is in {@link dev.intake.parsing.Limits}. The
 * same zip and XML layer, with a zip and XML writer, is what the annotated copy is streamed through
 * ({@link dev.intake.parsing.WorkbookParts}, {@link dev.intake.parsing.PackageWriter},
 * {@link dev.intake.parsing.XmlWriter}), so its reads are held to the same limits.
 *
 * <p>Depends on the model and the template's layout only. Must not depend on the rules, the report,
 * the pipeline or anything of AWS: a workbook reads the same on a laptop and in Lambda.
 */
package dev.intake.parsing;
