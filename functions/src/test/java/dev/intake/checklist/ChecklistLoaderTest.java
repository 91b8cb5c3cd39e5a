package dev.intake.checklist;

import static dev.intake.model.Severity.BLOCKER;
import static dev.intake.model.Severity.WARNING;
import static dev.intake.rules.Evaluation.seen;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.intake.rules.Evaluation;
import dev.intake.template.Layout.CaseStudyColumn;
import dev.intake.testing.WorkbookBuilder;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Checklist v4.0 as data: the 7 numbered prerequisites and 38 controls of the checklist text, the
 * coverage of DESIGN.md's rules table, and parameters that a new file can change without new code.
 */
class ChecklistLoaderTest {

  private static final Checklist CURRENT = Checklist.current();
  private static final String TEST_EDITION = "checklists/devops-competency-test-4.1.json";

  @Test
  void current_isVersion40OfJanuary2024() {
    assertThat(CURRENT.competency()).isEqualTo("AWS DevOps Competency");
    assertThat(CURRENT.document()).isEqualTo("Service Offering Validation Checklist");
    assertThat(CURRENT.version()).isEqualTo("4.0");
    assertThat(CURRENT.published()).isEqualTo("January 2024");
  }

  @Test
  void current_controls_areThe38OfTheChecklistInItsOrder() {
    List<String> ids = CURRENT.controls().stream().map(Control::id).toList();

    assertThat(ids).containsExactly(
        "POV-001", "POV-002", "POV-003", "POV-004", "POV-005",
        "PRJ-001", "PRJ-002", "PRJ-003", "PRJ-004", "PRJ-005",
        "CSN-001", "CSN-002",
        "PROC-001", "PROC-002",
        "PRIAC-001", "PRIAC-002", "PRIAC-003",
        "PRCICD-001", "PRCICD-002",
        "PRVCL-001",
        "PRMSC-001",
        "PRMLO-001", "PRMLO-002", "PRMLO-003",
        "PRPAS-001",
        "PRSEC-001",
        "DOC-001",
        "ACCT-001", "ACCT-002",
        "OPE-001", "OPE-002", "OPE-003",
        "NETSEC-001", "NETSEC-002",
        "REL-001", "REL-002",
        "COST-001",
        "EXCRI-001");
    assertThat(CURRENT.controlsById()).hasSize(38);
  }

  @Test
  void current_prerequisites_areTheSevenNumberedItems() {
    assertThat(CURRENT.prerequisites()).extracting(Prerequisite::id, Prerequisite::title).containsExactly(
        tuple("1.1", "Program Guidelines"),
        tuple("1.2", "Services Path Membership"),
        tuple("1.3", "AWS Partner Tier"),
        tuple("2.1", "Production AWS Customer Case Studies"),
        tuple("2.2", "Publicly Available Case Studies"),
        tuple("3.1", "AWS Partner Self-Assessment"),
        tuple("4.1", "AWS DevOps Certified Personnel"));
    assertThat(CURRENT.prerequisite("4.1").orElseThrow().requirement())
        .contains("≥ 4 AWS Certified Developer – Associate or AWS Certified SysOps Administrator – Associate")
        .contains("≥ 4 AWS Certified DevOps Engineer – Professional");
  }

  @Test
  void current_coverage_isTheRulesTableOfTheDesign() {
    Map<String, Coverage> coverage = CURRENT.controls().stream()
        .collect(Collectors.toMap(Control::id, Control::coverage));

    assertThat(idsWith(coverage, Coverage.EVERY)).containsExactlyInAnyOrder("DOC-001", "EXCRI-001", "PRIAC-001");
    assertThat(idsWith(coverage, new Coverage.AtLeast(2))).containsExactly("PRMLO-003");
    assertThat(idsWith(coverage, new Coverage.AtLeast(1))).containsExactlyInAnyOrder("ACCT-001", "ACCT-002",
        "OPE-001", "OPE-002", "OPE-003", "NETSEC-001", "NETSEC-002", "REL-001", "REL-002", "COST-001", "PRMLO-002");
    assertThat(idsWith(coverage, Coverage.NONE)).hasSize(38 - 3 - 1 - 11);
  }

  private static List<String> idsWith(Map<String, Coverage> coverage, Coverage kind) {
    return coverage.entrySet().stream().filter(e -> e.getValue().equals(kind)).map(Map.Entry::getKey).toList();
  }

