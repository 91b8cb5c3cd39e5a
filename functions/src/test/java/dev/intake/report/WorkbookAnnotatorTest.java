package dev.intake.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intake.model.A1;
import dev.intake.model.CellRef;
import dev.intake.model.Finding;
import dev.intake.model.FindingsReport;
import dev.intake.model.PartnerRef;
import dev.intake.model.ProfileField;
import dev.intake.model.ReportStatus;
import dev.intake.model.Severity;
import dev.intake.model.Summary;
import dev.intake.parsing.ParseOutcome;
import dev.intake.template.Layout;
import dev.intake.template.Layout.CaseStudyColumn;
import dev.intake.testing.WorkbookBuilder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipInputStream;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Comment;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.xssf.usermodel.XSSFCell;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFColor;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

class WorkbookAnnotatorTest {

  private static final LocalDate AS_OF = LocalDate.of(2026, 11, 1);
  private static final Evaluator EVALUATOR = Evaluator.standard();

  private final WorkbookAnnotator annotator = new WorkbookAnnotator();

  // ---- comments and fills ----------------------------------------------------------------------

  @Test
  void annotate_blockerWarningAndNote_commentAndFillTheirExactCells() throws IOException {
    byte[] original = WorkbookBuilder.ready(AS_OF)
        .profile(ProfileField.PARTNER_TIER, "Select")
        .caseStudy(2, c -> c.set(CaseStudyColumn.INTERNAL_OR_AFFILIATE, "Yes"))
        .caseStudy(3, c -> c.set(CaseStudyColumn.GO_LIVE_DATE, "Aug 2026"))
        .build();
    FindingsReport report = EVALUATOR.evaluate(original, "wb.xlsx", AS_OF);

    WorkbookAnnotator.Annotation result = annotator.annotate(original, report);

    assertThat(result.annotatedCopy()).isTrue();
    try (XSSFWorkbook wb = open(result.workbook())) {
      XSSFSheet profile = wb.getSheet(Layout.PROFILE);
      XSSFSheet cases = wb.getSheet(Layout.CASE_STUDIES);
      assertThat(fill(profile, "B5")).isEqualTo("FFC7CE");
      assertThat(commentText(profile, "B5")).contains("BLOCKER [1.3]", "Select Tier partner");
      assertThat(fill(cases, "C3")).isEqualTo("FFEB9C");
      assertThat(commentText(cases, "C3")).contains("WARNING [2.1]", "internal or affiliate");
      assertThat(fill(cases, "J4")).isEqualTo("DDEBF7");
      assertThat(commentText(cases, "J4")).contains("NOTE [2.1]", "gives only a month");
      assertThat(fill(profile, "B4")).isNull();
      assertThat(comment(profile, "B4")).isNull();
      assertThat(comment(cases, "J3")).isNull();
    }
  }

  @Test
  void annotate_findingsOnNeighbouringCells_eachGetsItsOwnComment() throws IOException {
    byte[] original = WorkbookBuilder.ready(AS_OF)
        .caseStudy(1, c -> c.set(CaseStudyColumn.GO_LIVE_DATE, "yesterday").set(CaseStudyColumn.STAGE, "Pilot"))
        .build();
    FindingsReport report = EVALUATOR.evaluate(original, "wb.xlsx", AS_OF);

    WorkbookAnnotator.Annotation result = annotator.annotate(original, report);

    assertThat(result.annotatedCopy()).as(result.note()).isTrue();
    try (XSSFWorkbook wb = open(result.workbook())) {
      XSSFSheet cases = wb.getSheet(Layout.CASE_STUDIES);
      assertThat(commentText(cases, "J2")).contains("BLOCKER [2.1]", "yesterday");
      assertThat(commentText(cases, "K2")).contains("BLOCKER [2.1]", "Pilot");
    }
  }

