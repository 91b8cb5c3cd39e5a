package dev.intake.infra;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.sns.SubscriptionFilter;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.constructs.Construct;

/**
 * The three topics: the program office's ({@link #submissions()}: one message per evaluated
 * submission, published by the workflow, and the daily digest), the partners' ({@link #partners()}:
 * each submission's partner-audience message, with a {@code partnerId} attribute that a partner's
 * subscription filters on, so it receives its own only) and operations' ({@link #operations()}: the
 * pipeline's alarms, published by CloudWatch). Business mail, partners' mail and pages stay apart.
 *
 * <p>Both are encrypted with one key and refuse plain HTTP. {@code enforceSsl} makes CDK write a
 * topic policy, which replaces SNS's default one; the workflow's role still publishes through its
 * own IAM policy (same account), but CloudWatch publishes as a service principal and needs an
 * explicit Allow — in the operations topic's policy and in the key's — limited by
 * {@code aws:SourceAccount} and {@code aws:SourceArn} to this stack's alarms (confused-deputy guard).
 */
public final class Alerts extends Construct {

  static final String CLOUDWATCH = "cloudwatch.amazonaws.com";

  private final Key key;
  private final Topic submissions;
  private final Topic partners;
  private final Topic operations;

  /** The message attribute the workflow sets on every notification and partner subscriptions filter on. */
  static final String PARTNER_ATTRIBUTE = "partnerId";

  public Alerts(Construct scope, String id, PipelineSettings settings) {
    super(scope, id);
    Stack stack = Stack.of(this);
    key = Key.Builder.create(this, "TopicKey")
        .description("Competency intake (" + settings.env() + "): program-office and operations topics")
        .enableKeyRotation(true)
        .removalPolicy(RemovalPolicy.RETAIN)
        .build();
    Map<String, Object> onlyOurAlarms = Map.of(
        "StringEquals", Map.of("aws:SourceAccount", stack.getAccount()),
        "ArnLike", Map.of("aws:SourceArn", alarmArnPattern(stack)));
    // CloudWatch alarm actions publish as the CloudWatch service, not as a role of ours, so the
    // key policy itself must let CloudWatch use the key (SNS documents GenerateDataKey* and Decrypt).
    key.addToResourcePolicy(PolicyStatement.Builder.create()
        .sid("CloudWatchAlarmsOfThisStack")
        .principals(List.of(new ServicePrincipal(CLOUDWATCH)))
        .actions(List.of("kms:Decrypt", "kms:GenerateDataKey*"))
        .resources(List.of("*"))
        .conditions(onlyOurAlarms)
        .build());

    submissions = Topic.Builder.create(this, "ProgramOffice")
        .displayName("Competency intake submissions (" + settings.env() + ")")
        .masterKey(key)
        .enforceSsl(true)
        .build();
    settings.notificationEmailAddress()
        .ifPresent(email -> submissions.addSubscription(new EmailSubscription(email)));

    partners = Topic.Builder.create(this, "Partners")
        .displayName("Competency intake results (" + settings.env() + ")")
        .masterKey(key)
        .enforceSsl(true)
        .build();
    settings.partnerContacts().forEach((partnerId, email) -> partners.addSubscription(EmailSubscription.Builder
        .create(email)
        .filterPolicy(Map.of(PARTNER_ATTRIBUTE, SubscriptionFilter.stringFilter(
            software.amazon.awscdk.services.sns.StringConditions.builder().allowlist(List.of(partnerId)).build())))
        .build()));

    operations = Topic.Builder.create(this, "Operations")
        .displayName("Competency intake alarms (" + settings.env() + ")")
        .masterKey(key)
        .enforceSsl(true)
        .build();
    operations.addToResourcePolicy(PolicyStatement.Builder.create()
        .sid("CloudWatchAlarmsOfThisStack")
        .principals(List.of(new ServicePrincipal(CLOUDWATCH)))
        .actions(List.of("sns:Publish"))
        .resources(List.of(operations.getTopicArn()))
        .conditions(onlyOurAlarms)
        .build());
    settings.alarmEmailAddress().ifPresent(email -> operations.addSubscription(new EmailSubscription(email)));
  }

  /**
   * The ARN pattern of this stack's alarms: {@link Monitoring} names every alarm
   * {@code {stackName}-{id}}, so the pattern holds no other stack's (or environment's) alarms.
   */
  static String alarmArnPattern(Stack stack) {
    return "arn:" + stack.getPartition() + ":cloudwatch:" + stack.getRegion() + ":" + stack.getAccount()
        + ":alarm:" + stack.getStackName() + "-*";
  }

  /** The program office's topic: one message per evaluated submission. */
  public Topic submissions() {
    return submissions;
  }

  /** The partners' topic: each partner's subscription receives the messages about its own submissions. */
  public Topic partners() {
    return partners;
  }

  /** The operations topic: every alarm of the stack. */
  public Topic operations() {
    return operations;
  }

  public Key key() {
    return key;
  }
}
