package io.unitrace.bench.load;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Registers serialized units over HTTP the way an opening-stock import or a commissioning line
 * does: {@code POST /api/v1/units} with thousands of units per request, signed in with a scanner
 * token, each request with its own Idempotency-Key. Requests are spread over {@code streams}
 * concurrent senders; the figure is units registered per second of wall-clock time.
 */
final class BulkRegistration {

  record Result(int units, int requests, int streams, double seconds) {

    double unitsPerSecond() {
      return units / seconds;
    }

    @Override
    public String toString() {
      return String.format(
          "%,d units in %,d requests over %d stream(s) in %.1f s: %,.0f units/s",
          units, requests, streams, seconds, unitsPerSecond());
    }
  }

  private BulkRegistration() {}

  /**
   * Serial number {@code i} of a series: the prefix and a zero-padded counter, at most 20
   * characters.
   */
  static String serial(String prefix, int i) {
    return prefix + String.format("%08d", i);
  }

  static Result register(
      Terminal scanner,
      BenchSite site,
      String location,
      String serialPrefix,
      int units,
      int perRequest,
      int streams) {
    int requests = (units + perRequest - 1) / perRequest;
    AtomicInteger next = new AtomicInteger();
    AtomicReference<RuntimeException> failure = new AtomicReference<>();
    List<Thread> senders = new ArrayList<>(streams);
    long start = System.nanoTime();
    for (int s = 0; s < streams; s++) {
      Thread t =
          new Thread(
              () -> {
                for (int r = next.getAndIncrement();
                    r < requests && failure.get() == null;
                    r = next.getAndIncrement()) {
                  int from = r * perRequest;
                  int to = Math.min(units, from + perRequest);
                  try {
                    Terminal.Reply reply =
                        scanner.post(
                            "/api/v1/units",
                            body(site, location, serialPrefix, from, to),
                            serialPrefix + "-" + r);
                    if (reply.status() != 201) {
                      throw new Terminal.Refused(
                          "registration of " + serial(serialPrefix, from) + "…", reply);
                    }
                    int counted = BenchSite.read(reply).path("unitCount").asInt();
                    if (counted != to - from) {
                      throw new IllegalStateException(
                          "the server registered " + counted + " units, not " + (to - from));
                    }
                  } catch (RuntimeException e) {
                    failure.compareAndSet(null, e);
                  }
                }
              },
              "registration-" + s);
      senders.add(t);
      t.start();
    }
    for (Thread t : senders) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    if (failure.get() != null) {
      throw failure.get();
    }
    return new Result(units, requests, streams, seconds);
  }

  private static String body(
      BenchSite site, String location, String serialPrefix, int from, int to) {
    StringBuilder b = new StringBuilder(64 + (to - from) * 56);
    b.append("{\"location\":\"")
        .append(location)
        .append("\",\"reason\":\"OPENING_STOCK\",\"units\":[");
    for (int i = from; i < to; i++) {
      if (i > from) {
        b.append(',');
      }
      b.append("{\"gtin\":\"")
          .append(site.gtin())
          .append("\",\"serial\":\"")
          .append(serial(serialPrefix, i))
          .append("\"}");
    }
    return b.append("]}").toString();
  }
}