  @Test
  void annotate_twoFindingsOnOneCell_shareOneCommentAndTakeTheWorseColour() throws IOException {
    // May 2025 is read as 2025-05-01: exactly 18 months before the as-of date, so it still counts
    // but ages out today (a warning), and it gives only a month (a note), both on J2.
    byte[] original = WorkbookBuilder.ready(AS_OF)
        .caseStudy(1, c -> c.set(CaseStudyColumn.GO_LIVE_DATE, "May 2025"))
        .build();
    FindingsReport report = EVALUATOR.evaluate(original, "wb.xlsx", AS_OF);
    assertThat(report.findings()).extracting(f -> f.location().cell()).containsOnly("J2");

    WorkbookAnnotator.Annotation result = annotator.annotate(original, report);

    try (XSSFWorkbook wb = open(result.workbook())) {
      XSSFSheet cases = wb.getSheet(Layout.CASE_STUDIES);
      assertThat(commentText(cases, "J2")).contains("WARNING [2.1]", "NOTE [2.1]");
      assertThat(fill(cases, "J2")).isEqualTo("FFEB9C");
    }
  }

  @Test
  void annotate_filledCell_keepsItsOtherFormatting() throws IOException {
    byte[] original = WorkbookBuilder.ready(AS_OF)
        .caseStudy(1, c -> c.set(CaseStudyColumn.GO_LIVE_DATE, AS_OF.minusMonths(19)))
        .build();
    FindingsReport report = EVALUATOR.evaluate(original, "wb.xlsx", AS_OF);
    String formatBefore;
    try (XSSFWorkbook wb = open(original)) {
      formatBefore = cell(wb.getSheet(Layout.CASE_STUDIES), "J2").getCellStyle().getDataFormatString();
    }

    WorkbookAnnotator.Annotation result = annotator.annotate(original, report);

    try (XSSFWorkbook wb = open(result.workbook())) {
      XSSFCell date = cell(wb.getSheet(Layout.CASE_STUDIES), "J2");
      assertThat(formatBefore).isEqualTo("yyyy-mm-dd");
      assertThat(date.getCellStyle().getDataFormatString()).isEqualTo(formatBefore);
      assertThat(date.getLocalDateTimeCellValue().toLocalDate()).isEqualTo(AS_OF.minusMonths(19));
      assertThat(fill(wb.getSheet(Layout.CASE_STUDIES), "J2")).isEqualTo("FFC7CE");
    }
  }

  @Test
  void annotate_cellWithPartnersComment_keepsItBelowTheFindings() throws IOException {
    byte[] original = WorkbookBuilder.ready(AS_OF)
        .profile(ProfileField.PARTNER_TIER, "Select")
        .tweak(wb -> addComment(wb.getSheet(Layout.PROFILE), "B5", "Ana", "Upgrade pending in December"))
        .build();
    FindingsReport report = EVALUATOR.evaluate(original, "wb.xlsx", AS_OF);

    WorkbookAnnotator.Annotation result = annotator.annotate(original, report);

    try (XSSFWorkbook wb = open(result.workbook())) {
      String text = commentText(wb.getSheet(Layout.PROFILE), "B5");
      assertThat(text).contains("BLOCKER [1.3]", "Earlier comment by Ana", "Upgrade pending in December");
      assertThat(text.indexOf("BLOCKER")).isLessThan(text.indexOf("Upgrade pending"));
    }
  }

  @Test
  void annotate_annotatedCopyAgain_replacesItsOwnCommentsInsteadOfStackingThem() throws IOException {
    byte[] original = WorkbookBuilder.ready(AS_OF).profile(ProfileField.PARTNER_TIER, "Select").build();
    FindingsReport report = EVALUATOR.evaluate(original, "wb.xlsx", AS_OF);
    byte[] once = annotator.annotate(original, report).workbook();

    byte[] twice = annotator.annotate(once, EVALUATOR.evaluate(once, "wb.xlsx", AS_OF)).workbook();

    String drawing = new String(zipPart(twice, "xl/drawings/vmlDrawing1.vml"), StandardCharsets.UTF_8);
    assertThat(drawing.split("<x:Row>4</x:Row><x:Column>1</x:Column>", -1)).as("note shapes on B5").hasSize(2);
    try (XSSFWorkbook wb = open(twice)) {
      String text = commentText(wb.getSheet(Layout.PROFILE), "B5");
      assertThat(text.split("BLOCKER", -1)).hasSize(2);
      assertThat(text).doesNotContain("Earlier comment");
      assertThat(wb.getSheetAt(0).getSheetName()).isEqualTo("Findings (2)");
      assertThat(wb.getSheet("Findings")).isNotNull();
    }
  }

