package dev.intake.rules;

import static dev.intake.model.Severity.BLOCKER;
import static dev.intake.model.Severity.WARNING;
import static dev.intake.rules.Evaluation.seen;
import static org.assertj.core.api.Assertions.assertThat;

import dev.intake.model.ProfileField;
import dev.intake.testing.WorkbookBuilder;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** 1.1, 1.2, 1.3 and the partner profile, read from the Partner Profile sheet (values in column B). */
class ProfileRulesTest {

  private static final LocalDate AS_OF = LocalDate.of(2026, 11, 1);

  @Test
  void readyWorkbook_asOfItsDate_hasNoFindings() {
    WorkbookBuilder workbook = WorkbookBuilder.ready(AS_OF);

    Evaluation result = Evaluation.of(workbook, AS_OF, "P-1001");

    assertThat(result.seen()).isEmpty();
  }

  // ---- 1.1 Program Guidelines ------------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(strings = {"Yes", "yes", " YES ", "Y"})
  void guidelinesRead_yesInAnySpelling_passes(String answer) {
    WorkbookBuilder workbook = WorkbookBuilder.ready(AS_OF).profile(ProfileField.GUIDELINES_READ, answer);

    Evaluation result = Evaluation.of(workbook, AS_OF);

    assertThat(result.findings("guidelines-read")).isEmpty();
  }

  @Test
  void guidelinesRead_no_isBlockerAtTheAnswerCell() {
    WorkbookBuilder workbook = WorkbookBuilder.ready(AS_OF).profile(ProfileField.GUIDELINES_READ, "No");

    Evaluation result = Evaluation.of(workbook, AS_OF);

    assertThat(result.seen()).containsExactly(seen("guidelines-read", "1.1", BLOCKER, "Partner Profile!B7"));
    assertThat(result.only("guidelines-read").message()).contains("have not been read");
  }

  @Test
  void guidelinesRead_blank_isBlockerAtTheEmptyCell() {
    WorkbookBuilder workbook = WorkbookBuilder.ready(AS_OF).profile(ProfileField.GUIDELINES_READ, null);

    Evaluation result = Evaluation.of(workbook, AS_OF);

    assertThat(result.seen()).containsExactly(seen("guidelines-read", "1.1", BLOCKER, "Partner Profile!B7"));
    assertThat(result.only("guidelines-read").message()).contains("not answered");
  }

  @Test
  void guidelinesRead_notYesOrNo_isBlockerQuotingTheAnswer() {
    WorkbookBuilder workbook = WorkbookBuilder.ready(AS_OF).profile(ProfileField.GUIDELINES_READ, "Partly");

    Evaluation result = Evaluation.of(workbook, AS_OF);

    assertThat(result.seen()).containsExactly(seen("guidelines-read", "1.1", BLOCKER, "Partner Profile!B7"));
    assertThat(result.only("guidelines-read").message()).contains("'Partly'");
  }

  // ---- 1.2 Services Path stage -----------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(strings = {"Validated", "Differentiated", "validated stage", "DIFFERENTIATED"})
  void servicesPathStage_validatedOrDifferentiated_passes(String stage) {
    WorkbookBuilder workbook = WorkbookBuilder.ready(AS_OF).profile(ProfileField.SERVICES_PATH_STAGE, stage);

    Evaluation result = Evaluation.of(workbook, AS_OF);

    assertThat(result.findings("services-path-stage")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"Registered", "Ready"})
  void servicesPathStage_earlierStage_isBlockerAtTheStageCell(String stage) {
    WorkbookBuilder workbook = WorkbookBuilder.ready(AS_OF).profile(ProfileField.SERVICES_PATH_STAGE, stage);

    Evaluation result = Evaluation.of(workbook, AS_OF);

    assertThat(result.seen()).containsExactly(seen("services-path-stage", "1.2", BLOCKER, "Partner Profile!B6"));
    assertThat(result.only("services-path-stage").message()).contains(stage).contains("Validated or Differentiated");
  }

  @Test
  void servicesPathStage_blank_isBlocker() {
    WorkbookBuilder workbook = WorkbookBuilder.ready(AS_OF).profile(ProfileField.SERVICES_PATH_STAGE, null);

    Evaluation result = Evaluation.of(workbook, AS_OF);

    assertThat(result.seen()).containsExactly(seen("services-path-stage", "1.2", BLOCKER, "Partner Profile!B6"));
  }

  @Test
  void servicesPathStage_unknownStage_isBlockerNamingTheStages() {
    WorkbookBuilder workbook = WorkbookBuilder.ready(AS_OF).profile(ProfileField.SERVICES_PATH_STAGE, "Gold");

    Evaluation result = Evaluation.of(workbook, AS_OF);

    assertThat(result.seen()).containsExactly(seen("services-path-stage", "1.2", BLOCKER, "Partner Profile!B6"));
    assertThat(result.only("services-path-stage").message()).contains("'Gold'").contains("not one of");
  }

  // ---- 1.3 Partner tier ------------------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(strings = {"Advanced", "Premier", "Premier Tier", "advanced tier partner"})
  void partnerTier_advancedOrPremier_passes(String tier) {
    WorkbookBuilder workbook = WorkbookBuilder.ready(AS_OF).profile(ProfileField.PARTNER_TIER, tier);

    Evaluation result = Evaluation.of(workbook, AS_OF);

    assertThat(result.findings("partner-tier")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"Registered", "Select"})
  void partnerTier_lowerTier_isBlockerAtTheTierCell(String tier) {
    WorkbookBuilder workbook = WorkbookBuilder.ready(AS_OF).profile(ProfileField.PARTNER_TIER, tier);

    Evaluation result = Evaluation.of(workbook, AS_OF);

    assertThat(result.seen()).containsExactly(seen("partner-tier", "1.3", BLOCKER, "Partner Profile!B5"));
    assertThat(result.only("partner-tier").message()).contains(tier).contains("Advanced or Premier");
  }

