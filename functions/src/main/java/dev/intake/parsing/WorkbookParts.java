package dev.intake.parsing;

import dev.intake.model.Finding;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The parts of an .xlsx package, for a writer that copies the package part by part (the annotated
 * copy): the same zip and XML layer the parser reads with, so the same {@link Limits} hold for every
 * part read (size, total, inflate ratio; no DTD), the same content-type checks run on opening, and a
 * part that is not read can be copied to another zip as it lies ({@link PackageWriter#copy}).
 */
public final class WorkbookParts implements AutoCloseable {

  /** A sheet as the workbook part lists it, in tab order. */
  public record Sheet(String name, String part, boolean hidden, boolean worksheet) {
  }

  /** One relationship of a part. {@code target} is as written (relative to the source part unless external). */
  public record Relationship(String id, String type, String target, boolean external) {
  }

  private final ZipPackage zip;
  private final WorkbookPackage pkg;

  private WorkbookParts(ZipPackage zip, WorkbookPackage pkg) {
    this.zip = zip;
    this.pkg = pkg;
  }

  /**
   * Opens the package as the parser does.
   *
   * @throws RejectedFileException when the parser would reject the file's container or workbook part
   */
  public static WorkbookParts open(byte[] xlsx, Limits limits) throws IOException {
    ZipPackage zip = ZipPackage.open(xlsx, limits);
    try {
      return new WorkbookParts(zip, WorkbookPackage.open(zip, limits));
    } catch (IOException | RuntimeException e) {
      zip.close();
      throw e;
    }
  }

  public String mainPart() {
    return pkg.mainPart();
  }

  public List<Sheet> sheets() {
    return pkg.sheets().stream().map(s -> new Sheet(s.name(), s.part(), s.hidden(), s.worksheet())).toList();
  }

  /** Every part's name, in the zip's order. */
  public List<String> names() {
    return zip.names();
  }

  /** The name the package stores {@code part} under (part names are case-insensitive); null when absent. */
  public String storedName(String part) {
    return zip.storedName(part);
  }

  /** What the central directory says all parts inflate to; cheap, and a part read is still held to it by the guard. */
  public long declaredSize() {
    return zip.declaredSize();
  }

  /** The part inflated through the limits' guard; null when there is no such part. Close it when done. */
  public InputStream open(String part) throws IOException {
    return zip.open(part);
  }

  /** A StAX reader over a part opened with {@link #open}: namespace-aware, refusing any DTD or entity. */
  public static XMLStreamReader reader(InputStream in, String part) {
    return Xml.reader(in, part);
  }

  /** The current element's relationship id ({@code r:id}), read as the parser reads it; null when none. */
  public static String relationshipId(XMLStreamReader r) {
    return Xml.relationshipId(r);
  }

  /** The part's relationships (external ones too), in document order; empty when it has none. */
  public List<Relationship> relationships(String part) throws IOException {
    String relsPart = relsPathOf(part);
    List<Relationship> out = new ArrayList<>();
    try (InputStream in = zip.open(relsPart)) {
      if (in == null) {
        return out;
      }
      XMLStreamReader r = Xml.reader(in, relsPart);
      try {
        while (r.hasNext()) {
          if (r.next() == XMLStreamConstants.START_ELEMENT && r.getLocalName().equals("Relationship")) {
            out.add(new Relationship(value(r, "Id"), value(r, "Type"), value(r, "Target"),
                "External".equalsIgnoreCase(WorkbookPackage.attr(r, "TargetMode"))));
          }
        }
      } catch (XMLStreamException e) {
        throw Xml.malformed(relsPart, e);
      }
    }
    return out;
  }

  private static String value(XMLStreamReader r, String name) {
    String v = WorkbookPackage.attr(r, name);
    return v == null ? "" : v;
  }

  /** {@code xl/worksheets/sheet1.xml} → {@code xl/worksheets/_rels/sheet1.xml.rels}. */
  public static String relsPathOf(String part) {
    return WorkbookPackage.relsPathOf(part);
  }

  /** A relationship target resolved against the part that owns the relationship, as a part name. */
  public static String resolve(String sourcePart, String target) {
    return WorkbookPackage.resolve(sourcePart, target);
  }

  /** The finding a refused file gave, when {@code e} is such a refusal (a limit, a damaged part, a DTD). */
  public static Optional<Finding> refusal(Throwable e) {
    return e instanceof RejectedFileException r ? Optional.of(r.finding()) : Optional.empty();
  }

  ZipPackage zip() {
    return zip;
  }

  @Override
  public void close() {
    zip.close();
  }
}
