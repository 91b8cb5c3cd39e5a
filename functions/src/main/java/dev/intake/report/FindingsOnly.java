package dev.intake.report;

import dev.intake.model.FindingsReport;
import dev.intake.parsing.PackageWriter;
import dev.intake.parsing.PackageWriter.DeflatedPart;
import dev.intake.parsing.XmlWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.xml.stream.XMLStreamException;

/** A new workbook holding only the Findings sheet, for a file that is not (or cannot be) annotated. */
final class FindingsOnly {

  private static final String WORKBOOK = "xl/workbook.xml";
  private static final String SHEET = "xl/worksheets/sheet1.xml";
  private static final String STYLES = "xl/styles.xml";

  private FindingsOnly() {
  }

  /** @param changes what changed since the partner's previous submission, or null when not compared */
  static byte[] write(FindingsReport report, String note, Comparison changes) {
    try {
      FindingsSheet.Content content = FindingsSheet.content(report, note, changes, at -> null);
      PackageWriter out = new PackageWriter();

      DeflatedPart types = new DeflatedPart(512);
      XmlWriter w = new XmlWriter(types);
      w.start("Types").attribute("xmlns", Ooxml.CONTENT_TYPES);
      w.empty("Default", "Extension", "rels", "ContentType", Ooxml.TYPE_RELATIONSHIPS);
      w.empty("Default", "Extension", "xml", "ContentType", "application/xml");
      w.empty("Override", "PartName", "/" + WORKBOOK, "ContentType", Ooxml.TYPE_WORKBOOK);
      w.empty("Override", "PartName", "/" + SHEET, "ContentType", Ooxml.TYPE_WORKSHEET);
      w.empty("Override", "PartName", "/" + STYLES, "ContentType", Ooxml.TYPE_STYLES);
      w.finish();
      out.add("[Content_Types].xml", types);

      out.add("_rels/.rels", relationships(new String[] {"rId1", Ooxml.REL_OFFICE_DOCUMENT, WORKBOOK}));

      DeflatedPart workbook = new DeflatedPart(512);
      w = new XmlWriter(workbook);
      w.start("workbook").attribute("xmlns", Ooxml.MAIN).attribute("xmlns:r", Ooxml.RELATIONSHIPS);
      w.start("bookViews").empty("workbookView", "activeTab", "0").end();
      w.start("sheets").empty("sheet", "name", FindingsSheet.NAME, "sheetId", "1", "r:id", "rId1").end();
      w.start("definedNames").start("definedName").attribute("name", "_xlnm._FilterDatabase")
          .attribute("localSheetId", "0").attribute("hidden", "1")
          .text("'" + FindingsSheet.NAME + "'!" + FindingsSheetXml.filterRange(content)).end().end();
      w.finish();
      out.add(WORKBOOK, workbook);

      out.add("xl/_rels/workbook.xml.rels", relationships(
          new String[] {"rId1", Ooxml.REL_WORKSHEET, "worksheets/sheet1.xml"},
          new String[] {"rId2", Ooxml.REL_STYLES, "styles.xml"}));

      StylesPatch styles = StylesPatch.scan(StylesPatch.defaultPart());
      DeflatedPart stylesPart = new DeflatedPart(1024);
      w = new XmlWriter(stylesPart);
      styles.write(StylesPatch.defaultPart(), w);
      w.finish();
      out.add(STYLES, stylesPart);

      DeflatedPart sheet = new DeflatedPart(4096);
      FindingsSheetXml.write(content, styles.looks(), sheet);
      out.add(SHEET, sheet);
      return out.finish();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (XMLStreamException e) {
      throw new IllegalStateException("the built-in styles part does not parse", e);
    }
  }

  private static DeflatedPart relationships(String[]... rels) {
    DeflatedPart part = new DeflatedPart(512);
    XmlWriter w = new XmlWriter(part);
    w.start("Relationships").attribute("xmlns", Ooxml.PACKAGE_RELATIONSHIPS);
    for (String[] rel : rels) {
      w.empty("Relationship", "Id", rel[0], "Type", rel[1], "Target", rel[2]);
    }
    w.finish();
    return part;
  }

}
