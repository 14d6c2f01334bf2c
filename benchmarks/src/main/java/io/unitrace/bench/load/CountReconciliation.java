package io.unitrace.bench.load;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import tools.jackson.databind.JsonNode;

/**
 * Cycle counts (BENCHMARKS.md, "Cycle counts"): closing a counted location of {@code --serials}
 * units (10,000) is the reconciliation: what the ledger holds there is read and compared with every
 * serial scanned, and each discrepancy is named and stored. The server jar runs on the given
 * database; one bin holds the counted units and another {@code --other-units} (100,000), so the
 * location's read runs on a table of some size. Each run opens a fresh count of the bin, scans all
 * serials but ten over HTTP (8 clients), then times {@code POST .../locations/{code}/done}. Raw SQL
 * in the same run: the same comparison as one statement — the units recorded in the bin in the
 * building, full outer join the serials counted, the differences listed.
 *
 * <pre>
 * java -cp benchmarks.jar io.unitrace.bench.load.CountReconciliation --jar server.jar \
 *   --jdbc jdbc:postgresql://127.0.0.1:5432/db --jdbc-user postgres [--serials 10000] [--runs 3]
 * </pre>
 */
public final class CountReconciliation {

  private static final int MISSING = 10;

  public static void main(String[] args) throws Exception {
    Map<String, String> o = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      o.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    int serials = Integer.parseInt(o.getOrDefault("serials", "10000"));
    int others = Integer.parseInt(o.getOrDefault("other-units", "100000"));
    int runs = Integer.parseInt(o.getOrDefault("runs", "3"));
    String password = "count-" + Long.toHexString(System.nanoTime());
    ServerProcess server =
        new ServerProcess(
            o.get("jar"),
            o.get("jdbc"),
            o.getOrDefault("jdbc-user", ""),
            password,
            ServerProcess.freePort(),
            "unitrace-counts-");
    server.start(Map.of());
    try {
      Terminal admin = Terminal.basic(Terminal.client(), server.base(), "admin", password);
      BenchSite site = BenchSite.create(admin, "CNT", 2);
      Terminal scanner = Terminal.bearer(Terminal.client(), server.base(), site.token());
      String bin = site.bins().get(0);
      register(scanner, site, site.bins().get(1), "O", others);
      register(scanner, site, bin, "S", serials);

      double[] http = new double[runs];
      double[] raw = new double[runs];
      for (int r = -1; r < runs; r++) {
        JsonNode count =
            BenchSite.read(
                scanner.postOk(
                    "/api/v1/counts",
                    BenchSite.json(
                        Map.of("warehouse", site.warehouse(), "locations", List.of(bin)))));
        long id = count.path("id").asLong();
        scanAll(scanner, site, id, bin, serials - MISSING);
        long t0 = System.nanoTime();
        JsonNode done =
            BenchSite.read(
                scanner.postOk("/api/v1/counts/" + id + "/locations/" + bin + "/done", "{}"));
        double ms = (System.nanoTime() - t0) / 1e6;
        JsonNode view = BenchSite.read(scanner.getOk("/api/v1/counts/" + id));
        long missing = view.path("summary").path("MISSING").asLong();
        if (missing != MISSING) {
          throw new IllegalStateException(
              "count " + id + " found " + missing + " missing, not " + MISSING + ": " + done);
        }
        double rawMs = rawComparison(o, site.tenantId(), id);
        System.out.printf(
            "run %d%s: %,d serials scanned, done (reconciled, %d MISSING) in %.0f ms; raw SQL %.0f ms%n",
            r, r < 0 ? " (warm-up)" : "", serials - MISSING, missing, ms, rawMs);
        if (r >= 0) {
          http[r] = ms;
          raw[r] = rawMs;
        }
      }
      Arrays.sort(http);
      Arrays.sort(raw);
      System.out.printf(
          "Reconcile a location of %,d serials (%,d scanned, %,d other units in the client): median %.0f ms, max %.0f ms over %d runs; raw SQL median %.0f ms. Target < 1 s: %s%n",
          serials,
          serials - MISSING,
          others,
          http[http.length / 2],
          http[http.length - 1],
          runs,
          raw[raw.length / 2],
          http[http.length / 2] < 1000 ? "MET" : "MISSED");
    } finally {
      server.stop(false);
    }
  }

  private static void register(
      Terminal scanner, BenchSite site, String location, String prefix, int n) {
    for (int from = 0; from < n; from += 10_000) {
      List<Map<String, Object>> units = new ArrayList<>();
      for (int i = from; i < Math.min(n, from + 10_000); i++) {
        units.add(Map.of("gtin", site.gtin(), "serial", prefix + i));
      }
      scanner.postOk("/api/v1/units", BenchSite.json(Map.of("location", location, "units", units)));
    }
  }

  /** Scans serials S0 … S{n-1} into the count's location, 8 clients at once. */
  private static void scanAll(Terminal scanner, BenchSite site, long id, String bin, int n)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> all = new ArrayList<>();
      for (int c = 0; c < 8; c++) {
        int client = c;
        all.add(
            pool.submit(
                () -> {
                  for (int i = client; i < n; i += 8) {
                    scanner.postOk(
                        "/api/v1/counts/" + id + "/locations/" + bin + "/scans",
                        BenchSite.json(Map.of("gtin", site.gtin(), "serial", "S" + i)));
                  }
                }));
      }
      for (Future<?> f : all) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
  }

  /** The same comparison as one statement: recorded here and not counted, or the other way. */
  private static double rawComparison(Map<String, String> o, long tenantId, long countId)
      throws Exception {
    try (Connection c =
        DriverManager.getConnection(
            o.get("jdbc"), o.getOrDefault("jdbc-user", ""), o.getOrDefault("jdbc-password", ""))) {
      long task;
      long location;
      try (PreparedStatement st =
          c.prepareStatement("SELECT id, location_id FROM count_task WHERE count_id = ?")) {
        st.setLong(1, countId);
        try (ResultSet rs = st.executeQuery()) {
          rs.next();
          task = rs.getLong(1);
          location = rs.getLong(2);
        }
      }
      long t0 = System.nanoTime();
      int differences = 0;
      try (PreparedStatement st =
          c.prepareStatement(
              """
              SELECT u.serial, s.serial FROM
                (SELECT gtin, serial FROM unit WHERE tenant_id = ? AND location_id = ?
                   AND state IN ('RECEIVED', 'STORED', 'ALLOCATED', 'PICKED', 'PACKED', 'RETURNED', 'IN_REPAIR')) u
                FULL OUTER JOIN (SELECT gtin, serial FROM count_serial WHERE task_id = ?) s
                ON s.gtin = u.gtin AND s.serial = u.serial
              WHERE u.serial IS NULL OR s.serial IS NULL""")) {
        st.setLong(1, tenantId);
        st.setLong(2, location);
        st.setLong(3, task);
        try (ResultSet rs = st.executeQuery()) {
          while (rs.next()) {
            differences++;
          }
        }
      }
      double ms = (System.nanoTime() - t0) / 1e6;
      if (differences != MISSING) {
        throw new IllegalStateException("the raw comparison found " + differences + " differences");
      }
      return ms;
    }
  }
}
