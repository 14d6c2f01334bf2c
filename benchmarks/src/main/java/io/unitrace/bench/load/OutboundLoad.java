package io.unitrace.bench.load;

import io.unitrace.gs1.Sscc;
import java.net.URI;
import java.net.http.HttpClient;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;

/**
 * The outbound targets (BENCHMARKS.md, "Outbound"), each over HTTP against the server and, in the
 * same run, against a raw SQL statement doing the same selection and update on the same database
 * (rolled back, or on rows no later measurement uses):
 *
 * <ol>
 *   <li>allocating 10,000 one-unit order lines (1,000 orders x 10 lines over 100 products) against
 *       1,000,000 stored units (100 products x 10,000) in one explicit allocation run;
 *   <li>shipping a 1,000-unit order (the shipment confirmation call; the order picked by the SSCC
 *       of its pallet and packed before);
 *   <li>a 30,000-serial order end to end: allocation run, pick list, 30 SSCC pallet scans, packing
 *       closed, shipment;
 *   <li>pick-scan verification from 32 concurrent pickers, each working through pick lists of its
 *       own.
 * </ol>
 *
 * Every site is its own client (tenant). The server runs with {@code
 * UNITRACE_OUTBOUND_AUTO_ALLOCATE=false} (run-load.sh), so orders wait for the measured allocation
 * run instead of being allocated on the server's worker thread after each import.
 */
final class OutboundLoad {

  /** A connection to the benchmark's database. */
  interface Jdbc {
    Connection open() throws SQLException;
  }

  private final HttpClient http;
  private final URI base;
  private final Terminal admin;
  private final CpuMeter meter;
  private final Jdbc jdbc;
  private final Consumer<String> log;
  private final Consumer<String> figure;

  OutboundLoad(
      HttpClient http,
      URI base,
      Terminal admin,
      CpuMeter meter,
      Jdbc jdbc,
      Consumer<String> log,
      Consumer<String> figure) {
    this.http = http;
    this.base = base;
    this.admin = admin;
    this.meter = meter;
    this.jdbc = jdbc;
    this.log = log;
    this.figure = figure;
  }

  /** A site ready for outbound: a packing station, SSCC numbering, the WEB channel. */
  record Site(BenchSite bench, String packing, List<String> skus, List<String> gtins) {
    Terminal scanner(HttpClient http, URI base) {
      return Terminal.bearer(http, base, bench.token());
    }
  }

  private Site site(String label, int bins, int products) {
    BenchSite b = BenchSite.create(admin, label, bins);
    Terminal t = admin.in(b.tenant());
    String pack = b.prepareOutbound(admin);
    List<String> skus = new ArrayList<>(List.of(b.sku()));
    List<String> gtins = new ArrayList<>(List.of(b.gtin()));
    for (int p = 1; p < products; p++) {
      String sku = b.sku() + "-" + p;
      String gtin = BenchSite.randomGtin();
      t.postOk(
          "/api/v1/products",
          BenchSite.json(
              Map.of(
                  "sku",
                  sku,
                  "name",
                  "Benchmark item " + sku,
                  "gtins",
                  List.of(gtin),
                  "tracking",
                  "SERIAL")));
      skus.add(sku);
      gtins.add(gtin);
    }
    return new Site(b, pack, List.copyOf(skus), List.copyOf(gtins));
  }

  /** Serial {@code i} of product {@code p}: at most 20 characters. */
  private static String serial(String prefix, int p, int i) {
    return prefix + String.format("%03d%07d", p, i);
  }

  private static String registration(
      String location, String gtin, String prefix, int p, int from, int to) {
    StringBuilder b = new StringBuilder(64 + (to - from) * 56);
    b.append("{\"location\":\"")
        .append(location)
        .append("\",\"reason\":\"OPENING_STOCK\",\"units\":[");
    for (int i = from; i < to; i++) {
      if (i > from) {
        b.append(',');
      }
      b.append("{\"gtin\":\"")
          .append(gtin)
          .append("\",\"serial\":\"")
          .append(serial(prefix, p, i))
          .append("\"}");
    }
    return b.append("]}").toString();
  }

