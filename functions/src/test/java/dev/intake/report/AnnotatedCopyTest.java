package dev.intake.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intake.model.CellRef;
import dev.intake.model.Finding;
import dev.intake.model.FindingsReport;
import dev.intake.model.PartnerRef;
import dev.intake.model.ProfileField;
import dev.intake.model.Severity;
import dev.intake.model.Summary;
import dev.intake.template.Layout;
import dev.intake.testing.WorkbookBuilder;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.apache.poi.ss.usermodel.Comment;
import org.apache.poi.ss.usermodel.DataValidation;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.util.CellAddress;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFCell;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the streamed copy must get right beyond what {@link WorkbookAnnotatorTest} checks through the
 * annotator's features: parts it does not change are copied as they lie, and the package it writes
 * stays right for workbooks that are built differently (merges, missing rows and cells, the partner's
 * own comments, defined names, line breaks in attributes, no styles part, a prefixed namespace).
 */
class AnnotatedCopyTest {

  private static final LocalDate AS_OF = LocalDate.of(2026, 11, 1);
  private static final Evaluator EVALUATOR = Evaluator.standard();

  private final WorkbookAnnotator annotator = new WorkbookAnnotator();

  @Test
  void annotate_partsTheAnnotationDoesNotChange_areCopiedAsTheyLieInTheZip(@TempDir Path dir) throws IOException {
    byte[] original = WorkbookBuilder.ready(AS_OF).profile(ProfileField.PARTNER_TIER, "Select").build();
    FindingsReport report = EVALUATOR.evaluate(original, "wb.xlsx", AS_OF);

    byte[] copy = annotator.annotate(original, report).workbook();

    Files.write(dir.resolve("original.xlsx"), original);
    Files.write(dir.resolve("copy.xlsx"), copy);
    Set<String> changed = new TreeSet<>();
    Set<String> added = new TreeSet<>();
    try (ZipFile before = new ZipFile(dir.resolve("original.xlsx").toFile());
        ZipFile after = new ZipFile(dir.resolve("copy.xlsx").toFile())) {
      for (ZipEntry e : Collections.list(after.entries())) {
        ZipEntry old = before.getEntry(e.getName());
        if (old == null) {
          added.add(e.getName());
        } else if (old.getCrc() != e.getCrc() || old.getCompressedSize() != e.getCompressedSize()
            || old.getMethod() != e.getMethod()) {
          changed.add(e.getName());
        } else {
          assertThat(after.getInputStream(e).readAllBytes()).as(e.getName())
              .isEqualTo(before.getInputStream(old).readAllBytes());
        }
      }
      assertThat(Collections.list(after.entries())).hasSize(before.size() + added.size());
    }
    // The template's first tab (Instructions, sheet1) was selected; the Partner Profile (sheet2) is marked.
    assertThat(changed).containsExactlyInAnyOrder("[Content_Types].xml", "xl/workbook.xml",
        "xl/_rels/workbook.xml.rels", "xl/styles.xml", "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml");
    assertThat(added).containsExactlyInAnyOrder("xl/worksheets/sheet6.xml", "xl/worksheets/_rels/sheet2.xml.rels",
        "xl/comments1.xml", "xl/drawings/vmlDrawing1.vml");
  }

  @Test
  void annotate_sameWorkbookAndReportTwice_givesTheSameBytes() {
    byte[] original = WorkbookBuilder.ready(AS_OF).profile(ProfileField.PARTNER_TIER, "Select").build();
    FindingsReport report = EVALUATOR.evaluate(original, "wb.xlsx", AS_OF);

    assertThat(annotator.annotate(original, report).workbook()).isEqualTo(annotator.annotate(original, report)
        .workbook());
  }

