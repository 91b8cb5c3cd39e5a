package dev.intake.contracts;

/**
 * What the functions emit and the stack's alarms wait on: an alarm matches a metric by namespace,
 * name and exactly its dimensions, so a difference of one character leaves the alarm waiting forever.
 */
public final class MetricNames {

  /** Powertools' service name, set on every function: the {@code Service} dimension of its metrics. */
  public static final String SERVICE_NAME = "competency-intake";
  /** The dimension Powertools names after the service. */
  public static final String SERVICE_DIMENSION = "Service";
  /** Submissions past their review due date, emitted once a business day by the daily digest. */
  public static final String REVIEWS_OVERDUE = "ReviewsOverdue";

  private MetricNames() {
  }
}
