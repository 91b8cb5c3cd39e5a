package dev.intake.pipeline;

/** The pipeline's business metrics; on AWS they become CloudWatch metrics (EMF) that alarms watch. */
public interface PipelineMetrics {

  void received(String partnerId);

  void evaluated(String status, int blockers);

  void failed();

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
