package dev.intake.template;

import dev.intake.checklist.AcceptedCertification;
import dev.intake.checklist.CertificationRequirement;
import dev.intake.checklist.Checklist;
import dev.intake.checklist.Control;
import dev.intake.checklist.Coverage;
import dev.intake.model.ProfileField;
import dev.intake.template.Layout.CaseStudyColumn;
import dev.intake.template.Layout.CertificationColumn;
import dev.intake.template.Layout.Column;
import dev.intake.template.Layout.ControlColumn;
import dev.intake.template.Layout.ProfileColumn;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DataValidation;
import org.apache.poi.ss.usermodel.DataValidationConstraint;
import org.apache.poi.ss.usermodel.DataValidationHelper;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.ss.util.CellRangeAddressList;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Writes the canonical self-assessment workbook for a checklist version: an instructions sheet,
 * the four data sheets with their headers, drop-down lists for every enumerated field, frozen
 * header rows, column widths, date formats, and the control rows pre-filled.
 */
public final class TemplateGenerator {

  /** Rows of the data sheets that get drop-downs and formats. */
  static final int DATA_ROWS = 500;
  static final int CASE_STUDY_ROWS = 6;

  private static final Map<ProfileField, List<String>> PROFILE_LISTS = Map.of(
      ProfileField.PARTNER_TIER, Layout.TIERS,
      ProfileField.SERVICES_PATH_STAGE, Layout.PATH_STAGES,
      ProfileField.GUIDELINES_READ, Layout.YES_NO,
      ProfileField.FTR_APPROVED, Layout.YES_NO);

  private final Checklist checklist;

  public TemplateGenerator(Checklist checklist) {
    this.checklist = checklist;
  }

  /** The Notes column of the Partner Profile: what each field needs, with the checklist's numbers and items. */
  Map<ProfileField, String> profileNotes() {
    var p = checklist.parameters();
    String waived = "waives the " + all(checklist.waivablePrefixes()) + " controls";
    return Map.ofEntries(
        Map.entry(ProfileField.PARTNER_NAME, "Legal name, as in AWS Partner Central"),
        Map.entry(ProfileField.PARTNER_ID, "Your AWS Partner Central ID"),
        Map.entry(ProfileField.PARTNER_WEBSITE, "https://… (public case studies are expected on this site)"),
        Map.entry(ProfileField.PARTNER_TIER, list(p.requiredTiers()) + " required (" + checklist.ref("partner-tier")
            + ")"),
        Map.entry(ProfileField.SERVICES_PATH_STAGE, list(p.requiredServicesPathStages()) + " required ("
            + checklist.ref("services-path-stage") + ")"),
        Map.entry(ProfileField.GUIDELINES_READ, "Yes required (" + checklist.ref("guidelines-read") + ")"),
        Map.entry(ProfileField.FTR_APPROVED, "Yes " + waived),
        Map.entry(ProfileField.FTR_APPROVAL_DATE, "YYYY-MM-DD"),
        Map.entry(ProfileField.OTHER_COMPETENCY, "Name of another AWS Services Competency, if any (not the "
            + checklist.competency() + " itself)"),
        Map.entry(ProfileField.OTHER_COMPETENCY_DATE, "Achieved within " + checklist.waiver().otherCompetencyMonths()
            + " months " + waived),
        Map.entry(ProfileField.CHECKLIST_VERSION, "Do not change"),
        Map.entry(ProfileField.CONTACT_EMAIL, "Who prepared this self-assessment"));
  }

  /** The certification drop-down: every name the checklist counts, then "Other". */
  List<String> certificationChoices() {
    List<String> choices = new ArrayList<>(checklist.certificationNames());
    choices.add(Layout.OTHER_CERTIFICATION);
    return List.copyOf(choices);
  }

