package dev.intake.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intake.model.A1;
import dev.intake.model.CellRef;
import dev.intake.model.Finding;
import dev.intake.model.FindingsReport;
import dev.intake.model.ReportStatus;
import dev.intake.model.Severity;
import dev.intake.parsing.ParseOutcome;
import dev.intake.parsing.WorkbookParser;
import dev.intake.template.Layout;
import dev.intake.testing.RandomWorkbooks;
import dev.intake.testing.RandomWorkbooks.ReadyVariant;
import dev.intake.testing.RandomWorkbooks.Spec;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Properties of parsing and evaluation over random workbooks built from the template: each try is a
 * real .xlsx written by {@code WorkbookBuilder} and read by the real parser and rules.
 */
class EvaluatorPropertiesTest {

  private static final Set<String> TEMPLATE_SHEETS = Set.of(Layout.PROFILE, Layout.CERTIFICATIONS,
      Layout.CASE_STUDIES, Layout.SELF_ASSESSMENT);
  /** How RuleEngine reports a rule that threw: never expected, whatever the workbook holds. */
  private static final String RULE_CRASHED = "could not be completed on this workbook";

  @Provide
  Arbitrary<Spec> workbooks() {
    return RandomWorkbooks.spec();
  }

  @Provide
  Arbitrary<LocalDate> asOfDates() {
    return RandomWorkbooks.asOf();
  }

  @Provide
  Arbitrary<ReadyVariant> readyWorkbooks() {
    return RandomWorkbooks.readyVariant();
  }

  // ---- never throws; the report adds up ----------------------------------------------------------

  @Property(tries = 100)
  void evaluate_anyWorkbookOfTheTemplate_givesAReportWhoseStatusAndCountsMatchItsFindings(
      @ForAll("workbooks") Spec workbook, @ForAll("asOfDates") LocalDate asOf) {
    byte[] xlsx = workbook.build();

    FindingsReport report = Evaluator.standard().evaluate(xlsx, "random.xlsx", asOf);

    assertThat(report.asOf()).isEqualTo(asOf);
    if (report.status() == ReportStatus.REJECTED) {
      assertThat(report.findings()).singleElement().extracting(Finding::severity).isEqualTo(Severity.BLOCKER);
    } else {
      assertThat(report.status()).isEqualTo(FindingsReport.statusOf(report.findings()));
    }
    assertThat(report.summary().blockers()).isEqualTo(count(report, Severity.BLOCKER));
    assertThat(report.summary().warnings()).isEqualTo(count(report, Severity.WARNING));
    assertThat(report.summary().passed()).isBetween(0, Evaluator.standard().engine().rules().size());
    assertThat(report.findings()).allSatisfy(f -> {
      assertThat(f.message()).isNotBlank().doesNotContain(RULE_CRASHED);
      assertThat(f.remediation()).isNotBlank();
    });
  }

  @Property(tries = 50)
  void parse_anyWorkbookBuiltFromTheTemplate_isNeverRejected(@ForAll("workbooks") Spec workbook) {
    byte[] xlsx = workbook.build();

    ParseOutcome outcome = new WorkbookParser().parse(xlsx, "random.xlsx");

    assertThat(outcome).isInstanceOf(ParseOutcome.Parsed.class);
  }

  private static int count(FindingsReport report, Severity severity) {
    return (int) report.findings().stream().filter(f -> f.severity() == severity).count();
  }

  // ---- deterministic -----------------------------------------------------------------------------

  @Property(tries = 50)
  void evaluate_sameBytesAndAsOfDate_givesEqualReportsAndAssessments(@ForAll("workbooks") Spec workbook,
      @ForAll("asOfDates") LocalDate asOf) {
    byte[] xlsx = workbook.build();

    FindingsReport first = Evaluator.standard().evaluate(xlsx, "random.xlsx", asOf);
    FindingsReport second = Evaluator.standard().evaluate(xlsx.clone(), "random.xlsx", asOf);
    ParseOutcome parsedOnce = new WorkbookParser().parse(xlsx, "random.xlsx");
    ParseOutcome parsedTwice = new WorkbookParser().parse(xlsx.clone(), "random.xlsx");

    assertThat(second).isEqualTo(first);
    assertThat(parsedTwice).isEqualTo(parsedOnce);
  }

