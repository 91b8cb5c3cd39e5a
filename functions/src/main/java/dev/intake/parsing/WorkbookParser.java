package dev.intake.parsing;

import dev.intake.model.Finding;
import dev.intake.model.Severity;
import dev.intake.model.Text;
import dev.intake.template.Layout;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a partner's workbook into an {@link dev.intake.model.Assessment}, or explains why it cannot.
 * Never throws for a bad file: every problem with the input is a finding.
 */
public final class WorkbookParser {

  /**
   * The logger, built on first use: a call that logs nothing (the usual case) never starts the logging
   * framework, which costs more than a whole cold verdict (see BENCHMARKS.md).
   */
  private static final class Log {
    static final Logger LOG = LoggerFactory.getLogger(WorkbookParser.class);
  }

  private final Limits limits;

  public WorkbookParser() {
    this(Limits.DEFAULT);
  }

  public WorkbookParser(Limits limits) {
    this.limits = limits;
  }

  public Limits limits() {
    return limits;
  }

  /** Reads at most {@link Limits#maxFileBytes()} from the stream; a longer stream is rejected. */
  public ParseOutcome parse(InputStream in, String fileName) throws IOException {
    byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limits.maxFileBytes() + 1));
    if (bytes.length > limits.maxFileBytes()) {
      return tooLarge(-1);
    }
    return parse(bytes, fileName);
  }

  public ParseOutcome parse(byte[] bytes, String fileName) {
    if (bytes.length > limits.maxFileBytes()) {
      return tooLarge(bytes.length);
    }
    try {
      return read(bytes, fileName == null ? "" : fileName);
    } catch (RejectedFileException e) {
      return new ParseOutcome.Rejected(List.of(e.finding()));
    } catch (IOException | RuntimeException | StackOverflowError e) {
      // A reader bug or an input no guard foresaw: still an answer, never a stack trace.
      Log.LOG.warn("Unexpected failure reading {}: {}", Text.visible(fileName), e.toString());
      return reject("file-corrupt",
          "The workbook could not be read (" + e.getClass().getSimpleName() + "); it may be damaged.",
          "Open the workbook in Excel, save it again as .xlsx, and upload the new file.");
    }
  }

  /** The rejection of a file known to be {@code size} bytes, larger than the limit, without reading it. */
  public ParseOutcome rejectOversized(long size) {
    return tooLarge(size);
  }

  private ParseOutcome tooLarge(long size) {
    String actual = size < 0 ? "more than " + (limits.maxFileBytes() >> 20) + " MB"
        : String.format(Locale.ROOT, "%.1f MB", size / (1024.0 * 1024.0));
    return reject("file-too-large",
        "The file is " + actual + "; the largest accepted is " + (limits.maxFileBytes() >> 20)
            + " MB. A completed self-assessment is usually under 1 MB.",
        "Remove images, embedded files and unused sheets, or copy your answers into the blank template.");
  }

  private static ParseOutcome reject(String ruleId, String message, String remediation) {
    return new ParseOutcome.Rejected(List.of(new Finding(ruleId, "3.1", Severity.BLOCKER, message, remediation,
        null)));
  }

  private ParseOutcome read(byte[] bytes, String fileName) throws IOException {
    FileSniffer.Kind kind = FileSniffer.sniff(bytes);
    switch (kind) {
      case ZIP -> {
        // handled below
      }
      case EMPTY -> {
        return reject("file-empty", "The file is empty (0 bytes).",
            "Upload the completed self-assessment workbook again; the upload may have been interrupted.");
      }
      case ENCRYPTED_OOXML -> {
        return reject("file-encrypted",
            "The workbook is protected with a password (encrypted), so it cannot be read.",
            "In Excel choose File > Info > Protect Workbook > Encrypt with Password, clear the password, save"
                + " and upload again.");
      }
      case LEGACY_XLS -> {
        return reject("file-legacy-xls",
            "The file is a legacy Excel 97-2003 workbook (.xls), whatever its name says; only .xlsx is accepted.",
            "In Excel choose File > Save As > Excel Workbook (*.xlsx) and upload that file.");
      }
      case TEXT -> {
        return reject("file-type",
            "The file is plain text (such as CSV) with a spreadsheet name, not an Excel workbook.",
            "Open it in Excel, copy the answers into the template, and save as Excel Workbook (*.xlsx).");
      }
      case PDF -> {
        return reject("file-type", "The file is a PDF document, not an Excel workbook.",
            "Upload the self-assessment workbook (.xlsx) made from the template.");
      }
      case IMAGE -> {
        return reject("file-type", "The file is an image, not an Excel workbook.",
            "Upload the self-assessment workbook (.xlsx) made from the template.");
      }
      default -> {
        return reject("file-type",
            "The file is not an Excel workbook (it is " + describe(kind) + ").",
            "Upload the self-assessment workbook (.xlsx) made from the template.");
      }
    }
    try (ZipPackage zip = ZipPackage.open(bytes, limits)) {
      WorkbookPackage pkg = WorkbookPackage.open(zip, limits);
      List<Finding> notes = new ArrayList<>();
      WorkbookPackage.SheetEntry profile = sheet(pkg, Layout.PROFILE_SHEET, Layout.PROFILE);
      WorkbookPackage.SheetEntry certs = sheet(pkg, Layout.CERTIFICATIONS_SHEET, Layout.CERTIFICATIONS);
      WorkbookPackage.SheetEntry cases = sheet(pkg, Layout.CASE_STUDIES_SHEET, Layout.CASE_STUDIES);
      WorkbookPackage.SheetEntry controls = sheet(pkg, Layout.SELF_ASSESSMENT_SHEET, Layout.SELF_ASSESSMENT);
      SheetReader reader = new SheetReader(pkg, limits);
      SheetData p = reader.read(profile);
      SheetData c = reader.read(certs);
      SheetData cs = reader.read(cases);
      SheetData sa = reader.read(controls);
      if (pkg.hasExternalLinks()) {
        notes.add(new Finding("workbook-external-links", "3.1", Severity.WARNING,
            "The workbook links to other workbooks; the links were not followed and no data was fetched.",
            "Break the links (Data > Edit Links > Break Link) and type the values in.", null));
      }
      AssessmentReader mapper = new AssessmentReader();
      var assessment = mapper.read(p, c, cs, sa);
      notes.addAll(mapper.notes());
      int rows = p.rows().size() + c.rows().size() + cs.rows().size() + sa.rows().size();
      int cells = List.of(p, c, cs, sa).stream()
          .mapToInt(s -> s.rows().stream().mapToInt(r -> r.cells().size()).sum())
          .sum();
      return new ParseOutcome.Parsed(assessment, notes,
          new ParseOutcome.Stats(bytes.length, pkg.sheets().size(), rows, cells));
    }
  }

  private static String describe(FileSniffer.Kind kind) {
    return switch (kind) {
      case OLE2_OTHER -> "an older Office document, not a workbook";
      case HTML_OR_XML -> "an HTML or XML document";
      default -> "of an unknown type";
    };
  }

  private static WorkbookPackage.SheetEntry sheet(WorkbookPackage pkg, List<String> names, String canonical) {
    for (String name : names) {
      for (WorkbookPackage.SheetEntry s : pkg.sheets()) {
        if (s.worksheet() && Text.key(s.name()).equals(Text.key(name))) {
          return s;
        }
      }
    }
    String present = String.join("', '", pkg.sheets().stream().map(s -> Text.visible(s.name())).toList());
    throw new RejectedFileException("template-sheet-missing",
        "The workbook has no '" + canonical + "' sheet (its sheets are '" + present + "'), so it is not the"
            + " DevOps Competency self-assessment template v4.0.",
        "Download the template (./pipeline template OUT.xlsx or GET /template), fill it in and upload it.");
  }
}
