package dev.intake.handlers;

import dev.intake.aws.AwsWiring;
import dev.intake.pipeline.CheckService;
import dev.intake.rules.RuleGroup;

/** Workflow task: the 1.1–1.3, 3.1, 4.1 and the practice waiver checks. */
public final class PrerequisitesHandler extends CheckHandler {

  public PrerequisitesHandler() {
    this(AwsWiring.fromEnvironment().checkService(RuleGroup.PREREQUISITES));
  }

  public PrerequisitesHandler(CheckService checks) {
    super(checks);
  }
}
