package dev.intake.checklist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Checklist v4.0 as data: the 7 numbered prerequisites and 38 controls of the checklist text, the
 * coverage, certifications, waiver and rule references of DESIGN.md's rules table, and the quotes
 * each finding is given. (That a new file changes them without new code: {@link SecondChecklistTest}.)
 */
class ChecklistLoaderTest {

  private static final Checklist CURRENT = Checklist.current();
  private static final String TEST_EDITION = SecondChecklistTest.RESOURCE;

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
    assertThat(CURRENT.prerequisite("4.1").orElseThrow().quote())
        .isEqualTo("In addition to the certification/training requirements for APN tier compliance, AWS Partner must"
            + " have:");
  }

  @Test
  void current_coverage_isTheRulesTableOfTheDesign() {
    Map<String, Coverage> coverage = CURRENT.controls().stream()
        .collect(Collectors.toMap(Control::id, Control::coverage));

    assertThat(idsWith(coverage, Coverage.EVERY))
        .containsExactlyInAnyOrder("DOC-001", "EXCRI-001", "PRIAC-001", "PRJ-004");
    assertThat(idsWith(coverage, new Coverage.AtLeast(2))).containsExactly("PRMLO-003");
    assertThat(idsWith(coverage, new Coverage.AtLeast(1))).containsExactlyInAnyOrder("ACCT-001", "ACCT-002",
        "OPE-001", "OPE-002", "OPE-003", "NETSEC-001", "NETSEC-002", "REL-001", "REL-002", "COST-001", "PRMLO-002");
    assertThat(idsWith(coverage, Coverage.NONE)).hasSize(38 - 4 - 1 - 11);
  }

  private static List<String> idsWith(Map<String, Coverage> coverage, Coverage kind) {
    return coverage.entrySet().stream().filter(e -> e.getValue().equals(kind)).map(Map.Entry::getKey).toList();
  }

  @Test
  void current_waivableControls_areTheCommonPartnerPracticeGroupThePovPrjAndCsnOnes() {
    List<String> waivable = CURRENT.controls().stream().filter(Control::waivable).map(Control::id).toList();

    assertThat(CURRENT.waiver().groups()).containsExactly("Common AWS Partner Practice Requirements");
    assertThat(CURRENT.waiver().otherCompetencyMonths()).isEqualTo(12);
    assertThat(waivable).hasSize(12).allMatch(id -> id.matches("(POV|PRJ|CSN)-\\d{3}"));
    assertThat(CURRENT.controls()).filteredOn(c -> c.id().matches("(POV|PRJ|CSN)-\\d{3}"))
        .allMatch(Control::waivable);
    assertThat(CURRENT.waivablePrefixes()).containsExactly("POV", "PRJ", "CSN");
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
  }

  @Test
  void current_certifications_are4Plus4WithCloudOpsCountingAsSysOps() {
    assertThat(CURRENT.certifications()).extracting(CertificationRequirement::kind, CertificationRequirement::minPeople,
        CertificationRequirement::names).containsExactly(
        tuple("associate", 4, List.of("Developer – Associate", "SysOps Administrator – Associate")),
        tuple("professional", 4, List.of("DevOps Engineer – Professional")));
    assertThat(CURRENT.certifications().get(0).accepted()).filteredOn(AcceptedCertification::successor)
        .singleElement().satisfies(a -> {
          assertThat(a.name()).isEqualTo("CloudOps Engineer – Associate");
          assertThat(a.countsAs()).isEqualTo("SysOps Administrator – Associate");
          assertThat(a.note()).contains("SOA-C02").contains("SOA-C03");
        });
    assertThat(CURRENT.certificationNames()).containsExactly("Developer – Associate",
        "SysOps Administrator – Associate", "CloudOps Engineer – Associate", "DevOps Engineer – Professional");
  }

  @Test
  void current_rules_citeTheItemsOfTheRulesTable() {
    Map<String, String> refs = CURRENT.rules().stream().collect(Collectors.toMap(RuleEntry::id, RuleEntry::ref));

    assertThat(refs).containsEntry("guidelines-read", "1.1").containsEntry("services-path-stage", "1.2")
        .containsEntry("partner-tier", "1.3").containsEntry("case-study-content", "2.1")
        .containsEntry("public-case-study-publisher", "2.2").containsEntry("self-assessment-not-applicable", "3.1")
        .containsEntry("certifications-associate", "4.1").containsEntry("practice-waiver", "waiver");
    assertThat(CURRENT.ref("case-study-age")).isEqualTo("2.1");
    assertThatThrownBy(() -> CURRENT.ref("no-such-rule")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no-such-rule");
  }

  @Test
  void quote_ofARule_isItsSentenceUnderTheItemItIsIn() {
    assertThat(CURRENT.quote("self-assessment-not-met", "NETSEC-001")).map(Quote::ref).contains("2.1");
    assertThat(CURRENT.quote("case-study-age", "2.1")).map(Quote::text).get().asString()
        .contains("within the past 18 months");
  }

  @Test
  void quote_ofAControlCoverageFinding_isTheControlsSentence() {
    assertThat(CURRENT.quote("control-coverage", "PRMLO-003")).contains(new Quote("PRMLO-003", "Evidence must be in"
        + " the form of two (2) of four (4) customer examples with description for how/why these items are"
        + " recommended to customers transforming to DevOps approaches."));
  }

  @Test
  void quote_ofAParseNote_isTheSentenceOfTheItemItCites() {
    assertThat(CURRENT.quote("cell-merged", "3.1"))
        .contains(new Quote("3.1", "AWS Partner must complete all sections of the Self-Assessment Spreadsheet."));
    assertThat(CURRENT.quote("cell-merged", "9.9")).isEmpty();
  }

  @Test
  void forVersion_currentTestAndUnknownVersions_areFoundOrNot() {
    assertThat(Checklist.forVersion("4.0")).containsSame(CURRENT);
    assertThat(Checklist.forVersion("4.1-test")).map(Checklist::published).contains(
        "Test edition (not an AWS document)");
    assertThat(Checklist.forVersion("9.9")).isEmpty();
    assertThat(Checklist.forVersion("../../etc/passwd")).isEmpty();
    assertThat(Checklist.forVersion(null)).isEmpty();
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
}
