package dev.intake.pipeline;

import dev.intake.model.Finding;
import dev.intake.model.FindingsReport;
import dev.intake.model.ReportStatus;
import dev.intake.model.Severity;
import dev.intake.model.Text;
import dev.intake.report.Comparison;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * The plain text of a notification's {@code email}: what a person reads in a mail client. Partner
 * text (names, file names, cell contents quoted in messages) is shown without control or
 * bidirectional characters; the office's version names the internal reason of a failure, the
 * partner's does not.
 */
final class NotificationText {

  /** What a partner is told about a FAILED submission (the office's version carries the reason). */
  static final String FAILED_FOR_PARTNERS =
      "The evaluation could not be completed; the program office has been told and will follow up.";

  /** Blockers listed one by one; a workbook with more points to the findings for the rest. */
  static final int MAX_LISTED = 50;

  private static final DateTimeFormatter RECEIVED =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private NotificationText() {
  }

  static String evaluated(Submission s, FindingsReport report, Comparison changes, Notification.Links links,
      Notification.Audience audience) {
    boolean office = audience == Notification.Audience.PROGRAM_OFFICE;
    StringBuilder out = new StringBuilder();
    String partner = partner(report.partner().name(), s.partnerId());
    int blockers = report.summary().blockers();
    int warnings = report.summary().warnings();
    if (office) {
      out.append(partner).append(": ").append(report.status()).append("\n\n");
    } else {
      out.append("Your AWS DevOps Competency self-assessment was checked: ").append(report.status()).append(".\n\n");
    }
    out.append("Partner:    ").append(partner).append('\n');
    out.append("File:       ").append(fileName(s.fileName())).append(", received ")
        .append(RECEIVED.format(s.receivedAt())).append('\n');
    out.append("Submission: ").append(s.submissionId()).append('\n');
    out.append("Status:     ").append(report.status()).append(" - ").append(blockers).append(" blocker")
        .append(blockers == 1 ? "" : "s").append(", ").append(warnings).append(" warning")
        .append(warnings == 1 ? "" : "s").append(", ").append(report.summary().passed())
        .append(" checks passed (checklist ").append(report.checklistVersion()).append(", as of ")
        .append(report.asOf()).append(")\n");
    boolean rejected = report.status() == ReportStatus.REJECTED;
    boolean threaded = Threads.threaded(s.partnerId());
    if (changes != null) {
      out.append("Changes:    ").append(changes.line()).append(" (").append(changes.previousSubmissionId())
          .append("), ").append(changes.unchanged().size()).append(" unchanged\n");
    } else if (rejected) {
      out.append("Changes:    not compared: the file could not be checked\n");
    } else if (threaded) {
      out.append("Changes:    none to report: the first checked submission of this partner\n");
    } else {
      out.append("Changes:    not compared: an upload outside a partner folder\n");
    }
    out.append("Reply due:  ").append(s.dueBy()).append(" (five business days)\n");
    if (!office) {
      out.append('\n').append(nextStep(rejected, blockers, threaded)).append(" The program office will ")
          .append(blockers == 0 ? "review the submission and " : "").append("reply by ").append(s.dueBy())
          .append(".\n");
    }
    List<Finding> blocking = report.findings().stream().filter(f -> f.severity() == Severity.BLOCKER).toList();
    if (!blocking.isEmpty()) {
      out.append("\nBlockers (").append(blocking.size()).append(")\n");
      int n = 0;
      for (Finding f : blocking) {
        if (++n > MAX_LISTED) {
          out.append("  … and ").append(blocking.size() - MAX_LISTED).append(" more: see the findings.\n");
          break;
        }
        out.append(String.format(Locale.ROOT, "%3d. ", n)).append(line(f)).append('\n');
        out.append("     Fix: ").append(Text.visible(f.remediation())).append('\n');
      }
    }
    if (warnings > 0) {
      out.append("\nWarnings: ").append(warnings).append(" (a reviewer will look at these; see the findings)\n");
    }
    if (changes != null && !changes.fixed().isEmpty()) {
      out.append("\nFixed since ").append(changes.since()).append(" (").append(changes.fixed().size()).append(")\n");
      listed(out, changes.fixed());
    }
    if (changes != null && !changes.introduced().isEmpty()) {
      out.append("\nNew since ").append(changes.since()).append(" (").append(changes.introduced().size())
          .append(")\n");
      listed(out, changes.introduced());
    }
    links(out, links, office);
    return out.toString();
  }

