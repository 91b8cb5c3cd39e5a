package dev.intake.report;

import dev.intake.model.A1;
import dev.intake.model.Finding;
import dev.intake.model.Severity;
import dev.intake.model.Text;
import dev.intake.parsing.PackageWriter.DeflatedPart;
import dev.intake.parsing.WorkbookParts;
import dev.intake.parsing.XmlWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * One worksheet with findings, written into the annotated copy: each marked cell gets the fill of its
 * worst finding (a copy of its own style, filled) and a comment listing the findings, the partner's
 * own comment on it kept below them. A finding on a cell hidden under a merge is shown on the merged
 * area's visible cell. The sheet part is read twice — once for what comes after its cells (merges,
 * the comments drawing), once to copy it with the marks — and the comments and VML drawing parts are
 * written anew or copied with the marked cells' entries replaced.
 */
final class MarkedSheet {

  private static final int COMMENT_COLUMNS = 5;
  private static final int MAX_COMMENT_ROWS = 24;
  private static final String NOTE_TYPE = "_x0000_t202";
  /** Elements of a worksheet that come after {@code legacyDrawing} in the schema's order. */
  private static final Set<String> AFTER_LEGACY_DRAWING = Set.of("legacyDrawingHF", "drawingHF", "picture",
      "oleObjects", "controls", "webPublishItems", "tableParts", "extLst", "AlternateContent");

  /** A marked cell: 1-based row, 0-based column, its findings in report order and the comment's text. */
  private static final class Target {
    final int row;
    final int column;
    final List<Finding> findings = new ArrayList<>();
    String earlierAuthor;
    String earlierText;
    boolean written;
    private String comment;

    Target(int row, int column) {
      this.row = row;
      this.column = column;
    }

    Severity worst() {
      Severity worst = findings.get(0).severity();
      for (Finding f : findings) {
        worst = f.severity().compareTo(worst) < 0 ? f.severity() : worst;
      }
      return worst;
    }

    String ref() {
      return A1.name(column, row);
    }

    /** The comment's text; built once, after the partner's earlier comment (if any) is known. */
    String comment() {
      if (comment == null) {
        comment = commentText();
      }
      return comment;
    }

    private String commentText() {
      StringBuilder text = new StringBuilder();
      for (Finding f : findings) {
        if (!text.isEmpty()) {
          text.append("\n\n");
        }
        text.append(WorkbookAnnotator.label(f.severity())).append(" [").append(Text.visible(f.checklistRef()))
            .append("] ").append(Text.visible(f.message())).append("\n→ ").append(Text.visible(f.remediation()));
      }
      if (earlierText != null) {
        // The partner's own note stays, below the findings.
        text.append("\n\n— Earlier comment").append(earlierAuthor == null || earlierAuthor.isBlank()
            ? "" : " by " + earlierAuthor).append(" —\n").append(earlierText);
      }
      return text.toString();
    }
  }

  /** What the first read of the sheet found. */
  private static final class Scan {
    /** Marked cell → the visible cell of the merged area it lies under. */
    final Map<Long, Long> mergedInto = new HashMap<>();
    /** {min, max, style} of each column range with a style. */
    final List<int[]> columnStyles = new ArrayList<>();
    String legacyDrawingId;
  }

  private final AnnotatedCopy copy;
  private final WorkbookParts parts;
  private final String part;
  private final Map<Long, List<Finding>> marks;
  private final StylesPatch styles;
  private final int sheetNumber;
  private final TreeMap<Long, Target> targets = new TreeMap<>();

  /**
   * @param part the sheet part's stored name
   * @param marks findings by cell key ({@link AnnotatedCopy#key})
   * @param sheetNumber the sheet's 1-based position, which numbers the shapes of a new drawing
   */
  MarkedSheet(AnnotatedCopy copy, String part, Map<Long, List<Finding>> marks, StylesPatch styles, int sheetNumber) {
    this.copy = copy;
    this.parts = copy.parts();
    this.part = part;
    this.marks = marks;
    this.styles = styles;
    this.sheetNumber = sheetNumber;
  }

