package dev.intake.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intake.model.FindingsReport;
import dev.intake.model.ReportStatus;
import dev.intake.parsing.ParseOutcome;
import dev.intake.parsing.WorkbookParser;
import dev.intake.report.Evaluator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The harness's parts do the work they claim; no figure is checked here (those are for run.sh). */
class HarnessTest {

  private static byte[] ready() throws IOException {
    return Files.readAllBytes(Path.of(System.getProperty("repo.root", ".."), "test-events", "workbooks",
        Workbooks.READY));
  }

  @Test
  void baselinePoi_workbookOfTwoCells_readsTheTextOfBoth() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (XSSFWorkbook wb = new XSSFWorkbook()) {
      XSSFSheet sheet = wb.createSheet("S");
      sheet.createRow(0).createCell(0).setCellValue("ab");
      sheet.createRow(3).createCell(2).setCellValue(12.5);
      wb.write(bytes);
    }

    long chars = PoiBaseline.readAll(bytes.toByteArray());

    assertThat(chars).isEqualTo("ab".length() + "12.5".length());
  }

  @Test
  void staxFloor_zipOfOneXmlPartAndOneBinary_countsTheEventsAndTheBytes() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.putNextEntry(new ZipEntry("a.xml"));
      zip.write("<a><b/>x</a>".getBytes(StandardCharsets.UTF_8));
      zip.putNextEntry(new ZipEntry("media/image.png"));
      zip.write(new byte[7]);
    }

    long seen = StaxFloor.scan(bytes.toByteArray());

    // <a>, <b>, </b>, "x", </a>, end of document; then 7 bytes of the image
    assertThat(seen).isEqualTo(6 + 7);
  }

  @Test
  void verdict_readySample_isTheReadyReport() throws IOException {
    String json = Verdict.run(Evaluator.standard(), ready(), Workbooks.READY);

    assertThat(ColdProbe.summary(json)).isEqualTo("READY");
  }

  @Test
  void withCertificationRows_readySample_staysReadyWithTheRowsAdded() throws IOException {
    byte[] ready = ready();
    int before = rows(ready);

    byte[] more = Workbooks.withCertificationRows(ready, 25, 10, 7);

    assertThat(rows(more)).isEqualTo(before + 25);
    assertThat(ColdProbe.summary(Verdict.run(Evaluator.standard(), more, "more.xlsx"))).isEqualTo("READY");
  }

  @Test
  void coldHarness_staxProbeInAFreshJvm_reportsItsFigures(@TempDir Path dir) throws Exception {
    Files.write(dir.resolve(Workbooks.READY), ready());
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ColdHarness.Probe probe = new ColdHarness.Probe("B", "floor B", System.getProperty("java.class.path"), List.of(),
        "stax", Workbooks.READY);

    ColdHarness.Result result = ColdHarness.run(java, probe, dir, dir);

    assertThat(result.ok()).as(result.toString()).isTrue();
    assertThat(result.result()).isEqualTo("events:" + StaxFloor.scan(ready()));
    assertThat(result.hwmKb()).isPositive();
    assertThat(result.totalMs()).isGreaterThanOrEqualTo(result.opMs());
  }

  @Test
  void loadAndWrite_workbookOfTwoCells_writesAWorkbookWithBoth() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (XSSFWorkbook wb = new XSSFWorkbook()) {
      wb.createSheet("S").createRow(0).createCell(0).setCellValue("ab");
      wb.write(bytes);
    }

    long written = PoiBaseline.loadAndWrite(bytes.toByteArray());

    assertThat(written).isGreaterThan(1000);
    assertThat(PoiBaseline.readAll(bytes.toByteArray())).isEqualTo(2);
  }

  @Test
  void annotationsReport_readySample_hasFindingsOnCellsOfTwoSheets() throws IOException {
    FindingsReport report = Annotations.report(Evaluator.standard(), ready(), Workbooks.READY);

    assertThat(report.status()).isEqualTo(ReportStatus.ACTION_REQUIRED);
    assertThat(report.findings().stream().filter(f -> f.location() != null && f.location().cell() != null)
        .map(f -> f.location().sheet()).distinct()).containsExactlyInAnyOrder("Certifications", "Case Studies");
  }

  @Test
  void poiAnnotator_readySampleWithFindings_commentsTheSameCellsAsTheStreamedCopy() throws IOException {
    byte[] ready = ready();
    FindingsReport report = Annotations.report(Evaluator.standard(), ready, Workbooks.READY);

    byte[] poi = PoiAnnotator.annotate(ready, report);
    byte[] streamed = Annotations.unbounded().annotate(ready, report).workbook();

    assertThat(commentedCells(poi)).isNotEmpty().isEqualTo(commentedCells(streamed));
  }

  @Test
  void coldHarness_commandProbe_timesTheWholeProcessAndKeepsItsExit() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    ColdHarness.Result ok = ColdHarness.runCommand(ColdHarness.Probe.command("v", "java -version",
        List.of(java, "-version"), Map.of()));
    ColdHarness.Result failed = ColdHarness.runCommand(ColdHarness.Probe.command("x", "no such class",
        List.of(java, "NoSuchClass"), Map.of()));

    assertThat(ok.ok()).isTrue();
    assertThat(ok.result()).isEqualTo("exit:0");
    assertThat(ok.opMs()).isEqualTo(ok.totalMs()).isPositive();
    assertThat(failed.ok()).isFalse();
    assertThat(failed.error()).startsWith("exit 1");
  }

  /** Sheet!cell of every comment in the workbook. */
  private static java.util.Set<String> commentedCells(byte[] workbook) throws IOException {
    java.util.Set<String> cells = new java.util.TreeSet<>();
    try (XSSFWorkbook wb = new XSSFWorkbook(new java.io.ByteArrayInputStream(workbook))) {
      wb.forEach(sheet -> ((XSSFSheet) sheet).getCellComments().keySet()
          .forEach(address -> cells.add(sheet.getSheetName() + "!" + address)));
    }
    return cells;
  }

  @Test
  void median_evenAndOddCounts_isTheMiddleValue() {
    assertThat(ReportWriter.median(List.of(5.0, 1.0, 3.0))).isEqualTo(3.0);
    assertThat(ReportWriter.median(List.of(4.0, 1.0, 3.0, 2.0))).isEqualTo(2.5);
  }

  private static int rows(byte[] workbook) {
    ParseOutcome.Parsed parsed = (ParseOutcome.Parsed) new WorkbookParser().parse(workbook, "w.xlsx");
    return parsed.stats().rowsRead();
  }
}
