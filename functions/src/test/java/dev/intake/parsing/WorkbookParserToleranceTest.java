package dev.intake.parsing;

import static dev.intake.model.Severity.BLOCKER;
import static dev.intake.model.Severity.WARNING;
import static dev.intake.rules.Evaluation.seen;
import static org.assertj.core.api.Assertions.assertThat;

import dev.intake.checklist.Checklist;
import dev.intake.model.Assessment;
import dev.intake.model.CaseStudy;
import dev.intake.model.CellKind;
import dev.intake.model.CellRef;
import dev.intake.model.CellValue;
import dev.intake.model.Finding;
import dev.intake.model.ProfileField;
import dev.intake.rules.Evaluation;
import dev.intake.template.Layout.CaseStudyColumn;
import dev.intake.template.TemplateGenerator;
import dev.intake.testing.WorkbookBuilder;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFCell;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.openxmlformats.schemas.spreadsheetml.x2006.main.CTCell;
import org.openxmlformats.schemas.spreadsheetml.x2006.main.CTWorkbookPr;
import org.openxmlformats.schemas.spreadsheetml.x2006.main.STCellType;

/**
 * The parser reads the template by header names, so the edits partners make to it (renamed sheets and
 * headers, moved and extra columns, blank rows, title rows, stray spaces and case) change nothing but
 * the cells findings point at. What it cannot read faithfully (formulas, merged cells, hidden rows or
 * sheets, missing columns or sheets) is said in a finding.
 */
class WorkbookParserToleranceTest {

  private static final LocalDate AS_OF = LocalDate.of(2026, 11, 1);
  private static final WorkbookParser PARSER = new WorkbookParser();

  private static ParseOutcome.Parsed parse(WorkbookBuilder workbook) {
    ParseOutcome outcome = PARSER.parse(workbook.build(), "partner.xlsx");
    assertThat(outcome).isInstanceOf(ParseOutcome.Parsed.class);
    return (ParseOutcome.Parsed) outcome;
  }

  private static ParseOutcome.Rejected reject(WorkbookBuilder workbook) {
    ParseOutcome outcome = PARSER.parse(workbook.build(), "partner.xlsx");
    assertThat(outcome).isInstanceOf(ParseOutcome.Rejected.class);
    return (ParseOutcome.Rejected) outcome;
  }

  // ---- every value carries its sheet and cell --------------------------------------------------

  @Test
  void parse_readyWorkbook_everyCaseStudyValueCarriesItsSheetAndCell() {
    Assessment assessment = parse(WorkbookBuilder.ready(AS_OF)).assessment();

    assertThat(assessment.caseStudies()).hasSize(4);
    for (CaseStudy c : assessment.caseStudies()) {
      int row = c.number() + 1;
      assertThat(c.row()).isEqualTo(row);
      assertAt(c.numberCell(), "Case Studies", "A", row);
      assertAt(c.customerName(), "Case Studies", "B", row);
      assertAt(c.internalOrAffiliate(), "Case Studies", "C", row);
      assertAt(c.anonymized(), "Case Studies", "D", row);
      assertAt(c.customerDescription(), "Case Studies", "E", row);
      assertAt(c.projectTitle(), "Case Studies", "F", row);
      assertAt(c.customerChallenge(), "Case Studies", "G", row);
      assertAt(c.howAwsWasUsed(), "Case Studies", "H", row);
      assertAt(c.outcome(), "Case Studies", "I", row);
      assertAt(c.goLiveDate(), "Case Studies", "J", row);
      assertAt(c.stage(), "Case Studies", "K", row);
      assertAt(c.isPublic(), "Case Studies", "L", row);
      assertAt(c.publicUrl(), "Case Studies", "M", row);
      assertAt(c.architectureDiagram(), "Case Studies", "N", row);
    }
    CaseStudy first = assessment.caseStudies().get(0);
    assertThat(first.customerName().text()).isEqualTo("Acme Corporation");
    assertThat(first.goLiveDate()).isEqualTo(new CellValue("2026-08-01", CellKind.DATE,
        new CellRef("Case Studies", "J2", 2), false));
    assertThat(assessment.caseStudies().get(2).publicUrl())
        .isEqualTo(CellValue.blank(new CellRef("Case Studies", "M4", 4)));
  }

