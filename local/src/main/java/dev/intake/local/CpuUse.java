package dev.intake.local;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where the CPU time of a load run went: this JVM's threads by name (numbers after a '-' or '#' left
 * out, so a pool is one line), the rest of the JVM (the JIT compiler, the garbage collector, threads that ended), and
 * the processes it started (dynalite). A load run on two cores is bound by CPU, so this is the
 * profile that says what holds its throughput.
 */
public final class CpuUse {

  /** The CPU times at one moment. */
  public record Reading(long processNanos, Map<Long, String> names, Map<Long, Long> threadNanos,
      Map<String, Long> childNanos) {
  }

  private CpuUse() {
  }

  public static Reading now() {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    Map<Long, String> names = new HashMap<>();
    Map<Long, Long> times = new HashMap<>();
    long[] ids = threads.getAllThreadIds();
    ThreadInfo[] infos = threads.getThreadInfo(ids);
    for (int i = 0; i < ids.length; i++) {
      long cpu = threads.isThreadCpuTimeSupported() ? threads.getThreadCpuTime(ids[i]) : -1;
      if (infos[i] != null && cpu >= 0) {
        names.put(ids[i], infos[i].getThreadName().replaceAll("(?<=[-#])[0-9]+", "N"));
        times.put(ids[i], cpu);
      }
    }
    Map<String, Long> children = new HashMap<>();
    ProcessHandle.current().descendants().forEach(p -> p.info().totalCpuDuration().ifPresent(cpu -> {
      String command = p.info().commandLine().orElse(p.info().command().orElse("pid " + p.pid()));
      children.merge(command.contains("dynalite") ? "dynalite (node)" : command, cpu.toNanos(), Long::sum);
    }));
    long process = ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
        ? os.getProcessCpuTime() : -1;
    return new Reading(process, names, times, children);
  }

  /** The CPU spent between two readings, as one line for {@code submissions} submissions. */
  public static String between(Reading before, Reading after, int submissions) {
    Map<String, Long> byName = new LinkedHashMap<>();
    long threadsTotal = 0;
    for (Map.Entry<Long, Long> t : after.threadNanos().entrySet()) {
      long spent = t.getValue() - before.threadNanos().getOrDefault(t.getKey(), 0L);
      byName.merge(after.names().get(t.getKey()), spent, Long::sum);
      threadsTotal += spent;
    }
    long jvm = after.processNanos() - before.processNanos();
    long children = 0;
    Map<String, Long> byChild = new LinkedHashMap<>();
    for (Map.Entry<String, Long> c : after.childNanos().entrySet()) {
      long spent = c.getValue() - before.childNanos().getOrDefault(c.getKey(), 0L);
      byChild.put(c.getKey(), spent);
      children += spent;
    }
    long total = jvm + children;
    StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
        "CPU in the run: %.1f s (%.0f ms a submission); this JVM %.1f s: ", seconds(total),
        total / 1e6 / Math.max(1, submissions), seconds(jvm)));
    List<Map.Entry<String, Long>> sorted = byName.entrySet().stream()
        .filter(e -> e.getValue() >= 50_000_000L)
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).toList();
    for (Map.Entry<String, Long> e : sorted) {
      line.append(String.format(Locale.ROOT, "%s %.1f s, ", e.getKey(), seconds(e.getValue())));
    }
    line.append(String.format(Locale.ROOT, "JIT compiler + GC + other JVM threads %.1f s",
        seconds(jvm - threadsTotal)));
    for (Map.Entry<String, Long> c : byChild.entrySet()) {
      line.append(String.format(Locale.ROOT, "; %s %.1f s", c.getKey(), seconds(c.getValue())));
    }
    return line.toString();
  }

  private static double seconds(long nanos) {
    return Duration.ofNanos(nanos).toMillis() / 1000.0;
  }
}
