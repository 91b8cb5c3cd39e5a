package dev.intake.cli;

import java.io.PrintStream;
import java.util.List;

/**
 * One sub-command of {@code ./pipeline}. A new command is a class implementing this, registered
 * with {@link PipelineCli#register}.
 */
public interface Command {

  /** The word that selects it: {@code ./pipeline NAME ...}. */
  String name();

  /** Its synopsis for the overview, e.g. {@code "template OUT.xlsx [--force]"}. */
  String synopsis();

  /** One line saying what it does. */
  String summary();

  /** The full help: synopsis, options, exit codes. */
  String usage();

  /**
   * Runs it.
   *
   * @param args the arguments after the command name
   * @param out the report or result (what a script would capture)
   * @param err progress and problems
   * @return the exit code
   * @throws CliException to end with a message and an exit code ({@link CliException#usage} for 64)
   */
  int run(List<String> args, PrintStream out, PrintStream err) throws CliException;
}
