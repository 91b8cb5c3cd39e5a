package dev.intake.infra;

import dev.intake.contracts.MetricNames;
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
import software.amazon.awscdk.services.dynamodb.Operation;
import software.amazon.awscdk.services.dynamodb.OperationsMetricOptions;
import software.amazon.awscdk.services.dynamodb.SystemErrorsForOperationsMetricOptions;
import software.constructs.Construct;

/**
 * The alarms that page operations, and one dashboard of the pipeline. Every alarm is named
 * {@code {stackName}-{id}}: the operations topic and its key let CloudWatch publish for those names only.
 */
public final class Monitoring extends Construct {

  /** The namespace prefix and metric names the handlers emit (EMF through Powertools). */
  public static final String NAMESPACE = "CompetencyIntake";
  public static final String RECEIVED = "SubmissionsReceived";
  public static final String EVALUATED = "SubmissionsEvaluated";
  public static final String BLOCKERS = "BlockersFound";
  public static final String FAILED = "SubmissionsFailed";
  /**
   * Evaluated submissions past their review due date, emitted once a business day with exactly the
   * Service dimension by the daily digest function ({@link DailyDigest}); its alarm pages when any is.
   */
  public static final String REVIEWS_OVERDUE = MetricNames.REVIEWS_OVERDUE;
  /** The period of the once-a-day metrics: a business day's digest is one data point. */
  static final Duration DAY = Duration.days(1);

  private static final Duration PERIOD = Duration.minutes(5);
  /** Share of intake invocations that fail, in percent, above which someone should look. */
  static final double INTAKE_ERROR_RATE_PERCENT = 10;
  /** A dead letter is re-driven every 12 minutes and parked after about 90: older than an hour means stuck. */
  static final Duration DEAD_LETTER_MAX_AGE = Duration.hours(1);
  /** API p99 latency, sustained for 15 minutes, that no reviewer should have to wait. */
  static final Duration API_P99_LATENCY = Duration.seconds(5);

  private final List<Alarm> alarms = new ArrayList<>();
  private final Dashboard dashboard;
  private final String alarmPrefix;

  /** The custom metrics' namespace of one environment: two environments in one account never mix. */
  public static String namespace(String env) {
    return NAMESPACE + "/" + env;
  }