  @Test
  void parse_readyWorkbook_profileCertificationAndControlValuesCarryTheirCells() {
    Assessment assessment = parse(WorkbookBuilder.ready(AS_OF)).assessment();

    ProfileField[] fields = ProfileField.values();
    for (int i = 0; i < fields.length; i++) {
      assertAt(assessment.profile().get(fields[i]), "Partner Profile", "B", i + 2);
    }
    assertThat(assessment.profile().text(ProfileField.PARTNER_TIER)).isEqualTo("Advanced");
    assertThat(assessment.certifications()).hasSize(8);
    for (int i = 0; i < 8; i++) {
      var c = assessment.certifications().get(i);
      assertAt(c.person(), "Certifications", "A", i + 2);
      assertAt(c.certification(), "Certifications", "B", i + 2);
      assertAt(c.validationNumber(), "Certifications", "C", i + 2);
      assertAt(c.expiryDate(), "Certifications", "D", i + 2);
    }
    assertThat(assessment.certifications().get(1).expiryDate().text()).isEqualTo("2028-11-01");
    assertThat(assessment.controls()).hasSize(38);
    for (int i = 0; i < 38; i++) {
      var c = assessment.controls().get(i);
      assertAt(c.controlId(), "Self-Assessment", "A", i + 2);
      assertAt(c.section(), "Self-Assessment", "B", i + 2);
      assertAt(c.requirement(), "Self-Assessment", "C", i + 2);
      assertAt(c.response(), "Self-Assessment", "D", i + 2);
      assertAt(c.evidence(), "Self-Assessment", "E", i + 2);
      assertAt(c.caseStudies(), "Self-Assessment", "F", i + 2);
      assertAt(c.comments(), "Self-Assessment", "G", i + 2);
    }
    assertThat(assessment.controls().get(26).controlId().text()).isEqualTo("DOC-001");
  }

  private static void assertAt(CellValue value, String sheet, String column, int row) {
    assertThat(value.ref()).isEqualTo(new CellRef(sheet, column + row, row));
  }

  // ---- synonyms --------------------------------------------------------------------------------

  @Test
  void parse_sheetsRenamedToSynonyms_readsThemAndFindingsNameTheTabsAsWritten() {
    WorkbookBuilder workbook = WorkbookBuilder.ready(AS_OF)
        .caseStudy(2, c -> c.set(CaseStudyColumn.STAGE, "Pilot"))
        .tweak(wb -> {
          wb.setSheetName(wb.getSheetIndex("Partner Profile"), "Partner Info");
          wb.setSheetName(wb.getSheetIndex("Certifications"), "Certified Personnel");
          wb.setSheetName(wb.getSheetIndex("Case Studies"), "CUSTOMER EXAMPLES");
          wb.setSheetName(wb.getSheetIndex("Self-Assessment"), "Self Assessment");
        });

    Evaluation result = Evaluation.of(workbook, AS_OF);

    assertThat(result.parsed().assessment().sheets()).isEqualTo(new Assessment.SheetNames("Partner Info",
        "Certified Personnel", "CUSTOMER EXAMPLES", "Self Assessment"));
    assertThat(result.seen()).containsExactly(seen("case-study-production", "2.1", BLOCKER, "CUSTOMER EXAMPLES!K3"));
  }

  @Test
  void parse_headersRenamedToSynonyms_readsTheSameValues() {
    WorkbookBuilder workbook = WorkbookBuilder.ready(AS_OF).tweak(wb -> {
      Sheet cases = wb.getSheet("Case Studies");
      Sheets.header(cases, 0, "Case study #");
      Sheets.header(cases, 1, "Client");
      Sheets.header(cases, 6, "Business challenge");
      Sheets.header(cases, 7, "AWS services used");
      Sheets.header(cases, 8, "Outcomes");
      Sheets.header(cases, 9, "Launch date");
      Sheets.header(cases, 10, "Project stage");
      Sheets.header(cases, 11, "Publicly available");
      Sheets.header(cases, 12, "Case study URL");
      Sheet certs = wb.getSheet("Certifications");
      Sheets.header(certs, 0, "Full name");
      Sheets.header(certs, 2, "Credential ID");
      Sheets.header(certs, 3, "Valid until");
      Sheet controls = wb.getSheet("Self-Assessment");
      Sheets.header(controls, 0, "Requirement ID");
      Sheets.header(controls, 3, "Compliance");
      Sheets.header(controls, 4, "Evidence location");
      Sheets.header(controls, 5, "Customer examples");
      Sheet profile = wb.getSheet("Partner Profile");
      Sheets.header(profile, 0, "Question");
      Sheets.header(profile, 1, "Answer");
    });

    Evaluation result = Evaluation.of(workbook, AS_OF);

    assertThat(result.seen()).isEmpty();
    assertThat(result.parsed().assessment()).isEqualTo(parse(WorkbookBuilder.ready(AS_OF)).assessment());
  }

