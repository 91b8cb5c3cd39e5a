package dev.intake.report;

import dev.intake.model.Finding;
import dev.intake.model.FindingsReport;
import dev.intake.model.Severity;
import dev.intake.model.Text;
import java.util.List;

/**
 * The report as a person reads it in a terminal or an e-mail: each finding with its cell, the
 * checklist sentence it rests on, and the fix.
 */
public final class TextReport {

  private TextReport() {
  }

  public static String render(FindingsReport r) {
    return render(r, null);
  }

  /**
   * The report, and under its status what changed since the partner's previous submission
   * ({@code changes}, null when it was not compared with one).
   */
  public static String render(FindingsReport r, Comparison changes) {
    StringBuilder out = new StringBuilder();
    String partner = r.partner().name().isBlank() ? "(partner not named)" : Text.visible(r.partner().name());
    if (!r.partner().id().isBlank()) {
      partner += " [" + Text.visible(r.partner().id()) + "]";
    }
    out.append("AWS DevOps Competency self-assessment — checklist ").append(r.checklistVersion())
        .append(", as of ").append(r.asOf()).append('\n');
    out.append("Partner:  ").append(partner).append('\n');
    if (r.submissionId() != null) {
      out.append("Submission: ").append(r.submissionId()).append('\n');
    }
    out.append("Status:   ").append(r.status()).append("  (").append(r.summary().blockers()).append(" blocker")
        .append(r.summary().blockers() == 1 ? "" : "s").append(", ").append(r.summary().warnings()).append(" warning")
        .append(r.summary().warnings() == 1 ? "" : "s").append(", ").append(r.summary().passed())
        .append(" checks passed)\n");
    if (changes != null) {
      out.append("Changes:  ").append(changes.line()).append(" (").append(changes.previousSubmissionId())
          .append("), ").append(changes.unchanged().size()).append(" unchanged\n");
    }
    FindingQuotes quotes = FindingQuotes.of(r);
    for (Severity s : Severity.values()) {
      List<Finding> of = r.findings().stream().filter(f -> f.severity() == s).toList();
      if (of.isEmpty()) {
        continue;
      }
      out.append('\n').append(heading(s)).append(" (").append(of.size()).append(")\n");
      for (Finding f : of) {
        out.append("  [").append(f.checklistRef()).append("] ");
        if (f.location() != null) {
          out.append(Text.visible(f.location().toString())).append(": ");
        }
        out.append(Text.visible(f.message())).append('\n');
        String quote = quotes.display(f);
        if (!quote.isEmpty()) {
          out.append("      Checklist ").append(quote).append('\n');
        }
        out.append("      → ").append(Text.visible(f.remediation())).append('\n');
      }
    }
    if (r.findings().isEmpty()) {
      out.append("\nNo findings: every check passed.\n");
    }
    return out.toString();
  }

  private static String heading(Severity s) {
    return switch (s) {
      case BLOCKER -> "BLOCKERS — must be fixed before a technical validation can be scheduled";
      case WARNING -> "WARNINGS — a reviewer will look at these";
      case INFO -> "NOTES";
    };
  }
}
