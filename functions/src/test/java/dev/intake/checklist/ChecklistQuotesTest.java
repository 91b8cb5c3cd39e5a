package dev.intake.checklist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intake.contracts.RepositoryRoot;
import dev.intake.rules.Rule;
import dev.intake.rules.RuleEngine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Quotes that are really quotes: every sentence the checklist data gives a prerequisite, a rule or a
 * control is in the checklist's text (docs/checklist/) character for character. Nothing is
 * normalised, not even spaces: each quote lies within one line of the text.
 */
class ChecklistQuotesTest {

  private static final Checklist CURRENT = Checklist.current();

  private static String checklistText() throws IOException {
    Path text = RepositoryRoot.locate().resolve(CURRENT.text());
    return Files.readString(text, StandardCharsets.UTF_8);
  }

  @Test
  void text_inTheRepository_isTheChecklistOfThisVersion() throws IOException {
    String text = checklistText();

    assertThat(CURRENT.text()).isEqualTo("docs/checklist/devops-competency-4.0.txt");
    assertThat(text).startsWith("AWS DevOps Competency\n\nService Offering Validation Checklist\n\nJanuary 2024 - 4.0");
  }

  @Test
  void everyQuote_ofPrerequisitesRulesAndControls_appearsVerbatimInTheText() throws IOException {
    String text = checklistText();
    List<String> quotes = new ArrayList<>();
    CURRENT.prerequisites().forEach(p -> quotes.add(p.quote()));
    CURRENT.rules().stream().map(RuleEntry::quote).filter(q -> !q.isEmpty()).forEach(quotes::add);
    CURRENT.controls().stream().map(Control::quote).filter(q -> !q.isEmpty()).forEach(quotes::add);

    assertThat(quotes).hasSizeGreaterThan(40).allSatisfy(q -> assertThat(text).as(q).contains(q));
  }

  @Test
  void everyPrerequisite_hasAQuote() {
    assertThat(CURRENT.prerequisites()).allSatisfy(p -> assertThat(p.quote()).as(p.id()).isNotBlank());
  }

  @Test
  void everyRule_quotesItsSentenceOrTheSentenceOfEachControlItCites() {
    List<RuleEntry> quotingControls = CURRENT.rules().stream().filter(r -> r.quote().isEmpty()).toList();

    assertThat(quotingControls).extracting(RuleEntry::id).containsExactly("control-coverage");
    assertThat(CURRENT.controls()).filteredOn(c -> !(c.coverage() instanceof Coverage.None))
        .allSatisfy(c -> assertThat(c.quote()).as(c.id()).isNotBlank());
  }

  @Test
  void everyRuleTheEngineRuns_hasAnEntryInTheChecklist() {
    RuleEngine engine = RuleEngine.standard(CURRENT, uri -> null);

    List<String> ids = engine.rules().stream().map(Rule::id).toList();

    assertThat(CURRENT.rules()).extracting(RuleEntry::id).containsExactlyInAnyOrderElementsOf(ids);
  }

  @Test
  void quoteOfAQuotingRule_isItsQuoteRefAndText() {
    RuleEntry notMet = CURRENT.rule("self-assessment-not-met").orElseThrow();

    assertThat(CURRENT.quote(notMet.id(), "PRPAS-001"))
        .contains(new Quote("2.1", notMet.quote()));
    assertThat(new Quote("2.1", "x").display()).isEqualTo("2.1: “x”");
  }
}
