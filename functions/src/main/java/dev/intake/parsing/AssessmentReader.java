package dev.intake.parsing;

import dev.intake.model.Assessment;
import dev.intake.model.CaseStudy;
import dev.intake.model.CellKind;
import dev.intake.model.CellRef;
import dev.intake.model.CellValue;
import dev.intake.model.Certification;
import dev.intake.model.ControlResponse;
import dev.intake.model.Finding;
import dev.intake.model.PartnerProfile;
import dev.intake.model.ProfileField;
import dev.intake.model.Severity;
import dev.intake.model.Text;
import dev.intake.template.Layout;
import dev.intake.template.Layout.CaseStudyColumn;
import dev.intake.template.Layout.CertificationColumn;
import dev.intake.template.Layout.ControlColumn;
import dev.intake.template.Layout.ProfileColumn;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Turns the four template sheets into an {@link Assessment}, noting how each was read. */
final class AssessmentReader {

  private static final Pattern HYPERLINK = Pattern.compile("(?i)^\\s*HYPERLINK\\s*\\(\\s*\"([^\"]+)\"");
  private static final int MAX_NOTES_PER_KIND = 20;

  private final List<Finding> notes = new ArrayList<>();

  List<Finding> notes() {
    return notes;
  }

  /** Cells holding a formula, by sheet: one never calculated has no value but must still be noted. */
  private final Map<String, Set<String>> formulaCells = new HashMap<>();

  Assessment read(SheetData profile, SheetData certs, SheetData cases, SheetData controls) {
    for (SheetData s : List.of(profile, certs, cases, controls)) {
      noteSheet(s);
      s.formulas().forEach(f -> formulaCells.computeIfAbsent(s.name(), k -> new HashSet<>()).add(f.cell()));
    }
    return new Assessment(readProfile(profile), readCertifications(certs), readCaseStudies(cases),
        readControls(controls),
        new Assessment.SheetNames(profile.name(), certs.name(), cases.name(), controls.name()));
  }

  // ---- Partner Profile -------------------------------------------------------------------------

  /** The profile fields by the {@link Text#key} of each of their names, worked out once. */
  private static final Map<String, ProfileField> PROFILE_FIELDS = profileFields();

  private static Map<String, ProfileField> profileFields() {
    Map<String, ProfileField> byKey = new HashMap<>();
    for (ProfileField f : ProfileField.values()) {
      f.names().forEach(n -> byKey.putIfAbsent(Text.key(n), f));
    }
    return Map.copyOf(byKey);
  }

  private PartnerProfile readProfile(SheetData sheet) {
    Map<String, ProfileField> byKey = PROFILE_FIELDS;
    Map<ProfileField, CellValue> values = new EnumMap<>(ProfileField.class);
    HeaderMap<ProfileColumn> header = HeaderMap.find(sheet, ProfileColumn.class, 2);
    for (SheetData.Row row : sheet.rows()) {
      if (header != null && row.number() <= header.headerRow()) {
        continue;
      }
      int labelColumn = header != null ? header.column(ProfileColumn.FIELD) : firstLabelColumn(row, byKey);
      if (labelColumn < 0) {
        continue;
      }
      ProfileField field = byKey.get(Text.key(row.text(labelColumn)));
      if (field == null || values.containsKey(field)) {
        continue;
      }
      int valueColumn = header != null ? header.column(ProfileColumn.VALUE) : labelColumn + 1;
      values.put(field, cell(sheet.name(), row, valueColumn));
    }
    return PartnerProfile.of(sheet.name(), values);
  }

  private static int firstLabelColumn(SheetData.Row row, Map<String, ProfileField> byKey) {
    return row.cells().entrySet().stream()
        .filter(e -> byKey.containsKey(Text.key(e.getValue().text())))
        .mapToInt(Map.Entry::getKey)
        .min()
        .orElse(-1);
  }

  // ---- Certifications --------------------------------------------------------------------------

  private List<Certification> readCertifications(SheetData sheet) {
    HeaderMap<CertificationColumn> h = header(sheet, CertificationColumn.class, 2);
    List<Certification> out = new ArrayList<>();
    for (SheetData.Row row : dataRows(sheet, h)) {
      out.add(new Certification(row.number(),
          cell(sheet.name(), row, h.column(CertificationColumn.PERSON)),
          cell(sheet.name(), row, h.column(CertificationColumn.CERTIFICATION)),
          cell(sheet.name(), row, h.column(CertificationColumn.VALIDATION_NUMBER)),
          cell(sheet.name(), row, h.column(CertificationColumn.EXPIRY_DATE))));
    }
    return out;
  }

