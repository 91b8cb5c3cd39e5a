package dev.intake.parsing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intake.model.Finding;
import dev.intake.model.FindingsReport;
import dev.intake.model.ReportStatus;
import dev.intake.model.Severity;
import dev.intake.report.Evaluator;
import dev.intake.testing.WorkbookBuilder;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.poifs.crypt.EncryptionInfo;
import org.apache.poi.poifs.crypt.EncryptionMode;
import org.apache.poi.poifs.crypt.Encryptor;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile and broken uploads: each is a REJECTED report whose one finding says why, never an
 * exception. The Maven build runs this class alone in a JVM with a 256 MB heap (see functions/pom.xml);
 * the timeout is a hang guard, not a benchmark. Every file is generated here, none is committed.
 */
@Timeout(value = 5, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HostileFilesTest {

  private static final LocalDate AS_OF = LocalDate.of(2026, 11, 1);
  private static final String SHEET_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

  private static byte[] workbook;
  private static String profilePart;
  /** The Partner Profile part replaced by 48 MB of spaces: under the part limit, far over the inflate ratio. */
  private static byte[] bomb;
  /** The same with 200 MB, over the 64 MB part limit. */
  private static byte[] bigBomb;

  /** Files that take a while to make are made here, so the per-test timeout covers only the reading. */
  @BeforeAll
  static void buildFiles() throws IOException {
    workbook = WorkbookBuilder.ready(AS_OF).build();
    try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(workbook))) {
      profilePart = wb.getSheet("Partner Profile").getPackagePart().getPartName().getName().substring(1);
    }
    bomb = Zips.with(workbook, profilePart, spaces(48L << 20));
    bigBomb = Zips.with(workbook, profilePart, spaces(200L << 20));
  }

  private static Finding rejected(byte[] file, String fileName) {
    FindingsReport report = Evaluator.standard().evaluate(file, fileName, AS_OF);

    assertThat(report.status()).isEqualTo(ReportStatus.REJECTED);
    assertThat(report.findings()).hasSize(1);
    Finding reason = report.findings().get(0);
    assertThat(reason.severity()).isEqualTo(Severity.BLOCKER);
    assertThat(reason.location()).isNull();
    assertThat(reason.remediation()).isNotBlank();
    return reason;
  }

  @Test
  void validWorkbook_sameJvmAndLimits_isReady() {
    FindingsReport report = Evaluator.standard().evaluate(workbook, "ready.xlsx", AS_OF);

    assertThat(report.status()).isEqualTo(ReportStatus.READY);
  }

  // ---- zip bombs -------------------------------------------------------------------------------

  /** A sheet part of {@code bytes} spaces inside a valid element: it deflates about 1000 to 1. */
  private static Zips.Content spaces(long bytes) {
    return out -> {
      out.write(("<worksheet xmlns=\"" + SHEET_NS + "\"><sheetData>").getBytes(StandardCharsets.US_ASCII));
      byte[] chunk = new byte[1 << 16];
      Arrays.fill(chunk, (byte) ' ');
      for (long written = 0; written < bytes; written += chunk.length) {
        out.write(chunk);
      }
      out.write("</sheetData></worksheet>".getBytes(StandardCharsets.US_ASCII));
    };
  }

  @Test
  void parse_zipBombWithHighInflateRatio_isRejectedAsZipBomb() {
    Finding reason = rejected(bomb, "bomb.xlsx");

    assertThat(bomb.length).isLessThan(200_000);
    assertThat(reason.ruleId()).isEqualTo("file-zip-bomb");
    assertThat(reason.message()).contains(profilePart).contains("zip bomb");
  }

  @Test
  void parse_zipBombLyingAboutItsSize_isStoppedByTheInflateGuard() {
    byte[] lying = Zips.declareSize(bomb, profilePart, 4096);

    Finding reason = rejected(lying, "bomb.xlsx");

    assertThat(reason.ruleId()).isEqualTo("file-zip-bomb");
  }

  @Test
  void parse_partDeclaringMoreThanThePartLimit_isRejectedBeforeInflating() {
    Finding reason = rejected(bigBomb, "bomb.xlsx");

    assertThat(reason.ruleId()).isEqualTo("file-limits");
    assertThat(reason.message()).contains("larger than 64 MB once unpacked");
  }

  @Test
  void parse_tensOfThousandsOfParts_isRejected() {
    Map<String, Zips.Content> parts = new LinkedHashMap<>();
    for (int i = 0; i < 20_000; i++) {
      parts.put("xl/media/image" + i + ".png", Zips.Content.of(new byte[0]));
    }
    byte[] many = Zips.with(workbook, parts);

    Finding reason = rejected(many, "many.xlsx");

    assertThat(reason.ruleId()).isEqualTo("file-limits");
    assertThat(reason.message()).containsPattern("holds 200\\d\\d parts").contains("the limit is 1000");
  }

  // ---- XML entity attacks ----------------------------------------------------------------------

  @Test
  void parse_xxePayloadInASheetPart_isRejectedWithoutResolvingTheEntity() {
    String sheet = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n"
        + "<worksheet xmlns=\"" + SHEET_NS + "\"><sheetData><row r=\"1\">"
        + "<c r=\"A1\" t=\"inlineStr\"><is><t>Field</t></is></c><c r=\"B1\" t=\"inlineStr\"><is><t>Value</t></is></c>"
        + "</row><row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>Partner name</t></is></c>"
        + "<c r=\"B2\" t=\"inlineStr\"><is><t>&xxe;</t></is></c></row></sheetData></worksheet>";

    Finding reason = rejected(Zips.with(workbook, profilePart, Zips.Content.of(sheet)), "xxe.xlsx");

    assertThat(reason.ruleId()).isEqualTo("file-dtd");
    assertThat(reason.message()).contains(profilePart).contains("XXE").doesNotContain("root:");
  }

  @Test
  void parse_billionLaughsInSharedStrings_isRejected() {
    StringBuilder dtd = new StringBuilder("<!DOCTYPE sst [<!ENTITY lol \"lol\">");
    for (int i = 1; i <= 9; i++) {
      dtd.append("<!ENTITY lol").append(i).append(" \"");
      for (int j = 0; j < 10; j++) {
        dtd.append("&lol").append(i == 1 ? "" : String.valueOf(i - 1)).append(';');
      }
      dtd.append("\">");
    }
    dtd.append("]>");
    String strings = Zips.text(workbook, "xl/sharedStrings.xml").replaceFirst("\\?>", "?>" + dtd)
        .replaceFirst("<t>", "<t>&lol9;");

    Finding reason = rejected(Zips.with(workbook, "xl/sharedStrings.xml", Zips.Content.of(strings)), "lol.xlsx");

    assertThat(reason.ruleId()).isEqualTo("file-dtd");
    assertThat(reason.message()).contains("xl/sharedStrings.xml");
  }

  @ParameterizedTest
  @ValueSource(strings = {"[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
      "xl/styles.xml"})
  void parse_externalEntityInAnyPackagePart_isRejected(String part) {
    String xml = Zips.text(workbook, part).replaceFirst("\\?>",
        "?><!DOCTYPE x [<!ENTITY xxe SYSTEM \"http://169.254.169.254/latest/meta-data/\">]>");

    Finding reason = rejected(Zips.with(workbook, part, Zips.Content.of(xml)), "xxe.xlsx");

    assertThat(reason.ruleId()).isEqualTo("file-dtd");
    assertThat(reason.message()).contains(part);
  }

  // ---- not a plain .xlsx -----------------------------------------------------------------------

  @Test
  void parse_encryptedWorkbook_isRejectedAsPasswordProtected() throws Exception {
    POIFSFileSystem fs = new POIFSFileSystem();
    Encryptor encryptor = new EncryptionInfo(EncryptionMode.agile).getEncryptor();
    encryptor.confirmPassword("partner-secret");
    try (OutputStream out = encryptor.getDataStream(fs)) {
      out.write(workbook);
    }
    ByteArrayOutputStream encrypted = new ByteArrayOutputStream();
    fs.writeFilesystem(encrypted);
    fs.close();

    Finding reason = rejected(encrypted.toByteArray(), "secret.xlsx");

    assertThat(reason.ruleId()).isEqualTo("file-encrypted");
    assertThat(reason.message()).contains("password");
  }

  @Test
  void parse_macroEnabledWorkbook_isRejected() {
    String types = Zips.text(workbook, "[Content_Types].xml")
        .replace("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
            "application/vnd.ms-excel.sheet.macroEnabled.main+xml")
        .replace("</Types>", "<Default Extension=\"bin\" ContentType=\"application/vnd.ms-office.vbaProject\"/>"
            + "</Types>");
    Map<String, Zips.Content> changes = new LinkedHashMap<>();
    changes.put("[Content_Types].xml", Zips.Content.of(types));
    changes.put("xl/vbaProject.bin", Zips.Content.of(new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0}));

    Finding reason = rejected(Zips.with(workbook, changes), "macros.xlsm");

    assertThat(reason.ruleId()).isEqualTo("file-macro");
    assertThat(reason.message()).contains("macro-enabled");
  }

  @Test
  void parse_macroEnabledContentTypeAlone_isRejected() {
    String types = Zips.text(workbook, "[Content_Types].xml")
        .replace("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
            "application/vnd.ms-excel.sheet.macroEnabled.main+xml");

    Finding reason = rejected(Zips.with(workbook, "[Content_Types].xml", Zips.Content.of(types)), "renamed.xlsx");

    assertThat(reason.ruleId()).isEqualTo("file-macro");
  }

  @Test
  void parse_vbaProjectPartAlone_isRejected() {
    byte[] file = Zips.with(workbook, "xl/vbaProject.bin", Zips.Content.of(new byte[] {1, 2, 3}));

    Finding reason = rejected(file, "renamed.xlsx");

    assertThat(reason.ruleId()).isEqualTo("file-macro");
  }

  @Test
  void parse_legacyXlsWorkbook_isRejectedAsXls() throws IOException {
    ByteArrayOutputStream xls = new ByteArrayOutputStream();
    try (HSSFWorkbook wb = new HSSFWorkbook()) {
      for (String name : new String[] {"Partner Profile", "Certifications", "Case Studies", "Self-Assessment"}) {
        wb.createSheet(name).createRow(0).createCell(0).setCellValue("Field");
      }
      wb.write(xls);
    }

    Finding reason = rejected(xls.toByteArray(), "assessment.xlsx");

    assertThat(reason.ruleId()).isEqualTo("file-legacy-xls");
    assertThat(reason.message()).contains(".xls");
  }

  @Test
  void parse_csvRenamedXlsx_isRejectedAsText() {
    byte[] csv = ("Field,Value\nPartner name,Northwind Cloud Consulting Ltd\nPartner tier,Advanced\n")
        .getBytes(StandardCharsets.UTF_8);

    Finding reason = rejected(csv, "assessment.xlsx");

    assertThat(reason.ruleId()).isEqualTo("file-type");
    assertThat(reason.message()).contains("plain text (such as CSV)");
  }

  @Test
  void parse_zipThatIsNotAnOfficeDocument_isRejected() {
    byte[] zip = Zips.write(Map.of("readme.txt", Zips.Content.of("hello")));

    Finding reason = rejected(zip, "assessment.xlsx");

    assertThat(reason.ruleId()).isEqualTo("file-type");
    assertThat(reason.message()).contains("not an Office document");
  }

  @Test
  void parse_randomBytes_isRejected() {
    byte[] noise = new byte[4096];
    new java.util.Random(42).nextBytes(noise);
    noise[0] = 0x01;

    Finding reason = rejected(noise, "assessment.xlsx");

    assertThat(reason.ruleId()).isEqualTo("file-type");
  }

  // ---- damaged, empty, huge --------------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(strings = {"first 100 bytes", "first half", "all but the end-of-directory record"})
  void parse_truncatedZip_isRejectedAsDamaged(String kept) {
    int keep = switch (kept) {
      case "first 100 bytes" -> 100;
      case "first half" -> workbook.length / 2;
      default -> workbook.length - 22;
    };
    byte[] truncated = Arrays.copyOf(workbook, keep);

    Finding reason = rejected(truncated, "truncated.xlsx");

    assertThat(reason.ruleId()).isEqualTo("file-corrupt");
    assertThat(reason.message()).contains("truncated or damaged");
  }

  @Test
  void parse_emptyFile_isRejectedAsEmpty() {
    Finding reason = rejected(new byte[0], "empty.xlsx");

    assertThat(reason.ruleId()).isEqualTo("file-empty");
    assertThat(reason.message()).contains("0 bytes");
  }

  @Test
  void parse_sixtyMegabyteFile_isRejectedAsTooLarge() {
    byte[] huge = Arrays.copyOf(workbook, 60 << 20);

    Finding reason = rejected(huge, "huge.xlsx");

    assertThat(reason.ruleId()).isEqualTo("file-too-large");
    assertThat(reason.message()).contains("60.0 MB").contains("20 MB");
  }

  @Test
  void parse_sixtyMegabyteStream_readsNoMoreThanTheLimit() throws IOException {
    CountingStream stream = new CountingStream(workbook, 60L << 20);

    ParseOutcome outcome = new WorkbookParser().parse(stream, "huge.xlsx");

    assertThat(outcome).isInstanceOf(ParseOutcome.Rejected.class);
    assertThat(((ParseOutcome.Rejected) outcome).reasons().get(0).ruleId()).isEqualTo("file-too-large");
    assertThat(stream.served).isLessThanOrEqualTo(Limits.DEFAULT.maxFileBytes() + 1);
  }

  /** A stream of {@code length} bytes that starts with {@code head} and is zeros after it, made on demand. */
  private static final class CountingStream extends InputStream {
    private final byte[] head;
    private final long length;
    private long served;

    CountingStream(byte[] head, long length) {
      this.head = head;
      this.length = length;
    }

    @Override public int read() {
      if (served >= length) {
        return -1;
      }
      return served < head.length ? head[(int) served++] & 0xff : zero();
    }

    private int zero() {
      served++;
      return 0;
    }

    @Override public int read(byte[] b, int off, int len) {
      if (served >= length) {
        return -1;
      }
      int n = (int) Math.min(len, length - served);
      for (int i = 0; i < n; i++) {
        b[off + i] = served + i < head.length ? head[(int) (served + i)] : 0;
      }
      served += n;
      return n;
    }
  }
}
