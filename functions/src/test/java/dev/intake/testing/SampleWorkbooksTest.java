package dev.intake.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.intake.model.Finding;
import dev.intake.model.FindingsReport;
import dev.intake.model.ReportStatus;
import dev.intake.model.Severity;
import dev.intake.report.Evaluator;
import dev.intake.report.TextReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The sample workbooks give the verdicts they were made for, and the committed files give the same
 * findings as the definitions they were generated from.
 *
 * <p>Run with {@code -Dsamples.write=true} to regenerate the committed files and manifest first.
 */
class SampleWorkbooksTest {

  private static final Evaluator EVALUATOR = Evaluator.standard();

  @BeforeAll
  static void regenerateWhenAsked() throws IOException {
    if (Boolean.getBoolean("samples.write")) {
      SampleWorkbooks.writeAll(SampleWorkbooks.folder());
    }
  }

  static List<SampleWorkbooks.Sample> samples() {
    return SampleWorkbooks.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void sample_builtInMemory_givesItsExpectedStatusAndFindings(SampleWorkbooks.Sample sample) {
    byte[] workbook = sample.build();

    FindingsReport report = EVALUATOR.evaluate(workbook, sample.fileName(), SampleWorkbooks.AS_OF);

    String why = TextReport.render(report);
    assertThat(report.status()).as(why).isEqualTo(sample.expectedStatus());
    assertThat(ruleIds(report, Severity.BLOCKER)).as(why).isEqualTo(new TreeSet<>(sample.expectedBlockers()));
    assertThat(kinds(report)).as(why).isEqualTo(new TreeSet<>(sample.expectedFindings()));
    if (report.status() != ReportStatus.REJECTED) {
      assertThat(report.partner().id()).isEqualTo(sample.partnerId());
      assertThat(report.partner().name()).isEqualTo(sample.partnerName());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void committedFile_evaluated_matchesItsInMemoryTwin(SampleWorkbooks.Sample sample) throws IOException {
    Path file = SampleWorkbooks.folder().resolve(sample.fileName());
    FindingsReport twin = EVALUATOR.evaluate(sample.build(), sample.fileName(), SampleWorkbooks.AS_OF);

    FindingsReport committed = EVALUATOR.evaluate(Files.readAllBytes(file), sample.fileName(), SampleWorkbooks.AS_OF);

    assertThat(committed.status()).isEqualTo(sample.expectedStatus()).isEqualTo(twin.status());
    assertThat(ruleIds(committed, null)).as(TextReport.render(committed)).isEqualTo(ruleIds(twin, null));
    assertThat(committed.findings()).isEqualTo(twin.findings());
    assertThat(committed.partner()).isEqualTo(twin.partner());
  }

  @Test
  void committedManifest_matchesTheDefinitions() throws IOException {
    Path manifest = SampleWorkbooks.folder().resolve("manifest.json");
    ObjectMapper mapper = new ObjectMapper();

    String committed = Files.readString(manifest, StandardCharsets.UTF_8);

    assertThat(mapper.readTree(committed)).isEqualTo(mapper.readTree(SampleWorkbooks.manifestJson()));
  }

  @Test
  void samples_eachHaveTheirOwnPartnerAndTheFamiliesAreCovered() {
    List<SampleWorkbooks.Sample> all = SampleWorkbooks.all();

    Set<String> ids = all.stream().map(SampleWorkbooks.Sample::partnerId).collect(Collectors.toSet());
    Set<String> names = all.stream().map(SampleWorkbooks.Sample::partnerName).collect(Collectors.toSet());

    assertThat(ids).hasSize(all.size());
    assertThat(names).hasSize(all.size());
    assertThat(all).extracting(SampleWorkbooks.Sample::fileName).contains("ready.xlsx", "tier-and-path.xlsx",
        "certifications.xlsx", "case-study-age.xlsx", "duplicate-customers.xlsx", "public-urls.xlsx",
        "incomplete-self-assessment.xlsx", "not-a-workbook.xlsx");
    assertThat(all).filteredOn(s -> s.expectedStatus() == ReportStatus.READY).hasSize(1);
  }

  private static Set<String> ruleIds(FindingsReport report, Severity only) {
    return report.findings().stream()
        .filter(f -> only == null || f.severity() == only)
        .map(Finding::ruleId)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static Set<String> kinds(FindingsReport report) {
    return report.findings().stream()
        .map(f -> f.severity() + " " + f.ruleId())
        .collect(Collectors.toCollection(TreeSet::new));
  }
}
