package dev.intake.bench;

import dev.intake.model.FindingsReport;
import dev.intake.report.Evaluator;
import dev.intake.report.ReportJson;
import java.time.LocalDate;

/** The subject: the intake handler's logic — parse, every rule, the JSON findings report. */
public final class Verdict {

  /** The date the sample workbooks are READY on. */
  public static final LocalDate AS_OF = LocalDate.of(2026, 11, 1);

  private Verdict() {
  }

  public static String run(Evaluator evaluator, byte[] xlsx, String fileName) {
    return ReportJson.write(evaluate(evaluator, xlsx, fileName));
  }

  public static FindingsReport evaluate(Evaluator evaluator, byte[] xlsx, String fileName) {
    return evaluator.evaluate(xlsx, fileName, AS_OF);
  }
}
