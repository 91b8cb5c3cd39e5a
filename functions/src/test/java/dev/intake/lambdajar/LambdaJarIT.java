package dev.intake.lambdajar;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.intake.aws.AwsClients;
import dev.intake.aws.S3Connection;
import dev.intake.aws.SubmissionTableSetup;
import dev.intake.checklist.Checklist;
import dev.intake.contracts.BucketLayout;
import dev.intake.contracts.FunctionFamily;
import dev.intake.pipeline.Bundled;
import dev.intake.testing.Dynalite;
import dev.intake.testing.S3ProxyServer;
import dev.intake.testing.SampleWorkbooks;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * Each function family's artifact works on its own and carries only what its family uses. The
 * smokes run each family's handlers from {@code target/lambda/<family>.jar} alone (plus the smoke
 * classes and Lambda's event serializer, which the runtime brings) in a fresh JVM with the Lambda
 * runtime's flags, against S3Proxy, dynalite and a Step
 * Functions, Secrets Manager and SNS stand-in served here, handing the workflow's state from one
 * family's JVM to the next; jdeps shows every class the family's handlers reach in their artifact
 * finds what it refers to there; and each artifact is checked for the libraries its family must not
 * carry and for its size. Run by failsafe after the artifacts are built.
 */
class LambdaJarIT {

  private static final String BUCKET = "competency-intake-jar";
  private static final String KEY = "incoming/P-1001/ready.xlsx";
  private static final String STATE_MACHINE = "arn:aws:states:us-east-1:000000000000:stateMachine:competency-intake";
  private static final long MB = 1L << 20;

  /**
   * What each family must not carry, by path prefix in the jar: the checks neither POI nor any SDK
   * client or the SDK's core (their S3 adapter signs with http-auth-aws alone), the API no POI, and
   * so on down the table.
   */
  private static final Map<FunctionFamily, List<String>> MUST_NOT_CARRY = Map.of(
      FunctionFamily.INTAKE, List.of("org/apache/poi/", "org/apache/xmlbeans/", "org/apache/commons/compress/",
          sdk("sns"), sdk("secretsmanager")),
      FunctionFamily.CHECKS, List.of("org/apache/poi/", "org/apache/xmlbeans/", "org/apache/commons/compress/",
          sdk("s3"), sdk("sfn"), sdk("sns"), sdk("dynamodb"), sdk("secretsmanager"),
          "software/amazon/awssdk/core/", "software/amazon/awssdk/awscore/", "software/amazon/awssdk/auth/",
          "software/amazon/awssdk/regions/", "software/amazon/awssdk/protocols/",
          "software/amazon/lambda/powertools/metrics/", "com/amazonaws/services/lambda/runtime/events/"),
      FunctionFamily.AGGREGATE, List.of("org/apache/poi/", "org/apache/xmlbeans/", "org/apache/commons/compress/",
          sdk("sfn"), sdk("sns"), sdk("secretsmanager"), "com/amazonaws/services/lambda/runtime/events/"),
      FunctionFamily.FAILURE, List.of("org/apache/poi/", "org/apache/commons/compress/", sdk("s3"), sdk("sfn"),
          sdk("sns"), sdk("secretsmanager")),
      FunctionFamily.DIGEST, List.of("org/apache/poi/", "org/apache/commons/compress/", sdk("s3"), sdk("sfn"),
          sdk("secretsmanager")),
      FunctionFamily.API, List.of("org/apache/poi/", "org/apache/xmlbeans/", "org/apache/commons/compress/",
          sdk("sns"), "dev/intake/template/TemplateGenerator"));

  /**
   * Lambda's event serializer, which the Java runtime brings (the artifacts do not carry it): the
   * smokes read their events from JSON with it, as the runtime does before it calls a handler.
   */
  private static final String LAMBDA_RUNTIME_SERIALIZATION = Path.of(LambdaEventSerializers.class
      .getProtectionDomain().getCodeSource().getLocation().getPath()).toString();

  private static final S3ProxyServer S3 = new S3ProxyServer();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static AwsClients clients;
  private static StandIns standIns;
  private static String table;
  private static long size;

  @BeforeAll
  static void start() throws IOException {
    S3.start();
    S3.createBucket(BUCKET);
    clients = AwsClients.local(Dynalite.shared().endpoint(), S3.endpoint());
    table = Dynalite.uniqueTableName("jar");
    SubmissionTableSetup.create(clients.dynamoDb(), table);
    byte[] workbook = Files.readAllBytes(SampleWorkbooks.folder().resolve("ready.xlsx"));
    size = workbook.length;
    clients.s3().putObject(b -> b.bucket(BUCKET).key(KEY), RequestBody.fromBytes(workbook));
    standIns = StandIns.start();
  }

