package dev.intake.parsing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.junit.jupiter.api.Test;

class XmlWriterTest {

  @Test
  void attribute_lineBreaksTabsQuotesAndMarkup_readBackAsWritten() throws XMLStreamException {
    String value = "line 1\nline 2\tx\r\"quoted\" & <b>";

    String xml = write(w -> w.start("a").attribute("title", value).end());

    XMLStreamReader r = reader(xml);
    r.nextTag();
    assertThat(r.getAttributeValue(null, "title")).isEqualTo(value);
    assertThat(xml).contains("&#10;", "&#9;", "&#13;", "&quot;", "&amp;", "&lt;b&gt;");
  }

  @Test
  void text_carriageReturnAndMarkup_readBackAsWritten() throws XMLStreamException {
    String value = "a\r\nb <c> & \"d\"";

    String xml = write(w -> w.start("a").text(value).end());

    XMLStreamReader r = reader(xml);
    r.nextTag();
    assertThat(r.getElementText()).isEqualTo(value);
  }

  @Test
  void text_charactersXmlCannotHold_areDroppedAndTheRestKept() throws XMLStreamException {
    String xml = write(w -> w.start("a").text("x\u0001y\u0000z\uFFFE").end());

    XMLStreamReader r = reader(xml);
    r.nextTag();
    assertThat(r.getElementText()).isEqualTo("xyz");
  }

  @Test
  void end_elementWithNothingInside_isClosedInItsStartTag() {
    assertThat(write(w -> w.start("a").start("b").attribute("k", "v").end().end())).endsWith("<a><b k=\"v\"/></a>");
  }

  @Test
  void copy_documentWithNamespacesPrefixesCommentsAndInstructions_readsBackEventForEvent() throws XMLStreamException {
    String original = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<x:root xmlns:x=\"urn:main\" xmlns:r=\"urn:rel\""
        + " r:id=\"rId1\" plain=\"a&#10;b\"><!-- a comment --><?target data?><x:child xmlns=\"urn:default\">"
        + "<inner attr=\"&quot;q&quot;\">text &amp; <![CDATA[<cdata>]]></inner></x:child><x:empty/></x:root>";

    String copied = write(w -> {
      XMLStreamReader r = reader(original);
      try {
        while (r.hasNext()) {
          r.next();
          w.copy(r);
        }
      } catch (XMLStreamException e) {
        throw new IllegalStateException(e);
      }
    });

    assertThat(events(copied)).isEqualTo(events(original));
  }

  @Test
  void copyStart_skippingAnAttribute_writesTheOthersAndTakesANewOne() throws XMLStreamException {
    String xml = write(w -> {
      XMLStreamReader r = reader("<c r=\"B5\" s=\"3\" t=\"s\"/>");
      try {
        r.nextTag();
      } catch (XMLStreamException e) {
        throw new IllegalStateException(e);
      }
      w.copyStart(r, Set.of("s")).attribute("s", "9").end();
    });

    assertThat(xml).endsWith("<c r=\"B5\" t=\"s\" s=\"9\"/>");
  }

  @Test
  void text_anyCharactersInPiecesOfAnyLength_encodedAsTheJdkEncodesTheWholeText() {
    // Surrogate pairs split between two calls, unpaired surrogates, texts longer than the buffers.
    char[] alphabet = {'a', ' ', '\u00e9', '\u20ac', '\u4e2d', '\uD83D', '\uDE00'};
    java.util.Random random = new java.util.Random(17);
    for (int round = 0; round < 200; round++) {
      List<String> pieces = new ArrayList<>();
      int count = 1 + random.nextInt(6);
      for (int p = 0; p < count; p++) {
        StringBuilder piece = new StringBuilder();
        int length = random.nextInt(round % 10 == 0 ? 40_000 : 12);
        for (int i = 0; i < length; i++) {
          piece.append(alphabet[random.nextInt(alphabet.length)]);
        }
        pieces.add(piece.toString());
      }

      ByteArrayOutputStream out = new ByteArrayOutputStream();
      XmlWriter w = XmlWriter.forFragment(out);
      w.start("a");
      pieces.forEach(w::text);
      w.end();
      w.finish();

      assertThat(out.toByteArray()).as("round %d", round)
          .isEqualTo(("<a>" + String.join("", pieces) + "</a>").getBytes(StandardCharsets.UTF_8));
    }
  }

  @Test
  void attributeAndText_numbers_writtenAsTheirDigits() {
    String xml = write(w -> w.start("a").attribute("n", -1234567890123L).attribute("z", 0).attribute("m",
        Long.MIN_VALUE).text(1_000_000).end());

    assertThat(xml).endsWith("<a n=\"-1234567890123\" z=\"0\" m=\"" + Long.MIN_VALUE + "\">1000000</a>");
  }

  private interface Writing {
    void to(XmlWriter w);
  }

  private static String write(Writing writing) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    XmlWriter w = new XmlWriter(out);
    writing.to(w);
    w.finish();
    return out.toString(StandardCharsets.UTF_8);
  }

  private static XMLStreamReader reader(String xml) {
    return Xml.reader(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), "test.xml");
  }

  /** Each event as text: kind, qualified name, namespace, declarations, attributes; text merged across events. */
  private static List<String> events(String xml) throws XMLStreamException {
    List<String> out = new ArrayList<>();
    XMLStreamReader r = reader(xml);
    StringBuilder text = new StringBuilder();
    while (r.hasNext()) {
      int ev = r.next();
      if (ev == XMLStreamConstants.CHARACTERS || ev == XMLStreamConstants.CDATA || ev == XMLStreamConstants.SPACE) {
        text.append(r.getText());
        continue;
      }
      if (!text.isEmpty()) {
        out.add("text " + text);
        text.setLength(0);
      }
      switch (ev) {
        case XMLStreamConstants.START_ELEMENT -> {
          StringBuilder e = new StringBuilder("start " + r.getPrefix() + ":" + r.getLocalName() + " {"
              + r.getNamespaceURI() + "}");
          for (int i = 0; i < r.getNamespaceCount(); i++) {
            e.append(" xmlns:").append(r.getNamespacePrefix(i)).append('=').append(r.getNamespaceURI(i));
          }
          for (int i = 0; i < r.getAttributeCount(); i++) {
            e.append(' ').append(r.getAttributePrefix(i)).append(':').append(r.getAttributeLocalName(i)).append('=')
                .append(r.getAttributeValue(i));
          }
          out.add(e.toString());
        }
        case XMLStreamConstants.END_ELEMENT -> out.add("end " + r.getLocalName());
        case XMLStreamConstants.COMMENT -> out.add("comment " + r.getText());
        case XMLStreamConstants.PROCESSING_INSTRUCTION -> out.add("pi " + r.getPITarget() + " " + r.getPIData());
        default -> out.add("event " + ev);
      }
    }
    return out;
  }
}