  // ---- the Findings sheet ----------------------------------------------------------------------

  @Test
  void findingsSheet_listsEveryFindingWithALinkToItsCell() throws IOException {
    byte[] original = WorkbookBuilder.ready(AS_OF)
        .profile(ProfileField.PARTNER_TIER, "Select")
        .clearCertifications()
        .build();
    FindingsReport report = EVALUATOR.evaluate(original, "wb.xlsx", AS_OF);

    WorkbookAnnotator.Annotation result = annotator.annotate(original, report);

    try (XSSFWorkbook wb = open(result.workbook())) {
      XSSFSheet sheet = wb.getSheetAt(0);
      assertThat(sheet.getSheetName()).isEqualTo("Findings");
      assertThat(wb.getActiveSheetIndex()).isZero();
      assertThat(rowTexts(sheet.getRow(headerRow(sheet)))).containsExactlyElementsOf(FindingsSheet.HEADERS);
      assertThat(sheet.getPaneInformation().getHorizontalSplitTopRow()).isEqualTo(
          (short) (headerRow(sheet) + 1));
      assertThat(sheet.getColumnWidth(5)).isGreaterThan(sheet.getColumnWidth(0));
      assertThat(line(sheet, "Status")).isEqualTo("ACTION_REQUIRED: " + report.summary().blockers() + " blockers, "
          + report.summary().warnings() + " warnings, " + report.summary().passed() + " checks passed, as of "
          + AS_OF);
      assertThat(line(sheet, "Partner")).isEqualTo("Northwind Cloud Consulting Ltd [P-1001]");
      List<List<String>> rows = findingRows(sheet);
      assertThat(rows).hasSize(report.findings().size());
      for (int i = 0; i < rows.size(); i++) {
        Finding f = report.findings().get(i);
        assertThat(rows.get(i)).containsExactly(WorkbookAnnotator.label(f.severity()), f.checklistRef(),
            f.ruleId(), f.location().sheet(), f.location().cell() != null ? f.location().cell() : "whole sheet",
            f.message(), f.remediation(), FindingQuotes.of(report).display(f));
      }
      int tier = rowOf(rows, "partner-tier");
      assertThat(rows.get(tier).get(7)).isEqualTo("1.3: “Partner must be an AWS Advanced or Premier Tier Partner.”");
      int certs = rowOf(rows, "certifications-associate");
      assertThat(link(sheet, tier)).isEqualTo("'Partner Profile'!B5");
      assertThat(link(sheet, certs)).isEqualTo("'Certifications'!A1");
    }
  }

  @Test
  void findingsSheet_comparedWithAnEarlierSubmission_saysWhatChangedOnTheCopyAndOnFindingsOnly()
      throws IOException {
    byte[] earlierWorkbook = WorkbookBuilder.ready(AS_OF).clearCertifications().build();
    byte[] original = WorkbookBuilder.ready(AS_OF).profile(ProfileField.PARTNER_TIER, "Select").build();
    FindingsReport earlier = EVALUATOR.evaluate(earlierWorkbook, "wb.xlsx", AS_OF);
    FindingsReport report = EVALUATOR.evaluate(original, "wb.xlsx", AS_OF);
    Comparison changes = Comparison.of("sub-earlier", LocalDate.of(2026, 10, 1), earlier.findings(),
        report.findings());
    WorkbookAnnotator small = new WorkbookAnnotator(new WorkbookAnnotator.Bounds(original.length - 1, 1 << 30,
        5_000));

    WorkbookAnnotator.Annotation copy = annotator.annotate(original, report, changes);
    WorkbookAnnotator.Annotation findingsOnly = small.annotate(original, report, changes);
    WorkbookAnnotator.Annotation uncompared = annotator.annotate(original, report);

    assertThat(copy.annotatedCopy()).isTrue();
    assertThat(findingsOnly.annotatedCopy()).isFalse();
    // The earlier workbook's missing certifications are fixed; the Select tier is the one new blocker.
    String expected = earlier.findings().stream().filter(f -> f.severity() != Severity.INFO).count()
        + " fixed, 1 new since 2026-10-01 (sub-earlier)";
    try (XSSFWorkbook a = open(copy.workbook()); XSSFWorkbook b = open(findingsOnly.workbook());
        XSSFWorkbook c = open(uncompared.workbook())) {
      assertThat(line(a.getSheetAt(0), "Changes")).isEqualTo(expected);
      assertThat(line(b.getSheetAt(0), "Changes")).isEqualTo(expected);
      assertThat(line(c.getSheetAt(0), "Changes"))
          .isEqualTo("Not compared: no earlier evaluated submission of this partner.");
      assertThat(findingRows(a.getSheetAt(0))).hasSize(report.findings().size());
    }
  }

