package dev.intake.handlers;

import dev.intake.aws.AwsWiring;
import dev.intake.pipeline.CheckService;
import dev.intake.rules.RuleGroup;

/** Workflow task: the 2.2: public case studies and their URLs checks. */
public final class PublicUrlsHandler extends CheckHandler {

  public PublicUrlsHandler() {
    this(AwsWiring.fromEnvironment().checkService(RuleGroup.PUBLIC_URLS));
  }

  public PublicUrlsHandler(CheckService checks) {
    super(checks);
  }
}
