package dev.intake.infra;

import dev.intake.contracts.LambdaEnvironment;
import java.util.List;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.CfnOutputProps;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.iam.Grant;
import software.amazon.awscdk.services.iam.GrantOnPrincipalOptions;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.EventType;
import software.amazon.awscdk.services.s3.NotificationKeyFilter;
import software.amazon.awscdk.services.s3.notifications.LambdaDestination;
import software.constructs.Construct;
import software.constructs.IConstruct;

/**
 * The whole competency intake pipeline of DESIGN.md in one stack: storage, functions, workflow,
 * reviewer API, notifications, access for partners and reviewers, alarms and dashboard.
 * Every permission a function has is granted in {@link #grant()}, in one place.
 */
public final class PipelineStack extends Stack {

  private final Storage storage;
  private final LogGroups logGroups;
  private final Alerts alerts;
  private final Functions functions;
  private final Workflow workflow;
  private final ReviewerRestApi api;
  private final Access access;
  private final Monitoring monitoring;

  public PipelineStack(Construct scope, String id, StackProps props, PipelineSettings settings) {
    super(scope, id, props);
    storage = new Storage(this, "Storage");
    logGroups = new LogGroups(this, "LogGroups");
    alerts = new Alerts(this, "Alerts", settings);
    functions = new Functions(this, "Functions", settings, storage, logGroups);
    workflow = new Workflow(this, "Workflow", settings.stateMachineDefinition(), functions, alerts.topic(),
        alerts.key(), logGroups);
    api = new ReviewerRestApi(this, "ReviewerApi", functions.api().alias(), logGroups);
    access = new Access(this, "Access", settings, storage, api);
    monitoring = new Monitoring(this, "Monitoring", functions, workflow, api, alerts.topic());

    String stateMachineArn = workflow.stateMachine().getStateMachineArn();
    functions.intake().addEnvironment(LambdaEnvironment.STATE_MACHINE_ARN, stateMachineArn);
    functions.redrive().addEnvironment(LambdaEnvironment.STATE_MACHINE_ARN, stateMachineArn);
    // The API's history route reads the execution (named by the submission id) of this workflow.
    functions.api().addEnvironment(LambdaEnvironment.STATE_MACHINE_ARN, stateMachineArn);
    functions.aggregate().addEnvironment(LambdaEnvironment.API_BASE_URL, api.baseUrl());

    // Every object under incoming/, whatever its name: S3's suffix filter is case-sensitive, and a
    // "Book.XLSX", an ".xls" or a renamed ".csv" must still end in a stored REJECTED verdict, not in
    // silence. The parser decides by content; folder placeholders are skipped by the intake handler.
    storage.intake().addEventNotification(EventType.OBJECT_CREATED,
        new LambdaDestination(functions.intake().alias()),
        NotificationKeyFilter.builder().prefix(Storage.INCOMING).build());

    grant();
    suppressCdkInternals();

    new CfnOutput(this, "IntakeBucketName", outputProps(storage.intake().getBucketName(),
        "Upload workbooks to s3://<this>/incoming/{partnerId}/"));
    new CfnOutput(this, "ApiUrl", outputProps(api.baseUrl(), "Reviewer API base URL (SigV4, service execute-api)"));
    new CfnOutput(this, "ReviewerRoleArn", outputProps(access.reviewer().getRoleArn(), "Assume to call the API"));
    new CfnOutput(this, "PartnerPolicyArn", outputProps(access.partnerPolicy().getManagedPolicyArn(),
        "Attach to a partner principal tagged partnerId=<id>"));
    new CfnOutput(this, "TopicArn", outputProps(alerts.topic().getTopicArn(), "Program office notifications"));
    new CfnOutput(this, "StateMachineArn", outputProps(stateMachineArn, "Submission workflow"));
  }