  @Test
  void parse_profileFieldLabelsAsSynonyms_readsTheFields() {
    WorkbookBuilder workbook = WorkbookBuilder.ready(AS_OF).tweak(wb -> {
      Sheet profile = wb.getSheet("Partner Profile");
      profile.getRow(2).getCell(0).setCellValue("APN ID");
      profile.getRow(4).getCell(0).setCellValue("AWS Partner tier");
      profile.getRow(6).getCell(0).setCellValue("Read the Program Guidelines");
    });

    Evaluation result = Evaluation.of(workbook, AS_OF, "P-1001");

    assertThat(result.seen()).isEmpty();
    assertThat(result.parsed().assessment().profile().get(ProfileField.PARTNER_ID).ref())
        .isEqualTo(new CellRef("Partner Profile", "B3", 3));
  }

  // ---- layout changes --------------------------------------------------------------------------

  @Test
  void parse_columnsReordered_readsByHeaderAndPointsAtTheMovedCells() {
    WorkbookBuilder workbook = WorkbookBuilder.ready(AS_OF)
        .caseStudy(3, c -> c.set(CaseStudyColumn.GO_LIVE_DATE, LocalDate.of(2020, 1, 1)))
        .tweak(wb -> Sheets.swapColumns(wb.getSheet("Case Studies"), 1, 9))
        .tweak(wb -> Sheets.swapColumns(wb.getSheet("Self-Assessment"), 0, 6));

    Evaluation result = Evaluation.of(workbook, AS_OF);

    CaseStudy first = result.parsed().assessment().caseStudies().get(0);
    assertThat(first.customerName().text()).isEqualTo("Acme Corporation");
    assertThat(first.customerName().ref().cell()).isEqualTo("J2");
    assertThat(first.goLiveDate().ref().cell()).isEqualTo("B2");
    assertThat(result.parsed().assessment().controls().get(0).controlId().ref().cell()).isEqualTo("G2");
    assertThat(result.seen()).containsExactly(seen("case-study-age", "2.1", BLOCKER, "Case Studies!B4"));
  }

  @Test
  void parse_extraColumns_areIgnored() {
    WorkbookBuilder workbook = WorkbookBuilder.ready(AS_OF)
        .caseStudy(1, c -> c.set(CaseStudyColumn.STAGE, "Proof of concept"))
        .tweak(wb -> {
          Sheet cases = wb.getSheet("Case Studies");
          cases.shiftColumns(2, 13, 1);
          for (Row row : cases) {
            row.createCell(2).setCellValue(row.getRowNum() == 0 ? "Region" : "EMEA");
            row.createCell(16).setCellValue(row.getRowNum() == 0 ? "Internal notes" : "ask Ana");
          }
          Row header = wb.getSheet("Certifications").getRow(0);
          header.createCell(4).setCellValue("Exam code");
        });

    Evaluation result = Evaluation.of(workbook, AS_OF);

    assertThat(result.seen()).containsExactly(seen("case-study-production", "2.1", BLOCKER, "Case Studies!L2"));
    assertThat(result.parsed().assessment().caseStudies().get(0).goLiveDate().ref().cell()).isEqualTo("K2");
  }

  @Test
  void parse_blankRowsInTheMiddle_areSkippedAndLaterRowsKeepTheirNumbers() {
    WorkbookBuilder workbook = WorkbookBuilder.ready(AS_OF)
        .control("DOC-001", c -> c.caseStudies = "1, 2, 3")
        .tweak(wb -> {
          Sheet cases = wb.getSheet("Case Studies");
          cases.shiftRows(2, cases.getLastRowNum(), 2);
          Sheet controls = wb.getSheet("Self-Assessment");
          controls.shiftRows(20, controls.getLastRowNum(), 3);
          Sheet certs = wb.getSheet("Certifications");
          certs.shiftRows(5, certs.getLastRowNum(), 1);
        });

    Evaluation result = Evaluation.of(workbook, AS_OF);

    assertThat(result.parsed().assessment().caseStudies()).extracting(CaseStudy::row).containsExactly(2, 5, 6, 7);
    assertThat(result.parsed().assessment().controls()).hasSize(38);
    assertThat(result.parsed().assessment().certifications()).hasSize(8);
    assertThat(result.seen()).containsExactly(seen("control-coverage", "DOC-001", BLOCKER, "Self-Assessment!F31"));
  }

