package dev.intake.handlers;

import dev.intake.aws.AwsWiring;
import dev.intake.pipeline.CheckService;
import dev.intake.rules.RuleGroup;

/** Workflow task: the 2.1: count, unique customers, production stage, age checks. */
public final class CaseStudiesHandler extends CheckHandler {

  public CaseStudiesHandler() {
    this(AwsWiring.fromEnvironment().checkService(RuleGroup.CASE_STUDIES));
  }

  public CaseStudiesHandler(CheckService checks) {
    super(checks);
  }
}