  // ---- a fifth case study ------------------------------------------------------------------------

  @Property(tries = 50)
  void evaluate_readyWorkbookWithAValidFifthCaseStudy_staysReady(@ForAll("readyWorkbooks") ReadyVariant variant) {
    FindingsReport before = Evaluator.standard().evaluate(variant.builder().build(), "ready.xlsx", variant.asOf());

    FindingsReport after = Evaluator.standard().evaluate(variant.withFifthCaseStudy().build(), "five.xlsx",
        variant.asOf());

    assertThat(before.status()).as("the variant before the change: %s", before.findings())
        .isEqualTo(ReportStatus.READY);
    assertThat(after.status()).as("with a fifth case study: %s", after.findings()).isEqualTo(ReportStatus.READY);
  }

  // ---- findings point at what exists -------------------------------------------------------------

  @Property(tries = 50)
  void evaluate_anyWorkbook_everyFindingPointsAtATemplateSheetAndARealCellOrRowOfIt(
      @ForAll("workbooks") Spec workbook, @ForAll("asOfDates") LocalDate asOf) {
    byte[] xlsx = workbook.build();

    FindingsReport report = Evaluator.standard().evaluate(xlsx, "random.xlsx", asOf);

    for (Finding f : report.findings()) {
      CellRef at = f.location();
      if (at == null) {
        continue;
      }
      assertThat(at.sheet()).as("%s", f).isIn(TEMPLATE_SHEETS);
      if (at.cell() != null) {
        assertThat(at.cell()).as("%s", f).matches("[A-Z]{1,3}[1-9][0-9]{0,6}");
        assertThat(A1.column(at.cell())).as("%s", f).isBetween(0, 16_383);
        assertThat(at.row()).as("%s", f).isEqualTo(A1.row(at.cell()));
      }
      if (at.row() != null) {
        assertThat(at.row()).as("%s", f).isBetween(1, 1_048_576);
      }
    }
  }

  // ---- the JSON form -----------------------------------------------------------------------------

  @Property(tries = 50)
  void reportJson_anyReport_readsBackEqual(@ForAll("workbooks") Spec workbook, @ForAll("asOfDates") LocalDate asOf) {
    FindingsReport report = Evaluator.standard().evaluate(workbook.build(), "random.xlsx", asOf)
        .withSubmissionId("sub-" + asOf);

    FindingsReport readBack = ReportJson.read(ReportJson.write(report));

    assertThat(readBack).isEqualTo(report);
  }

  // ---- what the partner gets back ----------------------------------------------------------------

  @Property(tries = 25)
  void annotate_anyWorkbook_writesNoCellThatStartsLikeAFormula(@ForAll("workbooks") Spec workbook,
      @ForAll("asOfDates") LocalDate asOf) throws IOException {
    byte[] xlsx = workbook.build();
    FindingsReport report = Evaluator.standard().evaluate(xlsx, "random.xlsx", asOf);

    WorkbookAnnotator.Annotation annotation = new WorkbookAnnotator().annotate(xlsx, report);

    // A readable template workbook of this size is always given back as an annotated copy.
    assertThat(annotation.annotatedCopy()).as(annotation.note()).isTrue();
    try (XSSFWorkbook out = new XSSFWorkbook(new ByteArrayInputStream(annotation.workbook()))) {
      XSSFSheet findings = out.getSheetAt(0);
      assertThat(findings.getSheetName()).isEqualTo("Findings");
      List<String> texts = new java.util.ArrayList<>();
      for (Row row : findings) {
        for (Cell cell : row) {
          assertThat(cell.getCellType()).isNotEqualTo(CellType.FORMULA);
          if (cell.getCellType() == CellType.STRING) {
            texts.add(cell.getStringCellValue());
          }
        }
      }
      assertThat(texts).noneMatch(t -> !t.isEmpty() && "=+-@\t\r".indexOf(t.charAt(0)) >= 0);
      assertThat(texts).hasSizeGreaterThanOrEqualTo(report.findings().size() * 3);
    }
  }
}
