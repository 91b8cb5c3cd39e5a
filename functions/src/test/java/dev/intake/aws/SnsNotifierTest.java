package dev.intake.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.intake.pipeline.StoreUnavailableException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.PublishRequest;
import software.amazon.awssdk.services.sns.model.PublishResponse;

/** The digest's publish: one SNS Publish with MessageStructure json (SNS itself cannot run here). */
class SnsNotifierTest {

  /** A hand-written stand-in for SNS that records what it is asked to publish. */
  private static final class RecordingSns implements SnsClient {
    final List<PublishRequest> published = new ArrayList<>();
    RuntimeException failure;

    @Override
    public PublishResponse publish(PublishRequest request) {
      if (failure != null) {
        throw failure;
      }
      published.add(request);
      return PublishResponse.builder().messageId("m-1").build();
    }

    @Override
    public String serviceName() {
      return "sns";
    }

    @Override
    public void close() {
    }
  }

  @Test
  void publish_envelope_isOnePublishWithMessageStructureJson() {
    RecordingSns sns = new RecordingSns();

    new SnsNotifier(sns, "arn:aws:sns:us-east-1:1:office").publish("Digest", "{\"default\":\"{}\",\"email\":\"hi\"}");

    assertThat(sns.published).singleElement().satisfies(r -> {
      assertThat(r.topicArn()).isEqualTo("arn:aws:sns:us-east-1:1:office");
      assertThat(r.subject()).isEqualTo("Digest");
      assertThat(r.messageStructure()).isEqualTo("json");
      assertThat(r.message()).isEqualTo("{\"default\":\"{}\",\"email\":\"hi\"}");
    });
  }

  @Test
  void publish_snsUnreachable_isARetryableFailure() {
    RecordingSns sns = new RecordingSns();
    sns.failure = SdkClientException.create("connection refused");

    assertThatThrownBy(() -> new SnsNotifier(sns, "arn:aws:sns:us-east-1:1:office").publish("s", "{}"))
        .isInstanceOf(StoreUnavailableException.class);
  }
}
