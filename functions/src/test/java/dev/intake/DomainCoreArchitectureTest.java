package dev.intake;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * The domain core runs the same on a laptop and in Lambda: no AWS SDK or Lambda type may reach it; and
 * outside the template generator no class uses POI's user model.
 */
class DomainCoreArchitectureTest {

  private static final String[] DOMAIN_CORE = {"dev.intake.model..", "dev.intake.checklist..", "dev.intake.parsing..",
      "dev.intake.rules..", "dev.intake.report..", "dev.intake.template..", "dev.intake.pipeline.."};

  private static final ArchRule NO_AWS_TYPES = noClasses()
      .that().resideInAnyPackage(DOMAIN_CORE)
      .should().dependOnClassesThat().resideInAnyPackage("software.amazon..", "com.amazonaws..")
      .because("the domain core must not depend on AWS; handlers and adapters translate at the edge");

  private static final ArchRule NO_POI_USER_MODEL = noClasses()
      .that().resideOutsideOfPackage("dev.intake.template..")
      .should().dependOnClassesThat().resideInAnyPackage("org.apache.poi.xssf..", "org.apache.poi.ooxml..",
          "org.apache.poi.openxml4j..", "org.apache.xmlbeans..", "org.openxmlformats..")
      .because("the annotated copy is streamed (report.AnnotatedCopy); only the template is built with POI's user"
          + " model, which costs a cold start seconds and a Lambda artifact 11 MB");

  @Test
  void mainClasses_outsideTheTemplate_useNoPoiUserModel() {
    JavaClasses classes = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("dev.intake");

    NO_POI_USER_MODEL.check(classes);
  }

  /** Proves the rule above can fail: the template generator uses the user model. */
  @Test
  void poiUserModelRule_templateGenerator_isReportedWhenNotExempt() {
    JavaClasses template = new ClassFileImporter().importClasses(dev.intake.template.TemplateGenerator.class);

    assertThatThrownBy(() -> noClasses().should().dependOnClassesThat().resideInAnyPackage("org.apache.poi.xssf..")
        .check(template))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("org.apache.poi.xssf.usermodel.XSSFWorkbook");
  }

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
