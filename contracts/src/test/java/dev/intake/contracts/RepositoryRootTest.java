package dev.intake.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepositoryRootTest {

  @Test
  void walkUpFrom_aSubdirectory_findsTheRoot(@TempDir Path dir) throws Exception {
    // given
    makeRoot(dir);
    Path deep = Files.createDirectories(dir.resolve("infra/src/main"));

    // when
    Path root = RepositoryRoot.walkUpFrom(deep);

    // then
    assertThat(root).isEqualTo(dir.toAbsolutePath().normalize());
  }

  @Test
  void walkUpFrom_aModuleWithItsOwnPom_skipsItForTheRoot(@TempDir Path dir) throws Exception {
    // given: a module folder has a pom.xml too, but not the Node tools and the workflow
    makeRoot(dir);
    Path module = Files.createDirectories(dir.resolve("functions"));
    Files.writeString(module.resolve("pom.xml"), "<project/>");

    // when
    Path root = RepositoryRoot.walkUpFrom(module.resolve("src"));

    // then
    assertThat(root).isEqualTo(dir.toAbsolutePath().normalize());
  }

  @Test
  void walkUpFrom_outsideAnyRepository_saysHowToNameOne(@TempDir Path dir) {
    // then
    assertThatThrownBy(() -> RepositoryRoot.walkUpFrom(dir))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(RepositoryRoot.PROPERTY)
        .hasMessageContaining(RepositoryRoot.ENV);
  }

  @Test
  void locate_underMaven_isTheDirectoryThePomNames() {
    // when
    Path root = RepositoryRoot.locate();

    // then
    assertThat(root.resolve("contracts/pom.xml")).isRegularFile();
  }

  private static void makeRoot(Path dir) throws Exception {
    Files.createDirectories(dir.resolve("statemachine"));
    Files.writeString(dir.resolve("pom.xml"), "<project/>");
    Files.writeString(dir.resolve("package.json"), "{}");
  }
}