  @Test
  void findingsSheet_workbookAlreadyHasOne_isNamedFindings2() throws IOException {
    byte[] original = WorkbookBuilder.ready(AS_OF)
        .profile(ProfileField.PARTNER_TIER, "Select")
        .tweak(wb -> wb.createSheet("Findings").createRow(0).createCell(0).setCellValue("the partner's own notes"))
        .build();
    FindingsReport report = EVALUATOR.evaluate(original, "wb.xlsx", AS_OF);

    WorkbookAnnotator.Annotation result = annotator.annotate(original, report);

    try (XSSFWorkbook wb = open(result.workbook())) {
      assertThat(wb.getSheetAt(0).getSheetName()).isEqualTo("Findings (2)");
      assertThat(text(wb.getSheet("Findings"), "A1")).isEqualTo("the partner's own notes");
      assertThat(findingRows(wb.getSheetAt(0))).hasSize(report.findings().size());
    }
  }

  @Test
  void findingsSheet_readyReport_saysEveryCheckPassed() throws IOException {
    byte[] original = WorkbookBuilder.ready(AS_OF).build();
    FindingsReport report = EVALUATOR.evaluate(original, "wb.xlsx", AS_OF);

    WorkbookAnnotator.Annotation result = annotator.annotate(original, report);

    try (XSSFWorkbook wb = open(result.workbook())) {
      XSSFSheet sheet = wb.getSheetAt(0);
      assertThat(line(sheet, "Status")).startsWith("READY: 0 blockers, 0 warnings");
      assertThat(text(sheet, "F" + (headerRow(sheet) + 2))).isEqualTo("No findings: every check passed.");
    }
  }

  @Test
  void annotate_findingsWhoseSheetOrCellIsGone_areListedWithoutLinksOrComments() throws IOException {
    byte[] original = WorkbookBuilder.ready(AS_OF).build();
    List<Finding> findings = List.of(
        finding(Severity.BLOCKER, "no-sheet", new CellRef("Deleted Sheet", "B2", 2)),
        finding(Severity.BLOCKER, "beyond-columns", new CellRef(Layout.PROFILE, "XFE1", 1)),
        finding(Severity.WARNING, "no-row-digits", new CellRef(Layout.PROFILE, "ZZ", null)),
        finding(Severity.WARNING, "row-only", CellRef.row(Layout.CASE_STUDIES, 3)),
        finding(Severity.INFO, "whole-file", null),
        finding(Severity.BLOCKER, "real-cell", new CellRef(Layout.PROFILE, "B2", 2)));
    FindingsReport report = report(findings, new PartnerRef("Northwind", "P-1001"));

    WorkbookAnnotator.Annotation result = annotator.annotate(original, report);

    assertThat(result.annotatedCopy()).isTrue();
    try (XSSFWorkbook wb = open(result.workbook())) {
      XSSFSheet sheet = wb.getSheetAt(0);
      List<List<String>> rows = findingRows(sheet);
      assertThat(rows).extracting(r -> r.get(2)).containsExactly("no-sheet", "beyond-columns", "no-row-digits",
          "row-only", "whole-file", "real-cell");
      assertThat(link(sheet, 0)).isNull();
      assertThat(link(sheet, 1)).isNull();
      assertThat(link(sheet, 2)).isNull();
      assertThat(link(sheet, 3)).isEqualTo("'Case Studies'!A3");
      assertThat(rows.get(4).get(3)).isEqualTo("(whole file)");
      assertThat(link(sheet, 4)).isNull();
      assertThat(link(sheet, 5)).isEqualTo("'Partner Profile'!B2");
      assertThat(commentText(wb.getSheet(Layout.PROFILE), "B2")).contains("real-cell message");
      assertThat(wb.getSheet("Deleted Sheet")).isNull();
    }
  }

