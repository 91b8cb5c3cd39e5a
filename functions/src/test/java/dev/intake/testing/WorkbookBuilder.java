package dev.intake.testing;

import dev.intake.checklist.Checklist;
import dev.intake.checklist.Control;
import dev.intake.checklist.Coverage;
import dev.intake.model.ProfileField;
import dev.intake.template.Layout;
import dev.intake.template.Layout.CaseStudyColumn;
import dev.intake.template.Layout.CertificationColumn;
import dev.intake.template.Layout.ControlColumn;
import dev.intake.template.TemplateGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Builds filled-in self-assessment workbooks from code: the template, with values written into
 * its cells. {@link #ready(LocalDate)} starts from a workbook that is READY on that date; tests
 * then break exactly what they are about.
 */
public final class WorkbookBuilder {

  /** One case study row; null values leave the cell blank. Dates may be LocalDate or text. */
  public static final class CaseStudyRow {
    public final Map<CaseStudyColumn, Object> values = new EnumMap<>(CaseStudyColumn.class);

    public CaseStudyRow set(CaseStudyColumn column, Object value) {
      if (value == null) {
        values.remove(column);
      } else {
        values.put(column, value);
      }
      return this;
    }

    public Object get(CaseStudyColumn column) {
      return values.get(column);
    }
  }

  /** One certification row. */
  public record CertRow(Object person, Object certification, Object validationNumber, Object expiry) {
  }

  /** One Self-Assessment row. */
  public static final class ControlRow {
    public Object response;
    public Object evidence;
    public Object caseStudies;
    public Object comments;
  }

  private final Checklist checklist = Checklist.current();
  private final Map<ProfileField, Object> profile = new EnumMap<>(ProfileField.class);
  private final List<CertRow> certifications = new ArrayList<>();
  private final List<CaseStudyRow> caseStudies = new ArrayList<>();
  private final Map<String, ControlRow> controls = new LinkedHashMap<>();
  private final List<Consumer<XSSFWorkbook>> tweaks = new ArrayList<>();

  private WorkbookBuilder() {
  }

  /** A blank template: nothing filled in. */
  public static WorkbookBuilder blank() {
    return new WorkbookBuilder();
  }

  /** A complete workbook that is READY as of {@code asOf}. */
  public static WorkbookBuilder ready(LocalDate asOf) {
    WorkbookBuilder b = new WorkbookBuilder();
    b.profile(ProfileField.PARTNER_NAME, "Northwind Cloud Consulting Ltd")
        .profile(ProfileField.PARTNER_ID, "P-1001")
        .profile(ProfileField.PARTNER_WEBSITE, "https://northwind-cloud.com")
        .profile(ProfileField.PARTNER_TIER, "Advanced")
        .profile(ProfileField.SERVICES_PATH_STAGE, "Validated")
        .profile(ProfileField.GUIDELINES_READ, "Yes")
        .profile(ProfileField.FTR_APPROVED, "No")
        .profile(ProfileField.CHECKLIST_VERSION, "4.0")
        .profile(ProfileField.CONTACT_EMAIL, "competency@northwind-cloud.com");
    String[] people = {"Ana Silva", "Ben Okafor", "Chloé Martin", "Dev Patel"};
    for (int i = 0; i < people.length; i++) {
      b.certification(people[i], "Developer – Associate", "DVA-" + (1000 + i), asOf.plusYears(1));
      b.certification(people[i], "DevOps Engineer – Professional", "DOP-" + (2000 + i), asOf.plusYears(2));
    }
    String[][] customers = {
        {"Acme Corporation", "Retail"}, {"Globex GmbH", "Manufacturing"}, {"Initech LLC", "Financial services"},
        {"Umbrella Health S.A.", "Healthcare"}};
    for (int i = 0; i < customers.length; i++) {
      int n = i + 1;
      CaseStudyRow row = new CaseStudyRow()
          .set(CaseStudyColumn.NUMBER, n)
          .set(CaseStudyColumn.CUSTOMER_NAME, customers[i][0])
          .set(CaseStudyColumn.INTERNAL_OR_AFFILIATE, "No")
          .set(CaseStudyColumn.ANONYMIZED, "No")
          .set(CaseStudyColumn.CUSTOMER_DESCRIPTION, "A " + customers[i][1].toLowerCase() + " company")
          .set(CaseStudyColumn.PROJECT_TITLE, "CI/CD transformation for " + customers[i][0])
          .set(CaseStudyColumn.CUSTOMER_CHALLENGE, "Manual releases took two weeks and failed often.")
          .set(CaseStudyColumn.HOW_AWS_WAS_USED, "AWS CodePipeline, CodeBuild, CloudFormation and Amazon ECS.")
          .set(CaseStudyColumn.OUTCOME, "Deployments went from monthly to daily; change failure rate fell 60%.")
          .set(CaseStudyColumn.GO_LIVE_DATE, asOf.minusMonths(3L * n))
          .set(CaseStudyColumn.STAGE, "Production")
          .set(CaseStudyColumn.PUBLIC, n <= 2 ? "Yes" : "No")
          .set(CaseStudyColumn.PUBLIC_URL, n <= 2 ? "https://northwind-cloud.com/case-studies/" + n : null)
          .set(CaseStudyColumn.ARCHITECTURE_DIAGRAM, "diagrams/case-study-" + n + ".pdf");
      b.caseStudies.add(row);
    }
    String all = IntStream.rangeClosed(1, customers.length).mapToObj(String::valueOf)
        .collect(Collectors.joining(", "));
    for (Control c : b.checklist.controls()) {
      ControlRow row = new ControlRow();
      row.response = "Met";
      row.evidence = "Evidence pack §" + c.id();
      if (c.coverage() instanceof Coverage.Every) {
        row.caseStudies = all;
      } else if (c.coverage() instanceof Coverage.AtLeast a) {
        row.caseStudies = IntStream.rangeClosed(1, a.count()).mapToObj(String::valueOf)
            .collect(Collectors.joining(", "));
      }
      b.controls.put(c.id(), row);
    }
    return b;
  }

  public WorkbookBuilder profile(ProfileField field, Object value) {
    if (value == null) {
      profile.remove(field);
    } else {
      profile.put(field, value);
    }
    return this;
  }

  public WorkbookBuilder certification(Object person, Object certification, Object number, Object expiry) {
    certifications.add(new CertRow(person, certification, number, expiry));
    return this;
  }

  public WorkbookBuilder clearCertifications() {
    certifications.clear();
    return this;
  }

  public List<CertRow> certifications() {
    return certifications;
  }

  public WorkbookBuilder caseStudy(int number, Consumer<CaseStudyRow> change) {
    change.accept(caseStudies.get(number - 1));
    return this;
  }

  public WorkbookBuilder addCaseStudy(CaseStudyRow row) {
    caseStudies.add(row);
    return this;
  }

  public WorkbookBuilder removeCaseStudy(int number) {
    caseStudies.remove(number - 1);
    return this;
  }

  public List<CaseStudyRow> caseStudies() {
    return caseStudies;
  }

  /** A copy of case study {@code number}'s values, to start a new row from. */
  public CaseStudyRow copyOfCaseStudy(int number) {
    CaseStudyRow copy = new CaseStudyRow();
    copy.values.putAll(caseStudies.get(number - 1).values);
    return copy;
  }

  public WorkbookBuilder control(String id, Consumer<ControlRow> change) {
    change.accept(controls.computeIfAbsent(id, k -> new ControlRow()));
    return this;
  }

  public WorkbookBuilder removeControl(String id) {
    controls.remove(id);
    return this;
  }

  public Map<String, ControlRow> controls() {
    return controls;
  }

  /** A last change to the POI workbook before it is written (merge cells, hide rows, formulas...). */
  public WorkbookBuilder tweak(Consumer<XSSFWorkbook> change) {
    tweaks.add(change);
    return this;
  }

  public byte[] build() {
    try (XSSFWorkbook wb = new TemplateGenerator(checklist).build(); ByteArrayOutputStream out =
        new ByteArrayOutputStream()) {
      CellStyle date = wb.createCellStyle();
      date.setDataFormat(wb.createDataFormat().getFormat("yyyy-mm-dd"));
      fillProfile(wb.getSheet(Layout.PROFILE), date);
      fillCertifications(wb.getSheet(Layout.CERTIFICATIONS), date);
      fillCaseStudies(wb.getSheet(Layout.CASE_STUDIES), date);
      fillControls(wb.getSheet(Layout.SELF_ASSESSMENT));
      tweaks.forEach(t -> t.accept(wb));
      wb.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void fillProfile(Sheet sheet, CellStyle date) {
    for (int r = 1; r <= sheet.getLastRowNum(); r++) {
      Row row = sheet.getRow(r);
      String label = row.getCell(0).getStringCellValue();
      for (ProfileField f : ProfileField.values()) {
        if (f.label().equals(label)) {
          Cell cell = row.getCell(1) == null ? row.createCell(1) : row.getCell(1);
          Object v = profile.get(f);
          if (v == null) {
            cell.setBlank();
          } else {
            write(cell, v, date);
          }
        }
      }
    }
  }

  private void fillCertifications(Sheet sheet, CellStyle date) {
    int r = 1;
    for (CertRow c : certifications) {
      Row row = sheet.createRow(r++);
      write(row, CertificationColumn.PERSON.ordinal(), c.person(), date);
      write(row, CertificationColumn.CERTIFICATION.ordinal(), c.certification(), date);
      write(row, CertificationColumn.VALIDATION_NUMBER.ordinal(), c.validationNumber(), date);
      write(row, CertificationColumn.EXPIRY_DATE.ordinal(), c.expiry(), date);
    }
  }

  private void fillCaseStudies(Sheet sheet, CellStyle date) {
    for (int r = 1; r <= sheet.getLastRowNum(); r++) {
      if (sheet.getRow(r) != null) {
        sheet.removeRow(sheet.getRow(r));
      }
    }
    int r = 1;
    for (CaseStudyRow cs : caseStudies) {
      Row row = sheet.createRow(r++);
      for (Map.Entry<CaseStudyColumn, Object> e : cs.values.entrySet()) {
        write(row, e.getKey().ordinal(), e.getValue(), date);
      }
    }
  }

  private void fillControls(Sheet sheet) {
    Map<String, Row> rows = new LinkedHashMap<>();
    for (int r = 1; r <= sheet.getLastRowNum(); r++) {
      Row row = sheet.getRow(r);
      if (row != null) {
        rows.put(row.getCell(0).getStringCellValue(), row);
      }
    }
    for (Map.Entry<String, Row> e : rows.entrySet()) {
      if (!controls.containsKey(e.getKey())) {
        sheet.removeRow(e.getValue());
      }
    }
    int next = sheet.getLastRowNum() + 1;
    for (Map.Entry<String, ControlRow> e : controls.entrySet()) {
      Row row = rows.get(e.getKey());
      if (row == null) {
        row = sheet.createRow(next++);
        row.createCell(ControlColumn.CONTROL_ID.ordinal()).setCellValue(e.getKey());
      }
      ControlRow c = e.getValue();
      write(row, ControlColumn.RESPONSE.ordinal(), c.response, null);
      write(row, ControlColumn.EVIDENCE.ordinal(), c.evidence, null);
      write(row, ControlColumn.CASE_STUDIES.ordinal(), c.caseStudies, null);
      write(row, ControlColumn.COMMENTS.ordinal(), c.comments, null);
    }
  }

  private static void write(Row row, int column, Object value, CellStyle date) {
    if (value == null) {
      return;
    }
    write(row.getCell(column) == null ? row.createCell(column) : row.getCell(column), value, date);
  }

  private static void write(Cell cell, Object value, CellStyle date) {
    if (value instanceof LocalDate d) {
      cell.setCellValue(d);
      if (date != null) {
        cell.setCellStyle(date);
      }
    } else if (value instanceof Number n) {
      cell.setCellValue(n.doubleValue());
    } else if (value instanceof Boolean bool) {
      cell.setCellValue(bool);
    } else {
      cell.setCellValue(value.toString());
    }
  }
}
