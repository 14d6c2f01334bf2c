package io.unitrace.bench.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

/**
 * Closed-loop load: each of N client threads sends one request, waits for the answer, sends the
 * next, like a scanner operator who scans as soon as the last beep came. The run has a warm-up
 * (JIT, connection pools, caches) and then a measured window of fixed length; a request counts in
 * the window when its answer arrives inside it. Every loop is bounded twice: by the window's end
 * and by a maximum number of requests per client.
 */
final class ClosedLoop {

  /** One client's next request; {@code iteration} counts from 0. */
  interface Client {
    Terminal.Reply next(int iteration);
  }

  record Result(
      int clients,
      long completed,
      long errors,
      double seconds,
      Latencies.Summary latency,
      String firstError,
      CpuMeter.Usage cpu) {

    double perSecond() {
      return completed / seconds;
    }

    @Override
    public String toString() {
      return String.format(
          "%d clients, %,d answers in %.0f s: %,.0f/s; %s; %,d errors%s",
          clients,
          completed,
          seconds,
          perSecond(),
          latency,
          errors,
          firstError == null ? "" : " (first: " + firstError + ")");
    }
  }

  private ClosedLoop() {}

  static Result run(
      int clients,
      IntFunction<Client> newClient,
      Duration warmUp,
      Duration measured,
      int maxRequestsPerClient,
      CpuMeter meter) {
    List<Client> all = new ArrayList<>(clients);
    for (int i = 0; i < clients; i++) {
      all.add(newClient.apply(i));
    }
    int capacity = (int) Math.min(maxRequestsPerClient, 5_000L * Math.max(1, measured.toSeconds()));
    List<Latencies> latencies = new ArrayList<>(clients);
    AtomicLong completed = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    AtomicReference<String> firstError = new AtomicReference<>();
    CountDownLatch ready = new CountDownLatch(clients);
    CountDownLatch go = new CountDownLatch(1);
    long[] window = new long[2];
    List<Thread> threads = new ArrayList<>(clients);
    CpuMeter.Usage usage;
    for (int c = 0; c < clients; c++) {
      Client client = all.get(c);
      Latencies mine = new Latencies(capacity);
      latencies.add(mine);
      Thread t =
          new Thread(
              () -> {
                ready.countDown();
                try {
                  go.await();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  return;
                }
                long windowStart = window[0];
                long windowEnd = window[1];
                for (int i = 0; i < maxRequestsPerClient; i++) {
                  long sent = System.nanoTime();
                  if (sent >= windowEnd) {
                    break;
                  }
                  boolean ok;
                  String problem = null;
                  try {
                    Terminal.Reply reply = client.next(i);
                    ok = reply.ok();
                    if (!ok) {
                      problem = "HTTP " + reply.status() + ": " + Terminal.abbreviate(reply.body());
                    }
                  } catch (RuntimeException e) {
                    ok = false;
                    problem = e.toString();
                  }
                  long answered = System.nanoTime();
                  if (!ok) {
                    errors.incrementAndGet();
                    firstError.compareAndSet(null, problem);
                  } else if (answered >= windowStart && answered < windowEnd) {
                    completed.incrementAndGet();
                    mine.record(answered - sent);
                  }
                }
              },
              "client-" + c);
      threads.add(t);
      t.start();
    }
    try {
      ready.await();
      long now = System.nanoTime();
      window[0] = now + warmUp.toNanos();
      window[1] = window[0] + measured.toNanos();
      go.countDown();
      // The main thread only reads the CPU counters at the window's edges.
      until(window[0]);
      CpuMeter.Snapshot before = meter.snapshot();
      until(window[1]);
      usage = CpuMeter.between(before, meter.snapshot());
      for (Thread t : threads) {
        t.join(warmUp.plus(measured).plusMinutes(2).toMillis());
        if (t.isAlive()) {
          throw new IllegalStateException(t.getName() + " did not stop after the measured window");
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
    return new Result(
        clients,
        completed.get(),
        errors.get(),
        measured.toNanos() / 1e9,
        Latencies.merge(latencies),
        firstError.get(),
        usage);
  }

  /** Parks the calling thread until {@code System.nanoTime()} reaches {@code deadline}. */
  private static void until(long deadline) {
    for (long left = deadline - System.nanoTime(); left > 0; left = deadline - System.nanoTime()) {
      LockSupport.parkNanos(left);
    }
  }
}
