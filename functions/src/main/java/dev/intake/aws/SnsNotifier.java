package dev.intake.aws;

import dev.intake.pipeline.Notifier;
import java.util.Objects;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sns.SnsClient;

/** Publishes a message envelope to an SNS topic with {@code MessageStructure: json}. */
public final class SnsNotifier implements Notifier {

  private final SnsClient sns;
  private final String topicArn;

  public SnsNotifier(SnsClient sns, String topicArn) {
    this.sns = Objects.requireNonNull(sns, "sns");
    this.topicArn = Objects.requireNonNull(topicArn, "topicArn");
  }

  @Override
  public void publish(String subject, String envelope) {
    try {
      sns.publish(b -> b.topicArn(topicArn).subject(subject).message(envelope).messageStructure("json"));
    } catch (SdkException e) {
      throw AwsFailures.translate("publish to " + topicArn, e);
    }
  }
}