  private static void register(
      Terminal scanner, String location, String gtin, String prefix, int p, int from, int to) {
    Terminal.Reply r =
        scanner.post(
            "/api/v1/units",
            registration(location, gtin, prefix, p, from, to),
            "reg-" + prefix + "-" + p + "-" + from);
    if (r.status() != 201) {
      throw new Terminal.Refused("registration of " + serial(prefix, p, from) + "…", r);
    }
  }

  /**
   * Registers {@code perProduct} units of every product of the site, one request per {@code
   * perRequest} units of one product, from {@code streams} senders; product p's units in bin p mod
   * bins. Answers the seconds taken.
   */
  private double stock(Site s, String prefix, int perProduct, int perRequest, int streams) {
    Terminal scanner = s.scanner(http, base);
    List<int[]> requests = new ArrayList<>();
    for (int p = 0; p < s.gtins().size(); p++) {
      for (int from = 0; from < perProduct; from += perRequest) {
        requests.add(new int[] {p, from, Math.min(perProduct, from + perRequest)});
      }
    }
    AtomicInteger next = new AtomicInteger();
    AtomicReference<RuntimeException> failure = new AtomicReference<>();
    List<Thread> threads = new ArrayList<>();
    long start = System.nanoTime();
    for (int t = 0; t < streams; t++) {
      Thread th =
          new Thread(
              () -> {
                for (int r = next.getAndIncrement();
                    r < requests.size() && failure.get() == null;
                    r = next.getAndIncrement()) {
                  int[] q = requests.get(r);
                  List<String> bins = s.bench().bins();
                  try {
                    register(
                        scanner,
                        bins.get(q[0] % bins.size()),
                        s.gtins().get(q[0]),
                        prefix,
                        q[0],
                        q[1],
                        q[2]);
                  } catch (RuntimeException e) {
                    failure.compareAndSet(null, e);
                  }
                }
              },
              "stock-" + t);
      threads.add(th);
      th.start();
    }
    join(threads);
    if (failure.get() != null) {
      throw failure.get();
    }
    return (System.nanoTime() - start) / 1e9;
  }

  /**
   * Imports {@code orders} orders of {@code lines} one-unit lines each as CSV, {@code perRequest}
   * orders per request; order o's line l is of product (o * lines + l) mod products. Answers the
   * order ids in import order.
   */
  private List<Long> importOrders(
      Site s, String prefix, int orders, int lines, long quantity, int perRequest) {
    Terminal scanner = s.scanner(http, base);
    List<Long> ids = new ArrayList<>(orders);
    for (int from = 0; from < orders; from += perRequest) {
      StringBuilder csv =
          new StringBuilder(
              "channel,channelOrderId,warehouse,soldToName,soldToAddress,sku,quantity\n");
      for (int o = from; o < Math.min(orders, from + perRequest); o++) {
        for (int l = 0; l < lines; l++) {
          String sku = s.skus().get((o * lines + l) % s.skus().size());
          csv.append("WEB,")
              .append(prefix)
              .append('-')
              .append(o)
              .append(',')
              .append(s.bench().warehouse())
              .append(",Ann Buyer,1 Main St,")
              .append(sku)
              .append(',')
              .append(quantity)
              .append('\n');
        }
      }
      JsonNode r = BenchSite.read(scanner.postOk("/api/v1/orders", csv.toString(), "text/csv"));
      for (JsonNode placed : r.path("orders")) {
        ids.add(placed.path("id").asLong());
      }
    }
    if (ids.size() != orders) {
      throw new IllegalStateException("imported " + ids.size() + " orders, not " + orders);
    }
    return ids;
  }

