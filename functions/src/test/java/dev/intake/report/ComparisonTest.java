package dev.intake.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intake.model.CellRef;
import dev.intake.model.Finding;
import dev.intake.model.Severity;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Findings are matched by what they are about, not where they are. */
class ComparisonTest {

  private static final LocalDate SINCE = LocalDate.of(2026, 11, 2);

  private static Finding f(String rule, Severity severity, int row, String subject) {
    return new Finding(rule, "2.1", severity, rule + " at row " + row, "fix", CellRef.of("Case Studies", 9, row),
        subject);
  }

  @Test
  void of_sameSubjectOnAnotherRow_isUnchanged() {
    Finding before = f("case-study-age", Severity.BLOCKER, 5, "Case study \"Umbrella Health S.A.\": go-live date");
    Finding after = f("case-study-age", Severity.BLOCKER, 6, "case study 'umbrella health sa' - go-live date");

    Comparison c = Comparison.of("sub-prev", SINCE, List.of(before), List.of(after));

    assertThat(c.unchanged()).containsExactly(after);
    assertThat(c.fixed()).isEmpty();
    assertThat(c.introduced()).isEmpty();
  }

  @Test
  void of_fixedAndNew_listsEachSideAndSaysSo() {
    Finding fixed1 = f("case-study-production", Severity.BLOCKER, 3, "Case study \"Globex\": stage");
    Finding fixed2 = f("case-study-diagram", Severity.BLOCKER, 4, "Case study \"Initech\": architecture diagram");
    Finding kept = f("case-study-age", Severity.BLOCKER, 5, "Case study \"Umbrella\": go-live date");
    Finding keptNow = f("case-study-age", Severity.BLOCKER, 7, "Case study \"Umbrella\": go-live date");
    Finding added = f("public-case-study-content", Severity.BLOCKER, 2, "Case study \"Acme\": outcome");

    Comparison c = Comparison.of("sub-prev", SINCE, List.of(fixed1, fixed2, kept), List.of(added, keptNow));

    assertThat(c.fixed()).containsExactly(fixed1, fixed2);
    assertThat(c.introduced()).containsExactly(added);
    assertThat(c.unchanged()).containsExactly(keptNow);
    assertThat(c.line()).isEqualTo("2 fixed, 1 new since 2026-11-02");
  }

  @Test
  void of_blockerBecameWarning_isOneFixedAndOneNew() {
    Finding blocker = f("case-study-age", Severity.BLOCKER, 5, "Case study \"Umbrella\": go-live date");
    Finding warning = f("case-study-age", Severity.WARNING, 5, "Case study \"Umbrella\": go-live date");

    Comparison c = Comparison.of("sub-prev", SINCE, List.of(blocker), List.of(warning));

    assertThat(c.fixed()).containsExactly(blocker);
    assertThat(c.introduced()).containsExactly(warning);
  }

  @Test
  void of_twoFindingsOfOneIdentityAndOneLeft_oneUnchangedOneFixed() {
    Finding a = f("cell-formula", Severity.WARNING, 3, null);
    Finding b = f("cell-formula", Severity.WARNING, 9, null);

    Comparison c = Comparison.of("sub-prev", SINCE, List.of(a, b), List.of(b));

    assertThat(c.unchanged()).containsExactly(b);
    assertThat(c.fixed()).hasSize(1);
    assertThat(c.introduced()).isEmpty();
  }

  @Test
  void of_notes_areLeftOut() {
    Finding note = f("case-study-age", Severity.INFO, 5, "Case study \"Umbrella\": go-live date");

    Comparison c = Comparison.of("sub-prev", SINCE, List.of(note), List.of());

    assertThat(c.fixed()).isEmpty();
    assertThat(c.line()).isEqualTo("0 fixed, 0 new since 2026-11-02");
  }

  @Test
  void identity_sameSubjectAnotherRule_differs() {
    assertThat(Comparison.identity(f("a", Severity.BLOCKER, 1, "X")))
        .isNotEqualTo(Comparison.identity(f("b", Severity.BLOCKER, 1, "X")));
  }
}
