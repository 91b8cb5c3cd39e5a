package dev.intake.cli;

/** Ends a command with an exit code and a one-line message for stderr. */
public class CliException extends Exception {

  private static final long serialVersionUID = 1L;

  private final int exitCode;

  public CliException(int exitCode, String message) {
    super(message, null, false, false);
    this.exitCode = exitCode;
  }

  /** A usage error (exit 64): the command's usage is printed after the message. */
  public static CliException usage(String message) {
    return new CliException(ExitCodes.USAGE, message);
  }

  public int exitCode() {
    return exitCode;
  }
}