  @Test
  void parse_titleRowsAboveTheHeaders_findsTheHeaderRowsBelow() {
    WorkbookBuilder workbook = WorkbookBuilder.ready(AS_OF)
        .caseStudy(1, c -> c.set(CaseStudyColumn.ARCHITECTURE_DIAGRAM, null))
        .tweak(wb -> {
          Sheets.titleAbove(wb.getSheet("Case Studies"), 2, "Case studies — Northwind Cloud Consulting");
          Sheets.titleAbove(wb.getSheet("Certifications"), 1, "Certified people");
          Sheets.titleAbove(wb.getSheet("Self-Assessment"), 3, "AWS DevOps Competency self-assessment");
          Sheets.titleAbove(wb.getSheet("Partner Profile"), 1, "About us");
        });

    Evaluation result = Evaluation.of(workbook, AS_OF);

    assertThat(result.seen()).containsExactly(seen("case-study-diagram", "2.1", BLOCKER, "Case Studies!N4"));
    Assessment assessment = result.parsed().assessment();
    assertThat(assessment.caseStudies()).hasSize(4);
    assertThat(assessment.certifications().get(0).person().ref().cell()).isEqualTo("A3");
    assertThat(assessment.controls().get(0).controlId().ref().cell()).isEqualTo("A5");
    assertThat(assessment.profile().get(ProfileField.PARTNER_TIER).ref().cell()).isEqualTo("B6");
  }

  @Test
  void parse_headersAndValuesWithStraySpacesAndCase_readAsIfClean() {
    WorkbookBuilder workbook = WorkbookBuilder.ready(AS_OF)
        .profile(ProfileField.PARTNER_TIER, "  advanced ")
        .profile(ProfileField.GUIDELINES_READ, "YES  ")
        .caseStudy(1, c -> c.set(CaseStudyColumn.STAGE, "  PRODUCTION ").set(CaseStudyColumn.PUBLIC, " yes"))
        .control("DOC-001", c -> c.response = " met ")
        .tweak(wb -> {
          Sheet cases = wb.getSheet("Case Studies");
          Sheets.header(cases, 1, "  CUSTOMER   NAME ");
          Sheets.header(cases, 9, "go-live DATE   ");
          Sheets.header(cases, 12, " public url");
          Sheets.header(wb.getSheet("Self-Assessment"), 0, "control id ");
          wb.getSheet("Partner Profile").getRow(4).getCell(0).setCellValue(" PARTNER  TIER ");
        });

    Evaluation result = Evaluation.of(workbook, AS_OF);

    assertThat(result.seen()).isEmpty();
    assertThat(result.parsed().assessment().caseStudies().get(0).stage().text()).isEqualTo("PRODUCTION");
    assertThat(result.parsed().assessment().profile().text(ProfileField.PARTNER_TIER)).isEqualTo("advanced");
  }

  @Test
  void parse_templatesPreNumberedEmptyRows_areNotCaseStudies() {
    WorkbookBuilder workbook = WorkbookBuilder.ready(AS_OF).tweak(wb -> {
      Sheet cases = wb.getSheet("Case Studies");
      cases.createRow(5).createCell(0).setCellValue(5);
      cases.createRow(6).createCell(0).setCellValue(6);
    });

    Evaluation result = Evaluation.of(workbook, AS_OF);

    assertThat(result.parsed().assessment().caseStudies()).extracting(CaseStudy::number).containsExactly(1, 2, 3, 4);
    assertThat(result.seen()).isEmpty();
  }

  @Test
  void parse_blankTemplate_hasNoCaseStudiesCertificationsOrAnswers() {
    ParseOutcome outcome = PARSER.parse(new TemplateGenerator(Checklist.current()).generate(), "template.xlsx");

    assertThat(outcome).isInstanceOf(ParseOutcome.Parsed.class);
    Assessment assessment = ((ParseOutcome.Parsed) outcome).assessment();

    assertThat(assessment.caseStudies()).isEmpty();
    assertThat(assessment.certifications()).isEmpty();
    assertThat(assessment.controls()).hasSize(38).allMatch(c -> c.response().isBlank());
    assertThat(assessment.profile().text(ProfileField.CHECKLIST_VERSION)).isEqualTo("4.0");
  }