  /** The blank template as .xlsx bytes. */
  public byte[] generate() {
    try (XSSFWorkbook wb = build(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      wb.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The blank template as a POI workbook, for callers that fill it in (sample workbooks, tests). */
  public XSSFWorkbook build() {
    XSSFWorkbook wb = new XSSFWorkbook();
    Styles styles = new Styles(wb);
    instructions(wb, styles);
    profile(wb, styles);
    certifications(wb, styles);
    caseStudies(wb, styles);
    selfAssessment(wb, styles);
    wb.setActiveSheet(0);
    return wb;
  }

  /** Cell styles shared by the sheets. */
  public static final class Styles {
    final CellStyle header;
    final CellStyle title;
    final CellStyle wrap;
    final CellStyle locked;
    public final CellStyle date;

    Styles(XSSFWorkbook wb) {
      Font bold = wb.createFont();
      bold.setBold(true);
      header = headerStyle(wb);
      header.setWrapText(true);
      Font big = wb.createFont();
      big.setBold(true);
      big.setFontHeightInPoints((short) 14);
      title = wb.createCellStyle();
      title.setFont(big);
      wrap = wb.createCellStyle();
      wrap.setWrapText(true);
      wrap.setVerticalAlignment(VerticalAlignment.TOP);
      locked = wb.createCellStyle();
      locked.cloneStyleFrom(wrap);
      locked.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
      locked.setFillPattern(FillPatternType.SOLID_FOREGROUND);
      date = wb.createCellStyle();
      date.setDataFormat(wb.createDataFormat().getFormat("yyyy-mm-dd"));
      date.setVerticalAlignment(VerticalAlignment.TOP);
    }
  }

  /** The template's header look (white bold on dark blue), shared with the annotated copy's Findings sheet. */
  public static XSSFCellStyle headerStyle(XSSFWorkbook wb) {
    Font white = wb.createFont();
    white.setBold(true);
    white.setColor(IndexedColors.WHITE.getIndex());
    XSSFCellStyle header = wb.createCellStyle();
    header.setFont(white);
    header.setFillForegroundColor(IndexedColors.DARK_BLUE.getIndex());
    header.setFillPattern(FillPatternType.SOLID_FOREGROUND);
    header.setBorderBottom(BorderStyle.THIN);
    header.setVerticalAlignment(VerticalAlignment.CENTER);
    return header;
  }

  private void instructions(XSSFWorkbook wb, Styles s) {
    Sheet sheet = wb.createSheet(Layout.INSTRUCTIONS);
    sheet.setColumnWidth(0, 110 * 256);
    String[] lines = instructionLines();
    for (int i = 0; i < lines.length; i++) {
      Cell c = sheet.createRow(i).createCell(0);
      c.setCellValue(lines[i]);
      c.setCellStyle(i == 0 ? s.title : s.wrap);
    }
  }

  private void profile(XSSFWorkbook wb, Styles s) {
    Sheet sheet = wb.createSheet(Layout.PROFILE);
    header(sheet, s, List.of(ProfileColumn.values()));
    sheet.setColumnWidth(2, 50 * 256);
    Cell hint = sheet.getRow(0).createCell(2);
    hint.setCellValue("Notes");
    hint.setCellStyle(s.header);
    int r = 1;
    DataValidationHelper dv = sheet.getDataValidationHelper();
    Map<ProfileField, String> notes = profileNotes();
    for (ProfileField f : ProfileField.values()) {
      Row row = sheet.createRow(r);
      Cell label = row.createCell(0);
      label.setCellValue(f.label());
      label.setCellStyle(s.locked);
      Cell value = row.createCell(1);
      if (f == ProfileField.CHECKLIST_VERSION) {
        value.setCellValue(checklist.version());
      }
      if (f == ProfileField.FTR_APPROVAL_DATE || f == ProfileField.OTHER_COMPETENCY_DATE) {
        value.setCellStyle(s.date);
      }
      row.createCell(2).setCellValue(notes.getOrDefault(f, ""));
      List<String> list = PROFILE_LISTS.get(f);
      if (list != null) {
        dropDown(sheet, dv, list, r, r, 1);
      }
      r++;
    }
  }

  private void certifications(XSSFWorkbook wb, Styles s) {
    Sheet sheet = wb.createSheet(Layout.CERTIFICATIONS);
    header(sheet, s, List.of(CertificationColumn.values()));
    DataValidationHelper dv = sheet.getDataValidationHelper();
    dropDown(sheet, dv, certificationChoices(), 1, DATA_ROWS, CertificationColumn.CERTIFICATION.ordinal());
    dateColumn(sheet, s, CertificationColumn.EXPIRY_DATE.ordinal());
  }

  private void caseStudies(XSSFWorkbook wb, Styles s) {
    Sheet sheet = wb.createSheet(Layout.CASE_STUDIES);
    header(sheet, s, List.of(CaseStudyColumn.values()));
    for (int i = 1; i <= CASE_STUDY_ROWS; i++) {
      sheet.createRow(i).createCell(CaseStudyColumn.NUMBER.ordinal()).setCellValue(i);
    }
    DataValidationHelper dv = sheet.getDataValidationHelper();
    for (CaseStudyColumn c : List.of(CaseStudyColumn.INTERNAL_OR_AFFILIATE, CaseStudyColumn.ANONYMIZED,
        CaseStudyColumn.PUBLIC)) {
      dropDown(sheet, dv, Layout.YES_NO, 1, DATA_ROWS, c.ordinal());
    }
    dropDown(sheet, dv, Layout.STAGES, 1, DATA_ROWS, CaseStudyColumn.STAGE.ordinal());
    dateColumn(sheet, s, CaseStudyColumn.GO_LIVE_DATE.ordinal());
  }

  private void selfAssessment(XSSFWorkbook wb, Styles s) {
    Sheet sheet = wb.createSheet(Layout.SELF_ASSESSMENT);
    header(sheet, s, List.of(ControlColumn.values()));
    int r = 1;
    for (Control control : checklist.controls()) {
      Row row = sheet.createRow(r++);
      set(row, ControlColumn.CONTROL_ID, control.id(), s.locked);
      set(row, ControlColumn.SECTION, control.section(), s.locked);
      set(row, ControlColumn.REQUIREMENT, control.title() + coverageNote(control), s.locked);
    }
    DataValidationHelper dv = sheet.getDataValidationHelper();
    dropDown(sheet, dv, Layout.RESPONSES, 1, checklist.controls().size(), ControlColumn.RESPONSE.ordinal());
  }

  /** The Instructions sheet, line by line: every number, name and item from the checklist data. */
  String[] instructionLines() {
    var p = checklist.parameters();
    List<String> certifications = new ArrayList<>();
    List<String> successors = new ArrayList<>();
    for (CertificationRequirement c : checklist.certifications()) {
      certifications.add(c.minPeople() + " with " + list(c.names()));
      c.accepted().stream().filter(AcceptedCertification::successor)
          .forEach(a -> successors.add(a.name() + " counts as " + a.countsAs()));
    }
    String certificationLine = "Certifications — one row per certification: person, certification, validation number,"
        + " expiry date (" + checklist.ref(checklist.certifications().get(0).ruleId()) + ": at least "
        + String.join(", and ", certifications) + (successors.isEmpty() ? "" : "; " + String.join("; ", successors))
        + ").";
    return new String[] {
        checklist.competency() + " — self-assessment (" + checklist.document() + " v" + checklist.version() + ", "
            + checklist.published() + ")",
        "",
        "Fill in the four sheets, then upload this workbook. Every problem found is reported with its sheet and cell.",
        "",
        "Partner Profile — one value per field. Program Guidelines, Services Path stage and tier are prerequisites "
            + checklist.ref("guidelines-read") + ", " + checklist.ref("services-path-stage") + " and "
            + checklist.ref("partner-tier") + ".",
        certificationLine,
        "Case Studies — at least " + p.minCaseStudies() + " production deployments for " + p.minDistinctCustomers()
            + " different customers, live within the past " + p.caseStudyMaxAgeMonths() + " months, each with its"
            + " customer challenge, how AWS was used and the outcome (" + checklist.ref("case-study-count") + "); at"
            + " least " + p.minPublicCaseStudies() + " publicly available, each on its own page published by the"
            + " partner, https preferred (" + checklist.ref("public-case-study-url") + ").",
        "Self-Assessment — one row per control: response (Met / Not met / N/A), where the evidence is, and which"
            + " case studies (#, e.g. '1, 3') demonstrate it (" + checklist.ref("self-assessment-complete") + ")."
            + " Every control applies: Not met or N/A blocks, and a placeholder such as '-' or 'TBD' is no evidence.",
        "",
        "Customer-example controls: " + coverageLine() + ".",
        "The " + all(checklist.waivablePrefixes()) + " controls (" + String.join(" and ", checklist.waiver().groups())
            + ") are waived with an approved FTR or another AWS Services Competency (not the " + checklist.competency()
            + " itself) achieved in the last " + checklist.waiver().otherCompetencyMonths() + " months.",
        "",
        "Dates: YYYY-MM-DD is best; MM/DD/YYYY, DD Mon YYYY and Mon YYYY (read as the 1st) are also accepted.",
        "Type values, not formulas; do not merge cells; keep the header rows. Save as .xlsx (not .xls or .xlsm).",
        "",
        "Check before uploading:  ./pipeline validate THIS_FILE.xlsx"
    };
  }

  /** "DOC-001, … must list every case study; PRMLO-003 at least 2; …", from each control's coverage. */
  private String coverageLine() {
    // Keyed by how many case studies, most first; "every" above any number.
    Map<Integer, List<String>> byNeed = new TreeMap<>(Comparator.reverseOrder());
    for (Control c : checklist.controls()) {
      if (c.coverage() instanceof Coverage.Every) {
        byNeed.computeIfAbsent(Integer.MAX_VALUE, k -> new ArrayList<>()).add(c.id());
      } else if (c.coverage() instanceof Coverage.AtLeast a) {
        byNeed.computeIfAbsent(a.count(), k -> new ArrayList<>()).add(c.id());
      }
    }
    List<String> parts = new ArrayList<>();
    byNeed.forEach((need, ids) -> parts.add(all(ids) + (parts.isEmpty() ? " must list " : " ")
        + (need == Integer.MAX_VALUE ? "every case study" : "at least " + need)));
    return String.join("; ", parts);
  }

  /** "a", "a or b", "a, b or c". */
  private static String list(List<String> values) {
    return join(values, " or ");
  }

  /** "a", "a and b", "a, b and c". */
  private static String all(List<String> values) {
    return join(values, " and ");
  }

  private static String join(List<String> values, String last) {
    if (values.size() <= 1) {
      return String.join("", values);
    }
    return String.join(", ", values.subList(0, values.size() - 1)) + last + values.get(values.size() - 1);
  }

  private String coverageNote(Control c) {
    String waiver = c.waivable() ? " [waived with an approved FTR or another competency in the last "
        + checklist.waiver().otherCompetencyMonths() + " months]" : "";
    if (c.coverage() instanceof Coverage.Every) {
      return " [every case study]" + waiver;
    }
    if (c.coverage() instanceof Coverage.AtLeast a) {
      return " [at least " + a.count() + " case stud" + (a.count() == 1 ? "y" : "ies") + "]" + waiver;
    }
    return waiver;
  }

  private static void set(Row row, Column column, String value, CellStyle style) {
    Cell c = row.createCell(((Enum<?>) column).ordinal());
    c.setCellValue(value);
    c.setCellStyle(style);
  }

  private static void header(Sheet sheet, Styles s, List<? extends Column> columns) {
    Row row = sheet.createRow(0);
    row.setHeightInPoints(30);
    for (int i = 0; i < columns.size(); i++) {
      Cell c = row.createCell(i);
      c.setCellValue(columns.get(i).header());
      c.setCellStyle(s.header);
      sheet.setColumnWidth(i, columns.get(i).width() * 256);
    }
    sheet.createFreezePane(0, 1);
  }

  private static void dateColumn(Sheet sheet, Styles s, int column) {
    sheet.setDefaultColumnStyle(column, s.date);
  }

  private static void dropDown(Sheet sheet, DataValidationHelper dv, List<String> values, int firstRow,
      int lastRow, int column) {
    DataValidationConstraint constraint = dv.createExplicitListConstraint(values.toArray(new String[0]));
    DataValidation v = dv.createValidation(constraint, new CellRangeAddressList(firstRow, lastRow, column, column));
    v.setSuppressDropDownArrow(true);
    v.setShowErrorBox(true);
    v.setErrorStyle(DataValidation.ErrorStyle.WARNING);
    v.createErrorBox("Not in the list", "Choose one of: " + String.join(", ", values));
    sheet.addValidationData(v);
  }
}
