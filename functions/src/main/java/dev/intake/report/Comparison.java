package dev.intake.report;

import dev.intake.model.Finding;
import dev.intake.model.Severity;
import dev.intake.model.Text;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What changed between a partner's previous evaluated submission and this one: the problems it
 * {@code fixed}, the ones it {@code introduced} and the ones left {@code unchanged}.
 *
 * <p>A finding is matched by its identity ({@link #identity}): the rule, the checklist item, what it
 * is about ({@link Finding#subject()}, never a row number) and its severity — so inserting a row
 * above a case study changes nothing, and a blocker that became a warning is one fixed and one new.
 * Findings with the same identity are matched one for one. Notes (INFO) are not problems to fix and
 * are left out. {@code fixed} holds the previous submission's findings, the other two this one's.
 *
 * @param previousSubmissionId the submission compared with
 * @param since the day the previous submission was received (UTC)
 */
public record Comparison(
    String previousSubmissionId,
    LocalDate since,
    List<Finding> fixed,
    List<Finding> introduced,
    List<Finding> unchanged) {

  public Comparison {
    Objects.requireNonNull(previousSubmissionId, "previousSubmissionId");
    Objects.requireNonNull(since, "since");
    fixed = List.copyOf(fixed);
    introduced = List.copyOf(introduced);
    unchanged = List.copyOf(unchanged);
  }

  /** Compares the previous submission's findings with this one's, each in its report's order. */
  public static Comparison of(String previousSubmissionId, LocalDate since, List<Finding> previous,
      List<Finding> current) {
    Map<String, Deque<Finding>> before = new LinkedHashMap<>();
    for (Finding f : previous) {
      if (f.severity() != Severity.INFO) {
        before.computeIfAbsent(identity(f), k -> new ArrayDeque<>()).add(f);
      }
    }
    List<Finding> introduced = new ArrayList<>();
    List<Finding> unchanged = new ArrayList<>();
    for (Finding f : current) {
      if (f.severity() == Severity.INFO) {
        continue;
      }
      Deque<Finding> same = before.get(identity(f));
      if (same == null || same.isEmpty()) {
        introduced.add(f);
      } else {
        same.removeFirst();
        unchanged.add(f);
      }
    }
    List<Finding> fixed = new ArrayList<>();
    for (Finding f : previous) {
      Deque<Finding> left = before.get(identity(f));
      if (f.severity() != Severity.INFO && left != null && left.contains(f)) {
        left.remove(f);
        fixed.add(f);
      }
    }
    return new Comparison(previousSubmissionId, since, fixed, introduced, unchanged);
  }

  /**
   * The identity a finding keeps from one submission to the next: rule, checklist item, severity and
   * subject, the subject reduced to its letters and digits (case, accents, punctuation and spacing ignored).
   */
  public static String identity(Finding f) {
    String subject = f.subject() == null ? "" : Text.key(f.subject());
    return f.ruleId() + '\u001f' + f.checklistRef() + '\u001f' + f.severity() + '\u001f' + subject;
  }

  /** "3 fixed, 1 new since 2026-10-01" — what the report, the Findings sheet and the notification say. */
  public String line() {
    return fixed.size() + " fixed, " + introduced.size() + " new since " + since;
  }
}
