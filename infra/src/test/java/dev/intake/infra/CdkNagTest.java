package dev.intake.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.cxapi.SynthesisMessage;

/**
 * cdk-nag's AWS Solutions pack finds nothing unsuppressed — neither an error nor a warning — in
 * the stack with and without the optional context values (which add roles and a subscription).
 */
class CdkNagTest {

  private static Synth.Result defaults;
  private static Synth.Result full;
  private static List<Synth.Result> sideBySide;

  @BeforeAll
  static void synthesize() {
    defaults = Synth.defaults();
    full = Synth.full();
    sideBySide = Synth.sideBySide();
  }

  @Test
  void awsSolutions_defaultStack_hasNoUnsuppressedErrors() {
    assertThat(describe(Annotations.fromStack(defaults.stack())
        .findError("*", Match.stringLikeRegexp("AwsSolutions-.*")))).isEmpty();
  }

  @Test
  void awsSolutions_defaultStack_hasNoUnsuppressedWarnings() {
    assertThat(describe(Annotations.fromStack(defaults.stack())
        .findWarning("*", Match.stringLikeRegexp("AwsSolutions-.*")))).isEmpty();
  }

  @Test
  void awsSolutions_stackWithPartnersAndEmail_hasNoUnsuppressedErrors() {
    assertThat(describe(Annotations.fromStack(full.stack())
        .findError("*", Match.stringLikeRegexp("AwsSolutions-.*")))).isEmpty();
  }

  @Test
  void awsSolutions_stackWithPartnersAndEmail_hasNoUnsuppressedWarnings() {
    assertThat(describe(Annotations.fromStack(full.stack())
        .findWarning("*", Match.stringLikeRegexp("AwsSolutions-.*")))).isEmpty();
  }

  @Test
  void awsSolutions_stagingAndProdSideBySide_haveNoUnsuppressedErrorsOrWarnings() {
    assertThat(sideBySide).hasSize(2).allSatisfy(r -> {
      assertThat(describe(Annotations.fromStack(r.stack()).findError("*", Match.stringLikeRegexp("AwsSolutions-.*"))))
          .as(r.stack().getStackName()).isEmpty();
      assertThat(describe(Annotations.fromStack(r.stack()).findWarning("*", Match.stringLikeRegexp("AwsSolutions-.*"))))
          .as(r.stack().getStackName()).isEmpty();
    });
  }

  @Test
  void awsSolutions_checks_ranOnTheStack() throws IOException {
    // Without the Aspect the four tests above would pass vacuously; cdk-nag's report proves the
    // pack ran, rule by rule, on this stack's resources.
    Path report = Path.of(((App) defaults.stack().getNode().getRoot()).getOutdir())
        .resolve("AwsSolutions-" + defaults.stack().getStackName() + "-NagReport.csv");

    // when
    String csv = Files.readString(report);

    // then
    assertThat(csv).contains("AwsSolutions-S1", "AwsSolutions-S10", "AwsSolutions-DDB3", "AwsSolutions-SF1",
        "AwsSolutions-APIG4", "AwsSolutions-IAM5", "AwsSolutions-SNS3", "AwsSolutions-SQS4", "AwsSolutions-KMS5");
    assertThat(csv.lines().filter(l -> l.contains("Non-Compliant"))).isEmpty();
  }

  @Test
  void cdk_defaultStack_hasNoWarningsOrErrorsAtAll() {
    // Not only cdk-nag: CDK's own warnings (e.g. a SnapStart function without a published
    // version) would show a misconfiguration too.
    assertThat(describe(Annotations.fromStack(defaults.stack()).findWarning("*", Match.anyValue()))).isEmpty();
    assertThat(describe(Annotations.fromStack(defaults.stack()).findError("*", Match.anyValue()))).isEmpty();
  }

  private static List<String> describe(List<SynthesisMessage> messages) {
    return messages.stream()
        .map(m -> m.getId() + ": " + String.valueOf(m.getEntry().getData()).lines().findFirst().orElse(""))
        .collect(Collectors.toList());
  }
}
