package dev.intake.rules;

import dev.intake.checklist.Checklist;
import dev.intake.model.Assessment;
import dev.intake.model.Finding;
import dev.intake.model.Severity;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the rules of a checklist version over an assessment. */
public final class RuleEngine {

  /**
   * The logger, built on first use: a call that logs nothing (the usual case) never starts the logging
   * framework, which costs more than a whole cold verdict (see BENCHMARKS.md).
   */
  private static final class Log {
    static final Logger LOG = LoggerFactory.getLogger(RuleEngine.class);
  }

  private final Checklist checklist;
  private final List<Rule> rules;

  /**
   * @throws IllegalArgumentException when the checklist has no entry for one of the rules: every rule
   *     cites the item, and quotes the sentence, that the checklist data gives it
   */
  public RuleEngine(Checklist checklist, List<Rule> rules) {
    this.checklist = checklist;
    this.rules = List.copyOf(rules);
    for (Rule rule : this.rules) {
      checklist.ref(rule.id());
    }
  }

  /** The rules of the checklist, without the live page check. */
  public static RuleEngine standard(Checklist checklist) {
    return new RuleEngine(checklist, standardRules(checklist));
  }

  /** The rules of the checklist and the live page check through {@code fetcher}. */
  public static RuleEngine standard(Checklist checklist, PageFetcher fetcher) {
    List<Rule> rules = new ArrayList<>(standardRules(checklist));
    rules.add(new LivePageRule(fetcher));
    return new RuleEngine(checklist, rules);
  }

  private static List<Rule> standardRules(Checklist checklist) {
    List<Rule> rules = new ArrayList<>(List.of(
        new GuidelinesReadRule(),
        ProfileChoiceRule.servicesPathStage(),
        ProfileChoiceRule.partnerTier(),
        new CaseStudyCountRule(),
        new UniqueCustomerRule(),
        new ProductionStageRule(),
        new CaseStudyAgeRule(),
        new InternalCustomerRule(),
        new CaseStudyContentRule(),
        new ArchitectureDiagramRule(),
        new PublicCaseStudyRule(),
        new PublicPublisherRule(),
        new PublicContentRule(),
        new SelfAssessmentRule(),
        new NotMetRule(),
        new NotApplicableRule(),
        new ControlCoverageRule()));
    // One count per line of 4.1 the checklist has (associate and professional in 4.0).
    checklist.certifications().forEach(c -> rules.add(new CertificationCountRule(c)));
    rules.add(new CertificationRowRule());
    rules.add(new WaiverRule());
    rules.add(new ProfileRule());
    return rules;
  }

  public Checklist checklist() {
    return checklist;
  }

  public List<Rule> rules() {
    return rules;
  }

  public RuleResult evaluate(Assessment assessment, LocalDate asOf, String uploadedPartnerId) {
    return evaluate(assessment, asOf, uploadedPartnerId, EnumSet.allOf(RuleGroup.class));
  }

  /** Runs the rules of the given groups, in the order above. */
  public RuleResult evaluate(Assessment assessment, LocalDate asOf, String uploadedPartnerId,
      Set<RuleGroup> groups) {
    RuleContext ctx = new RuleContext(assessment, checklist, asOf, uploadedPartnerId);
    List<Finding> findings = new ArrayList<>();
    int passed = 0;
    for (Rule rule : rules) {
      if (!groups.contains(rule.group())) {
        continue;
      }
      List<Finding> found;
      try {
        found = rule.evaluate(ctx);
      } catch (RuntimeException e) {
        // A rule bug must not lose the other findings; it is reported, under the rule's own item, not hidden.
        // A blocker, not a warning: an unfinished check cannot vouch for its item, and a false READY
        // would have the program office schedule a validation on it. The reviewer checks the item by
        // hand and sets this finding aside (OVERRIDE_FINDING) when it is met.
        Log.LOG.error("Rule {} failed", rule.id(), e);
        found = List.of(new Finding(rule.id(), checklist.ref(rule.id()), Severity.BLOCKER,
            "The check '" + rule.id() + "' could not be completed on this workbook; a reviewer will check this"
                + " item by hand.", "Nothing to change for this item unless the reviewer asks: the program office"
                + " has been told.", null));
      }
      findings.addAll(found);
      if (found.stream().noneMatch(f -> f.severity() != Severity.INFO)) {
        passed++;
      }
    }
    return new RuleResult(findings, passed);
  }
}
