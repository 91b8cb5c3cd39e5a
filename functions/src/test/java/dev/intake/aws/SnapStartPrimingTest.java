package dev.intake.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intake.model.ReportStatus;
import dev.intake.pipeline.Bundled;
import dev.intake.testing.SampleWorkbooks;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** Each family's SnapStart priming runs its own work on the files bundled in its artifact. */
class SnapStartPrimingTest {

  @Test
  void intakePriming_bundledSampleAndANonWorkbook_parsesOneAndRejectsTheOther() {
    assertThat(IntakeWiring.prime()).containsExactly("Parsed", "Rejected");
  }

  @Test
  void checkPriming_bundledParsedSample_findsNoBlockerWhenReadyAndSomeThreeYearsLater() {
    var blockers = CheckWiring.prime();

    assertThat(blockers).hasSize(2);
    assertThat(blockers.get(0)).isZero();
    assertThat(blockers.get(1)).isPositive();
  }

  @Test
  void aggregatePriming_bundledSample_runsTheReadyTheFindingsAndTheRejectedPaths() {
    assertThat(AggregateWiring.prime())
        .containsExactly(ReportStatus.READY, ReportStatus.ACTION_REQUIRED, ReportStatus.REJECTED);
  }

  @Test
  void bundledSample_isTheCommittedReadySample() throws Exception {
    byte[] committed = Files.readAllBytes(SampleWorkbooks.folder().resolve("ready.xlsx"));

    assertThat(Bundled.read(Bundled.PRIMING_WORKBOOK)).isEqualTo(committed);
  }
}
