package dev.intake.lambdajar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intake.aws.AwsClients;
import dev.intake.aws.SubmissionTableSetup;
import dev.intake.testing.Dynalite;
import dev.intake.testing.S3ProxyServer;
import dev.intake.testing.SampleWorkbooks;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * The shaded Lambda artifact works on its own: {@link LambdaJarSmoke} runs every handler from
 * {@code target/functions-lambda.jar} alone (plus the smoke class) in a fresh JVM with the Lambda
 * runtime's flags, against S3Proxy and dynalite. Run by failsafe after the jar is built.
 */
class LambdaJarIT {

  private static final String BUCKET = "competency-intake-jar";
  private static final String KEY = "incoming/P-1001/ready.xlsx";
  private static final S3ProxyServer S3 = new S3ProxyServer();
  private static AwsClients clients;
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
  }

  @AfterAll
  static void stop() throws IOException {
    clients.close();
    S3.stop();
  }

  @Test
  void everyHandler_runFromTheShadedJarAlone_evaluatesTheSampleUploadEndToEnd(@TempDir Path dir) throws Exception {
    Path jar = Path.of(System.getProperty("lambda.jar", "target/functions-lambda.jar"));
    assertThat(jar).as("the shaded jar; run by failsafe after package").exists();
    Path classes = smokeClasses(dir);
    int sfnPort = freePort();

    List<String> lines = run(jar, classes, sfnPort);

    assertThat(lines).contains("SMOKE handlers=built", "SMOKE aggregate=READY", "SMOKE api=200:READY",
        "SMOKE pages=200:signed,200,400", "SMOKE failure=false", "SMOKE redrive=0:nothing-new", "SMOKE digest=1:1",
        "SMOKE priming=[READY, ACTION_REQUIRED, REJECTED]");
    assertThat(lines).anyMatch(l -> l.matches("SMOKE intake=sub-[a-z0-9]+"));
  }

  /** This package's compiled smoke classes only, so nothing from the test class path reaches the child. */
  private static Path smokeClasses(Path dir) throws IOException {
    Path source = Path.of(LambdaJarSmoke.class.getProtectionDomain().getCodeSource().getLocation().getPath());
    Path pkg = Path.of("dev", "intake", "lambdajar");
    Path target = Files.createDirectories(dir.resolve("classes").resolve(pkg));
    try (Stream<Path> files = Files.list(source.resolve(pkg))) {
      for (Path f : files.filter(f -> f.getFileName().toString().startsWith("LambdaJarSmoke")).toList()) {
        Files.copy(f, target.resolve(f.getFileName()));
      }
    }
    return dir.resolve("classes");
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static List<String> run(Path jar, Path classes, int sfnPort) throws Exception {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1",
        "-cp", classes + java.io.File.pathSeparator + jar,
        LambdaJarSmoke.class.getName(), Integer.toString(sfnPort), BUCKET, KEY, Long.toString(size)));
    Path log = Files.createTempFile("lambda-jar-smoke", ".log");
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    Map<String, String> env = pb.environment();
    env.keySet().removeIf(k -> k.startsWith("AWS_") || k.startsWith("POWERTOOLS_"));
    env.putAll(Map.of(
        "AWS_REGION", "us-east-1",
        "AWS_ACCESS_KEY_ID", AwsClients.LOCAL_ACCESS_KEY_ID,
        "AWS_SECRET_ACCESS_KEY", AwsClients.LOCAL_SECRET_ACCESS_KEY,
        "AWS_ENDPOINT_URL_DYNAMODB", Dynalite.shared().endpoint().toString(),
        "AWS_ENDPOINT_URL_S3", S3.endpoint().toString(),
        "AWS_ENDPOINT_URL_SFN", "http://127.0.0.1:" + sfnPort,
        "AWS_REQUEST_CHECKSUM_CALCULATION", "WHEN_REQUIRED",
        "AWS_RESPONSE_CHECKSUM_VALIDATION", "WHEN_REQUIRED",
        "TABLE_NAME", table,
        "BUCKET_NAME", BUCKET));
    env.put("STATE_MACHINE_ARN", "arn:aws:states:us-east-1:000000000000:stateMachine:competency-intake");
    env.put("AWS_ENDPOINT_URL_SECRETS_MANAGER", "http://127.0.0.1:" + sfnPort);
    env.put("PAGE_TOKEN_SECRET_ARN", "arn:aws:secretsmanager:us-east-1:000000000000:secret:page-token-AbCdEf");
    // The smoke's Step Functions stand-in also answers SNS's Publish for the digest.
    env.put("AWS_ENDPOINT_URL_SNS", "http://127.0.0.1:" + sfnPort);
    env.put("PROGRAM_OFFICE_TOPIC_ARN", "arn:aws:sns:us-east-1:000000000000:competency-intake");
    env.put("AWS_EC2_METADATA_DISABLED", "true");
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
    assertThat(exited).as(text).isTrue();
    assertThat(process.exitValue()).as(text).isZero();
    return text.lines().filter(l -> l.startsWith("SMOKE ")).map(String::strip).toList();
  }
}