  /**
   * What the partner does next. Only checked workbooks are compared (a rejected file had nothing in it
   * the rules could read), and only within a partner folder.
   */
  private static String nextStep(boolean rejected, int blockers, boolean threaded) {
    if (rejected) {
      return "The file could not be checked: fix what is listed below and upload the workbook again (any file"
          + " name). A file that could not be checked is not compared with anything: your next upload is compared"
          + " with your last checked submission, if there is one.";
    }
    if (blockers == 0) {
      return "Nothing blocks a technical validation.";
    }
    return threaded
        ? "Fix the blockers below and upload the corrected workbook (any file name): it is compared with this one."
        : "Fix the blockers below and upload the corrected workbook into your partner folder"
            + " (incoming/<your partner id>/): an upload outside it is not compared with any other.";
  }

  static String failed(WorkflowInput in, String reason, LocalDate dueBy, Notification.Links links,
      Notification.Audience audience) {
    boolean office = audience == Notification.Audience.PROGRAM_OFFICE;
    StringBuilder out = new StringBuilder();
    out.append(office ? "[" + in.partnerId() + "]: FAILED - not evaluated"
        : "Your AWS DevOps Competency self-assessment could not be checked.").append("\n\n");
    out.append("Partner:    [").append(in.partnerId()).append("]\n");
    out.append("File:       ").append(fileName(in.fileName())).append('\n');
    out.append("Submission: ").append(in.submissionId()).append('\n');
    out.append("Status:     FAILED\n");
    out.append(office ? "Reason:     " + Text.visible(reason) : FAILED_FOR_PARTNERS).append('\n');
    out.append("Reply due:  ").append(dueBy).append(" (five business days)\n");
    links(out, links, office);
    return out.toString();
  }

  /** "[2.1] Case Studies!J3 - Case study 2 went live …". */
  private static String line(Finding f) {
    return "[" + f.checklistRef() + "] " + (f.location() == null ? "" : Text.visible(f.location().toString()) + " - ")
        + Text.visible(f.message());
  }

  private static void listed(StringBuilder out, List<Finding> findings) {
    int n = 0;
    for (Finding f : findings) {
      if (++n > MAX_LISTED) {
        out.append("  … and ").append(findings.size() - MAX_LISTED).append(" more: see the comparison.\n");
        return;
      }
      out.append("  - ").append(f.severity() == Severity.BLOCKER ? "" : f.severity().name().toLowerCase(Locale.ROOT)
          + ": ").append(line(f)).append('\n');
    }
  }

  private static void links(StringBuilder out, Notification.Links links, boolean office) {
    out.append("\nLinks (the competency intake API; sign in with your ").append(office ? "reviewer" : "partner")
        .append(" role)\n");
    out.append("  Submission: ").append(links.submission()).append('\n');
    if (links.findings() != null) {
      out.append("  Findings:   ").append(links.findings()).append('\n');
    }
    if (links.comparison() != null) {
      out.append("  Changes:    ").append(links.comparison()).append('\n');
    }
    if (links.report() != null) {
      out.append("  Report:     ").append(links.report()).append(" (the annotated workbook and report.json)\n");
    }
    out.append("  Decisions:  ").append(links.decisions()).append(office ? "\n" : " (the program office's comments)\n");
  }

  private static String partner(String name, String id) {
    String clean = Text.visible(name);
    return clean.isEmpty() ? "[" + id + "]" : clean + " [" + id + "]";
  }

  private static String fileName(String name) {
    String clean = Text.visible(name);
    return clean.isEmpty() ? "(no file name)" : clean;
  }
}