  void write() throws IOException, XMLStreamException {
    // A finding under a merge is shown on the merged area's visible cell, which must be known before the
    // cells go by; merges come after the cells, so the sheet is read for them first, when it has any.
    Scan scan = new Scan();
    if (mentions(part, "mergeCell")) {
      merges(scan);
    }
    marks.forEach((key, findings) -> targets.computeIfAbsent(scan.mergedInto.getOrDefault(key, key),
        k -> new Target(AnnotatedCopy.row(k), AnnotatedCopy.column(k))).findings.addAll(findings));

    List<WorkbookParts.Relationship> rels = parts.relationships(part);
    Set<String> ids = new HashSet<>();
    rels.forEach(r -> ids.add(r.id()));
    List<String[]> newRels = new ArrayList<>();
    String commentsPart = null;
    Map<String, String> drawings = new HashMap<>();
    for (WorkbookParts.Relationship rel : rels) {
      if (rel.external()) {
        continue;
      }
      String target = parts.storedName(WorkbookParts.resolve(part, rel.target()));
      if (rel.type().equals(Ooxml.REL_COMMENTS)) {
        commentsPart = target;
      } else if (rel.type().equals(Ooxml.REL_VML)) {
        drawings.put(rel.id(), target);
      }
    }

    // The id a new comments drawing gets; unused when the sheet links to one already.
    String newDrawingId = AnnotatedCopy.freeId(ids);
    writeSheet(scan, newDrawingId);

    if (commentsPart != null) {
      readEarlierComments(commentsPart);
      rewriteComments(commentsPart);
    } else {
      commentsPart = copy.newPart(copy.folder() + "comments", ".xml");
      newComments(copy.newPartContent(commentsPart, Ooxml.TYPE_COMMENTS));
      newRels.add(new String[] {AnnotatedCopy.freeId(ids), Ooxml.REL_COMMENTS,
          AnnotatedCopy.relative(part, commentsPart)});
    }
    if (scan.legacyDrawingId != null) {
      String vmlPart = drawings.get(scan.legacyDrawingId);
      if (vmlPart == null) {
        throw new UnsupportedWorkbookException("the sheet's comments drawing " + scan.legacyDrawingId + " is missing");
      }
      rewriteDrawing(vmlPart);
    } else {
      String vmlPart = copy.newPart(copy.folder() + "drawings/vmlDrawing", ".vml");
      newDrawing(copy.newPartContent(vmlPart, null));
      newRels.add(new String[] {newDrawingId, Ooxml.REL_VML, AnnotatedCopy.relative(part, vmlPart)});
    }
    copy.appendRelationships(WorkbookParts.relsPathOf(part), newRels);
  }

  // ---- the sheet -------------------------------------------------------------------------------

