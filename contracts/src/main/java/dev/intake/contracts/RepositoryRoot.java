package dev.intake.contracts;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The repository root, so that the workflow file, the Node tools, the sample workbooks and the
 * functions jar are found whatever directory a program or a test starts in (the CDK CLI, Maven's
 * surefire, the pipeline script and an IDE all differ). The root is the directory that holds
 * {@code pom.xml}, {@code package.json} and {@code statemachine/}.
 */
public final class RepositoryRoot {

  /** System property that names the root; the parent pom sets it for the tests, the pipeline script for the CLI. */
  public static final String PROPERTY = "repo.root";
  /** Environment variable that names the root, for runs outside Maven and the pipeline script. */
  public static final String ENV = "COMPETENCY_REPO_ROOT";

  private RepositoryRoot() {
  }

  /**
   * The root named by {@value #PROPERTY} or {@value #ENV}, else the nearest directory at or above
   * the working directory that is one.
   *
   * @throws IllegalStateException when the named directory is not the root, or none is found
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
            + ") is not the repository root: it lacks pom.xml, package.json or statemachine/");
      }
      return root;
    }
    return walkUpFrom(Path.of("").toAbsolutePath());
  }

  /** The nearest root at or above {@code start}. */
  public static Path walkUpFrom(Path start) {
    for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
      if (isRoot(dir)) {
        return dir;
      }
    }
    throw new IllegalStateException("No repository root (a directory with pom.xml, package.json and statemachine/)"
        + " at or above " + start + "; run from inside the repository, or set -D" + PROPERTY + " or " + ENV);
  }

  private static boolean isRoot(Path dir) {
    return Files.isRegularFile(dir.resolve("pom.xml")) && Files.isRegularFile(dir.resolve("package.json"))
        && Files.isDirectory(dir.resolve("statemachine"));
  }
}
