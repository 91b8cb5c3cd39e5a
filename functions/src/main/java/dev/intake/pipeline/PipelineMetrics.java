package dev.intake.pipeline;

/** The pipeline's business metrics; on AWS they become CloudWatch metrics (EMF) that alarms watch. */
public interface PipelineMetrics {

  void received(String partnerId);

  void evaluated(String status, int blockers);

  void failed();

  /**
   * How many submissions are past their review due date, once a day (the daily digest): the
   * {@code ReviewsOverdue} metric the stack's alarm waits on.
   */
  default void reviewsOverdue(int count) {
  }

  /** For tests and the local runtime when nobody watches metrics. */
  PipelineMetrics NONE = new PipelineMetrics() {
    @Override public void received(String partnerId) {
    }

    @Override public void evaluated(String status, int blockers) {
    }

    @Override public void failed() {
    }
  };
}