  public Monitoring(Construct scope, String id, PipelineSettings settings, Functions functions, Workflow workflow,
      ReviewerRestApi api, Storage storage, Alerts alerts) {
    super(scope, id);
    alarmPrefix = Stack.of(this).getStackName() + "-";
    String namespace = namespace(settings.env());
    MetricOptions sum = MetricOptions.builder().period(PERIOD).statistic("Sum").build();
    MetricOptions max = MetricOptions.builder().period(PERIOD).statistic("Maximum").build();
    SnsAction page = new SnsAction(alerts.operations());
    var machine = workflow.stateMachine();
    var stage = api.api().getDeploymentStage();

    Metric workflowFailed = machine.metricFailed(sum);
    Metric intakeErrors = functions.intake().function().metricErrors(sum);
    Metric deadLetters = functions.deadLetters().metricNumberOfMessagesSent(sum);
    Metric parked = functions.parked().metricApproximateNumberOfMessagesVisible(max);
    Metric api5xx = stage.metricServerError(sum);
    Metric apiP99 = stage.metricLatency(MetricOptions.builder().period(PERIOD).statistic("p99").build());
    List<Operation> tableOperations = List.of(Operation.GET_ITEM, Operation.PUT_ITEM, Operation.UPDATE_ITEM,
        Operation.QUERY, Operation.BATCH_WRITE_ITEM);

    alarm("WorkflowFailed", "A submission's workflow execution failed (the submission is marked FAILED).",
        workflowFailed, 1, ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD, 1, page);
    alarm("WorkflowTimedOut", "A submission's workflow execution timed out: it never reached a verdict or FAILED.",
        machine.metricTimedOut(sum), 1, ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD, 1, page);
    alarm("WorkflowAborted", "A submission's workflow execution was stopped by hand: its submission stays "
        + "EVALUATING until it is evaluated again.",
        machine.metricAborted(sum), 1, ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD, 1, page);
    alarm("IntakeErrorRate", "More than " + (int) INTAKE_ERROR_RATE_PERCENT + "% of intake invocations failed in two "
        + "of three 5-minute periods (S3 retries each failed upload twice, then the dead-letter queue).",
        MathExpression.Builder.create()
            .expression("IF(invocations > 0, 100 * errors / invocations, 0)")
            .usingMetrics(Map.of("errors", intakeErrors,
                "invocations", functions.intake().function().metricInvocations(sum)))
            .label("Intake error rate (%)")
            .period(PERIOD)
            .build(),
        INTAKE_ERROR_RATE_PERCENT, ComparisonOperator.GREATER_THAN_THRESHOLD, 3, 2, page);
    alarm("DeadLetters", "Intake gave up on an upload after S3's retries; it is being re-driven, and stored FAILED"
        + " if that fails too.", deadLetters, 1, ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD, 1, page);
    alarm("DeadLetterAge", "A dead letter has waited over an hour: the re-drive is not settling it.",
        functions.deadLetters().metricApproximateAgeOfOldestMessage(max), DEAD_LETTER_MAX_AGE.toSeconds().doubleValue(),
        ComparisonOperator.GREATER_THAN_THRESHOLD, 1, page);
    alarm("Parked", "An upload's S3 event could be neither re-driven nor stored FAILED (the store was down for"
        + " the whole re-drive): it is in the parked queue and needs a person (docs/deploy.md).",
        parked, 0, ComparisonOperator.GREATER_THAN_THRESHOLD, 1, page);
    alarm("NotificationsFailed", "SNS could not deliver a program-office notification (a bounced or unconfirmed "
        + "subscription).", alerts.submissions().metricNumberOfNotificationsFailed(sum), 1,
        ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD, 1, page);
    alarm("TableThrottles", "DynamoDB throttled requests on the submissions table.",
        storage.table().metricThrottledRequestsForOperations(OperationsMetricOptions.builder()
            .operations(tableOperations).period(PERIOD).statistic("Sum").build()),
        1, ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD, 1, page);
    alarm("TableSystemErrors", "DynamoDB answered requests on the submissions table with a server error.",
        storage.table().metricSystemErrorsForOperations(SystemErrorsForOperationsMetricOptions.builder()
            .operations(tableOperations).period(PERIOD).statistic("Sum").build()),
        1, ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD, 1, page);
    alarm("Api5xx", "The reviewer API answered with a server error.",
        api5xx, 1, ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD, 1, page);
    alarm("ApiLatencyP99", "The reviewer API's p99 latency stayed over " + API_P99_LATENCY.toSeconds()
        + " seconds for 15 minutes.", apiP99, API_P99_LATENCY.toMilliseconds().doubleValue(),
        ComparisonOperator.GREATER_THAN_THRESHOLD, 3, 3, page);
    alarm("ReviewsOverdue", "Evaluated submissions are past their review due date (received + 5 business days).",
        Metric.Builder.create()
            .namespace(namespace)
            .metricName(REVIEWS_OVERDUE)
            .dimensionsMap(Map.of(MetricNames.SERVICE_DIMENSION, PipelineFunction.SERVICE_NAME))
            .statistic("Maximum")
            .period(DAY)
            .build(),
        0, ComparisonOperator.GREATER_THAN_THRESHOLD, 1, page);
    alarm("DigestFailed", "The program office's daily digest function failed: no digest was sent and ReviewsOverdue"
        + " was not measured today.", functions.digest().function().metricErrors(MetricOptions.builder().period(DAY)
            .statistic("Sum").build()), 1, ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD, 1, page);

    dashboard = Dashboard.Builder.create(this, "Dashboard")
        .dashboardName(Stack.of(this).getStackName() + "-pipeline")
        .defaultInterval(Duration.days(7))
        .build();
    dashboard.addWidgets(TextWidget.Builder.create()
        .markdown("# Competency intake pipeline (" + settings.env() + ")\nUploads (S3) → intake → workflow (checks, "
            + "aggregate, notify) → reviewer API. Custom metrics: namespace `" + namespace + "`.")
        .width(24).height(2).build());
    dashboard.addWidgets(
        graph("Submissions received", 6, search(namespace, RECEIVED, "Received")),
        graph("Submissions evaluated, by status", 6, search(namespace, EVALUATED, "Evaluated")),
        graph("Blockers found", 6, search(namespace, BLOCKERS, "Blockers")),
        graph("Submissions failed", 6, search(namespace, FAILED, "Failed")));
    dashboard.addWidgets(
        graph("Workflow executions", 8,
            machine.metricStarted(sum),
            machine.metricSucceeded(sum),
            workflowFailed,
            machine.metricTimedOut(sum),
            machine.metricAborted(sum)),
        graph("Workflow duration (ms)", 8,
            machine.metricTime(MetricOptions.builder().period(PERIOD).statistic("p50").build()),
            machine.metricTime(MetricOptions.builder().period(PERIOD).statistic("p99").build())),
        graph("Function duration p99 (ms)", 8, functionMetrics(functions, "Duration", "p99")));
    dashboard.addWidgets(
        graph("Function errors", 8, functionMetrics(functions, "Errors", "Sum")),
        graph("Intake throttles and dead letters", 8,
            functions.intake().function().metricThrottles(sum), deadLetters),
        graph("API latency (ms)", 8,
            stage.metricLatency(MetricOptions.builder().period(PERIOD).statistic("p50").build()), apiP99));
    dashboard.addWidgets(
        graph("API errors", 12, stage.metricClientError(sum), api5xx, stage.metricCount(sum)),
        AlarmStatusWidget.Builder.create().title("Alarms").alarms(List.copyOf(alarms)).width(12).height(6).build());
  }

  private void alarm(String id, String description, IMetric metric, double threshold, ComparisonOperator operator,
      int periods, SnsAction action) {
    alarm(id, description, metric, threshold, operator, periods, periods, action);
  }

  private void alarm(String id, String description, IMetric metric, double threshold, ComparisonOperator operator,
      int periods, int datapoints, SnsAction action) {
    Alarm alarm = Alarm.Builder.create(this, id)
        .alarmName(alarmPrefix + id)
        .alarmDescription(description)
        .metric(metric)
        .threshold(threshold)
        .comparisonOperator(operator)
        .evaluationPeriods(periods)
        .datapointsToAlarm(datapoints)
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
  private static IMetric search(String namespace, String metricName, String label) {
    return MathExpression.Builder.create()
        .expression("SEARCH('Namespace=\"" + namespace + "\" MetricName=\"" + metricName + "\"', 'Sum', "
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
