package dev.intake.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intake.model.ReportStatus;
import dev.intake.testing.SampleWorkbooks;
import java.io.InputStream;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

class SnapStartPrimingTest {

  @Test
  void prime_bundledSample_runsTheReadyTheFindingsAndTheRejectedPaths() {
    var statuses = SnapStartPriming.prime();

    assertThat(statuses).containsExactly(ReportStatus.READY, ReportStatus.ACTION_REQUIRED, ReportStatus.REJECTED);
  }

  @Test
  void bundledSample_isTheCommittedReadySample() throws Exception {
    byte[] committed = Files.readAllBytes(SampleWorkbooks.folder().resolve("ready.xlsx"));

    byte[] bundled;
    try (InputStream in = getClass().getClassLoader().getResourceAsStream(SnapStartPriming.SAMPLE)) {
      bundled = in.readAllBytes();
    }

    assertThat(bundled).isEqualTo(committed);
  }
}