  @Test
  void annotate_findingOnACellUnderAMerge_marksTheMergedAreasVisibleCell() throws IOException {
    byte[] original = WorkbookBuilder.ready(AS_OF)
        .tweak(wb -> wb.getSheet(Layout.PROFILE).addMergedRegion(CellRangeAddress.valueOf("B3:C4")))
        .build();
    FindingsReport report = report(finding(Severity.WARNING, "under-merge", Layout.PROFILE, "C4"));

    WorkbookAnnotator.Annotation result = annotator.annotate(original, report);

    assertThat(result.annotatedCopy()).as(result.note()).isTrue();
    try (XSSFWorkbook wb = open(result.workbook())) {
      XSSFSheet profile = wb.getSheet(Layout.PROFILE);
      assertThat(fill(profile, "B3")).isEqualTo("FFEB9C");
      assertThat(profile.getCellComment(new CellAddress("B3")).getString().getString()).contains("under-merge");
      assertThat(profile.getCellComment(new CellAddress("C4"))).isNull();
      assertThat(profile.getMergedRegions()).contains(CellRangeAddress.valueOf("B3:C4"));
    }
  }

  @Test
  void annotate_cellsAndRowsTheSheetLacks_areAddedWithTheLookTheyWouldHaveHad() throws IOException {
    byte[] original = WorkbookBuilder.ready(AS_OF).build();
    FindingsReport report = report(
        finding(Severity.BLOCKER, "far-row", Layout.CASE_STUDIES, "J40"),
        finding(Severity.INFO, "empty-cell", Layout.CASE_STUDIES, "M2"),
        finding(Severity.WARNING, "before-first", Layout.PROFILE, "D1"));

    WorkbookAnnotator.Annotation result = annotator.annotate(original, report);

    assertThat(result.annotatedCopy()).as(result.note()).isTrue();
    try (XSSFWorkbook wb = open(result.workbook())) {
      XSSFSheet cases = wb.getSheet(Layout.CASE_STUDIES);
      assertThat(fill(cases, "J40")).isEqualTo("FFC7CE");
      // Column J carries the template's date style: the new cell shows a date as its neighbours do.
      assertThat(cell(cases, "J40").getCellStyle().getDataFormatString()).isEqualTo("yyyy-mm-dd");
      assertThat(fill(cases, "M2")).isEqualTo("DDEBF7");
      assertThat(cell(cases, "L2").getStringCellValue()).isNotEmpty();
      assertThat(fill(wb.getSheet(Layout.PROFILE), "D1")).isEqualTo("FFEB9C");
      assertThat(cases.getCellComment(new CellAddress("J40")).getString().getString()).contains("far-row");
      assertThat(cases.getCellComment(new CellAddress("M2")).getString().getString()).contains("empty-cell");
    }
    assertThat(EVALUATOR.evaluate(result.workbook(), "wb.xlsx", AS_OF).findings())
        .isEqualTo(EVALUATOR.evaluate(original, "wb.xlsx", AS_OF).findings());
  }

  @Test
  void annotate_partnersCommentOnAnotherCell_isKeptAsItWas() throws IOException {
    byte[] original = WorkbookBuilder.ready(AS_OF)
        .profile(ProfileField.PARTNER_TIER, "Select")
        .tweak(wb -> addComment(wb.getSheet(Layout.PROFILE), "B2", "Ana", "Legal name as registered"))
        .build();
    FindingsReport report = EVALUATOR.evaluate(original, "wb.xlsx", AS_OF);

    WorkbookAnnotator.Annotation result = annotator.annotate(original, report);

    try (XSSFWorkbook wb = open(result.workbook())) {
      Comment kept = wb.getSheet(Layout.PROFILE).getCellComment(new CellAddress("B2"));
      assertThat(kept.getAuthor()).isEqualTo("Ana");
      assertThat(kept.getString().getString()).isEqualTo("Legal name as registered");
      Comment ours = wb.getSheet(Layout.PROFILE).getCellComment(new CellAddress("B5"));
      assertThat(ours.getAuthor()).isEqualTo(WorkbookAnnotator.COMMENT_AUTHOR);
      assertThat(ours.getString().getString()).startsWith("BLOCKER [1.3]").doesNotContain("Earlier comment");
    }
  }

