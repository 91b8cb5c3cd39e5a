package dev.intake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intake.contracts.RepositoryRoot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./pipeline} script's class-data-sharing archive: made once after a build, used by later
 * commands, and never able to break one — a damaged, foreign or stale archive is not used or is ignored
 * by the JVM, and the command answers exactly as without one. Runs the real script on a copy of the
 * built CLI (jar and class path) in a folder of its own, after {@code package}.
 */
class PipelineScriptIT {

  private static final String[] VALIDATE = {"validate", "test-events/workbooks/ready.xlsx", "--as-of", "2026-11-01",
      "--format", "json"};

  @TempDir
  Path root;

  private Path archive;
  private Path stamp;

  /** What a command printed and how it ended. */
  private record Run(int exit, String out, String err) {
  }

  @BeforeEach
  void copyTheBuiltCli() throws IOException {
    Path repo = RepositoryRoot.locate();
    Path target = Files.createDirectories(root.resolve("local/target"));
    Files.copy(repo.resolve("pipeline"), root.resolve("pipeline"));
    try (Stream<Path> jars = Files.list(repo.resolve("local/target"))) {
      for (Path jar : jars.filter(p -> p.getFileName().toString().matches("local-.*\\.jar")
          && !p.getFileName().toString().endsWith("-tests.jar")).toList()) {
        Files.copy(jar, target.resolve(jar.getFileName()));
      }
    }
    Files.copy(repo.resolve("local/target/classpath.txt"), target.resolve("classpath.txt"));
    Files.createDirectories(root.resolve("test-events/workbooks"));
    for (String sample : List.of("ready.xlsx", "tier-and-path.xlsx")) {
      Files.copy(repo.resolve("test-events/workbooks").resolve(sample), root.resolve("test-events/workbooks")
          .resolve(sample));
    }
    // Built: nothing under this root is newer than the stamp, so the script does not build.
    Files.writeString(target.resolve(".pipeline-built"), "");
    archive = target.resolve("pipeline.jsa");
    stamp = target.resolve("pipeline.jsa.stamp");
  }

  @Test
  void pipeline_firstCommandAfterABuild_makesTheArchiveAndTheNextStartsFromIt() throws Exception {
    Run first = pipeline(Map.of(), VALIDATE);
    Path classLog = root.resolve("classes.log");

    Run second = pipeline(Map.of("PIPELINE_JAVA_OPTS", "-Xlog:class+load=info:file=" + classLog), VALIDATE);

    assertThat(first.exit()).as(first.err()).isZero();
    assertThat(first.err()).contains("class-data sharing archive");
    assertThat(first.out()).contains("\"status\" : \"READY\"");
    assertThat(archive).exists();
    assertThat(Files.readAllLines(stamp).get(0)).isEqualTo(Long.toString(Files.size(archive)));
    assertThat(second).isEqualTo(new Run(0, first.out(), ""));
    assertThat(Files.readString(classLog)).contains("dev.intake.cli.PipelineCli source: shared objects file (top)");
    assertNoCrashReports();
  }

  @Test
  void pipeline_truncatedArchive_isNotUsedAndIsMadeAgain() throws Exception {
    Run without = pipeline(Map.of("PIPELINE_CDS", "off"), VALIDATE);
    pipeline(Map.of(), VALIDATE);
    long size = Files.size(archive);
    rewriteArchive(Files.readAllBytes(archive), (int) (size / 2));

    Run after = pipeline(Map.of(), VALIDATE);
    // Truncated again, and no sample to train a new one on: the damaged archive is left unused.
    rewriteArchive(Files.readAllBytes(archive), (int) (size / 2));
    Files.delete(root.resolve("test-events/workbooks/tier-and-path.xlsx"));
    Run untrained = pipeline(Map.of(), VALIDATE);

    assertThat(after.exit()).as(after.err()).isZero();
    assertThat(after.out()).isEqualTo(without.out());
    assertThat(Files.readAllLines(stamp).get(0)).isEqualTo(Long.toString(size));
    assertThat(untrained).isEqualTo(new Run(0, without.out(), ""));
    assertNoCrashReports();
  }

