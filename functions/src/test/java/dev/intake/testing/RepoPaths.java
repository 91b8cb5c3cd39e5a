package dev.intake.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository root, from the {@code repo.root} property Maven sets, or by walking up to package.json. */
public final class RepoPaths {

  private RepoPaths() {
  }

  public static Path root() {
    String configured = System.getProperty("repo.root");
    if (configured != null && !configured.isBlank() && Files.isDirectory(Path.of(configured, "statemachine"))) {
      return Path.of(configured).toAbsolutePath();
    }
    Path p = Path.of("").toAbsolutePath();
    while (p != null) {
      if (Files.exists(p.resolve("package.json")) && Files.isDirectory(p.resolve("statemachine"))) {
        return p;
      }
      p = p.getParent();
    }
    throw new IllegalStateException("cannot find the repository root (no package.json and statemachine/ above "
        + Path.of("").toAbsolutePath() + ")");
  }
}
