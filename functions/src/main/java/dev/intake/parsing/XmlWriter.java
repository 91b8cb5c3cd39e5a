package dev.intake.parsing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
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

  /** The ASCII characters written as they are in text and attributes: the printable ones but markup's. */
  private static final boolean[] PLAIN = new boolean[0x80];

  static {
    for (char c = 0x20; c < 0x80; c++) {
      PLAIN[c] = c != '&' && c != '<' && c != '>' && c != '"';
    }
  }

  private final OutputStream out;
  /**
   * What is written, encoded here as UTF-8 (no {@code Writer} and charset encoder between: most of a
   * part is ASCII, one byte a character) and handed on a buffer at a time.
   */
  private final byte[] buffer = new byte[16 * 1024];
  private int buffered;
  /** Where a string's characters are taken to be written. */
  private final char[] chars = new char[4 * 1024];
  /** A high surrogate that ended the last text written, waiting for its low half; 0 when none. */
  private char pendingHigh;
  private final Deque<String> open = new ArrayDeque<>();
  /** A start tag is written up to its attributes until something follows it, so an empty element can be "/>". */
  private boolean startPending;

  /** Writes to {@code out} (UTF-8), starting with the XML declaration. */
  public XmlWriter(OutputStream out) {
    this(out, true);
  }

  private XmlWriter(OutputStream out, boolean declaration) {
    this.out = out;
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
    put('<');
    raw(name);
    open.push(name);
    startPending = true;
    return this;
  }

  /** Adds an attribute to the element just opened. */
  public XmlWriter attribute(String name, String value) {
    attributeName(name);
    escape(value, true);
    put('"');
    return this;
  }

  /** Adds an attribute with a number for value (written without making a string of it). */
  public XmlWriter attribute(String name, long value) {
    attributeName(name);
    number(value);
    put('"');
    return this;
  }

  /** Writes {@code name="} inside the start tag just opened; the value and its closing quote follow. */
  private void attributeName(String name) {
    if (!startPending) {
      throw new IllegalStateException("attribute " + name + " outside a start tag");
    }
    put(' ');
    raw(name);
    ascii("=\"");
  }

  /** Text that is a number. */
  public XmlWriter text(long value) {
    closeStart();
    number(value);
    return this;
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
      ascii("/>");
      startPending = false;
    } else {
      ascii("</");
      raw(name);
      put('>');
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
    // A high surrogate still waiting for its low half is dropped, as the JDK's encoder left it unwritten.
    pendingHigh = 0;
    drain();
    try {
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ---- output ----------------------------------------------------------------------------------

  private void closeStart() {
    if (startPending) {
      put('>');
      startPending = false;
    }
  }

  /** Room for what one character becomes: at most a waiting surrogate's {@code ?} and four bytes of UTF-8. */
  private void room() {
    if (buffered > buffer.length - 8) {
      drain();
    }
  }

  private void number(long value) {
    if (value < 0) {
      put('-');
      if (value == Long.MIN_VALUE) {
        ascii("9223372036854775808");
        return;
      }
      value = -value;
    }
    long scale = 1;
    while (scale <= value / 10) {
      scale *= 10;
    }
    for (; scale > 0; scale /= 10) {
      put((char) ('0' + value / scale % 10));
    }
  }

  /** One ASCII character of markup; a high surrogate left waiting before it had no low half. */
  private void put(char c) {
    room();
    if (pendingHigh != 0) {
      pendingHigh = 0;
      buffer[buffered++] = '?';
    }
    buffer[buffered++] = (byte) c;
  }

  /** ASCII text that needs no escaping (markup and replacements), one byte a character. */
  private void ascii(String s) {
    for (int i = 0; i < s.length(); i++) {
      put(s.charAt(i));
    }
  }

  /** Markup or text already escaped, encoded as it is. */
  private void raw(String s) {
    text(s, false, false);
  }

  private void escape(String s, boolean attribute) {
    if (s != null) {
      text(s, true, attribute);
    }
  }

  /**
   * A string's characters, taken into {@link #chars} a piece at a time (one bulk copy, far cheaper
   * than {@code charAt} for each) and written escaped or as they are.
   */
  private void text(String s, boolean escape, boolean attribute) {
    int length = s.length();
    for (int from = 0; from < length; from += chars.length) {
      int n = Math.min(chars.length, length - from);
      s.getChars(from, from + n, chars, 0);
      if (escape) {
        escape(chars, 0, n, attribute);
      } else {
        raw(chars, 0, n);
      }
    }
  }

  private void raw(char[] text, int start, int length) {
    int end = start + length;
    int i = start + joinPending(length > 0 ? text[start] : 0);
    while (i < end) {
      // A run of ASCII, as far as the buffer has room, with no other check for each character.
      int at = buffered;
      int stop = Math.min(end, i + buffer.length - at);
      while (i < stop && text[i] < 0x80) {
        buffer[at++] = (byte) text[i++];
      }
      buffered = at;
      if (i < end) {
        char c = text[i];
        room();
        if (c < 0x80) {
          buffer[buffered++] = (byte) c;
        } else {
          i = encode(c, i, i + 1 < end ? text[i + 1] : 0, i + 1 == end);
        }
        i++;
      }
    }
  }

  private void escape(char[] text, int start, int length, boolean attribute) {
    int end = start + length;
    int i = start + joinPending(length > 0 ? text[start] : 0);
    while (i < end) {
      // A run of characters written as they are, as far as the buffer has room, with no other check.
      int at = buffered;
      int stop = Math.min(end, i + buffer.length - at);
      while (i < stop && text[i] < 0x80 && PLAIN[text[i]]) {
        buffer[at++] = (byte) text[i++];
      }
      buffered = at;
      if (i < end) {
        char c = text[i];
        room();
        if (c < 0x80) {
          if (PLAIN[c]) {
            buffer[buffered++] = (byte) c;
          } else {
            special(c, attribute);
          }
        } else if (c < 0xfffe) {
          i = encode(c, i, i + 1 < end ? text[i + 1] : 0, i + 1 == end);
        }
        // U+FFFE and U+FFFF: XML cannot hold them, dropped
        i++;
      }
    }
  }

  /**
   * An ASCII character that markup or XML's rules give a replacement: the five markup characters, and
   * the controls (a tab, carriage return or line feed as a character reference where a reader would
   * change it; the rest dropped, as XML cannot hold them).
   */
  private void special(char c, boolean attribute) {
    switch (c) {
      case '&' -> ascii("&amp;");
      case '<' -> ascii("&lt;");
      case '>' -> ascii("&gt;");
      case '"' -> ascii(attribute ? "&quot;" : "\"");
      case '\r' -> ascii("&#13;");
      case '\n' -> ascii(attribute ? "&#10;" : "\n");
      case '\t' -> ascii(attribute ? "&#9;" : "\t");
      default -> {
        // a control XML cannot hold: dropped
      }
    }
  }

  /**
   * Writes a character from U+0080 as UTF-8 and returns the index of the last character used: a
   * surrogate pair is one character of four bytes. A high surrogate that ends the text may be
   * completed by the next text written; an unpaired surrogate is written as {@code ?} (as the JDK's
   * encoder replaces it).
   *
   * @param next the character after {@code c}, when {@code last} is false
   */
  private int encode(char c, int i, char next, boolean last) {
    if (c < 0x800) {
      buffer[buffered++] = (byte) (0xc0 | c >> 6);
      buffer[buffered++] = (byte) (0x80 | c & 0x3f);
      return i;
    }
    if (!Character.isSurrogate(c)) {
      buffer[buffered++] = (byte) (0xe0 | c >> 12);
      buffer[buffered++] = (byte) (0x80 | c >> 6 & 0x3f);
      buffer[buffered++] = (byte) (0x80 | c & 0x3f);
      return i;
    }
    if (Character.isHighSurrogate(c)) {
      if (last) {
        pendingHigh = c;
        return i;
      }
      if (Character.isLowSurrogate(next)) {
        pair(c, next);
        return i + 1;
      }
    }
    buffer[buffered++] = '?';
    return i;
  }

  /** Completes a high surrogate that ended the previous text: returns 1 when {@code first} was its low half. */
  private int joinPending(char first) {
    if (pendingHigh == 0) {
      return 0;
    }
    char high = pendingHigh;
    pendingHigh = 0;
    room();
    if (Character.isLowSurrogate(first)) {
      pair(high, first);
      return 1;
    }
    buffer[buffered++] = '?';
    return 0;
  }

  private void pair(char high, char low) {
    int cp = Character.toCodePoint(high, low);
    buffer[buffered++] = (byte) (0xf0 | cp >> 18);
    buffer[buffered++] = (byte) (0x80 | cp >> 12 & 0x3f);
    buffer[buffered++] = (byte) (0x80 | cp >> 6 & 0x3f);
    buffer[buffered++] = (byte) (0x80 | cp & 0x3f);
  }

  private void drain() {
    try {
      out.write(buffer, 0, buffered);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    buffered = 0;
  }
}