  @AfterAll
  static void stop() throws IOException {
    if (standIns != null) {
      standIns.server.stop(0);
    }
    clients.close();
    S3.stop();
  }

  @Test
  void everyFamily_runFromItsOwnArtifactAlone_evaluatesTheSampleUploadEndToEnd(@TempDir Path dir) throws Exception {
    Path classes = smokeClasses(dir);

    List<String> intake = run(FunctionFamily.INTAKE, classes, IntakeSmoke.class, "upload", BUCKET, KEY,
        Long.toString(size));
    assertThat(intake).contains("SMOKE handlers=built", "SMOKE intake=2", "SMOKE priming=[Parsed, Rejected]");
    assertThat(standIns.started).hasSize(2);
    ObjectNode state = (ObjectNode) JSON.readTree(standIns.started.get(0));
    String submissionId = state.path("submissionId").asText();
    assertThat(submissionId).matches("sub-[a-z0-9]+");
    Path stateFile = dir.resolve("state.json");
    Files.write(stateFile, JSON.writeValueAsBytes(state));

    Path results = dir.resolve("checks.json");
    List<String> checks = run(FunctionFamily.CHECKS, classes, ChecksSmoke.class, stateFile.toString(),
        results.toString());
    assertThat(checks).contains("SMOKE checks=3").anyMatch(l -> l.matches("SMOKE priming=\\[0, [1-9][0-9]*]"));

    state.set("checks", JSON.readTree(results.toFile()));
    Path checked = dir.resolve("state-checked.json");
    Files.write(checked, JSON.writeValueAsBytes(state));
    List<String> aggregate = run(FunctionFamily.AGGREGATE, classes, AggregateSmoke.class, checked.toString());
    assertThat(aggregate).contains("SMOKE aggregate=READY", "SMOKE priming=[READY, ACTION_REQUIRED, REJECTED]");

    List<String> api = run(FunctionFamily.API, classes, ApiSmoke.class, submissionId);
    assertThat(api).contains("SMOKE api=200:READY", "SMOKE pages=200:signed,200,400", "SMOKE template=200");
    String templateKey = BucketLayout.TEMPLATES + Bundled.templateFileName(Checklist.current().version());
    assertThat(clients.s3().getObjectAsBytes(b -> b.bucket(BUCKET).key(templateKey)).asByteArray())
        .as("the template the API artifact wrote is the one the build bundled")
        .isEqualTo(Bundled.read(Bundled.template(Checklist.current().version())));

    assertThat(run(FunctionFamily.FAILURE, classes, FailureSmoke.class, stateFile.toString()))
        .contains("SMOKE failure=false");

    // The first put back from the dead-letter queue: already evaluated, so settled, nothing started.
    assertThat(run(FunctionFamily.INTAKE, classes, IntakeSmoke.class, "redrive", BUCKET, KEY, Long.toString(size)))
        .contains("SMOKE redrive=0");
    assertThat(standIns.started).hasSize(2);

    assertThat(run(FunctionFamily.DIGEST, classes, DigestSmoke.class)).contains("SMOKE digest=1");
    assertThat(standIns.published).hasValue(1);
  }

  /**
   * jdeps over each artifact: every class the family's handlers reach through the classes' own
   * references, the libraries' included, finds every class it refers to in the artifact or the JDK,
   * unless no dependency of the functions module has that class either (a library's optional
   * dependency, absent from the single jar before too). A class the family needs but its artifact
   * left out fails here, whether or not a smoke runs its path. Classes loaded by name only (Log4j's
   * plugins, services) are the smokes' to prove.
   */
  @Test
  void everyArtifact_hasEveryClassItsHandlersReach() throws Exception {
    ClassLoader everything = LambdaJarIT.class.getClassLoader();
    Pattern edge = Pattern.compile("^\\s+(\\S+)\\s+->\\s+(\\S+)\\s+(.+)$");
    for (FunctionFamily family : FunctionFamily.values()) {
      Map<String, Set<String>> refers = new HashMap<>();
      Set<String> missing = new HashSet<>();
      for (String line : jdeps(artifact(family)).lines().toList()) {
        Matcher m = edge.matcher(line);
        if (m.matches()) {
          refers.computeIfAbsent(m.group(1), k -> new HashSet<>()).add(m.group(2));
          if (m.group(3).strip().equals("not found")) {
            missing.add(m.group(2));
          }
        }
      }
      Deque<String> todo = new ArrayDeque<>();
      family.handlers().forEach(h -> todo.add(FunctionFamily.HANDLER_PACKAGE + h));
      Set<String> reached = new HashSet<>();
      Set<String> broken = new java.util.TreeSet<>();
      while (!todo.isEmpty()) {
        String c = todo.pop();
        if (!reached.add(c)) {
          continue;
        }
        assertThat(refers).as(family + ": " + c + " is in the artifact").containsKey(c);
        for (String target : refers.get(c)) {
          if (!missing.contains(target)) {
            if (refers.containsKey(target)) {
              todo.add(target);
            }
          } else if (everything.getResource(target.replace('.', '/') + ".class") != null) {
            broken.add(c + " -> " + target);
          }
        }
      }
      assertThat(broken).as(family + ": classes its handlers reach refer to classes its artifact left out").isEmpty();
      assertThat(reached).as(family + ": the handlers and what they use were found").hasSizeGreaterThan(1000);
    }
  }