  /**
   * Least privilege, from the handlers' needs: S3 per key prefix with exact actions, the table
   * through CDK's DynamoDB grants, the data key per action.
   */
  private void grant() {
    Bucket bucket = storage.intake();
    Table table = storage.table();
    Key key = storage.dataKey();

    // The dead-letter consumer runs intake again, so it needs what intake needs (its queue's grants
    // come with the event source).
    for (PipelineFunction f : List.of(functions.intake(), functions.redrive())) {
      IGrantable intake = f.function();
      objects(intake, List.of("s3:GetObject", "s3:GetObjectVersion"), Storage.INCOMING);
      objects(intake, List.of("s3:PutObject"), Storage.WORK);
      // With s3:ListBucket a missing object is 404 (NoSuchKey), not 403: intake records an upload
      // deleted before it was read as FAILED instead of failing on an access error.
      listBucket(intake);
      key.grant(intake, "kms:Decrypt", "kms:GenerateDataKey");
      table.grantReadWriteData(intake);
      workflow.stateMachine().grantStartExecution(intake);
    }
    // On its last attempt the re-drive asks whether the upload's workflow had started before it stores FAILED.
    workflow.stateMachine().grantExecution(functions.redrive().function(), "states:DescribeExecution");

    for (PipelineFunction check : List.of(functions.prerequisites(), functions.caseStudies(),
        functions.publicUrls())) {
      objects(check.function(), List.of("s3:GetObject", "s3:PutObject"), Storage.WORK);
      key.grant(check.function(), "kms:Decrypt", "kms:GenerateDataKey");
    }

    IGrantable aggregate = functions.aggregate().function();
    objects(aggregate, List.of("s3:GetObject", "s3:GetObjectVersion"), Storage.INCOMING);
    objects(aggregate, List.of("s3:GetObject"), Storage.WORK);
    objects(aggregate, List.of("s3:PutObject"), Storage.REPORTS);
    key.grant(aggregate, "kms:Decrypt", "kms:GenerateDataKey");
    // It reads the submission (partner, file, as-of) before it stores the verdict.
    table.grantReadWriteData(aggregate);

    table.grantWriteData(functions.failure().function());

    IGrantable apiFunction = functions.api().function();
    objects(apiFunction, List.of("s3:GetObject"), Storage.REPORTS);
    objects(apiFunction, List.of("s3:GetObject", "s3:PutObject"), Storage.TEMPLATES);
    // The template is generated on first use: its existence check needs 404, not 403, when absent.
    listBucket(apiFunction);
    key.grant(apiFunction, "kms:Decrypt", "kms:GenerateDataKey");
    // Reviewers' decisions are written by the API.
    table.grantReadWriteData(apiFunction);
    workflow.stateMachine().grantExecution(apiFunction, "states:DescribeExecution", "states:GetExecutionHistory");

    String table5 = "DynamoDB's documented key-usage actions for a table encrypted with a customer-managed key "
        + "(kms:GenerateDataKey*, kms:ReEncrypt*), as CDK's table grants add them; and the table's index ARNs "
        + "(<table>/index/*), which the store's Query on byPartner/byStatus/all/byDocument needs.";
    String s3Prefixes = "Object permissions are scoped to the key prefix this function owns (incoming/, work/, "
        + "reports/ or templates/); object keys below it are generated per submission.";
    for (PipelineFunction f : functions.all()) {
      Nag.suppressFindings(f.role(), "AwsSolutions-IAM5", s3Prefixes + " " + table5,
          "Resource::" + Nag.arnOf(bucket) + "/" + Storage.INCOMING + "*",
          "Resource::" + Nag.arnOf(bucket) + "/" + Storage.WORK + "*",
          "Resource::" + Nag.arnOf(bucket) + "/" + Storage.REPORTS + "*",
          "Resource::" + Nag.arnOf(bucket) + "/" + Storage.TEMPLATES + "*",
          "Resource::" + Nag.arnOf(table) + "/index/*",
          "Action::kms:GenerateDataKey*",
          "Action::kms:ReEncrypt*");
    }
    suppressExecutionReads(functions.api(), "states:DescribeExecution/GetExecutionHistory on this workflow's "
        + "executions (execution:<name>:*): the history route reads the execution named by the submission id.");
    suppressExecutionReads(functions.redrive(), "states:DescribeExecution on this workflow's executions "
        + "(execution:<name>:*): the last re-drive attempt looks up the execution named by the submission id.");
  }

  /** CDK's grantExecution scopes to this workflow's executions, which cdk-nag reports as a wildcard. */
  private static void suppressExecutionReads(PipelineFunction f, String reason) {
    Nag.suppressFindings(f.role(), "AwsSolutions-IAM5", reason,
        "/^Resource::arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:execution:.*:\\*$/");
  }

  private void objects(IGrantable grantee, List<String> actions, String prefix) {
    Grant.addToPrincipal(GrantOnPrincipalOptions.builder()
        .grantee(grantee)
        .actions(actions)
        .resourceArns(List.of(storage.intake().arnForObjects(prefix + "*")))
        .build());
  }

  private void listBucket(IGrantable grantee) {
    Grant.addToPrincipal(GrantOnPrincipalOptions.builder()
        .grantee(grantee)
        .actions(List.of("s3:ListBucket"))
        .resourceArns(List.of(storage.intake().getBucketArn()))
        .build());
  }

  /** Resources CDK creates on its own for the S3 notification and API Gateway's logging. */
  private void suppressCdkInternals() {
    for (IConstruct child : getNode().getChildren()) {
      if (child.getNode().getId().startsWith("BucketNotificationsHandler")) {
        Nag.suppressFindings(child, "AwsSolutions-IAM4",
            "CDK's bucket-notification custom resource (runs only at deploy time) uses "
                + "AWSLambdaBasicExecutionRole for its own logs; CDK offers no way to replace it.",
            "Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole");
      }
    }
    Nag.suppressFindings(api.api(), "AwsSolutions-IAM4",
        "API Gateway's account-level CloudWatch role (needed for execution logging, AwsSolutions-APIG6) uses "
            + "the AWS-managed AmazonAPIGatewayPushToCloudWatchLogs, the policy API Gateway documents for it.",
        "Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs");
  }

  private static CfnOutputProps outputProps(String value, String description) {
    return CfnOutputProps.builder().value(value).description(description).build();
  }

  public Storage storage() {
    return storage;
  }

  public Functions functions() {
    return functions;
  }

  public Workflow workflow() {
    return workflow;
  }

  public ReviewerRestApi api() {
    return api;
  }

  public Access access() {
    return access;
  }

  public Alerts alerts() {
    return alerts;
  }

  public Monitoring monitoring() {
    return monitoring;
  }

  public LogGroups logGroups() {
    return logGroups;
  }
}
