package dev.intake.cli;

import dev.intake.model.FindingsReport;
import dev.intake.model.ReportStatus;
import dev.intake.model.Text;
import dev.intake.parsing.ParseOutcome;
import dev.intake.parsing.WorkbookParser;
import dev.intake.report.Evaluator;
import dev.intake.report.Comparison;
import dev.intake.report.ReportJson;
import dev.intake.report.TextReport;
import dev.intake.report.WorkbookAnnotator;
import dev.intake.rules.PageFetcher;
import dev.intake.rules.RuleEngine;
import dev.intake.web.SafePageFetcher;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code validate FILE.xlsx [--as-of YYYY-MM-DD] [--format text|json] [--annotate OUT.xlsx]
 * [--check-urls]}: the pre-flight check a partner runs before uploading. The exit code is the verdict.
 * With {@code --check-urls} the public case-study pages are fetched as the workflow's optional live
 * check does, through the same SSRF-safe fetcher; without it nothing leaves the machine.
 */
final class ValidateCommand implements Command {

  private static final String AS_OF = "--as-of";
  private static final String FORMAT = "--format";
  private static final String ANNOTATE = "--annotate";
  private static final String SINCE = "--since";

  private final Clock clock;
  private final Evaluator evaluator;
  private final WorkbookAnnotator annotator;
  private final Supplier<PageFetcher> pageFetcher;

  ValidateCommand(Clock clock) {
    this(clock, Evaluator.standard(), new WorkbookAnnotator(), SafePageFetcher::new);
  }

  /**
   * @param pageFetcher what {@code --check-urls} fetches pages with (the SSRF-safe fetcher; tests give
   *     one that never goes on the network); asked for only when the option is given
   */
  ValidateCommand(Clock clock, Evaluator evaluator, WorkbookAnnotator annotator, Supplier<PageFetcher> pageFetcher) {
    this.clock = clock;
    this.evaluator = evaluator;
    this.annotator = annotator;
    this.pageFetcher = pageFetcher;
  }

  @Override public String name() {
    return "validate";
  }

  @Override public String synopsis() {
    return "validate FILE.xlsx [--as-of YYYY-MM-DD] [--format text|json] [--annotate OUT.xlsx] [--since OLD.xlsx]"
        + " [--check-urls]";
  }

  @Override public String summary() {
    return "Check a completed workbook against the checklist, as the upload pipeline will.";
  }

  @Override public String usage() {
    return "Usage: pipeline " + synopsis() + "\n"
        + "\n"
        + summary() + "\n"
        + "\n"
        + "Options:\n"
        + "  --as-of YYYY-MM-DD   the date to judge ages and expiries on (default: today, in this computer's\n"
        + "                       time zone)\n"
        + "  --format text|json   the report as text (default) or as the JSON the API serves\n"
        + "  --annotate OUT.xlsx  also write a copy of the workbook with each finding as a comment on its\n"
        + "                       cell and a Findings sheet (replaces OUT.xlsx; never FILE.xlsx itself)\n"
        + "  --since OLD.xlsx     also say what changed since an earlier version of the workbook (\"3 fixed, 1 new\n"
        + "                       since …\", matched by what each finding is about, not by row), in the text\n"
        + "                       report and on the annotated copy's Findings sheet. As in the pipeline, only\n"
        + "                       workbooks that could be checked are compared: if OLD.xlsx is rejected the\n"
        + "                       command stops (65); if FILE.xlsx is, its report comes without a comparison\n"
        + "  --check-urls         also fetch each public case-study page and check it is reachable and names\n"
        + "                       the partner and the customer (off by default; needs internet; never reaches\n"
        + "                       private, loopback, link-local or metadata addresses)\n"
        + "\n"
        + "Exit codes: 0 READY, 1 ACTION_REQUIRED, 2 REJECTED, 64 usage error,\n"
        + "            65 OLD.xlsx (--since) is not a workbook of the template: nothing to compare with,\n"
        + "            66 FILE.xlsx does not exist or cannot be read, 73 OUT.xlsx cannot be written.\n";
  }

