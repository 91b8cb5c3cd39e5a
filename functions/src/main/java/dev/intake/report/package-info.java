/**
 * What the checks' results become: the findings report ({@link dev.intake.report.ReportAssembler}),
 * its JSON and text forms, and the annotated copy of the partner's workbook
 * ({@link dev.intake.report.WorkbookAnnotator}, streamed part by part without POI's user model), and
 * what changed between two reports of one partner ({@link dev.intake.report.Comparison}).
 * {@link dev.intake.report.Evaluator} runs parse, rules and report in one call for the CLI and the tests.
 *
 * <p>Must not depend on the pipeline, the API or anything of AWS.
 */
package dev.intake.report;
