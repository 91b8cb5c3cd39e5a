package dev.intake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intake.model.FindingsReport;
import dev.intake.model.ReportStatus;
import dev.intake.parsing.ParseOutcome;
import dev.intake.parsing.WorkbookParser;
import dev.intake.report.Evaluator;
import dev.intake.report.ReportJson;
import dev.intake.report.WorkbookAnnotator;
import dev.intake.rules.PageFetcher;
import dev.intake.testing.ReviewLoopWorkbooks;
import dev.intake.testing.SampleWorkbooks;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineCliTest {

  private static final LocalDate AS_OF = SampleWorkbooks.AS_OF;
  private static final Clock AS_OF_NOON_UTC = Clock.fixed(Instant.parse("2026-11-01T12:00:00Z"), ZoneOffset.UTC);

  @TempDir
  Path dir;

  private final CliRun cli = new CliRun();

  /** What the last {@link #validateWithFetcher} run printed to stdout. */
  private String checkedOutput = "";

  private int run(Clock clock, String... args) {
    return cli.run(clock, args);
  }

  private int run(String... args) {
    return run(AS_OF_NOON_UTC, args);
  }

  private String out() {
    return cli.out();
  }

  private String err() {
    return cli.err();
  }

  private Path sample(String fileName) throws IOException {
    Path file = dir.resolve(fileName);
    Files.write(file, SampleWorkbooks.named(fileName).build());
    return file;
  }

  // ---- help and usage errors ---------------------------------------------------------------------

  @Test
  void run_noArguments_printsUsageOnStderrAndExits64() {
    int code = run();

    assertThat(code).isEqualTo(64);
    assertThat(out()).isEmpty();
    assertThat(err()).startsWith("Usage: pipeline").contains("template OUT.xlsx", "validate FILE.xlsx");
  }

  @Test
  void run_helpInEachSpelling_printsUsageOnStdoutAndExits0() {
    for (String help : List.of("help", "--help", "-h")) {
      cli.resetOut();

      int code = run(help);

      assertThat(code).as(help).isZero();
      assertThat(out()).as(help).startsWith("Usage: pipeline").contains("Exit codes: 0 READY");
    }
    assertThat(err()).isEmpty();
  }

  @Test
  void run_helpForACommand_printsThatCommandsOptions() {
    int viaHelp = run("help", "validate");
    String helpText = out();
    cli.resetOut();

    int viaFlag = run("validate", "--help");

    assertThat(viaHelp).isZero();
    assertThat(viaFlag).isZero();
    assertThat(helpText).startsWith("Usage: pipeline validate FILE.xlsx").contains("--as-of", "--annotate");
    assertThat(out()).isEqualTo(helpText);
  }

  @Test
  void run_unknownCommand_exits64WithOneLineAndUsage() {
    int code = run("upload-everything", "x.xlsx");

    assertThat(code).isEqualTo(64);
    assertThat(out()).isEmpty();
    assertThat(err().lines().findFirst()).hasValue("pipeline: unknown command 'upload-everything'");
    assertThat(err()).contains("Usage: pipeline <command>");
  }

  @Test
  void validate_badAsOfDate_exits64WithMessageAndUsage() throws IOException {
    Path file = sample("ready.xlsx");

    int code = run("validate", file.toString(), "--as-of", "01/11/2026");

    assertThat(code).isEqualTo(64);
    assertThat(out()).isEmpty();
    assertThat(err().lines().findFirst()).hasValue(
        "pipeline validate: --as-of '01/11/2026' is not a date; write it as YYYY-MM-DD, e.g. 2026-11-01");
    assertThat(err()).contains("Usage: pipeline validate");
  }

  @Test
  void validate_unknownOption_exits64() throws IOException {
    Path file = sample("ready.xlsx");

    int code = run("validate", file.toString(), "--strict");

    assertThat(code).isEqualTo(64);
    assertThat(err()).startsWith("pipeline validate: unknown option --strict\n");
  }

  @Test
  void validate_unknownFormat_exits64() throws IOException {
    Path file = sample("ready.xlsx");

    int code = run("validate", file.toString(), "--format", "yaml");

    assertThat(code).isEqualTo(64);
    assertThat(err()).startsWith("pipeline validate: --format must be text or json, not 'yaml'");
  }

  @Test
  void validate_optionWithoutValue_exits64() throws IOException {
    Path file = sample("ready.xlsx");

    int code = run("validate", file.toString(), "--as-of");

    assertThat(code).isEqualTo(64);
    assertThat(err()).startsWith("pipeline validate: option --as-of needs a value");
  }

  @Test
  void validate_noFileArgument_exits64() {
    int code = run("validate", "--as-of", "2026-11-01");

    assertThat(code).isEqualTo(64);
    assertThat(err()).startsWith("pipeline validate: missing workbook (FILE.xlsx)");
  }

  @Test
  void validate_twoFiles_exits64() throws IOException {
    Path a = sample("ready.xlsx");
    Path b = sample("tier-and-path.xlsx");

    int code = run("validate", a.toString(), b.toString());

    assertThat(code).isEqualTo(64);
    assertThat(err()).startsWith("pipeline validate: expected one workbook (FILE.xlsx), got 2");
  }

  @Test
  void validate_fileThatDoesNotExist_exits66WithoutUsage() {
    Path missing = dir.resolve("nowhere.xlsx");

    int code = run("validate", missing.toString());

    assertThat(code).isEqualTo(66);
    assertThat(out()).isEmpty();
    assertThat(err()).isEqualTo("pipeline validate: " + missing + ": no such file\n");
  }

  @Test
  void validate_folderInsteadOfFile_exits66() {
    int code = run("validate", dir.toString());

    assertThat(code).isEqualTo(66);
    assertThat(err()).contains("is a folder, not a workbook");
  }

  // ---- verdicts ----------------------------------------------------------------------------------

  @Test
  void validate_readyWorkbook_printsTheTextReportAndExits0() throws IOException {
    Path file = sample("ready.xlsx");

    int code = run("validate", file.toString(), "--as-of", "2026-11-01");

    assertThat(code).isZero();
    assertThat(out()).contains("as of 2026-11-01", "Northwind Cloud Consulting Ltd [P-1001]", "Status:   READY",
        "No findings: every check passed.");
    assertThat(err()).isEmpty();
  }

  @Test
  void validate_workbookWithBlockers_exits1AndNamesTheCells() throws IOException {
    Path file = sample("tier-and-path.xlsx");

    int code = run("validate", "--as-of=2026-11-01", file.toString());

    assertThat(code).isEqualTo(1);
    assertThat(out()).contains("Status:   ACTION_REQUIRED", "[1.3] Partner Profile!B5:", "[1.2] Partner Profile!B6:");
  }

  @Test
  void validate_since_saysWhatChangedByWhatFindingsAreAbout() throws IOException {
    LocalDate asOf = LocalDate.of(2026, 11, 1);
    Path old = dir.resolve("old.xlsx");
    Files.write(old, ReviewLoopWorkbooks.first(asOf).build());
    Files.setLastModifiedTime(old, java.nio.file.attribute.FileTime.from(java.time.Instant.parse(
        "2026-10-30T12:00:00Z")));
    Path fixed = dir.resolve("fixed.xlsx");
    Files.write(fixed, ReviewLoopWorkbooks.corrected(asOf).build());

    int code = run("validate", fixed.toString(), "--as-of", "2026-11-01", "--since", old.toString());

    assertThat(code).isEqualTo(1);
    assertThat(out()).contains("Changes:  3 fixed, 1 new since 2026-10-30 (old.xlsx), 1 unchanged");
  }

  @Test
  void validate_sinceAFileThatIsNotAWorkbook_saysItCannotCompareAndExits65() throws IOException {
    LocalDate asOf = LocalDate.of(2026, 11, 1);
    Path old = dir.resolve("notzip.xlsx");
    Files.writeString(old, "not a workbook at all");
    Path fixed = dir.resolve("fixed.xlsx");
    Files.write(fixed, ReviewLoopWorkbooks.corrected(asOf).build());

    int code = run("validate", fixed.toString(), "--as-of", "2026-11-01", "--since", old.toString());

    assertThat(code).isEqualTo(ExitCodes.DATA_ERROR).isEqualTo(65);
    assertThat(out()).doesNotContain("Changes:", "fixed,");
    assertThat(err()).contains("cannot compare with " + old, "not a workbook of the template",
        "run without --since");
  }

  @Test
  void validate_rejectedFileSinceAWorkbook_printsItsReportWithoutAComparison() throws IOException {
    LocalDate asOf = LocalDate.of(2026, 11, 1);
    Path old = dir.resolve("old.xlsx");
    Files.write(old, ReviewLoopWorkbooks.first(asOf).build());
    Path broken = dir.resolve("broken.xlsx");
    Files.writeString(broken, "not a workbook at all");

    int code = run("validate", broken.toString(), "--as-of", "2026-11-01", "--since", old.toString());

    assertThat(code).isEqualTo(ExitCodes.REJECTED);
    assertThat(out()).contains("Status:   REJECTED").doesNotContain("Changes:");
    assertThat(err()).contains("not compared with " + old);
  }

  @Test
  void validate_help_saysWhatSinceDoesWithAFileThatCannotBeChecked() {
    int code = run("validate", "--help");

    assertThat(code).isZero();
    assertThat(out()).contains("65 OLD.xlsx (--since) is not a workbook of the template");
  }

  @Test
  void validate_fileThatIsNotAWorkbook_exits2() throws IOException {
    Path file = sample("not-a-workbook.xlsx");

    int code = run("validate", file.toString(), "--as-of", "2026-11-01");

    assertThat(code).isEqualTo(2);
    assertThat(out()).contains("Status:   REJECTED", "plain text");
  }

  @Test
  void validate_jsonFormat_printsTheReportJsonOnly() throws IOException {
    Path file = sample("certifications.xlsx");

    int code = run("validate", file.toString(), "--as-of", "2026-11-01", "--format", "json");

    FindingsReport report = ReportJson.read(out());
    assertThat(code).isEqualTo(1);
    assertThat(report.status()).isEqualTo(ReportStatus.ACTION_REQUIRED);
    assertThat(report.asOf()).isEqualTo(AS_OF);
    assertThat(report.partner().id()).isEqualTo("P-1003");
    assertThat(report.findings()).extracting(f -> f.ruleId()).contains("certifications-associate",
        "certifications-professional");
    assertThat(err()).isEmpty();
  }

  @Test
  void validate_withoutAsOf_judgesOnTheClocksLocalDate() throws IOException {
    Path file = sample("ready.xlsx");
    // 02:00 UTC on 1 November is still 31 October in Los Angeles.
    Clock losAngeles = Clock.fixed(Instant.parse("2026-11-01T02:00:00Z"), ZoneId.of("America/Los_Angeles"));

    int code = run(losAngeles, "validate", file.toString(), "--format", "json");

    assertThat(code).isZero();
    assertThat(ReportJson.read(out()).asOf()).isEqualTo(LocalDate.of(2026, 10, 31));
  }

  // ---- --annotate --------------------------------------------------------------------------------

  @Test
  void validate_annotate_writesTheAnnotatedCopy() throws IOException {
    Path file = sample("case-study-age.xlsx");
    Path annotated = dir.resolve("annotated.xlsx");

    int code = run("validate", file.toString(), "--as-of", "2026-11-01", "--annotate", annotated.toString());

    assertThat(code).isEqualTo(1);
    assertThat(err()).isEqualTo("Annotated copy written to " + annotated + "\n");
    try (XSSFWorkbook wb = new XSSFWorkbook(Files.newInputStream(annotated))) {
      assertThat(wb.getSheetAt(0).getSheetName()).isEqualTo("Findings");
      assertThat(wb.getSheet("Case Studies").getRow(1).getCell(9).getCellComment()).isNotNull();
    }
    ParseOutcome reparsed = new WorkbookParser().parse(Files.readAllBytes(annotated), "annotated.xlsx");
    assertThat(reparsed).isInstanceOf(ParseOutcome.Parsed.class);
  }

  @Test
  void validate_annotateRejectedFile_writesAFindingsOnlyWorkbook() throws IOException {
    Path file = sample("not-a-workbook.xlsx");
    Path annotated = dir.resolve("findings.xlsx");

    int code = run("validate", file.toString(), "--as-of", "2026-11-01", "--annotate", annotated.toString());

    assertThat(code).isEqualTo(2);
    assertThat(err()).startsWith("Findings workbook written to " + annotated + " (the workbook itself was not"
        + " annotated:");
    try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(Files.readAllBytes(annotated)))) {
      assertThat(wb.getNumberOfSheets()).isEqualTo(1);
      assertThat(wb.getSheetAt(0).getSheetName()).isEqualTo("Findings");
    }
  }

  @Test
  void validate_annotateOntoTheInputFile_exits64AndKeepsTheOriginal() throws IOException {
    Path file = sample("tier-and-path.xlsx");
    byte[] before = Files.readAllBytes(file);

    int code = run("validate", file.toString(), "--annotate", file.toString());

    assertThat(code).isEqualTo(64);
    assertThat(out()).isEmpty();
    assertThat(err()).contains("is the workbook being checked");
    assertThat(Files.readAllBytes(file)).isEqualTo(before);
  }

  @Test
  void validate_annotateIntoMissingFolder_exits73BeforePrintingAReport() throws IOException {
    Path file = sample("ready.xlsx");
    Path target = dir.resolve("no-such-folder").resolve("out.xlsx");

    int code = run("validate", file.toString(), "--annotate", target.toString());

    assertThat(code).isEqualTo(73);
    assertThat(out()).isEmpty();
    assertThat(err()).contains("does not exist");
  }

  // ---- template ----------------------------------------------------------------------------------

  // ---- --check-urls ------------------------------------------------------------------------------

  /** Runs {@code validate} with a page fetcher that answers from memory and records what it was asked. */
  private int validateWithFetcher(List<URI> asked, PageFetcher.Result answer, String... args) {
    ValidateCommand validate = new ValidateCommand(AS_OF_NOON_UTC, Evaluator.standard(), new WorkbookAnnotator(),
        () -> uri -> {
          asked.add(uri);
          return answer;
        });
    ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)) {
      int code = new PipelineCli(AS_OF_NOON_UTC).register(validate).run(args, out, err);
      checkedOutput = outBytes.toString(StandardCharsets.UTF_8);
      return code;
    }
  }

  @Test
  void validate_checkUrls_fetchesEachPublicPageAndReportsWhatItDoesNotName() throws IOException {
    Path file = sample("ready.xlsx");
    List<URI> asked = new ArrayList<>();

    int code = validateWithFetcher(asked, new PageFetcher.Page(200, "A case study by someone else"), "validate",
        file.toString(), "--as-of", "2026-11-01", "--check-urls");

    assertThat(asked).containsExactly(URI.create("https://northwind-cloud.com/case-studies/1"),
        URI.create("https://northwind-cloud.com/case-studies/2"));
    assertThat(code).isZero();
    assertThat(checkedOutput).contains("Status:   READY", "does not mention the partner 'Northwind Cloud Consulting"
        + " Ltd'", "does not mention the customer 'Acme Corporation'");
  }

  @Test
  void validate_withoutCheckUrls_fetchesNothing() throws IOException {
    Path file = sample("ready.xlsx");
    List<URI> asked = new ArrayList<>();

    int code = validateWithFetcher(asked, new PageFetcher.Failed("must not be asked"), "validate", file.toString(),
        "--as-of", "2026-11-01");

    assertThat(code).isZero();
    assertThat(asked).isEmpty();
    assertThat(checkedOutput).contains("No findings: every check passed.");
  }

  @Test
  void validate_checkUrlsWithAValue_exits64() throws IOException {
    Path file = sample("ready.xlsx");

    int code = run("validate", file.toString(), "--check-urls=yes");

    assertThat(code).isEqualTo(64);
    assertThat(err()).contains("option --check-urls takes no value");
  }

  @Test
  void template_newFile_writesAWorkbookTheParserReads() throws IOException {
    Path target = dir.resolve("template.xlsx");

    int code = run("template", target.toString());

    assertThat(code).isZero();
    assertThat(out()).contains("Wrote the blank template for checklist 4.0 to " + target);
    ParseOutcome parsed = new WorkbookParser().parse(Files.readAllBytes(target), "template.xlsx");
    assertThat(parsed).isInstanceOf(ParseOutcome.Parsed.class);
    assertThat(((ParseOutcome.Parsed) parsed).assessment().controls()).hasSize(38);
  }

  @Test
  void template_existingFile_exits73AndLeavesItAlone() throws IOException {
    Path target = dir.resolve("mine.xlsx");
    Files.writeString(target, "my work");

    int code = run("template", target.toString());

    assertThat(code).isEqualTo(73);
    assertThat(err()).isEqualTo("pipeline template: " + target + " already exists; use --force to overwrite it\n");
    assertThat(Files.readString(target)).isEqualTo("my work");
  }

  @Test
  void template_existingFileWithForce_overwritesIt() throws IOException {
    Path target = dir.resolve("mine.xlsx");
    Files.writeString(target, "my work");

    int code = run("template", "--force", target.toString());

    assertThat(code).isZero();
    assertThat(new WorkbookParser().parse(Files.readAllBytes(target), "mine.xlsx"))
        .isInstanceOf(ParseOutcome.Parsed.class);
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("mine.xlsx");
    }
  }

  @Test
  void template_noOutputArgument_exits64() {
    int code = run("template");

    assertThat(code).isEqualTo(64);
    assertThat(err()).startsWith("pipeline template: missing output file (OUT.xlsx)\n")
        .contains("Usage: pipeline template OUT.xlsx [--force]");
  }

  // ---- extension -----------------------------------------------------------------------------------

  @Test
  void register_newCommand_isDispatchedAndListedInUsage() {
    PipelineCli cli = new PipelineCli(AS_OF_NOON_UTC).register(new Command() {
      @Override public String name() {
        return "demo";
      }

      @Override public String synopsis() {
        return "demo";
      }

      @Override public String summary() {
        return "Run the demo.";
      }

      @Override public String usage() {
        return "Usage: pipeline demo\n";
      }

      @Override public int run(List<String> args, PrintStream out, PrintStream err) {
        out.print("demo ran with " + args);
        return 5;
      }
    });
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

    int code = cli.run(new String[] {"demo", "x"}, out, err);

    assertThat(code).isEqualTo(5);
    assertThat(printed.toString(StandardCharsets.UTF_8)).isEqualTo("demo ran with [x]");
    assertThat(cli.usage()).contains("  demo\n      Run the demo.");
  }
}
