package dev.intake.infra;

import java.util.List;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.constructs.Construct;

/**
 * The program office's topic: one message per evaluated submission (published by the workflow)
 * and the pipeline's alarms (published by CloudWatch).
 */
public final class Alerts extends Construct {

  private final Key key;
  private final Topic topic;

  public Alerts(Construct scope, String id, PipelineSettings settings) {
    super(scope, id);
    key = Key.Builder.create(this, "TopicKey")
        .description("Competency intake: program-office notification topic")
        .enableKeyRotation(true)
        .removalPolicy(RemovalPolicy.RETAIN)
        .build();
    // CloudWatch alarm actions publish as the CloudWatch service, not as a role of ours, so the
    // key policy itself must let CloudWatch use the key. A key of its own keeps that permission
    // away from the data key.
    key.addToResourcePolicy(PolicyStatement.Builder.create()
        .sid("CloudWatchAlarmsPublish")
        .principals(List.of(new ServicePrincipal("cloudwatch.amazonaws.com")))
        .actions(List.of("kms:Decrypt", "kms:GenerateDataKey"))
        .resources(List.of("*"))
        .build());
    topic = Topic.Builder.create(this, "ProgramOffice")
        .displayName("Competency intake")
        .masterKey(key)
        .enforceSsl(true)
        .build();
    settings.notificationEmailAddress()
        .ifPresent(email -> topic.addSubscription(new EmailSubscription(email)));
  }

  public Topic topic() {
    return topic;
  }

  public Key key() {
    return key;
  }
}