  // ---- Case Studies ----------------------------------------------------------------------------

  private List<CaseStudy> readCaseStudies(SheetData sheet) {
    HeaderMap<CaseStudyColumn> h = header(sheet, CaseStudyColumn.class, 3);
    List<CaseStudy> out = new ArrayList<>();
    Set<Integer> numbers = new HashSet<>();
    int ordinal = 0;
    int numberColumn = h.column(CaseStudyColumn.NUMBER);
    Map<String, String> formulas = new HashMap<>();
    sheet.formulas().forEach(f -> formulas.put(f.cell(), f.formula()));
    for (SheetData.Row row : dataRows(sheet, h)) {
      // A pre-numbered template row with nothing else filled in is not a case study.
      boolean onlyNumber = row.cells().keySet().stream().allMatch(c -> c == numberColumn);
      if (onlyNumber) {
        continue;
      }
      ordinal++;
      CellValue numberCell = cell(sheet.name(), row, numberColumn);
      int number = caseNumber(numberCell.text(), ordinal);
      if (!numbers.add(number)) {
        note(Severity.WARNING, "case-study-number", "2.1",
            "Case study number " + number + " is used by more than one row, so the Self-Assessment cannot tell"
                + " them apart.",
            "Number the case studies 1, 2, 3, 4 … once each.", numberCell.ref());
      }
      // A HYPERLINK formula's link is read from the formula itself, so its cached label is not used.
      CellValue written = rawCell(sheet.name(), row, h.column(CaseStudyColumn.PUBLIC_URL));
      CellValue url = hyperlinkTarget(written, formulas);
      if (url == written && written.formula()) {
        noteFormula(written);
      }
      url = insertedLink(url, sheet.hyperlinks());
      out.add(new CaseStudy(row.number(), number, numberCell,
          cell(sheet.name(), row, h.column(CaseStudyColumn.CUSTOMER_NAME)),
          cell(sheet.name(), row, h.column(CaseStudyColumn.INTERNAL_OR_AFFILIATE)),
          cell(sheet.name(), row, h.column(CaseStudyColumn.ANONYMIZED)),
          cell(sheet.name(), row, h.column(CaseStudyColumn.CUSTOMER_DESCRIPTION)),
          cell(sheet.name(), row, h.column(CaseStudyColumn.PROJECT_TITLE)),
          cell(sheet.name(), row, h.column(CaseStudyColumn.CUSTOMER_CHALLENGE)),
          cell(sheet.name(), row, h.column(CaseStudyColumn.HOW_AWS_WAS_USED)),
          cell(sheet.name(), row, h.column(CaseStudyColumn.OUTCOME)),
          cell(sheet.name(), row, h.column(CaseStudyColumn.GO_LIVE_DATE)),
          cell(sheet.name(), row, h.column(CaseStudyColumn.STAGE)),
          cell(sheet.name(), row, h.column(CaseStudyColumn.PUBLIC)),
          url,
          cell(sheet.name(), row, h.column(CaseStudyColumn.ARCHITECTURE_DIAGRAM))));
    }
    return out;
  }

  /**
   * A link inserted with Insert > Link shows text ("Case study") but points at an address: when the
   * cell does not itself hold a web address, the link's address is the URL.
   */
  private static CellValue insertedLink(CellValue url, Map<String, String> hyperlinks) {
    String target = url.ref().cell() == null ? null : hyperlinks.get(url.ref().cell());
    if (target == null || url.text().matches("(?i)^\\s*https?://.*")) {
      return url;
    }
    return withText(url, target.strip());
  }

  private static int caseNumber(String text, int ordinal) {
    String digits = text.replaceAll("[^0-9]", "");
    if (digits.isEmpty() || digits.length() > 4) {
      return ordinal;
    }
    return Integer.parseInt(digits);
  }

