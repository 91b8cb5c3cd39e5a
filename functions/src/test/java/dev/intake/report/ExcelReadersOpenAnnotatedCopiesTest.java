package dev.intake.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intake.model.A1;
import dev.intake.model.Finding;
import dev.intake.model.FindingsReport;
import dev.intake.model.ReportStatus;
import dev.intake.model.Text;
import dev.intake.testing.ReviewLoopWorkbooks;
import dev.intake.testing.SampleWorkbooks;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.apache.poi.ss.util.CellAddress;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Excel-family readers open every annotated copy: POI's user model and LibreOffice Calc (headless).
 * The copies are of every committed sample workbook ({@code test-events/workbooks}, the review loop's
 * pair included, its correction annotated with what changed since the first), of the same samples as
 * LibreOffice writes them (another writer's package: its own styles, views and namespaces), and of an
 * annotated copy annotated again (the comments and drawing parts rewritten rather than new).
 * LibreOffice must read, for each: every partner sheet exactly as it reads the original's, the
 * Findings sheet with every finding, its checklist quote and its "Changes" line, and a comment
 * holding each finding on a cell.
 *
 * <p>Needs {@code soffice} on the PATH (or in {@code SOFFICE}); without it the test is skipped, unless
 * {@code INTAKE_REQUIRE_SOFFICE} is set, as {@code .ci/run} sets it after installing LibreOffice.
 */
class ExcelReadersOpenAnnotatedCopiesTest {

  private static final String CSV_EVERY_SHEET = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,"
      + "false,false,-1";
  private static final long SOFFICE_TIMEOUT_SECONDS = 300;

  private static String soffice;

  @TempDir
  Path dir;

  @BeforeAll
  static void findLibreOffice() {
    soffice = locate();
    if (soffice == null && System.getenv("INTAKE_REQUIRE_SOFFICE") != null) {
      throw new IllegalStateException("INTAKE_REQUIRE_SOFFICE is set but soffice was not found on the PATH");
    }
    Assumptions.assumeTrue(soffice != null, "LibreOffice (soffice) is not installed; .ci/run installs it");
  }

  /** One workbook given back, with the original it was made from, the report and the changes it shows. */
  private record Copy(String name, byte[] original, byte[] annotated, FindingsReport report, Comparison changes,
      boolean annotatedCopy) {
  }

  /** A committed sample: a name LibreOffice can use in its output files, and its bytes. */
  private record Sample(String name, byte[] bytes) {
  }

  @Test
  void annotatedCopies_ofEverySampleAndOfLibreOfficesOwnSaves_openInPoiAndLibreOfficeWithEveryFinding()
      throws Exception {
    Path originals = Files.createDirectories(dir.resolve("originals"));
    Path loWritten = Files.createDirectories(dir.resolve("lo-written"));
    List<Sample> samples = committedSamples();
    List<Path> readable = new ArrayList<>();
    for (Sample s : samples) {
      Path file = originals.resolve(s.name() + ".xlsx");
      Files.write(file, s.bytes());
      if (evaluate(s.name(), s.bytes()).status() != ReportStatus.REJECTED) {
        readable.add(file);
      }
    }
    convert(loWritten, "xlsx", readable);

    byte[] firstOfThread = Files.readAllBytes(ReviewLoopWorkbooks.folder().resolve(ReviewLoopWorkbooks.FIRST));
    Comparison sinceFirst = Comparison.of("sub-first", SampleWorkbooks.AS_OF.minusDays(7),
        evaluate("first", firstOfThread).findings(), evaluate("corrected", Files.readAllBytes(
            ReviewLoopWorkbooks.folder().resolve(ReviewLoopWorkbooks.CORRECTED))).findings());
    List<Copy> copies = new ArrayList<>();
    for (Sample s : samples) {
      Comparison changes = s.name().equals(name(ReviewLoopWorkbooks.FOLDER + "/" + ReviewLoopWorkbooks.CORRECTED))
          ? sinceFirst : null;
      copies.add(copy(s.name(), s.bytes(), changes));
      Path lo = loWritten.resolve(s.name() + ".xlsx");
      if (Files.exists(lo)) {
        copies.add(copy("lo-" + s.name(), Files.readAllBytes(lo), changes));
      }
    }
    assertThat(copies).filteredOn(c -> c.changes() != null).hasSize(2);
    Copy once = copies.stream().filter(c -> c.name().equals("tier-and-path")).findFirst().orElseThrow();
    copies.add(copy("again-tier-and-path", once.annotated(), null));

    Path given = Files.createDirectories(dir.resolve("given"));
    Path kept = Files.createDirectories(dir.resolve("kept"));
    Map<String, List<String>> sheetNames = new LinkedHashMap<>();
    for (Copy c : copies) {
      Files.write(given.resolve(c.name() + ".xlsx"), c.annotated());
      Files.write(kept.resolve(c.name() + ".xlsx"), c.original());
      try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(c.annotated()))) {
        assertThat(wb.getSheetAt(0).getSheetName()).as(c.name()).startsWith("Findings");
        assertThat(wb.getActiveSheetIndex()).as(c.name()).isZero();
        List<String> names = new ArrayList<>();
        wb.forEach(sheet -> names.add(sheet.getSheetName()));
        sheetNames.put(c.name(), names);
        for (Finding f : c.annotatedCopy() ? c.report().findings() : List.<Finding>of()) {
          if (f.location() != null && f.location().cell() != null) {
            XSSFSheet sheet = wb.getSheet(f.location().sheet());
            int row = A1.row(f.location().cell()) - 1;
            int column = A1.column(f.location().cell());
            assertThat(sheet.getCellComment(new CellAddress(row, column))).as(c.name() + " " + f.location())
                .isNotNull();
            assertThat(sheet.getVMLDrawing(false).findCommentShape(row, column)).as(c.name() + " " + f.location())
                .isNotNull();
          }
        }
      }
    }
    Path csv = Files.createDirectories(dir.resolve("csv"));
    Path keptCsv = Files.createDirectories(dir.resolve("kept-csv"));
    Path flat = Files.createDirectories(dir.resolve("fods"));
    convert(csv, CSV_EVERY_SHEET, list(given));
    convert(keptCsv, CSV_EVERY_SHEET, copies.stream().filter(Copy::annotatedCopy)
        .map(c -> kept.resolve(c.name() + ".xlsx")).toList());
    convert(flat, "fods", list(given));

    assertThat(copies).hasSizeGreaterThan(samples.size());
    for (Copy c : copies) {
      List<String> names = sheetNames.get(c.name());
      String table = read(csv, c.name(), names.get(0));
      FindingQuotes quotes = FindingQuotes.of(c.report());
      for (Finding f : c.report().findings()) {
        assertThat(table).as(c.name() + " Findings sheet").contains(f.ruleId());
        // As a CSV field: a double quote in the text is doubled.
        assertThat(table).as(c.name() + " quote for " + f.ruleId())
            .contains(WorkbookAnnotator.cellText(quotes.display(f)).replace("\"", "\"\""));
      }
      assertThat(table).as(c.name() + " Changes line").contains(FindingsSheet.changesLine(c.changes()));
      if (!c.annotatedCopy()) {
        continue;
      }
      // Every partner sheet reads as LibreOffice reads it in the original.
      for (String sheet : names.subList(1, names.size())) {
        assertThat(read(csv, c.name(), sheet)).as(c.name() + " " + sheet).isEqualTo(read(keptCsv, c.name(), sheet));
      }
      List<String> comments = annotations(flat.resolve(c.name() + ".fods"));
      for (Finding f : c.report().findings()) {
        if (f.location() != null && f.location().cell() != null) {
          assertThat(comments).as(c.name() + " comment for " + f.ruleId())
              .anyMatch(t -> t.contains(Text.visible(f.message())));
        }
      }
    }
  }

  private static Copy copy(String name, byte[] original, Comparison changes) {
    FindingsReport report = evaluate(name, original);
    WorkbookAnnotator.Annotation a = new WorkbookAnnotator().annotate(original, report, changes);
    return new Copy(name, original, a.workbook(), report, changes, a.annotatedCopy());
  }

  private static FindingsReport evaluate(String name, byte[] workbook) {
    return Evaluator.standard().evaluate(workbook, name + ".xlsx", SampleWorkbooks.AS_OF);
  }

  /** Every .xlsx under test-events/workbooks, in its folders too, as committed. */
  private static List<Sample> committedSamples() throws IOException {
    Path root = SampleWorkbooks.folder();
    List<Sample> out = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".xlsx")).sorted().toList()) {
        String inRepo = SampleWorkbooks.FOLDER + "/" + root.relativize(f).toString().replace(File.separatorChar, '/');
        out.add(new Sample(name(inRepo), Files.readAllBytes(f)));
      }
    }
    assertThat(out).extracting(Sample::name).contains("tier-and-path", "review-loop-self-assessment");
    assertThat(out).hasSizeGreaterThanOrEqualTo(SampleWorkbooks.all().size() + 2);
    return out;
  }

  /** {@code test-events/workbooks/review-loop/x (fixed).xlsx} → {@code review-loop-x-fixed}. */
  private static String name(String repoPath) {
    String inFolder = repoPath.substring(SampleWorkbooks.FOLDER.length() + 1).replaceFirst("\\.xlsx$", "");
    return inFolder.replaceAll("[^A-Za-z0-9]+", "-").replaceAll("-$", "");
  }

  /** What LibreOffice wrote for one sheet of one workbook. */
  private static String read(Path csv, String workbook, String sheet) throws IOException {
    Path file = csv.resolve(workbook + "-" + sheet + ".csv");
    assertThat(file).as("LibreOffice's CSV of " + workbook + " / " + sheet).exists();
    return Files.readString(file, StandardCharsets.UTF_8);
  }

  /** The text of every comment (office:annotation) LibreOffice read, from its flat ODF save. */
  private static List<String> annotations(Path fods) throws IOException, XMLStreamException {
    List<String> out = new ArrayList<>();
    XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    try (InputStream in = Files.newInputStream(fods)) {
      XMLStreamReader r = factory.createXMLStreamReader(in);
      StringBuilder text = null;
      while (r.hasNext()) {
        int ev = r.next();
        if (ev == XMLStreamConstants.START_ELEMENT && r.getLocalName().equals("annotation")) {
          text = new StringBuilder();
        } else if (ev == XMLStreamConstants.START_ELEMENT && text != null && r.getLocalName().equals("p")) {
          text.append('\n');
        } else if (ev == XMLStreamConstants.CHARACTERS && text != null) {
          text.append(r.getText());
        } else if (ev == XMLStreamConstants.END_ELEMENT && r.getLocalName().equals("annotation") && text != null) {
          out.add(text.toString());
          text = null;
        }
      }
    }
    return out;
  }

  private static List<Path> list(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.sorted().toList();
    }
  }

  /** Runs LibreOffice once over all {@code files}; its own profile folder, so runs elsewhere do not collide. */
  private void convert(Path out, String filter, List<Path> files) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(soffice,
        "-env:UserInstallation=" + dir.resolve("lo-profile").toUri(), "--headless", "--norestore",
        "--convert-to", filter, "--outdir", out.toString()));
    files.forEach(f -> command.add(f.toString()));
    Process p = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(dir.resolve("soffice.log").toFile()).start();
    if (!p.waitFor(SOFFICE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("soffice did not finish in " + SOFFICE_TIMEOUT_SECONDS + " s");
    }
    assertThat(p.exitValue()).as(Files.readString(dir.resolve("soffice.log"))).isZero();
  }

  private static String locate() {
    String configured = System.getenv("SOFFICE");
    if (configured != null && new File(configured).canExecute()) {
      return configured;
    }
    for (String folder : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      File candidate = new File(folder, "soffice");
      if (candidate.canExecute()) {
        return candidate.getPath();
      }
    }
    return null;
  }
}
