package dev.intake.template;

import dev.intake.checklist.Checklist;
import dev.intake.parsing.WorkbookParser;
import dev.intake.pipeline.Bundled;
import dev.intake.pipeline.PipelineJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the {@link Bundled} files the build makes, into the class output folder (the functions
 * module's process-classes phase runs it): the blank template of the current checklist, which the
 * API hands out without carrying POI, and the priming sample as the parser reads it, which the check
 * functions prime with without carrying the parser.
 *
 * <p>{@code BundledResources OUTPUT_FOLDER}
 */
public final class BundledResources {

  private BundledResources() {
  }

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: BundledResources OUTPUT_FOLDER");
    }
    write(Path.of(args[0]));
  }

  /** Writes every built file under {@code folder}, replacing what an earlier build wrote. */
  public static void write(Path folder) throws IOException {
    Checklist checklist = Checklist.current();
    put(folder.resolve(Bundled.template(checklist.version())), new TemplateGenerator(checklist).generate());
    byte[] sample = Bundled.read(Bundled.PRIMING_WORKBOOK);
    put(folder.resolve(Bundled.PRIMING_PARSED),
        PipelineJson.writeParsed(new WorkbookParser().parse(sample, "priming.xlsx")));
  }

  private static void put(Path file, byte[] bytes) throws IOException {
    Files.createDirectories(file.getParent());
    Files.write(file, bytes);
  }
}
