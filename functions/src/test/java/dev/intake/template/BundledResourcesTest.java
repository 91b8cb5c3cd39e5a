package dev.intake.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.intake.checklist.Checklist;
import dev.intake.parsing.WorkbookParser;
import dev.intake.pipeline.Bundled;
import dev.intake.pipeline.PipelineJson;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files the build bundles are what today's code makes; a stale one would prime or hand out the wrong thing. */
class BundledResourcesTest {

  @Test
  void parsedSample_bundled_isWhatTheParserReadsFromTheSampleToday() {
    byte[] sample = Bundled.read(Bundled.PRIMING_WORKBOOK);

    byte[] expected = PipelineJson.writeParsed(new WorkbookParser().parse(sample, "priming.xlsx"));

    // The same tree: the order of a map's keys may differ from one JVM to the next.
    assertThat(PipelineJson.tree(Bundled.read(Bundled.PRIMING_PARSED))).isEqualTo(PipelineJson.tree(expected));
  }

  @Test
  void template_bundled_isWhatTheGeneratorWritesForTheCurrentChecklist() throws IOException {
    Checklist checklist = Checklist.current();

    byte[] bundled = Bundled.read(Bundled.template(checklist.version()));

    // Part by part: only the time written (the zip entries', the document's creation) differs from one run to the next.
    assertThat(parts(bundled)).isEqualTo(parts(new TemplateGenerator(checklist).generate()));
  }

  @Test
  void write_emptyFolder_writesTheTemplateAndTheParsedSample(@TempDir Path dir) throws Exception {
    BundledResources.write(dir);

    assertThat(parts(Files.readAllBytes(dir.resolve(Bundled.template(Checklist.current().version())))))
        .containsKeys("xl/workbook.xml", "[Content_Types].xml");
    assertThat(PipelineJson.tree(Files.readAllBytes(dir.resolve(Bundled.PRIMING_PARSED))))
        .isEqualTo(PipelineJson.tree(Bundled.read(Bundled.PRIMING_PARSED)));
  }

  private static Map<String, String> parts(byte[] xlsx) throws IOException {
    Map<String, String> parts = new TreeMap<>();
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(xlsx))) {
      for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
        parts.put(e.getName(), new String(zip.readAllBytes(), StandardCharsets.UTF_8)
            .replaceAll("<dcterms:created[^>]*>[^<]*</dcterms:created>", "<dcterms:created/>"));
      }
    }
    return parts;
  }

  @Test
  void read_resourceTheBuildDidNotWrite_saysSo() {
    assertThatThrownBy(() -> Bundled.read("templates/devops-competency-0.0.xlsx"))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("process-classes");
  }
}
