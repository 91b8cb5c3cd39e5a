package dev.intake.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Files the functions carry as class-path resources, the names the build and the readers share.
 * The priming sample is committed; the other two are written by the build (process-classes, by
 * {@code dev.intake.template.BundledResources}) with the code of the same build, so a function whose
 * artifact leaves the parser or POI out still has what they would make.
 */
public final class Bundled {

  /** A READY sample workbook (the committed {@code test-events/workbooks/ready.xlsx}). */
  public static final String PRIMING_WORKBOOK = "priming/ready.xlsx";
  /** {@link #PRIMING_WORKBOOK} as the parser reads it, in the workflow's JSON ({@link PipelineJson#writeParsed}). */
  public static final String PRIMING_PARSED = "priming/ready.parsed.json";

  private Bundled() {
  }

  /** The blank template's file name for a checklist version; the same name under the bucket's templates/. */
  public static String templateFileName(String checklistVersion) {
    return "devops-competency-" + checklistVersion + ".xlsx";
  }

  /** The class-path resource of the blank template for a checklist version. */
  public static String template(String checklistVersion) {
    return "templates/" + templateFileName(checklistVersion);
  }

  /**
   * A bundled file's bytes.
   *
   * @throws IllegalStateException when it is not on the class path (a build that skipped writing it)
   */
  public static byte[] read(String resource) {
    try (InputStream in = Bundled.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is not on the class path: the build writes it (process-classes)");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