  @Test
  void everyArtifact_carriesNoneOfTheLibrariesItsFamilyDoesNotUse() throws IOException {
    for (FunctionFamily family : FunctionFamily.values()) {
      List<String> names;
      try (ZipFile zip = new ZipFile(artifact(family).toFile())) {
        names = zip.stream().map(e -> e.getName()).toList();
      }
      for (String prefix : MUST_NOT_CARRY.get(family)) {
        assertThat(names).as(family + " must not carry " + prefix).noneMatch(n -> n.startsWith(prefix));
      }
      // Every artifact logs as Lambda expects: Log4j2 with Powertools' JSON layout and the project's configuration.
      assertThat(names).as(family.id()).contains("log4j2.xml", "LambdaJsonLayout.json",
          "META-INF/org/apache/logging/log4j/core/config/plugins/Log4j2Plugins.dat", "org/crac/Core.class");
    }
  }

  /** Issue 17's budgets (MB of 2^20 bytes): no artifact over 20 MB, the check functions' at most 8. */
  @Test
  void everyArtifact_weighsNoMoreThanItsBudget() throws IOException {
    Map<FunctionFamily, Long> budget = new EnumMap<>(FunctionFamily.class);
    for (FunctionFamily family : FunctionFamily.values()) {
      budget.put(family, 20 * MB);
    }
    budget.put(FunctionFamily.CHECKS, 8 * MB);
    for (FunctionFamily family : FunctionFamily.values()) {
      assertThat(Files.size(artifact(family))).as(family + " in bytes").isLessThanOrEqualTo(budget.get(family));
    }
  }

  private static JsonNode json(String line) {
    try {
      return JSON.readTree(line);
    } catch (IOException e) {
      return JSON.createObjectNode();
    }
  }

  private static String sdk(String service) {
    return "software/amazon/awssdk/services/" + service + "/";
  }

  private static Path artifact(FunctionFamily family) {
    Path jar = Path.of(System.getProperty("lambda.artifacts", "target/lambda")).resolve(family.artifactName());
    assertThat(jar).as("the " + family.id() + " artifact; run by failsafe after package").exists();
    return jar;
  }

  private static String jdeps(Path jar) {
    ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = jdeps.run(new PrintWriter(out), new PrintWriter(err), "-verbose:class", "-filter:none",
        "--multi-release", "17", jar.toString());
    assertThat(exit).as(err.toString()).isZero();
    return out.toString();
  }

  /** This package's compiled smoke classes only, so nothing from the test class path reaches the child. */
  private static Path smokeClasses(Path dir) throws IOException {
    Path source = Path.of(LambdaJarIT.class.getProtectionDomain().getCodeSource().getLocation().getPath());
    Path pkg = Path.of("dev", "intake", "lambdajar");
    Path target = Files.createDirectories(dir.resolve("classes").resolve(pkg));
    try (Stream<Path> files = Files.list(source.resolve(pkg))) {
      for (Path f : files.filter(f -> f.getFileName().toString().matches("([A-Z][a-z]+)?Smoke(\\$.*)?\\.class"))
          .toList()) {
        Files.copy(f, target.resolve(f.getFileName()));
      }
    }
    return dir.resolve("classes");
  }