  // ---- formula injection -----------------------------------------------------------------------

  @Test
  void annotate_partnerTextThatLooksLikeAFormula_neverStartsACellWithAFormulaCharacter() throws IOException {
    String evil = "=HYPERLINK(\"http://evil\",\"x\")";
    byte[] original = WorkbookBuilder.ready(AS_OF)
        .profile(ProfileField.PARTNER_NAME, evil)
        .profile(ProfileField.PARTNER_ID, "+cmd|' /C calc'!A0")
        .caseStudy(1, c -> c.set(CaseStudyColumn.CUSTOMER_NAME, evil))
        .caseStudy(2, c -> c.set(CaseStudyColumn.CUSTOMER_NAME, evil))
        .build();
    FindingsReport evaluated = EVALUATOR.evaluate(original, "wb.xlsx", AS_OF);
    List<Finding> findings = new ArrayList<>(evaluated.findings());
    // Messages that begin with partner text, as a rule quoting a value first would write them.
    findings.add(finding(Severity.WARNING, evil, new CellRef(Layout.PROFILE, "B2", 2)));
    findings.add(new Finding("+cmd", "-1+1", Severity.WARNING, "+cmd|' /C calc'!A0", "@SUM(1+1)*cmd",
        new CellRef("=1+2", "A1", 1)));
    findings.add(new Finding("tab", "3.1", Severity.INFO, "\t=1+1", "\r+1", null));
    FindingsReport report = new FindingsReport(null, evaluated.partner(), "4.0", AS_OF, evaluated.status(),
        Summary.of(findings, 0), findings);

    WorkbookAnnotator.Annotation result = annotator.annotate(original, report);

    try (XSSFWorkbook wb = open(result.workbook())) {
      XSSFSheet sheet = wb.getSheetAt(0);
      List<String> texts = new ArrayList<>();
      for (int r = 0; r <= sheet.getLastRowNum(); r++) {
        XSSFRow row = sheet.getRow(r);
        if (row != null) {
          row.forEach(c -> assertThat(c.getCellType()).isNotEqualTo(CellType.FORMULA));
          texts.addAll(rowTexts(row));
        }
      }
      assertThat(texts).noneMatch(t -> !t.isEmpty() && "=+-@\t\r".indexOf(t.charAt(0)) >= 0);
      assertThat(texts).contains("'" + evil, "'+cmd", "'-1+1", "'+cmd|' /C calc'!A0", "'@SUM(1+1)*cmd", "'=1+1",
          "'+1", "'=1+2");
      assertThat(line(sheet, "Partner")).isEqualTo("'" + evil + " [+cmd|' /C calc'!A0]");
      assertThat(texts).anyMatch(t -> t.contains("same customer") && t.contains(evil));
    }
  }

  @Test
  void cellText_dangerousFirstCharacters_getAQuotePrefixAndOthersDoNot() throws IOException {
    assertThat(WorkbookAnnotator.cellText("=1+1")).isEqualTo("'=1+1");
    assertThat(WorkbookAnnotator.cellText("+1")).isEqualTo("'+1");
    assertThat(WorkbookAnnotator.cellText("-1")).isEqualTo("'-1");
    assertThat(WorkbookAnnotator.cellText("@A1")).isEqualTo("'@A1");
    assertThat(WorkbookAnnotator.cellText("\t=1")).isEqualTo("'=1");
    assertThat(WorkbookAnnotator.cellText("\r\n+1")).isEqualTo("'+1");
    assertThat(WorkbookAnnotator.cellText("Case study 1 = 2")).isEqualTo("Case study 1 = 2");
    assertThat(WorkbookAnnotator.cellText(null)).isEmpty();
  }

