package io.unitrace.bench.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The foundation load benchmark (BENCHMARKS.md, "Foundation (ledger over HTTP)"): a running server
 * on PostgreSQL, driven over real HTTP from this process, plus a JDBC connection to the same
 * database for the raw insert ceiling and for bulk synthetic history. Phases, chosen by {@code
 * --phases} (default all, in this order):
 *
 * <ul>
 *   <li>{@code registration}: 100,000 units registered through {@code POST /api/v1/units} in
 *       requests of 10,000, against plain JDBC batched inserts of the same rows;
 *   <li>{@code moves}: single-unit moves from 32 concurrent scanners, throughput and latency;
 *   <li>{@code history}: 1,000,000 units registered through the API, 4,000,000 synthetic moves
 *       added in SQL, then history lookups of random units.
 * </ul>
 *
 * Run {@code benchmarks/run-load.sh}, which builds, starts a server on a fresh database, runs this
 * and stops the server; or start a server yourself and run {@code java -cp
 * benchmarks/target/benchmarks.jar io.unitrace.bench.load.LoadDriver --url ... --admin-password ...
 * --jdbc ...}.
 */
public final class LoadDriver {

  private final Map<String, String> options;
  private final URI base;
  private final HttpClient http = Terminal.client();
  private final Terminal admin;
  private final List<String> figures = new ArrayList<>();
  private final CpuMeter meter;

