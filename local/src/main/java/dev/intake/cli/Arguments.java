package dev.intake.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A command's arguments: {@code --name value} or {@code --name=value} options, flags, and the
 * positional arguments, in any order; {@code --} ends the options; {@code -h}/{@code --help} asks
 * for help. Anything else starting with {@code -} is a usage error.
 */
public final class Arguments {

  private final List<String> positionals;
  private final Map<String, String> values;
  private final Set<String> flags;
  private final boolean help;

  private Arguments(List<String> positionals, Map<String, String> values, Set<String> flags, boolean help) {
    this.positionals = List.copyOf(positionals);
    this.values = Map.copyOf(values);
    this.flags = Set.copyOf(flags);
    this.help = help;
  }

  /**
   * @param valued options that take a value, e.g. {@code "--as-of"}
   * @param allowedFlags options without a value, e.g. {@code "--force"}
   */
  public static Arguments parse(List<String> args, Set<String> valued, Set<String> allowedFlags)
      throws CliException {
    List<String> positionals = new ArrayList<>();
    Map<String, String> values = new HashMap<>();
    Set<String> flags = new HashSet<>();
    boolean help = false;
    boolean optionsEnded = false;
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (optionsEnded || !a.startsWith("-") || a.equals("-")) {
        positionals.add(a);
        continue;
      }
      if (a.equals("--")) {
        optionsEnded = true;
        continue;
      }
      if (a.equals("-h") || a.equals("--help")) {
        help = true;
        continue;
      }
      int eq = a.indexOf('=');
      String name = eq > 0 ? a.substring(0, eq) : a;
      if (valued.contains(name)) {
        String value;
        if (eq > 0) {
          value = a.substring(eq + 1);
        } else if (i + 1 < args.size()) {
          value = args.get(++i);
        } else {
          throw CliException.usage("option " + name + " needs a value");
        }
        if (values.putIfAbsent(name, value) != null) {
          throw CliException.usage("option " + name + " is given more than once");
        }
      } else if (allowedFlags.contains(name) && eq < 0) {
        flags.add(name);
      } else if (allowedFlags.contains(name)) {
        throw CliException.usage("option " + name + " takes no value");
      } else {
        throw CliException.usage("unknown option " + name);
      }
    }
    return new Arguments(positionals, values, flags, help);
  }

  public List<String> positionals() {
    return positionals;
  }

  public Optional<String> value(String option) {
    return Optional.ofNullable(values.get(option));
  }

  public boolean flag(String option) {
    return flags.contains(option);
  }

  public boolean help() {
    return help;
  }

  /** The only positional argument, named {@code what} in the message when it is missing or repeated. */
  public String single(String what) throws CliException {
    if (positionals.isEmpty()) {
      throw CliException.usage("missing " + what);
    }
    if (positionals.size() > 1) {
      throw CliException.usage("expected one " + what + ", got " + positionals.size() + ": "
          + String.join(" ", positionals));
    }
    return positionals.get(0);
  }
}
