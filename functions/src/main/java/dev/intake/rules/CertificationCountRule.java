package dev.intake.rules;

import dev.intake.model.CellRef;
import dev.intake.model.Finding;
import dev.intake.model.Severity;
import java.util.List;

/** 4.1: at least four people hold an unexpired certification of one kind. */
final class CertificationCountRule implements Rule {

  private final CertificationTally.Kind kind;

  CertificationCountRule(CertificationTally.Kind kind) {
    this.kind = kind;
  }

  @Override public String id() {
    return kind == CertificationTally.Kind.ASSOCIATE ? "certifications-associate" : "certifications-professional";
  }

  @Override public RuleGroup group() {
    return RuleGroup.PREREQUISITES;
  }

  @Override public List<Finding> evaluate(RuleContext ctx) {
    CertificationTally tally = CertificationTally.of(ctx);
    boolean associate = kind == CertificationTally.Kind.ASSOCIATE;
    int needed = associate ? ctx.parameters().minAssociateCertified() : ctx.parameters().minProfessionalCertified();
    int have = (associate ? tally.associates : tally.professionals).size();
    String names = associate
        ? "AWS Certified " + Values.list(ctx.parameters().associateCertifications())
        : "AWS Certified " + Values.list(ctx.parameters().professionalCertifications());
    Findings out = new Findings(id());
    if (have < needed) {
      out.add("4.1", Severity.BLOCKER, "Only " + have + " distinct " + (have == 1 ? "person holds" : "people hold")
          + " an unexpired " + names + " certification on " + ctx.asOf() + "; at least " + needed + " are needed.",
          "List " + (needed - have) + " more certified " + (needed - have == 1 ? "person" : "people")
              + " with their validation numbers and expiry dates (each person counts once).",
          CellRef.sheet(ctx.assessment().sheets().certifications()));
    }
    return out.list();
  }
}