  // ---- findings only -----------------------------------------------------------------------------

  @Test
  void annotate_rejectedReport_givesFindingsOnlyWithoutOpeningTheFile() throws IOException {
    byte[] csv = "Partner name,Partner ID\nNorthwind,P-1001\n".getBytes(StandardCharsets.UTF_8);
    FindingsReport rejected = EVALUATOR.evaluate(csv, "wb.xlsx", AS_OF);
    // A readable workbook sent with a REJECTED report proves the file is not what gets opened.
    byte[] readable = WorkbookBuilder.ready(AS_OF).build();

    WorkbookAnnotator.Annotation fromCsv = annotator.annotate(csv, rejected);
    WorkbookAnnotator.Annotation fromReadable = annotator.annotate(readable, rejected);

    assertThat(rejected.status()).isEqualTo(ReportStatus.REJECTED);
    for (WorkbookAnnotator.Annotation a : List.of(fromCsv, fromReadable)) {
      assertThat(a.annotatedCopy()).isFalse();
      assertThat(a.note()).contains("could not be read");
      try (XSSFWorkbook wb = open(a.workbook())) {
        assertThat(wb.getNumberOfSheets()).isEqualTo(1);
        XSSFSheet sheet = wb.getSheetAt(0);
        assertThat(sheet.getSheetName()).isEqualTo("Findings");
        assertThat(line(sheet, "Status")).startsWith("REJECTED: 1 blocker");
        assertThat(line(sheet, "Note")).isEqualTo(a.note());
        assertThat(findingRows(sheet)).extracting(r -> r.get(2)).containsExactly("file-type");
      }
    }
  }

  @Test
  void annotate_fileAboveTheSizeBound_givesFindingsOnlyWithTheReason() throws IOException {
    byte[] original = WorkbookBuilder.ready(AS_OF).profile(ProfileField.PARTNER_TIER, "Select").build();
    FindingsReport report = EVALUATOR.evaluate(original, "wb.xlsx", AS_OF);
    WorkbookAnnotator small = new WorkbookAnnotator(new WorkbookAnnotator.Bounds(original.length - 1, 1 << 30,
        5_000));

    WorkbookAnnotator.Annotation result = small.annotate(original, report);

    assertThat(result.annotatedCopy()).isFalse();
    assertThat(result.note()).contains("larger than");
    try (XSSFWorkbook wb = open(result.workbook())) {
      assertThat(wb.getNumberOfSheets()).isEqualTo(1);
      XSSFSheet sheet = wb.getSheetAt(0);
      assertThat(findingRows(sheet)).hasSize(report.findings().size());
      assertThat(link(sheet, 0)).isNull();
      assertThat(findingRows(sheet).get(0).get(4)).isEqualTo("B5");
    }
  }

  @Test
  void annotate_moreRowsThanTheBound_givesFindingsOnly() throws IOException {
    byte[] original = WorkbookBuilder.ready(AS_OF).build();
    ParseOutcome.Parsed parsed = (ParseOutcome.Parsed) EVALUATOR.parser().parse(original, "wb.xlsx");
    FindingsReport report = EVALUATOR.evaluate(parsed, AS_OF, "", null);
    WorkbookAnnotator fewRows = new WorkbookAnnotator(new WorkbookAnnotator.Bounds(1 << 30, 1 << 30,
        parsed.stats().rowsRead() - 1));

    WorkbookAnnotator.Annotation limited = fewRows.annotate(original, report, parsed.stats());
    WorkbookAnnotator.Annotation unlimited = annotator.annotate(original, report, parsed.stats());

    assertThat(limited.annotatedCopy()).isFalse();
    assertThat(limited.note()).contains(parsed.stats().rowsRead() + " filled rows");
    assertThat(unlimited.annotatedCopy()).isTrue();
  }

