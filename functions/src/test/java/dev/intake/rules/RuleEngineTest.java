package dev.intake.rules;

import static dev.intake.model.Severity.BLOCKER;
import static dev.intake.rules.Evaluation.seen;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.intake.checklist.Checklist;
import dev.intake.model.Finding;
import dev.intake.model.ProfileField;
import dev.intake.template.Layout.CaseStudyColumn;
import dev.intake.testing.WorkbookBuilder;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The engine: which rules run in which group, how passes are counted, and that a failing rule loses nothing. */
class RuleEngineTest {

  private static final LocalDate AS_OF = LocalDate.of(2026, 11, 1);

  @Test
  void standard_rules_areInTheGroupsTheWorkflowRunsInParallel() {
    RuleEngine engine = RuleEngine.standard(Checklist.current(), uri -> new PageFetcher.Failed("offline"));

    Map<String, RuleGroup> groups = engine.rules().stream().collect(Collectors.toMap(Rule::id, Rule::group));

    assertThat(groups).containsOnly(
        entry("guidelines-read", RuleGroup.PREREQUISITES),
        entry("services-path-stage", RuleGroup.PREREQUISITES),
        entry("partner-tier", RuleGroup.PREREQUISITES),
        entry("self-assessment-complete", RuleGroup.PREREQUISITES),
        entry("self-assessment-not-met", RuleGroup.PREREQUISITES),
        entry("self-assessment-not-applicable", RuleGroup.PREREQUISITES),
        entry("control-coverage", RuleGroup.PREREQUISITES),
        entry("certifications-associate", RuleGroup.PREREQUISITES),
        entry("certifications-professional", RuleGroup.PREREQUISITES),
        entry("certification-row", RuleGroup.PREREQUISITES),
        entry("practice-waiver", RuleGroup.PREREQUISITES),
        entry("partner-profile", RuleGroup.PREREQUISITES),
        entry("case-study-count", RuleGroup.CASE_STUDIES),
        entry("case-study-unique-customer", RuleGroup.CASE_STUDIES),
        entry("case-study-production", RuleGroup.CASE_STUDIES),
        entry("case-study-age", RuleGroup.CASE_STUDIES),
        entry("case-study-internal", RuleGroup.CASE_STUDIES),
        entry("case-study-content", RuleGroup.CASE_STUDIES),
        entry("case-study-diagram", RuleGroup.CASE_STUDIES),
        entry("public-case-study-url", RuleGroup.PUBLIC_URLS),
        entry("public-case-study-publisher", RuleGroup.PUBLIC_URLS),
        entry("public-case-study-content", RuleGroup.PUBLIC_URLS),
        entry("public-case-study-live", RuleGroup.PUBLIC_URLS));
  }

  @Test
  void evaluate_oneGroup_runsOnlyThatGroupsRules() {
    WorkbookBuilder workbook = WorkbookBuilder.ready(AS_OF)
        .profile(ProfileField.PARTNER_TIER, "Select")
        .caseStudy(1, c -> c.set(CaseStudyColumn.STAGE, "Pilot").set(CaseStudyColumn.PUBLIC_URL, "https://localhost/1"));
    var assessment = Evaluation.of(workbook, AS_OF).parsed().assessment();
    RuleEngine engine = RuleEngine.standard(Checklist.current());

    RuleResult result = engine.evaluate(assessment, AS_OF, "", EnumSet.of(RuleGroup.PUBLIC_URLS));

    assertThat(result.findings()).extracting(Evaluation::seen).containsExactly(
        seen("public-case-study-url", "2.2", BLOCKER, "Case Studies!M2"),
        seen("public-case-study-url", "2.2", BLOCKER, "Case Studies"));
    assertThat(result.passed()).isEqualTo(2);
  }

