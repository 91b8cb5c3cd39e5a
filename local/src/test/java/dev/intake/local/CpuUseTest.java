package dev.intake.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class CpuUseTest {

  @Test
  void between_poolThreadsThatWorked_areOneLineByNameAndTheTotalIsSplitPerSubmission() throws Exception {
    CountDownLatch worked = new CountDownLatch(2);
    CountDownLatch measured = new CountDownLatch(1);
    Runnable work = () -> {
      spinCpu(150_000_000L);
      worked.countDown();
      await(measured);
    };
    Thread a = new Thread(work, "pool-3-thread-1");
    Thread b = new Thread(work, "pool-3-thread-2");
    CpuUse.Reading before = CpuUse.now();
    a.start();
    b.start();
    worked.await();
    // Read while the threads are alive, as a pool's threads outlive the run they are measured for.
    CpuUse.Reading after = CpuUse.now();
    measured.countDown();
    a.join();
    b.join();

    String line = CpuUse.between(before, after, 10);

    assertThat(line).startsWith("CPU in the run: ").contains("ms a submission", "this JVM",
        "JIT compiler + GC + other JVM threads");
    assertThat(line.split("pool-N-thread-N ", -1)).hasSize(2);
    double seconds = Double.parseDouble(line.replaceAll(".*pool-N-thread-N ([0-9.]+) s.*", "$1"));
    assertThat(seconds).isGreaterThanOrEqualTo(0.3);
  }

  /** Runs until this thread has used {@code nanos} of CPU time, however busy the machine is. */
  private static void spinCpu(long nanos) {
    var threads = ManagementFactory.getThreadMXBean();
    long start = threads.getCurrentThreadCpuTime();
    long x = 0;
    while (threads.getCurrentThreadCpuTime() - start < nanos) {
      for (int i = 0; i < 10_000; i++) {
        x += i ^ x;
      }
    }
    if (x == 42) {
      System.err.print("");
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
