package dev.intake.handlers;

import dev.intake.aws.CheckWiring;
import dev.intake.pipeline.CheckService;
import dev.intake.rules.RuleGroup;

/** Workflow task: the 2.1: count, unique customers, production stage, age checks. */
public final class CaseStudiesHandler extends CheckHandler {

  /** Used by the Lambda runtime: collaborators from the environment, built once per container. */
  public CaseStudiesHandler() {
    this(CheckWiring.fromEnvironment());
  }

  /** The runtime's composition from one function's environment; also how a test runs it with another. */
  public CaseStudiesHandler(CheckWiring wiring) {
    this(wiring.checkService(RuleGroup.CASE_STUDIES));
  }

  public CaseStudiesHandler(CheckService checks) {
    super(checks);
  }
}
