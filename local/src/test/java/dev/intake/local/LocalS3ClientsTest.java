package dev.intake.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.intake.aws.AwsClients;
import dev.intake.engines.S3ProxyEngine;
import dev.intake.testing.SampleWorkbooks;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The local S3 with the clients a user would point at it: the AWS CLI as the README runs it (its
 * default flexible checksums: {@code x-amz-checksum-crc32} on every put and part, in a header over
 * http, as boto3 sends them too), an SDK sending the same headers, and an SDK that sends its
 * checksum as an aws-chunked trailer, which needs the one setting the README gives.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocalS3ClientsTest {

  private static final String BUCKET = LocalRuntime.BUCKET;

  @TempDir
  static Path dir;

  private S3ProxyEngine engine;
  private S3Client sdk;

  @BeforeAll
  void start() {
    engine = S3ProxyEngine.start(dir.resolve("s3"), dir.resolve("s3-versions"), 0, AwsClients.LOCAL_ACCESS_KEY_ID,
        AwsClients.LOCAL_SECRET_ACCESS_KEY, key -> key.startsWith("incoming/"), version -> { });
    engine.createBucket(BUCKET);
    sdk = AwsClients.local(null, engine.endpoint()).s3();
  }

  @AfterAll
  void stop() {
    if (engine != null) {
      engine.close();
    }
  }

  @Test
  void awsCli_theReadmeCopyCommand_uploadsTheWorkbook() throws Exception {
    Path workbook = SampleWorkbooks.folder().resolve("ready.xlsx");

    Cli cli = aws("--endpoint-url", engine.endpoint().toString(), "s3", "cp", workbook.toString(),
        "s3://" + BUCKET + "/incoming/P-1001/");

    assertThat(cli.exitCode()).as(cli.output()).isZero();
    assertThat(object("incoming/P-1001/ready.xlsx")).isEqualTo(Files.readAllBytes(workbook));
  }

  @Test
  void awsCli_fileLargeEnoughForMultipart_uploadsEveryByteWithItsPartChecksums() throws Exception {
    byte[] bytes = new byte[9 * 1024 * 1024];
    new Random(7).nextBytes(bytes);
    Path big = Files.write(dir.resolve("big.xlsx"), bytes);

    Cli cli = aws("--endpoint-url", engine.endpoint().toString(), "s3", "cp", big.toString(),
        "s3://" + BUCKET + "/incoming/P-1001/big.xlsx");

    assertThat(cli.exitCode()).as(cli.output()).isZero();
    assertThat(object("incoming/P-1001/big.xlsx")).isEqualTo(bytes);
  }

  @Test
  void sdk_checksumHeaderAsTheCliSendsIt_isAccepted() {
    byte[] bytes = "a workbook's bytes".getBytes(StandardCharsets.UTF_8);
    CRC32 crc = new CRC32();
    crc.update(bytes);
    String crc32 = Base64.getEncoder().encodeToString(java.nio.ByteBuffer.allocate(4).putInt((int) crc.getValue())
        .array());
    try (S3Client asTheCli = sdk(RequestChecksumCalculation.WHEN_SUPPORTED)) {

      asTheCli.putObject(b -> b.bucket(BUCKET).key("incoming/P-1001/sdk.xlsx")
          .checksumAlgorithm(ChecksumAlgorithm.CRC32).checksumCRC32(crc32), RequestBody.fromBytes(bytes));

      assertThat(object("incoming/P-1001/sdk.xlsx")).isEqualTo(bytes);
    }
  }

  @Test
  void sdkDefaults_awsChunkedTrailer_isRefusedAndTheDocumentedSettingUploads() {
    byte[] bytes = new byte[20_000];
    new Random(3).nextBytes(bytes);

    try (S3Client defaults = sdk(RequestChecksumCalculation.WHEN_SUPPORTED);
        S3Client whenRequired = sdk(RequestChecksumCalculation.WHEN_REQUIRED)) {
      // Over http the SDK for Java 2.30+ sends its checksum as an aws-chunked trailer, which S3Proxy
      // 2.6 cannot read: a clear 400, not a hang, and not a corrupt object.
      assertThatThrownBy(() -> defaults.putObject(b -> b.bucket(BUCKET).key("incoming/P-1001/trailer.xlsx"),
          RequestBody.fromBytes(bytes))).isInstanceOf(S3Exception.class)
          .satisfies(e -> assertThat(((S3Exception) e).statusCode()).isEqualTo(400));
      // AWS_REQUEST_CHECKSUM_CALCULATION=when_required (README) is this setting.
      whenRequired.putObject(b -> b.bucket(BUCKET).key("incoming/P-1001/trailer.xlsx"), RequestBody.fromBytes(bytes));
    }

    assertThat(object("incoming/P-1001/trailer.xlsx")).isEqualTo(bytes);
  }

  @Test
  void s3_keyOf900Characters_isStoredReadListedAndDeletedAsOnS3() {
    String key = "incoming/P-1001/" + "a".repeat(880) + ".xlsx";
    byte[] bytes = "a workbook under a long name".getBytes(StandardCharsets.UTF_8);

    sdk.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromBytes(bytes));

    assertThat(object(key)).isEqualTo(bytes);
    assertThat(sdk.headObject(b -> b.bucket(BUCKET).key(key)).contentLength()).isEqualTo(bytes.length);
    assertThat(sdk.listObjectsV2Paginator(b -> b.bucket(BUCKET).prefix("incoming/P-1001/")).contents())
        .extracting(o -> o.key()).contains(key);
    assertThat(sdk.listObjectsV2Paginator(b -> b.bucket(BUCKET).prefix("incoming/P-1001/" + "a".repeat(500)))
        .contents()).extracting(o -> o.key()).containsExactly(key);
    assertThat(sdk.listObjectsV2(b -> b.bucket(BUCKET).prefix("incoming/").delimiter("/")).commonPrefixes())
        .extracting(p -> p.prefix()).contains("incoming/P-1001/");
    assertThat(sdk.listObjectsV2Paginator(b -> b.bucket(BUCKET)).contents()).extracting(o -> o.key())
        .allSatisfy(k -> assertThat(k).startsWith("incoming/"));
    sdk.deleteObject(b -> b.bucket(BUCKET).key(key));
    assertThatThrownBy(() -> object(key)).isInstanceOf(S3Exception.class)
        .satisfies(e -> assertThat(((S3Exception) e).statusCode()).isEqualTo(404));
  }

  @Test
  void s3_keyOverS3s1024Bytes_isRefusedAsAClientError() {
    String key = "incoming/P-1001/" + "b".repeat(1010) + ".xlsx";

    assertThatThrownBy(() -> sdk.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromBytes(new byte[1])))
        .isInstanceOf(S3Exception.class)
        .satisfies(e -> assertThat(((S3Exception) e).statusCode()).isBetween(400, 499));
  }

  @Test
  void awsCli_multipartUploadToA900CharacterKey_uploadsEveryByte() throws Exception {
    byte[] bytes = new byte[9 * 1024 * 1024];
    new Random(9).nextBytes(bytes);
    Path big = Files.write(dir.resolve("big-long.xlsx"), bytes);
    String key = "incoming/P-1001/" + "c".repeat(880) + ".xlsx";

    Cli cli = aws("--endpoint-url", engine.endpoint().toString(), "s3", "cp", big.toString(),
        "s3://" + BUCKET + "/" + key);

    assertThat(cli.exitCode()).as(cli.output()).isZero();
    assertThat(object(key)).isEqualTo(bytes);
  }

  private S3Client sdk(RequestChecksumCalculation checksums) {
    return S3Client.builder()
        .endpointOverride(engine.endpoint())
        .region(Region.US_EAST_1)
        .forcePathStyle(true)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
            AwsClients.LOCAL_ACCESS_KEY_ID, AwsClients.LOCAL_SECRET_ACCESS_KEY)))
        .requestChecksumCalculation(checksums)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_SUPPORTED)
        .build();
  }

  private byte[] object(String key) {
    return sdk.getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asByteArray();
  }

  private record Cli(int exitCode, String output) {
  }

  /**
   * Runs the AWS CLI found on PATH with the README's credentials and nothing from the user's own
   * configuration (no profile, region or endpoint settings of theirs).
   */
  private Cli aws(String... args) throws IOException, InterruptedException {
    assumeTrue(onPath("aws"), "the AWS CLI is not installed here");
    List<String> command = new ArrayList<>(List.of("aws"));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    Map<String, String> env = pb.environment();
    env.keySet().removeIf(k -> k.startsWith("AWS_"));
    env.put("AWS_ACCESS_KEY_ID", AwsClients.LOCAL_ACCESS_KEY_ID);
    env.put("AWS_SECRET_ACCESS_KEY", AwsClients.LOCAL_SECRET_ACCESS_KEY);
    env.put("AWS_CONFIG_FILE", dir.resolve("no-config").toString());
    env.put("AWS_SHARED_CREDENTIALS_FILE", dir.resolve("no-credentials").toString());
    env.put("AWS_EC2_METADATA_DISABLED", "true");
    Process p = pb.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(Duration.ofMinutes(2).toSeconds(), TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return new Cli(-1, output + "\n(timed out)");
    }
    return new Cli(p.exitValue(), output);
  }

  private static boolean onPath(String program) {
    String path = System.getenv("PATH");
    return path != null && java.util.Arrays.stream(path.split(java.io.File.pathSeparator))
        .anyMatch(d -> Files.isExecutable(Path.of(d, program)));
  }

}
