package dev.intake.parsing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.intake.model.Finding;
import dev.intake.model.FindingsReport;
import dev.intake.model.ReportStatus;
import dev.intake.model.Severity;
import dev.intake.model.Summary;
import dev.intake.report.Evaluator;
import dev.intake.report.ReportJson;
import dev.intake.report.WorkbookAnnotator;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every case of the {@link HostileCorpus}, through the real parser and rules: each ends in the outcome
 * the corpus names, with a finding that says why, never an exception. The Maven build runs this class
 * alone in a JVM with a 256 MB heap (see functions/pom.xml). The 10 s limit on each evaluation is a hang
 * guard, not a benchmark; making the file is not timed.
 */
@Timeout(value = 90, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HostileFilesTest {

  private static final Evaluator EVALUATOR = Evaluator.standard();
  private static final Duration HANG_GUARD = Duration.ofSeconds(10);

  @ParameterizedTest(name = "{0}")
  @EnumSource(HostileCorpus.class)
  void evaluate_hostileFile_endsInItsOutcomeWithAFindingThatSaysWhy(HostileCorpus hostile) {
    byte[] file = hostile.file();
    int requestsBefore = HostileFiles.Canary.requests();

    FindingsReport report = assertTimeoutPreemptively(HANG_GUARD,
        () -> EVALUATOR.evaluate(file, hostile.fileName(), HostileFiles.AS_OF));

    assertThat(report.status()).isEqualTo(hostile.status());
    switch (hostile.outcome()) {
      case REJECTED -> {
        assertThat(report.findings()).hasSize(1);
        Finding reason = report.findings().get(0);
        assertThat(reason.ruleId()).isEqualTo(hostile.ruleId());
        assertThat(reason.severity()).isEqualTo(Severity.BLOCKER);
        assertThat(reason.location()).isNull();
      }
      case FLAGGED -> assertThat(report.findings()).extracting(Finding::ruleId).contains(hostile.ruleId());
      case ACCEPTED -> assertThat(report.findings()).extracting(Finding::ruleId).doesNotContain(hostile.ruleId());
      default -> throw new IllegalStateException(hostile.outcome().name());
    }
    assertThat(report.summary()).isEqualTo(new Summary(count(report, Severity.BLOCKER),
        count(report, Severity.WARNING), report.summary().passed()));
    assertThat(report.findings()).allSatisfy(HostileFilesTest::saysWhyInPlainVisibleText);
    assertThat(HostileFiles.Canary.requests()).as("requests the file made the reader send")
        .isEqualTo(requestsBefore);
    assertThat(ReportJson.write(report)).doesNotContain("CANARY-SECRET", "CANARY-FETCHED");
    givesBackAFindingsSheetWithoutFormulas(file, report);
    hostile.check(new HostileCorpus.Verdict(file, report));
  }

  /** What the partner gets back opens, leads with the Findings sheet, and no cell of it starts like a formula. */
  private static void givesBackAFindingsSheetWithoutFormulas(byte[] file, FindingsReport report) {
    WorkbookAnnotator.Annotation annotation = new WorkbookAnnotator().annotate(file, report);

    try (XSSFWorkbook back = new XSSFWorkbook(new ByteArrayInputStream(annotation.workbook()))) {
      Sheet findings = back.getSheetAt(0);
      assertThat(findings.getSheetName()).isEqualTo("Findings");
      for (Row row : findings) {
        for (Cell cell : row) {
          assertThat(cell.getCellType()).isNotEqualTo(CellType.FORMULA);
          String text = cell.getCellType() == CellType.STRING ? cell.getStringCellValue() : "";
          assertThat(text.isEmpty() || "=+-@\t\r".indexOf(text.charAt(0)) < 0).as(text).isTrue();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int count(FindingsReport report, Severity severity) {
    return (int) report.findings().stream().filter(f -> f.severity() == severity).count();
  }

  /**
   * A message and remediation a person can act on: not blank, not a dump of the partner's text, and free
   * of control, bidirectional and zero-width characters that would hide or reorder what they read.
   */
  private static void saysWhyInPlainVisibleText(Finding f) {
    assertThat(f.ruleId()).isNotBlank();
    assertThat(f.message()).isNotBlank().hasSizeLessThan(2_000);
    assertThat(f.remediation()).isNotBlank().hasSizeLessThan(2_000);
    for (String text : new String[] {f.message(), f.remediation()}) {
      assertThat(text.codePoints().filter(cp -> Character.getType(cp) == Character.FORMAT
          || Character.getType(cp) == Character.CONTROL)).as("invisible characters in: %s", text).isEmpty();
    }
  }

  // ---- beyond the corpus -------------------------------------------------------------------------

  @Test
  void evaluate_validWorkbookInTheSameJvmAndLimits_isReady() {
    FindingsReport report = EVALUATOR.evaluate(HostileFiles.ready(), "ready.xlsx", HostileFiles.AS_OF);

    assertThat(report.status()).isEqualTo(ReportStatus.READY);
  }

  @Test
  void canary_requestToItsAddress_isCounted() throws IOException, InterruptedException {
    int before = HostileFiles.Canary.requests();
    HttpRequest request = HttpRequest.newBuilder(URI.create(HostileFiles.Canary.address("/probe"))).build();

    HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

    assertThat(response.body()).contains("CANARY-FETCHED");
    assertThat(HostileFiles.Canary.requests()).isEqualTo(before + 1);
  }

  @Test
  void parse_sixtyMegabyteStream_readsNoMoreThanTheLimit() throws IOException {
    CountingStream stream = new CountingStream(HostileFiles.ready(), 60L << 20);

    ParseOutcome outcome = new WorkbookParser().parse(stream, "huge.xlsx");

    assertThat(outcome).isInstanceOf(ParseOutcome.Rejected.class);
    assertThat(((ParseOutcome.Rejected) outcome).reasons().get(0).ruleId()).isEqualTo("file-too-large");
    assertThat(stream.served).isLessThanOrEqualTo(Limits.DEFAULT.maxFileBytes() + 1);
  }

  /** A stream of {@code length} bytes that starts with {@code head} and is zeros after it, made on demand. */
  private static final class CountingStream extends InputStream {
    private final byte[] head;
    private final long length;
    private long served;

    CountingStream(byte[] head, long length) {
      this.head = head;
      this.length = length;
    }

    @Override public int read() {
      if (served >= length) {
        return -1;
      }
      return served < head.length ? head[(int) served++] & 0xff : zero();
    }

    private int zero() {
      served++;
      return 0;
    }

    @Override public int read(byte[] b, int off, int len) {
      if (served >= length) {
        return -1;
      }
      int n = (int) Math.min(len, length - served);
      for (int i = 0; i < n; i++) {
        b[off + i] = served + i < head.length ? head[(int) (served + i)] : 0;
      }
      served += n;
      return n;
    }
  }
}
