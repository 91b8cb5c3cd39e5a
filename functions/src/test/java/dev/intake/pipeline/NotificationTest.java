package dev.intake.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.intake.model.CellRef;
import dev.intake.model.Finding;
import dev.intake.model.FindingsReport;
import dev.intake.model.PartnerRef;
import dev.intake.model.ReportStatus;
import dev.intake.model.Severity;
import dev.intake.model.Summary;
import dev.intake.report.Comparison;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Notifications people read: an SNS json envelope per audience, its e-mail text plain and complete. */
class NotificationTest {

  private static final Instant RECEIVED = Instant.parse("2026-11-03T10:05:00Z");
  private static final String ID = "sub-bbbbbbbbbbbbbbbbbbbbbbbbbb";
  private static final Finding AGE = new Finding("case-study-age", "2.1", Severity.BLOCKER,
      "Case study 4 went live on 2024-11-02, more than 18 months before 2026-11-03.",
      "Replace it with a deployment performed within the past 18 months.", CellRef.of("Case Studies", 9, 6),
      "Case study \"Umbrella\": go-live date");
  private static final Finding STAGE = new Finding("case-study-production", "2.1", Severity.BLOCKER,
      "Case study 2 is at the 'Pilot' stage.", "Use a project in production.", CellRef.of("Case Studies", 10, 3),
      "Case study \"Globex\": stage");

  private static Submission submission() {
    return Submission.received(ID, "P-1001", new Submission.Source("b", "incoming/P-1001/v2 (fixed)\u202e.xlsx",
        null, "01", null, "v2 (fixed)\u202e.xlsx", 1L), RECEIVED, LocalDate.of(2026, 11, 3), RECEIVED);
  }

  private static FindingsReport report() {
    return new FindingsReport(ID, new PartnerRef("Northwind\u200b Cloud", "P-1001"), "4.0", LocalDate.of(2026, 11, 3),
        ReportStatus.ACTION_REQUIRED, new Summary(1, 0, 21), List.of(AGE));
  }

