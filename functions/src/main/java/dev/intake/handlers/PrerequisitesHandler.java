package dev.intake.handlers;

import dev.intake.aws.CheckWiring;
import dev.intake.pipeline.CheckService;
import dev.intake.rules.RuleGroup;

/** Workflow task: the 1.1–1.3, 3.1, 4.1 and the practice waiver checks. */
public final class PrerequisitesHandler extends CheckHandler {

  /** Used by the Lambda runtime: collaborators from the environment, built once per container. */
  public PrerequisitesHandler() {
    this(CheckWiring.fromEnvironment());
  }

  /** The runtime's composition from one function's environment; also how a test runs it with another. */
  public PrerequisitesHandler(CheckWiring wiring) {
    this(wiring.checkService(RuleGroup.PREREQUISITES));
  }

  public PrerequisitesHandler(CheckService checks) {
    super(checks);
  }
}
