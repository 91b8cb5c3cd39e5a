package dev.intake.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.intake.api.CallerResolver;
import dev.intake.api.ExecutionHistory;
import dev.intake.api.ReviewerApi;
import dev.intake.api.TemplateService;
import dev.intake.api.UploadLinks;
import dev.intake.aws.AwsClients;
import dev.intake.aws.DynamoDbSubmissionStore;
import dev.intake.aws.S3ObjectStore;
import dev.intake.aws.S3UploadPresigner;
import dev.intake.aws.SubmissionTableSetup;
import dev.intake.contracts.BucketLayout;
import dev.intake.contracts.RepositoryRoot;
import dev.intake.engines.AtomicFiles;
import dev.intake.engines.DynaliteProcess;
import dev.intake.engines.S3ProxyEngine;
import dev.intake.handlers.ApiHandler;
import dev.intake.handlers.IntakeHandler;
import dev.intake.local.asl.DirectoryExecutionStore;
import dev.intake.local.asl.Sleeper;
import dev.intake.local.asl.StepFunctionsRunner;
import dev.intake.parsing.WorkbookParser;
import dev.intake.pipeline.AsOfPolicy;
import dev.intake.pipeline.Digest;
import dev.intake.pipeline.DigestService;
import dev.intake.pipeline.DueDates;
import dev.intake.pipeline.IntakeService;
import dev.intake.pipeline.ObjectStore;
import dev.intake.pipeline.PipelineJson;
import dev.intake.pipeline.PipelineMetrics;
import dev.intake.pipeline.SubmissionStore;
import dev.intake.rules.PageFetcher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The whole pipeline on one machine: S3Proxy (in-process, files under the data folder), dynalite
 * (child process, LevelDB under the data folder), the Step Functions runner executing
 * statemachine/submission.asl.json with the real handlers as its tasks, the S3 event poller, the
 * reviewer API on 127.0.0.1, an outbox for notifications and the daily digest on business days at
 * {@link #DIGEST_TIME} UTC (as EventBridge Scheduler runs it on AWS). Everything that lives in the data folder
 * survives a restart: uploads, submissions, executions (unfinished ones are resumed) and which
 * uploads were already delivered.
 */
public final class LocalRuntime implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LocalRuntime.class);

  public static final String BUCKET = "competency-intake-local";
  public static final String TABLE = "competency-intake";
  /** When the program office's digest is made, on business days (UTC); the stack's schedule says the same. */
  public static final LocalTime DIGEST_TIME = LocalTime.of(7, 0);

  /**
   * How to run.
   *
   * @param apiPort 0 for a free port
   * @param s3Port 0 for a free port
   * @param token the reviewer bearer token (at least 16 characters)
   * @param pageFetcher the live check of public case-study pages, or null to leave it off
   */
  public record Options(Path dataDir, int apiPort, int s3Port, String token, AsOfPolicy asOf, Clock clock,
      Consumer<String> console, Duration pollInterval, PageFetcher pageFetcher, int intakeWorkers) {

    public static Options defaults(Path dataDir, Consumer<String> console) {
      return new Options(dataDir, 0, 0, LocalTokens.newToken(), AsOfPolicy.uploadDay(), Clock.systemUTC(), console,
          Duration.ofSeconds(2), null, 4);
    }

    public Options withApiPort(int port) {
      return new Options(dataDir, port, s3Port, token, asOf, clock, console, pollInterval, pageFetcher,
          intakeWorkers);
    }

    public Options withToken(String t) {
      return new Options(dataDir, apiPort, s3Port, t, asOf, clock, console, pollInterval, pageFetcher,
          intakeWorkers);
    }

    public Options withAsOf(AsOfPolicy policy) {
      return new Options(dataDir, apiPort, s3Port, token, policy, clock, console, pollInterval, pageFetcher,
          intakeWorkers);
    }

    public Options withPageFetcher(PageFetcher fetcher) {
      return new Options(dataDir, apiPort, s3Port, token, asOf, clock, console, pollInterval, fetcher,
          intakeWorkers);
    }
  }

  private final Options options;
  private final Path root;
  private final S3ProxyEngine s3Engine;
  private final AwsClients clients;
  private final StepFunctionsRunner runner;
  private final IncomingPoller poller;
  private final LocalApiServer api;
  private final LocalTokens tokens;
  private final DigestService digests;
  private final ScheduledExecutorService digestTimer;
  private final SubmissionStore store;
  private final ObjectStore objects;
  private final ConsoleSessions consoleSessions;
  private final URI consoleLink;
  private volatile DynaliteProcess dynalite;

  private LocalRuntime(Options options, Path root, S3ProxyEngine s3Engine, DynaliteProcess dynalite,
      AwsClients clients, StepFunctionsRunner runner, IncomingPoller poller, LocalApiServer api, LocalTokens tokens,
      DigestService digests, SubmissionStore store, ObjectStore objects, ConsoleSessions consoleSessions) {
    this.options = options;
    this.root = root;
    this.s3Engine = s3Engine;
    this.dynalite = dynalite;
    this.clients = clients;
    this.runner = runner;
    this.poller = poller;
    this.api = api;
    this.tokens = tokens;
    this.digests = digests;
    this.digestTimer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "daily-digest");
      t.setDaemon(true);
      return t;
    });
    this.store = store;
    this.objects = objects;
    this.consoleSessions = consoleSessions;
    this.consoleLink = consoleLink(null);
  }

  public static LocalRuntime start(Options o) throws IOException {
    Path root = RepositoryRoot.locate();
    Path data = o.dataDir().toAbsolutePath();
    Files.createDirectories(data);
    ownerOnly(data);
    LocalTokens tokens = new LocalTokens(o.token());
    S3ProxyEngine s3 = null;
    DynaliteProcess dynalite = null;
    AwsClients clients = null;
    StepFunctionsRunner runner = null;
    IncomingPoller poller = null;
    LocalApiServer api = null;
    try {
      java.util.concurrent.atomic.AtomicReference<IncomingPoller> announced = new java.util.concurrent.atomic
          .AtomicReference<>();
      // The port is chosen before anything starts: notifications link to the API, and the local S3
      // answers the console (served by the API) with CORS headers for its presigned uploads.
      int apiPort = o.apiPort() == 0 ? DynaliteProcess.freePort() : o.apiPort();
      // Like the bucket on AWS, the local one keeps a version of every upload: each is evaluated on
      // its own bytes, however fast the next upload to the same name follows.
      s3 = S3ProxyEngine.start(data.resolve("s3"), data.resolve("s3-versions"), o.s3Port(),
          AwsClients.LOCAL_ACCESS_KEY_ID, AwsClients.LOCAL_SECRET_ACCESS_KEY,
          key -> key.startsWith(BucketLayout.INCOMING),
          version -> {
            IncomingPoller listener = announced.get();
            if (listener != null && version.bucket().equals(BUCKET)) {
              listener.announce(version);
            }
          }, java.util.List.of("http://127.0.0.1:" + apiPort));
      s3.createBucket(BUCKET);
      dynalite = DynaliteProcess.start(root, 0, data.resolve("dynamodb"));
      clients = AwsClients.local(dynalite.endpoint(), s3.endpoint());
      SubmissionTableSetup.create(clients.dynamoDb(), TABLE);
      // Page tokens signed with the data folder's key, as the API on AWS signs them with its secret's.
      SubmissionStore store = new DynamoDbSubmissionStore(clients.dynamoDb(), TABLE)
          .withPageTokenKeys(LocalPageTokenKey.inDataFolder(data));
      ObjectStore objects = new KeptVersions(new S3ObjectStore(clients.s3(), clients.s3Presigner()), s3);
      dev.intake.checklist.Checklist checklist = dev.intake.checklist.Checklist.current();

      LocalNotifier notifier = new LocalNotifier(data.resolve("outbox"), o.console(), o.clock());
      runner = LocalWorkflow.build(root, store, objects, o.clock(), notifier::publish,
          new DirectoryExecutionStore(data.resolve("executions")), Sleeper.real(), o.pageFetcher(),
          "http://127.0.0.1:" + apiPort);
      IntakeService intake = new IntakeService(store, objects,
          new RunnerWorkflowStarter(runner),
          new WorkbookParser(), o.asOf(), o.clock(), PipelineMetrics.NONE);
      poller = new IncomingPoller(clients.s3(), s3::versions, BUCKET, new IntakeHandler(intake, o.clock()),
          data.resolve("poller.json"), o.clock(), o.intakeWorkers());
      announced.set(poller);
      ApiHandler apiHandler = new ApiHandler(
          new ReviewerApi(store, objects, new TemplateService(objects, BUCKET, checklist), history(runner),
              // Presigned PUTs against S3Proxy: the same adapter and signature checks as on AWS.
              new UploadLinks(new S3UploadPresigner(clients.s3Presigner()), BUCKET, o.clock()), o.clock()),
          CallerResolver.of(LocalTokens.REVIEWER_ROLE, LocalTokens.PARTNER_ROLE_PREFIX));
      ConsoleSessions consoleSessions = new ConsoleSessions(o.clock());
      api = new LocalApiServer(apiHandler, tokens, apiPort,
          new LocalApiServer.Console(root.resolve("console/web"), consoleSessions, s3.endpoint().toString()));
      DigestService digests = new DigestService(store, o.clock(), "http://127.0.0.1:" + apiPort, PipelineMetrics.NONE,
          notifier);
      LocalRuntime runtime = new LocalRuntime(o, root, s3, dynalite, clients, runner, poller, api, tokens, digests,
          store, objects, consoleSessions);
      var resumed = runner.resumeIncomplete();
      if (!resumed.isEmpty()) {
        o.console().accept("resumed " + resumed.size() + " unfinished evaluation(s) from the last run");
      }
      poller.start(o.pollInterval().toMillis());
      runtime.writeRuntimeJson();
      runtime.scheduleDigest();
      return runtime;
    } catch (RuntimeException | IOException e) {
      closeAll(api, poller, runner, clients, dynalite, s3);
      throw e;
    }
  }

  /**
   * The data folder readable by its owner only, where the file system has POSIX permissions: dynalite
   * takes any credentials, so its files and the rest (uploads, outbox, runtime.json) are kept from the
   * machine's other users (SECURITY.md).
   */
  private static void ownerOnly(Path data) throws IOException {
    if (Files.getFileStore(data).supportsFileAttributeView("posix")) {
      Files.setPosixFilePermissions(data, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
    }
  }

  private static ExecutionHistory history(StepFunctionsRunner runner) {
    return name -> runner.history(name).stream()
        .map(e -> new ExecutionHistory.Event(e.timestamp(), e.type().label(), e.stateName(), e.detail()))
        .toList();
  }

  private void writeRuntimeJson() throws IOException {
    ObjectNode n = PipelineJson.mapper().createObjectNode();
    n.put("api", api.endpoint().toString());
    n.put("s3", s3Engine.endpoint().toString());
    // For ./pipeline digest; dynalite takes any credentials, so this file is the owner's only (SECURITY.md).
    n.put("dynamodb", dynalite.endpoint().toString());
    n.put("token", tokens.token());
    // A one-time sign-in link (12 hours) for the reviewer's console; ./pipeline token --console mints more.
    n.put("console", consoleLink.toString());
    n.put("bucket", BUCKET);
    n.put("accessKeyId", AwsClients.LOCAL_ACCESS_KEY_ID);
    n.put("secretAccessKey", AwsClients.LOCAL_SECRET_ACCESS_KEY);
    // The token is a credential: AtomicFiles leaves the file readable by this user only, where the file
    // system has POSIX permissions.
    AtomicFiles.replace(options.dataDir().resolve("runtime.json"),
        PipelineJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(n));
  }

  /** Makes the program office's digest now: counts, the overdue list, one message in the outbox. */
  public Digest digest() {
    return digests.run();
  }

  /** The next digest: the next business day's {@link #DIGEST_TIME} (UTC) after now; then the one after. */
  private void scheduleDigest() {
    Instant now = options.clock().instant();
    LocalDate day = LocalDate.ofInstant(now, ZoneOffset.UTC);
    Instant next = day.atTime(DIGEST_TIME).toInstant(ZoneOffset.UTC);
    while (!next.isAfter(now) || !DueDates.businessDay(LocalDate.ofInstant(next, ZoneOffset.UTC))) {
      next = next.plus(Duration.ofDays(1));
    }
    long delay = Duration.between(now, next).toMillis();
    digestTimer.schedule(() -> {
      try {
        digest();
      } catch (RuntimeException e) {
        LOG.error("The daily digest failed", e);
      }
      scheduleDigest();
    }, delay, TimeUnit.MILLISECONDS);
  }

  /** Reads the endpoints a running runtime wrote to {@code dataDir/runtime.json}. */
  public static JsonNode runtimeJson(Path dataDir) {
    Path file = dataDir.resolve("runtime.json");
    try {
      return PipelineJson.mapper().readTree(file.toFile());
    } catch (IOException e) {
      // The CLI says what to do about it (Runtimes.running); here only what failed.
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  public URI apiEndpoint() {
    return api.endpoint();
  }

  public URI s3Endpoint() {
    return s3Engine.endpoint();
  }

  public String token() {
    return tokens.token();
  }

  /** The reviewer's console sign-in link written to runtime.json at start (one-time). */
  public URI consoleLink() {
    return consoleLink;
  }

  /**
   * A new one-time console sign-in link: the reviewer's, or with a partner id that partner's view.
   */
  public URI consoleLink(String partnerId) {
    String principal = tokens.principalFor("Bearer " + (partnerId == null ? tokens.token()
        : tokens.partnerToken(partnerId)));
    return api.consoleSignIn(consoleSessions.issueLink(principal));
  }

  public LocalTokens tokens() {
    return tokens;
  }

  public S3Client s3() {
    return clients.s3();
  }

  /** The submissions as the pipeline stores them (what the tests check beside the API). */
  SubmissionStore store() {
    return store;
  }

  /** The objects as the pipeline reads them (object versions included). */
  ObjectStore objects() {
    return objects;
  }

  public StepFunctionsRunner runner() {
    return runner;
  }

  public Path dataDir() {
    return options.dataDir();
  }

  /** Stops the DynamoDB engine (to test that nothing is lost while it is down). */
  public synchronized void stopDynamoDb() {
    dynalite.close();
  }

  /** Starts the DynamoDB engine again on the same port and data, as after an outage. */
  public synchronized void startDynamoDb() {
    if (!dynalite.running()) {
      dynalite = DynaliteProcess.start(root, dynalite.port(), options.dataDir().toAbsolutePath().resolve("dynamodb"));
    }
  }

  @Override
  public void close() {
    digestTimer.shutdownNow();
    api.close();
    closeAll(poller, runner, clients, dynalite, s3Engine);
    LOG.info("Local pipeline stopped");
  }

  private static void closeAll(AutoCloseable... parts) {
    for (AutoCloseable part : parts) {
      if (part == null) {
        continue;
      }
      try {
        part.close();
      } catch (Exception e) {
        LOG.warn("Error while stopping {}: {}", part.getClass().getSimpleName(), e.toString());
      }
    }
  }
}
