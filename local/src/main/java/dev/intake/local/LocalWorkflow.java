package dev.intake.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.intake.checklist.Checklist;
import dev.intake.handlers.AggregateHandler;
import dev.intake.handlers.CaseStudiesHandler;
import dev.intake.handlers.FailureHandler;
import dev.intake.handlers.JsonTaskHandler;
import dev.intake.handlers.PrerequisitesHandler;
import dev.intake.handlers.PublicUrlsHandler;
import dev.intake.local.asl.ExecutionStore;
import dev.intake.local.asl.Sleeper;
import dev.intake.local.asl.StateMachineDefinition;
import dev.intake.local.asl.StepFunctionsRunner;
import dev.intake.local.asl.TaskRegistry;
import dev.intake.pipeline.AggregateService;
import dev.intake.pipeline.CheckService;
import dev.intake.pipeline.FailureService;
import dev.intake.pipeline.ObjectStore;
import dev.intake.pipeline.PipelineMetrics;
import dev.intake.pipeline.SubmissionStore;
import dev.intake.rules.PageFetcher;
import dev.intake.rules.RuleEngine;
import dev.intake.rules.RuleGroup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * statemachine/submission.asl.json, run by the local Step Functions runner with the real handlers
 * as its tasks. Each task is registered under a pseudo-ARN substituted for the same placeholder the
 * CDK stack fills with the function's alias ARN; the SNS publishes (the program office's and the
 * partner's topic) go to {@code notifications}.
 */
public final class LocalWorkflow {

  static final String ARN_PREFIX = "arn:aws:lambda:local:" + LocalApiServer.LOCAL_ACCOUNT + ":function:";
  static final String TOPIC_ARN = "arn:aws:sns:local:" + LocalApiServer.LOCAL_ACCOUNT + ":competency-intake";
  /** The partners' topic: on AWS each partner's subscription filters on the partnerId attribute. */
  static final String PARTNER_TOPIC_ARN = "arn:aws:sns:local:" + LocalApiServer.LOCAL_ACCOUNT
      + ":competency-intake-partners";
  public static final String DEFINITION = "statemachine/submission.asl.json";

  private LocalWorkflow() {
  }

  /**
   * @param pageFetcher the live check of public case-study pages, or null to leave it off
   */
  public static StepFunctionsRunner build(Path repositoryRoot, SubmissionStore store, ObjectStore objects,
      Clock clock, Consumer<JsonNode> notifications, ExecutionStore executions, Sleeper sleeper,
      PageFetcher pageFetcher) throws IOException {
    return build(repositoryRoot, store, objects, clock, notifications, executions, sleeper, pageFetcher, "");
  }

  /**
   * @param apiBaseUrl where the notification's links point (the local API's address)
   */
  public static StepFunctionsRunner build(Path repositoryRoot, SubmissionStore store, ObjectStore objects,
      Clock clock, Consumer<JsonNode> notifications, ExecutionStore executions, Sleeper sleeper,
      PageFetcher pageFetcher, String apiBaseUrl) throws IOException {
    Checklist checklist = Checklist.current();
    RuleEngine rules = RuleEngine.standard(checklist);
    RuleEngine publicRules = pageFetcher == null ? rules : RuleEngine.standard(checklist, pageFetcher);
    Map<String, JsonTaskHandler> tasks = new LinkedHashMap<>();
    tasks.put("PrerequisitesFunctionArn",
        new PrerequisitesHandler(new CheckService(RuleGroup.PREREQUISITES, rules, objects)));
    tasks.put("CaseStudiesFunctionArn",
        new CaseStudiesHandler(new CheckService(RuleGroup.CASE_STUDIES, rules, objects)));
    tasks.put("PublicUrlsFunctionArn",
        new PublicUrlsHandler(new CheckService(RuleGroup.PUBLIC_URLS, publicRules, objects)));
    tasks.put("AggregateFunctionArn", new AggregateHandler(AggregateService.standard(objects, store, checklist, clock,
        apiBaseUrl, PipelineMetrics.NONE)));
    tasks.put("FailureFunctionArn", new FailureHandler(new FailureService(store, clock, PipelineMetrics.NONE,
        apiBaseUrl)));

    Map<String, String> substitutions = new LinkedHashMap<>();
    TaskRegistry registry = new TaskRegistry();
    tasks.forEach((placeholder, handler) -> {
      String arn = functionArn(placeholder);
      substitutions.put(placeholder, arn);
      registry.function(arn, handler::handle);
    });
    substitutions.put("NotificationTopicArn", TOPIC_ARN);
    substitutions.put("PartnerTopicArn", PARTNER_TOPIC_ARN);
    registry.snsPublish(notifications);
    String asl = Files.readString(repositoryRoot.resolve(DEFINITION));
    return StepFunctionsRunner.builder(StateMachineDefinition.load(asl, substitutions), registry)
        .store(executions)
        .clock(clock)
        .sleeper(sleeper)
        .stateMachineName("competency-intake-submission")
        .build();
  }

  /** "PrerequisitesFunctionArn" → arn:aws:lambda:local:000000000000:function:competency-prerequisites. */
  static String functionArn(String placeholder) {
    return ARN_PREFIX + "competency-" + placeholder.replace("FunctionArn", "").toLowerCase(Locale.ROOT);
  }
}
