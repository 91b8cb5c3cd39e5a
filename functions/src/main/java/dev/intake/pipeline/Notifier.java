package dev.intake.pipeline;

/**
 * Where a message for the program office goes outside the workflow (the workflow publishes its own):
 * the SNS topic on AWS, the outbox locally. The message is a {@link Notification}-style envelope
 * ({@code MessageStructure: json}).
 */
@FunctionalInterface
public interface Notifier {

  /**
   * @param subject plain ASCII, under 100 characters
   * @param envelope {@code {"default": "<JSON document>", "email": "<plain text>"}}
   */
  void publish(String subject, String envelope);
}
