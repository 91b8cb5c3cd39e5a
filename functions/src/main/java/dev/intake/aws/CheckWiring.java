package dev.intake.aws;

import static dev.intake.contracts.LambdaEnvironment.URL_CHECK_ENABLED;

import dev.intake.checklist.Checklist;
import dev.intake.model.Summary;
import dev.intake.parsing.ParseOutcome;
import dev.intake.pipeline.Bundled;
import dev.intake.pipeline.CheckService;
import dev.intake.pipeline.PipelineJson;
import dev.intake.rules.RuleEngine;
import dev.intake.rules.RuleGroup;
import dev.intake.rules.RuleResult;
import dev.intake.web.SafePageFetcher;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/**
 * The check functions' composition on AWS (PrerequisitesHandler, CaseStudiesHandler,
 * PublicUrlsHandler): S3 and the rules. They read the parsed workbook intake stored, so the family
 * carries neither the parser nor POI, nor any SDK client: their two S3 operations go through
 * {@link S3WorkObjects} (the JDK's HTTP client and the SDK's SigV4 signer), and nothing here names a
 * type of the SDK's core. Built once per container from the function's environment; the first build
 * registers {@link #prime()} with SnapStart.
 */
public final class CheckWiring {

  /** The date the bundled sample is READY on; three years later its case studies and certifications have aged out. */
  static final LocalDate READY_ON = LocalDate.of(2026, 11, 1);
  static final LocalDate THREE_YEARS_LATER = READY_ON.plusYears(3);

  private static final Lazy<CheckWiring> FROM_ENVIRONMENT = new Lazy<>(() -> {
    CheckWiring w = new CheckWiring(S3Connection.fromEnvironment(System.getenv(), Clock.systemUTC()), System.getenv(),
        Clock.systemUTC());
    SnapStartPriming.register("checks", CheckWiring::prime);
    return w;
  });

  private final FunctionEnvironment env;
  private final Lazy<S3WorkObjects> objects;
  private final Checklist checklist = Checklist.current();

  /** Over S3 as {@code s3} reaches it: {@link S3Connection#fromEnvironment} on AWS, else ClientFactory's. */
  public CheckWiring(S3Connection s3, Map<String, String> env, Clock clock) {
    this.env = new FunctionEnvironment(env, clock);
    this.objects = new Lazy<>(() -> new S3WorkObjects(s3));
  }

  public static CheckWiring fromEnvironment() {
    return FROM_ENVIRONMENT.get();
  }

  /** One check group; the public-URL group fetches the pages only when URL_CHECK_ENABLED is "true". */
  public CheckService checkService(RuleGroup group) {
    boolean live = group == RuleGroup.PUBLIC_URLS && Boolean.parseBoolean(env.get(URL_CHECK_ENABLED, "false"));
    RuleEngine engine = live
        ? RuleEngine.standard(checklist, new SafePageFetcher())
        : RuleEngine.standard(checklist);
    return new CheckService(group, engine, objects.get());
  }

  /**
   * The check groups' own work on the bundled parsed sample: the workflow's JSON of it read, every
   * group's rules on the date the sample is READY and three years later (so the paths that raise
   * findings run too), and each result's JSON written and read; then the S3 adapter's requests signed
   * offline with placeholder keys ({@link S3WorkObjects#prime()}: no client, no network, no
   * credentials). Returns the blockers found on each date.
   */
  public static List<Integer> prime() {
    ParseOutcome parsed = PipelineJson.readParsed(Bundled.read(Bundled.PRIMING_PARSED));
    if (!(parsed instanceof ParseOutcome.Parsed p)) {
      throw new IllegalStateException(Bundled.PRIMING_PARSED + " is not a parsed workbook");
    }
    RuleEngine engine = RuleEngine.standard(Checklist.current());
    List<Integer> blockers = new ArrayList<>();
    for (LocalDate asOf : List.of(READY_ON, THREE_YEARS_LATER)) {
      int found = 0;
      for (RuleGroup group : RuleGroup.values()) {
        RuleResult result = PipelineJson.readResult(PipelineJson.writeResult(
            engine.evaluate(p.assessment(), asOf, "", EnumSet.of(group))));
        found += Summary.of(result.findings(), result.passed()).blockers();
      }
      blockers.add(found);
    }
    S3WorkObjects.prime();
    return blockers;
  }
}
