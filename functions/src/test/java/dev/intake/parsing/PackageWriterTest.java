package dev.intake.parsing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.intake.testing.SampleWorkbooks;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackageWriterTest {

  @Test
  void copy_everyPartOfAWorkbook_keepsItsMethodCompressedBytesAndContent(@TempDir Path dir) throws IOException {
    byte[] original = SampleWorkbooks.named("ready.xlsx").build();
    PackageWriter out = new PackageWriter();
    try (WorkbookParts parts = WorkbookParts.open(original, Limits.DEFAULT)) {
      for (String name : parts.names()) {
        out.copy(parts, name);
      }
    }

    byte[] copy = out.finish();

    Files.write(dir.resolve("a.xlsx"), original);
    Files.write(dir.resolve("b.xlsx"), copy);
    try (ZipFile a = new ZipFile(dir.resolve("a.xlsx").toFile());
        ZipFile b = new ZipFile(dir.resolve("b.xlsx").toFile())) {
      assertThat(b.size()).isEqualTo(a.size());
      for (ZipEntry e : Collections.list(a.entries())) {
        ZipEntry c = b.getEntry(e.getName());
        assertThat(c).as(e.getName()).isNotNull();
        assertThat(c.getMethod()).isEqualTo(e.getMethod());
        assertThat(c.getCompressedSize()).isEqualTo(e.getCompressedSize());
        assertThat(c.getCrc()).isEqualTo(e.getCrc());
        assertThat(b.getInputStream(c).readAllBytes()).isEqualTo(a.getInputStream(e).readAllBytes());
      }
    }
  }

  @Test
  void add_partWrittenHere_readsBackWithItsNameAndContent(@TempDir Path dir) throws IOException {
    PackageWriter out = new PackageWriter();
    PackageWriter.DeflatedPart part = new PackageWriter.DeflatedPart(0);
    byte[] content = "<a>ünïcödé ".repeat(5_000).getBytes(StandardCharsets.UTF_8);
    part.write(content);
    out.add("xl/ünï.xml", part);

    Files.write(dir.resolve("c.zip"), out.finish());

    try (ZipFile zip = new ZipFile(dir.resolve("c.zip").toFile())) {
      ZipEntry e = zip.getEntry("xl/ünï.xml");
      assertThat(e.getSize()).isEqualTo(content.length);
      assertThat(e.getCompressedSize()).isLessThan(content.length / 10);
      assertThat(zip.getInputStream(e).readAllBytes()).isEqualTo(content);
    }
  }

  @Test
  void add_samePartTwiceInAnyCase_isRefused() throws IOException {
    PackageWriter out = new PackageWriter();
    out.add("xl/a.xml", new PackageWriter.DeflatedPart(0));

    assertThatThrownBy(() -> out.add("XL/A.xml", new PackageWriter.DeflatedPart(0)))
        .isInstanceOf(ZipException.class).hasMessageContaining("twice");
  }
}
