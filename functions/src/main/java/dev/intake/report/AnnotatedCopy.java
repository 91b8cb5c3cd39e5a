package dev.intake.report;

import dev.intake.model.A1;
import dev.intake.model.CellRef;
import dev.intake.model.Finding;
import dev.intake.model.FindingsReport;
import dev.intake.parsing.PackageWriter;
import dev.intake.parsing.PackageWriter.DeflatedPart;
import dev.intake.parsing.WorkbookParts;
import dev.intake.parsing.XmlWriter;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Writes the annotated copy of a partner's workbook by copying its package part by part: every part
 * the annotation does not change is copied as it lies in the zip (not even inflated), and only these
 * are written anew, each streamed from the original part with what it needs added —
 * <ul>
 *   <li>each sheet with findings: the fill style on every marked cell (a cell or row is added where
 *       the workbook has none) and a link to its comments drawing ({@link MarkedSheet});
 *   <li>its comments and their VML drawing, new or with the partner's own kept;
 *   <li>the styles part: the fills and the Findings sheet's looks ({@link StylesPatch});
 *   <li>the Findings sheet, first and selected ({@link FindingsSheetXml}); any other sheet that was
 *       selected is no longer, so Excel does not open the two as a group;
 *   <li>the workbook part (the sheet listed first, the active tab, defined names that number sheets
 *       moved by one, the Findings sheet's filter range), its relationships and the content types.
 * </ul>
 * Nothing is held but the original's bytes, the parts written anew and the package being written.
 */
final class AnnotatedCopy {

  /** Elements of a workbook part that come after {@code definedNames} in the schema's order. */
  private static final Set<String> AFTER_DEFINED_NAMES = Set.of("calcPr", "oleSize", "customWorkbookViews",
      "pivotCaches", "smartTagPr", "smartTagTypes", "webPublishing", "fileRecoveryPr", "webPublishObjects", "extLst");

  private final WorkbookParts parts;
  private final FindingsReport report;
  private final String mainPart;
  /** The folder of the workbook part ("xl/"), where new parts go. */
  private final String folder;
  /** Parts written anew, by the name they are stored under; new parts are also in {@link #added}. */
  private final Map<String, DeflatedPart> written = new LinkedHashMap<>();
  private final List<String> added = new ArrayList<>();
  private final Set<String> taken = new HashSet<>();
  /** Content-type overrides for new parts: part name → content type. */
  private final Map<String, String> newOverrides = new LinkedHashMap<>();

  private AnnotatedCopy(WorkbookParts parts, FindingsReport report) {
    this.parts = parts;
    this.report = report;
    this.mainPart = parts.storedName(parts.mainPart());
    int slash = mainPart.lastIndexOf('/');
    this.folder = slash < 0 ? "" : mainPart.substring(0, slash + 1);
    parts.names().forEach(n -> taken.add(n.toLowerCase(Locale.ROOT)));
  }

  /**
   * The annotated copy of the workbook in {@code parts}.
   *
   * @param note the Findings sheet's note
   * @param changes what changed since the partner's previous submission, or null when not compared
   * @throws UnsupportedWorkbookException for a workbook the copy cannot be written around
   */
  static byte[] write(WorkbookParts parts, FindingsReport report, String note, Comparison changes)
      throws IOException, XMLStreamException {
    return new AnnotatedCopy(parts, report).write(note, changes);
  }

  private byte[] write(String note, Comparison changes) throws IOException, XMLStreamException {
    WorkbookScan workbook = scanWorkbook();
    List<WorkbookParts.Relationship> rels = parts.relationships(mainPart);

    String stylesPart = null;
    for (WorkbookParts.Relationship rel : rels) {
      if (rel.type().equals(Ooxml.REL_STYLES) && !rel.external()) {
        stylesPart = parts.storedName(WorkbookParts.resolve(mainPart, rel.target()));
      }
    }
    StylesPatch styles;
    if (stylesPart != null) {
      try (InputStream in = parts.open(stylesPart)) {
        styles = StylesPatch.scan(WorkbookParts.reader(in, stylesPart));
      }
    } else {
      styles = StylesPatch.scan(StylesPatch.defaultPart());
    }

    List<WorkbookParts.Sheet> sheets = parts.sheets();
    Map<WorkbookParts.Sheet, Map<Long, List<Finding>>> marks = marks(sheets);
    for (int i = 0; i < sheets.size(); i++) {
      WorkbookParts.Sheet sheet = sheets.get(i);
      String part = parts.storedName(sheet.part());
      if (part == null) {
        continue;
      }
      Map<Long, List<Finding>> onSheet = marks.get(sheet);
      if (onSheet != null) {
        new MarkedSheet(this, part, onSheet, styles, i + 1).write();
      } else if (selected(part)) {
        unselect(part);
      }
    }

    String findingsName = freeSheetName(sheets);
    String findingsPart = newPart(folder + "worksheets/sheet", ".xml");
    FindingsSheet.Content content = FindingsSheet.content(report, note, changes, links(sheets));
    DeflatedPart findings = newPartContent(findingsPart, Ooxml.TYPE_WORKSHEET);
    FindingsSheetXml.write(content, styles.looks(), findings);

    List<String[]> newRels = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    rels.forEach(r -> ids.add(r.id()));
    String findingsRel = freeId(ids);
    newRels.add(new String[] {findingsRel, Ooxml.REL_WORKSHEET, relative(mainPart, findingsPart)});
    if (stylesPart == null) {
      stylesPart = newPart(folder + "styles", ".xml");
      newRels.add(new String[] {freeId(ids), Ooxml.REL_STYLES, relative(mainPart, stylesPart)});
      DeflatedPart out = newPartContent(stylesPart, Ooxml.TYPE_STYLES);
      XmlWriter w = new XmlWriter(out);
      styles.write(StylesPatch.defaultPart(), w);
      w.finish();
    } else {
      DeflatedPart out = replace(stylesPart);
      try (InputStream in = parts.open(stylesPart)) {
        XmlWriter w = new XmlWriter(out);
        styles.write(WorkbookParts.reader(in, stylesPart), w);
        w.finish();
      }
    }

    writeWorkbook(workbook, findingsName, findingsRel, FindingsSheetXml.filterRange(content));
    appendRelationships(WorkbookParts.relsPathOf(mainPart), newRels);
    writeContentTypes();

    PackageWriter out = new PackageWriter();
    for (String name : parts.names()) {
      DeflatedPart part = written.get(name);
      if (part != null) {
        out.add(name, part);
      } else {
        out.copy(parts, name);
      }
    }
    for (String name : added) {
      out.add(name, written.get(name));
    }
    return out.finish();
  }

  // ---- findings → cells ------------------------------------------------------------------------

  /** Row (1-based) and column (0-based) in one key that sorts by row, then column. */
  static long key(int row, int column) {
    return (long) row << 16 | column;
  }

  static int row(long key) {
    return (int) (key >>> 16);
  }

  static int column(long key) {
    return (int) (key & 0xffff);
  }

  /** The findings on a cell of a worksheet the workbook has, by sheet and cell, in report order. */
  private Map<WorkbookParts.Sheet, Map<Long, List<Finding>>> marks(List<WorkbookParts.Sheet> sheets) {
    Map<WorkbookParts.Sheet, Map<Long, List<Finding>>> marks = new LinkedHashMap<>();
    for (Finding f : report.findings()) {
      CellRef at = f.location();
      if (at == null || at.cell() == null) {
        continue;
      }
      WorkbookParts.Sheet sheet = sheetNamed(sheets, at.sheet());
      String ref = at.cell();
      if (sheet == null || !sheet.worksheet() || !WorkbookAnnotator.validCell(ref, A1.row(ref), A1.column(ref))) {
        continue;
      }
      marks.computeIfAbsent(sheet, s -> new LinkedHashMap<>())
          .computeIfAbsent(key(A1.row(ref), A1.column(ref)), k -> new ArrayList<>()).add(f);
    }
    return marks;
  }

  /** As Excel finds a sheet by name: ignoring case. */
  private static WorkbookParts.Sheet sheetNamed(List<WorkbookParts.Sheet> sheets, String name) {
    for (WorkbookParts.Sheet s : sheets) {
      if (s.name().equalsIgnoreCase(name)) {
        return s;
      }
    }
    return null;
  }

  /** Where the Findings sheet's Cell column links to: the cell, the row's first cell, or the sheet's A1. */
  private static Function<CellRef, String> links(List<WorkbookParts.Sheet> sheets) {
    return at -> {
      WorkbookParts.Sheet sheet = sheetNamed(sheets, at.sheet());
      String target = WorkbookAnnotator.target(at);
      return sheet == null || target == null ? null : "'" + sheet.name().replace("'", "''") + "'!" + target;
    };
  }

  /** "Findings", else "Findings (2)", ...: a name no sheet has (Excel compares names ignoring case). */
  private static String freeSheetName(List<WorkbookParts.Sheet> sheets) {
    String name = FindingsSheet.NAME;
    for (int n = 2; sheetNamed(sheets, name) != null; n++) {
      name = FindingsSheet.NAME + " (" + n + ")";
    }
    return name;
  }

  // ---- sheets that were selected ---------------------------------------------------------------

  /** Whether a sheet's views select it; read up to its data, where the views end. */
  private boolean selected(String part) throws IOException, XMLStreamException {
    try (InputStream in = parts.open(part)) {
      XMLStreamReader r = WorkbookParts.reader(in, part);
      while (r.hasNext()) {
        int ev = r.next();
        if (ev == XMLStreamConstants.START_ELEMENT) {
          if (r.getLocalName().equals("sheetData")) {
            return false;
          }
          if (r.getLocalName().equals("sheetView") && truthy(attribute(r, "tabSelected"))) {
            return true;
          }
        } else if (ev == XMLStreamConstants.END_ELEMENT && r.getLocalName().equals("sheetViews")) {
          return false;
        }
      }
      return false;
    }
  }

  /** Copies a sheet with its views no longer selecting it. */
  private void unselect(String part) throws IOException, XMLStreamException {
    DeflatedPart out = replace(part);
    try (InputStream in = parts.open(part)) {
      XMLStreamReader r = WorkbookParts.reader(in, part);
      XmlWriter w = new XmlWriter(out);
      while (r.hasNext()) {
        if (r.next() == XMLStreamConstants.START_ELEMENT && r.getLocalName().equals("sheetView")) {
          w.copyStart(r, Set.of("tabSelected"));
        } else {
          w.copy(r);
        }
      }
      w.finish();
    }
  }

  // ---- the workbook part -----------------------------------------------------------------------

  /** What the rewrite of the workbook part needs to know before it starts. */
  private record WorkbookScan(int maxSheetId, boolean bookViews, boolean definedNames) {
  }

  private WorkbookScan scanWorkbook() throws IOException, XMLStreamException {
    int maxSheetId = 0;
    boolean bookViews = false;
    boolean definedNames = false;
    try (InputStream in = parts.open(mainPart)) {
      XMLStreamReader r = WorkbookParts.reader(in, mainPart);
      int depth = 0;
      while (r.hasNext()) {
        int ev = r.next();
        if (ev == XMLStreamConstants.START_ELEMENT) {
          depth++;
          if (depth == 1 && !Ooxml.MAIN.equals(r.getNamespaceURI())) {
            throw new UnsupportedWorkbookException("the workbook part is in namespace " + r.getNamespaceURI()
                + " (Strict Open XML or not a spreadsheet)");
          }
          switch (r.getLocalName()) {
            case "sheet" -> maxSheetId = Math.max(maxSheetId, intAttribute(r, "sheetId", 0));
            case "bookViews" -> bookViews |= depth == 2;
            case "definedNames" -> definedNames |= depth == 2;
            default -> {
              // nothing else decides how the part is rewritten
            }
          }
        } else if (ev == XMLStreamConstants.END_ELEMENT) {
          depth--;
        }
      }
    }
    return new WorkbookScan(maxSheetId, bookViews, definedNames);
  }

  private void writeWorkbook(WorkbookScan scan, String sheetName, String relId, String filterRange)
      throws IOException, XMLStreamException {
    DeflatedPart out = replace(mainPart);
    try (InputStream in = parts.open(mainPart)) {
      XMLStreamReader r = WorkbookParts.reader(in, mainPart);
      XmlWriter w = new XmlWriter(out);
      String p = "";
      String relPrefix = null;
      boolean namesWritten = false;
      int depth = 0;
      while (r.hasNext()) {
        int ev = r.next();
        if (ev == XMLStreamConstants.START_ELEMENT) {
          depth++;
          String name = r.getLocalName();
          if (depth == 1) {
            p = XmlWriter.qualified(r.getPrefix(), "");
            w.copy(r);
            relPrefix = r.getNamespaceContext().getPrefix(Ooxml.RELATIONSHIPS);
            continue;
          }
          if (depth == 2 && !scan.definedNames() && !namesWritten && AFTER_DEFINED_NAMES.contains(name)) {
            definedNames(w, p, sheetName, filterRange, true);
            namesWritten = true;
          }
          if (depth == 2 && name.equals("sheets")) {
            if (!scan.bookViews()) {
              w.start(p + "bookViews").empty(p + "workbookView", "activeTab", "0").end();
            }
            w.copy(r);
            w.start(p + "sheet").attribute("name", sheetName).attribute("sheetId", scan.maxSheetId() + 1);
            if (relPrefix == null || relPrefix.isEmpty()) {
              w.attribute("xmlns:r", Ooxml.RELATIONSHIPS).attribute("r:id", relId);
            } else {
              w.attribute(relPrefix + ":id", relId);
            }
            w.end();
          } else if (depth == 3 && name.equals("workbookView")) {
            w.copyStart(r, Set.of("activeTab", "firstSheet")).attribute("activeTab", "0").attribute("firstSheet", "0");
          } else if (depth == 3 && name.equals("definedName") && attribute(r, "localSheetId") != null) {
            // Sheets are numbered by position: every sheet moved one place to the right.
            w.copyStart(r, Set.of("localSheetId"))
                .attribute("localSheetId", intAttribute(r, "localSheetId", -1) + 1);
          } else {
            w.copy(r);
          }
        } else if (ev == XMLStreamConstants.END_ELEMENT) {
          if (depth == 2 && r.getLocalName().equals("definedNames")) {
            definedNames(w, p, sheetName, filterRange, false);
            namesWritten = true;
          } else if (depth == 1 && !namesWritten) {
            definedNames(w, p, sheetName, filterRange, true);
          }
          depth--;
          w.copy(r);
        } else {
          w.copy(r);
        }
      }
      w.finish();
    }
  }

  /** The Findings sheet's filter range, as Excel names it; inside a new definedNames element when {@code wrap}. */
  private static void definedNames(XmlWriter w, String p, String sheet, String range, boolean wrap) {
    if (wrap) {
      w.start(p + "definedNames");
    }
    w.start(p + "definedName").attribute("name", "_xlnm._FilterDatabase").attribute("localSheetId", "0")
        .attribute("hidden", "1").text("'" + sheet.replace("'", "''") + "'!" + range).end();
    if (wrap) {
      w.end();
    }
  }

  // ---- relationships and content types ---------------------------------------------------------

  /** Copies a relationships part with {@code extra} (id, type, target) added, or writes it new. */
  void appendRelationships(String relsPart, List<String[]> extra) throws IOException, XMLStreamException {
    if (extra.isEmpty()) {
      return;
    }
    String stored = parts.storedName(relsPart);
    if (stored == null) {
      DeflatedPart out = newPartContent(relsPart, null);
      XmlWriter w = new XmlWriter(out);
      w.start("Relationships").attribute("xmlns", Ooxml.PACKAGE_RELATIONSHIPS);
      extra.forEach(rel -> w.empty("Relationship", "Id", rel[0], "Type", rel[1], "Target", rel[2]));
      w.finish();
      return;
    }
    copyAppending(stored, (w, p) -> {
      for (String[] rel : extra) {
        w.empty(p + "Relationship", "Id", rel[0], "Type", rel[1], "Target", rel[2]);
      }
    });
  }

  private void writeContentTypes() throws IOException, XMLStreamException {
    String part = parts.storedName("[Content_Types].xml");
    boolean vmlDefault = false;
    try (InputStream in = parts.open(part)) {
      XMLStreamReader r = WorkbookParts.reader(in, part);
      while (r.hasNext()) {
        if (r.next() == XMLStreamConstants.START_ELEMENT && r.getLocalName().equals("Default")
            && "vml".equalsIgnoreCase(attribute(r, "Extension"))) {
          vmlDefault = true;
        }
      }
    }
    boolean needsVml = added.stream().anyMatch(n -> n.endsWith(".vml"));
    boolean addVmlDefault = needsVml && !vmlDefault;
    copyAppending(part, (w, p) -> {
      if (addVmlDefault) {
        w.empty(p + "Default", "Extension", "vml", "ContentType", Ooxml.TYPE_VML);
      }
      for (Map.Entry<String, String> o : newOverrides.entrySet()) {
        w.empty(p + "Override", "PartName", "/" + o.getKey(), "ContentType", o.getValue());
      }
    });
  }

  /**
   * Copies a stored part as it is, but for the children {@code atEnd} writes just before the root
   * element closes; it is given the root's namespace prefix ("" or "x:"), which the children share.
   */
  private void copyAppending(String stored, BiConsumer<XmlWriter, String> atEnd)
      throws IOException, XMLStreamException {
    DeflatedPart out = replace(stored);
    try (InputStream in = parts.open(stored)) {
      XMLStreamReader r = WorkbookParts.reader(in, stored);
      XmlWriter w = new XmlWriter(out);
      String p = "";
      int depth = 0;
      while (r.hasNext()) {
        int ev = r.next();
        if (ev == XMLStreamConstants.START_ELEMENT && ++depth == 1) {
          p = XmlWriter.qualified(r.getPrefix(), "");
        } else if (ev == XMLStreamConstants.END_ELEMENT && depth-- == 1) {
          atEnd.accept(w, p);
        }
        w.copy(r);
      }
      w.finish();
    }
  }

  // ---- parts, names and ids --------------------------------------------------------------------

  WorkbookParts parts() {
    return parts;
  }

  String folder() {
    return folder;
  }

  /** The content of an existing part, written anew. */
  DeflatedPart replace(String storedName) {
    DeflatedPart out = new DeflatedPart(4096);
    written.put(storedName, out);
    return out;
  }

  /** The content of a new part; {@code contentType} null when a default (by extension) covers it. */
  DeflatedPart newPartContent(String name, String contentType) {
    DeflatedPart out = new DeflatedPart(4096);
    written.put(name, out);
    added.add(name);
    taken.add(name.toLowerCase(Locale.ROOT));
    if (contentType != null) {
      newOverrides.put(name, contentType);
    }
    return out;
  }

  /** {@code prefix + n + suffix} for the lowest n from 1 that no part has. */
  String newPart(String prefix, String suffix) {
    for (int n = 1; ; n++) {
      String name = prefix + n + suffix;
      if (!taken.contains(name.toLowerCase(Locale.ROOT))) {
        taken.add(name.toLowerCase(Locale.ROOT));
        return name;
      }
    }
  }

  /** "rId" + the lowest number not in {@code ids}; added to them. */
  static String freeId(Set<String> ids) {
    for (int n = 1; ; n++) {
      String id = "rId" + n;
      if (!ids.contains(id)) {
        ids.add(id);
        return id;
      }
    }
  }

  /** The target of a relationship from {@code fromPart} to {@code toPart}, relative to the former's folder. */
  static String relative(String fromPart, String toPart) {
    List<String> from = new ArrayList<>(List.of(fromPart.split("/")));
    from.remove(from.size() - 1);
    List<String> to = List.of(toPart.split("/"));
    int common = 0;
    while (common < from.size() && common < to.size() - 1 && from.get(common).equals(to.get(common))) {
      common++;
    }
    StringBuilder out = new StringBuilder();
    for (int i = common; i < from.size(); i++) {
      out.append("../");
    }
    out.append(String.join("/", to.subList(common, to.size())));
    return out.toString();
  }


  // ---- attributes ------------------------------------------------------------------------------

  /** An unprefixed attribute's value, or null. */
  static String attribute(XMLStreamReader r, String localName) {
    for (int i = 0; i < r.getAttributeCount(); i++) {
      String prefix = r.getAttributePrefix(i);
      if ((prefix == null || prefix.isEmpty()) && r.getAttributeLocalName(i).equals(localName)) {
        return r.getAttributeValue(i);
      }
    }
    return null;
  }

  static int intAttribute(XMLStreamReader r, String localName, int otherwise) {
    String v = attribute(r, localName);
    if (v == null) {
      return otherwise;
    }
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      return otherwise;
    }
  }

  static boolean truthy(String v) {
    return v != null && (v.trim().equals("1") || v.trim().equalsIgnoreCase("true"));
  }
}
