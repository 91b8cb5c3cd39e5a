package dev.intake.parsing;

import com.sun.net.httpserver.HttpServer;
import dev.intake.template.Layout;
import dev.intake.template.Layout.CaseStudyColumn;
import dev.intake.testing.WorkbookBuilder;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import javax.imageio.ImageIO;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.poifs.crypt.EncryptionInfo;
import org.apache.poi.poifs.crypt.EncryptionMode;
import org.apache.poi.poifs.crypt.Encryptor;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFCell;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.openxmlformats.schemas.spreadsheetml.x2006.main.STCellType;

/**
 * Makes the files of {@link HostileCorpus}: each from the READY workbook of {@link WorkbookBuilder}
 * or from nothing, in code, so none is a committed blob. Large files are written as streams, never
 * built with POI's user model.
 */
final class HostileFiles {

  static final LocalDate AS_OF = LocalDate.of(2026, 11, 1);
  static final String SHEET_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
  private static final String REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
  private static final String EXTERNAL_LINK_TYPE = REL_NS + "/externalLink";

  private static byte[] ready;
  private static Map<String, String> parts;

  private HostileFiles() {
  }

  /** The READY workbook every variant starts from. */
  static synchronized byte[] ready() {
    if (ready == null) {
      ready = WorkbookBuilder.ready(AS_OF).build();
    }
    return ready;
  }

