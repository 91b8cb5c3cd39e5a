package dev.intake.aws;

import dev.intake.contracts.MetricNames;
import dev.intake.pipeline.PipelineMetrics;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.model.DimensionSet;
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
  /** The metric the stack's ReviewsOverdue alarm waits on. */
  public static final String REVIEWS_OVERDUE = MetricNames.REVIEWS_OVERDUE;

  private final String service;

  // The provider's logger, not MetricsFactory's request-scoped proxy: the proxy keeps a logger per
  // trace id until a full flush(), which these one-metric flushes never do, so a warm container
  // would collect one per invocation.
  private final Metrics metrics = new EmfMetricsProvider().getMetricsInstance();

  /** @param namespace POWERTOOLS_METRICS_NAMESPACE, or the default when it is not set */
  public PowertoolsMetrics(String namespace) {
    this(namespace, System.getenv(dev.intake.contracts.LambdaEnvironment.POWERTOOLS_SERVICE_NAME));
  }

  /** @param service the {@code Service} dimension of ReviewsOverdue (POWERTOOLS_SERVICE_NAME) */
  public PowertoolsMetrics(String namespace, String service) {
    metrics.setNamespace(namespace == null || namespace.isBlank() ? DEFAULT_NAMESPACE : namespace);
    this.service = service == null || service.isBlank() ? MetricNames.SERVICE_NAME : service;
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

  /**
   * {@inheritDoc} With exactly the dimension {@code Service} (the function's service name): the
   * alarm on it names that dimension, and an alarm matches a metric's dimensions exactly.
   */
  @Override public void reviewsOverdue(int count) {
    flush(m -> {
      m.setDefaultDimensions(DimensionSet.of(MetricNames.SERVICE_DIMENSION, service));
      m.addMetric(REVIEWS_OVERDUE, count, MetricUnit.COUNT);
    });
  }

  private void flush(Consumer<Metrics> metric) {
    try {
      metrics.flushMetrics(metric);
    } catch (RuntimeException e) {
      LOG.warn("A metric could not be written: {}", e.toString());
    }
  }
}
