package dev.intake.aws;

import dev.intake.pipeline.PipelineMetrics;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;
import software.amazon.lambda.powertools.metrics.provider.EmfMetricsProvider;

/**
 * Emits the pipeline's metrics in CloudWatch Embedded Metric Format through Powertools. Each metric
 * is flushed at once in its own context, so nothing waits for the end of the invocation; a metric
 * that cannot be written is logged, never allowed to fail the submission it counts.
 */
public final class PowertoolsMetrics implements PipelineMetrics {

  private static final Logger LOG = LoggerFactory.getLogger(PowertoolsMetrics.class);
  public static final String DEFAULT_NAMESPACE = "CompetencyIntake";

  // The provider's logger, not MetricsFactory's request-scoped proxy: the proxy keeps a logger per
  // trace id until a full flush(), which these one-metric flushes never do, so a warm container
  // would collect one per invocation.
  private final Metrics metrics = new EmfMetricsProvider().getMetricsInstance();

  /** @param namespace POWERTOOLS_METRICS_NAMESPACE, or the default when it is not set */
  public PowertoolsMetrics(String namespace) {
    metrics.setNamespace(namespace == null || namespace.isBlank() ? DEFAULT_NAMESPACE : namespace);
  }

  @Override public void received(String partnerId) {
    flush(m -> m.addMetric("SubmissionsReceived", 1, MetricUnit.COUNT));
  }

  @Override public void evaluated(String status, int blockers) {
    flush(m -> {
      m.addDimension("Status", status);
      m.addMetric("SubmissionsEvaluated", 1, MetricUnit.COUNT);
    });
    flush(m -> m.addMetric("BlockersFound", blockers, MetricUnit.COUNT));
  }

  @Override public void failed() {
    flush(m -> m.addMetric("SubmissionsFailed", 1, MetricUnit.COUNT));
  }

  private void flush(Consumer<Metrics> metric) {
    try {
      metrics.flushMetrics(metric);
    } catch (RuntimeException e) {
      LOG.warn("A metric could not be written: {}", e.toString());
    }
  }
}
