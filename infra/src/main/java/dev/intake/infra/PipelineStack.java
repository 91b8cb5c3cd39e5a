package dev.intake.infra;

import dev.intake.contracts.LambdaEnvironment;
import dev.intake.contracts.RepositoryRoot;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.CfnOutputProps;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.iam.Grant;
import software.amazon.awscdk.services.iam.GrantOnPrincipalOptions;
import software.amazon.awscdk.services.iam.CfnRole;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.logs.LogGroup;
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
  private final ConsoleHosting console;
  private final DailyDigest digest;
  private LogGroup notificationHandlerLogs;

  public PipelineStack(Construct scope, String id, StackProps props, PipelineSettings settings) {
    super(scope, id, props);
    storage = new Storage(this, "Storage", settings.retentionDays());
    logGroups = new LogGroups(this, "LogGroups");
    alerts = new Alerts(this, "Alerts", settings);
    functions = new Functions(this, "Functions", settings, storage, logGroups);
    workflow = new Workflow(this, "Workflow", settings.stateMachineDefinition(), functions, alerts.submissions(),
        alerts.partners(), alerts.key(), logGroups);
    api = new ReviewerRestApi(this, "ReviewerApi", functions.api().alias(), logGroups);
    access = new Access(this, "Access", settings, storage, api);
    digest = new DailyDigest(this, "DailyDigest", settings, functions.digest());
    monitoring = new Monitoring(this, "Monitoring", settings, functions, workflow, api, storage, alerts);
    console = new ConsoleHosting(this, "Console", settings, storage, logGroups, api, access,
        RepositoryRoot.locate().resolve("console/web"));
    // The API answers browsers from the console's origin, and from no other (CORS).
    functions.api().addEnvironment(LambdaEnvironment.CONSOLE_ORIGIN, console.origin());

    String stateMachineArn = workflow.stateMachine().getStateMachineArn();
    functions.intake().addEnvironment(LambdaEnvironment.STATE_MACHINE_ARN, stateMachineArn);
    functions.redrive().addEnvironment(LambdaEnvironment.STATE_MACHINE_ARN, stateMachineArn);
    // The API's history route reads the execution (named by the submission id) of this workflow.
    functions.api().addEnvironment(LambdaEnvironment.STATE_MACHINE_ARN, stateMachineArn);
    // The list route signs its page tokens with this secret's value, and only the API function reads it.
    functions.api().addEnvironment(LambdaEnvironment.PAGE_TOKEN_SECRET_ARN, storage.pageTokenKey().getSecretArn());
    functions.aggregate().addEnvironment(LambdaEnvironment.API_BASE_URL, api.baseUrl());
    functions.digest().addEnvironment(LambdaEnvironment.API_BASE_URL, api.baseUrl());
    functions.digest().addEnvironment(LambdaEnvironment.PROGRAM_OFFICE_TOPIC_ARN, alerts.submissions().getTopicArn());
    functions.failure().addEnvironment(LambdaEnvironment.API_BASE_URL, api.baseUrl());

    // Every object under incoming/, whatever its name: S3's suffix filter is case-sensitive, and a
    // "Book.XLSX", an ".xls" or a renamed ".csv" must still end in a stored REJECTED verdict, not in
    // silence. The parser decides by content; folder placeholders are skipped by the intake handler.
    storage.intake().addEventNotification(EventType.OBJECT_CREATED,
        new LambdaDestination(functions.intake().alias()),
        NotificationKeyFilter.builder().prefix(Storage.INCOMING).build());

    grant();
    manageNotificationHandler();
    suppressCdkInternals();

    new CfnOutput(this, "Environment", outputProps(settings.env(), "The environment this stack is"));
    new CfnOutput(this, "IntakeBucketName", outputProps(storage.intake().getBucketName(),
        "Upload workbooks to s3://<this>/incoming/{partnerId}/, or ask POST /uploads for a link"));
    new CfnOutput(this, "ApiUrl", outputProps(api.baseUrl(), "Reviewer API base URL (SigV4, service execute-api)"));
    new CfnOutput(this, "ReviewerRoleArn", outputProps(access.reviewer().getRoleArn(), "Assume to call the API"));
    new CfnOutput(this, "PartnerPolicyArn", outputProps(access.partnerPolicy().getManagedPolicyArn(),
        "Attach to a partner principal tagged partnerId=<id>"));
    new CfnOutput(this, "TopicArn", outputProps(alerts.submissions().getTopicArn(),
        "Program office notifications (one per evaluated submission, and the daily digest)"));
    new CfnOutput(this, "PartnerTopicArn", outputProps(alerts.partners().getTopicArn(),
        "Partner notifications: subscribe with a filter policy on the partnerId attribute (or use partnerContacts)"));
    new CfnOutput(this, "OperationsTopicArn", outputProps(alerts.operations().getTopicArn(), "Alarms"));
    new CfnOutput(this, "StateMachineArn", outputProps(stateMachineArn, "Submission workflow"));
    new CfnOutput(this, "ConsoleUrl", outputProps(console.origin() + "/",
        "The web console (sign in with a user of ConsoleUserPoolId)"));
    new CfnOutput(this, "ConsoleUserPoolId", outputProps(console.userPool().getUserPoolId(),
        "Console users: groups reviewers, program-office, partners (with custom:partnerId)"));
    new CfnOutput(this, "ConsoleIdentityPoolId", outputProps(console.identityPool().getRef(),
        "Maps console users to the reviewer and partner roles"));
  }

  /** The DynamoDB actions the store adapter's calls need, per what a function does with the table. */
  static final List<String> TABLE_INTAKE = List.of("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem");
  static final List<String> TABLE_AGGREGATE = List.of("dynamodb:GetItem", "dynamodb:BatchWriteItem",
      "dynamodb:UpdateItem", "dynamodb:Query");
  static final List<String> TABLE_FAILURE = List.of("dynamodb:GetItem", "dynamodb:UpdateItem");
  static final List<String> TABLE_API = List.of("dynamodb:GetItem", "dynamodb:Query", "dynamodb:PutItem",
      "dynamodb:UpdateItem");
  static final List<String> TABLE_DIGEST = List.of("dynamodb:Query");

  /**
   * Least privilege, from the handlers' needs: S3 per key prefix with exact actions, the table with
   * exactly the actions its calls make (no Scan, DeleteItem or stream reads), and the data key only
   * through the service that uses it ({@code kms:ViaService}).
   */
  private void grant() {
    Table table = storage.table();

    // The dead-letter consumer runs intake again, so it needs what intake needs (its queue's grants
    // come with the event source).
    for (PipelineFunction f : List.of(functions.intake(), functions.redrive())) {
      IGrantable intake = f.function();
      objects(intake, List.of("s3:GetObject", "s3:GetObjectVersion"), Storage.INCOMING);
      objects(intake, List.of("s3:PutObject"), Storage.WORK);
      // With s3:ListBucket a missing object is 404 (NoSuchKey), not 403: intake records an upload
      // deleted before it was read as FAILED instead of failing on an access error.
      listBucket(intake);
      dataKeyThroughS3(intake);
      table(intake, TABLE_INTAKE, false);
      workflow.stateMachine().grantStartExecution(intake);
    }
    // On its last attempt the re-drive asks whether the upload's workflow had started before it stores FAILED.
    workflow.stateMachine().grantExecution(functions.redrive().function(), "states:DescribeExecution");

    for (PipelineFunction check : List.of(functions.prerequisites(), functions.caseStudies(),
        functions.publicUrls())) {
      objects(check.function(), List.of("s3:GetObject", "s3:PutObject"), Storage.WORK);
      dataKeyThroughS3(check.function());
    }

    IGrantable aggregate = functions.aggregate().function();
    objects(aggregate, List.of("s3:GetObject", "s3:GetObjectVersion"), Storage.INCOMING);
    objects(aggregate, List.of("s3:GetObject"), Storage.WORK);
    objects(aggregate, List.of("s3:PutObject"), Storage.REPORTS);
    dataKeyThroughS3(aggregate);
    // It reads the submission (partner, file, as-of) before it stores the verdict, finds the partner's
    // previous judged submission on the partner index, and marks it superseded.
    table(aggregate, TABLE_AGGREGATE, true);

    table(functions.failure().function(), TABLE_FAILURE, false);

    IGrantable apiFunction = functions.api().function();
    objects(apiFunction, List.of("s3:GetObject"), Storage.REPORTS);
    objects(apiFunction, List.of("s3:GetObject", "s3:PutObject"), Storage.TEMPLATES);
    // POST /uploads presigns a PUT under incoming/{the caller's partner id}/: S3 checks the signer's
    // (this role's) permission when the partner uses the link; the handler picks the prefix.
    objects(apiFunction, List.of("s3:PutObject"), Storage.INCOMING);
    // The template is generated on first use: its existence check needs 404, not 403, when absent.
    listBucket(apiFunction);
    dataKeyThroughS3(apiFunction);
    // Reviewers' decisions are written by the API (a conditional put, then the review projection's
    // update); the list and history routes query the indexes.
    table(apiFunction, TABLE_API, true);

    // The digest pages through the review and all-submissions indexes, and publishes one message.
    IGrantable digestFunction = functions.digest().function();
    table(digestFunction, TABLE_DIGEST, true);
    Grant.addToPrincipal(GrantOnPrincipalOptions.builder()
        .grantee(digestFunction)
        .actions(List.of("sns:Publish"))
        .resourceArns(List.of(alerts.submissions().getTopicArn()))
        .build());
    digestFunction.getGrantPrincipal().addToPrincipalPolicy(PolicyStatement.Builder.create()
        .actions(List.of("kms:GenerateDataKey", "kms:Decrypt"))
        .resources(List.of(alerts.key().getKeyArn()))
        .conditions(Map.of("StringEquals", Map.of("kms:ViaService", "sns." + getRegion() + ".amazonaws.com")))
        .build());
    workflow.stateMachine().grantExecution(apiFunction, "states:DescribeExecution", "states:GetExecutionHistory");
    // The page-token key: its value (current and previous versions) and nothing else of the secret,
    // decrypted with the data key only through Secrets Manager.
    Grant.addToPrincipal(GrantOnPrincipalOptions.builder()
        .grantee(apiFunction)
        .actions(List.of("secretsmanager:GetSecretValue"))
        .resourceArns(List.of(storage.pageTokenKey().getSecretArn()))
        .build());
    dataKey(apiFunction, List.of("kms:Decrypt"), "secretsmanager");

    Bucket bucket = storage.intake();
    String s3Prefixes = "Object permissions are scoped to the key prefix this function owns (incoming/, work/, "
        + "reports/ or templates/); object keys below it are generated per submission (or, for the API's "
        + "presigned uploads, chosen per partner and file).";
    String dynamoDbKeyActions = "DynamoDB's key-usage actions for a table encrypted with a customer-managed key "
        + "(kms:GenerateDataKey*, kms:ReEncrypt*, as CDK's table grants add them), usable only through DynamoDB "
        + "(kms:ViaService); and the table's index ARNs (<table>/index/*), which the API's list and history "
        + "queries on byPartner/byStatus/all/byDocument need.";
    for (PipelineFunction f : functions.all()) {
      Nag.suppressFindings(f.role(), "AwsSolutions-IAM5", s3Prefixes + " " + dynamoDbKeyActions,
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

  /** The two actions S3 needs of a caller's key with SSE-KMS, and only when S3 itself asks. */
  private void dataKeyThroughS3(IGrantable grantee) {
    dataKey(grantee, List.of("kms:Decrypt", "kms:GenerateDataKey"), "s3");
  }

  /**
   * Exactly {@code actions} on the table (and its indexes when {@code indexes}), and the data key's
   * actions DynamoDB uses on the caller's behalf: a reader's, and a writer's when any action writes.
   */
  private void table(IGrantable grantee, List<String> actions, boolean indexes) {
    Table table = storage.table();
    List<String> resources = indexes
        ? List.of(table.getTableArn(), table.getTableArn() + "/index/*")
        : List.of(table.getTableArn());
    Grant.addToPrincipal(GrantOnPrincipalOptions.builder()
        .grantee(grantee)
        .actions(actions)
        .resourceArns(resources)
        .build());
    boolean writes = actions.stream().anyMatch(a -> a.contains("Put") || a.contains("Update") || a.contains("Write"));
    dataKey(grantee, writes
        ? List.of("kms:Decrypt", "kms:DescribeKey", "kms:Encrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*")
        : List.of("kms:Decrypt", "kms:DescribeKey"), "dynamodb");
  }

  private void dataKey(IGrantable grantee, List<String> actions, String service) {
    grantee.getGrantPrincipal().addToPrincipalPolicy(PolicyStatement.Builder.create()
        .actions(actions)
        .resources(List.of(storage.dataKey().getKeyArn()))
        .conditions(Map.of("StringEquals", Map.of("kms:ViaService", service + "." + getRegion() + ".amazonaws.com")))
        .build());
  }

  /**
   * CDK's bucket-notification handler (a deploy-time function): its logs go to a log group of ours
   * (encrypted, with retention) instead of one Lambda would create unencrypted and keep forever,
   * and its role may write there and nowhere else instead of holding AWSLambdaBasicExecutionRole.
   */
  private void manageNotificationHandler() {
    for (IConstruct child : getNode().getChildren()) {
      if (!child.getNode().getId().startsWith("BucketNotificationsHandler")) {
        continue;
      }
      LogGroup logs = logGroups.create(this, "BucketNotificationsHandlerLogs", null);
      CfnResource function = (CfnResource) child.getNode().findChild("Resource");
      function.addPropertyOverride("LoggingConfig", Map.of("LogGroup", logs.getLogGroupName()));
      Role role = (Role) child.getNode().findChild("Role");
      ((CfnRole) role.getNode().getDefaultChild()).setManagedPolicyArns(null);
      logs.grantWrite(role);
      notificationHandlerLogs = logs;
    }
  }

  /** API Gateway's account-level logging role, which CDK creates for execution logging. */
  private void suppressCdkInternals() {
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

  public ConsoleHosting console() {
    return console;
  }

  public DailyDigest digest() {
    return digest;
  }

  public LogGroups logGroups() {
    return logGroups;
  }

  /** The log group of CDK's bucket-notification handler. */
  public LogGroup notificationHandlerLogs() {
    return notificationHandlerLogs;
  }
}