  private static JsonNode allocate(Terminal scanner, List<Long> orders) {
    return BenchSite.read(
        scanner.postOk("/api/v1/allocation/runs", BenchSite.json(Map.of("orders", orders))));
  }

  private void analyze() throws SQLException {
    try (Connection c = jdbc.open();
        var st = c.createStatement()) {
      st.execute("ANALYZE");
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Target 1: allocation

  void allocation(int products, int perProduct, int orders, int lines, int streams)
      throws SQLException {
    Site s = site("OAL", 10, products);
    Terminal scanner = s.scanner(http, base);
    CpuMeter.Snapshot before = meter.snapshot();
    double loadSeconds = stock(s, "A", perProduct, 10_000, streams);
    CpuMeter.Usage loadCpu = CpuMeter.between(before, meter.snapshot());
    long units = (long) products * perProduct;
    log.accept(
        String.format(
            "outbound allocation: %,d units registered over HTTP in %.1f s (%,.0f units/s); %s",
            units, loadSeconds, units / loadSeconds, loadCpu.per(units / 1000, "1,000 units")));
    int warmOrders = Math.max(1, orders / 10);
    List<Long> ids = importOrders(s, "AL", warmOrders + orders, lines, 1, 250);
    analyze();
    List<Long> warm = ids.subList(0, warmOrders);
    List<Long> measured = ids.subList(warmOrders, ids.size());
    long t0 = System.nanoTime();
    JsonNode w = allocate(scanner, warm);
    log.accept(
        String.format(
            "outbound allocation: warm-up run, %,d lines in %.2f s: %s",
            warm.size() * lines, (System.nanoTime() - t0) / 1e9, w));
    before = meter.snapshot();
    long start = System.nanoTime();
    JsonNode r = allocate(scanner, measured);
    double seconds = (System.nanoTime() - start) / 1e9;
    CpuMeter.Usage cpu = CpuMeter.between(before, meter.snapshot());
    int expected = orders * lines;
    if (r.path("linesComplete").asInt() != expected
        || r.path("unitsReserved").asLong() != expected) {
      throw new IllegalStateException("the allocation run did not reserve every line: " + r);
    }
    log.accept(String.format("outbound allocation: measured run %.2f s: %s", seconds, r));

    // Raw: the same selection and update per product, in one transaction, rolled back.
    Raw raw;
    try (Connection c = jdbc.open()) {
      long tenant = s.bench().tenantId();
      List<Long> productIds = productIds(c, tenant, s.skus());
      int perProductLines = expected / products;
      Raw warmRaw = rawAllocate(c, tenant, productIds, perProductLines);
      raw = rawAllocate(c, tenant, productIds, perProductLines);
      log.accept(
          String.format(
              "outbound allocation: raw SQL warm-up %.3f s, measured %.3f s (%,d rows)",
              warmRaw.seconds(), raw.seconds(), raw.rows()));
      if (raw.rows() != expected) {
        throw new IllegalStateException("raw allocation updated " + raw.rows() + " rows");
      }
    }
    figure.accept(
        String.format(
            "O1. Allocation run over HTTP: %,d one-unit lines (%,d orders x %d lines, %d products) against %,d stored units: %.2f s; target < 2 s: %s",
            expected, orders, lines, products, units, seconds, seconds < 2 ? "MET" : "MISSED"));
    figure.accept("    " + cpu.per(1, "run"));
    figure.accept(
        String.format(
            "    Raw SQL (UPDATE unit ... WHERE id IN (SELECT ... STORED, holds = 0 ORDER BY id LIMIT %d) per product, one transaction, rolled back): %.3f s; HTTP / raw: %.1fx",
            expected / products, raw.seconds(), seconds / raw.seconds()));
    figure.accept(
        String.format(
            "    Loading: %,d units over HTTP in %.1f s (%,.0f units/s, 10,000 per request, %d streams)",
            units, loadSeconds, units / loadSeconds, streams));
    this.allocatedTenant = s.bench().tenantId();
    this.allocatedLocation = s.bench().bins().get(0);
  }

  private long allocatedTenant;
  private String allocatedLocation;

  record Raw(long rows, double seconds) {}

  private static List<Long> productIds(Connection c, long tenant, List<String> skus)
      throws SQLException {
    List<Long> ids = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement("SELECT id FROM product WHERE tenant_id = ? AND sku = ?")) {
      for (String sku : skus) {
        ps.setLong(1, tenant);
        ps.setString(2, sku);
        try (var rs = ps.executeQuery()) {
          rs.next();
          ids.add(rs.getLong(1));
        }
      }
    }
    return ids;
  }

  private static Raw rawAllocate(Connection c, long tenant, List<Long> products, int perProduct)
      throws SQLException {
    c.setAutoCommit(false);
    long rows = 0;
    long start = System.nanoTime();
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE unit SET state = 'ALLOCATED', version = version + 1 WHERE id IN (SELECT id FROM unit"
                + " WHERE tenant_id = ? AND product_id = ? AND state = 'STORED' AND holds = 0 ORDER BY id LIMIT ?)")) {
      for (long p : products) {
        ps.setLong(1, tenant);
        ps.setLong(2, p);
        ps.setInt(3, perProduct);
        rows += ps.executeUpdate();
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    c.rollback();
    c.setAutoCommit(true);
    return new Raw(rows, seconds);
  }

  // ---------------------------------------------------------------------------------------------
  // Targets 2 and 3: orders of whole pallets

  /** A site whose one product sits on {@code pallets} pallets of {@code perPallet} units. */
  private record Pallets(Site site, List<String> ssccs, List<String> bins) {}

  private Pallets pallets(String label, int pallets, int perPallet) {
    Site s = site(label, 6, 1);
    Terminal scanner = s.scanner(http, base);
    long base0 = ThreadLocalRandom.current().nextLong(1_000_000_000L);
    List<String> ssccs = new ArrayList<>();
    List<String> bins = new ArrayList<>();
    for (int p = 0; p < pallets; p++) {
      String bin = s.bench().bins().get(p % s.bench().bins().size());
      String sscc = Sscc.of(0, "0614141", base0 + p).value();
      scanner.postOk(
          "/api/v1/containers",
          BenchSite.json(Map.of("sscc", sscc, "kind", "PALLET", "location", bin)));
      register(scanner, bin, s.gtins().get(0), "P", p, 0, perPallet);
      List<Object> units = new ArrayList<>(perPallet);
      for (int i = 0; i < perPallet; i++) {
        units.add(Map.of("gtin", s.gtins().get(0), "serial", serial("P", p, i)));
      }
      scanner.postOk("/api/v1/units/pack", BenchSite.json(Map.of("units", units, "into", sscc)));
      ssccs.add(sscc);
      bins.add(bin);
    }
    return new Pallets(s, ssccs, bins);
  }

  /** Seconds of each step of a pallet order's way out. */
  record Flow(
      double allocate, double pickList, double scans, double close, double ship, double total) {
    @Override
    public String toString() {
      return String.format(
          "allocation run %.2f s, pick list %.2f s, SSCC scans %.2f s, packing closed %.2f s, shipment %.2f s; total %.2f s",
          allocate, pickList, scans, close, ship, total);
    }
  }

  private interface Step {
    void before() throws SQLException;
  }

  /**
   * The order of every pallet of the site: allocated, listed, picked by SSCC, packed, shipped; each
   * step timed. {@code beforeShip} runs (untimed) between packing and shipping.
   */
  private Flow palletFlow(Pallets p, long orderId, long quantity, Step beforeShip)
      throws SQLException {
    Terminal scanner = p.site().scanner(http, base);
    long t0 = System.nanoTime();
    JsonNode a = allocate(scanner, List.of(orderId));
    if (a.path("unitsReserved").asLong() != quantity) {
      throw new IllegalStateException("allocation reserved " + a + ", not " + quantity);
    }
    long t1 = System.nanoTime();
    JsonNode list =
        BenchSite.read(
            scanner.postOk(
                "/api/v1/pick-lists",
                BenchSite.json(
                    Map.of(
                        "warehouse",
                        p.site().bench().warehouse(),
                        "orders",
                        List.of(orderId),
                        "destination",
                        p.site().packing()))));
    long listId = list.path("id").asLong();
    long t2 = System.nanoTime();
    for (int i = 0; i < p.ssccs().size(); i++) {
      JsonNode r =
          BenchSite.read(
              scanner.postOk(
                  "/api/v1/pick-lists/" + listId + "/scans",
                  BenchSite.json(Map.of("location", p.bins().get(i), "sscc", p.ssccs().get(i)))));
      if (!r.path("outcome").asString().equals("PICKED")) {
        throw new IllegalStateException("SSCC scan answered " + Terminal.abbreviate(r.toString()));
      }
    }
    long t3 = System.nanoTime();
    JsonNode closed =
        BenchSite.read(scanner.postOk("/api/v1/orders/" + orderId + "/packing/close", "{}"));
    if (!closed.path("status").asString().equals("PACKED")) {
      throw new IllegalStateException(
          "packing close answered " + Terminal.abbreviate(closed.toString()));
    }
    long t4 = System.nanoTime();
    long pause = 0;
    if (beforeShip != null) {
      long b = System.nanoTime();
      beforeShip.before();
      pause = System.nanoTime() - b;
    }
    long t5 = System.nanoTime();
    Terminal.Reply shipped =
        scanner.post(
            "/api/v1/orders/" + orderId + "/shipments",
            BenchSite.json(Map.of("carrier", "DHL", "tracking", "JD" + orderId)),
            "ship-" + orderId);
    long t6 = System.nanoTime();
    if (shipped.status() != 201 || BenchSite.read(shipped).path("units").asLong() != quantity) {
      throw new Terminal.Refused("shipment of order " + orderId, shipped);
    }
    return new Flow(
        (t1 - t0) / 1e9,
        (t2 - t1) / 1e9,
        (t3 - t2) / 1e9,
        (t4 - t3) / 1e9,
        (t6 - t5) / 1e9,
        (t6 - t0 - pause) / 1e9);
  }

  void pallets(int bigPallets, int perPallet) throws SQLException {
    // Warm-up: the whole way for a 2-pallet order in a site of its own.
    Pallets warm = pallets("OWU", 2, perPallet);
    long warmOrder = placeOrder(warm.site(), "WU-1", 2L * perPallet);
    log.accept("outbound pallets: warm-up, " + palletFlow(warm, warmOrder, 2L * perPallet, null));

    // Target 2: a 1,000-unit order (one pallet), the shipment confirmation timed.
    Pallets one = pallets("OSH", 1, perPallet);
    long oneOrder = placeOrder(one.site(), "SH-1", perPallet);
    analyze();
    double[] rawShip = new double[1];
    long[] rawShipRows = new long[1];
    CpuMeter.Snapshot[] shipBefore = new CpuMeter.Snapshot[1];
    Flow shipFlow =
        palletFlow(
            one,
            oneOrder,
            perPallet,
            () -> {
              try (Connection c = jdbc.open()) {
                Raw r = rawShip(c, one.site().bench().tenantId(), oneOrder);
                r = rawShip(c, one.site().bench().tenantId(), oneOrder);
                rawShip[0] = r.seconds();
                rawShipRows[0] = r.rows();
              }
              shipBefore[0] = meter.snapshot();
            });
    CpuMeter.Usage shipCpu = CpuMeter.between(shipBefore[0], meter.snapshot());
    log.accept("outbound ship: " + shipFlow + "; raw " + rawShip[0] + " s, " + rawShipRows[0]);
    figure.accept(
        String.format(
            "O2. Shipment confirmation of a %,d-unit order over HTTP (picked by its pallet's SSCC, packing closed): %.3f s; target < 1 s: %s",
            perPallet, shipFlow.ship(), shipFlow.ship() < 1 ? "MET" : "MISSED"));
    figure.accept("    " + shipCpu.per(1, "shipment"));
    figure.accept(
        String.format(
            "    Raw SQL (UPDATE unit SET state = 'SHIPPED' WHERE id IN (SELECT unit_id FROM allocation WHERE order_id = ?), rolled back): %.3f s (%,d rows); HTTP / raw: %.1fx",
            rawShip[0], rawShipRows[0], shipFlow.ship() / rawShip[0]));
    figure.accept("    The order's whole way: " + shipFlow);

    // Target 3: a 30,000-serial order, end to end.
    Pallets big = pallets("OBG", bigPallets, perPallet);
    long total = (long) bigPallets * perPallet;
    long bigOrder = placeOrder(big.site(), "BG-1", total);
    analyze();
    Raw rawBig;
    try (Connection c = jdbc.open()) {
      long tenant = big.site().bench().tenantId();
      long product = productIds(c, tenant, big.site().skus()).get(0);
      long packing =
          RawInsertCeiling.single(
              c, "SELECT id FROM location WHERE code = ?", big.site().packing());
      rawEndToEnd(c, tenant, product, packing, total);
      rawBig = rawEndToEnd(c, tenant, product, packing, total);
    }
    CpuMeter.Snapshot before = meter.snapshot();
    Flow bigFlow = palletFlow(big, bigOrder, total, null);
    CpuMeter.Usage bigCpu = CpuMeter.between(before, meter.snapshot());
    log.accept("outbound end to end: " + bigFlow);
    figure.accept(
        String.format(
            "O3. A %,d-serial order end to end over HTTP (%d pallets x %,d; allocation run, pick list, %d SSCC scans, packing closed, shipment): %.2f s; target < 10 s: %s",
            total,
            bigPallets,
            perPallet,
            bigPallets,
            bigFlow.total(),
            bigFlow.total() < 10 ? "MET" : "MISSED"));
    figure.accept("    " + bigFlow);
    figure.accept("    " + bigCpu.per(1, "order"));
    figure.accept(
        String.format(
            "    Raw SQL (the same units ALLOCATED, then PACKED at the packing station, then SHIPPED: three UPDATEs, one transaction, rolled back): %.3f s (%,d rows); HTTP / raw: %.1fx",
            rawBig.seconds(), rawBig.rows(), bigFlow.total() / rawBig.seconds()));
  }

  private long placeOrder(Site s, String id, long quantity) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("channel", "WEB");
    body.put("channelOrderId", id + "-" + s.bench().tenant());
    body.put("warehouse", s.bench().warehouse());
    body.put("soldTo", Map.of("name", "Ann Buyer", "address", "1 Main St"));
    body.put("lines", List.of(Map.of("sku", s.skus().get(0), "quantity", quantity)));
    return BenchSite.read(s.scanner(http, base).postOk("/api/v1/orders", BenchSite.json(body)))
        .path("id")
        .asLong();
  }

  private static Raw rawShip(Connection c, long tenant, long orderId) throws SQLException {
    c.setAutoCommit(false);
    long start = System.nanoTime();
    long rows;
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE unit SET state = 'SHIPPED', location_id = NULL, version = version + 1 WHERE tenant_id = ? AND id IN"
                + " (SELECT unit_id FROM allocation WHERE tenant_id = ? AND order_id = ? AND status = 'PACKED')")) {
      ps.setLong(1, tenant);
      ps.setLong(2, tenant);
      ps.setLong(3, orderId);
      rows = ps.executeUpdate();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    c.rollback();
    c.setAutoCommit(true);
    return new Raw(rows, seconds);
  }