  @Test
  void annotate_inflatedSizeAboveTheBound_givesFindingsOnly() throws IOException {
    byte[] original = WorkbookBuilder.ready(AS_OF).build();
    FindingsReport report = EVALUATOR.evaluate(original, "wb.xlsx", AS_OF);
    long inflated = inflatedSize(original);
    WorkbookAnnotator tight = new WorkbookAnnotator(new WorkbookAnnotator.Bounds(1 << 30, inflated - 1, 5_000));
    WorkbookAnnotator exact = new WorkbookAnnotator(new WorkbookAnnotator.Bounds(1 << 30, inflated, 5_000));

    WorkbookAnnotator.Annotation result = tight.annotate(original, report);

    assertThat(inflated).isGreaterThan(original.length);
    assertThat(WorkbookAnnotator.declaredSize(original)).isEqualTo(inflated);
    assertThat(exact.annotate(original, report).annotatedCopy()).isTrue();
    assertThat(result.annotatedCopy()).isFalse();
    assertThat(result.note()).contains("expands to more than");
  }

  // ---- round trip --------------------------------------------------------------------------------

  @Test
  void annotatedCopy_parsedAgain_givesTheSameValuesAndFindings() throws IOException {
    byte[] original = WorkbookBuilder.ready(AS_OF)
        .profile(ProfileField.PARTNER_TIER, "Select")
        .caseStudy(3, c -> c.set(CaseStudyColumn.GO_LIVE_DATE, "Aug 2026"))
        .control("ACCT-001", c -> c.response = null)
        .certification("Ana Silva", "Developer – Associate", "DVA-1000", AS_OF.minusDays(1))
        .build();
    ParseOutcome.Parsed before = (ParseOutcome.Parsed) EVALUATOR.parser().parse(original, "wb.xlsx");
    FindingsReport report = EVALUATOR.evaluate(before, AS_OF, "", null);

    byte[] annotated = annotator.annotate(original, report, before.stats()).workbook();

    ParseOutcome.Parsed after = (ParseOutcome.Parsed) EVALUATOR.parser().parse(annotated, "wb.xlsx");
    assertThat(report.summary().blockers()).isPositive();
    assertThat(after.assessment()).isEqualTo(before.assessment());
    assertThat(EVALUATOR.evaluate(after, AS_OF, "", null)).isEqualTo(report);
  }

  // ---- helpers -----------------------------------------------------------------------------------

  private static Finding finding(Severity severity, String ruleId, CellRef at) {
    return new Finding(ruleId, "3.1", severity, ruleId + " message", ruleId + " remediation", at);
  }

  private static FindingsReport report(List<Finding> findings, PartnerRef partner) {
    return new FindingsReport(null, partner, "4.0", AS_OF, FindingsReport.statusOf(findings),
        Summary.of(findings, 0), findings);
  }

