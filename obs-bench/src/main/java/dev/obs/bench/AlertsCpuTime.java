package dev.obs.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Measures the CPU time of the benchmark thread per alert evaluation tick and per sampler tick, the
 * figure that stays meaningful when other work loads the machine and JMH's wall-clock times spread.
 * Run: {@code java -cp obs-bench/target/benchmarks.jar dev.obs.bench.AlertsCpuTime}.
 */
public final class AlertsCpuTime {
  private static final int TICKS = 200;

  private AlertsCpuTime() {}

  /**
   * Prints CPU milliseconds per tick for each size, after as many warm-up ticks.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    int[][] sizes = {{500, 2500}, {1000, 2500}, {500, 5000}, {1000, 5000}};
    for (int[] size : sizes) {
      AlertsBenchmark b = new AlertsBenchmark();
      b.rules = size[0];
      b.series = size[1];
      b.setup();
      for (int i = 0; i < TICKS; i++) {
        b.tick();
      }
      long start = threads.getCurrentThreadCpuTime();
      for (int i = 0; i < TICKS; i++) {
        b.tick();
      }
      double ms = (threads.getCurrentThreadCpuTime() - start) / 1e6 / TICKS;
      System.out.printf(
          "alerts %d rules x %d series: %.2f ms CPU per tick%n", size[0], size[1], ms);
    }
    SamplerBenchmark sampler = new SamplerBenchmark();
    sampler.setup();
    try {
      for (int i = 0; i < TICKS; i++) {
        sampler.sample();
      }
      long start = threads.getCurrentThreadCpuTime();
      for (int i = 0; i < TICKS; i++) {
        sampler.sample();
      }
      double ms = (threads.getCurrentThreadCpuTime() - start) / 1e6 / TICKS;
      System.out.printf("sampler: %.2f ms CPU per tick%n", ms);
    } finally {
      sampler.tearDown();
    }
  }
}
