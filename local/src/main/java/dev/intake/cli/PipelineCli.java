package dev.intake.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code ./pipeline}: the command line. Each sub-command is a {@link Command} in a name → command
 * map; {@link #register} adds one. {@link #run} is the whole program without touching
 * {@code System.out}, {@code System.err} or {@code System.exit}, so tests call it directly.
 */
public final class PipelineCli {

  private static final Set<String> HELP = Set.of("help", "--help", "-h");
  private static final String LOG_CONFIG = "dev/intake/cli/log4j2-cli.xml";
  private static final String RUNTIME_LOG_CONFIG = "dev/intake/cli/log4j2-runtime.xml";
  private static final Set<String> RUNTIME_COMMANDS = Set.of("serve", "demo", "load");

  private final Map<String, Command> commands = new LinkedHashMap<>();

  /**
   * The standard commands.
   *
   * @param clock gives today's date for {@code validate} without {@code --as-of}: the date in the
   *     clock's zone ({@code main} uses the system default zone, i.e. the partner's local date)
   */
  public PipelineCli(Clock clock) {
    register(new TemplateCommand());
    register(new ValidateCommand(clock));
    register(new DemoCommand(Clock.systemUTC()));
    register(new ServeCommand());
    register(new UploadCommand());
    register(new TokenCommand());
    register(new DigestCommand());
    register(new LoadCommand());
  }

  /** Adds a command, or replaces the one of the same name. */
  public PipelineCli register(Command command) {
    if (HELP.contains(command.name())) {
      throw new IllegalArgumentException("'" + command.name() + "' is reserved for help");
    }
    commands.put(command.name(), command);
    return this;
  }

  public static void main(String[] args) {
    // The CLI's own logging: warnings and errors on stderr, so stdout carries only the report; the
    // long-running commands log to a file in their data folder instead. Set before any logger exists.
    if (System.getProperty("log4j2.configurationFile") == null) {
      if (args.length > 0 && RUNTIME_COMMANDS.contains(args[0])) {
        System.setProperty("pipeline.log.file", logFile(args).toString());
        System.setProperty("log4j2.configurationFile", RUNTIME_LOG_CONFIG);
      } else {
        System.setProperty("log4j2.configurationFile", LOG_CONFIG);
      }
    }
    PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
    int code = new PipelineCli(Clock.systemDefaultZone()).run(args, out, err);
    out.flush();
    err.flush();
    System.exit(code);
  }

  /** DATA/logs/pipeline.log, DATA from --data or the command's default folder. */
  static java.nio.file.Path logFile(String[] args) {
    java.nio.file.Path data = null;
    for (int i = 1; i < args.length; i++) {
      if (args[i].equals(Runtimes.DATA) && i + 1 < args.length) {
        data = java.nio.file.Path.of(args[i + 1]);
      } else if (args[i].startsWith(Runtimes.DATA + "=")) {
        data = java.nio.file.Path.of(args[i].substring(Runtimes.DATA.length() + 1));
      }
    }
    if (data == null) {
      data = args[0].equals("serve") ? Runtimes.defaultRoot() : Runtimes.defaultRoot().resolve(args[0] + "-logs");
    }
    return data.toAbsolutePath().resolve(Runtimes.LOGS).resolve("pipeline.log");
  }

  /** Runs one command line and returns its exit code (see {@link ExitCodes}). */
  public int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 0) {
      err.print(usage());
      return ExitCodes.USAGE;
    }
    String name = args[0];
    List<String> rest = Arrays.asList(args).subList(1, args.length);
    if (HELP.contains(name)) {
      return help(rest, out, err);
    }
    Command command = commands.get(name);
    if (command == null) {
      err.println("pipeline: unknown command '" + name + "'");
      err.print(usage());
      return ExitCodes.USAGE;
    }
    try {
      return command.run(rest, out, err);
    } catch (CliException e) {
      err.println("pipeline " + name + ": " + e.getMessage());
      if (e.exitCode() == ExitCodes.USAGE) {
        err.print(command.usage());
      }
      return e.exitCode();
    } catch (RuntimeException e) {
      err.println("pipeline " + name + ": internal error: " + e);
      return ExitCodes.SOFTWARE;
    }
  }

  private int help(List<String> rest, PrintStream out, PrintStream err) {
    if (rest.isEmpty()) {
      out.print(usage());
      return ExitCodes.OK;
    }
    Command command = commands.get(rest.get(0));
    if (command == null) {
      err.println("pipeline help: unknown command '" + rest.get(0) + "'");
      err.print(usage());
      return ExitCodes.USAGE;
    }
    out.print(command.usage());
    return ExitCodes.OK;
  }

  /** The overview: every registered command, then the exit codes. */
  public String usage() {
    StringBuilder s = new StringBuilder("Usage: pipeline <command> [arguments]\n\n")
        .append("Checks AWS DevOps Competency self-assessment workbooks against the validation checklist.\n\n")
        .append("Commands:\n");
    for (Command c : commands.values()) {
      s.append("  ").append(c.synopsis()).append('\n').append("      ").append(c.summary()).append('\n');
    }
    s.append("  help [COMMAND]\n      Show this help, or one command's.\n\n")
        .append("Exit codes: 0 READY (or done), 1 ACTION_REQUIRED, 2 REJECTED, 64 usage error,\n")
        .append("            66 input file missing or unreadable, 73 output file cannot be written.\n");
    return s.toString();
  }
}