  private static byte[] zipPart(byte[] zip, String name) throws IOException {
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (var e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        if (e.getName().equals(name)) {
          return in.readAllBytes();
        }
      }
    }
    throw new AssertionError("no part " + name);
  }

  /** Every part of the zip inflated and counted, with the JDK's own zip reader. */
  private static long inflatedSize(byte[] zip) throws IOException {
    long total = 0;
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      while (in.getNextEntry() != null) {
        total += in.readAllBytes().length;
      }
    }
    return total;
  }

  private static XSSFWorkbook open(byte[] bytes) {
    try {
      return new XSSFWorkbook(new ByteArrayInputStream(bytes));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static XSSFCell cell(XSSFSheet sheet, String ref) {
    int row = A1.row(ref) - 1;
    int column = A1.column(ref);
    return sheet.getRow(row) == null ? null : sheet.getRow(row).getCell(column);
  }

  private static String text(XSSFSheet sheet, String ref) {
    XSSFCell c = cell(sheet, ref);
    return c == null ? null : c.getStringCellValue();
  }

  /** The cell's solid fill as RRGGBB, or null when it has none. */
  private static String fill(XSSFSheet sheet, String ref) {
    XSSFCell c = cell(sheet, ref);
    if (c == null) {
      return null;
    }
    XSSFCellStyle style = c.getCellStyle();
    XSSFColor color = style.getFillForegroundColorColor();
    if (style.getFillPattern() != FillPatternType.SOLID_FOREGROUND || color == null || color.getRGB() == null) {
      return null;
    }
    return color.getARGBHex().substring(2);
  }

  private static Comment comment(XSSFSheet sheet, String ref) {
    XSSFCell c = cell(sheet, ref);
    return c == null ? null : c.getCellComment();
  }

  private static String commentText(XSSFSheet sheet, String ref) {
    Comment c = comment(sheet, ref);
    assertThat(c).as("comment on %s!%s", sheet.getSheetName(), ref).isNotNull();
    assertThat(c.getAuthor()).isIn(WorkbookAnnotator.COMMENT_AUTHOR);
    // Excel shows a comment through its note shape in the sheet's VML drawing.
    assertThat(sheet.getVMLDrawing(false)).as("comments drawing of %s", sheet.getSheetName()).isNotNull();
    assertThat(sheet.getVMLDrawing(false).findCommentShape(A1.row(ref) - 1, A1.column(ref)))
        .as("note shape of %s!%s", sheet.getSheetName(), ref).isNotNull();
    return c.getString().getString();
  }

  private static void addComment(XSSFSheet sheet, String ref, String author, String text) {
    XSSFCell c = cell(sheet, ref);
    var anchor = sheet.getWorkbook().getCreationHelper().createClientAnchor();
    anchor.setCol1(c.getColumnIndex() + 1);
    anchor.setCol2(c.getColumnIndex() + 3);
    anchor.setRow1(c.getRowIndex());
    anchor.setRow2(c.getRowIndex() + 3);
    Comment comment = sheet.createDrawingPatriarch().createCellComment(anchor);
    comment.setString(sheet.getWorkbook().getCreationHelper().createRichTextString(text));
    comment.setAuthor(author);
    c.setCellComment(comment);
  }

  private static List<String> rowTexts(XSSFRow row) {
    List<String> out = new ArrayList<>();
    row.forEach(c -> out.add(c.getCellType() == CellType.STRING ? c.getStringCellValue() : c.toString()));
    return out;
  }

  private static List<List<String>> findingRows(XSSFSheet sheet) {
    List<List<String>> rows = new ArrayList<>();
    for (int r = headerRow(sheet) + 1; r <= sheet.getLastRowNum(); r++) {
      XSSFRow row = sheet.getRow(r);
      List<String> values = new ArrayList<>();
      for (int c = 0; c < FindingsSheet.HEADERS.size(); c++) {
        XSSFCell cell = row.getCell(c);
        values.add(cell == null ? "" : cell.getStringCellValue());
      }
      rows.add(values);
    }
    return rows;
  }

  /** The 0-based row of the Findings sheet's table header. */
  private static int headerRow(XSSFSheet sheet) {
    for (int r = 0; r <= sheet.getLastRowNum(); r++) {
      XSSFRow row = sheet.getRow(r);
      if (row != null && row.getCell(0) != null && FindingsSheet.HEADERS.get(0).equals(text(row.getCell(0)))) {
        return r;
      }
    }
    throw new AssertionError("no header row on " + sheet.getSheetName());
  }

  /** The value beside a label above the Findings sheet's table (column B of the row labelled in A). */
  private static String line(XSSFSheet sheet, String label) {
    for (int r = 0; r < headerRow(sheet); r++) {
      XSSFRow row = sheet.getRow(r);
      if (row != null && row.getCell(0) != null && label.equals(text(row.getCell(0)))) {
        return row.getCell(1) == null ? null : text(row.getCell(1));
      }
    }
    throw new AssertionError("no line " + label + " on " + sheet.getSheetName());
  }

  private static String text(XSSFCell cell) {
    return cell.getCellType() == CellType.STRING ? cell.getStringCellValue() : cell.toString();
  }

  private static int rowOf(List<List<String>> rows, String ruleId) {
    for (int i = 0; i < rows.size(); i++) {
      if (rows.get(i).get(2).equals(ruleId)) {
        return i;
      }
    }
    throw new AssertionError("no row for " + ruleId);
  }

  /** The internal link of the Cell column of the i-th finding row, or null. */
  private static String link(XSSFSheet sheet, int findingIndex) {
    XSSFCell c = sheet.getRow(headerRow(sheet) + 1 + findingIndex).getCell(4);
    return c == null || c.getHyperlink() == null ? null : c.getHyperlink().getAddress();
  }
}
