package dev.intake.lambdajar;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.intake.aws.IntakeWiring;
import dev.intake.handlers.DeadLetterHandler;
import dev.intake.handlers.IntakeHandler;

/**
 * The intake family from its artifact alone: {@code upload BUCKET KEY SIZE} sends the sample upload
 * through IntakeHandler twice (two puts of the same key) and runs the family's SnapStart priming;
 * {@code redrive BUCKET KEY SIZE} hands the first put back to DeadLetterHandler as a dead letter.
 * The events are read from their JSON by Lambda's own event serializer, as the runtime reads them.
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
      intake.handleRequest(Smoke.event(S3Event.class, uploadJson(bucket, key, size, FIRST_PUT)), null);
      intake.handleRequest(Smoke.event(S3Event.class, uploadJson(bucket, key, size, SECOND_PUT)), null);
      Smoke.say("intake", "2");
      Smoke.say("priming", IntakeWiring.prime());
    } else {
      DeadLetterHandler redrive = new DeadLetterHandler();
      ObjectNode record = Smoke.JSON.createObjectNode();
      record.putObject("requestContext").put("condition", "RetriesExhausted");
      record.set("requestPayload", Smoke.JSON.readTree(uploadJson(bucket, key, size, FIRST_PUT)));
      ObjectNode message = Smoke.JSON.createObjectNode()
          .put("messageId", "smoke-dead-letter")
          .put("body", Smoke.JSON.writeValueAsString(record));
      message.putObject("attributes").put("ApproximateReceiveCount", "1");
      ObjectNode deadLetters = Smoke.JSON.createObjectNode();
      deadLetters.putArray("Records").add(message);
      SQSEvent event = Smoke.event(SQSEvent.class, Smoke.JSON.writeValueAsString(deadLetters));
      Smoke.say("redrive", redrive.handleRequest(event, null).getBatchItemFailures().size());
    }
    Smoke.end();
  }

  /** One put of the key as S3 notifies it. */
  private static String uploadJson(String bucket, String key, long size, String sequencer) {
    return "{\"Records\":[{\"eventVersion\":\"2.1\",\"eventSource\":\"aws:s3\",\"awsRegion\":\"us-east-1\","
        + "\"eventTime\":\"" + java.time.Instant.ofEpochMilli(EVENT_TIME) + "\",\"eventName\":\"ObjectCreated:Put\","
        + "\"userIdentity\":{\"principalId\":\"AWS:AROAEXAMPLEPARTNER:P-1001\"},"
        + "\"requestParameters\":{\"sourceIPAddress\":\"127.0.0.1\"},"
        + "\"responseElements\":{\"x-amz-request-id\":\"x-amz-request-id\",\"x-amz-id-2\":\"x-amz-id-2\"},"
        + "\"s3\":{\"s3SchemaVersion\":\"1.0\",\"configurationId\":\"competency-intake\","
        + "\"bucket\":{\"name\":\"" + bucket + "\",\"ownerIdentity\":{\"principalId\":\"owner\"},"
        + "\"arn\":\"arn:aws:s3:::" + bucket + "\"},"
        + "\"object\":{\"key\":\"" + key + "\",\"size\":" + size + ",\"sequencer\":\"" + sequencer + "\"}}}]}";
  }
}
