package dev.intake.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.Grant;
import software.amazon.awscdk.services.iam.GrantOnPrincipalOptions;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.sns.ITopic;
import software.amazon.awscdk.services.stepfunctions.DefinitionBody;
import software.amazon.awscdk.services.stepfunctions.LogLevel;
import software.amazon.awscdk.services.stepfunctions.LogOptions;
import software.amazon.awscdk.services.stepfunctions.StateMachine;
import software.amazon.awscdk.services.stepfunctions.StateMachineType;
import software.constructs.Construct;

/**
 * The Standard workflow, read from {@code statemachine/submission.asl.json} — the same file the
 * local runtime executes — with each {@code ${…}} placeholder substituted by CloudFormation.
 */
public final class Workflow extends Construct {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_]+)}");

  private final StateMachine stateMachine;
  private final LogGroup logGroup;

  public Workflow(Construct scope, String id, Path definition, Functions functions, ITopic topic,
      ITopic partnerTopic, IKey topicKey, LogGroups logGroups) {
    super(scope, id);
    Map<String, String> substitutions = new LinkedHashMap<>();
    substitutions.put("PrerequisitesFunctionArn", functions.prerequisites().alias().getFunctionArn());
    substitutions.put("CaseStudiesFunctionArn", functions.caseStudies().alias().getFunctionArn());
    substitutions.put("PublicUrlsFunctionArn", functions.publicUrls().alias().getFunctionArn());
    substitutions.put("AggregateFunctionArn", functions.aggregate().alias().getFunctionArn());
    substitutions.put("FailureFunctionArn", functions.failure().alias().getFunctionArn());
    substitutions.put("NotificationTopicArn", topic.getTopicArn());
    substitutions.put("PartnerTopicArn", partnerTopic.getTopicArn());
    // A placeholder without a value would reach Step Functions as the literal text "${…}" and
    // fail only at run time; a value without a placeholder means the file and the stack disagree.
    requireSamePlaceholders(definition, substitutions.keySet());

    // Vended-log delivery keeps its resource policy small for groups under /aws/vendedlogs/. The
    // group is retained when the stack is deleted, so its name ends in the stack's own id: a stack
    // created again after a destroy, or another environment's, gets a group of its own.
    Stack stack = Stack.of(this);
    logGroup = logGroups.create(this, "Logs", Fn.join("", List.of("/aws/vendedlogs/states/", stack.getStackName(),
        "-submission-", Fn.select(2, Fn.split("/", stack.getStackId())))));
    stateMachine = StateMachine.Builder.create(this, "Submission")
        .stateMachineType(StateMachineType.STANDARD)
        .definitionBody(DefinitionBody.fromFile(definition.toString()))
        .definitionSubstitutions(substitutions)
        .logs(LogOptions.builder()
            .destination(logGroup)
            .level(LogLevel.ALL)
            // States carry ids, S3 keys and counts only (never workbook content), so the data is
            // safe to log and is what an operator needs to follow one submission.
            .includeExecutionData(true)
            .build())
        .tracingEnabled(true)
        .build();

    // The definition comes from a file, so CDK cannot derive the role's permissions: grant
    // exactly the aliases and the topic the file's Task states call.
    functions.prerequisites().alias().grantInvoke(stateMachine);
    functions.caseStudies().alias().grantInvoke(stateMachine);
    functions.publicUrls().alias().grantInvoke(stateMachine);
    functions.aggregate().alias().grantInvoke(stateMachine);
    functions.failure().alias().grantInvoke(stateMachine);
    // sns:Publish on the two topics, and the two KMS actions SNS documents for publishing to an
    // encrypted topic (topic.grantPublish would add kms:GenerateDataKey* instead).
    Grant.addToPrincipal(GrantOnPrincipalOptions.builder()
        .grantee(stateMachine)
        .actions(List.of("sns:Publish"))
        .resourceArns(List.of(topic.getTopicArn(), partnerTopic.getTopicArn()))
        .build());
    stateMachine.addToRolePolicy(PolicyStatement.Builder.create()
        .actions(List.of("kms:GenerateDataKey", "kms:Decrypt"))
        .resources(List.of(topicKey.getKeyArn()))
        .conditions(Map.of("StringEquals", Map.of("kms:ViaService", "sns." + stack.getRegion() + ".amazonaws.com")))
        .build());

    Nag.suppressFindings(stateMachine, "AwsSolutions-IAM5",
        "Log delivery (logs:CreateLogDelivery, GetLogDelivery, UpdateLogDelivery, DeleteLogDelivery, "
            + "ListLogDeliveries, PutResourcePolicy, DescribeResourcePolicies, DescribeLogGroups) and X-Ray "
            + "(PutTraceSegments, PutTelemetryRecords, GetSamplingRules, GetSamplingTargets) support no "
            + "resource-level permissions; Step Functions documents '*' for both.",
        "Resource::*");
  }

  /** Fails unless the file's placeholders are exactly {@code provided}. */
  static void requireSamePlaceholders(Path definition, Set<String> provided) {
    TreeSet<String> inFile = placeholders(definition);
    if (!inFile.equals(new TreeSet<>(provided))) {
      throw new IllegalStateException("The placeholders of " + definition + " " + inFile
          + " differ from the substitutions the stack provides " + new TreeSet<>(provided));
    }
  }

  /** The {@code ${Name}} placeholders of an ASL file. */
  static TreeSet<String> placeholders(Path definition) {
    try {
      TreeSet<String> names = new TreeSet<>();
      Matcher m = PLACEHOLDER.matcher(Files.readString(definition));
      while (m.find()) {
        names.add(m.group(1));
      }
      return names;
    } catch (IOException e) {
      throw new IllegalStateException("Cannot read " + definition, e);
    }
  }

  public StateMachine stateMachine() {
    return stateMachine;
  }

  public LogGroup logGroup() {
    return logGroup;
  }
}
