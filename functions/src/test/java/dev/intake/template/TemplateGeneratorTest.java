package dev.intake.template;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intake.checklist.Checklist;
import dev.intake.checklist.Control;
import dev.intake.model.FindingsReport;
import dev.intake.model.ProfileField;
import dev.intake.model.ReportStatus;
import dev.intake.report.Evaluator;
import dev.intake.template.Layout.CaseStudyColumn;
import dev.intake.template.Layout.CertificationColumn;
import dev.intake.template.Layout.Column;
import dev.intake.template.Layout.ControlColumn;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.poi.ss.usermodel.DataValidation;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The blank template: sheets, headers, frozen header rows, widths, drop-downs and the 38 control rows. */
class TemplateGeneratorTest {

  private static byte[] template;
  private static XSSFWorkbook wb;

  @BeforeAll
  static void generate() throws IOException {
    template = new TemplateGenerator(Checklist.current()).generate();
    wb = new XSSFWorkbook(new ByteArrayInputStream(template));
  }

  private static List<String> headers(XSSFSheet sheet) {
    List<String> out = new ArrayList<>();
    sheet.getRow(0).forEach(c -> out.add(c.getStringCellValue()));
    return out;
  }

  private static List<String> headersOf(Column[] columns) {
    return Arrays.stream(columns).map(Column::header).toList();
  }

  /** Each drop-down's values by the column it covers (0-based). */
  private static Map<Integer, List<String>> dropDowns(XSSFSheet sheet) {
    Map<Integer, List<String>> out = new TreeMap<>();
    for (DataValidation v : sheet.getDataValidations()) {
      for (CellRangeAddress range : v.getRegions().getCellRangeAddresses()) {
        out.put(range.getFirstColumn(), List.of(v.getValidationConstraint().getExplicitListValues()));
      }
    }
    return out;
  }

  @Test
  void template_sheets_areTheInstructionsThenTheFourDataSheets() {
    List<String> names = new ArrayList<>();
    wb.forEach(s -> names.add(s.getSheetName()));

    assertThat(names).containsExactly(Layout.INSTRUCTIONS, Layout.PROFILE, Layout.CERTIFICATIONS, Layout.CASE_STUDIES,
        Layout.SELF_ASSESSMENT);
    assertThat(wb.getSheet(Layout.INSTRUCTIONS).getRow(0).getCell(0).getStringCellValue())
        .contains("AWS DevOps Competency").contains("v4.0");
  }

  @Test
  void template_dataSheets_haveTheLayoutsHeadersFrozenAndWidened() {
    Map<String, Column[]> sheets = Map.of(Layout.CERTIFICATIONS, CertificationColumn.values(), Layout.CASE_STUDIES,
        CaseStudyColumn.values(), Layout.SELF_ASSESSMENT, ControlColumn.values());

    sheets.forEach((name, columns) -> {
      XSSFSheet sheet = wb.getSheet(name);
      assertThat(headers(sheet)).as(name).containsExactlyElementsOf(headersOf(columns));
      assertThat(sheet.getPaneInformation().isFreezePane()).as(name).isTrue();
      assertThat(sheet.getPaneInformation().getHorizontalSplitTopRow()).as(name).isEqualTo((short) 1);
      for (int i = 0; i < columns.length; i++) {
        assertThat(sheet.getColumnWidth(i)).as(name + " column " + i).isEqualTo(columns[i].width() * 256);
      }
    });
  }

