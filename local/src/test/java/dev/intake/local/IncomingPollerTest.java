package dev.intake.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intake.aws.AwsClients;
import dev.intake.aws.S3ObjectStore;
import dev.intake.engines.S3ProxyEngine;
import dev.intake.handlers.IntakeHandler;
import dev.intake.model.ProfileField;
import dev.intake.parsing.WorkbookParser;
import dev.intake.pipeline.AsOfPolicy;
import dev.intake.pipeline.IntakeService;
import dev.intake.pipeline.PipelineMetrics;
import dev.intake.testing.InMemorySubmissionStore;
import dev.intake.testing.RecordingWorkflowStarter;
import dev.intake.testing.WorkbookBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/** The stand-in for S3 event notifications, against the real S3Proxy server and the real intake. */
class IncomingPollerTest {

  private static final String BUCKET = "competency-intake-local";
  private static final String KEY = "incoming/P-1001/ready.xlsx";

  @TempDir
  Path dir;

  private final InMemorySubmissionStore store = new InMemorySubmissionStore();
  private final RecordingWorkflowStarter workflow = new RecordingWorkflowStarter();
  private S3ProxyEngine s3;
  private AwsClients clients;
  private IntakeHandler intake;

  @BeforeEach
  void start() {
    s3 = S3ProxyEngine.start(dir.resolve("s3"), dir.resolve("s3-versions"), 0, AwsClients.LOCAL_ACCESS_KEY_ID,
        AwsClients.LOCAL_SECRET_ACCESS_KEY, key -> key.startsWith("incoming/"), version -> { });
    s3.createBucket(BUCKET);
    clients = AwsClients.local(null, s3.endpoint());
    intake = new IntakeHandler(new IntakeService(store,
        new KeptVersions(new S3ObjectStore(clients.s3(), clients.s3Presigner()), s3),
        workflow, new WorkbookParser(), AsOfPolicy.uploadDay(), Clock.systemUTC(), PipelineMetrics.NONE));
  }

  @AfterEach
  void stop() {
    clients.close();
    s3.close();
  }

  private IncomingPoller poller() {
    return new IncomingPoller(clients.s3(), s3::versions, BUCKET, intake, dir.resolve("poller.json"),
        Clock.systemUTC(), 2);
  }

  private void upload(byte[] bytes) {
    clients.s3().putObject(PutObjectRequest.builder().bucket(BUCKET).key(KEY).build(), RequestBody.fromBytes(bytes));
  }

  @Test
  void poller_positionLostAfterDelivery_redeliveryIsADuplicateNotASecondEvaluation() throws Exception {
    upload(WorkbookBuilder.ready(LocalDate.of(2026, 11, 1)).build());
    try (IncomingPoller first = poller()) {
      first.pollOnce();
    }
    Files.delete(dir.resolve("poller.json"));

    int redelivered;
    try (IncomingPoller afterCrash = poller()) {
      redelivered = afterCrash.pollOnce();
    }

    assertThat(redelivered).as("the object was delivered again").isEqualTo(1);
    assertThat(workflow.started).as("but evaluated once").hasSize(1);
    assertThat(store.list(null, null, 10, null).items()).hasSize(1);
  }

  @Test
  void poller_sameBytesUploadedAgainLater_isANewSubmission() throws Exception {
    byte[] workbook = WorkbookBuilder.ready(LocalDate.of(2026, 11, 1)).build();
    upload(workbook);
    try (IncomingPoller poller = poller()) {
      poller.pollOnce();
      // The file server keeps modification times in whole seconds.
      Thread.sleep(1_100);
      upload(workbook);

      poller.pollOnce();
    }

    assertThat(workflow.started).hasSize(2);
  }

  @Test
  void poller_keyOverwrittenThreeTimesWhileNobodyListened_deliversEachPutWithItsOwnVersion() throws Exception {
    // given: three different uploads to one key, announced to nobody (as across a crash)
    for (String partner : List.of("First Partner", "Second Partner", "Third Partner")) {
      upload(WorkbookBuilder.ready(LocalDate.of(2026, 11, 1)).profile(ProfileField.PARTNER_NAME, partner).build());
    }

    int delivered;
    try (IncomingPoller poller = poller()) {
      delivered = poller.pollOnce();
    }

    assertThat(delivered).isEqualTo(3);
    assertThat(store.list(null, null, 10, null).items()).extracting(s -> s.evaluation().partnerName())
        .containsExactlyInAnyOrder("First Partner", "Second Partner", "Third Partner");
    assertThat(store.list(null, null, 10, null).items()).extracting(s -> s.source().versionId()).doesNotHaveDuplicates()
        .doesNotContainNull();
  }

  @Test
  void poller_afterRestartWithItsPosition_deliversNothingAgain() throws Exception {
    upload(WorkbookBuilder.ready(LocalDate.of(2026, 11, 1)).build());
    try (IncomingPoller first = poller()) {
      first.pollOnce();
    }

    int delivered;
    try (IncomingPoller restarted = poller()) {
      delivered = restarted.pollOnce();
    }

    assertThat(delivered).isZero();
    assertThat(workflow.calls).isEqualTo(1);
  }

  @Test
  void poller_positionSavedByTheEarlierFormat_deliversNothingAgainAcrossTwoRestarts() throws Exception {
    upload(WorkbookBuilder.ready(LocalDate.of(2026, 11, 1)).build());
    String eTag = clients.s3().listObjectsV2(b -> b.bucket(BUCKET).prefix("incoming/")).contents().stream()
        .filter(o -> o.key().equals(KEY)).findFirst().orElseThrow().eTag();
    // What the poller wrote before it told puts apart by time: key#eTag, no version.
    Files.writeString(dir.resolve("poller.json"),
        "{\"sequence\":1,\"delivered\":{\"" + (KEY + "#" + eTag).replace("\"", "\\\"") + "\":\"x\"}}");

    int afterUpgrade;
    int afterSecondRestart;
    try (IncomingPoller upgraded = poller()) {
      // A new upload makes the upgraded poller save its position in the new format.
      clients.s3().putObject(PutObjectRequest.builder().bucket(BUCKET).key("incoming/P-1001/new.xlsx").build(),
          RequestBody.fromBytes(WorkbookBuilder.ready(LocalDate.of(2026, 11, 1)).build()));
      afterUpgrade = upgraded.pollOnce();
    }
    try (IncomingPoller again = poller()) {
      afterSecondRestart = again.pollOnce();
    }

    assertThat(afterUpgrade).as("only the new upload").isEqualTo(1);
    assertThat(afterSecondRestart).isZero();
    assertThat(workflow.started).hasSize(1);
  }
}
