package dev.intake.parsing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamReader;

/**
 * A small streaming XML writer for package parts, and a copier of what a {@link XMLStreamReader}
 * reads: a part is copied event by event, with only the elements and attributes a change needs
 * written differently.
 *
 * <p>Not the JDK's {@code XMLStreamWriter}: that one writes a tab, carriage return or line feed in an
 * attribute as itself, which a reader turns into a space (XML attribute normalisation), so copying
 * Excel's {@code prompt="line 1&#10;line 2"} would change the partner's text. Here they are written
 * as character references, and a carriage return in text as {@code &#13;}. Characters XML cannot
 * hold are dropped (a reader never gives them; generated text should not hold them either).
 */
public final class XmlWriter {

  private static final String DECLARATION = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

  private final Writer out;
  /** Written text not yet encoded: one call to the encoder per buffer, not per name or value. */
  private final char[] buffer = new char[8 * 1024];
  private int buffered;
  private final Deque<String> open = new ArrayDeque<>();
  /** A start tag is written up to its attributes until something follows it, so an empty element can be "/>". */
  private boolean startPending;

  /** Writes to {@code out} (UTF-8), starting with the XML declaration. */
  public XmlWriter(OutputStream out) {
    this(out, true);
  }

  private XmlWriter(OutputStream out, boolean declaration) {
    this.out = new OutputStreamWriter(out, StandardCharsets.UTF_8);
    if (declaration) {
      raw(DECLARATION);
    }
  }

  /** A writer of a fragment (no XML declaration), to be put into a document later with {@link #fragment}. */
  public static XmlWriter forFragment(OutputStream out) {
    return new XmlWriter(out, false);
  }

  /** Writes XML that is already well-formed and escaped: a fragment written by {@link #forFragment}. */
  public XmlWriter fragment(String xml) {
    closeStart();
    raw(xml);
    return this;
  }

  /** Opens an element; {@code name} is qualified as it should appear ({@code "x:row"} or {@code "row"}). */
  public XmlWriter start(String name) {
    closeStart();
    raw("<");
    raw(name);
    open.push(name);
    startPending = true;
    return this;
  }

  /** Adds an attribute to the element just opened. */
  public XmlWriter attribute(String name, String value) {
    if (!startPending) {
      throw new IllegalStateException("attribute " + name + " outside a start tag");
    }
    raw(" ");
    raw(name);
    raw("=\"");
    escape(value, true);
    raw("\"");
    return this;
  }

  public XmlWriter attribute(String name, long value) {
    return attribute(name, Long.toString(value));
  }

  public XmlWriter text(String text) {
    closeStart();
    escape(text, false);
    return this;
  }

  /** Closes the element opened last. */
  public XmlWriter end() {
    String name = open.pop();
    if (startPending) {
      raw("/>");
      startPending = false;
    } else {
      raw("</");
      raw(name);
      raw(">");
    }
    return this;
  }

  /** {@code <name attributes.../>} in one call: pairs of attribute name and value. */
  public XmlWriter empty(String name, String... attributes) {
    start(name);
    for (int i = 0; i + 1 < attributes.length; i += 2) {
      if (attributes[i + 1] != null) {
        attribute(attributes[i], attributes[i + 1]);
      }
    }
    return end();
  }

  /** Depth of the elements open here. */
  public int depth() {
    return open.size();
  }

  /**
   * Copies the reader's current event: an element start with its namespace declarations and
   * attributes, an element end, text, a comment or a processing instruction. The document's own start
   * and end are not copied (this writer wrote its declaration).
   */
  public void copy(XMLStreamReader r) {
    switch (r.getEventType()) {
      case XMLStreamConstants.START_ELEMENT -> copyStart(r, Set.of());
      case XMLStreamConstants.END_ELEMENT -> end();
      case XMLStreamConstants.CHARACTERS, XMLStreamConstants.SPACE, XMLStreamConstants.CDATA -> {
        closeStart();
        escape(r.getTextCharacters(), r.getTextStart(), r.getTextLength(), false);
      }
      case XMLStreamConstants.COMMENT -> {
        closeStart();
        // "--" cannot appear in a comment, so the reader never gives one: the text is copied as it is.
        raw("<!--");
        raw(r.getText());
        raw("-->");
      }
      case XMLStreamConstants.PROCESSING_INSTRUCTION -> {
        closeStart();
        raw("<?");
        raw(r.getPITarget());
        if (r.getPIData() != null && !r.getPIData().isEmpty()) {
          raw(" ");
          raw(r.getPIData());
        }
        raw("?>");
      }
      default -> {
        // start and end of document: the declaration is this writer's own
      }
    }
  }

