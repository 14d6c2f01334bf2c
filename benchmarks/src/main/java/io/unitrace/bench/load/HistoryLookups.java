package io.unitrace.bench.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.SplittableRandom;

/**
 * Unit history lookups, {@code GET /api/v1/units/01/{gtin}/21/{serial}/history}, for units drawn at
 * random from a large site, as a returns desk or a recall query asks them. The first answers of
 * each client are checked to hold the whole history (registration plus every move).
 */
final class HistoryLookups {

  private HistoryLookups() {}

  static ClosedLoop.Result run(
      HttpClient http,
      URI base,
      BenchSite site,
      String serialPrefix,
      int units,
      int expectedEntries,
      int clients,
      Duration warmUp,
      Duration measured,
      CpuMeter meter) {
    Terminal scanner = Terminal.bearer(http, base, site.token());
    return ClosedLoop.run(
        clients,
        c ->
            new Lookup(
                scanner,
                site,
                serialPrefix,
                units,
                expectedEntries,
                new SplittableRandom(31L * c + 7)),
        warmUp,
        measured,
        1_000_000,
        meter);
  }

  private record Lookup(
      Terminal scanner,
      BenchSite site,
      String serialPrefix,
      int units,
      int expectedEntries,
      SplittableRandom random)
      implements ClosedLoop.Client {

    @Override
    public Terminal.Reply next(int iteration) {
      String serial = BulkRegistration.serial(serialPrefix, random.nextInt(units));
      Terminal.Reply reply = scanner.get(site.unitPath(serial) + "/history");
      if (iteration < 20 && reply.ok()) {
        int entries = BenchSite.read(reply).path("items").size();
        if (entries != expectedEntries) {
          throw new IllegalStateException(
              "unit " + serial + " has " + entries + " history entries, not " + expectedEntries);
        }
      }
      return reply;
    }
  }
}
