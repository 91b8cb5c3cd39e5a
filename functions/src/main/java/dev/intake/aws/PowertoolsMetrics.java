package dev.intake.aws;

import dev.intake.pipeline.PipelineMetrics;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.MetricsFactory;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * Emits the pipeline's metrics in CloudWatch Embedded Metric Format through Powertools; namespace
 * and service come from POWERTOOLS_METRICS_NAMESPACE and POWERTOOLS_SERVICE_NAME. Each metric is
 * flushed at once in its own context, so nothing waits for the end of the invocation.
 */
public final class PowertoolsMetrics implements PipelineMetrics {

  private final Metrics metrics = MetricsFactory.getMetricsInstance();

  @Override public void received(String partnerId) {
    metrics.flushMetrics(m -> m.addMetric("SubmissionsReceived", 1, MetricUnit.COUNT));
  }

  @Override public void evaluated(String status, int blockers) {
    metrics.flushMetrics(m -> {
      m.addDimension("Status", status);
      m.addMetric("SubmissionsEvaluated", 1, MetricUnit.COUNT);
    });
    metrics.flushMetrics(m -> m.addMetric("BlockersFound", blockers, MetricUnit.COUNT));
  }

  @Override public void failed() {
    metrics.flushMetrics(m -> m.addMetric("SubmissionsFailed", 1, MetricUnit.COUNT));
  }
}