  /** A =HYPERLINK("https://…", "label") cell: the link, not the label, is the URL. */
  private static CellValue hyperlinkTarget(CellValue url, Map<String, String> formulas) {
    if (!url.formula() || url.ref().cell() == null) {
      return url;
    }
    String formula = formulas.get(url.ref().cell());
    String target = formula == null ? null : hyperlinkUrl(formula);
    return target == null ? url : withText(url, target.strip());
  }

  // ---- Self-Assessment -------------------------------------------------------------------------

  private List<ControlResponse> readControls(SheetData sheet) {
    HeaderMap<ControlColumn> h = header(sheet, ControlColumn.class, 3);
    List<ControlResponse> out = new ArrayList<>();
    int idColumn = h.column(ControlColumn.CONTROL_ID);
    for (SheetData.Row row : dataRows(sheet, h)) {
      if (row.text(idColumn).isEmpty()) {
        note(Severity.WARNING, "self-assessment-row", "3.1",
            "Row " + row.number() + " of '" + sheet.name() + "' has content but no Control ID, so it was not"
                + " read as the answer to any control.",
            "Put the control's ID (such as DOC-001) in the Control ID column, or delete the row.",
            CellRef.of(sheet.name(), idColumn, row.number()));
        continue;
      }
      out.add(new ControlResponse(row.number(),
          cell(sheet.name(), row, idColumn),
          cell(sheet.name(), row, h.column(ControlColumn.SECTION)),
          cell(sheet.name(), row, h.column(ControlColumn.REQUIREMENT)),
          cell(sheet.name(), row, h.column(ControlColumn.RESPONSE)),
          cell(sheet.name(), row, h.column(ControlColumn.EVIDENCE)),
          cell(sheet.name(), row, h.column(ControlColumn.CASE_STUDIES)),
          cell(sheet.name(), row, h.column(ControlColumn.COMMENTS))));
    }
    return out;
  }

  // ---- shared ----------------------------------------------------------------------------------

  private <C extends Enum<C> & Layout.Column> HeaderMap<C> header(SheetData sheet, Class<C> type, int minimum) {
    HeaderMap<C> h = HeaderMap.find(sheet, type, minimum);
    if (h == null) {
      String expected = java.util.Arrays.stream(type.getEnumConstants())
          .filter(Layout.Column::required)
          .map(Layout.Column::header)
          .collect(Collectors.joining(", "));
      throw new RejectedFileException(new Finding("template-header-missing", "3.1", Severity.BLOCKER,
          "The sheet '" + sheet.name() + "' has no header row naming its columns (expected " + expected
              + ") in its first " + HeaderMap.SEARCH_ROWS + " rows, so it cannot be read as the template's"
              + " sheet.",
          "Copy your answers into the blank template (./pipeline template OUT.xlsx) and keep its header row.",
          CellRef.sheet(sheet.name())));
    }
    for (C missing : h.missingRequired(type)) {
      note(Severity.BLOCKER, "template-column-missing", "3.1",
          "The sheet '" + sheet.name() + "' has no '" + missing.header() + "' column, so that information is"
              + " missing for every row.",
          "Add a column headed '" + missing.header() + "' to row " + h.headerRow() + " and fill it in.",
          CellRef.row(sheet.name(), h.headerRow()));
    }
    return h;
  }

  private static <C extends Enum<C> & Layout.Column> List<SheetData.Row> dataRows(SheetData sheet,
      HeaderMap<C> h) {
    return sheet.rows().stream().filter(r -> r.number() > h.headerRow()).toList();
  }

  /** The value in a column of a row; a blank pointing at the cell (or the row, if no such column). */
  private CellValue cell(String sheet, SheetData.Row row, int column) {
    CellValue v = rawCell(sheet, row, column);
    if (v.formula()) {
      noteFormula(v);
    }
    return v;
  }

  private CellValue rawCell(String sheet, SheetData.Row row, int column) {
    if (column < 0) {
      return CellValue.blank(CellRef.row(sheet, row.number()));
    }
    CellValue v = row.cells().get(column);
    if (v != null) {
      return v;
    }
    CellRef ref = CellRef.of(sheet, column, row.number());
    boolean formula = formulaCells.getOrDefault(sheet, Set.of()).contains(ref.cell());
    return new CellValue("", CellKind.BLANK, ref, formula);
  }

  private final Map<String, Integer> noteCounts = new HashMap<>();

