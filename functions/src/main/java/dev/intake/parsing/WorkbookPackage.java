package dev.intake.parsing;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The parts of an .xlsx the reader needs: content types, the workbook part and its sheet list,
 * shared strings and the styles that say which numbers are dates. Sheets are streamed on demand.
 *
 * <p>This is the streaming equivalent of POI's {@code XSSFReader}: plain StAX over the zip parts,
 * without the XMLBeans object model, so a verdict costs little more than unzipping the file.
 */
final class WorkbookPackage {

  static final String MACRO_MAIN = "application/vnd.ms-excel.sheet.macroenabled.main+xml";
  static final String MACRO_TEMPLATE = "application/vnd.ms-excel.template.macroenabled.main+xml";
  static final String XLSB_MAIN = "application/vnd.ms-excel.sheet.binary.macroenabled.main";
  static final String XLSX_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml";
  static final String XLTX_MAIN =
      "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml";

  /** A sheet as the workbook part lists it. */
  record SheetEntry(String name, String part, boolean hidden, boolean worksheet) {
  }

  private final ZipPackage zip;
  private final Limits limits;
  private final String mainPart;
  private final List<SheetEntry> sheets;
  private final boolean externalLinks;
  private final boolean date1904;
  private String[] sharedStrings;
  private boolean[] dateStyles;

  private WorkbookPackage(ZipPackage zip, Limits limits, String mainPart, List<SheetEntry> sheets,
      boolean externalLinks, boolean date1904) {
    this.zip = zip;
    this.limits = limits;
    this.mainPart = mainPart;
    this.sheets = sheets;
    this.externalLinks = externalLinks;
    this.date1904 = date1904;
  }

  static WorkbookPackage open(ZipPackage zip, Limits limits) throws IOException {
    Map<String, String> overrides = contentTypes(zip);
    String mainPart = mainPart(zip);
    String mainType = overrides.getOrDefault(mainPart.toLowerCase(Locale.ROOT), "");
    checkType(zip, overrides, mainType);

    WorkbookXml wb = workbookXml(zip, mainPart, limits.maxSheets());
    if (wb.sheetCount > limits.maxSheets()) {
      throw new RejectedFileException("file-limits",
          "The workbook has " + wb.sheetCount + " sheets; the template has five, and a self-assessment is"
              + " accepted with at most " + limits.maxSheets() + ".",
          "Delete the sheets that are not part of the self-assessment, or copy your answers into the blank"
              + " template.");
    }
    Map<String, Rel> rels = rels(zip, relsPathOf(mainPart));
    List<SheetEntry> sheets = new ArrayList<>();
    for (WorkbookXml.Sheet s : wb.sheets) {
      Rel rel = rels.get(s.relId);
      if (rel == null) {
        continue;
      }
      String part = resolve(mainPart, rel.target);
      sheets.add(new SheetEntry(s.name, part, s.hidden, rel.type.endsWith("/worksheet")));
    }
    return new WorkbookPackage(zip, limits, mainPart, List.copyOf(sheets), wb.externalLinks, wb.date1904);
  }

  List<SheetEntry> sheets() {
    return sheets;
  }

  /** The workbook part, as the package relationships name it (normally xl/workbook.xml). */
  String mainPart() {
    return mainPart;
  }

  boolean hasExternalLinks() {
    return externalLinks;
  }

  boolean date1904() {
    return date1904;
  }

  InputStream openPart(String part) throws IOException {
    return zip.open(part);
  }

  // ---- content types and package relationships ------------------------------------------------

  private static Map<String, String> contentTypes(ZipPackage zip) throws IOException {
    Map<String, String> overrides = new HashMap<>();
    try (InputStream in = zip.open("[Content_Types].xml")) {
      if (in == null) {
        throw new RejectedFileException("file-type",
            "The file is a zip archive but not an Office document (it has no [Content_Types].xml part).",
            "Upload the self-assessment as an Excel workbook (.xlsx).");
      }
      XMLStreamReader r = Xml.reader(in, "[Content_Types].xml");
      try {
        while (r.hasNext()) {
          if (r.next() == XMLStreamConstants.START_ELEMENT && r.getLocalName().equals("Override")) {
            String part = attr(r, "PartName");
            String type = attr(r, "ContentType");
            if (part != null && type != null) {
              String key = part.startsWith("/") ? part.substring(1) : part;
              overrides.put(key.toLowerCase(Locale.ROOT), type.toLowerCase(Locale.ROOT));
            }
          }
        }
      } catch (XMLStreamException e) {
        throw Xml.malformed("[Content_Types].xml", e);
      }
    }
    return overrides;
  }

