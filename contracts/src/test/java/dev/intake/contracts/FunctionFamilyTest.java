package dev.intake.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class FunctionFamilyTest {

  @Test
  void of_eachHandler_isItsOneFamily() {
    List<String> all = Arrays.stream(FunctionFamily.values()).flatMap(f -> f.handlers().stream()).toList();

    assertThat(all).doesNotHaveDuplicates();
    for (FunctionFamily family : FunctionFamily.values()) {
      for (String handler : family.handlers()) {
        assertThat(FunctionFamily.of(handler)).isEqualTo(family);
        assertThat(FunctionFamily.of(FunctionFamily.HANDLER_PACKAGE + handler)).isEqualTo(family);
      }
    }
  }

  @Test
  void of_checkHandlers_shareTheChecksArtifact() {
    assertThat(FunctionFamily.of("PrerequisitesHandler").artifactName()).isEqualTo("checks.jar");
    assertThat(FunctionFamily.of("PublicUrlsHandler")).isSameAs(FunctionFamily.of("CaseStudiesHandler"));
  }

  @Test
  void of_unknownHandler_isRefused() {
    assertThatThrownBy(() -> FunctionFamily.of("NoSuchHandler"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NoSuchHandler");
  }
}