  private LoadDriver(Map<String, String> options) {
    this.options = options;
    this.base = URI.create(option("url", "http://127.0.0.1:8080"));
    this.admin = Terminal.basic(http, base, "admin", required("admin-password"));
    this.meter =
        new CpuMeter(
            Long.parseLong(option("server-pid", "0")),
            required("jdbc"),
            option("jdbc-user", "postgres"),
            option("jdbc-password", ""));
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        System.err.println(
            "usage: LoadDriver --url http://127.0.0.1:8080 --admin-password SECRET --jdbc jdbc:postgresql://127.0.0.1:5432/db "
                + "[--jdbc-user postgres] [--jdbc-password ''] [--phases registration,moves,history] [--report FILE] [tuning options, see BENCHMARKS.md]");
        System.exit(2);
      }
      options.put(args[i].substring(2), args[++i]);
    }
    new LoadDriver(options).run();
  }

  private void run() throws Exception {
    Set<String> phases =
        new LinkedHashSet<>(List.of(option("phases", "registration,moves,history").split(",")));
    figure(
        "Run started "
            + OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS)
            + " against "
            + base
            + " on "
            + Runtime.getRuntime().availableProcessors()
            + " CPUs (client, server and database on one machine)");
    for (String phase : phases) {
      switch (phase.strip()) {
        case "registration" -> registration();
        case "moves" -> moves();
        case "history" -> history();
        case "receiving" -> receiving();
        case "outbound" -> outbound();
        case "returns" -> returns();
        case "recalls" -> recalls();
        default ->
            throw new IllegalArgumentException(
                "unknown phase "
                    + phase
                    + " (registration, moves, history, receiving, outbound, returns, recalls)");
      }
    }
    System.out.println();
    System.out.println("==== Figures ====");
    figures.forEach(System.out::println);
    String report = options.get("report");
    if (report != null) {
      Files.write(Path.of(report), figures);
    }
  }

  /**
   * Target 1: bulk registration over HTTP at 40 % or more of the raw JDBC insert rate of the same
   * rows.
   */
  private void registration() throws SQLException {
    int units = integer("units", 100_000);
    int perRequest = integer("per-request", 10_000);
    int streams = integer("streams", 1);
    int warmUpUnits = integer("warmup-units", 20_000);
    int batch = integer("jdbc-batch", 1_000);

    BenchSite site = BenchSite.create(admin, "REG", 2);
    Terminal scanner = Terminal.bearer(http, base, site.token());
    log(
        "registration: warm-up, "
            + BulkRegistration.register(
                scanner, site, site.dock(), "W", warmUpUnits, perRequest, streams));
    CpuMeter.Snapshot before = meter.snapshot();
    BulkRegistration.Result api =
        BulkRegistration.register(scanner, site, site.dock(), "R", units, perRequest, streams);
    CpuMeter.Usage apiCpu = CpuMeter.between(before, meter.snapshot());
    log("registration: measured, " + api);
    log("registration: " + apiCpu.per(units / 1000, "1,000 units"));

    BenchSite raw = BenchSite.create(admin, "RAW", 2);
    RawInsertCeiling.Result ceiling;
    try (Connection c = jdbc(true)) {
      log(
          "raw ceiling: warm-up, "
              + RawInsertCeiling.insert(c, raw, "W", warmUpUnits, perRequest, batch));
      before = meter.snapshot();
      ceiling = RawInsertCeiling.insert(c, raw, "R", units, perRequest, batch);
      CpuMeter.Usage rawCpu = CpuMeter.between(before, meter.snapshot());
      log("raw ceiling: measured, " + ceiling);
      log("raw ceiling: " + rawCpu.per(units / 1000, "1,000 units"));
      expectRows(c, site, warmUpUnits + units);
      expectRows(c, raw, warmUpUnits + units);
    }
    double ratio = api.unitsPerSecond() / ceiling.unitsPerSecond();
    figure(
        String.format(
            "1. Bulk registration over HTTP (%,d units, %,d per request, %d stream(s), Bearer token): %,.0f units/s",
            units, perRequest, streams, api.unitsPerSecond()));
    figure(
        String.format(
            "   Raw JDBC ceiling (same rows, batches of %,d, reWriteBatchedInserts, one transaction per %,d units): %,.0f units/s",
            batch, perRequest, ceiling.unitsPerSecond()));
    figure(
        String.format(
            "   Ratio registration / raw: %.0f %% (target >= 40 %%): %s",
            100 * ratio, ratio >= 0.40 ? "MET" : "MISSED"));
    figure("   Registration " + apiCpu.per(units / 1000, "1,000 units"));
  }

  /** Target 2: at least 1,500 single-unit moves per second from 32 clients, p99 under 50 ms. */
  private void moves() {
    int clients = integer("move-clients", 32);
    int unitsPerClient = integer("units-per-client", 20);
    Duration warmUp = Duration.ofSeconds(integer("warmup-seconds", 15));
    Duration measured = Duration.ofSeconds(integer("measure-seconds", 30));
    BenchSite site = BenchSite.create(admin, "MOV", 4);
    boolean keys = Boolean.parseBoolean(option("idempotency-keys", "true"));
    ClosedLoop.Result r =
        MoveLoad.run(http, base, site, clients, unitsPerClient, warmUp, measured, keys, meter);
    log("moves: " + r);
    requireNoErrors("moves", r);
    boolean met = r.perSecond() >= 1_500 && r.latency().p99Ms() < 50;
    figure(
        String.format(
            "2. Single-unit moves over HTTP, %d clients x %d units, %s, %d s warm-up + %d s measured: %,.0f moves/s; %s",
            clients,
            unitsPerClient,
            keys ? "Idempotency-Key per move" : "no Idempotency-Key",
            warmUp.toSeconds(),
            measured.toSeconds(),
            r.perSecond(),
            r.latency()));
    figure("   " + r.cpu().per(r.completed(), "move"));
    figure(String.format("   Target >= 1,500 moves/s and p99 < 50 ms: %s", met ? "MET" : "MISSED"));
  }

  /** Target 3: history lookups with p99 under 5 ms on 1,000,000 units and 5,000,000 entries. */
  private void history() throws SQLException {
    int units = integer("history-units", 1_000_000);
    int movesPerUnit = integer("history-moves", 4);
    int clients = integer("history-clients", 4);
    int streams = integer("history-streams", 2);
    Duration warmUp = Duration.ofSeconds(integer("warmup-seconds", 15));
    Duration measured = Duration.ofSeconds(integer("measure-seconds", 30));
    BenchSite site = BenchSite.create(admin, "HIS", 8);
    Terminal scanner = Terminal.bearer(http, base, site.token());
    BulkRegistration.Result loaded =
        BulkRegistration.register(scanner, site, site.dock(), "H", units, 10_000, streams);
    log("history: loaded through the API, " + loaded);
    SyntheticMoves.Result synthetic;
    long entries;
    try (Connection c = jdbc(false)) {
      synthetic = SyntheticMoves.add(c, site, movesPerUnit, 50_000);
      log("history: synthetic, " + synthetic);
      entries =
          RawInsertCeiling.single(
              c, "SELECT count(*) FROM ledger_entry WHERE tenant_id = ?", site.tenantId());
      if (entries != (long) units * (movesPerUnit + 1)) {
        throw new IllegalStateException(
            "expected " + (long) units * (movesPerUnit + 1) + " entries, found " + entries);
      }
    }
    ClosedLoop.Result r =
        HistoryLookups.run(
            http, base, site, "H", units, movesPerUnit + 1, clients, warmUp, measured, meter);
    log("history lookups: " + r);
    requireNoErrors("history lookups", r);
    figure(String.format("   Loading: %s; then %s", loaded, synthetic));
    figure(
        String.format(
            "3. History lookups over HTTP, %,d units / %,d entries (%,d per unit), %d clients, random units: %,.0f lookups/s; %s",
            units, entries, movesPerUnit + 1, clients, r.perSecond(), r.latency()));
    figure("   " + r.cpu().per(r.completed(), "lookup"));
    figure(String.format("   Target p99 < 5 ms: %s", r.latency().p99Ms() < 5 ? "MET" : "MISSED"));
  }

  /**
   * Inbound targets: a 30,000-serial ASN (30 pallets x 10 cases x 100 units) received by one bulk
   * confirmation in under 2 s, and by 30,000 single scans from 16 clients at 1,000 scans/s or more;
   * in the same run the raw JDBC insert of the same rows, and the ratio.
   */
  private void receiving() throws Exception {
    int pallets = integer("asn-pallets", 30);
    int cases = integer("asn-cases", 10);
    int perCase = integer("asn-units", 100);
    int clients = integer("scan-clients", 16);
    int total = pallets * cases * perCase;
    String engine = required("jdbc").startsWith("jdbc:sqlite") ? "SQLite" : "PostgreSQL";
    BenchSite site = BenchSite.create(admin, "RCV", 2);
    Terminal scanner = Terminal.bearer(http, base, site.token());

    ReceivingLoad.Asn warm = ReceivingLoad.announce(admin, site, "WB", 3, 10, 100);
    log(
        "receiving: warm-up bulk, "
            + ReceivingLoad.confirm(scanner, ReceivingLoad.open(scanner, site, warm), 3_000));
    ReceivingLoad.Asn warmScans = ReceivingLoad.announce(admin, site, "WS", 2, 10, 100);
    log(
        "receiving: warm-up scans, "
            + ReceivingLoad.scans(
                http,
                base,
                site,
                ReceivingLoad.open(scanner, site, warmScans),
                warmScans.serials(),
                clients));

    ReceivingLoad.Asn bulkAsn = ReceivingLoad.announce(admin, site, "B", pallets, cases, perCase);
    ReceivingLoad.Asn scanAsn = ReceivingLoad.announce(admin, site, "S", pallets, cases, perCase);
    // Fresh planner statistics, as autovacuum keeps them on a running site within a minute of a
    // large
    // import: tables that grew from nothing seconds ago would otherwise be planned as if still
    // empty.
    try (Connection c = jdbc(false);
        var st = c.createStatement()) {
      st.execute("ANALYZE");
    }
    long bulkReceipt = ReceivingLoad.open(scanner, site, bulkAsn);
    CpuMeter.Snapshot before = meter.snapshot();
    ReceivingLoad.Timed bulk = ReceivingLoad.confirm(scanner, bulkReceipt, total);
    CpuMeter.Usage bulkCpu = CpuMeter.between(before, meter.snapshot());
    log("receiving: bulk confirmation, " + bulk);

    long scanReceipt = ReceivingLoad.open(scanner, site, scanAsn);
    before = meter.snapshot();
    ReceivingLoad.Timed scans =
        ReceivingLoad.scans(http, base, site, scanReceipt, scanAsn.serials(), clients);
    CpuMeter.Usage scanCpu = CpuMeter.between(before, meter.snapshot());
    log("receiving: single scans, " + scans);
    if (scans.errors() > 0) {
      throw new IllegalStateException(
          "single scans: " + scans.errors() + " failed, the first: " + scans.firstError());
    }
    int counted = ReceivingLoad.received(scanner, scanReceipt);
    if (counted != total || ReceivingLoad.received(scanner, bulkReceipt) != total) {
      throw new IllegalStateException(
          "the receipts count "
              + counted
              + " and "
              + ReceivingLoad.received(scanner, bulkReceipt)
              + " received, not "
              + total);
    }

    BenchSite raw = BenchSite.create(admin, "RCR", 2);
    ReceivingLoad.Timed ceiling;
    try (Connection c = jdbc(true)) {
      log("raw ceiling: warm-up, " + ReceivingLoad.rawInsert(c, raw, "W", 3_000, 1_000));
      ceiling = ReceivingLoad.rawInsert(c, raw, "R", total, 1_000);
      log("raw ceiling: measured, " + ceiling);
    }
    figure(
        String.format(
            "4. Receiving a %,d-serial ASN (%d pallets x %d cases x %d units) on %s, 16 clients for scans",
            total, pallets, cases, perCase, engine));
    figure(
        String.format(
            "   Bulk confirmation, one request: %.2f s (%,.0f units/s); target < 2 s: %s",
            bulk.seconds(), bulk.perSecond(), bulk.seconds() < 2 ? "MET" : "MISSED"));
    figure("   Bulk " + bulkCpu.per(total / 1000, "1,000 units"));
    figure(
        String.format(
            "   Single scans over HTTP, %d clients: %,.0f scans/s; %s; target >= 1,000/s: %s",
            clients,
            scans.perSecond(),
            scans.latency(),
            scans.perSecond() >= 1_000 ? "MET" : "MISSED"));
    figure("   Scans " + scanCpu.per(total, "scan"));
    figure(
        String.format(
            "   Raw JDBC ceiling (same rows: receipt, event, units, entries, scan rows; batches of 1,000, one transaction): "
                + "%.2f s (%,.0f units/s); bulk confirmation / raw: %.0f %%; single scans / raw: %.0f %%",
            ceiling.seconds(),
            ceiling.perSecond(),
            100 * bulk.perSecond() / ceiling.perSecond(),
            100 * scans.perSecond() / ceiling.perSecond()));
  }

  /**
   * Outbound targets (BENCHMARKS.md, "Outbound"): allocation of 10,000 lines against 1,000,000
   * units, shipping a 1,000-unit order, a 30,000-serial order end to end, pick scans from 32
   * pickers; each with a raw SQL statement doing the same selection and update in the same run.
   * Parts by {@code --outbound-parts} (default allocation,pallets,picks).
   */
  private void outbound() throws Exception {
    OutboundLoad o =
        new OutboundLoad(
            http, base, admin, meter, () -> jdbc(false), LoadDriver::log, this::figure);
    Set<String> parts =
        new LinkedHashSet<>(
            List.of(option("outbound-parts", "allocation,pallets,picks").split(",")));
    if (parts.contains("allocation")) {
      o.allocation(
          integer("alloc-products", 100),
          integer("alloc-units-per-product", 10_000),
          integer("alloc-orders", 1_000),
          integer("alloc-lines", 10),
          integer("alloc-streams", 2));
    }
    if (parts.contains("pallets")) {
      o.pallets(integer("big-pallets", 30), integer("pallet-units", 1_000));
    }
    if (parts.contains("picks")) {
      o.pickScans(
          integer("pickers", 32),
          integer("lists-per-picker", 20),
          integer("units-per-list", 25),
          Duration.ofSeconds(integer("warmup-seconds", 10)),
          Duration.ofSeconds(integer("measure-seconds", 20)));
    }
  }

  /**
   * Returns targets (BENCHMARKS.md, "Returns"): the verdict on a shipped unit over HTTP, p99 under
   * 50 ms with 16 clients, and the warranty lookup, p99 under 10 ms (skipped when this build has no
   * such endpoint), at 1,000,000 units and about 5,000,000 ledger entries; the same reads as raw
   * SQL in the same run.
   */
  private void returns() throws Exception {
    new ReturnsLoad(http, base, admin, meter, () -> jdbc(false), LoadDriver::log, this::figure)
        .run(
            integer("returns-units", 1_000_000),
            integer("returns-moves", 4),
            integer("returns-streams", 2),
            integer("returns-orders", 5),
            integer("returns-per-order", 1_000),
            integer("returns-clients", 16),
            Duration.ofSeconds(integer("warmup-seconds", 10)),
            Duration.ofSeconds(integer("measure-seconds", 30)));
  }

  /**
   * Recall targets (BENCHMARKS.md, "Recalls"): a recall of 10,000 units spread over stock and 2,000
   * customers opened (holds placed, customers listed) in under 1 s, and a forward trace of a
   * component lot through two levels of genealogy in under 200 ms, at 1,000,000 units and 5,000,000
   * events; the raw SQL of the same selections in the same run.
   */
  private void recalls() throws Exception {
    RecallsLoad load =
        new RecallsLoad(http, base, admin, () -> jdbc(false), LoadDriver::log, this::figure);
    RecallsLoad.Plan plan =
        new RecallsLoad.Plan(
            integer("recalls-units", 1_000_000),
            integer("recalls-moves", 5),
            integer("recalls-streams", 2),
            integer("recalls-products", 10),
            integer("recall-lot-units", 10_000),
            integer("recall-customers", 2_000),
            integer("recall-per-customer", 2),
            integer("recall-open-orders", 100),
            integer("recall-per-open-order", 5),
            integer("trace-cells", 1_000),
            integer("recall-runs", 5),
            integer("trace-requests", 500),
            integer("recalls-workers", 4));
    String kept = options.get("recalls-site");
    if (kept != null) {
      load.again(plan, kept);
    } else {
      load.run(plan);
    }
  }

  private void expectRows(Connection c, BenchSite site, long units) throws SQLException {
    long u =
        RawInsertCeiling.single(
            c, "SELECT count(*) FROM unit WHERE tenant_id = ?", site.tenantId());
    long e =
        RawInsertCeiling.single(
            c, "SELECT count(*) FROM ledger_entry WHERE tenant_id = ?", site.tenantId());
    if (u != units || e != units) {
      throw new IllegalStateException(
          site.tenant() + ": expected " + units + " units and entries, found " + u + " and " + e);
    }
  }

  private static void requireNoErrors(String phase, ClosedLoop.Result r) {
    if (r.errors() > 0) {
      throw new IllegalStateException(
          phase + ": " + r.errors() + " requests failed, the first: " + r.firstError());
    }
  }

  private Connection jdbc(boolean rewriteBatches) throws SQLException {
    String url = required("jdbc");
    if (rewriteBatches && url.startsWith("jdbc:postgresql")) {
      url += (url.contains("?") ? "&" : "?") + "reWriteBatchedInserts=true";
    }
    return DriverManager.getConnection(
        url, option("jdbc-user", "postgres"), option("jdbc-password", ""));
  }

  private void figure(String line) {
    figures.add(line);
    log(line);
  }

  private static void log(Object line) {
    System.out.println(
        "["
            + OffsetDateTime.now(ZoneOffset.UTC).toLocalTime().truncatedTo(ChronoUnit.SECONDS)
            + "] "
            + line);
  }

  private String option(String name, String fallback) {
    return options.getOrDefault(name, fallback);
  }

  private String required(String name) {
    String v = options.get(name);
    if (v == null || v.isBlank()) {
      throw new IllegalArgumentException("--" + name + " is required");
    }
    return v;
  }

  private int integer(String name, int fallback) {
    return Integer.parseInt(option(name, Integer.toString(fallback)).replace("_", ""));
  }
}