  @Test
  void partnerTier_blank_isBlocker() {
    WorkbookBuilder workbook = WorkbookBuilder.ready(AS_OF).profile(ProfileField.PARTNER_TIER, null);

    Evaluation result = Evaluation.of(workbook, AS_OF);

    assertThat(result.seen()).containsExactly(seen("partner-tier", "1.3", BLOCKER, "Partner Profile!B5"));
  }

  @Test
  void partnerTier_unknownTier_isBlocker() {
    WorkbookBuilder workbook = WorkbookBuilder.ready(AS_OF).profile(ProfileField.PARTNER_TIER, "Platinum");

    Evaluation result = Evaluation.of(workbook, AS_OF);

    assertThat(result.seen()).containsExactly(seen("partner-tier", "1.3", BLOCKER, "Partner Profile!B5"));
    assertThat(result.only("partner-tier").message()).contains("'Platinum'");
  }

  // ---- partner profile: identity and checklist version -----------------------------------------

  @Test
  void partnerProfile_partnerIdDiffersFromUploadFolder_isWarningAtThePartnerId() {
    WorkbookBuilder workbook = WorkbookBuilder.ready(AS_OF);

    Evaluation result = Evaluation.of(workbook, AS_OF, "P-2002");

    assertThat(result.seen()).containsExactly(seen("partner-profile", "3.1", WARNING, "Partner Profile!B3"));
    assertThat(result.only("partner-profile").message()).contains("'P-1001'").contains("'P-2002'");
  }

  @ParameterizedTest
  @ValueSource(strings = {"P-1001", "p1001", " P 1001 "})
  void partnerProfile_partnerIdMatchesUploadFolderIgnoringCaseAndPunctuation_passes(String folder) {
    WorkbookBuilder workbook = WorkbookBuilder.ready(AS_OF);

    Evaluation result = Evaluation.of(workbook, AS_OF, folder);

    assertThat(result.findings("partner-profile")).isEmpty();
  }

  @Test
  void partnerProfile_uploadFolderUnknown_partnerIdIsNotCompared() {
    WorkbookBuilder workbook = WorkbookBuilder.ready(AS_OF).profile(ProfileField.PARTNER_ID, "anything");

    Evaluation result = Evaluation.of(workbook, AS_OF, "");

    assertThat(result.findings("partner-profile")).isEmpty();
  }

  @Test
  void partnerProfile_blankPartnerId_isWarning() {
    WorkbookBuilder workbook = WorkbookBuilder.ready(AS_OF).profile(ProfileField.PARTNER_ID, null);

    Evaluation result = Evaluation.of(workbook, AS_OF, "P-1001");

    assertThat(result.seen()).containsExactly(seen("partner-profile", "3.1", WARNING, "Partner Profile!B3"));
  }

  @Test
  void partnerProfile_blankPartnerName_isWarning() {
    WorkbookBuilder workbook = WorkbookBuilder.ready(AS_OF).profile(ProfileField.PARTNER_NAME, null);

    Evaluation result = Evaluation.of(workbook, AS_OF);

    assertThat(result.seen()).containsExactly(seen("partner-profile", "3.1", WARNING, "Partner Profile!B2"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "not an address", "a@b"})
  void partnerProfile_missingOrMalformedEmail_isWarningAtTheEmailCell(String email) {
    WorkbookBuilder workbook = WorkbookBuilder.ready(AS_OF)
        .profile(ProfileField.CONTACT_EMAIL, email.isEmpty() ? null : email);

    Evaluation result = Evaluation.of(workbook, AS_OF);

    assertThat(result.seen()).containsExactly(seen("partner-profile", "3.1", WARNING, "Partner Profile!B13"));
  }

  @Test
  void partnerProfile_checklistVersionAsNumber4_isTheSameVersion() {
    WorkbookBuilder workbook = WorkbookBuilder.ready(AS_OF).profile(ProfileField.CHECKLIST_VERSION, 4);

    Evaluation result = Evaluation.of(workbook, AS_OF);

    assertThat(result.parsed().assessment().profile().text(ProfileField.CHECKLIST_VERSION)).isEqualTo("4");
    assertThat(result.findings("partner-profile")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"4.0", "4", "v4.0", "Version 4.0", "4.00"})
  void partnerProfile_checklistVersionWrittenAsText_isTheSameVersion(String version) {
    WorkbookBuilder workbook = WorkbookBuilder.ready(AS_OF).profile(ProfileField.CHECKLIST_VERSION, version);

    Evaluation result = Evaluation.of(workbook, AS_OF);

    assertThat(result.findings("partner-profile")).isEmpty();
  }

  @Test
  void partnerProfile_checklistVersion3_isWarningAtTheVersionCell() {
    WorkbookBuilder workbook = WorkbookBuilder.ready(AS_OF).profile(ProfileField.CHECKLIST_VERSION, "3.0");

    Evaluation result = Evaluation.of(workbook, AS_OF);

    assertThat(result.seen()).containsExactly(seen("partner-profile", "3.1", WARNING, "Partner Profile!B12"));
    assertThat(result.only("partner-profile").message()).contains("'3.0'").contains("4.0");
  }

  @Test
  void partnerProfile_checklistVersionBlank_isWarning() {
    WorkbookBuilder workbook = WorkbookBuilder.ready(AS_OF).profile(ProfileField.CHECKLIST_VERSION, null);

    Evaluation result = Evaluation.of(workbook, AS_OF);

    assertThat(result.seen()).containsExactly(seen("partner-profile", "3.1", WARNING, "Partner Profile!B12"));
  }
}
