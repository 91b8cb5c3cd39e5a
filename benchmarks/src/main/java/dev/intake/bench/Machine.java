package dev.intake.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** What the report says about the machine, read from /proc where there is one. */
final class Machine {

  private Machine() {
  }

  static String cpu() {
    return field("/proc/cpuinfo", "model name").orElse(System.getProperty("os.arch"));
  }

  static int cores() {
    return Runtime.getRuntime().availableProcessors();
  }

  static String ramGb() {
    return field("/proc/meminfo", "MemTotal")
        .map(v -> String.format(Locale.ROOT, "%.1f", Long.parseLong(v.replaceAll("[^0-9]", "")) / 1024.0 / 1024.0))
        .orElse("?");
  }

  private static java.util.Optional<String> field(String file, String name) {
    try {
      for (String line : Files.readAllLines(Path.of(file))) {
        if (line.startsWith(name)) {
          return java.util.Optional.of(line.substring(line.indexOf(':') + 1).strip());
        }
      }
    } catch (IOException | RuntimeException e) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.empty();
  }
}