  @Test
  void annotate_lineBreaksAndTabsInTheSheetsAttributes_areKept() throws IOException {
    // Excel writes a line break in an attribute (a validation's message) as a character reference; read
    // and written back as a plain line break, an XML reader would turn it into a space.
    byte[] ready = WorkbookBuilder.ready(AS_OF).profile(ProfileField.PARTNER_TIER, "Select").build();
    byte[] original = rewrite(ready, parts -> {
      parts.computeIfPresent("xl/worksheets/sheet2.xml", (k, v) -> v.replace(
          "error=\"Choose one of: Registered, Select, Advanced, Premier\"",
          "error=\"Choose one of:&#10;Registered, Select&#9;Advanced &amp; &quot;Premier&quot;&#13;\""));
      return parts;
    });
    FindingsReport report = EVALUATOR.evaluate(original, "wb.xlsx", AS_OF);
    String message = "Choose one of:\nRegistered, Select\tAdvanced & \"Premier\"\r";
    try (XSSFWorkbook wb = open(original)) {
      assertThat(wb.getSheet(Layout.PROFILE).getDataValidations()).extracting(DataValidation::getErrorBoxText)
          .contains(message);
    }

    WorkbookAnnotator.Annotation result = annotator.annotate(original, report);

    try (XSSFWorkbook wb = open(result.workbook())) {
      assertThat(wb.getSheet(Layout.PROFILE).getDataValidations()).extracting(DataValidation::getErrorBoxText)
          .contains(message);
      assertThat(fill(wb.getSheet(Layout.PROFILE), "B5")).isEqualTo("FFC7CE");
    }
  }

  @Test
  void annotate_namesThatBelongToASheet_stillBelongToItAfterTheFindingsSheetIsPutFirst() throws IOException {
    byte[] original = WorkbookBuilder.ready(AS_OF)
        .profile(ProfileField.PARTNER_TIER, "Select")
        .tweak(wb -> wb.setPrintArea(wb.getSheetIndex(Layout.CASE_STUDIES), "$A$1:$K$5"))
        .build();
    FindingsReport report = EVALUATOR.evaluate(original, "wb.xlsx", AS_OF);

    WorkbookAnnotator.Annotation result = annotator.annotate(original, report);

    try (XSSFWorkbook wb = open(result.workbook())) {
      assertThat(wb.getPrintArea(wb.getSheetIndex(Layout.CASE_STUDIES))).isEqualTo("'Case Studies'!$A$1:$K$5");
      assertThat(wb.getPrintArea(wb.getSheetIndex("Findings"))).isNull();
    }
  }

  @Test
  void annotate_anotherSheetWasSelected_onlyTheFindingsSheetIsSelectedAndActive() throws IOException {
    byte[] original = WorkbookBuilder.ready(AS_OF)
        .profile(ProfileField.PARTNER_TIER, "Select")
        .tweak(wb -> {
          wb.setActiveSheet(wb.getSheetIndex(Layout.SELF_ASSESSMENT));
          wb.getSheet(Layout.SELF_ASSESSMENT).setSelected(true);
        })
        .build();
    FindingsReport report = EVALUATOR.evaluate(original, "wb.xlsx", AS_OF);

    WorkbookAnnotator.Annotation result = annotator.annotate(original, report);

    try (XSSFWorkbook wb = open(result.workbook())) {
      assertThat(wb.getActiveSheetIndex()).isZero();
      assertThat(wb.getFirstVisibleTab()).isZero();
      List<Boolean> selected = new ArrayList<>();
      wb.forEach(s -> selected.add(s.isSelected()));
      assertThat(selected).containsExactly(true, false, false, false, false, false);
    }
  }

