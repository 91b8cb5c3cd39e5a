package dev.intake.cli;

import dev.intake.checklist.Checklist;
import dev.intake.template.TemplateGenerator;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** {@code template OUT.xlsx [--force]}: writes the blank self-assessment workbook. */
final class TemplateCommand implements Command {

  private static final String FORCE = "--force";

  @Override public String name() {
    return "template";
  }

  @Override public String synopsis() {
    return "template OUT.xlsx [--force]";
  }

  @Override public String summary() {
    return "Write the blank self-assessment workbook for checklist " + Checklist.current().version() + ".";
  }

  @Override public String usage() {
    return "Usage: pipeline " + synopsis() + "\n"
        + "\n"
        + summary() + "\n"
        + "Fill it in, then check it with: pipeline validate OUT.xlsx\n"
        + "\n"
        + "Options:\n"
        + "  --force   overwrite OUT.xlsx if it exists (otherwise an existing file is never replaced)\n"
        + "\n"
        + "Exit codes: 0 written, 64 usage error, 73 OUT.xlsx exists or cannot be written.\n";
  }

  @Override public int run(List<String> args, PrintStream out, PrintStream err) throws CliException {
    Arguments a = Arguments.parse(args, Set.of(), Set.of(FORCE));
    if (a.help()) {
      out.print(usage());
      return ExitCodes.OK;
    }
    Path target = Path.of(a.single("output file (OUT.xlsx)"));
    boolean force = a.flag(FORCE);
    OutputFiles.checkWritable(target, force);
    Checklist checklist = Checklist.current();
    OutputFiles.write(target, new TemplateGenerator(checklist).generate(), force);
    out.println("Wrote the blank template for checklist " + checklist.version() + " to " + target);
    return ExitCodes.OK;
  }
}
