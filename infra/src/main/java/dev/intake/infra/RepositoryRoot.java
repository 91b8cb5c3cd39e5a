package dev.intake.infra;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The repository root, so that the ASL file and the functions jar are found whatever directory
 * the app or a test is started from (the CDK CLI, Maven's surefire and an IDE all differ).
 */
public final class RepositoryRoot {

  /** System property that names the root; the parent pom sets it for surefire. */
  public static final String PROPERTY = "repo.root";
  /** Environment variable that names the root, for runs outside Maven. */
  public static final String ENV = "COMPETENCY_REPO_ROOT";

  private RepositoryRoot() {
  }

  /**
   * The root named by {@value #PROPERTY} or {@value #ENV}, else the nearest directory at or above
   * the working directory that holds both {@code statemachine/} and {@code pom.xml}.
   */
  public static Path locate() {
    String named = System.getProperty(PROPERTY);
    if (named == null || named.isBlank()) {
      named = System.getenv(ENV);
    }
    if (named != null && !named.isBlank()) {
      Path root = Path.of(named).toAbsolutePath().normalize();
      if (!isRoot(root)) {
        throw new IllegalStateException(root + " (from " + PROPERTY + "/" + ENV
            + ") is not the repository root: it has no statemachine/ and pom.xml");
      }
      return root;
    }
    return walkUpFrom(Path.of("").toAbsolutePath());
  }

  static Path walkUpFrom(Path start) {
    for (Path dir = start.normalize(); dir != null; dir = dir.getParent()) {
      if (isRoot(dir)) {
        return dir;
      }
    }
    throw new IllegalStateException("No repository root (a directory with statemachine/ and pom.xml) at or above "
        + start + "; set -D" + PROPERTY + " or " + ENV);
  }

  private static boolean isRoot(Path dir) {
    return Files.isDirectory(dir.resolve("statemachine")) && Files.isRegularFile(dir.resolve("pom.xml"));
  }
}
