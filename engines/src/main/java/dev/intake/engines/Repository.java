package dev.intake.engines;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Finds the repository root: where package.json (the Node tools) and statemachine/ live. */
public final class Repository {

  private Repository() {
  }

  /**
   * From the {@code repo.root} system property (Maven's surefire sets it; the pipeline script passes
   * it), else the nearest directory at or above the working directory that holds package.json and
   * statemachine/.
   */
  public static Path root() {
    String property = System.getProperty("repo.root");
    if (property != null && !property.isBlank() && isRoot(Paths.get(property))) {
      return Paths.get(property).toAbsolutePath().normalize();
    }
    for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (isRoot(dir)) {
        return dir;
      }
    }
    throw new IllegalStateException("Cannot find the repository root (no package.json and statemachine/ at or above "
        + Paths.get("").toAbsolutePath() + "); run from inside the repository or set -Drepo.root");
  }

  private static boolean isRoot(Path dir) {
    return Files.isRegularFile(dir.resolve("package.json")) && Files.isDirectory(dir.resolve("statemachine"));
  }
}
