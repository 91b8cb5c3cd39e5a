package dev.intake;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering docs/ARCHITECTURE.md describes, checked on the main classes: the domain core runs
 * the same on a laptop and in Lambda, so no AWS SDK or Lambda type may reach it, nor the adapters
 * and handlers that translate at the edge; the model and the checklist, which everything builds on,
 * build on nothing of the project; and outside the template generator no class uses POI's user model.
 */
class DomainCoreArchitectureTest {

  /** The domain core: everything of the functions module but the AWS adapters and the Lambda handlers. */
  private static final String[] DOMAIN_CORE = {"dev.intake.model..", "dev.intake.checklist..", "dev.intake.parsing..",
      "dev.intake.rules..", "dev.intake.report..", "dev.intake.template..", "dev.intake.pipeline..",
      "dev.intake.api..", "dev.intake.web.."};

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

  private static final ArchRule NO_EDGE = noClasses()
      .that().resideInAnyPackage(DOMAIN_CORE)
      .should().dependOnClassesThat().resideInAnyPackage("dev.intake.aws..", "dev.intake.handlers..")
      .because("adapters implement the domain's ports and handlers call its services, never the other way");

  private static final ArchRule FOUNDATIONS_STAND_ALONE = noClasses()
      .that().resideInAnyPackage("dev.intake.model..", "dev.intake.checklist..")
      .should().dependOnClassesThat().resideInAnyPackage("dev.intake.parsing..", "dev.intake.rules..",
          "dev.intake.report..", "dev.intake.template..", "dev.intake.pipeline..", "dev.intake.api..",
          "dev.intake.web..", "dev.intake.aws..", "dev.intake.handlers..")
      .because("the model and the checklist are what every other package builds on");

  private static final ArchRule READER_WITHOUT_POI = noClasses()
      .that().resideInAnyPackage("dev.intake.parsing..")
      .should().dependOnClassesThat().resideInAnyPackage("org.apache.poi..", "org.apache.xmlbeans..")
      .because("the reader needs no POI, so the intake functions' artifact carries none (issue 17)");

  private static JavaClasses main;

  @BeforeAll
  static void importMainClasses() {
    main = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("dev.intake");
  }

  @Test
  void domainCore_mainClasses_dependOnNoAwsSdkOrLambdaTypes() {
    NO_AWS_TYPES.check(main);
  }

  @Test
  void domainCore_mainClasses_dependOnNoAdapterOrHandler() {
    NO_EDGE.check(main);
  }

  @Test
  void modelAndChecklist_mainClasses_dependOnNoOtherPackageOfTheProject() {
    FOUNDATIONS_STAND_ALONE.check(main);
  }

  @Test
  void reader_mainClasses_dependOnNoPoi() {
    READER_WITHOUT_POI.check(main);
  }

  @Test
  void mainClasses_outsideTheTemplate_useNoPoiUserModel() {
    NO_POI_USER_MODEL.check(main);
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

  /** Proves the package patterns match real SDK and Lambda classes, so NO_AWS_TYPES can fail. */
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