  @Test
  void template_everyEnumeratedField_hasItsDropDown() {
    assertThat(dropDowns(wb.getSheet(Layout.CERTIFICATIONS)))
        .containsEntry(CertificationColumn.CERTIFICATION.ordinal(), List.of("Developer – Associate",
            "SysOps Administrator – Associate", "CloudOps Engineer – Associate", "DevOps Engineer – Professional",
            "Other"));
    assertThat(dropDowns(wb.getSheet(Layout.CASE_STUDIES)))
        .containsEntry(CaseStudyColumn.INTERNAL_OR_AFFILIATE.ordinal(), Layout.YES_NO)
        .containsEntry(CaseStudyColumn.ANONYMIZED.ordinal(), Layout.YES_NO)
        .containsEntry(CaseStudyColumn.PUBLIC.ordinal(), Layout.YES_NO)
        .containsEntry(CaseStudyColumn.STAGE.ordinal(), Layout.STAGES);
    assertThat(dropDowns(wb.getSheet(Layout.SELF_ASSESSMENT)))
        .containsEntry(ControlColumn.RESPONSE.ordinal(), Layout.RESPONSES);
    List<List<String>> profileLists = new ArrayList<>();
    for (DataValidation v : wb.getSheet(Layout.PROFILE).getDataValidations()) {
      profileLists.add(List.of(v.getValidationConstraint().getExplicitListValues()));
    }
    assertThat(profileLists).contains(Layout.TIERS, Layout.PATH_STAGES, Layout.YES_NO);
  }

  @Test
  void template_selfAssessment_listsThe38ControlsInChecklistOrder() {
    XSSFSheet sheet = wb.getSheet(Layout.SELF_ASSESSMENT);
    List<String> ids = new ArrayList<>();
    for (int r = 1; r <= sheet.getLastRowNum(); r++) {
      XSSFRow row = sheet.getRow(r);
      ids.add(row.getCell(ControlColumn.CONTROL_ID.ordinal()).getStringCellValue());
    }

    assertThat(ids).hasSize(38)
        .containsExactlyElementsOf(Checklist.current().controls().stream().map(Control::id).toList());
    assertThat(sheet.getRow(27).getCell(ControlColumn.REQUIREMENT.ordinal()).getStringCellValue())
        .startsWith("Provide Architecture diagram").contains("[every case study]");
  }

  @Test
  void template_profile_listsEveryFieldWithTheChecklistVersionFilledIn() {
    XSSFSheet sheet = wb.getSheet(Layout.PROFILE);
    Map<String, String> values = new TreeMap<>();
    for (int r = 1; r <= sheet.getLastRowNum(); r++) {
      XSSFRow row = sheet.getRow(r);
      values.put(row.getCell(0).getStringCellValue(), row.getCell(1) == null ? "" : row.getCell(1).toString());
    }

    assertThat(values.keySet()).containsExactlyInAnyOrderElementsOf(
        Arrays.stream(ProfileField.values()).map(ProfileField::label).toList());
    assertThat(values).containsEntry(ProfileField.CHECKLIST_VERSION.label(), "4.0");
  }

  @Test
  void template_instructionsAndProfileNotes_stateTheChecklistsNumbersAndItems() {
    String instructions = String.join("\n", new TemplateGenerator(Checklist.current()).instructionLines());
    var notes = new TemplateGenerator(Checklist.current()).profileNotes();

    assertThat(instructions)
        .contains("at least 4 production deployments for 4 different customers, live within the past 18 months")
        .contains("(4.1: at least 4 with Developer – Associate or SysOps Administrator – Associate, and 4 with DevOps"
            + " Engineer – Professional; CloudOps Engineer – Associate counts as SysOps Administrator – Associate)")
        .contains("PRJ-004, PRIAC-001, DOC-001 and EXCRI-001 must list every case study; PRMLO-003 at least 2;")
        .contains("achieved in the last 12 months");
    assertThat(notes).containsEntry(ProfileField.PARTNER_TIER, "Advanced or Premier required (1.3)")
        .containsEntry(ProfileField.OTHER_COMPETENCY_DATE, "Achieved within 12 months waives the POV, PRJ and CSN"
            + " controls");
  }

  @Test
  void template_blank_readsAsTheTemplateAndNeedsAction() {
    FindingsReport report = Evaluator.standard().evaluate(template, "template.xlsx", LocalDate.of(2026, 11, 1));

    assertThat(report.status()).isEqualTo(ReportStatus.ACTION_REQUIRED);
    assertThat(report.findings()).noneMatch(f -> f.ruleId().startsWith("template-"));
  }
}
