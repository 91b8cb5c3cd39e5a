package dev.intake.testing;

import dev.intake.model.ProfileField;
import dev.intake.template.Layout;
import dev.intake.template.Layout.CaseStudyColumn;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.apache.poi.ss.usermodel.Sheet;

/**
 * One partner's workbook and its correction, the pair the review loop is shown and tested with
 * (README's walk-through, {@code test-events/workbooks/review-loop/}): the first has four blockers;
 * the correction fixes three, leaves case study 4's age as it was, adds one (case study 1's outcome
 * deleted) and has a blank row inserted above the case studies, so every case study's row moves —
 * which must not make its findings new.
 */
public final class ReviewLoopWorkbooks {

  public static final String PARTNER_ID = "P-2001";
  public static final String PARTNER_NAME = "Wide World Cloud";
  public static final String FIRST = "self-assessment.xlsx";
  public static final String CORRECTED = "self-assessment-v2 (fixed).xlsx";
  public static final String FOLDER = "test-events/workbooks/review-loop";

  private ReviewLoopWorkbooks() {
  }

  private static WorkbookBuilder partner(LocalDate asOf) {
    return WorkbookBuilder.ready(asOf)
        .profile(ProfileField.PARTNER_NAME, PARTNER_NAME)
        .profile(ProfileField.PARTNER_ID, PARTNER_ID);
  }

  /**
   * Four blockers on {@code asOf}: case study 2 at the Pilot stage, case study 3 without a diagram,
   * POV-002's evidence a placeholder, and case study 4 gone live 24 months before.
   */
  public static WorkbookBuilder first(LocalDate asOf) {
    return partner(asOf)
        .caseStudy(2, c -> c.set(CaseStudyColumn.STAGE, "Pilot"))
        .caseStudy(3, c -> c.set(CaseStudyColumn.ARCHITECTURE_DIAGRAM, null))
        .caseStudy(4, c -> c.set(CaseStudyColumn.GO_LIVE_DATE, asOf.minusMonths(24)))
        .control("POV-002", c -> c.evidence = "tbd");
  }

  /** The correction: 3 fixed, 1 new, 1 unchanged, and a row inserted above the case studies. */
  public static WorkbookBuilder corrected(LocalDate asOf) {
    return partner(asOf)
        .caseStudy(4, c -> c.set(CaseStudyColumn.GO_LIVE_DATE, asOf.minusMonths(24)))
        .caseStudy(1, c -> c.set(CaseStudyColumn.OUTCOME, null))
        .tweak(wb -> {
          Sheet sheet = wb.getSheet(Layout.CASE_STUDIES);
          sheet.shiftRows(1, sheet.getLastRowNum(), 1);
        });
  }

  /** Writes both, as of the samples' date, into {@code dir}. */
  public static void writeAll(Path dir) throws IOException {
    Files.createDirectories(dir);
    Files.write(dir.resolve(FIRST), first(SampleWorkbooks.AS_OF).build());
    Files.write(dir.resolve(CORRECTED), corrected(SampleWorkbooks.AS_OF).build());
  }

  public static Path folder() {
    return dev.intake.contracts.RepositoryRoot.locate().resolve(FOLDER);
  }
}