  private static String mainPart(ZipPackage zip) throws IOException {
    Map<String, Rel> rels = rels(zip, "_rels/.rels");
    for (Rel rel : rels.values()) {
      if (rel.type.endsWith("/officeDocument")) {
        return resolve("", rel.target);
      }
    }
    if (zip.has("xl/workbook.xml")) {
      return "xl/workbook.xml";
    }
    throw new RejectedFileException("file-type",
        "The file is an Office zip package but holds no workbook (no office document part).",
        "Upload the self-assessment as an Excel workbook (.xlsx).");
  }

  private static void checkType(ZipPackage zip, Map<String, String> overrides, String mainType) {
    boolean vba = zip.names().stream().anyMatch(n -> n.toLowerCase(Locale.ROOT).endsWith("vbaproject.bin"))
        || overrides.values().stream().anyMatch(t -> t.contains("vbaproject"));
    if (vba || mainType.equals(MACRO_MAIN) || mainType.equals(MACRO_TEMPLATE)) {
      throw new RejectedFileException("file-macro",
          "The workbook is macro-enabled (.xlsm). Macros are never run here, and macro-enabled files are not"
              + " accepted.",
          "In Excel choose File > Save As > Excel Workbook (*.xlsx), which drops the macros, and upload that"
              + " file.");
    }
    if (mainType.equals(XLSB_MAIN)) {
      throw new RejectedFileException("file-type",
          "The workbook is in Excel's binary format (.xlsb), which is not accepted.",
          "In Excel choose File > Save As > Excel Workbook (*.xlsx) and upload that file.");
    }
    if (mainType.contains("wordprocessingml")) {
      throw new RejectedFileException("file-type", "The file is a Word document, not an Excel workbook.",
          "Upload the self-assessment workbook (.xlsx) made from the template.");
    }
    if (mainType.contains("presentationml")) {
      throw new RejectedFileException("file-type", "The file is a PowerPoint presentation, not an Excel workbook.",
          "Upload the self-assessment workbook (.xlsx) made from the template.");
    }
    if (!mainType.isEmpty() && !mainType.equals(XLSX_MAIN) && !mainType.equals(XLTX_MAIN)) {
      throw new RejectedFileException("file-type",
          "The file is an Office document of type '" + mainType + "', not an Excel workbook.",
          "Upload the self-assessment workbook (.xlsx) made from the template.");
    }
  }

  // ---- workbook part ---------------------------------------------------------------------------

  private static final class WorkbookXml {
    record Sheet(String name, String relId, boolean hidden) {
    }

    final List<Sheet> sheets = new ArrayList<>();
    /** Every sheet the part lists; only the first few are kept in {@link #sheets}. */
    int sheetCount;
    boolean externalLinks;
    boolean date1904;
  }

  private static WorkbookXml workbookXml(ZipPackage zip, String part, int maxSheets) throws IOException {
    WorkbookXml wb = new WorkbookXml();
    try (InputStream in = zip.open(part)) {
      if (in == null) {
        throw new RejectedFileException("file-corrupt",
            "The workbook part '" + part + "' is missing from the file, so it is damaged.",
            "Open the workbook in Excel, save it again as .xlsx, and upload the new file.");
      }
      XMLStreamReader r = Xml.reader(in, part);
      try {
        while (r.hasNext()) {
          if (r.next() != XMLStreamConstants.START_ELEMENT) {
            continue;
          }
          switch (r.getLocalName()) {
            case "sheet" -> {
              // Counted, not kept, past the limit: a million <sheet> entries fit in one part.
              if (++wb.sheetCount <= maxSheets) {
                String state = attr(r, "state");
                wb.sheets.add(new WorkbookXml.Sheet(nonNull(attr(r, "name")), nonNull(Xml.relationshipId(r)),
                    state != null && !state.equals("visible")));
              }
            }
            case "externalReference" -> wb.externalLinks = true;
            case "workbookPr" -> wb.date1904 = truthy(attr(r, "date1904"));
            default -> {
              // other workbook settings do not affect reading
            }
          }
        }
      } catch (XMLStreamException e) {
        throw Xml.malformed(part, e);
      }
    }
    if (wb.sheets.isEmpty()) {
      throw new RejectedFileException("file-corrupt", "The workbook lists no sheets.",
          "Fill in the blank template and upload it.");
    }
    return wb;
  }

