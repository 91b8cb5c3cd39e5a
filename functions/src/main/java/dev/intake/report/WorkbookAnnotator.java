package dev.intake.report;

import dev.intake.model.A1;
import dev.intake.model.CellRef;
import dev.intake.model.Finding;
import dev.intake.model.FindingsReport;
import dev.intake.model.ReportStatus;
import dev.intake.model.Severity;
import dev.intake.model.Text;
import dev.intake.parsing.Limits;
import dev.intake.parsing.ParseOutcome;
import dev.intake.parsing.WorkbookParts;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.xml.stream.XMLStreamException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a partner gets back: a copy of their workbook with every finding as a comment on its cell,
 * the cell filled by severity (blocker red, warning amber, note blue), and a "Findings" sheet as the
 * first tab listing every finding with a link to its cell.
 *
 * <p>The Findings sheet is the first tab, and the active one, because it is the answer the partner
 * opened the file for: the tab they see on opening says what to fix and links to each cell.
 *
 * <p>The copy is written by streaming the partner's package part by part ({@link AnnotatedCopy}): the
 * parts an annotation does not change are copied as they lie in the zip, and the rest is read through
 * the parser's zip and XML layer, so the parser's hostile-file limits hold for what is read. A
 * workbook above {@link Bounds} (file size, inflated size, parsed rows) is not copied: the result is
 * a new workbook with only the Findings sheet and a note saying why. A REJECTED report always gets
 * that findings-only workbook, so a file the parser refused is never copied.
 *
 * <p>Every text written into a cell passes through {@link #cellText}: text starting with {@code =},
 * {@code +}, {@code -}, {@code @}, tab or carriage return gets a leading {@code '} (OWASP's advice
 * against formula injection), since messages quote what the partner typed.
 */
public final class WorkbookAnnotator {

  /**
   * The logger, built on first use: a call that logs nothing (the usual case) never starts the logging
   * framework, which costs more than a whole cold verdict (see BENCHMARKS.md).
   */
  private static final class Log {
    static final Logger LOG = LoggerFactory.getLogger(WorkbookAnnotator.class);
  }

  /** Author of the comments this class writes; a comment by this author is replaced, not kept. */
  public static final String COMMENT_AUTHOR = "Competency intake";

  /** Fill colours: Excel's light red, amber and blue, dark enough to see and light enough to read. */
  static final Map<Severity, String> FILLS = Map.of(
      Severity.BLOCKER, "FFC7CE",
      Severity.WARNING, "FFEB9C",
      Severity.INFO, "DDEBF7");

  private static final String FORMULA_STARTS = "=+-@\t\r";

  /**
   * How large a workbook may be and still be copied with annotations.
   *
   * @param maxFileBytes the workbook's size as uploaded
   * @param maxInflatedBytes the size of all its zip parts once inflated, as its zip directory states it;
   *     the parts the copy reads are also held to four times this as they are inflated (a marked sheet
   *     is read up to three times), so a directory that understates them does not get further
   * @param maxRows rows the parser read from the four template sheets
   */
  public record Bounds(long maxFileBytes, long maxInflatedBytes, int maxRows) {

    /**
     * 4 MB uploaded, 16 MB inflated, 5,000 rows: a completed self-assessment is well under 1 MB and a
     * few hundred rows. The copy is streamed, so these bound the time it takes and the size of what is
     * given back rather than memory.
     */
    public static final Bounds DEFAULT = new Bounds(4L * 1024 * 1024, 16L * 1024 * 1024, 5_000);
  }

  /**
   * The workbook to give back.
   *
   * @param workbook .xlsx bytes
   * @param annotatedCopy true when it is the partner's workbook annotated; false when it holds only
   *     the Findings sheet
   * @param note why the copy was not annotated; empty when it was
   */
  public record Annotation(byte[] workbook, boolean annotatedCopy, String note) {
  }

  static final String ANNOTATED_NOTE = "Cells with findings are filled red (blocker), amber (warning) or blue"
      + " (note), and each carries a comment; the Cell column links to them.";

  private final Bounds bounds;
  private final Limits limits;

  public WorkbookAnnotator() {
    this(Bounds.DEFAULT);
  }

  public WorkbookAnnotator(Bounds bounds) {
    this.bounds = bounds;
    long read = bounds.maxInflatedBytes() > Long.MAX_VALUE / 4 ? Long.MAX_VALUE : 4 * bounds.maxInflatedBytes();
    this.limits = Limits.DEFAULT.withMaxTotalBytes(Math.min(Limits.DEFAULT.maxTotalBytes(), read));
  }

  /** Annotates without the parser's row count (the file and inflated sizes still bound the cost). */
  public Annotation annotate(byte[] original, FindingsReport report) {
    return annotate(original, report, null, null);
  }

  /** Annotates, with what changed since the partner's previous submission on the Findings sheet. */
  public Annotation annotate(byte[] original, FindingsReport report, Comparison changes) {
    return annotate(original, report, null, changes);
  }

  /** Annotates a copy of {@code original} with the findings of {@code report}. */
  public Annotation annotate(byte[] original, FindingsReport report, ParseOutcome.Stats stats) {
    return annotate(original, report, stats, null);
  }

  /**
   * Annotates a copy of {@code original} with the findings of {@code report}.
   *
   * @param stats what the parser read, or null when not known
   * @param changes what changed since the partner's previous submission, or null when not compared
   */
  public Annotation annotate(byte[] original, FindingsReport report, ParseOutcome.Stats stats, Comparison changes) {
    String refusal = refusal(original, report, stats);
    if (refusal == null) {
      try (WorkbookParts parts = WorkbookParts.open(original, limits)) {
        if (parts.declaredSize() > bounds.maxInflatedBytes()) {
          refusal = expands();
        } else {
          return new Annotation(AnnotatedCopy.write(parts, report, ANNOTATED_NOTE, changes), true, "");
        }
      } catch (IOException | XMLStreamException | RuntimeException e) {
        refusal = refusal(e);
      }
    }
    return new Annotation(FindingsOnly.write(report, refusal, changes), false, refusal);
  }

  private String refusal(byte[] original, FindingsReport report, ParseOutcome.Stats stats) {
    if (report.status() == ReportStatus.REJECTED || original == null) {
      return "The uploaded file could not be read as a workbook of the template, so there is no copy to annotate;"
          + " the findings are listed here.";
    }
    if (original.length > bounds.maxFileBytes()) {
      return "The workbook is " + megabytes(original.length) + ", larger than the " + megabytes(bounds.maxFileBytes())
          + " up to which copies are annotated, so the findings are given in this separate workbook.";
    }
    if (stats != null && stats.rowsRead() > bounds.maxRows()) {
      return "The workbook has " + stats.rowsRead() + " filled rows, more than the " + bounds.maxRows()
          + " up to which copies are annotated, so the findings are given in this separate workbook.";
    }
    return null;
  }

  /** Why a copy that was started could not be finished: still give the findings back. */
  private String refusal(Exception e) {
    Optional<Finding> refused = WorkbookParts.refusal(e);
    String rule = refused.map(Finding::ruleId).orElse("");
    if (rule.equals("file-limits") || rule.equals("file-zip-bomb")) {
      return expands();
    }
    if (rule.equals("file-corrupt")) {
      return "The workbook's zip could not be read for annotation, so the findings are given in this separate"
          + " workbook.";
    }
    Log.LOG.warn("Could not annotate a copy of the workbook: {}", e.toString());
    return "This workbook could not be opened for annotation (" + e.getClass().getSimpleName()
        + "), so the findings are given in this separate workbook.";
  }

  private String expands() {
    return "The workbook expands to more than " + megabytes(bounds.maxInflatedBytes()) + " when opened, so it was"
        + " not annotated; the findings are given in this separate workbook.";
  }

  /** What all the workbook's parts inflate to as its zip directory states it; -1 when the package cannot be read. */
  static long declaredSize(byte[] zip) {
    try (WorkbookParts parts = WorkbookParts.open(zip, Limits.DEFAULT)) {
      return parts.declaredSize();
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  private static String megabytes(long bytes) {
    return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
  }

  static boolean validCell(String ref, int row, int column) {
    return a1Cell(ref) && row >= 1 && row <= Ooxml.MAX_ROWS && column >= 0 && column < Ooxml.MAX_COLUMNS;
  }

  /** One to three ASCII letters then one to seven digits ({@code [A-Za-z]{1,3}[0-9]{1,7}}), without a regex. */
  private static boolean a1Cell(String ref) {
    int i = 0;
    while (i < ref.length() && i < 4 && (ref.charAt(i) >= 'A' && ref.charAt(i) <= 'Z'
        || ref.charAt(i) >= 'a' && ref.charAt(i) <= 'z')) {
      i++;
    }
    int letters = i;
    while (i < ref.length() && ref.charAt(i) >= '0' && ref.charAt(i) <= '9') {
      i++;
    }
    int digits = i - letters;
    return i == ref.length() && letters >= 1 && letters <= 3 && digits >= 1 && digits <= 7;
  }

  /** What a finding's location links to on its sheet: the cell, the row's first cell, or A1; null when invalid. */
  static String target(CellRef at) {
    if (at.cell() != null) {
      String ref = at.cell().toUpperCase(Locale.ROOT);
      return validCell(ref, A1.row(ref), A1.column(ref)) ? ref : null;
    }
    if (at.row() != null) {
      return at.row() >= 1 && at.row() <= Ooxml.MAX_ROWS ? "A" + at.row() : null;
    }
    return "A1";
  }

  static String label(Severity s) {
    return switch (s) {
      case BLOCKER -> "BLOCKER";
      case WARNING -> "WARNING";
      case INFO -> "NOTE";
    };
  }

  /**
   * Text as it may be written into a cell: control, bidirectional and zero-width characters removed,
   * cut to Excel's cell limit, and a leading {@code '} when it would otherwise start like a formula.
   */
  public static String cellText(String raw) {
    String s = Text.visible(raw);
    if (s.length() > Limits.MAX_CELL_CHARS - 2) {
      s = s.substring(0, Limits.MAX_CELL_CHARS - 3) + "…";
    }
    if (!s.isEmpty() && FORMULA_STARTS.indexOf(s.charAt(0)) >= 0) {
      return "'" + s;
    }
    return s;
  }
}