  private static List<String> run(FunctionFamily family, Path classes, Class<?> smoke, String... args)
      throws Exception {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1",
        "-cp", String.join(java.io.File.pathSeparator, classes.toString(), artifact(family).toString(),
            LAMBDA_RUNTIME_SERIALIZATION),
        smoke.getName()));
    command.addAll(List.of(args));
    Path log = Files.createTempFile("lambda-jar-smoke", ".log");
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    Map<String, String> env = pb.environment();
    env.keySet().removeIf(k -> k.startsWith("AWS_") || k.startsWith("POWERTOOLS_"));
    String standIn = "http://127.0.0.1:" + standIns.server.getAddress().getPort();
    env.putAll(Map.of(
        "AWS_REGION", "us-east-1",
        "AWS_ACCESS_KEY_ID", AwsClients.LOCAL_ACCESS_KEY_ID,
        "AWS_SECRET_ACCESS_KEY", AwsClients.LOCAL_SECRET_ACCESS_KEY,
        "AWS_ENDPOINT_URL_DYNAMODB", Dynalite.shared().endpoint().toString(),
        S3Connection.ENDPOINT_URL_S3, S3.endpoint().toString(),
        "AWS_ENDPOINT_URL_SFN", standIn,
        "AWS_ENDPOINT_URL_SECRETS_MANAGER", standIn,
        "AWS_ENDPOINT_URL_SNS", standIn,
        "AWS_REQUEST_CHECKSUM_CALCULATION", "WHEN_REQUIRED",
        "AWS_RESPONSE_CHECKSUM_VALIDATION", "WHEN_REQUIRED"));
    env.put("TABLE_NAME", table);
    env.put("BUCKET_NAME", BUCKET);
    env.put("STATE_MACHINE_ARN", STATE_MACHINE);
    env.put("PAGE_TOKEN_SECRET_ARN", "arn:aws:secretsmanager:us-east-1:000000000000:secret:page-token-AbCdEf");
    env.put("PROGRAM_OFFICE_TOPIC_ARN", "arn:aws:sns:us-east-1:000000000000:competency-intake");
    env.put("AWS_EC2_METADATA_DISABLED", "true");
    // Metrics in Embedded Metric Format on standard output, as on Lambda.
    env.put("AWS_EMF_ENVIRONMENT", "Local");
    // What infra's PipelineFunction gives every function.
    env.put("POWERTOOLS_SERVICE_NAME", "competency-intake");
    env.put("POWERTOOLS_METRICS_NAMESPACE", "CompetencyIntake");
    env.put("POWERTOOLS_LOG_LEVEL", "INFO");
    Process process = pb.start();
    boolean exited = process.waitFor(120, TimeUnit.SECONDS);
    if (!exited) {
      process.destroyForcibly().waitFor();
    }
    String text = Files.readString(log, StandardCharsets.UTF_8);
    Files.delete(log);
    assertThat(exited).as(family + ": " + text).isTrue();
    assertThat(process.exitValue()).as(family + ": " + text).isZero();
    // The artifact logs as on Lambda: one JSON object a line, in Powertools' layout (its Lambda fields).
    assertThat(text.lines().filter(l -> l.startsWith("{")).map(LambdaJarIT::json))
        .as(family + ": " + text)
        .anyMatch(n -> n.path("message").asText().equals(Smoke.STARTED + smoke.getSimpleName())
            && n.path("level").asText().equals("INFO") && n.has("function_request_id") && n.has("service"));
    return text.lines().filter(l -> l.startsWith("SMOKE ")).map(String::strip).toList();
  }

  /**
   * Step Functions' StartExecution (the input recorded), Secrets Manager's GetSecretValue for the
   * page-token secret (a value for AWSCURRENT, no AWSPREVIOUS) and SNS's Publish (the only one
   * without an X-Amz-Target header, counted): each answered as the service does.
   */
  private static final class StandIns {

    final HttpServer server;
    final List<String> started = new CopyOnWriteArrayList<>();
    final AtomicInteger published = new AtomicInteger();

    private StandIns(HttpServer server) {
      this.server = server;
    }

    static StandIns start() throws IOException {
      StandIns s = new StandIns(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0));
      s.server.createContext("/", exchange -> {
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        byte[] request = exchange.getRequestBody().readAllBytes();
        int status = 200;
        String type;
        String body;
        if (target == null) {
          s.published.incrementAndGet();
          type = "text/xml";
          body = "<PublishResponse xmlns=\"https://sns.amazonaws.com/doc/2010-03-31/\"><PublishResult>"
              + "<MessageId>m-1</MessageId></PublishResult></PublishResponse>";
        } else if (target.startsWith("secretsmanager.")) {
          JsonNode r = JSON.readTree(request);
          boolean current = !r.has("VersionStage") || "AWSCURRENT".equals(r.path("VersionStage").asText());
          status = current ? 200 : 400;
          type = "application/x-amz-json-1.1";
          body = current
              ? "{\"ARN\":\"" + r.path("SecretId").asText() + "\",\"VersionId\":\"v1\","
                  + "\"SecretString\":\"smoke-page-token-key-0123456789abcdefghijklmnop\"}"
              : "{\"__type\":\"ResourceNotFoundException\",\"message\":\"no such version stage\"}";
        } else {
          JsonNode r = JSON.readTree(request);
          s.started.add(r.path("input").asText());
          type = "application/x-amz-json-1.0";
          body = "{\"executionArn\":\"" + r.path("stateMachineArn").asText().replace(":stateMachine:", ":execution:")
              + ":" + r.path("name").asText() + "\",\"startDate\":1793525400.0}";
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(bytes);
        }
      });
      s.server.start();
      return s;
    }
  }
}