  @Test
  void current_waivableControls_areThePovPrjAndCsnOnes() {
    List<String> waivable = CURRENT.controls().stream().filter(Control::waivable).map(Control::id).toList();

    assertThat(waivable).hasSize(12).allMatch(id -> id.matches("(POV|PRJ|CSN)-\\d{3}"));
    assertThat(CURRENT.controls()).filteredOn(c -> c.id().matches("(POV|PRJ|CSN)-\\d{3}"))
        .allMatch(Control::waivable);
  }

  @Test
  void current_parameters_areTheChecklistsNumbers() {
    Parameters p = CURRENT.parameters();

    assertThat(p.requiredTiers()).containsExactly("Advanced", "Premier");
    assertThat(p.requiredServicesPathStages()).containsExactly("Validated", "Differentiated");
    assertThat(p.minCaseStudies()).isEqualTo(4);
    assertThat(p.minDistinctCustomers()).isEqualTo(4);
    assertThat(p.caseStudyMaxAgeMonths()).isEqualTo(18);
    assertThat(p.caseStudyAgeWarningDays()).isEqualTo(30);
    assertThat(p.minPublicCaseStudies()).isEqualTo(2);
    assertThat(p.minAssociateCertified()).isEqualTo(4);
    assertThat(p.associateCertifications())
        .containsExactly("Developer – Associate", "SysOps Administrator – Associate");
    assertThat(p.minProfessionalCertified()).isEqualTo(4);
    assertThat(p.professionalCertifications()).containsExactly("DevOps Engineer – Professional");
    assertThat(p.waiverCompetencyMonths()).isEqualTo(12);
  }

  @Test
  void control_idWithOtherCaseOrSpaces_isFound() {
    assertThat(CURRENT.control(" doc-001 ")).map(Control::id).contains("DOC-001");
    assertThat(CURRENT.control("DOC-999")).isEmpty();
  }

  @Test
  void tree_ofEachChecklistFile_isWhatTheMapperReads() throws Exception {
    for (String resource : List.of(ChecklistLoader.CURRENT_RESOURCE, TEST_EDITION)) {
      JsonNode streamed;
      try (var in = getClass().getClassLoader().getResourceAsStream(resource)) {
        streamed = ChecklistLoader.tree(in);
      }

      JsonNode mapped = new ObjectMapper().readTree(getClass().getClassLoader().getResourceAsStream(resource));

      assertThat(streamed).as(resource).isEqualTo(mapped);
    }
  }

  @Test
  void load_missingResource_isRefused() {
    assertThatThrownBy(() -> ChecklistLoader.load("checklists/devops-competency-9.9.json"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("devops-competency-9.9.json");
  }

  @Test
  void parse_coverageNeitherAllNorANumber_isRefused() throws Exception {
    var root = new ObjectMapper().readTree(getClass().getClassLoader().getResourceAsStream(TEST_EDITION));
    ((ObjectNode) root.get("controls").get(26)).put("caseStudies", "most");

    assertThatThrownBy(() -> ChecklistLoader.parse(root))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"most\"");
  }

  @Test
  void anotherChecklistFile_withOtherParameters_changesTheVerdictWithoutCodeChanges() {
    Checklist edition = ChecklistLoader.load(TEST_EDITION);
    LocalDate asOf = LocalDate.of(2026, 11, 1);
    byte[] workbook = WorkbookBuilder.ready(asOf)
        .caseStudy(4, c -> c.set(CaseStudyColumn.GO_LIVE_DATE, asOf.minusMonths(13)))
        .build();

    Evaluation underCurrent = Evaluation.of(workbook, asOf, "", CURRENT);
    Evaluation underEdition = Evaluation.of(workbook, asOf, "", edition);

    assertThat(edition.version()).isEqualTo("4.1");
    assertThat(edition.parameters().requiredTiers()).containsExactly("Premier");
    assertThat(underCurrent.seen()).isEmpty();
    assertThat(underEdition.seen()).containsExactly(
        seen("partner-tier", "1.3", BLOCKER, "Partner Profile!B5"),
        seen("case-study-age", "2.1", BLOCKER, "Case Studies!J5"),
        seen("control-coverage", "PRMLO-003", BLOCKER, "Self-Assessment!F25"),
        seen("partner-profile", "3.1", WARNING, "Partner Profile!B12"));
    assertThat(underEdition.only("partner-tier").message()).contains("needs Premier");
    assertThat(underEdition.only("case-study-age").message()).contains("more than 12 months");
  }
}
