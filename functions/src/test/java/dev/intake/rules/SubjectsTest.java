package dev.intake.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intake.model.Finding;
import dev.intake.model.ProfileField;
import dev.intake.template.Layout;
import dev.intake.template.Layout.CaseStudyColumn;
import dev.intake.testing.WorkbookBuilder;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Consumer;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/**
 * Every finding names what it is about in the partner's terms, never by row: a partner who inserts
 * rows above its case studies, certifications and controls gets findings about the same subjects.
 */
class SubjectsTest {

  private static final LocalDate AS_OF = LocalDate.of(2026, 11, 2);

  /** A workbook with a finding of most rules. */
  private static WorkbookBuilder manyFindings() {
    return WorkbookBuilder.ready(AS_OF)
        .profile(ProfileField.PARTNER_TIER, "Select")
        .profile(ProfileField.CONTACT_EMAIL, null)
        .caseStudy(2, c -> c.set(CaseStudyColumn.STAGE, "Pilot"))
        .caseStudy(3, c -> c.set(CaseStudyColumn.ARCHITECTURE_DIAGRAM, null).set(CaseStudyColumn.OUTCOME, null)
            .set(CaseStudyColumn.INTERNAL_OR_AFFILIATE, "Yes"))
        .caseStudy(4, c -> c.set(CaseStudyColumn.GO_LIVE_DATE, AS_OF.minusMonths(24)))
        .control("POV-002", c -> c.evidence = "tbd")
        .control("OPE-001", c -> c.response = "Not met")
        .certification("Eve Adams", "DevOps Engineer – Professional", "DOP-9", AS_OF.minusDays(3));
  }

  private static Consumer<XSSFWorkbook> insertRowsAboveTheData() {
    return wb -> {
      for (String name : List.of(Layout.CASE_STUDIES, Layout.CERTIFICATIONS, Layout.SELF_ASSESSMENT)) {
        Sheet sheet = wb.getSheet(name);
        sheet.shiftRows(1, sheet.getLastRowNum(), 2);
      }
    };
  }

  private static List<String> identities(Evaluation e) {
    return e.findings().stream()
        .map(f -> f.ruleId() + " | " + f.checklistRef() + " | " + f.severity() + " | " + f.subject())
        .sorted()
        .toList();
  }

  @Test
  void subjects_rowsInsertedAboveTheData_nameTheSameThings() {
    Evaluation before = Evaluation.of(manyFindings(), AS_OF);
    Evaluation after = Evaluation.of(manyFindings().tweak(insertRowsAboveTheData()), AS_OF);

    assertThat(identities(after)).isEqualTo(identities(before));
    assertThat(after.findings()).extracting(Finding::location).isNotEqualTo(before.findings().stream()
        .map(Finding::location).toList());
  }

  @Test
  void subjects_ofTheRules_nameCaseStudiesByCustomerControlsByIdAndFieldsByLabel() {
    Evaluation e = Evaluation.of(manyFindings(), AS_OF);

    assertThat(e.only("case-study-production").subject()).isEqualTo("Case study \"Globex GmbH\": stage");
    assertThat(e.only("case-study-diagram").subject())
        .isEqualTo("Case study \"Initech LLC\": architecture diagram");
    assertThat(e.only("case-study-internal").subject()).isEqualTo("Case study \"Initech LLC\"");
    assertThat(e.only("case-study-age").subject()).isEqualTo("Case study \"Umbrella Health S.A.\": go-live date");
    assertThat(e.only("case-study-content").subject()).isEqualTo("Case study \"Initech LLC\": outcome");
    assertThat(e.only("self-assessment-not-met").subject()).isEqualTo("Control OPE-001: response");
    assertThat(e.only("self-assessment-complete").subject()).isEqualTo("Control POV-002: evidence");
    assertThat(e.only("partner-tier").subject()).isEqualTo("Partner Profile: Partner tier");
    assertThat(e.only("partner-profile").subject()).isEqualTo("Partner Profile: Contact email");
    assertThat(e.only("certification-row").subject())
        .isEqualTo("Certification of \"Eve Adams\" (DevOps Engineer – Professional)");
  }

  @Test
  void subjects_everyRuleFindingHasOne() {
    Evaluation e = Evaluation.of(manyFindings(), AS_OF);

    assertThat(e.rules().findings()).allSatisfy(f -> assertThat(f.subject()).as(f.ruleId()).isNotBlank());
  }
}
