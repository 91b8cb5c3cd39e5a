package dev.intake.web;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/** The allow-list that lets tests reach 127.0.0.1 is package-private; this keeps production off it too. */
class TestAllowListGuardTest {

  @Test
  void productionClasses_neverEnableTheTestAllowList() {
    JavaClasses production = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("dev.intake");

    assertThat(production.contain(SafePageFetcher.class)).isTrue();
    noClasses().should().callMethod(SafePageFetcher.class, "allowingForTestsOnly", InetSocketAddress[].class)
        .because("only tests may let the URL checker reach an internal address")
        .check(production);
  }
}
