package dev.intake.lambdajar;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.intake.aws.IntakeWiring;
import dev.intake.handlers.DeadLetterHandler;
import dev.intake.handlers.IntakeHandler;
import java.util.List;
import java.util.Map;
import org.joda.time.DateTime;

/**
 * The intake family from its artifact alone: {@code upload BUCKET KEY SIZE} sends the sample upload
 * through IntakeHandler twice (two puts of the same key) and runs the family's SnapStart priming;
 * {@code redrive BUCKET KEY SIZE} hands the first put back to DeadLetterHandler as a dead letter.
 */
public final class IntakeSmoke {

  /** The first put's sequencer; the dead letter names the same put. */
  static final String FIRST_PUT = "0055AED6DCD90281E5";
  static final String SECOND_PUT = "0055AED6DCD90281F0";
  private static final long EVENT_TIME = 1793525400000L;

  private IntakeSmoke() {
  }

  public static void main(String[] args) throws Exception {
    Smoke.started(IntakeSmoke.class);
    String bucket = args[1];
    String key = args[2];
    long size = Long.parseLong(args[3]);
    if (args[0].equals("upload")) {
      IntakeHandler intake = new IntakeHandler();
      Smoke.say("handlers", "built");
      intake.handleRequest(upload(bucket, key, size, FIRST_PUT), null);
      intake.handleRequest(upload(bucket, key, size, SECOND_PUT), null);
      Smoke.say("intake", "2");
      Smoke.say("priming", IntakeWiring.prime());
    } else {
      DeadLetterHandler redrive = new DeadLetterHandler();
      SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
      message.setMessageId("smoke-dead-letter");
      message.setAttributes(Map.of("ApproximateReceiveCount", "1"));
      ObjectNode record = Smoke.JSON.createObjectNode();
      record.putObject("requestContext").put("condition", "RetriesExhausted");
      record.set("requestPayload", Smoke.JSON.readTree(uploadJson(bucket, key, size)));
      message.setBody(Smoke.JSON.writeValueAsString(record));
      SQSEvent deadLetters = new SQSEvent();
      deadLetters.setRecords(List.of(message));
      Smoke.say("redrive", redrive.handleRequest(deadLetters, null).getBatchItemFailures().size());
    }
    Smoke.end();
  }

  /** The first put as JSON (as it comes back inside an on-failure record). */
  private static String uploadJson(String bucket, String key, long size) {
    return "{\"Records\":[{\"eventVersion\":\"2.1\",\"eventSource\":\"aws:s3\",\"awsRegion\":\"us-east-1\","
        + "\"eventTime\":\"" + java.time.Instant.ofEpochMilli(EVENT_TIME) + "\","
        + "\"eventName\":\"ObjectCreated:Put\",\"s3\":{\"bucket\":{\"name\":\"" + bucket + "\"},"
        + "\"object\":{\"key\":\"" + key + "\",\"size\":" + size + ",\"sequencer\":\"" + FIRST_PUT + "\"}}}]}";
  }

  private static S3Event upload(String bucket, String key, long size, String sequencer) {
    var entity = new S3EventNotification.S3Entity("competency-intake",
        new S3EventNotification.S3BucketEntity(bucket, new S3EventNotification.UserIdentityEntity("owner"),
            "arn:aws:s3:::" + bucket),
        new S3EventNotification.S3ObjectEntity(key, size, null, null, sequencer), "1.0");
    var record = new S3EventNotification.S3EventNotificationRecord("us-east-1", "ObjectCreated:Put", "aws:s3",
        new DateTime(EVENT_TIME).toString(), "2.1", new S3EventNotification.RequestParametersEntity("127.0.0.1"),
        new S3EventNotification.ResponseElementsEntity("x-amz-id-2", "x-amz-request-id"), entity,
        new S3EventNotification.UserIdentityEntity("AWS:AROAEXAMPLEPARTNER:P-1001"));
    return new S3Event(List.of(record));
  }
}
