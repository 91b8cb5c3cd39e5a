package dev.intake.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intake.model.Finding;
import dev.intake.model.FindingsReport;
import dev.intake.model.ReportStatus;
import dev.intake.report.Comparison;
import dev.intake.report.Evaluator;
import java.io.IOException;
import java.nio.file.Files;
import java.time.LocalDate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The committed review-loop pair gives what the README's walk-through shows: the first ACTION_REQUIRED
 * with four blockers, the correction "3 fixed, 1 new" against it. Run with {@code -Dsamples.write=true}
 * to regenerate the files first.
 */
class ReviewLoopWorkbooksTest {

  private static final Evaluator EVALUATOR = Evaluator.standard();

  @BeforeAll
  static void regenerateWhenAsked() throws IOException {
    if (Boolean.getBoolean("samples.write")) {
      ReviewLoopWorkbooks.writeAll(ReviewLoopWorkbooks.folder());
    }
  }

  private static FindingsReport committed(String name) throws IOException {
    return EVALUATOR.evaluate(Files.readAllBytes(ReviewLoopWorkbooks.folder().resolve(name)), name,
        SampleWorkbooks.AS_OF);
  }

  @Test
  void committedPair_comparedAsOfTheSamplesDate_isThreeFixedOneNew() throws IOException {
    FindingsReport first = committed(ReviewLoopWorkbooks.FIRST);
    FindingsReport corrected = committed(ReviewLoopWorkbooks.CORRECTED);

    Comparison c = Comparison.of("first", LocalDate.of(2026, 11, 1), first.findings(), corrected.findings());

    assertThat(first.status()).isEqualTo(ReportStatus.ACTION_REQUIRED);
    assertThat(first.summary().blockers()).isEqualTo(4);
    assertThat(corrected.status()).isEqualTo(ReportStatus.ACTION_REQUIRED);
    assertThat(corrected.partner().id()).isEqualTo(ReviewLoopWorkbooks.PARTNER_ID);
    assertThat(c.line()).isEqualTo("3 fixed, 1 new since 2026-11-01");
    assertThat(c.unchanged()).extracting(Finding::ruleId).containsExactly("case-study-age");
  }

  @Test
  void committedFiles_matchTheirDefinitions() throws IOException {
    FindingsReport twin = EVALUATOR.evaluate(ReviewLoopWorkbooks.corrected(SampleWorkbooks.AS_OF).build(), "twin",
        SampleWorkbooks.AS_OF);

    assertThat(committed(ReviewLoopWorkbooks.CORRECTED).findings()).isEqualTo(twin.findings());
  }
}