  /** Whether the part's text holds {@code needle} anywhere (a byte search, far cheaper than reading the XML). */
  private boolean mentions(String name, String needle) throws IOException {
    byte[] pattern = needle.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    byte[] buffer = new byte[64 * 1024];
    try (InputStream in = parts.open(name)) {
      int matched = 0;
      int n;
      while ((n = in.read(buffer)) > 0) {
        for (int i = 0; i < n; i++) {
          // The needle has no repeated prefix, so a mismatch restarts the match at this byte.
          matched = buffer[i] == pattern[matched] ? matched + 1 : buffer[i] == pattern[0] ? 1 : 0;
          if (matched == pattern.length) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /** Reads the sheet for its merged areas (they follow the cells). */
  private void merges(Scan scan) throws IOException, XMLStreamException {
    try (InputStream in = parts.open(part)) {
      XMLStreamReader r = WorkbookParts.reader(in, part);
      while (r.hasNext()) {
        if (r.next() == XMLStreamConstants.START_ELEMENT && r.getLocalName().equals("mergeCell")) {
          merged(scan, AnnotatedCopy.attribute(r, "ref"));
        }
      }
    }
  }

  private void merged(Scan scan, String ref) {
    if (ref == null || !ref.contains(":")) {
      return;
    }
    String[] corners = ref.split(":", 2);
    int r1 = A1.row(corners[0]);
    int c1 = A1.column(corners[0]);
    int r2 = A1.row(corners[1]);
    int c2 = A1.column(corners[1]);
    if (r1 < 1 || c1 < 0 || r2 < r1 || c2 < c1) {
      return;
    }
    for (long key : marks.keySet()) {
      int row = AnnotatedCopy.row(key);
      int column = AnnotatedCopy.column(key);
      if (row >= r1 && row <= r2 && column >= c1 && column <= c2) {
        scan.mergedInto.putIfAbsent(key, AnnotatedCopy.key(r1, c1));
      }
    }
  }

  /**
   * Copies the sheet with the marks, rows and cells as the parser numbers them, and a link to a new
   * comments drawing ({@code newDrawingId}) unless it links to one already ({@code scan.legacyDrawingId}).
   */
  private void writeSheet(Scan scan, String newDrawingId) throws IOException, XMLStreamException {
    DeflatedPart out = copy.replace(part);
    Iterator<Target> pending = targets.values().iterator();
    Target next = pending.hasNext() ? pending.next() : null;
    try (InputStream in = parts.open(part)) {
      XMLStreamReader r = WorkbookParts.reader(in, part);
      XmlWriter w = new XmlWriter(out);
      String p = "";
      String relPrefix = null;
      boolean drawingWritten = false;
      boolean pastData = false;
      int depth = 0;
      int lastRow = 0;
      int row = 0;
      int rowStyle = -1;
      int lastColumn = -1;
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
          if (depth == 2 && pastData && !drawingWritten && AFTER_LEGACY_DRAWING.contains(name)) {
            legacyDrawing(w, p, relPrefix, newDrawingId);
            drawingWritten = true;
          }
          if (depth == 2 && name.equals("legacyDrawing")) {
            scan.legacyDrawingId = WorkbookParts.relationshipId(r);
            drawingWritten = true;
          }
          if (depth == 3 && name.equals("col")) {
            int style = AnnotatedCopy.intAttribute(r, "style", -1);
            if (style >= 0) {
              scan.columnStyles.add(new int[] {AnnotatedCopy.intAttribute(r, "min", 0) - 1,
                  AnnotatedCopy.intAttribute(r, "max", 0) - 1, style});
            }
          }
          if (depth == 2 && name.equals("dimension")) {
            w.copyStart(r, Set.of("ref")).attribute("ref", dimension(AnnotatedCopy.attribute(r, "ref")));
          } else if (depth == 3 && name.equals("sheetView")) {
            w.copyStart(r, Set.of("tabSelected"));
          } else if (depth == 3 && name.equals("row")) {
            Integer n = AnnotatedCopy.intAttribute(r, "r", -1) > 0 ? AnnotatedCopy.intAttribute(r, "r", -1) : null;
            row = n != null && n > lastRow ? n : lastRow + 1;
            if (n != null && n != row) {
              throw new UnsupportedWorkbookException("rows out of order on " + part);
            }
            lastRow = row;
            lastColumn = -1;
            rowStyle = AnnotatedCopy.truthy(AnnotatedCopy.attribute(r, "customFormat"))
                ? AnnotatedCopy.intAttribute(r, "s", -1) : -1;
            while (next != null && next.row < row) {
              newRow(w, p, next.row, pending, scan);
              next = pending.hasNext() ? pending.next() : null;
              while (next != null && next.written) {
                next = pending.hasNext() ? pending.next() : null;
              }
            }
            boolean marked = next != null && next.row == row;
            w.copyStart(r, marked ? Set.of("spans") : Set.of());
          } else if (depth == 4 && name.equals("c")) {
            String ref = AnnotatedCopy.attribute(r, "r");
            int column = ref == null ? lastColumn + 1 : columnOf(ref);
            if (column < 0) {
              column = lastColumn + 1;
            }
            if (column <= lastColumn) {
              throw new UnsupportedWorkbookException("cells out of order on " + part);
            }
            lastColumn = column;
            while (next != null && next.row == row && next.column < column) {
              newCell(w, p, next, rowStyle >= 0 ? rowStyle : columnStyle(scan, next.column));
              next = pending.hasNext() ? pending.next() : null;
            }
            if (next != null && next.row == row && next.column == column) {
              int style = AnnotatedCopy.intAttribute(r, "s", 0);
              w.copyStart(r, Set.of("s")).attribute("s", styles.filled(style, next.worst()));
              next.written = true;
              next = pending.hasNext() ? pending.next() : null;
            } else {
              w.copy(r);
            }
          } else {
            w.copy(r);
          }
        } else if (ev == XMLStreamConstants.END_ELEMENT) {
          String name = r.getLocalName();
          if (depth == 3 && name.equals("row")) {
            while (next != null && next.row == row) {
              newCell(w, p, next, rowStyle >= 0 ? rowStyle : columnStyle(scan, next.column));
              next = pending.hasNext() ? pending.next() : null;
            }
          } else if (depth == 2 && name.equals("sheetData")) {
            while (next != null) {
              newRow(w, p, next.row, pending, scan);
              next = pending.hasNext() ? pending.next() : null;
              while (next != null && next.written) {
                next = pending.hasNext() ? pending.next() : null;
              }
            }
            pastData = true;
          } else if (depth == 1 && !drawingWritten) {
            legacyDrawing(w, p, relPrefix, newDrawingId);
            drawingWritten = true;
          }
          depth--;
          w.copy(r);
        } else {
          w.copy(r);
        }
      }
      w.finish();
    }
    if (targets.values().stream().anyMatch(t -> !t.written)) {
      throw new UnsupportedWorkbookException("the sheet " + part + " has no cell data to mark");
    }
  }

  /** A new row holding every target on it (the first is {@code first}'s row). */
  private void newRow(XmlWriter w, String p, int rowNumber, Iterator<Target> pending, Scan scan) {
    w.start(p + "row").attribute("r", rowNumber);
    for (Target t : targets.subMap(AnnotatedCopy.key(rowNumber, 0), AnnotatedCopy.key(rowNumber + 1, 0)).values()) {
      newCell(w, p, t, columnStyle(scan, t.column));
    }
    w.end();
  }

  /** A new, empty cell: the look it would have had (the row's style, else the column's), filled. */
  private void newCell(XmlWriter w, String p, Target t, int base) {
    w.empty(p + "c", "r", t.ref(), "s", Integer.toString(styles.filled(Math.max(base, 0), t.worst())));
    t.written = true;
  }

  private static int columnStyle(Scan scan, int column) {
    for (int[] range : scan.columnStyles) {
      if (column >= range[0] && column <= range[1]) {
        return range[2];
      }
    }
    return 0;
  }

  /** The column of a cell reference; past the grid when it has more than three letters (as the parser reads it). */
  private static int columnOf(String ref) {
    int letters = 0;
    while (letters < ref.length() && Character.isLetter(ref.charAt(letters))) {
      letters++;
    }
    return letters > 3 ? Ooxml.MAX_COLUMNS : A1.column(ref);
  }

  /** The used range, grown to hold every marked cell. */
  private String dimension(String ref) {
    int r1 = Integer.MAX_VALUE;
    int c1 = Integer.MAX_VALUE;
    int r2 = 0;
    int c2 = 0;
    if (ref != null) {
      for (String corner : ref.split(":")) {
        if (A1.row(corner) < 1 || A1.column(corner) < 0) {
          return ref;
        }
        r1 = Math.min(r1, A1.row(corner));
        c1 = Math.min(c1, A1.column(corner));
        r2 = Math.max(r2, A1.row(corner));
        c2 = Math.max(c2, A1.column(corner));
      }
    }
    for (Target t : targets.values()) {
      r1 = Math.min(r1, t.row);
      c1 = Math.min(c1, t.column);
      r2 = Math.max(r2, t.row);
      c2 = Math.max(c2, t.column);
    }
    return r1 == r2 && c1 == c2 ? A1.name(c1, r1) : A1.name(c1, r1) + ":" + A1.name(c2, r2);
  }

  private static void legacyDrawing(XmlWriter w, String p, String relPrefix, String id) {
    w.start(p + "legacyDrawing");
    if (relPrefix == null || relPrefix.isEmpty()) {
      w.attribute("xmlns:r", Ooxml.RELATIONSHIPS).attribute("r:id", id);
    } else {
      w.attribute(relPrefix + ":id", id);
    }
    w.end();
  }

  // ---- comments --------------------------------------------------------------------------------

  private Target targetAt(String ref) {
    if (ref == null) {
      return null;
    }
    String upper = ref.trim().toUpperCase(Locale.ROOT);
    int row = A1.row(upper);
    int column = A1.column(upper);
    return row < 1 || column < 0 ? null : targets.get(AnnotatedCopy.key(row, column));
  }

  /** Takes the partner's comments on marked cells, to be kept below the findings (a comment of ours is replaced). */
  private void readEarlierComments(String commentsPart) throws IOException, XMLStreamException {
    List<String> authors = new ArrayList<>();
    try (InputStream in = parts.open(commentsPart)) {
      XMLStreamReader r = WorkbookParts.reader(in, commentsPart);
      while (r.hasNext()) {
        if (r.next() != XMLStreamConstants.START_ELEMENT) {
          continue;
        }
        if (r.getLocalName().equals("author")) {
          authors.add(r.getElementText());
        } else if (r.getLocalName().equals("comment")) {
          Target t = targetAt(AnnotatedCopy.attribute(r, "ref"));
          int authorId = AnnotatedCopy.intAttribute(r, "authorId", -1);
          String author = authorId >= 0 && authorId < authors.size() ? authors.get(authorId) : null;
          String text = commentText(r);
          if (t != null && !WorkbookAnnotator.COMMENT_AUTHOR.equals(author)) {
            t.earlierAuthor = author;
            t.earlierText = text;
          }
        }
      }
    }
  }

  /** The text of a comment (the element the reader is at), phonetic runs left out; the reader ends at its end. */
  private static String commentText(XMLStreamReader r) throws XMLStreamException {
    StringBuilder text = new StringBuilder();
    int depth = 1;
    int phonetic = 0;
    boolean inText = false;
    while (depth > 0) {
      int ev = r.next();
      if (ev == XMLStreamConstants.START_ELEMENT) {
        depth++;
        if (r.getLocalName().equals("rPh")) {
          phonetic++;
        } else if (r.getLocalName().equals("t") && phonetic == 0) {
          inText = true;
        }
      } else if (ev == XMLStreamConstants.END_ELEMENT) {
        depth--;
        if (r.getLocalName().equals("rPh")) {
          phonetic--;
        } else if (r.getLocalName().equals("t")) {
          inText = false;
        }
      } else if (inText && (ev == XMLStreamConstants.CHARACTERS || ev == XMLStreamConstants.CDATA
          || ev == XMLStreamConstants.SPACE)) {
        text.append(r.getTextCharacters(), r.getTextStart(), r.getTextLength());
      }
    }
    return text.toString();
  }

  private void newComments(DeflatedPart out) {
    XmlWriter w = new XmlWriter(out);
    w.start("comments").attribute("xmlns", Ooxml.MAIN);
    w.start("authors").start("author").text(WorkbookAnnotator.COMMENT_AUTHOR).end().end();
    w.start("commentList");
    ourComments(w, "", 0);
    w.finish();
  }

  private void rewriteComments(String commentsPart) throws IOException, XMLStreamException {
    DeflatedPart out = copy.replace(commentsPart);
    try (InputStream in = parts.open(commentsPart)) {
      XMLStreamReader r = WorkbookParts.reader(in, commentsPart);
      XmlWriter w = new XmlWriter(out);
      String p = "";
      int depth = 0;
      int authors = 0;
      int ours = -1;
      boolean authorsSeen = false;
      boolean listSeen = false;
      while (r.hasNext()) {
        int ev = r.next();
        if (ev == XMLStreamConstants.START_ELEMENT) {
          depth++;
          String name = r.getLocalName();
          if (depth == 1) {
            p = XmlWriter.qualified(r.getPrefix(), "");
          } else if (depth == 3 && name.equals("author")) {
            w.copyStart(r, Set.of());
            String author = r.getElementText();
            if (author.equals(WorkbookAnnotator.COMMENT_AUTHOR) && ours < 0) {
              ours = authors;
            }
            authors++;
            w.text(author).end();
            depth--;
            continue;
          } else if (depth == 3 && name.equals("comment") && targetAt(AnnotatedCopy.attribute(r, "ref")) != null) {
            skip(r);
            depth--;
            continue;
          }
          w.copy(r);
        } else if (ev == XMLStreamConstants.END_ELEMENT) {
          String name = r.getLocalName();
          if (depth == 2 && name.equals("authors")) {
            authorsSeen = true;
            if (ours < 0) {
              ours = authors;
              w.start(p + "author").text(WorkbookAnnotator.COMMENT_AUTHOR).end();
            }
          } else if (depth == 2 && name.equals("commentList")) {
            listSeen = true;
            ourComments(w, p, ours);
          } else if (depth == 1 && !listSeen) {
            if (!authorsSeen) {
              throw new UnsupportedWorkbookException("the comments part " + commentsPart + " has no authors");
            }
            w.start(p + "commentList");
            ourComments(w, p, ours);
            w.end();
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

  private void ourComments(XmlWriter w, String p, int authorId) {
    // The markup around each comment's text is the same but for its cell: made once, here.
    String open = "<" + p + "comment ref=\"";
    String afterRef = "\" authorId=\"" + authorId + "\"><" + p + "text><" + p + "t xml:space=\"preserve\">";
    String close = "</" + p + "t></" + p + "text></" + p + "comment>";
    for (Target t : targets.values()) {
      w.fragment(open).fragment(t.ref()).fragment(afterRef).text(t.comment()).fragment(close);
    }
  }

  /** Reads past the end of the element the reader is at. */
  private static void skip(XMLStreamReader r) throws XMLStreamException {
    int depth = 1;
    while (depth > 0) {
      int ev = r.next();
      if (ev == XMLStreamConstants.START_ELEMENT) {
        depth++;
      } else if (ev == XMLStreamConstants.END_ELEMENT) {
        depth--;
      }
    }
  }

  // ---- the comments' drawing (VML) -------------------------------------------------------------

  /** The prefixes the drawing's shapes are written with, and whether each must be declared on them. */
  private record Prefixes(String v, String o, String x, boolean declareV, boolean declareO, boolean declareX) {

    static Prefixes in(javax.xml.namespace.NamespaceContext context) {
      String v = context == null ? null : context.getPrefix(Ooxml.VML);
      String o = context == null ? null : context.getPrefix(Ooxml.OFFICE);
      String x = context == null ? null : context.getPrefix(Ooxml.EXCEL);
      return new Prefixes(v == null || v.isEmpty() ? "v" : v, o == null || o.isEmpty() ? "o" : o,
          x == null || x.isEmpty() ? "x" : x, v == null || v.isEmpty(), o == null || o.isEmpty(),
          x == null || x.isEmpty());
    }
  }

  private void newDrawing(DeflatedPart out) {
    XmlWriter w = new XmlWriter(out);
    w.start("xml").attribute("xmlns:v", Ooxml.VML).attribute("xmlns:o", Ooxml.OFFICE)
        .attribute("xmlns:x", Ooxml.EXCEL);
    Prefixes ns = new Prefixes("v", "o", "x", false, false, false);
    w.start("o:shapelayout").attribute("v:ext", "edit").empty("o:idmap", "v:ext", "edit", "data",
        Integer.toString(sheetNumber)).end();
    noteType(w, ns);
    ourShapes(w, ns, sheetNumber * 1024 + 1);
    w.finish();
  }

  /**
   * Copies the drawing without the note shapes of marked cells, then adds one per marked cell. Excel
   * has written unclosed {@code <br>} into these parts; they are closed before reading, as POI does.
   */
  private void rewriteDrawing(String vmlPart) throws IOException, XMLStreamException {
    String text;
    try (InputStream in = parts.open(vmlPart)) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("<br>", "<br/>");
    }
    DeflatedPart out = copy.replace(vmlPart);
    XMLStreamReader r = WorkbookParts.reader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
        vmlPart);
    XmlWriter w = new XmlWriter(out);
    Prefixes ns = null;
    boolean noteType = false;
    int maxId = 0;
    int depth = 0;
    while (r.hasNext()) {
      int ev = r.next();
      if (ev == XMLStreamConstants.START_ELEMENT) {
        depth++;
        maxId = Math.max(maxId, shapeNumber(AnnotatedCopy.attribute(r, "id")));
        if (depth == 1) {
          w.copy(r);
          ns = Prefixes.in(r.getNamespaceContext());
          continue;
        }
        if (depth == 2 && r.getLocalName().equals("shapetype") && NOTE_TYPE.equals(AnnotatedCopy.attribute(r, "id"))) {
          noteType = true;
        }
        if (depth == 2 && r.getLocalName().equals("shape") && Ooxml.VML.equals(r.getNamespaceURI())) {
          maxId = Math.max(maxId, copyShapeUnlessMarked(r, w));
          depth--;
          continue;
        }
        w.copy(r);
      } else if (ev == XMLStreamConstants.END_ELEMENT) {
        if (depth == 1) {
          if (ns == null) {
            ns = Prefixes.in(null);
          }
          if (!noteType) {
            noteType(w, ns);
          }
          ourShapes(w, ns, Math.max(maxId, sheetNumber * 1024) + 1);
        }
        depth--;
        w.copy(r);
      } else {
        w.copy(r);
      }
    }
    w.finish();
  }

  /**
   * Copies a shape (the element the reader is at) unless it is the note of a marked cell; returns the
   * highest shape number inside it.
   */
  private int copyShapeUnlessMarked(XMLStreamReader r, XmlWriter w) throws XMLStreamException {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    XmlWriter shape = XmlWriter.forFragment(buffer);
    shape.copy(r);
    int maxId = shapeNumber(AnnotatedCopy.attribute(r, "id"));
    boolean note = false;
    String row = null;
    String column = null;
    StringBuilder value = null;
    int depth = 1;
    while (depth > 0) {
      int ev = r.next();
      shape.copy(r);
      if (ev == XMLStreamConstants.START_ELEMENT) {
        depth++;
        String name = r.getLocalName();
        if (name.equals("ClientData") && "Note".equalsIgnoreCase(AnnotatedCopy.attribute(r, "ObjectType"))) {
          note = true;
        }
        value = name.equals("Row") || name.equals("Column") ? new StringBuilder() : null;
      } else if (ev == XMLStreamConstants.END_ELEMENT) {
        depth--;
        if (value != null && r.getLocalName().equals("Row")) {
          row = value.toString().trim();
        } else if (value != null && r.getLocalName().equals("Column")) {
          column = value.toString().trim();
        }
        value = null;
      } else if (value != null && ev == XMLStreamConstants.CHARACTERS) {
        value.append(r.getText());
      }
    }
    shape.finish();
    if (note && row != null && column != null) {
      try {
        if (targets.containsKey(AnnotatedCopy.key(Integer.parseInt(row) + 1, Integer.parseInt(column)))) {
          return maxId;
        }
      } catch (NumberFormatException e) {
        // not a cell's note: kept
      }
    }
    w.fragment(buffer.toString(StandardCharsets.UTF_8));
    return maxId;
  }

  /** The number of a shape id such as {@code _x0000_s1025}; 0 for any other id. */
  private static int shapeNumber(String id) {
    if (id == null || !id.startsWith("_x0000_s")) {
      return 0;
    }
    try {
      return Integer.parseInt(id.substring("_x0000_s".length()));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static void noteType(XmlWriter w, Prefixes ns) {
    w.start(ns.v() + ":shapetype");
    declare(w, ns);
    w.attribute("id", NOTE_TYPE).attribute("coordsize", "21600,21600").attribute(ns.o() + ":spt", "202")
        .attribute("path", "m,l,21600r21600,l21600,xe");
    w.empty(ns.v() + ":stroke", "joinstyle", "miter");
    w.empty(ns.v() + ":path", "gradientshapeok", "t", ns.o() + ":connecttype", "rect");
    w.end();
  }

  private static void declare(XmlWriter w, Prefixes ns) {
    if (ns.declareV()) {
      w.attribute("xmlns:" + ns.v(), Ooxml.VML);
    }
    if (ns.declareO()) {
      w.attribute("xmlns:" + ns.o(), Ooxml.OFFICE);
    }
    if (ns.declareX()) {
      w.attribute("xmlns:" + ns.x(), Ooxml.EXCEL);
    }
  }

  /**
   * One hidden note box per marked cell, as Excel draws a comment: right of the cell, five columns wide
   * and as many rows as its text needs (4 to 24), not moved or sized with the cells.
   */
  private void ourShapes(XmlWriter w, Prefixes ns, int firstId) {
    int id = firstId;
    String v = ns.v() + ":";
    String x = ns.x() + ":";
    // A shape is the same text but for its id, anchor, row and column: the rest is made once, here.
    StringBuilder declarations = new StringBuilder();
    if (ns.declareV()) {
      declarations.append(" xmlns:").append(ns.v()).append("=\"").append(Ooxml.VML).append('"');
    }
    if (ns.declareO()) {
      declarations.append(" xmlns:").append(ns.o()).append("=\"").append(Ooxml.OFFICE).append('"');
    }
    if (ns.declareX()) {
      declarations.append(" xmlns:").append(ns.x()).append("=\"").append(Ooxml.EXCEL).append('"');
    }
    String open = "<" + v + "shape" + declarations + " id=\"_x0000_s";
    // What every note looks like (Excel's defaults).
    String look = "\" type=\"#" + NOTE_TYPE + "\" style=\"position:absolute;visibility:hidden\" fillcolor=\"#ffffe1\" "
        + ns.o() + ":insetmode=\"auto\"><" + v + "fill color2=\"#ffffe1\"/><" + v + "shadow on=\"t\" color=\"black\""
        + " obscured=\"t\"/><" + v + "path " + ns.o() + ":connecttype=\"none\"/><" + v + "textbox"
        + " style=\"mso-direction-alt:auto\"><div style=\"text-align:left\"></div></" + v + "textbox><" + x
        + "ClientData ObjectType=\"Note\"><" + x + "MoveWithCells/><" + x + "SizeWithCells/><" + x + "Anchor>";
    String afterAnchor = "</" + x + "Anchor><" + x + "AutoFill>False</" + x + "AutoFill><" + x + "Row>";
    String afterRow = "</" + x + "Row><" + x + "Column>";
    String close = "</" + x + "Column></" + x + "ClientData></" + v + "shape>";
    for (Target t : targets.values()) {
      String text = t.comment();
      int lines = 1 + text.length() / 60;
      for (int i = 0; i < text.length(); i++) {
        if (text.charAt(i) == '\n') {
          lines++;
        }
      }
      int top = t.row - 1;
      int left = t.column + 1;
      w.fragment(open).text(id++).fragment(look);
      w.text(left).fragment(", 0, ").text(top).fragment(", 0, ").text(left + COMMENT_COLUMNS).fragment(", 0, ")
          .text(top + Math.min(Math.max(lines, 4), MAX_COMMENT_ROWS)).fragment(", 0");
      w.fragment(afterAnchor).text(top).fragment(afterRow).text(t.column).fragment(close);
    }
  }
}