  private static Raw rawEndToEnd(Connection c, long tenant, long product, long packing, long total)
      throws SQLException {
    c.setAutoCommit(false);
    long start = System.nanoTime();
    long rows = 0;
    try (PreparedStatement allocate =
            c.prepareStatement(
                "UPDATE unit SET state = 'ALLOCATED', version = version + 1 WHERE id IN (SELECT id FROM unit"
                    + " WHERE tenant_id = ? AND product_id = ? AND state = 'STORED' AND holds = 0 ORDER BY id LIMIT ?)");
        PreparedStatement pick =
            c.prepareStatement(
                "UPDATE unit SET state = 'PACKED', location_id = ?, version = version + 1"
                    + " WHERE tenant_id = ? AND product_id = ? AND state = 'ALLOCATED'");
        PreparedStatement ship =
            c.prepareStatement(
                "UPDATE unit SET state = 'SHIPPED', location_id = NULL, version = version + 1"
                    + " WHERE tenant_id = ? AND product_id = ? AND state = 'PACKED'")) {
      allocate.setLong(1, tenant);
      allocate.setLong(2, product);
      allocate.setLong(3, total);
      rows += allocate.executeUpdate();
      pick.setLong(1, packing);
      pick.setLong(2, tenant);
      pick.setLong(3, product);
      rows += pick.executeUpdate();
      ship.setLong(1, tenant);
      ship.setLong(2, product);
      rows += ship.executeUpdate();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    c.rollback();
    c.setAutoCommit(true);
    return new Raw(rows, seconds);
  }

  // ---------------------------------------------------------------------------------------------
  // Target 4: pick scans from concurrent pickers

  private record Pick(long list, String location, String scan) {}

  void pickScans(int pickers, int listsPerPicker, int perList, Duration warmUp, Duration measured)
      throws SQLException {
    int orders = pickers * listsPerPicker;
    Site s = site("OPK", 8, 1);
    stock(s, "K", orders * perList, 10_000, 2);
    List<Long> ids = importOrders(s, "PK", orders, 1, perList, 250);
    analyze();
    Terminal scanner = s.scanner(http, base);
    JsonNode a = allocate(scanner, ids);
    if (a.path("unitsReserved").asLong() != (long) orders * perList) {
      throw new IllegalStateException("the pickers' orders were not allocated in full: " + a);
    }
    List<List<Pick>> work = new ArrayList<>();
    for (int p = 0; p < pickers; p++) {
      work.add(new ArrayList<>());
    }
    String gtin = s.gtins().get(0);
    for (int o = 0; o < orders; o++) {
      JsonNode list =
          BenchSite.read(
              scanner.postOk(
                  "/api/v1/pick-lists",
                  BenchSite.json(
                      Map.of(
                          "warehouse",
                          s.bench().warehouse(),
                          "orders",
                          List.of(ids.get(o)),
                          "destination",
                          s.packing()))));
      long listId = list.path("id").asLong();
      for (JsonNode t : list.path("tasks")) {
        work.get(o % pickers)
            .add(
                new Pick(
                    listId,
                    t.path("location").asString(),
                    "(01)" + gtin + "(21)" + t.path("serial").asString()));
      }
    }
    analyze();
    log.accept(
        String.format(
            "outbound pick scans: %d pickers, %d lists of %d units each, ready",
            pickers, listsPerPicker, perList));
    AtomicLong wrong = new AtomicLong();
    int perPicker = listsPerPicker * perList;
    ClosedLoop.Result r =
        ClosedLoop.run(
            pickers,
            c -> {
              Terminal mine = Terminal.bearer(http, base, s.bench().token());
              List<Pick> picks = work.get(c);
              return i -> {
                Pick k = picks.get(i);
                Terminal.Reply reply =
                    mine.post(
                        "/api/v1/pick-lists/" + k.list() + "/scans",
                        "{\"location\":\"" + k.location() + "\",\"scan\":\"" + k.scan() + "\"}",
                        "pick-" + k.list() + "-" + i);
                if (reply.ok() && !reply.body().contains("\"outcome\":\"PICKED\"")) {
                  wrong.incrementAndGet();
                }
                return reply;
              };
            },
            warmUp,
            measured,
            perPicker,
            meter);
    log.accept("outbound pick scans: " + r);
    if (r.errors() > 0 || wrong.get() > 0) {
      throw new IllegalStateException(
          "pick scans: "
              + r.errors()
              + " failed, "
              + wrong.get()
              + " not PICKED; first: "
              + r.firstError());
    }

    // Raw: the same single-unit update from as many JDBC connections, one committed transaction
    // each, on the units allocated by the allocation target (which nothing measures afterwards).
    RawScans raw = rawScans(pickers, 5_000);
    boolean met = r.latency().p99Ms() < 50;
    figure.accept(
        String.format(
            "O4. Pick-scan verification over HTTP, %d pickers (each its own pick lists of %d units), %d s warm-up + %d s measured: %,.0f scans/s; %s; target p99 < 50 ms: %s",
            pickers,
            perList,
            warmUp.toSeconds(),
            measured.toSeconds(),
            r.perSecond(),
            r.latency(),
            met ? "MET" : "MISSED"));
    figure.accept("    " + r.cpu().per(r.completed(), "scan"));
    figure.accept(
        String.format(
            "    Raw SQL (UPDATE unit SET state = 'PICKED', location_id = ? WHERE id = ? AND state = 'ALLOCATED', %d connections, a commit each): %,.0f updates/s; %s; HTTP / raw throughput: %.0f %%",
            pickers, raw.perSecond(), raw.latency(), 100 * r.perSecond() / raw.perSecond()));
  }

  record RawScans(int updates, double seconds, Latencies.Summary latency) {
    double perSecond() {
      return updates / seconds;
    }
  }

  private RawScans rawScans(int threads, int count) throws SQLException {
    List<Long> units = new ArrayList<>();
    long packing;
    try (Connection c = jdbc.open();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT id FROM unit WHERE tenant_id = ? AND state = 'ALLOCATED' ORDER BY id LIMIT ?")) {
      ps.setLong(1, allocatedTenant);
      ps.setInt(2, count);
      try (var rs = ps.executeQuery()) {
        while (rs.next()) {
          units.add(rs.getLong(1));
        }
      }
      packing =
          RawInsertCeiling.single(c, "SELECT id FROM location WHERE code = ?", allocatedLocation);
    }
    if (units.isEmpty()) {
      throw new IllegalStateException("no allocated units left for the raw pick ceiling");
    }
    List<Latencies> latencies = new ArrayList<>();
    AtomicReference<Exception> failure = new AtomicReference<>();
    List<Thread> all = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int me = t;
      Latencies mine = new Latencies(units.size() / threads + 1);
      latencies.add(mine);
      all.add(
          new Thread(
              () -> {
                try (Connection c = jdbc.open();
                    PreparedStatement ps =
                        c.prepareStatement(
                            "UPDATE unit SET state = 'PICKED', location_id = ?, version = version + 1 WHERE id = ? AND state = 'ALLOCATED'")) {
                  for (int i = me; i < units.size(); i += threads) {
                    long sent = System.nanoTime();
                    ps.setLong(1, packing);
                    ps.setLong(2, units.get(i));
                    ps.executeUpdate();
                    mine.record(System.nanoTime() - sent);
                  }
                } catch (Exception e) {
                  failure.compareAndSet(null, e);
                }
              }));
    }
    long start = System.nanoTime();
    all.forEach(Thread::start);
    join(all);
    double seconds = (System.nanoTime() - start) / 1e9;
    if (failure.get() != null) {
      throw new IllegalStateException("raw pick ceiling failed", failure.get());
    }
    return new RawScans(units.size(), seconds, Latencies.merge(latencies));
  }

  private static void join(List<Thread> threads) {
    for (Thread t : threads) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }
  }
}
