package dev.intake.handlers;

import dev.intake.aws.CheckWiring;
import dev.intake.pipeline.CheckService;
import dev.intake.rules.RuleGroup;

/** Workflow task: the 2.2: public case studies and their URLs checks. */
public final class PublicUrlsHandler extends CheckHandler {

  /** Used by the Lambda runtime: collaborators from the environment, built once per container. */
  public PublicUrlsHandler() {
    this(CheckWiring.fromEnvironment());
  }

  /** The runtime's composition from one function's environment; also how a test runs it with another. */
  public PublicUrlsHandler(CheckWiring wiring) {
    this(wiring.checkService(RuleGroup.PUBLIC_URLS));
  }

  public PublicUrlsHandler(CheckService checks) {
    super(checks);
  }
}