  @Test
  void evaluate_groupsMerged_equalTheWholeRun() {
    WorkbookBuilder workbook = WorkbookBuilder.ready(AS_OF)
        .profile(ProfileField.PARTNER_TIER, "Select")
        .caseStudy(1, c -> c.set(CaseStudyColumn.STAGE, "Pilot").set(CaseStudyColumn.PUBLIC_URL, "https://localhost/1"));
    var assessment = Evaluation.of(workbook, AS_OF).parsed().assessment();
    RuleEngine engine = RuleEngine.standard(Checklist.current());

    RuleResult merged = RuleResult.merge(List.of(
        engine.evaluate(assessment, AS_OF, "", EnumSet.of(RuleGroup.PREREQUISITES)),
        engine.evaluate(assessment, AS_OF, "", EnumSet.of(RuleGroup.CASE_STUDIES)),
        engine.evaluate(assessment, AS_OF, "", EnumSet.of(RuleGroup.PUBLIC_URLS))));

    RuleResult whole = engine.evaluate(assessment, AS_OF, "");
    assertThat(merged.findings()).containsExactlyInAnyOrderElementsOf(whole.findings());
    assertThat(merged.passed()).isEqualTo(whole.passed()).isEqualTo(engine.rules().size() - 3);
  }

  @Test
  void evaluate_readyWorkbook_everyRulePasses() {
    Evaluation result = Evaluation.of(WorkbookBuilder.ready(AS_OF), AS_OF);

    assertThat(result.rules().passed()).isEqualTo(RuleEngine.standard(Checklist.current()).rules().size());
  }

  @Test
  void evaluate_ruleWithOnlyAnInfo_stillPasses() {
    WorkbookBuilder workbook = WorkbookBuilder.ready(AS_OF).caseStudy(1, c -> c.set(CaseStudyColumn.GO_LIVE_DATE,
        "Sep 2026"));

    Evaluation result = Evaluation.of(workbook, AS_OF);

    assertThat(result.findings()).hasSize(1);
    assertThat(result.rules().passed()).isEqualTo(RuleEngine.standard(Checklist.current()).rules().size());
  }

  /** A rule that fails on every workbook, under the id of a rule the checklist knows. */
  private static Rule broken(String id) {
    return new Rule() {
      @Override public String id() {
        return id;
      }

      @Override public RuleGroup group() {
        return RuleGroup.PREREQUISITES;
      }

      @Override public List<Finding> evaluate(RuleContext context) {
        throw new IllegalStateException("bug");
      }
    };
  }

  @Test
  void evaluate_ruleThrows_isABlockerCitingThatRulesOwnItemAndTheOtherRulesStillRun() {
    RuleEngine engine = new RuleEngine(Checklist.current(), List.of(broken("case-study-age"),
        broken("certifications-professional"), ProfileChoiceRule.partnerTier()));
    byte[] workbook = WorkbookBuilder.ready(AS_OF).profile(ProfileField.PARTNER_TIER, "Select").build();

    Evaluation result = Evaluation.of(workbook, AS_OF, "", engine);

    assertThat(result.seen()).containsExactly(
        seen("case-study-age", "2.1", BLOCKER, "(file)"),
        seen("certifications-professional", "4.1", BLOCKER, "(file)"),
        seen("partner-tier", "1.3", BLOCKER, "Partner Profile!B5"));
    assertThat(result.findings("case-study-age").get(0).message()).contains("could not be completed");
    assertThat(result.rules().passed()).isZero();
  }

  @Test
  void engine_ruleTheChecklistDoesNotKnow_isRefusedWhenBuilt() {
    assertThatThrownBy(() -> new RuleEngine(Checklist.current(), List.of(broken("no-such-rule"))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no rule 'no-such-rule'");
  }

  @Test
  void evaluate_sameWorkbookLaterAsOf_judgesAgainstTheGivenDateOnly() {
    byte[] workbook = WorkbookBuilder.ready(AS_OF).build();

    Evaluation now = Evaluation.of(workbook, AS_OF, "", Checklist.current());
    Evaluation later = Evaluation.of(workbook, AS_OF.plusYears(2), "", Checklist.current());

    assertThat(now.seen()).isEmpty();
    assertThat(later.findings("case-study-age")).hasSize(4);
    assertThat(later.findings("certifications-associate")).hasSize(1);
  }
}