  @Test
  void annotate_workbookWithoutAStylesPart_getsOneWithTheFills() throws IOException {
    byte[] ready = WorkbookBuilder.ready(AS_OF).profile(ProfileField.PARTNER_TIER, "Select").build();
    byte[] original = rewrite(ready, parts -> {
      parts.remove("xl/styles.xml");
      parts.computeIfPresent("[Content_Types].xml", (k, v) -> v.replaceAll("<Override[^>]*styles\\.xml\"/>", ""));
      parts.computeIfPresent("xl/_rels/workbook.xml.rels",
          (k, v) -> v.replaceAll("<Relationship[^>]*Target=\"styles\\.xml\"[^>]*/>", ""));
      return parts;
    });
    FindingsReport report = EVALUATOR.evaluate(original, "wb.xlsx", AS_OF);

    WorkbookAnnotator.Annotation result = annotator.annotate(original, report);

    assertThat(result.annotatedCopy()).as(result.note()).isTrue();
    assertThat(parts(result.workbook())).containsKey("xl/styles1.xml");
    try (XSSFWorkbook wb = open(result.workbook())) {
      assertThat(fill(wb.getSheet(Layout.PROFILE), "B5")).isEqualTo("FFC7CE");
    }
  }

  @Test
  void annotate_sheetsWrittenWithANamespacePrefix_areMarkedInThatPrefix() throws IOException {
    byte[] ready = WorkbookBuilder.ready(AS_OF).profile(ProfileField.PARTNER_TIER, "Select").build();
    byte[] original = rewrite(ready, parts -> {
      for (String part : List.of("xl/worksheets/sheet2.xml", "xl/styles.xml", "xl/workbook.xml")) {
        parts.computeIfPresent(part, (k, v) -> prefixed(v));
      }
      return parts;
    });
    FindingsReport report = EVALUATOR.evaluate(original, "wb.xlsx", AS_OF);

    WorkbookAnnotator.Annotation result = annotator.annotate(original, report);

    assertThat(result.annotatedCopy()).as(result.note()).isTrue();
    Map<String, String> parts = parts(result.workbook());
    assertThat(parts.get("xl/worksheets/sheet2.xml")).contains("<x:legacyDrawing ").doesNotContain("<legacyDrawing");
    assertThat(parts.get("xl/workbook.xml")).contains("<x:sheet name=\"Findings\"");
    try (XSSFWorkbook wb = open(result.workbook())) {
      assertThat(wb.getSheetAt(0).getSheetName()).isEqualTo("Findings");
      assertThat(fill(wb.getSheet(Layout.PROFILE), "B5")).isEqualTo("FFC7CE");
      assertThat(wb.getSheet(Layout.PROFILE).getCellComment(new CellAddress("B5"))).isNotNull();
    }
  }

  @Test
  void annotate_strictOpenXmlWorkbook_givesTheFindingsInASeparateWorkbook() {
    byte[] ready = WorkbookBuilder.ready(AS_OF).profile(ProfileField.PARTNER_TIER, "Select").build();
    byte[] strict = rewrite(ready, parts -> {
      parts.computeIfPresent("xl/workbook.xml", (k, v) -> v.replace("http://schemas.openxmlformats.org/spreadsheetml"
          + "/2006/main", "http://purl.oclc.org/ooxml/spreadsheetml/main"));
      return parts;
    });
    FindingsReport report = EVALUATOR.evaluate(strict, "wb.xlsx", AS_OF);

    WorkbookAnnotator.Annotation result = annotator.annotate(strict, report);

    assertThat(report.summary().blockers()).isPositive();
    assertThat(result.annotatedCopy()).isFalse();
    assertThat(result.note()).contains("could not be opened for annotation");
  }