  @Test
  void pipeline_archiveTheJvmRefuses_isIgnoredWithoutAWordOnStdout() throws Exception {
    Run without = pipeline(Map.of("PIPELINE_CDS", "off"), VALIDATE);
    pipeline(Map.of(), VALIDATE);
    // The CLI jar changed without being newer than the stamp (copied back from an older build): the
    // script keeps the archive, and the JVM finds the jar is not the one it archived.
    Path jar = cliJar();
    Files.setLastModifiedTime(jar, FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));

    Run stale = pipeline(Map.of(), VALIDATE);
    // Garbage of the recorded size: the JVM refuses it by its header.
    byte[] garbage = new byte[(int) Files.size(archive)];
    new Random(7).nextBytes(garbage);
    rewriteArchive(garbage, garbage.length);
    Run foreign = pipeline(Map.of(), VALIDATE);

    assertThat(stale).isEqualTo(new Run(0, without.out(), ""));
    assertThat(foreign).isEqualTo(new Run(0, without.out(), ""));
    assertNoCrashReports();
  }

  @Test
  void pipeline_archiveOfAnotherJdk_isMadeAgainForThisOne() throws Exception {
    pipeline(Map.of(), VALIDATE);
    List<String> lines = Files.readAllLines(stamp);
    Files.writeString(stamp, lines.get(0) + "\n/opt/other-jdk/bin/java JAVA_RUNTIME_VERSION=21.0.1\n");

    Run again = pipeline(Map.of(), VALIDATE);

    assertThat(again.exit()).as(again.err()).isZero();
    assertThat(again.err()).contains("class-data sharing archive");
    assertThat(Files.readAllLines(stamp).get(1)).isEqualTo(lines.get(1));
  }

  @Test
  void pipeline_archiveSwitchedOffOrNoSampleToTrainOn_runsWithoutOne() throws Exception {
    Run off = pipeline(Map.of("PIPELINE_CDS", "off"), VALIDATE);
    Files.delete(root.resolve("test-events/workbooks/tier-and-path.xlsx"));
    Run noSample = pipeline(Map.of(), VALIDATE);

    assertThat(off.exit()).isZero();
    assertThat(noSample).isEqualTo(off);
    assertThat(archive).doesNotExist();
  }

  private Path cliJar() throws IOException {
    try (Stream<Path> files = Files.list(root.resolve("local/target"))) {
      return files.filter(p -> p.getFileName().toString().matches("local-.*\\.jar")).findFirst().orElseThrow();
    }
  }

  /** Replaces the archive's content (the JVM writes it read-only) without touching the stamp. */
  private void rewriteArchive(byte[] bytes, int length) throws IOException {
    archive.toFile().setWritable(true);
    Files.write(archive, java.util.Arrays.copyOf(bytes, length));
  }

  private void assertNoCrashReports() throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("hs_err"));
    }
  }

  private Run pipeline(Map<String, String> env, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("bash", root.resolve("pipeline").toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile())
        .redirectOutput(root.resolve("out.txt").toFile()).redirectError(root.resolve("err.txt").toFile());
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    builder.environment().put("TMPDIR", Files.createDirectories(root.resolve("tmp")).toString());
    builder.environment().remove("PIPELINE_CDS");
    builder.environment().remove("PIPELINE_JAVA_OPTS");
    builder.environment().putAll(env);
    Process p = builder.start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("./pipeline did not finish in 120 s");
    }
    return new Run(p.exitValue(), Files.readString(root.resolve("out.txt"), StandardCharsets.UTF_8),
        Files.readString(root.resolve("err.txt"), StandardCharsets.UTF_8));
  }
}
