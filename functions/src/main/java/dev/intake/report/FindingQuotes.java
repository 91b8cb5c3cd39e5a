package dev.intake.report;

import dev.intake.checklist.Checklist;
import dev.intake.checklist.Quote;
import dev.intake.model.Finding;
import dev.intake.model.FindingsReport;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The checklist sentence each finding of a report rests on. It is derived at render time from the
 * data of the checklist version the report names (by rule id, else by the item it cites), so it is
 * never stored with a finding and a report made against 4.0 keeps 4.0's sentences.
 */
public final class FindingQuotes {

  private static final FindingQuotes NONE = new FindingQuotes(null);

  /** Null when the report's checklist version is not on the class path. */
  private final Checklist checklist;

  /** Each display made so far, by rule id and cited item; an instance serves one rendering, on one thread. */
  private final Map<String, String> displays = new HashMap<>();

  private FindingQuotes(Checklist checklist) {
    this.checklist = checklist;
  }

  /** The quotes for a report, from the checklist version it was evaluated against. */
  public static FindingQuotes of(FindingsReport report) {
    return Checklist.forVersion(report.checklistVersion()).map(FindingQuotes::new).orElse(NONE);
  }

  public Optional<Quote> quote(Finding f) {
    return checklist == null ? Optional.empty() : checklist.quote(f.ruleId(), f.checklistRef());
  }

  /**
   * The quote as a line or a cell shows it, {@code 2.1: “…”}; empty when the finding has none. Kept
   * by rule and cited item, as a report's findings share a few of each (hundreds of one rule's).
   */
  public String display(Finding f) {
    if (checklist == null) {
      return "";
    }
    return displays.computeIfAbsent(f.ruleId() + '\u0000' + f.checklistRef(),
        k -> quote(f).map(Quote::display).orElse(""));
  }
}