  @Test
  void annotate_zipDirectoryUnderstatesAMarkedSheet_stopsReadingAtTheBound() throws IOException {
    // A marked sheet that inflates to far more than its zip directory says: the declared total passes the
    // bound, and reading it stops at four times the bound instead of at what the sheet really holds.
    StringBuilder padding = new StringBuilder();
    for (int i = 0; i < 60_000; i++) {
      padding.append("<!-- padding ").append(i).append(" -->");
    }
    byte[] ready = WorkbookBuilder.ready(AS_OF).profile(ProfileField.PARTNER_TIER, "Select").build();
    byte[] padded = rewrite(ready, parts -> {
      parts.computeIfPresent("xl/worksheets/sheet2.xml", (k, v) -> v.replace("<sheetData>", padding + "<sheetData>"));
      return parts;
    });
    String sheet = "xl/worksheets/sheet2.xml";
    long realSize = parts(padded).get(sheet).length();
    byte[] lying = withDeclaredSize(padded, sheet, 10_000);
    FindingsReport report = EVALUATOR.evaluate(lying, "wb.xlsx", AS_OF);
    long declared = WorkbookAnnotator.declaredSize(lying);
    WorkbookAnnotator bounded = new WorkbookAnnotator(new WorkbookAnnotator.Bounds(1 << 30, declared, 5_000));

    WorkbookAnnotator.Annotation result = bounded.annotate(lying, report);

    assertThat(realSize).isGreaterThan(4 * declared);
    assertThat(result.annotatedCopy()).isFalse();
    assertThat(result.note()).contains("expands to more than");
    assertThat(new WorkbookAnnotator(new WorkbookAnnotator.Bounds(1 << 30, realSize * 2, 5_000))
        .annotate(padded, report).annotatedCopy()).isTrue();
  }

  // ---- helpers -----------------------------------------------------------------------------------

  private static Finding finding(Severity severity, String ruleId, String sheet, String cell) {
    return new Finding(ruleId, "3.1", severity, ruleId + " message", ruleId + " remediation",
        new CellRef(sheet, cell, dev.intake.model.A1.row(cell)));
  }

  private static FindingsReport report(Finding... findings) {
    List<Finding> list = List.of(findings);
    return new FindingsReport(null, new PartnerRef("Northwind", "P-1001"), "4.0", AS_OF,
        FindingsReport.statusOf(list), Summary.of(list, 0), list);
  }

  private static XSSFWorkbook open(byte[] bytes) {
    try {
      return new XSSFWorkbook(new ByteArrayInputStream(bytes));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static XSSFCell cell(XSSFSheet sheet, String ref) {
    CellAddress a = new CellAddress(ref);
    return sheet.getRow(a.getRow()) == null ? null : sheet.getRow(a.getRow()).getCell(a.getColumn());
  }

  private static String fill(XSSFSheet sheet, String ref) {
    XSSFCell c = cell(sheet, ref);
    if (c == null) {
      return null;
    }
    XSSFCellStyle style = c.getCellStyle();
    if (style.getFillPattern() != FillPatternType.SOLID_FOREGROUND || style.getFillForegroundColorColor() == null) {
      return null;
    }
    return style.getFillForegroundColorColor().getARGBHex().substring(2);
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

  /** Every element of the main namespace written with the prefix {@code x:}. */
  private static String prefixed(String xml) {
    return xml.replace("xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"",
            "xmlns:x=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"")
        .replaceAll("<(/?)([A-Za-z][A-Za-z0-9]*)([ />])", "<$1x:$2$3");
  }

  static Map<String, String> parts(byte[] zip) {
    Map<String, String> parts = new LinkedHashMap<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        parts.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return parts;
  }

  private static byte[] rewrite(byte[] zip, UnaryOperator<Map<String, String>> change) {
    Map<String, String> parts = change.apply(parts(zip));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream out = new ZipOutputStream(bytes)) {
      for (Map.Entry<String, String> p : parts.entrySet()) {
        out.putNextEntry(new ZipEntry(p.getKey()));
        out.write(p.getValue().getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** The zip with one part's uncompressed size in its central directory record replaced. */
  private static byte[] withDeclaredSize(byte[] zip, String part, long size) {
    byte[] out = zip.clone();
    byte[] name = part.getBytes(StandardCharsets.UTF_8);
    for (int at = 0; at + 46 < out.length; at++) {
      if (out[at] == 0x50 && out[at + 1] == 0x4b && out[at + 2] == 1 && out[at + 3] == 2
          && (out[at + 28] & 0xff | (out[at + 29] & 0xff) << 8) == name.length
          && new String(out, at + 46, name.length, StandardCharsets.UTF_8).equals(part)) {
        for (int i = 0; i < 4; i++) {
          out[at + 24 + i] = (byte) (size >>> (8 * i));
        }
        return out;
      }
    }
    throw new AssertionError("no central directory record for " + part);
  }
}