  // ---- relationships ---------------------------------------------------------------------------

  private record Rel(String type, String target) {
  }

  private static Map<String, Rel> rels(ZipPackage zip, String part) throws IOException {
    Map<String, Rel> out = new HashMap<>();
    try (InputStream in = zip.open(part)) {
      if (in == null) {
        return out;
      }
      XMLStreamReader r = Xml.reader(in, part);
      try {
        while (r.hasNext()) {
          if (r.next() == XMLStreamConstants.START_ELEMENT && r.getLocalName().equals("Relationship")) {
            String mode = attr(r, "TargetMode");
            if ("External".equalsIgnoreCase(mode)) {
              continue;
            }
            out.put(nonNull(attr(r, "Id")), new Rel(nonNull(attr(r, "Type")), nonNull(attr(r, "Target"))));
          }
        }
      } catch (XMLStreamException e) {
        throw Xml.malformed(part, e);
      }
    }
    return out;
  }

  /** The external targets (web addresses) of a part's relationships, by relationship id. */
  Map<String, String> externalTargets(String part) throws IOException {
    Map<String, String> out = new HashMap<>();
    String relsPart = relsPathOf(part);
    try (InputStream in = zip.open(relsPart)) {
      if (in == null) {
        return out;
      }
      XMLStreamReader r = Xml.reader(in, relsPart);
      try {
        while (r.hasNext()) {
          if (r.next() == XMLStreamConstants.START_ELEMENT && r.getLocalName().equals("Relationship")
              && "External".equalsIgnoreCase(attr(r, "TargetMode")) && out.size() < 1000) {
            out.put(nonNull(attr(r, "Id")), nonNull(attr(r, "Target")));
          }
        }
      } catch (XMLStreamException e) {
        throw Xml.malformed(relsPart, e);
      }
    }
    return out;
  }

  static String relsPathOf(String part) {
    int slash = part.lastIndexOf('/');
    String dir = slash < 0 ? "" : part.substring(0, slash + 1);
    return dir + "_rels/" + part.substring(slash + 1) + ".rels";
  }

  /** Resolves a relationship target against the part that owns the relationship. */
  static String resolve(String sourcePart, String target) {
    if (target.startsWith("/")) {
      return target.substring(1);
    }
    int slash = sourcePart.lastIndexOf('/');
    List<String> segments = new ArrayList<>();
    if (slash >= 0) {
      segments.addAll(List.of(sourcePart.substring(0, slash).split("/")));
    }
    for (String seg : target.split("/")) {
      if (seg.equals("..")) {
        if (!segments.isEmpty()) {
          segments.remove(segments.size() - 1);
        }
      } else if (!seg.isEmpty() && !seg.equals(".")) {
        segments.add(seg);
      }
    }
    return String.join("/", segments);
  }

  // ---- shared strings and styles ---------------------------------------------------------------

  String[] sharedStrings() throws IOException {
    if (sharedStrings == null) {
      sharedStrings = readSharedStrings();
    }
    return sharedStrings;
  }

