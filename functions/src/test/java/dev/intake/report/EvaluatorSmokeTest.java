package dev.intake.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intake.model.FindingsReport;
import dev.intake.model.ReportStatus;
import dev.intake.testing.WorkbookBuilder;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class EvaluatorSmokeTest {

  private static final LocalDate AS_OF = LocalDate.of(2026, 11, 1);

  @Test
  void evaluate_readyWorkbook_isReadyWithNoBlockers() {
    byte[] workbook = WorkbookBuilder.ready(AS_OF).build();

    FindingsReport report = Evaluator.standard().evaluate(workbook, "ready.xlsx", AS_OF);

    assertThat(report.findings()).as(TextReport.render(report)).isEmpty();
    assertThat(report.status()).isEqualTo(ReportStatus.READY);
  }
}
