package dev.intake.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intake.model.ReportStatus;
import dev.intake.pipeline.Bundled;
import dev.intake.testing.SampleWorkbooks;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

/** Each family's SnapStart priming runs its own work on the files bundled in its artifact. */
class SnapStartPrimingTest {

  @Test
  void intakePriming_bundledSampleAndANonWorkbook_parsesOneAndRejectsTheOther() {
    assertThat(IntakeWiring.prime()).containsExactly("Parsed", "Rejected");
  }

  @Test
  void checkPriming_bundledParsedSample_findsNoBlockerWhenReadyAndSomeThreeYearsLater() {
    var blockers = CheckWiring.prime();

    assertThat(blockers).hasSize(2);
    assertThat(blockers.get(0)).isZero();
    assertThat(blockers.get(1)).isPositive();
  }

  @Test
  void checkPriming_s3Adapter_signsItsRequestsWithThePlaceholderKeysAndSendsNothing() {
    List<HttpRequest> requests = S3WorkObjects.prime();

    assertThat(requests).extracting(HttpRequest::method).containsExactly("GET", "PUT");
    assertThat(requests).allSatisfy(r -> {
      assertThat(r.uri().getHost()).isEqualTo("priming-placeholder-bucket.s3.us-east-1.amazonaws.com");
      assertThat(r.headers().firstValue("Authorization")).get(InstanceOfAssertFactories.STRING)
          .startsWith("AWS4-HMAC-SHA256 Credential=" + S3WorkObjects.PRIMING_KEYS.accessKeyId() + "/");
      assertThat(r.headers().firstValue("X-Amz-Security-Token")).hasValue(S3WorkObjects.PRIMING_KEYS.sessionToken());
    });
  }

  @Test
  void checkPriming_wiredFunction_opensNoConnectionAndAsksForNoCredentials() {
    AtomicInteger asked = new AtomicInteger();
    new CheckWiring(new S3Connection("us-east-1", URI.create("http://127.0.0.1:9"), Duration.ofSeconds(1),
        Duration.ofSeconds(1), Duration.ofSeconds(2), () -> {
          asked.incrementAndGet();
          return SigningCredentials.of("AKIDREAL", "real-secret");
        }), Map.of(), Clock.systemUTC());
    Set<Long> clientsBefore = httpClientThreads();

    CheckWiring.prime();

    assertThat(asked).hasValue(0);
    // the JDK's client runs one selector thread per client built: none built, none could connect
    assertThat(httpClientThreads()).isSubsetOf(clientsBefore);
  }

  private static Set<Long> httpClientThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith("HttpClient-") && t.getName().endsWith("-SelectorManager"))
        .map(Thread::getId).collect(Collectors.toSet());
  }

  @Test
  void aggregatePriming_bundledSample_runsTheReadyTheFindingsAndTheRejectedPaths() {
    assertThat(AggregateWiring.prime())
        .containsExactly(ReportStatus.READY, ReportStatus.ACTION_REQUIRED, ReportStatus.REJECTED);
  }

  @Test
  void bundledSample_isTheCommittedReadySample() throws Exception {
    byte[] committed = Files.readAllBytes(SampleWorkbooks.folder().resolve("ready.xlsx"));

    assertThat(Bundled.read(Bundled.PRIMING_WORKBOOK)).isEqualTo(committed);
  }
}
