package dev.intake.report;

import dev.intake.model.Severity;
import dev.intake.parsing.WorkbookParts;
import dev.intake.parsing.XmlWriter;
import java.io.ByteArrayInputStream;
import dev.intake.report.FindingsSheet.Look;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The cell styles an annotation adds to a workbook's styles part, and the pass that writes them: the
 * Findings sheet's looks (title, labels, header, wrapped text, links, one per severity) and, for each
 * style a marked cell had, a copy of it filled by severity, so the cell keeps its number format,
 * font, borders and alignment. Everything already in the part is copied unchanged and keeps its index.
 *
 * <p>Use: {@link #scan} the part, hand out indexes with {@link #looks()} and {@link #filled} while the
 * sheets are written, then {@link #write} the part.
 */
final class StylesPatch {

  /** A workbook's styles when it has none (or for a new workbook): one font, the two fills Excel reserves. */
  static final String DEFAULT = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
      + "<styleSheet xmlns=\"" + Ooxml.MAIN + "\"><fonts count=\"1\"><font><sz val=\"11\"/><name val=\"Calibri\"/>"
      + "<family val=\"2\"/></font></fonts><fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill>"
      + "<fill><patternFill patternType=\"gray125\"/></fill></fills><borders count=\"1\"><border><left/><right/>"
      + "<top/><bottom/><diagonal/></border></borders><cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\""
      + " fillId=\"0\" borderId=\"0\"/></cellStyleXfs><cellXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\""
      + " fillId=\"0\" borderId=\"0\" xfId=\"0\"/></cellXfs><cellStyles count=\"1\"><cellStyle name=\"Normal\""
      + " xfId=\"0\" builtinId=\"0\"/></cellStyles></styleSheet>";

  /** Excel's indexed colours the template's header uses: white on dark blue; links are blue. */
  private static final String WHITE = "9";
  private static final String DARK_BLUE = "18";
  private static final String BLUE = "12";

  private enum Font { TITLE, BOLD, HEADER, LINK }

  private enum Fill { BLOCKER, WARNING, NOTE, HEADER }

  private static final List<String> COLLECTIONS = List.of("fonts", "fills", "borders", "cellXfs");

  private final Map<String, Integer> counts;
  private final Map<Look, Integer> looks = new EnumMap<>(Look.class);
  /** (original style, severity) → the new style's index, in the order they were handed out. */
  private final Map<Long, Integer> filled = new LinkedHashMap<>();
  private int next;

  private StylesPatch(Map<String, Integer> counts) {
    this.counts = counts;
    this.next = counts.get("cellXfs");
    looks.put(Look.PLAIN, 0);
    for (Look look : Look.values()) {
      if (look != Look.PLAIN) {
        looks.put(look, next++);
      }
    }
  }

  /** A reader over {@link #DEFAULT}. */
  static XMLStreamReader defaultPart() {
    return WorkbookParts.reader(new ByteArrayInputStream(DEFAULT.getBytes(StandardCharsets.UTF_8)), "styles.xml");
  }

  /** Counts what the part holds; fails when it lacks fonts, fills, borders or cell styles (Excel writes all four). */
  static StylesPatch scan(XMLStreamReader r) throws XMLStreamException {
    Map<String, Integer> counts = new HashMap<>();
    int depth = 0;
    String in = null;
    while (r.hasNext()) {
      int ev = r.next();
      if (ev == XMLStreamConstants.START_ELEMENT) {
        depth++;
        if (depth == 2 && COLLECTIONS.contains(r.getLocalName())) {
          in = r.getLocalName();
          counts.putIfAbsent(in, 0);
        } else if (depth == 3 && in != null) {
          counts.merge(in, 1, Integer::sum);
        }
      } else if (ev == XMLStreamConstants.END_ELEMENT) {
        if (depth == 2) {
          in = null;
        }
        depth--;
      }
    }
    for (String c : COLLECTIONS) {
      if (!counts.containsKey(c)) {
        throw new UnsupportedWorkbookException("the styles part has no " + c);
      }
    }
    return new StylesPatch(counts);
  }

  /** The style index of each look of the Findings sheet. */
  Map<Look, Integer> looks() {
    return looks;
  }

  /** The index of a style like {@code original} but filled for {@code severity}; the same pair gives the same index. */
  int filled(int original, Severity severity) {
    int base = original >= 0 && original < counts.get("cellXfs") ? original : 0;
    return filled.computeIfAbsent(((long) base << 8) | severity.ordinal(), k -> next++);
  }

  /** Copies the part from {@code r} to {@code w} with the fonts, fills, border and styles handed out added. */
  void write(XMLStreamReader r, XmlWriter w) throws XMLStreamException {
    Map<Integer, String> originals = new HashMap<>();
    Map<Integer, List<String[]>> originalAttributes = new HashMap<>();
    Set<Integer> wanted = new java.util.HashSet<>();
    filled.keySet().forEach(k -> wanted.add((int) (k >> 8)));
    int depth = 0;
    String in = null;
    String prefix = "";
    int xf = -1;
    while (r.hasNext()) {
      int ev = r.next();
      if (ev == XMLStreamConstants.START_ELEMENT) {
        depth++;
        if (depth == 2 && COLLECTIONS.contains(r.getLocalName())) {
          in = r.getLocalName();
          prefix = r.getPrefix();
          w.copyStart(r, Set.of("count")).attribute("count", counts.get(in) + added(in));
          continue;
        }
        if (depth == 3 && "cellXfs".equals(in)) {
          xf++;
          if (wanted.contains(xf)) {
            originalAttributes.put(xf, attributes(r));
            w.copyStart(r, Set.of());
            originals.put(xf, innerCopy(r, w));
            depth--;
            continue;
          }
        }
        w.copy(r);
      } else if (ev == XMLStreamConstants.END_ELEMENT) {
        if (depth == 2 && in != null) {
          appendTo(in, w, XmlWriter.qualified(prefix, ""), originals, originalAttributes);
          in = null;
        }
        depth--;
        w.copy(r);
      } else {
        w.copy(r);
      }
    }
  }

  private int added(String collection) {
    return switch (collection) {
      case "fonts" -> Font.values().length;
      case "fills" -> Fill.values().length;
      case "borders" -> 1;
      default -> next - counts.get("cellXfs");
    };
  }

  /** The element's attributes but its fill, as pairs of qualified name and value. */
  private static List<String[]> attributes(XMLStreamReader r) {
    List<String[]> out = new ArrayList<>();
    for (int i = 0; i < r.getAttributeCount(); i++) {
      String name = XmlWriter.qualified(r.getAttributePrefix(i), r.getAttributeLocalName(i));
      if (!name.equals("fillId") && !name.equals("applyFill")) {
        out.add(new String[] {name, r.getAttributeValue(i)});
      }
    }
    return out;
  }

  /** Copies what is inside the current element, and its end, to {@code w}; returns the inside as XML. */
  private static String innerCopy(XMLStreamReader r, XmlWriter w) throws XMLStreamException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    XmlWriter inner = XmlWriter.forFragment(bytes);
    int depth = 1;
    while (depth > 0) {
      int ev = r.next();
      if (ev == XMLStreamConstants.START_ELEMENT) {
        depth++;
      } else if (ev == XMLStreamConstants.END_ELEMENT) {
        depth--;
      }
      w.copy(r);
      if (depth > 0) {
        inner.copy(r);
      }
    }
    inner.finish();
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private void appendTo(String collection, XmlWriter w, String p, Map<Integer, String> originals,
      Map<Integer, List<String[]>> originalAttributes) {
    int fonts = counts.get("fonts");
    int fills = counts.get("fills");
    int border = counts.get("borders");
    switch (collection) {
      case "fonts" -> {
        font(w, p, "14", null, false);
        font(w, p, "11", null, false);
        font(w, p, "11", WHITE, false);
        font(w, p, "11", BLUE, true);
      }
      case "fills" -> {
        fill(w, p, "rgb", "FF" + WorkbookAnnotator.FILLS.get(Severity.BLOCKER));
        fill(w, p, "rgb", "FF" + WorkbookAnnotator.FILLS.get(Severity.WARNING));
        fill(w, p, "rgb", "FF" + WorkbookAnnotator.FILLS.get(Severity.INFO));
        fill(w, p, "indexed", DARK_BLUE);
      }
      case "borders" -> {
        w.start(p + "border").empty(p + "left").empty(p + "right").empty(p + "top");
        w.start(p + "bottom").attribute("style", "thin").empty(p + "color", "indexed", "64").end();
        w.empty(p + "diagonal").end();
      }
      default -> {
        xf(w, p, fonts + Font.TITLE.ordinal(), 0, 0, null, false);
        xf(w, p, fonts + Font.BOLD.ordinal(), 0, 0, "top", false);
        xf(w, p, fonts + Font.HEADER.ordinal(), fills + Fill.HEADER.ordinal(), border, "center", false);
        xf(w, p, 0, 0, 0, "top", true);
        xf(w, p, fonts + Font.LINK.ordinal(), 0, 0, "top", false);
        xf(w, p, fonts + Font.BOLD.ordinal(), fills + Fill.BLOCKER.ordinal(), 0, "top", false);
        xf(w, p, fonts + Font.BOLD.ordinal(), fills + Fill.WARNING.ordinal(), 0, "top", false);
        xf(w, p, fonts + Font.BOLD.ordinal(), fills + Fill.NOTE.ordinal(), 0, "top", false);
        for (long key : filled.keySet()) {
          int base = (int) (key >> 8);
          Severity severity = Severity.values()[(int) (key & 0xff)];
          w.start(p + "xf");
          List<String[]> attributes = originalAttributes.get(base);
          if (attributes == null) {
            // A style the scan counted but the copy did not meet: the default's look, filled.
            w.attribute("numFmtId", "0").attribute("fontId", "0").attribute("borderId", "0").attribute("xfId", "0");
          } else {
            attributes.forEach(a -> w.attribute(a[0], a[1]));
          }
          w.attribute("fillId", fills + fillOf(severity).ordinal()).attribute("applyFill", "1");
          String inner = originals.get(base);
          if (inner != null && !inner.isEmpty()) {
            w.fragment(inner);
          }
          w.end();
        }
      }
    }
  }

  private static Fill fillOf(Severity severity) {
    return switch (severity) {
      case BLOCKER -> Fill.BLOCKER;
      case WARNING -> Fill.WARNING;
      case INFO -> Fill.NOTE;
    };
  }

  private static void font(XmlWriter w, String p, String size, String color, boolean underline) {
    w.start(p + "font");
    if (!underline) {
      w.empty(p + "b");
    } else {
      w.empty(p + "u");
    }
    w.empty(p + "sz", "val", size);
    if (color != null) {
      w.empty(p + "color", "indexed", color);
    }
    w.empty(p + "name", "val", "Calibri").empty(p + "family", "val", "2");
    w.end();
  }

  private static void fill(XmlWriter w, String p, String kind, String color) {
    w.start(p + "fill").start(p + "patternFill").attribute("patternType", "solid");
    w.empty(p + "fgColor", kind, color).empty(p + "bgColor", "indexed", "64");
    w.end().end();
  }

  private static void xf(XmlWriter w, String p, int font, int fill, int border, String vertical, boolean wrap) {
    w.start(p + "xf").attribute("numFmtId", "0").attribute("fontId", font).attribute("fillId", fill)
        .attribute("borderId", border).attribute("xfId", "0");
    if (font != 0) {
      w.attribute("applyFont", "1");
    }
    if (fill != 0) {
      w.attribute("applyFill", "1");
    }
    if (border != 0) {
      w.attribute("applyBorder", "1");
    }
    if (vertical != null) {
      w.attribute("applyAlignment", "1").start(p + "alignment").attribute("vertical", vertical);
      if (wrap) {
        w.attribute("wrapText", "1");
      }
      w.end();
    }
    w.end();
  }
}
