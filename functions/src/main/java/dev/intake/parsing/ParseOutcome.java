package dev.intake.parsing;

import dev.intake.model.Assessment;
import dev.intake.model.Finding;
import java.util.List;

/** What reading a workbook gave: its content, or the reasons it could not be read. */
public sealed interface ParseOutcome {

  /**
   * A readable workbook of the template.
   *
   * @param notes findings about how it was read (formulas, merged or hidden cells, missing columns)
   * @param stats size figures, used to decide how much more work the file is worth
   */
  record Parsed(Assessment assessment, List<Finding> notes, Stats stats) implements ParseOutcome {

    public Parsed {
      notes = List.copyOf(notes);
    }
  }

  /** Not a readable workbook of this template; each finding says why. */
  record Rejected(List<Finding> reasons) implements ParseOutcome {

    public Rejected {
      reasons = List.copyOf(reasons);
      if (reasons.isEmpty()) {
        throw new IllegalArgumentException("a rejection needs a reason");
      }
    }
  }

  /** How much the reader read. */
  record Stats(long fileBytes, int sheets, int rowsRead, int cellsRead) {
  }
}
