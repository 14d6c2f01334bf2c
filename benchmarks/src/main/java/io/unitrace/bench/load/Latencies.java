package io.unitrace.bench.load;

import java.util.Arrays;
import java.util.List;

/**
 * Response times of one client thread, in nanoseconds, in a fixed array: recording is a store,
 * nothing allocates while measuring, and a thread that outruns the array stops recording rather
 * than growing. Percentiles come from the merged, sorted samples (nearest rank).
 */
final class Latencies {

  record Summary(int count, double p50Ms, double p90Ms, double p99Ms, double p999Ms, double maxMs) {

    @Override
    public String toString() {
      return String.format(
          "p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.2f ms (%,d samples)",
          p50Ms, p90Ms, p99Ms, p999Ms, maxMs, count);
    }
  }

  private final long[] samples;
  private int count;

  Latencies(int capacity) {
    this.samples = new long[capacity];
  }

  void record(long nanos) {
    if (count < samples.length) {
      samples[count++] = nanos;
    }
  }

  int count() {
    return count;
  }

  static Summary merge(List<Latencies> parts) {
    int total = parts.stream().mapToInt(Latencies::count).sum();
    long[] all = new long[total];
    int at = 0;
    for (Latencies p : parts) {
      System.arraycopy(p.samples, 0, all, at, p.count);
      at += p.count;
    }
    Arrays.sort(all);
    return new Summary(
        total,
        ms(rank(all, 0.50)),
        ms(rank(all, 0.90)),
        ms(rank(all, 0.99)),
        ms(rank(all, 0.999)),
        ms(total == 0 ? 0 : all[total - 1]));
  }

  private static long rank(long[] sorted, double quantile) {
    if (sorted.length == 0) {
      return 0;
    }
    int index = (int) Math.ceil(quantile * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  private static double ms(long nanos) {
    return nanos / 1_000_000.0;
  }
}