  private String[] readSharedStrings() throws IOException {
    String part = findPart("sharedStrings.xml");
    List<String> out = new ArrayList<>();
    if (part == null) {
      return new String[0];
    }
    long chars = 0;
    try (InputStream in = zip.open(part)) {
      XMLStreamReader r = Xml.reader(in, part);
      StringBuilder current = null;
      int phonetic = 0;
      try {
        while (r.hasNext()) {
          int ev = r.next();
          if (ev == XMLStreamConstants.START_ELEMENT) {
            switch (r.getLocalName()) {
              case "si" -> {
                // Each entry costs tens of bytes however short: the character budget alone does not bound them.
                if (out.size() >= limits.maxSharedStrings()) {
                  throw new RejectedFileException("file-limits",
                      "The workbook holds more than " + limits.maxSharedStrings() + " different texts; a"
                          + " self-assessment holds a few thousand.",
                      "Remove unused rows and sheets, or start again from the blank template.");
                }
                current = new StringBuilder();
              }
              case "rPh" -> phonetic++;
              case "t" -> {
                if (current != null && phonetic == 0) {
                  String t = Xml.elementText(r, Limits.MAX_CELL_CHARS + 1);
                  if (current.length() < Limits.MAX_CELL_CHARS + 1) {
                    current.append(t);
                  }
                  chars += t.length();
                  if (chars > limits.maxSharedStringChars()) {
                    throw new RejectedFileException("file-limits",
                        "The workbook holds more than " + limits.maxSharedStringChars() + " characters of text;"
                            + " a self-assessment is far smaller.",
                        "Remove unused rows and sheets, or start again from the blank template.");
                  }
                }
              }
              default -> {
                // formatting runs and properties carry no text of their own
              }
            }
          } else if (ev == XMLStreamConstants.END_ELEMENT) {
            if (r.getLocalName().equals("rPh")) {
              phonetic--;
            } else if (r.getLocalName().equals("si") && current != null) {
              out.add(current.toString());
              current = null;
            }
          }
        }
      } catch (XMLStreamException e) {
        throw Xml.malformed(part, e);
      }
    }
    return out.toArray(new String[0]);
  }

  /** Whether the cell style at {@code index} (the "s" attribute) shows numbers as dates. */
  boolean isDateStyle(int index) throws IOException {
    if (dateStyles == null) {
      dateStyles = readDateStyles();
    }
    return index >= 0 && index < dateStyles.length && dateStyles[index];
  }

  private boolean[] readDateStyles() throws IOException {
    String part = findPart("styles.xml");
    if (part == null) {
      return new boolean[0];
    }
    Map<Integer, String> customFormats = new HashMap<>();
    List<Integer> xfFormats = new ArrayList<>();
    try (InputStream in = zip.open(part)) {
      XMLStreamReader r = Xml.reader(in, part);
      boolean inCellXfs = false;
      try {
        while (r.hasNext()) {
          int ev = r.next();
          if (ev == XMLStreamConstants.START_ELEMENT) {
            switch (r.getLocalName()) {
              case "numFmt" -> {
                Integer id = intAttr(r, "numFmtId");
                String code = attr(r, "formatCode");
                if (id != null && code != null) {
                  customFormats.put(id, code);
                }
              }
              case "cellXfs" -> inCellXfs = true;
              case "xf" -> {
                if (inCellXfs) {
                  Integer id = intAttr(r, "numFmtId");
                  xfFormats.add(id == null ? 0 : id);
                }
              }
              default -> {
                // fonts, fills and borders do not change how a value reads
              }
            }
          } else if (ev == XMLStreamConstants.END_ELEMENT && r.getLocalName().equals("cellXfs")) {
            inCellXfs = false;
          }
        }
      } catch (XMLStreamException e) {
        throw Xml.malformed(part, e);
      }
    }
    boolean[] dates = new boolean[xfFormats.size()];
    for (int i = 0; i < dates.length; i++) {
      int id = xfFormats.get(i);
      dates[i] = ExcelDates.isDateFormat(id, customFormats.get(id));
    }
    return dates;
  }

  private String findPart(String fileName) {
    for (String name : zip.names()) {
      String lower = name.toLowerCase(Locale.ROOT);
      if (lower.startsWith("xl/") && lower.endsWith("/" + fileName.toLowerCase(Locale.ROOT))
          || lower.equals("xl/" + fileName.toLowerCase(Locale.ROOT))) {
        return name;
      }
    }
    return null;
  }

  // ---- attribute helpers -----------------------------------------------------------------------

  static String attr(XMLStreamReader r, String localName) {
    for (int i = 0; i < r.getAttributeCount(); i++) {
      if (r.getAttributeLocalName(i).equals(localName)) {
        return r.getAttributeValue(i);
      }
    }
    return null;
  }

  static Integer intAttr(XMLStreamReader r, String localName) {
    String v = attr(r, localName);
    if (v == null) {
      return null;
    }
    try {
      return Integer.valueOf(v.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  static boolean truthy(String v) {
    return v != null && (v.equals("1") || v.equalsIgnoreCase("true"));
  }

  private static String nonNull(String v) {
    return v == null ? "" : v;
  }
}