  /**
   * Copies the reader's current element start with its namespace declarations and every attribute
   * except the unprefixed ones named in {@code skip}; more attributes may follow with {@link #attribute}.
   */
  public XmlWriter copyStart(XMLStreamReader r, Set<String> skip) {
    start(qualified(r.getPrefix(), r.getLocalName()));
    for (int i = 0; i < r.getNamespaceCount(); i++) {
      String prefix = r.getNamespacePrefix(i);
      String uri = r.getNamespaceURI(i);
      attribute(prefix == null || prefix.isEmpty() ? "xmlns" : "xmlns:" + prefix, uri == null ? "" : uri);
    }
    for (int i = 0; i < r.getAttributeCount(); i++) {
      String prefix = r.getAttributePrefix(i);
      boolean plain = prefix == null || prefix.isEmpty();
      if (plain && skip.contains(r.getAttributeLocalName(i))) {
        continue;
      }
      attribute(qualified(prefix, r.getAttributeLocalName(i)), r.getAttributeValue(i));
    }
    return this;
  }

  /** {@code prefix:local}, or {@code local} without a prefix. */
  public static String qualified(String prefix, String local) {
    return prefix == null || prefix.isEmpty() ? local : prefix + ":" + local;
  }

  /** Closes every element still open and flushes; the stream underneath stays open. */
  public void finish() {
    while (!open.isEmpty()) {
      end();
    }
    try {
      drain();
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ---- output ----------------------------------------------------------------------------------

  private void closeStart() {
    if (startPending) {
      raw(">");
      startPending = false;
    }
  }

  private void raw(String s) {
    int n = s.length();
    if (buffered + n > buffer.length) {
      drainUnchecked();
      if (n > buffer.length) {
        write(s.toCharArray(), 0, n);
        return;
      }
    }
    s.getChars(0, n, buffer, buffered);
    buffered += n;
  }

  private void raw(char[] chars, int start, int n) {
    if (buffered + n > buffer.length) {
      drainUnchecked();
      if (n > buffer.length) {
        write(chars, start, n);
        return;
      }
    }
    System.arraycopy(chars, start, buffer, buffered, n);
    buffered += n;
  }

  private void drain() throws IOException {
    out.write(buffer, 0, buffered);
    buffered = 0;
  }

  private void drainUnchecked() {
    write(buffer, 0, buffered);
    buffered = 0;
  }

  private void write(char[] chars, int start, int n) {
    try {
      out.write(chars, start, n);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void escape(String s, boolean attribute) {
    if (s == null) {
      return;
    }
    // Most names and values need no escaping: written as they are, without copying them to an array.
    for (int i = 0; i < s.length(); i++) {
      if (replacement(s.charAt(i), attribute) != null) {
        escape(s.toCharArray(), 0, s.length(), attribute);
        return;
      }
    }
    raw(s);
  }

  private void escape(char[] chars, int start, int length, boolean attribute) {
    int run = start;
    int end = start + length;
    for (int i = start; i < end; i++) {
      char c = chars[i];
      String replacement = replacement(c, attribute);
      if (replacement != null) {
        raw(chars, run, i - run);
        raw(replacement);
        run = i + 1;
      }
    }
    raw(chars, run, end - run);
  }

  /** What to write instead of {@code c}; null to write it as it is; "" to drop it. */
  private static String replacement(char c, boolean attribute) {
    if (c >= 0x20 && c != '&' && c != '<' && c != '>' && c != '"' && c < 0xfffe) {
      return null;
    }
    return switch (c) {
      case '&' -> "&amp;";
      case '<' -> "&lt;";
      case '>' -> "&gt;";
      case '"' -> attribute ? "&quot;" : null;
      case '\r' -> "&#13;";
      case '\n' -> attribute ? "&#10;" : null;
      case '\t' -> attribute ? "&#9;" : null;
      default -> "";
    };
  }
}
