package dev.intake.infra;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.AlarmStatusWidget;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TextWidget;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.sns.ITopic;
import software.constructs.Construct;

/**
 * The alarms that page the program office's topic, and one dashboard of the pipeline.
 */
public final class Monitoring extends Construct {

  /** The namespace and metric names the handlers emit (EMF through Powertools). */
  public static final String NAMESPACE = "CompetencyIntake";
  public static final String RECEIVED = "SubmissionsReceived";
  public static final String EVALUATED = "SubmissionsEvaluated";
  public static final String BLOCKERS = "BlockersFound";
  public static final String FAILED = "SubmissionsFailed";

  private static final Duration PERIOD = Duration.minutes(5);

  private final List<Alarm> alarms = new ArrayList<>();
  private final Dashboard dashboard;

  public Monitoring(Construct scope, String id, Functions functions, Workflow workflow, ReviewerRestApi api,
      ITopic topic) {
    super(scope, id);
    MetricOptions sum = MetricOptions.builder().period(PERIOD).statistic("Sum").build();
    SnsAction notify = new SnsAction(topic);

    Metric workflowFailed = workflow.stateMachine().metricFailed(sum);
    Metric intakeErrors = functions.intake().function().metricErrors(sum);
    Metric deadLetters = functions.deadLetters().metricNumberOfMessagesSent(sum);
    Metric parked = functions.parked().metricApproximateNumberOfMessagesVisible(
        MetricOptions.builder().period(PERIOD).statistic("Maximum").build());
    Metric api5xx = api.api().getDeploymentStage().metricServerError(sum);

    alarm("WorkflowFailed", "A submission's workflow execution failed (the submission is marked FAILED).",
        workflowFailed, 1, ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD, notify);
    alarm("IntakeErrors", "The intake function failed on an upload (S3 retries it twice, then the DLQ).",
        intakeErrors, 1, ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD, notify);
    alarm("DeadLetters", "Intake gave up on an upload after S3's retries; it is being re-driven, and stored FAILED"
        + " if that fails too.", deadLetters, 1, ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD, notify);
    alarm("Parked", "An upload's S3 event could be neither re-driven nor stored FAILED (the store was down for"
        + " the whole re-drive): it is in the parked queue and needs a person (docs/deploy.md).",
        parked, 0, ComparisonOperator.GREATER_THAN_THRESHOLD, notify);
    alarm("Api5xx", "The reviewer API answered with a server error.",
        api5xx, 1, ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD, notify);

    dashboard = Dashboard.Builder.create(this, "Dashboard")
        .dashboardName(Stack.of(this).getStackName() + "-pipeline")
        .defaultInterval(Duration.days(7))
        .build();
    dashboard.addWidgets(TextWidget.Builder.create()
        .markdown("# Competency intake pipeline\nUploads (S3) → intake → workflow (checks, aggregate, notify) "
            + "→ reviewer API. Custom metrics: namespace `" + NAMESPACE + "`.")
        .width(24).height(2).build());
    dashboard.addWidgets(
        graph("Submissions received", 6, search(RECEIVED, "Received")),
        graph("Submissions evaluated, by status", 6, search(EVALUATED, "Evaluated")),
        graph("Blockers found", 6, search(BLOCKERS, "Blockers")),
        graph("Submissions failed", 6, search(FAILED, "Failed")));
    dashboard.addWidgets(
        graph("Workflow executions", 8,
            workflow.stateMachine().metricStarted(sum),
            workflow.stateMachine().metricSucceeded(sum),
            workflowFailed,
            workflow.stateMachine().metricTimedOut(sum)),
        graph("Workflow duration (ms)", 8,
            workflow.stateMachine().metricTime(MetricOptions.builder().period(PERIOD).statistic("p50").build()),
            workflow.stateMachine().metricTime(MetricOptions.builder().period(PERIOD).statistic("p99").build())),
        graph("Function duration p99 (ms)", 8, functionMetrics(functions, "Duration", "p99")));
    dashboard.addWidgets(
        graph("Function errors", 8, functionMetrics(functions, "Errors", "Sum")),
        graph("Intake throttles and dead letters", 8,
            functions.intake().function().metricThrottles(sum), deadLetters),
        graph("API latency (ms)", 8,
            api.api().getDeploymentStage().metricLatency(
                MetricOptions.builder().period(PERIOD).statistic("p50").build()),
            api.api().getDeploymentStage().metricLatency(
                MetricOptions.builder().period(PERIOD).statistic("p99").build())));
    dashboard.addWidgets(
        graph("API errors", 12, api.api().getDeploymentStage().metricClientError(sum), api5xx,
            api.api().getDeploymentStage().metricCount(sum)),
        AlarmStatusWidget.Builder.create().title("Alarms").alarms(List.copyOf(alarms)).width(12).height(6).build());
  }

  private void alarm(String id, String description, Metric metric, double threshold, ComparisonOperator operator,
      SnsAction action) {
    Alarm alarm = Alarm.Builder.create(this, id)
        .alarmDescription(description)
        .metric(metric)
        .threshold(threshold)
        .comparisonOperator(operator)
        .evaluationPeriods(1)
        .treatMissingData(TreatMissingData.NOT_BREACHING)
        .build();
    alarm.addAlarmAction(action);
    alarms.add(alarm);
  }

  /**
   * A search over every dimension set of one custom metric: Powertools adds a {@code Service}
   * dimension and SubmissionsEvaluated a {@code Status} one, and a search shows each status as
   * its own line without the dashboard naming them.
   */
  private static IMetric search(String metricName, String label) {
    return MathExpression.Builder.create()
        .expression("SEARCH('Namespace=\"" + NAMESPACE + "\" MetricName=\"" + metricName + "\"', 'Sum', "
            + PERIOD.toSeconds() + ")")
        .usingMetrics(Map.of())
        .label(label)
        .period(PERIOD)
        .build();
  }

  private static IMetric[] functionMetrics(Functions functions, String metricName, String statistic) {
    return functions.all().stream()
        .map(f -> (IMetric) f.function().metric(metricName, MetricOptions.builder()
            .period(PERIOD).statistic(statistic).label(f.getNode().getId()).build()))
        .toArray(IMetric[]::new);
  }

  private static GraphWidget graph(String title, int width, IMetric... metrics) {
    return GraphWidget.Builder.create().title(title).width(width).height(6).left(List.of(metrics)).build();
  }

  public List<Alarm> alarms() {
    return List.copyOf(alarms);
  }

  public Dashboard dashboard() {
    return dashboard;
  }
}
