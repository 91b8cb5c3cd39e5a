package dev.intake;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/** The domain core runs the same on a laptop and in Lambda: no AWS SDK or Lambda type may reach it. */
class DomainCoreArchitectureTest {

  private static final String[] DOMAIN_CORE = {"dev.intake.model..", "dev.intake.checklist..", "dev.intake.parsing..",
      "dev.intake.rules..", "dev.intake.report..", "dev.intake.template..", "dev.intake.pipeline.."};

  private static final ArchRule NO_AWS_TYPES = noClasses()
      .that().resideInAnyPackage(DOMAIN_CORE)
      .should().dependOnClassesThat().resideInAnyPackage("software.amazon..", "com.amazonaws..")
      .because("the domain core must not depend on AWS; handlers and adapters translate at the edge");

  @Test
  void domainCore_mainClasses_dependOnNoAwsSdkOrLambdaTypes() {
    JavaClasses classes = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("dev.intake");

    NO_AWS_TYPES.check(classes);
  }

  /** Proves the package patterns match real SDK and Lambda classes, so the rule above can fail. */
  @Test
  void awsDependencyRule_classUsingTheSdk_isReported() {
    JavaClasses offender = new ClassFileImporter().importClasses(UsesAws.class);

    assertThatThrownBy(() -> noClasses().should().dependOnClassesThat()
        .resideInAnyPackage("software.amazon..", "com.amazonaws..").check(offender))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("software.amazon.awssdk.core.SdkBytes")
        .hasMessageContaining("com.amazonaws.services.lambda.runtime.Context");
  }

  @SuppressWarnings("unused")
  private static final class UsesAws {
    software.amazon.awssdk.core.SdkBytes bytes;
    com.amazonaws.services.lambda.runtime.Context context;
  }
}