  /** The zip part that holds a template sheet of the READY workbook, e.g. "xl/worksheets/sheet2.xml". */
  static synchronized String partOf(String sheet) {
    if (parts == null) {
      parts = new HashMap<>();
      try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(ready()))) {
        wb.forEach(s -> parts.put(s.getSheetName(),
            wb.getSheet(s.getSheetName()).getPackagePart().getPartName().getName().substring(1)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return parts.get(sheet);
  }

  static byte[] build(Consumer<WorkbookBuilder> change) {
    WorkbookBuilder b = WorkbookBuilder.ready(AS_OF);
    change.accept(b);
    return b.build();
  }

  // ---- not a workbook ----------------------------------------------------------------------------

  static byte[] csv() {
    return "Field,Value\nPartner name,Northwind Cloud Consulting Ltd\nPartner tier,Advanced\n"
        .getBytes(StandardCharsets.UTF_8);
  }

  /** A one-page PDF, written by hand: header, catalog, pages, page, cross-reference table. */
  static byte[] pdf() {
    String body = "%PDF-1.4\n"
        + "1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
        + "2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
        + "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >> endobj\n";
    String xref = "xref\n0 4\n0000000000 65535 f \ntrailer << /Size 4 /Root 1 0 R >>\nstartxref\n"
        + body.length() + "\n%%EOF\n";
    return (body + xref).getBytes(StandardCharsets.US_ASCII);
  }

  static byte[] png() {
    BufferedImage image = new BufferedImage(64, 32, BufferedImage.TYPE_INT_RGB);
    image.setRGB(3, 4, 0xFF0000);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static byte[] randomBytes() {
    byte[] noise = new byte[4096];
    new Random(42).nextBytes(noise);
    noise[0] = 0x01;
    return noise;
  }

  static byte[] zipOfText() {
    return Zips.write(Map.of("readme.txt", Zips.Content.of("hello")));
  }

  static byte[] legacyXls() {
    ByteArrayOutputStream xls = new ByteArrayOutputStream();
    try (HSSFWorkbook wb = new HSSFWorkbook()) {
      for (String name : new String[] {"Partner Profile", "Certifications", "Case Studies", "Self-Assessment"}) {
        wb.createSheet(name).createRow(0).createCell(0).setCellValue("Field");
      }
      wb.write(xls);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return xls.toByteArray();
  }

  /** The READY workbook encrypted as Excel's "Encrypt with Password" does (agile encryption in OLE2). */
  static byte[] encrypted() {
    try (POIFSFileSystem fs = new POIFSFileSystem()) {
      Encryptor encryptor = new EncryptionInfo(EncryptionMode.agile).getEncryptor();
      encryptor.confirmPassword("partner-secret");
      try (OutputStream out = encryptor.getDataStream(fs)) {
        out.write(ready());
      }
      ByteArrayOutputStream encrypted = new ByteArrayOutputStream();
      fs.writeFilesystem(encrypted);
      return encrypted.toByteArray();
    } catch (IOException | java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  // ---- damaged, empty, huge ----------------------------------------------------------------------

  static byte[] truncated(int keep) {
    return Arrays.copyOf(ready(), keep);
  }

  static byte[] sixtyMegabytes() {
    return Arrays.copyOf(ready(), 60 << 20);
  }

  // ---- macros ------------------------------------------------------------------------------------

  static String macroContentTypes(boolean withBin) {
    String types = Zips.text(ready(), "[Content_Types].xml")
        .replace("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
            "application/vnd.ms-excel.sheet.macroEnabled.main+xml");
    return withBin ? types.replace("</Types>",
        "<Default Extension=\"bin\" ContentType=\"application/vnd.ms-office.vbaProject\"/></Types>") : types;
  }

  static byte[] macroEnabled() {
    Map<String, Zips.Content> changes = new LinkedHashMap<>();
    changes.put("[Content_Types].xml", Zips.Content.of(macroContentTypes(true)));
    changes.put("xl/vbaProject.bin", Zips.Content.of(new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0}));
    return Zips.with(ready(), changes);
  }

  static byte[] macroContentTypeOnly() {
    return Zips.with(ready(), "[Content_Types].xml", Zips.Content.of(macroContentTypes(false)));
  }

  static byte[] vbaProjectOnly() {
    return Zips.with(ready(), "xl/vbaProject.bin", Zips.Content.of(new byte[] {1, 2, 3}));
  }

  // ---- zip tricks --------------------------------------------------------------------------------

  /** A sheet part of {@code bytes} spaces inside a valid element: it deflates about 1000 to 1. */
  static Zips.Content spaces(long bytes) {
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

  static byte[] zipBomb() {
    return Zips.with(ready(), partOf(Layout.PROFILE), spaces(48L << 20));
  }

  static byte[] zipBombLyingAboutItsSize() {
    return Zips.declareSize(zipBomb(), partOf(Layout.PROFILE), 4096);
  }

  static byte[] partOverTheLimit() {
    return Zips.with(ready(), partOf(Layout.PROFILE), spaces(200L << 20));
  }

  static byte[] manyEntries(int count) {
    Map<String, Zips.Content> extra = new LinkedHashMap<>();
    for (int i = 0; i < count; i++) {
      extra.put("xl/media/image" + i + ".png", Zips.Content.of(new byte[0]));
    }
    return Zips.with(ready(), extra);
  }

  /**
   * The workbook with a second, different {@code xl/workbook.xml}: a zip may list a name twice, and
   * readers disagree on which copy counts, which is how a file shows one thing to a scanner and another
   * to Excel.
   */
  static byte[] duplicateEntry() {
    String part = "xl/workbook.xml";
    String twin = "xl/workbook.xmX";
    String other = Zips.text(ready(), part).replace("Partner Profile", "Decoy Profile");
    return Zips.renameEntry(Zips.with(ready(), twin, Zips.Content.of(other)), twin, part);
  }

  /** Two names that differ only in case: the same part to Excel, whose part names ignore case. */
  static byte[] duplicateEntryByCase() {
    String other = Zips.text(ready(), "xl/workbook.xml").replace("Partner Profile", "Decoy Profile");
    return Zips.with(ready(), "XL/Workbook.xml", Zips.Content.of(other));
  }

  // ---- XML entities ------------------------------------------------------------------------------

  /** The Partner Profile part with a DTD and its entity used as the partner name. */
  static byte[] profileWithDoctype(String doctype, String entityUse) {
    String sheet = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + doctype + "\n"
        + "<worksheet xmlns=\"" + SHEET_NS + "\"><sheetData><row r=\"1\">"
        + "<c r=\"A1\" t=\"inlineStr\"><is><t>Field</t></is></c><c r=\"B1\" t=\"inlineStr\"><is><t>Value</t></is></c>"
        + "</row><row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>Partner name</t></is></c>"
        + "<c r=\"B2\" t=\"inlineStr\"><is><t>" + entityUse + "</t></is></c></row></sheetData></worksheet>";
    return Zips.with(ready(), partOf(Layout.PROFILE), Zips.Content.of(sheet));
  }

  static byte[] billionLaughs() {
    StringBuilder dtd = new StringBuilder("<!DOCTYPE sst [<!ENTITY lol \"lol\">");
    for (int i = 1; i <= 9; i++) {
      dtd.append("<!ENTITY lol").append(i).append(" \"");
      for (int j = 0; j < 10; j++) {
        dtd.append("&lol").append(i == 1 ? "" : String.valueOf(i - 1)).append(';');
      }
      dtd.append("\">");
    }
    dtd.append("]>");
    String strings = Zips.text(ready(), "xl/sharedStrings.xml").replaceFirst("\\?>", "?>" + dtd)
        .replaceFirst("<t>", "<t>&lol9;");
    return Zips.with(ready(), "xl/sharedStrings.xml", Zips.Content.of(strings));
  }

  /** One 100 kB entity used 10,000 times: a gigabyte without nesting (the "quadratic blowup"). */
  static byte[] quadraticBlowup() {
    String big = "a".repeat(100_000);
    String uses = "&big;".repeat(10_000);
    return profileWithDoctype("<!DOCTYPE worksheet [<!ENTITY big \"" + big + "\">]>", uses);
  }

  /** An external entity in any package part, pointing at {@code target}. */
  static byte[] externalEntityIn(String part, String target) {
    String xml = Zips.text(ready(), part).replaceFirst("\\?>",
        "?><!DOCTYPE x [<!ENTITY xxe SYSTEM \"" + target + "\">]>");
    return Zips.with(ready(), part, Zips.Content.of(xml));
  }

  // ---- size --------------------------------------------------------------------------------------

  /**
   * The Certifications sheet with a header and {@code rows} numbered rows, streamed into the zip:
   * about 40 MB of XML for a million rows, never held in memory.
   */
  static byte[] manyRows(int rows, boolean withValues) {
    Zips.Content sheet = out -> {
      Writer w = new Writer(out);
      w.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"" + SHEET_NS + "\"><sheetData>"
          + "<row r=\"1\">" + inline("A1", "Person") + inline("B1", "Certification")
          + inline("C1", "Validation number") + inline("D1", "Expiry date") + "</row>");
      for (int r = 2; r <= rows + 1; r++) {
        if (withValues) {
          w.write("<row r=\"" + r + "\"><c r=\"C" + r + "\"><v>" + r + "</v></c></row>");
        } else {
          w.write("<row r=\"" + r + "\" s=\"1\" customFormat=\"1\" ht=\"" + (12 + r % 7) + "\"/>");
        }
      }
      w.write("</sheetData></worksheet>");
      w.flush();
    };
    return Zips.with(ready(), Map.of(partOf(Layout.CERTIFICATIONS), sheet), 1);
  }

  private static String inline(String ref, String text) {
    return "<c r=\"" + ref + "\" t=\"inlineStr\"><is><t>" + text + "</t></is></c>";
  }

  /** Buffers ASCII text into the zip stream. */
  private static final class Writer {
    private final OutputStream out;
    private final byte[] buffer = new byte[1 << 16];
    private int used;

    Writer(OutputStream out) {
      this.out = out;
    }

    void write(String ascii) throws IOException {
      for (int i = 0; i < ascii.length(); i++) {
        if (used == buffer.length) {
          flush();
        }
        buffer[used++] = (byte) ascii.charAt(i);
      }
    }

    void flush() throws IOException {
      out.write(buffer, 0, used);
      used = 0;
    }
  }

  /**
   * The Case Studies part with one reference past Excel's grid. Read on, a row number at the largest
   * int wraps the next rows' numbers negative, and those case studies vanish without a word.
   */
  static byte[] outsideTheGrid(String original, String replacement) {
    String part = partOf(Layout.CASE_STUDIES);
    String sheet = Zips.text(ready(), part);
    if (!sheet.contains(original)) {
      throw new IllegalStateException(original + " is not in " + part);
    }
    return Zips.with(ready(), part, Zips.Content.of(sheet.replace(original, replacement)));
  }

  static byte[] manyCells(int rows, int columns) {
    Random random = new Random(5);
    Zips.Content sheet = out -> {
      Writer w = new Writer(out);
      w.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"" + SHEET_NS + "\"><sheetData>"
          + "<row r=\"1\">" + inline("A1", "Person") + inline("B1", "Certification")
          + inline("C1", "Validation number") + inline("D1", "Expiry date") + "</row>");
      for (int r = 2; r <= rows + 1; r++) {
        w.write("<row r=\"" + r + "\">");
        for (int c = 0; c < columns; c++) {
          w.write("<c><v>" + random.nextInt(1000) + "</v></c>");
        }
        w.write("</row>");
      }
      w.write("</sheetData></worksheet>");
      w.flush();
    };
    return Zips.with(ready(), Map.of(partOf(Layout.CERTIFICATIONS), sheet), 1);
  }

  static byte[] manySharedStrings(int count) {
    Random random = new Random(6);
    String original = Zips.text(ready(), "xl/sharedStrings.xml");
    int end = original.lastIndexOf("</sst>");
    Zips.Content sst = out -> {
      out.write(original.substring(0, end).getBytes(StandardCharsets.UTF_8));
      Writer w = new Writer(out);
      for (int i = 0; i < count; i++) {
        w.write("<si><t>" + (char) ('a' + random.nextInt(26)) + (char) ('a' + random.nextInt(26)) + "</t></si>");
      }
      w.write("</sst>");
      w.flush();
    };
    return Zips.with(ready(), Map.of("xl/sharedStrings.xml", sst), 1);
  }

  /**
   * A package part of the READY workbook with {@code count} generated entries streamed in before
   * {@code marker} (an end tag): a list a reader keeps, made as long as the part limit allows.
   */
  static byte[] bloated(String part, String marker, IntFunction<String> entry, int count) {
    String original = Zips.text(ready(), part);
    int at = original.indexOf(marker);
    if (at < 0) {
      throw new IllegalStateException(marker + " is not in " + part);
    }
    Zips.Content content = out -> {
      out.write(original.substring(0, at).getBytes(StandardCharsets.UTF_8));
      Writer w = new Writer(out);
      for (int i = 0; i < count; i++) {
        w.write(entry.apply(i));
      }
      w.flush();
      out.write(original.substring(at).getBytes(StandardCharsets.UTF_8));
    };
    return Zips.with(ready(), Map.of(part, content), 1);
  }

  static byte[] manySheets(int total) {
    return build(b -> b.tweak(wb -> {
      for (int i = wb.getNumberOfSheets(); i < total; i++) {
        wb.createSheet("Extra " + i).createRow(0).createCell(0).setCellValue("Notes " + i);
      }
    }));
  }

  /** Text no deflater squeezes much: random letters and spaces. */
  static String randomText(int length, long seed) {
    Random random = new Random(seed);
    StringBuilder sb = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      sb.append(random.nextInt(6) == 0 ? ' ' : (char) ('a' + random.nextInt(26)));
    }
    return sb.toString();
  }

  /** Case study 1's customer challenge replaced, in the shared strings, by {@code length} characters. */
  static byte[] overlongSharedString(int length) {
    String marker = "LONG-CHALLENGE-MARKER";
    byte[] file = build(b -> b.caseStudy(1, c -> c.set(CaseStudyColumn.CUSTOMER_CHALLENGE, marker)));
    String strings = Zips.text(file, "xl/sharedStrings.xml").replace(marker, randomText(length, 7));
    return Zips.with(file, "xl/sharedStrings.xml", Zips.Content.of(strings));
  }

  /**
   * Case study 2's outcome cell rewritten as an inline string of {@code length} characters, the one
   * just past Excel's limit a space (trimming must not hide the cut).
   */
  static byte[] overlongInlineString(int length) {
    String marker = "LONG-OUTCOME-MARKER";
    byte[] file = build(b -> b.caseStudy(2, c -> c.set(CaseStudyColumn.OUTCOME, marker)));
    String strings = Zips.text(file, "xl/sharedStrings.xml");
    int index = sharedStringIndex(strings, marker);
    String part = partOf(Layout.CASE_STUDIES);
    String sheet = Zips.text(file, part).replaceFirst(
        "<c r=\"I3\" t=\"s\"([^>]*)><v>" + index + "</v></c>",
        "<c r=\"I3\" t=\"inlineStr\"$1><is><t>" + randomText(Limits.MAX_CELL_CHARS, 11) + " "
            + randomText(length - Limits.MAX_CELL_CHARS - 1, 13) + "</t></is></c>");
    if (!sheet.contains(randomText(16, 11))) {
      throw new IllegalStateException("the outcome cell I3 was not found in " + part);
    }
    return Zips.with(file, part, Zips.Content.of(sheet));
  }

  private static int sharedStringIndex(String sst, String text) {
    int at = sst.indexOf("<t>" + text + "</t>");
    int index = -1;
    for (int i = sst.indexOf("<si>"); i >= 0 && i < at; i = sst.indexOf("<si>", i + 1)) {
      index++;
    }
    return index;
  }

  // ---- external links ----------------------------------------------------------------------------

  /**
   * A formula {@code [1]Evidence!B2} in DOC-001's evidence, with the externalLink part, its
   * relationship to {@code target} and the workbook's externalReferences, as Excel writes a link to
   * another workbook.
   */
  static byte[] externalReference(String target) {
    byte[] file = build(b -> b.tweak(wb -> {
      wb.setCellFormulaValidation(false);
      for (Row row : wb.getSheet(Layout.SELF_ASSESSMENT)) {
        if ("DOC-001".equals(row.getCell(0).getStringCellValue())) {
          XSSFCell evidence = (XSSFCell) row.getCell(Layout.ControlColumn.EVIDENCE.ordinal());
          evidence.setCellFormula("[1]Evidence!B2");
          evidence.getCTCell().setT(STCellType.STR);
          evidence.getCTCell().setV("Evidence pack §DOC-001");
        }
      }
    }));
    String workbook = Zips.text(file, "xl/workbook.xml").replace("</sheets>",
        "</sheets><externalReferences><externalReference r:id=\"rIdExt1\"/></externalReferences>");
    if (!workbook.contains("xmlns:r=")) {
      workbook = workbook.replaceFirst("<workbook ", "<workbook xmlns:r=\"" + REL_NS + "\" ");
    }
    String rels = Zips.text(file, "xl/_rels/workbook.xml.rels").replace("</Relationships>",
        "<Relationship Id=\"rIdExt1\" Type=\"" + EXTERNAL_LINK_TYPE
            + "\" Target=\"externalLinks/externalLink1.xml\"/></Relationships>");
    String types = Zips.text(file, "[Content_Types].xml").replace("</Types>",
        "<Override PartName=\"/xl/externalLinks/externalLink1.xml\" ContentType=\"application/"
            + "vnd.openxmlformats-officedocument.spreadsheetml.externalLink+xml\"/></Types>");
    String link = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
        + "<externalLink xmlns=\"" + SHEET_NS + "\" xmlns:r=\"" + REL_NS + "\">"
        + "<externalBook r:id=\"rId1\"><sheetNames><sheetName val=\"Evidence\"/></sheetNames>"
        + "<sheetDataSet><sheetData sheetId=\"0\"><row r=\"2\"><cell r=\"B2\" t=\"str\"><v>Evidence pack</v></cell>"
        + "</row></sheetData></sheetDataSet></externalBook></externalLink>";
    String linkRels = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
        + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        + "<Relationship Id=\"rId1\" Type=\"" + REL_NS + "/externalLinkPath\" Target=\"" + target
        + "\" TargetMode=\"External\"/></Relationships>";
    Map<String, Zips.Content> changes = new LinkedHashMap<>();
    changes.put("xl/workbook.xml", Zips.Content.of(workbook));
    changes.put("xl/_rels/workbook.xml.rels", Zips.Content.of(rels));
    changes.put("[Content_Types].xml", Zips.Content.of(types));
    changes.put("xl/externalLinks/externalLink1.xml", Zips.Content.of(link));
    changes.put("xl/externalLinks/_rels/externalLink1.xml.rels", Zips.Content.of(linkRels));
    return Zips.with(file, changes);
  }

  // ---- canaries ----------------------------------------------------------------------------------

  /**
   * An HTTP server on 127.0.0.1 that counts the requests it gets: a file that makes the reader fetch
   * anything (an external entity, a DTD, a linked workbook) shows up here.
   */
  static final class Canary {
    private static HttpServer server;
    private static final AtomicInteger REQUESTS = new AtomicInteger();

    private Canary() {
    }

    static synchronized String address(String path) {
      if (server == null) {
        try {
          server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
          REQUESTS.incrementAndGet();
          byte[] body = "<!ENTITY leak \"CANARY-FETCHED\">".getBytes(StandardCharsets.US_ASCII);
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
        server.start();
      }
      return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    static int requests() {
      return REQUESTS.get();
    }
  }

  /** A local file holding a secret: an entity that read it would put the secret in a finding. */
  static synchronized Path secretFile() {
    try {
      Path file = Files.createTempFile("hostile-secret", ".txt");
      Files.writeString(file, "CANARY-SECRET-7f3a");
      file.toFile().deleteOnExit();
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
