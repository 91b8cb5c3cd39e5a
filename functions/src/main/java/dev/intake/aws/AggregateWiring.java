package dev.intake.aws;

import static dev.intake.contracts.LambdaEnvironment.API_BASE_URL;
import static dev.intake.contracts.LambdaEnvironment.POWERTOOLS_METRICS_NAMESPACE;

import dev.intake.aws.ClientFactory.Service;
import dev.intake.checklist.Checklist;
import dev.intake.model.FindingsReport;
import dev.intake.model.ReportStatus;
import dev.intake.parsing.ParseOutcome;
import dev.intake.pipeline.AggregateService;
import dev.intake.pipeline.Bundled;
import dev.intake.pipeline.PipelineJson;
import dev.intake.pipeline.Threads;
import dev.intake.report.Evaluator;
import dev.intake.report.ReportJson;
import dev.intake.report.WorkbookAnnotator;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The aggregate function's composition on AWS: S3, DynamoDB, the report and the annotated copy.
 * Built once per container from the function's environment; the first build registers
 * {@link #prime()} with SnapStart.
 */
public final class AggregateWiring {

  private static final Lazy<AggregateWiring> FROM_ENVIRONMENT = new Lazy<>(() -> {
    AggregateWiring w = new AggregateWiring(ClientFactory.fromEnvironment(), System.getenv(), Clock.systemUTC());
    SnapStartPriming.register("aggregate", AggregateWiring::prime);
    return w;
  });

  private final FunctionEnvironment env;
  private final Lazy<DynamoDbClient> dynamoDb;
  private final Lazy<S3ObjectStore> objects;

  public AggregateWiring(ClientFactory clients, Map<String, String> env, Clock clock) {
    this.env = new FunctionEnvironment(env, clock);
    this.dynamoDb = new Lazy<>(() -> clients.build(Service.DYNAMODB, DynamoDbClient.builder()));
    this.objects = new Lazy<>(() -> S3Clients.objectStore(clients));
  }

  public static AggregateWiring fromEnvironment() {
    return FROM_ENVIRONMENT.get();
  }

  public AggregateService aggregateService() {
    return AggregateService.standard(objects.get(), DynamoDbSubmissionStore.fromEnvironment(dynamoDb.get(), env),
        Checklist.current(), env.clock(), env.get(API_BASE_URL, ""),
        new PowertoolsMetrics(env.get(POWERTOOLS_METRICS_NAMESPACE)))
        .withThreadSettle(Threads.Settle.sleeping(DynamoDbSubmissionStore.INDEX_SETTLE));
  }

  /**
   * Aggregate's own work on the bundled sample: the workflow's JSON of the parsed sample read, the
   * report assembled, its JSON written and read, and the annotated copy written — on the date the
   * sample is READY and three years later, when its findings are annotated too — and the report and
   * copy of a file that is not a workbook. Returns the three reports' statuses.
   */
  public static List<ReportStatus> prime() {
    byte[] sample = Bundled.read(Bundled.PRIMING_WORKBOOK);
    ParseOutcome parsed = PipelineJson.readParsed(Bundled.read(Bundled.PRIMING_PARSED));
    Evaluator evaluator = Evaluator.standard();
    WorkbookAnnotator annotator = new WorkbookAnnotator();
    List<ReportStatus> statuses = new ArrayList<>();
    for (LocalDate asOf : List.of(CheckWiring.READY_ON, CheckWiring.THREE_YEARS_LATER)) {
      FindingsReport report = evaluator.evaluate(parsed, asOf, "", "sub-priming");
      ReportJson.read(ReportJson.write(report));
      annotator.annotate(sample, report);
      statuses.add(report.status());
    }
    FindingsReport rejected = evaluator.evaluate("not,a,workbook\n".getBytes(StandardCharsets.UTF_8), "priming.csv",
        CheckWiring.READY_ON);
    annotator.annotate(null, rejected);
    statuses.add(rejected.status());
    return statuses;
  }
}