  @Test
  void parse_preNumberedRowWithOneValue_isACaseStudyToComplete() {
    WorkbookBuilder workbook = WorkbookBuilder.ready(AS_OF).tweak(wb -> {
      Row row = wb.getSheet("Case Studies").createRow(5);
      row.createCell(0).setCellValue(5);
      row.createCell(1).setCellValue("Hooli");
    });

    Evaluation result = Evaluation.of(workbook, AS_OF);

    assertThat(result.parsed().assessment().caseStudies()).hasSize(5);
    assertThat(result.seen()).contains(
        seen("case-study-age", "2.1", BLOCKER, "Case Studies!J6"),
        seen("case-study-production", "2.1", BLOCKER, "Case Studies!K6"),
        seen("control-coverage", "DOC-001", BLOCKER, "Self-Assessment!F28"));
  }

  @Test
  void parse_caseStudyNumberColumnMissing_numbersCaseStudiesInRowOrder() {
    WorkbookBuilder workbook = WorkbookBuilder.ready(AS_OF).tweak(wb -> {
      Sheet cases = wb.getSheet("Case Studies");
      for (Row row : cases) {
        row.removeCell(row.getCell(0));
      }
    });

    Evaluation result = Evaluation.of(workbook, AS_OF);

    assertThat(result.parsed().assessment().caseStudies()).extracting(CaseStudy::number).containsExactly(1, 2, 3, 4);
    assertThat(result.seen()).isEmpty();
  }

  @Test
  void parse_profileWithoutFieldValueHeader_readsLabelsAndTheCellToTheirRight() {
    WorkbookBuilder workbook = WorkbookBuilder.ready(AS_OF)
        .profile(ProfileField.PARTNER_TIER, "Select")
        .tweak(wb -> {
          Sheet profile = wb.getSheet("Partner Profile");
          profile.removeRow(profile.getRow(0));
          profile.shiftColumns(0, 2, 2);
        });

    Evaluation result = Evaluation.of(workbook, AS_OF);

    assertThat(result.seen()).containsExactly(seen("partner-tier", "1.3", BLOCKER, "Partner Profile!D5"));
    assertThat(result.parsed().assessment().partner().name()).isEqualTo("Northwind Cloud Consulting Ltd");
  }

  @Test
  void parse_date1904Workbook_readsTheSameDates() {
    WorkbookBuilder workbook = WorkbookBuilder.ready(AS_OF).tweak(wb -> {
      // Excel stores 1904-system serials 1462 days lower; rewrite each date so it keeps its day.
      List<Cell> dates = new ArrayList<>();
      wb.getSheet("Case Studies").forEach(r -> dates.add(r.getCell(9)));
      wb.getSheet("Certifications").forEach(r -> dates.add(r.getCell(3)));
      dates.removeIf(c -> c == null || c.getCellType() != CellType.NUMERIC);
      List<LocalDateTime> days = dates.stream().map(Cell::getLocalDateTimeCellValue).toList();
      CTWorkbookPr pr = wb.getCTWorkbook().isSetWorkbookPr() ? wb.getCTWorkbook().getWorkbookPr()
          : wb.getCTWorkbook().addNewWorkbookPr();
      pr.setDate1904(true);
      for (int i = 0; i < dates.size(); i++) {
        dates.get(i).setCellValue(days.get(i));
      }
    });

    Evaluation result = Evaluation.of(workbook, AS_OF);

    assertThat(wb1904(workbook)).isTrue();
    assertThat(result.seen()).isEmpty();
    assertThat(result.parsed().assessment().caseStudies().get(0).goLiveDate().text()).isEqualTo("2026-08-01");
  }