  private static JsonNode tree(String json) {
    return PipelineJson.tree(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void evaluated_withChanges_officeEmailNamesStatusPartnerBlockersChangesAndLinks() {
    Comparison changes = Comparison.of("sub-aaaaaaaaaaaaaaaaaaaaaaaaaa", LocalDate.of(2026, 11, 2),
        List.of(STAGE, AGE), List.of(AGE));

    Notification n = Notification.evaluated(submission(), report(), changes, "https://api.example/v1/");

    assertThat(n.subject()).isEqualTo("Competency intake: ACTION_REQUIRED - P-1001 (1 blocker)");
    assertThat(Notification.emailOf(n.message())).isEqualTo("""
        Northwind Cloud [P-1001]: ACTION_REQUIRED

        Partner:    Northwind Cloud [P-1001]
        File:       v2 (fixed).xlsx, received 2026-11-03 10:05 UTC
        Submission: sub-bbbbbbbbbbbbbbbbbbbbbbbbbb
        Status:     ACTION_REQUIRED - 1 blocker, 0 warnings, 21 checks passed (checklist 4.0, as of 2026-11-03)
        Changes:    1 fixed, 0 new since 2026-11-02 (sub-aaaaaaaaaaaaaaaaaaaaaaaaaa), 1 unchanged
        Reply due:  2026-11-10 (five business days)

        Blockers (1)
          1. [2.1] Case Studies!J6 - Case study 4 went live on 2024-11-02, more than 18 months before 2026-11-03.
             Fix: Replace it with a deployment performed within the past 18 months.

        Fixed since 2026-11-02 (1)
          - [2.1] Case Studies!K3 - Case study 2 is at the 'Pilot' stage.

        Links (the competency intake API; sign in with your reviewer role)
          Submission: https://api.example/v1/submissions/sub-bbbbbbbbbbbbbbbbbbbbbbbbbb
          Findings:   https://api.example/v1/submissions/sub-bbbbbbbbbbbbbbbbbbbbbbbbbb/findings
          Changes:    https://api.example/v1/submissions/sub-bbbbbbbbbbbbbbbbbbbbbbbbbb/comparison
          Report:     https://api.example/v1/submissions/sub-bbbbbbbbbbbbbbbbbbbbbbbbbb/report (the annotated workbook and report.json)
          Decisions:  https://api.example/v1/submissions/sub-bbbbbbbbbbbbbbbbbbbbbbbbbb/decisions
        """);
    JsonNode document = tree(Notification.defaultOf(n.message()));
    assertThat(document.path("audience").asText()).isEqualTo("programOffice");
    assertThat(document.path("changes").path("fixed").asInt()).isEqualTo(1);
    assertThat(document.path("previousSubmissionId").asText()).isEqualTo("sub-aaaaaaaaaaaaaaaaaaaaaaaaaa");
    assertThat(document.path("partner").path("name").asText()).isEqualTo("Northwind Cloud");
  }

  @Test
  void evaluated_partnerMessage_isWrittenToThePartnerAndSaysWhatToDo() {
    Notification n = Notification.evaluated(submission(), report(), null, "https://api.example/v1");

    String email = Notification.emailOf(n.partnerMessage());
    assertThat(n.partnerSubject()).isEqualTo("AWS DevOps Competency self-assessment: ACTION_REQUIRED (1 blocker)");
    assertThat(email).startsWith("Your AWS DevOps Competency self-assessment was checked: ACTION_REQUIRED.")
        .contains("Fix the blockers below and upload the corrected workbook (any file name)")
        .contains("Fix: Replace it with a deployment performed within the past 18 months.")
        .contains("sign in with your partner role")
        .doesNotContain("reviewer role");
    assertThat(tree(Notification.defaultOf(n.partnerMessage())).path("audience").asText()).isEqualTo("partner");
  }

  @Test
  void evaluated_envelope_hasExactlyDefaultAndEmailAndAsciiSubjects() {
    Notification n = Notification.evaluated(submission(), report(), null, "");

    assertThat(tree(n.message()).fieldNames()).toIterable().containsExactly("default", "email");
    assertThat(tree(n.partnerMessage()).fieldNames()).toIterable().containsExactly("default", "email");
    assertThat(n.subject()).matches("[\\x20-\\x7e]{1,99}");
    assertThat(n.partnerSubject()).matches("[\\x20-\\x7e]{1,99}");
  }

  @Test
  void failed_officeGetsTheReasonAndThePartnerAPlainSentence() {
    WorkflowInput in = WorkflowInput.of(submission(), true);

    Notification n = Notification.failed(in, "States.Timeout: prerequisites", LocalDate.parse("2026-12-03"),
        "https://api.example/v1");

    assertThat(n.status()).isEqualTo("FAILED");
    assertThat(Notification.emailOf(n.message())).contains("Reason:     States.Timeout: prerequisites");
    assertThat(tree(Notification.defaultOf(n.message())).path("failure").asText())
        .isEqualTo("States.Timeout: prerequisites");
    assertThat(Notification.emailOf(n.partnerMessage())).doesNotContain("States.Timeout")
        .contains(NotificationText.FAILED_FOR_PARTNERS);
    assertThat(tree(Notification.defaultOf(n.partnerMessage())).path("failure").asText())
        .isEqualTo(NotificationText.FAILED_FOR_PARTNERS);
    assertThat(Notification.emailOf(n.partnerMessage())).contains("Reply due:  2026-12-03");
    assertThat(tree(Notification.defaultOf(n.message())).path("dueBy").asText()).isEqualTo("2026-12-03");
  }
  @Test
  void evaluated_rejected_partnerIsToldTheFileIsNotComparedAndNoChangesLinkIsGiven() {
    FindingsReport rejected = new FindingsReport(ID, new PartnerRef(null, "P-1001"), "4.0", LocalDate.of(2026, 11, 3),
        ReportStatus.REJECTED, new Summary(1, 0, 0), List.of(new Finding("file-format", "file", Severity.BLOCKER,
            "The file is not an .xlsx workbook.", "Save it as an Excel workbook (.xlsx) and upload it again.",
            null)));

    Notification n = Notification.evaluated(submission(), rejected, null, "https://api.example/v1");

    String partner = Notification.emailOf(n.partnerMessage());
    String office = Notification.emailOf(n.message());
    assertThat(partner).doesNotContain("compared with this one")
        .contains("A file that could not be checked is not compared with anything: your next upload is compared"
            + " with your last checked submission, if there is one.")
        .contains("Changes:    not compared: the file could not be checked")
        .contains("Findings:   https://api.example/v1/submissions/" + ID + "/findings")
        .doesNotContain("/comparison");
    assertThat(office).contains("Changes:    not compared: the file could not be checked")
        .doesNotContain("/comparison");
    assertThat(tree(Notification.defaultOf(n.message())).path("links").path("comparison").isNull()).isTrue();
  }

  @Test
  void evaluated_strayUpload_isNotCalledTheFirstOfAPartnerNorPromisedAComparison() {
    Submission stray = Submission.received(ID, "unassigned", new Submission.Source("b", "incoming/v2.xlsx", null,
        "01", null, "v2.xlsx", 1L), RECEIVED, LocalDate.of(2026, 11, 3), RECEIVED);

    Notification n = Notification.evaluated(stray, report(), null, "https://api.example/v1");

    assertThat(Notification.emailOf(n.message()))
        .contains("Changes:    not compared: an upload outside a partner folder").doesNotContain("/comparison");
    assertThat(Notification.emailOf(n.partnerMessage())).doesNotContain("compared with this one")
        .contains("upload the corrected workbook into your partner folder");
  }

  @Test
  void failed_linksOnlyTheSubmissionAndItsDecisions() {
    Notification n = Notification.failed(WorkflowInput.of(submission(), true), "States.Timeout: prerequisites",
        LocalDate.parse("2026-12-03"), "https://api.example/v1");

    for (String envelope : List.of(n.message(), n.partnerMessage())) {
      assertThat(Notification.emailOf(envelope))
          .contains("Submission: https://api.example/v1/submissions/" + ID + "\n",
              "Decisions:  https://api.example/v1/submissions/" + ID + "/decisions")
          .doesNotContain("Findings:", "Changes:", "Report:", "/findings", "/comparison", "/report");
      JsonNode links = tree(Notification.defaultOf(envelope)).path("links");
      assertThat(links.path("findings").isNull()).isTrue();
      assertThat(links.path("comparison").isNull()).isTrue();
      assertThat(links.path("report").isNull()).isTrue();
      assertThat(links.path("decisions").asText())
          .isEqualTo("https://api.example/v1/submissions/" + ID + "/decisions");
    }
  }
}
