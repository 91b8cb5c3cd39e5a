package dev.intake.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intake.model.CellRef;
import dev.intake.model.Finding;
import dev.intake.model.FindingsReport;
import dev.intake.model.PartnerRef;
import dev.intake.model.ReportStatus;
import dev.intake.model.Severity;
import dev.intake.model.Summary;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The streamed report is the text the mapper makes of the report's tree, character for character. */
class ReportJsonTest {

  private static final LocalDate AS_OF = LocalDate.of(2026, 11, 1);

  @Test
  void write_reportWithEveryKindOfLocation_isTheMappersTextOfItsTree() throws Exception {
    FindingsReport report = new FindingsReport("sub-1", new PartnerRef("Northwind \"Cloud\" Ltd – ÆØÅ", "P-1001"),
        "4.0", AS_OF, ReportStatus.ACTION_REQUIRED, new Summary(2, 1, 16), List.of(
            new Finding("case-study-age", "2.1", Severity.BLOCKER, "Went live 19 months\nbefore", "Add a newer one",
                CellRef.of("Case Studies", 9, 2)),
            new Finding("certification-count", "4.1", Severity.BLOCKER, "Only 3 people", "Add people",
                CellRef.sheet("Certifications")),
            new Finding("control-row", "3.1", Severity.WARNING, "Row\tmissing", "=cmd", CellRef.row("Self-Assessment",
                7)),
            new Finding("file-note", "3.1", Severity.INFO, "Whole file", "", null)));

    String streamed = ReportJson.write(report);

    assertThat(streamed).isEqualTo(ReportJson.mapper().writeValueAsString(ReportJson.toTree(report)));
    assertThat(ReportJson.read(streamed)).isEqualTo(report);
  }

  @Test
  void write_readyReportWithoutSubmissionOrFindings_isTheMappersTextOfItsTree() throws Exception {
    FindingsReport report = new FindingsReport(null, new PartnerRef("", ""), "4.0", AS_OF, ReportStatus.READY,
        new Summary(0, 0, 19), List.of());

    String streamed = ReportJson.write(report);

    assertThat(streamed).isEqualTo(ReportJson.mapper().writeValueAsString(ReportJson.toTree(report)));
    assertThat(streamed).contains("\"submissionId\" : null");
  }

  @Test
  void write_sheetNamedWithHiddenCharacters_isWrittenWithoutThem() {
    // given: findings keep the workbook's own sheet name (the annotator finds the sheet by it)
    FindingsReport report = new FindingsReport("sub-1", new PartnerRef("Acme", "P-1001"), "4.0", AS_OF,
        ReportStatus.ACTION_REQUIRED, new Summary(1, 0, 18), List.of(new Finding("case-study-age", "2.1",
            Severity.BLOCKER, "Too old", "Add a newer one", CellRef.of("Case\u200B Studies\u202E", 9, 2))));

    // when
    String written = ReportJson.write(report);

    // then
    assertThat(written).doesNotContain("\u200B", "\u202E");
    assertThat(ReportJson.read(written).findings().get(0).location().sheet()).isEqualTo("Case Studies");
  }
}