  private static boolean wb1904(WorkbookBuilder workbook) {
    try (XSSFWorkbook wb = new XSSFWorkbook(new java.io.ByteArrayInputStream(workbook.build()))) {
      return wb.isDate1904();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  // ---- formulas --------------------------------------------------------------------------------

  @Test
  void parse_hyperlinkFormulaInPublicUrl_readsTheLinkTarget() {
    WorkbookBuilder workbook = WorkbookBuilder.ready(AS_OF).tweak(wb -> {
      Cell url = wb.getSheet("Case Studies").getRow(1).getCell(12);
      url.setCellFormula("HYPERLINK(\"https://northwind-cloud.com/case-studies/1\",\"Read the case study\")");
      evaluate(wb, url);
    });

    Evaluation result = Evaluation.of(workbook, AS_OF);

    CellValue url = result.parsed().assessment().caseStudies().get(0).publicUrl();
    assertThat(url.text()).isEqualTo("https://northwind-cloud.com/case-studies/1");
    assertThat(url.ref()).isEqualTo(new CellRef("Case Studies", "M2", 2));
    assertThat(result.seen()).isEmpty();
  }

  @Test
  void parse_hyperlinkFormulaWithoutCachedValue_readsTheLinkTarget() {
    WorkbookBuilder workbook = WorkbookBuilder.ready(AS_OF).tweak(wb -> {
      XSSFCell url = wb.getSheet("Case Studies").getRow(2).getCell(12);
      url.setCellFormula("HYPERLINK(\"http://northwind-cloud.com/case-studies/2\")");
      uncalculated(url);
    });

    Evaluation result = Evaluation.of(workbook, AS_OF);

    assertThat(result.parsed().assessment().caseStudies().get(1).publicUrl().text())
        .isEqualTo("http://northwind-cloud.com/case-studies/2");
    assertThat(result.seen()).containsExactly(seen("public-case-study-url", "2.2", WARNING, "Case Studies!M3"));
  }

  @Test
  void parse_formulaElsewhere_usesTheCachedValueWithAWarningAtTheCell() {
    WorkbookBuilder workbook = WorkbookBuilder.ready(AS_OF).tweak(wb -> {
      Cell customer = wb.getSheet("Case Studies").getRow(1).getCell(1);
      customer.setCellFormula("\"Acme\"&\" Corporation\"");
      evaluate(wb, customer);
      Cell tier = wb.getSheet("Partner Profile").getRow(4).getCell(1);
      tier.setCellFormula("IF(TRUE,\"Premier\",\"Select\")");
      evaluate(wb, tier);
    });

    Evaluation result = Evaluation.of(workbook, AS_OF);

    assertThat(result.seen()).containsExactly(
        seen("cell-formula", "3.1", WARNING, "Partner Profile!B5"),
        seen("cell-formula", "3.1", WARNING, "Case Studies!B2"));
    assertThat(result.parsed().assessment().caseStudies().get(0).customerName().text()).isEqualTo("Acme Corporation");
    assertThat(result.parsed().assessment().profile().text(ProfileField.PARTNER_TIER)).isEqualTo("Premier");
    assertThat(result.findings("cell-formula").get(1).message()).isEqualTo("Cell B2 of 'Case Studies' holds a formula;"
        + " its last calculated value 'Acme Corporation' was used and the formula was not run.");
  }

  @Test
  void parse_dateFormula_usesTheCachedDate() {
    WorkbookBuilder workbook = WorkbookBuilder.ready(AS_OF).tweak(wb -> {
      Cell live = wb.getSheet("Case Studies").getRow(1).getCell(9);
      live.setCellFormula("DATE(2026,8,1)");
      evaluate(wb, live);
    });

    Evaluation result = Evaluation.of(workbook, AS_OF);

    assertThat(result.parsed().assessment().caseStudies().get(0).goLiveDate().text()).isEqualTo("2026-08-01");
    assertThat(result.seen()).containsExactly(seen("cell-formula", "3.1", WARNING, "Case Studies!J2"));
  }

  @Test
  void parse_formulaNeverCalculated_isBlankWithAWarningAndNotRun() {
    WorkbookBuilder workbook = WorkbookBuilder.ready(AS_OF).tweak(wb -> {
      XSSFCell outcome = wb.getSheet("Case Studies").getRow(1).getCell(8);
      outcome.setCellFormula("CONCATENATE(\"Daily \",\"deployments\")");
      uncalculated(outcome);
    });

    Evaluation result = Evaluation.of(workbook, AS_OF);

    assertThat(result.seen()).containsExactly(
        seen("cell-formula", "3.1", WARNING, "Case Studies!I2"),
        seen("public-case-study-content", "2.2", BLOCKER, "Case Studies!I2"));
    assertThat(result.only("cell-formula").message()).contains("(none)");
  }

  @Test
  void parse_formulaReferringToAnotherWorkbook_isNotFollowedAndWarnedAbout() {
    WorkbookBuilder workbook = WorkbookBuilder.ready(AS_OF).tweak(wb -> {
      wb.setCellFormulaValidation(false);
      XSSFCell evidence = wb.getSheet("Self-Assessment").getRow(1).getCell(4);
      evidence.setCellFormula("[1]Evidence!B2");
      evidence.getCTCell().setT(STCellType.STR);
      evidence.getCTCell().setV("Evidence pack §POV-001");
    });

    Evaluation result = Evaluation.of(workbook, AS_OF);

    assertThat(result.seen()).containsExactly(
        seen("cell-external-link", "3.1", WARNING, "Self-Assessment!E2"),
        seen("cell-formula", "3.1", WARNING, "Self-Assessment!E2"));
    assertThat(result.parsed().assessment().controls().get(0).evidence().text()).isEqualTo("Evidence pack §POV-001");
  }

  @Test
  void parse_formulaWithAnAddressInAStringLiteral_isAFormulaButNotAnExternalLink() {
    WorkbookBuilder workbook = WorkbookBuilder.ready(AS_OF).tweak(wb -> {
      Cell evidence = wb.getSheet("Self-Assessment").getRow(1).getCell(4);
      evidence.setCellFormula("HYPERLINK(\"https://northwind-cloud.com/evidence.xlsx\",\"Evidence pack\")");
      evaluate(wb, evidence);
    });

    Evaluation result = Evaluation.of(workbook, AS_OF);

    assertThat(result.seen()).containsExactly(seen("cell-formula", "3.1", WARNING, "Self-Assessment!E2"));
    assertThat(result.parsed().assessment().controls().get(0).evidence().text()).isEqualTo("Evidence pack");
  }

  /** Leaves only the formula, as a generator that never calculates writes it (openpyxl, for one). */
  private static void uncalculated(XSSFCell cell) {
    CTCell ct = cell.getCTCell();
    if (ct.isSetV()) {
      ct.unsetV();
    }
    if (ct.isSetT()) {
      ct.unsetT();
    }
  }

  private static void evaluate(XSSFWorkbook wb, Cell cell) {
    wb.getCreationHelper().createFormulaEvaluator().evaluateFormulaCell(cell);
  }

  // ---- merged, hidden ----------------------------------------------------------------------------

  @Test
  void parse_mergedCells_isWarningAtTheTopLeftCell() {
    WorkbookBuilder workbook = WorkbookBuilder.ready(AS_OF).tweak(wb -> wb.getSheet("Case Studies")
        .addMergedRegion(new CellRangeAddress(1, 1, 6, 8)));

    Evaluation result = Evaluation.of(workbook, AS_OF);

    assertThat(result.seen()).containsExactly(seen("cell-merged", "3.1", WARNING, "Case Studies!G2"));
    assertThat(result.only("cell-merged").message()).contains("G2:I2");
  }

  @Test
  void parse_hiddenRow_isWarningAndTheRowIsStillRead() {
    WorkbookBuilder workbook = WorkbookBuilder.ready(AS_OF).tweak(wb -> wb.getSheet("Certifications").getRow(2)
        .setZeroHeight(true));

    Evaluation result = Evaluation.of(workbook, AS_OF);

    assertThat(result.seen()).containsExactly(seen("row-hidden", "3.1", WARNING, "Certifications row 3"));
    assertThat(result.parsed().assessment().certifications()).hasSize(8);
  }

  @Test
  void parse_hiddenSheet_isWarningAndTheSheetIsStillRead() {
    WorkbookBuilder workbook = WorkbookBuilder.ready(AS_OF).tweak(wb -> wb.setSheetHidden(
        wb.getSheetIndex("Certifications"), true));

    Evaluation result = Evaluation.of(workbook, AS_OF);

    assertThat(result.seen()).containsExactly(seen("sheet-hidden", "3.1", WARNING, "Certifications"));
    assertThat(result.parsed().assessment().certifications()).hasSize(8);
  }

  @Test
  void parse_directionOverridesInCells_isOneWarningAtTheFirstCellQuotingWhatWasRead() {
    // After U+202E, "cnI emcA" is displayed as "Acme Inc": the sheet seems to name case study 1's customer twice.
    WorkbookBuilder workbook = WorkbookBuilder.ready(AS_OF)
        .caseStudy(2, c -> c.set(CaseStudyColumn.CUSTOMER_NAME, "\u202EcnI emcA"))
        .caseStudy(4, c -> c.set(CaseStudyColumn.PROJECT_TITLE, "Migration \u2067to AWS\u2069"));

    Evaluation result = Evaluation.of(workbook, AS_OF);

    assertThat(result.seen()).containsExactly(seen("cell-bidi-control", "3.1", WARNING, "Case Studies!B3"));
    assertThat(result.only("cell-bidi-control").message())
        .startsWith("Cell B3 of 'Case Studies' (and 1 other cell) holds invisible characters")
        .contains("as 'cnI emcA'")
        .doesNotContain("\u202E");
  }

  @Test
  void parse_rightToLeftTextWithMarksOnly_isReadWithoutAWarning() {
    WorkbookBuilder workbook = WorkbookBuilder.ready(AS_OF)
        .caseStudy(2, c -> c.set(CaseStudyColumn.CUSTOMER_NAME, "\u200Fשירותי ענן\u200F"));

    Evaluation result = Evaluation.of(workbook, AS_OF);

    assertThat(result.seen()).isEmpty();
  }

  // ---- what is missing ---------------------------------------------------------------------------

  @Test
  void parse_requiredColumnMissing_isBlockerOnTheHeaderRowAndItsValuesAreBlank() {
    WorkbookBuilder workbook = WorkbookBuilder.ready(AS_OF)
        .tweak(wb -> Sheets.header(wb.getSheet("Case Studies"), 10, null));

    Evaluation result = Evaluation.of(workbook, AS_OF);

    assertThat(result.seen()).containsExactly(
        seen("template-column-missing", "3.1", BLOCKER, "Case Studies row 1"),
        seen("case-study-production", "2.1", BLOCKER, "Case Studies row 2"),
        seen("case-study-production", "2.1", BLOCKER, "Case Studies row 3"),
        seen("case-study-production", "2.1", BLOCKER, "Case Studies row 4"),
        seen("case-study-production", "2.1", BLOCKER, "Case Studies row 5"));
    assertThat(result.only("template-column-missing").message()).contains("no 'Stage' column");
  }

  @Test
  void parse_optionalColumnMissing_isNotATemplateProblem() {
    WorkbookBuilder workbook = WorkbookBuilder.ready(AS_OF)
        .tweak(wb -> Sheets.header(wb.getSheet("Case Studies"), 5, null));

    Evaluation result = Evaluation.of(workbook, AS_OF);

    assertThat(result.seen()).isEmpty();
  }

  @Test
  void parse_sheetMissing_isRejectedNamingTheSheet() {
    WorkbookBuilder workbook = WorkbookBuilder.ready(AS_OF)
        .tweak(wb -> wb.removeSheetAt(wb.getSheetIndex("Certifications")));

    ParseOutcome.Rejected rejected = reject(workbook);

    Finding reason = rejected.reasons().get(0);
    assertThat(rejected.reasons()).hasSize(1);
    assertThat(reason.ruleId()).isEqualTo("template-sheet-missing");
    assertThat(reason.severity()).isEqualTo(BLOCKER);
    assertThat(reason.message()).contains("no 'Certifications' sheet")
        .contains("'Instructions', 'Partner Profile', 'Case Studies', 'Self-Assessment'");
  }

  @Test
  void parse_headerRowMissing_isRejectedPointingAtTheSheet() {
    WorkbookBuilder workbook = WorkbookBuilder.ready(AS_OF).tweak(wb -> {
      Sheet cases = wb.getSheet("Case Studies");
      cases.removeRow(cases.getRow(0));
    });

    ParseOutcome.Rejected rejected = reject(workbook);

    assertThat(rejected.reasons()).extracting(Evaluation::seen)
        .containsExactly(seen("template-header-missing", "3.1", BLOCKER, "Case Studies"));
  }

  @Test
  void parse_dateStyleCell_isADateValueWhateverItsDisplayFormat() {
    WorkbookBuilder workbook = WorkbookBuilder.ready(AS_OF).tweak(wb -> {
      CellStyle us = wb.createCellStyle();
      us.setDataFormat(wb.createDataFormat().getFormat("mm/dd/yyyy"));
      wb.getSheet("Case Studies").getRow(1).getCell(9).setCellStyle(us);
    });

    Evaluation result = Evaluation.of(workbook, AS_OF);

    assertThat(result.parsed().assessment().caseStudies().get(0).goLiveDate())
        .extracting(CellValue::kind, CellValue::text).containsExactly(CellKind.DATE, "2026-08-01");
    assertThat(result.seen()).isEmpty();
  }
}
