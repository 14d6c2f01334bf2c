package io.unitrace.bench.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;

/**
 * Single-unit moves from many scanners at once: {@code clients} threads, each with its own units
 * (so no two clients ever touch the same unit), each moving its units one after another to the next
 * bin of the site: {@code POST /api/v1/units/01/{gtin}/21/{serial}/move} with the scanner's token
 * and, unless switched off, an Idempotency-Key per scan, as a handheld sends them.
 */
final class MoveLoad {

  private MoveLoad() {}

  static ClosedLoop.Result run(
      HttpClient http,
      URI base,
      BenchSite site,
      int clients,
      int unitsPerClient,
      Duration warmUp,
      Duration measured,
      boolean idempotencyKeys,
      CpuMeter meter) {
    Terminal scanner = Terminal.bearer(http, base, site.token());
    String prefix = "M" + Long.toString(System.nanoTime() % 1_000_000, 36).toUpperCase();
    BulkRegistration.register(
        scanner, site, site.bins().get(0), prefix, clients * unitsPerClient, 10_000, 1);
    return ClosedLoop.run(
        clients,
        c -> new Mover(scanner, site, prefix, c * unitsPerClient, unitsPerClient, idempotencyKeys),
        warmUp,
        measured,
        1_000_000,
        meter);
  }

  /**
   * One scanner: walks its own units round-robin, moving each to the bin after the one it is in.
   */
  private static final class Mover implements ClosedLoop.Client {

    private final Terminal scanner;
    private final BenchSite site;
    private final String[] paths;
    private final int[] binOf;
    private final String keyPrefix = UUID.randomUUID().toString().substring(0, 8) + "-";
    private final boolean idempotencyKeys;

    Mover(
        Terminal scanner,
        BenchSite site,
        String serialPrefix,
        int first,
        int count,
        boolean idempotencyKeys) {
      this.idempotencyKeys = idempotencyKeys;
      this.scanner = scanner;
      this.site = site;
      this.paths = new String[count];
      for (int i = 0; i < count; i++) {
        paths[i] = site.unitPath(BulkRegistration.serial(serialPrefix, first + i)) + "/move";
      }
      this.binOf = new int[count];
      Arrays.fill(binOf, 0);
    }

    @Override
    public Terminal.Reply next(int iteration) {
      int u = iteration % paths.length;
      int to = (binOf[u] + 1) % site.bins().size();
      String body = "{\"location\":\"" + site.bins().get(to) + "\"}";
      Terminal.Reply reply =
          idempotencyKeys
              ? scanner.post(paths[u], body, keyPrefix + iteration)
              : scanner.post(paths[u], body);
      if (reply.ok()) {
        binOf[u] = to;
      }
      return reply;
    }
  }
}