  private void note(Severity severity, String ruleId, String ref, String message, String remediation,
      CellRef location) {
    int n = noteCounts.merge(ruleId, 1, Integer::sum);
    if (n <= MAX_NOTES_PER_KIND) {
      notes.add(new Finding(ruleId, ref, severity, message, remediation, location));
    }
  }

  private final Set<CellRef> formulaNoted = new HashSet<>();

  private void noteFormula(CellValue v) {
    if (!formulaNoted.add(v.ref())) {
      return;
    }
    note(Severity.WARNING, "cell-formula", "3.1",
        "Cell " + v.ref().cell() + " of '" + v.ref().sheet() + "' holds a formula; its last calculated value "
            + (v.isBlank() ? "(none)" : Text.quote(v.text())) + " was used and the formula was not run.",
        "Type the value itself into the cell instead of a formula.", v.ref());
  }

  private void noteSheet(SheetData s) {
    if (s.hidden()) {
      note(Severity.WARNING, "sheet-hidden", "3.1",
          "The sheet '" + s.name() + "' is hidden; it was read like a visible one.",
          "Unhide the sheet (right-click a sheet tab > Unhide) so reviewers see what was evaluated.",
          CellRef.sheet(s.name()));
    }
    if (!s.hiddenRows().isEmpty()) {
      int first = s.hiddenRows().get(0);
      note(Severity.WARNING, "row-hidden", "3.1",
          "Rows " + s.hiddenRows().stream().limit(10).map(String::valueOf).collect(Collectors.joining(", "))
              + (s.hiddenRows().size() > 10 ? " …" : "") + " of '" + s.name()
              + "' are hidden; they were read like visible rows.",
          "Unhide the rows, or delete them if they are not part of the self-assessment.",
          CellRef.row(s.name(), first));
    }
    if (!s.merged().isEmpty()) {
      String first = s.merged().get(0);
      String topLeft = first.contains(":") ? first.substring(0, first.indexOf(':')) : first;
      note(Severity.WARNING, "cell-merged", "3.1",
          "'" + s.name() + "' has merged cells (" + String.join(", ", s.merged().stream().limit(5).toList())
              + (s.merged().size() > 5 ? " …" : "") + "); only the top-left cell of each keeps a value.",
          "Unmerge the cells (Home > Merge & Center > Unmerge Cells) and put each value in its own cell.",
          new CellRef(s.name(), topLeft, dev.intake.model.A1.row(topLeft)));
    }
    for (SheetData.Formula f : s.formulas()) {
      if (f.external()) {
        note(Severity.WARNING, "cell-external-link", "3.1",
            "Cell " + f.cell() + " of '" + s.name() + "' has a formula that refers to another workbook or a"
                + " web address; such links are never followed, only the cell's last calculated value is read.",
            "Type the value itself into the cell.",
            new CellRef(s.name(), f.cell(), dev.intake.model.A1.row(f.cell())));
      }
    }
    if (!s.directionControls().isEmpty()) {
      CellValue first = s.directionControls().get(0);
      int others = s.directionControls().size() - 1;
      note(Severity.WARNING, "cell-bidi-control", "3.1",
          "Cell " + first.ref().cell() + " of '" + s.name() + "'"
              + (others > 0 ? " (and " + others + " other cell" + (others == 1 ? "" : "s") + ")" : "")
              + " holds invisible characters that change the order its text is shown in (Unicode direction"
              + " overrides); it was compared and quoted without them, as " + Text.quote(first.text())
              + ", which may not be what the sheet displays.",
          "Delete the text and type it again instead of pasting it, so that what the sheet shows is what is read.",
          first.ref());
    }
    if (s.truncatedCells() > 0) {
      note(Severity.WARNING, "cell-too-long", "3.1",
          s.truncatedCells() + " cell(s) of '" + s.name() + "' hold more than " + Limits.MAX_CELL_CHARS
              + " characters, Excel's limit; the text was cut there.",
          "Shorten the text, or link to a document that holds it.", CellRef.sheet(s.name()));
    }
  }

  static CellValue withText(CellValue v, String text) {
    return new CellValue(text, text.isEmpty() ? CellKind.BLANK : CellKind.TEXT, v.ref(), v.formula());
  }

  static String hyperlinkUrl(String formula) {
    Matcher m = HYPERLINK.matcher(formula);
    return m.find() ? m.group(1) : null;
  }
}