  @Override public int run(List<String> args, PrintStream out, PrintStream err) throws CliException {
    Arguments a = Arguments.parse(args, Set.of(AS_OF, FORMAT, ANNOTATE, SINCE), Set.of(Runtimes.CHECK_URLS));
    if (a.help()) {
      out.print(usage());
      return ExitCodes.OK;
    }
    Path file = Path.of(a.single("workbook (FILE.xlsx)"));
    LocalDate asOf = asOf(a);
    boolean json = json(a);
    Path annotate = a.value(ANNOTATE).map(Path::of).orElse(null);
    if (annotate != null) {
      checkAnnotateTarget(file, annotate);
    }

    Evaluator judge = a.flag(Runtimes.CHECK_URLS)
        ? new Evaluator(evaluator.parser(), RuleEngine.standard(evaluator.engine().checklist(), pageFetcher.get()))
        : evaluator;
    WorkbookParser parser = judge.parser();
    byte[] bytes = read(file, parser.limits().maxFileBytes());
    String name = fileName(file);
    ParseOutcome outcome = bytes.length > parser.limits().maxFileBytes()
        ? parse(parser, bytes, name)
        : parser.parse(bytes, name);
    FindingsReport report = judge.evaluate(outcome, asOf, "", null);
    Comparison changes = null;
    if (a.value(SINCE).isPresent()) {
      Path previous = Path.of(a.value(SINCE).get());
      FindingsReport before = earlier(previous, judge, asOf);
      if (report.status() == ReportStatus.REJECTED) {
        err.println("pipeline validate: " + file + " not compared with " + previous + ": it could not be checked,"
            + " and only checked workbooks are compared");
      } else {
        changes = Comparison.of(fileName(previous), modified(previous), before.findings(), report.findings());
      }
    }

    out.print(json ? ReportJson.write(report) + "\n" : TextReport.render(report, changes));
    out.flush();
    if (annotate != null) {
      ParseOutcome.Stats stats = outcome instanceof ParseOutcome.Parsed p ? p.stats() : null;
      WorkbookAnnotator.Annotation annotation = annotator.annotate(bytes, report, stats, changes);
      OutputFiles.write(annotate, annotation.workbook(), true);
      err.println(annotation.annotatedCopy()
          ? "Annotated copy written to " + annotate
          : "Findings workbook written to " + annotate + " (the workbook itself was not annotated: "
              + annotation.note() + ")");
    }
    return ExitCodes.of(report.status());
  }

  /**
   * The earlier version judged on the same day. The pipeline never compares with a file it could not
   * check (nothing in it was read), and neither does this: such a file ends the command.
   */
  private static FindingsReport earlier(Path previous, Evaluator judge, LocalDate asOf) throws CliException {
    WorkbookParser parser = judge.parser();
    byte[] bytes = read(previous, parser.limits().maxFileBytes());
    FindingsReport before = judge.evaluate(parser.parse(bytes, fileName(previous)), asOf, "", null);
    if (before.status() == ReportStatus.REJECTED) {
      String why = before.findings().isEmpty() ? "" : ": " + Text.visible(before.findings().get(0).message());
      throw new CliException(ExitCodes.DATA_ERROR, "cannot compare with " + previous + ": it is not a workbook of"
          + " the template (REJECTED" + why + "), and only checked workbooks are compared; run without --since,"
          + " or give an earlier version that validates");
    }
    return before;
  }

  /** "Since" is the day the earlier file was last modified (UTC). */
  private static LocalDate modified(Path previous) throws CliException {
    try {
      return LocalDate.ofInstant(Files.getLastModifiedTime(previous).toInstant(), ZoneOffset.UTC);
    } catch (IOException e) {
      throw new CliException(ExitCodes.NO_INPUT, "cannot read " + previous + ": " + e.getMessage());
    }
  }

  private static String fileName(Path file) {
    return file.getFileName() == null ? file.toString() : file.getFileName().toString();
  }

  private LocalDate asOf(Arguments a) throws CliException {
    String text = a.value(AS_OF).orElse(null);
    if (text == null) {
      return LocalDate.now(clock);
    }
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw CliException.usage("--as-of '" + text + "' is not a date; write it as YYYY-MM-DD, e.g. 2026-11-01");
    }
  }

  private static boolean json(Arguments a) throws CliException {
    String format = a.value(FORMAT).orElse("text").toLowerCase(Locale.ROOT);
    return switch (format) {
      case "text" -> false;
      case "json" -> true;
      default -> throw CliException.usage("--format must be text or json, not '" + format + "'");
    };
  }

  private static void checkAnnotateTarget(Path file, Path annotate) throws CliException {
    try {
      if (Files.exists(file) && Files.exists(annotate) && Files.isSameFile(file, annotate)) {
        throw CliException.usage("--annotate " + annotate + " is the workbook being checked; give another file"
            + " name so the original is kept");
      }
    } catch (IOException e) {
      // isSameFile could not compare them; the write below reports any real problem.
    }
    OutputFiles.checkWritable(annotate, true);
  }

  /** The file's bytes, at most one more than {@code max} (more than that is rejected unread). */
  private static byte[] read(Path file, long max) throws CliException {
    if (Files.isDirectory(file)) {
      throw new CliException(ExitCodes.NO_INPUT, file + " is a folder, not a workbook");
    }
    try (InputStream in = Files.newInputStream(file)) {
      return in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
    } catch (NoSuchFileException e) {
      throw new CliException(ExitCodes.NO_INPUT, file + ": no such file");
    } catch (AccessDeniedException e) {
      throw new CliException(ExitCodes.NO_INPUT, "cannot read " + file + ": permission denied");
    } catch (IOException e) {
      throw new CliException(ExitCodes.NO_INPUT, "cannot read " + file + ": " + e.getMessage());
    }
  }

  /** A file over the size limit: the parser's stream entry point reports it without the exact size. */
  private static ParseOutcome parse(WorkbookParser parser, byte[] truncated, String name) throws CliException {
    try {
      return parser.parse(new ByteArrayInputStream(truncated), name);
    } catch (IOException e) {
      throw new CliException(ExitCodes.SOFTWARE, "reading " + name + " from memory failed: " + e.getMessage());
    }
  }
}
