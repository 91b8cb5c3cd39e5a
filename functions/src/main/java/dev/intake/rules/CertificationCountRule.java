package dev.intake.rules;

import dev.intake.checklist.CertificationRequirement;
import dev.intake.model.CellRef;
import dev.intake.model.Finding;
import dev.intake.model.Severity;
import java.util.List;

/** 4.1: at least so many people hold an unexpired certification of one requirement (4 + 4 in 4.0). */
final class CertificationCountRule implements Rule {

  private final CertificationRequirement requirement;

  CertificationCountRule(CertificationRequirement requirement) {
    this.requirement = requirement;
  }

  @Override public String id() {
    return requirement.ruleId();
  }

  @Override public RuleGroup group() {
    return RuleGroup.PREREQUISITES;
  }

  @Override public List<Finding> evaluate(RuleContext ctx) {
    int needed = requirement.minPeople();
    int have = CertificationTally.of(ctx).people(requirement).size();
    Findings out = new Findings(ctx, id()).about(Subjects.certifiedPeople(requirement.kind()));
    if (have < needed) {
      out.add(Severity.BLOCKER, "Only " + have + " distinct " + (have == 1 ? "person holds" : "people hold")
          + " an unexpired AWS Certified " + Values.list(requirement.acceptedNames()) + " certification on "
          + ctx.asOf() + "; at least " + needed + " are needed.",
          "List " + (needed - have) + " more certified " + (needed - have == 1 ? "person" : "people")
              + " with their validation numbers and expiry dates (each person counts once).",
          CellRef.sheet(ctx.assessment().sheets().certifications()));
    }
    return out.list();
  }
}
