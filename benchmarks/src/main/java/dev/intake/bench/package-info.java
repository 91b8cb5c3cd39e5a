/**
 * Performance figures for issue 6, each a ratio against a baseline measured in the same run:
 * baseline A opens the workbook with POI's {@code XSSFWorkbook} and reads every cell as text, floor B
 * unzips every part and scans it with StAX. {@link dev.intake.bench.WarmBenchmarks} measures warm
 * (JMH); {@link dev.intake.bench.ColdHarness} starts fresh JVMs running {@link dev.intake.bench.ColdProbe}
 * with the Lambda runtime's flags; {@link dev.intake.bench.ReportWriter} writes BENCHMARKS.md.
 * {@code benchmarks/run.sh} runs them all.
 */
package dev.intake.bench;
