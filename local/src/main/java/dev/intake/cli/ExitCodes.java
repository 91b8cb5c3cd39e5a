package dev.intake.cli;

import dev.intake.model.ReportStatus;

/**
 * The CLI's exit codes: the verdict for {@code validate}, else the BSD {@code sysexits.h} codes, so
 * scripts can tell "the workbook needs work" (1) from "the command was wrong" (64).
 */
public final class ExitCodes {

  /** The command succeeded; for {@code validate}, the workbook is READY. */
  public static final int OK = 0;
  /** {@code validate}: the workbook has blockers. */
  public static final int ACTION_REQUIRED = 1;
  /** {@code validate}: the file is not a readable workbook of the template. */
  public static final int REJECTED = 2;
  /** EX_USAGE: unknown command or option, a missing or malformed argument. */
  public static final int USAGE = 64;
  /**
   * EX_DATAERR: an input is readable but not what the command needs ({@code validate --since}: the
   * earlier file is not a workbook of the template, so there is nothing to compare with).
   */
  public static final int DATA_ERROR = 65;
  /** EX_NOINPUT: the input file does not exist or cannot be read. */
  public static final int NO_INPUT = 66;
  /** EX_UNAVAILABLE: a service the command needs is missing (Node.js, a free port, a running pipeline). */
  public static final int UNAVAILABLE = 69;
  /** EX_SOFTWARE: a bug; the message says what failed. */
  public static final int SOFTWARE = 70;
  /** EX_CANTCREAT: an output file cannot be written (exists without --force, no such folder, no permission). */
  public static final int CANT_CREATE = 73;

  private ExitCodes() {
  }

  public static int of(ReportStatus status) {
    return switch (status) {
      case READY -> OK;
      case ACTION_REQUIRED -> ACTION_REQUIRED;
      case REJECTED -> REJECTED;
    };
  }
}
