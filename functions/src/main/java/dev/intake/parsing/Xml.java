package dev.intake.parsing;

import java.io.InputStream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * StAX over workbook parts with DTDs and external entities off. Excel never writes a DTD, so a part
 * that declares one is refused outright: that is how XXE and billion-laughs payloads arrive.
 */
final class Xml {

  private static final XMLInputFactory FACTORY = newFactory();

  private Xml() {
  }

  private static XMLInputFactory newFactory() {
    // The JDK's own implementation, whatever else is on the class path.
    XMLInputFactory f = XMLInputFactory.newDefaultFactory();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
    f.setProperty(XMLInputFactory.IS_COALESCING, false);
    return f;
  }

  static XMLStreamReader reader(InputStream in, String part) {
    try {
      return new DtdRefusingReader(FACTORY.createXMLStreamReader(in), part);
    } catch (XMLStreamException e) {
      throw malformed(part, e);
    }
  }

  static RejectedFileException malformed(String part, Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof RejectedFileException r) {
        return r;
      }
    }
    return new RejectedFileException("file-corrupt",
        "The part '" + part + "' of the workbook is not well-formed XML, so the file is damaged or was not"
            + " written by a spreadsheet program.",
        "Open the workbook in Excel, save it again as .xlsx, and upload the new file.");
  }

  static RejectedFileException dtd(String part) {
    return new RejectedFileException("file-dtd",
        "The part '" + part + "' declares a document type (DTD). Excel never writes one; it is how XML entity"
            + " attacks (XXE, billion laughs) are delivered, so the file was not read.",
        "Upload the workbook as Excel saved it, or fill the blank template again.");
  }

  /** Reads the text of the current element, refusing nested elements' text beyond a limit. */
  static String elementText(XMLStreamReader r, int maxChars) throws XMLStreamException {
    StringBuilder sb = new StringBuilder();
    int depth = 1;
    while (depth > 0) {
      int ev = r.next();
      if (ev == XMLStreamConstants.START_ELEMENT) {
        depth++;
      } else if (ev == XMLStreamConstants.END_ELEMENT) {
        depth--;
      } else if ((ev == XMLStreamConstants.CHARACTERS || ev == XMLStreamConstants.CDATA)
          && sb.length() < maxChars) {
        // The parser's own buffer, not a String copy of it: this runs for every cell value.
        sb.append(r.getTextCharacters(), r.getTextStart(), Math.min(r.getTextLength(), maxChars - sb.length()));
      }
    }
    return sb.toString();
  }

  /**
   * The relationship id of the current element ({@code r:id}): its {@code id} attribute in the
   * relationships namespace, whatever prefix the part binds it to — transitional OOXML's
   * {@code http://schemas.openxmlformats.org/officeDocument/2006/relationships} or strict OOXML's
   * {@code http://purl.oclc.org/ooxml/officeDocument/relationships}. Null when it has none; an
   * {@code id} in no namespace or another one is not a relationship id.
   */
  static String relationshipId(XMLStreamReader r) {
    for (int i = 0; i < r.getAttributeCount(); i++) {
      String namespace = r.getAttributeNamespace(i);
      if (r.getAttributeLocalName(i).equals("id") && namespace != null && namespace.contains("relationships")) {
        return r.getAttributeValue(i);
      }
    }
    return null;
  }

  /** Wraps a reader so that any DTD event stops the read. */
  private static final class DtdRefusingReader extends javax.xml.stream.util.StreamReaderDelegate {
    private final String part;

    DtdRefusingReader(XMLStreamReader delegate, String part) {
      super(delegate);
      this.part = part;
    }

    @Override
    public int next() throws XMLStreamException {
      int ev = super.next();
      if (ev == XMLStreamConstants.DTD || ev == XMLStreamConstants.ENTITY_REFERENCE
          || ev == XMLStreamConstants.ENTITY_DECLARATION) {
        throw dtd(part);
      }
      return ev;
    }
  }
}
