package io.unitrace.bench.load;

import io.unitrace.gs1.Sscc;
import java.net.URI;
import java.net.http.HttpClient;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;

/**
 * The returns targets (BENCHMARKS.md, "Returns"): the verdict on a returned unit over HTTP, {@code
 * POST /api/v1/returns/verdict}, p99 under 50 ms with 16 clients, and the warranty lookup {@code
 * GET /api/v1/warranty/01/{gtin}/21/{serial}}, p99 under 10 ms, at 1,000,000 units and about
 * 5,000,000 ledger entries; each next to the same reads as plain JDBC in the same run.
 *
 * <p>Design note. The million units are registered over HTTP and given four synthetic moves each in
 * SQL ({@link SyntheticMoves}), as the history benchmark does: that sizes the unit and ledger
 * tables. The units that are returned are shipped for real through the outbound flow (order,
 * explicit allocation run, pick list, one SSCC scan per pallet, packing closed, shipment), so their
 * sale rows are the server's own. They are a second product of the same client, on pallets of their
 * own: allocation takes a product's free units oldest first and would otherwise reserve the bulk
 * units instead of the pallets the pickers scan. The server runs with auto-allocation off
 * (run-load.sh) so that the orders wait for the explicit runs.
 */
final class ReturnsLoad {

  private final HttpClient http;
  private final URI base;
  private final Terminal admin;
  private final CpuMeter meter;
  private final OutboundLoad.Jdbc jdbc;
  private final Consumer<String> log;
  private final Consumer<String> figure;

  ReturnsLoad(
      HttpClient http,
      URI base,
      Terminal admin,
      CpuMeter meter,
      OutboundLoad.Jdbc jdbc,
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

  /** The shipped units: order o holds pallet o's serials; the channel order id names the sale. */
  private record Shipped(String gtin, List<String> orderNumbers, int perOrder) {
    String serial(int order, int i) {
      return "S" + String.format("%03d%07d", order, i);
    }
  }

  void run(
      int units,
      int movesPerUnit,
      int streams,
      int orders,
      int perOrder,
      int clients,
      Duration warmUp,
      Duration measured)
      throws SQLException {
    BenchSite site = BenchSite.create(admin, "RET", 8);
    Terminal scanner = Terminal.bearer(http, base, site.token());

    // Loading: the million units and their history.
    BulkRegistration.Result loaded =
        BulkRegistration.register(scanner, site, site.dock(), "R", units, 10_000, streams);
    log.accept("returns: loaded through the API, " + loaded);
    SyntheticMoves.Result synthetic;
    try (Connection c = jdbc.open()) {
      synthetic = SyntheticMoves.add(c, site, movesPerUnit, 50_000);
    }
    log.accept("returns: synthetic, " + synthetic);

    // The units that come back, shipped for real.
    long shipStart = System.nanoTime();
    Shipped shipped = ship(site, scanner, orders, perOrder);
    double shipSeconds = (System.nanoTime() - shipStart) / 1e9;
    log.accept(
        String.format(
            "returns: %,d units shipped over HTTP in %d orders in %.1f s",
            orders * perOrder, orders, shipSeconds));

    long unitCount;
    long entryCount;
    long eventCount;
    try (Connection c = jdbc.open();
        var st = c.createStatement()) {
      st.execute("ANALYZE");
      unitCount =
          RawInsertCeiling.single(
              c, "SELECT count(*) FROM unit WHERE tenant_id = ?", site.tenantId());
      entryCount =
          RawInsertCeiling.single(
              c, "SELECT count(*) FROM ledger_entry WHERE tenant_id = ?", site.tenantId());
      eventCount =
          RawInsertCeiling.single(
              c, "SELECT count(*) FROM ledger_event WHERE tenant_id = ?", site.tenantId());
    }
    figure.accept(
        String.format(
            "R. Returns site: %,d units, %,d ledger entries, %,d events; loading %s; then %s; %,d units shipped over HTTP (%d orders x %,d, one pallet each) in %.1f s",
            unitCount,
            entryCount,
            eventCount,
            loaded,
            synthetic,
            orders * perOrder,
            orders,
            perOrder,
            shipSeconds));

    // Target 1: the verdict over HTTP.
    String returnedBy = "Ann Buyer";
    ClosedLoop.Result verdict =
        ClosedLoop.run(
            clients,
            c -> new VerdictClient(scanner, shipped, orders, returnedBy, new SplittableRandom(c)),
            warmUp,
            measured,
            1_000_000,
            meter);
    log.accept("returns verdict: " + verdict);
    ClosedLoop.Result rawVerdict = rawLoop(site, shipped, orders, clients, warmUp, measured, false);
    log.accept("returns verdict, raw SQL: " + rawVerdict);
    figure.accept(
        String.format(
            "R1. Return verdict over HTTP (POST /api/v1/returns/verdict, (01)(21) scan of a random shipped unit), %d clients, %d s warm-up + %d s measured: %,.0f verdicts/s; %s; %,d errors (every answer 200 and naming its order)",
            clients,
            warmUp.toSeconds(),
            measured.toSeconds(),
            verdict.perSecond(),
            verdict.latency(),
            verdict.errors()));
    if (verdict.firstError() != null) {
      figure.accept("    first error: " + verdict.firstError());
    }
    figure.accept("    " + verdict.cpu().per(Math.max(1, verdict.completed()), "verdict"));
    figure.accept(
        String.format(
            "    Raw SQL, same reads (unit by tenant+GTIN+serial, its product, its last SHIPPED allocation with order, channel, customer, ship date), %d JDBC connections: %,.0f/s; %s; %,d errors",
            clients, rawVerdict.perSecond(), rawVerdict.latency(), rawVerdict.errors()));
    figure.accept(
        String.format(
            "    Target p99 < 50 ms with %d clients: %s (HTTP p99 / raw p99: %.1fx)",
            clients,
            verdict.errors() == 0 && verdict.latency().p99Ms() < 50 ? "MET" : "MISSED",
            verdict.latency().p99Ms() / rawVerdict.latency().p99Ms()));

    // Target 2: the warranty lookup, when this build has it.
    String probeSerial = shipped.serial(0, 0);
    Terminal.Reply probe = scanner.get(warrantyPath(shipped.gtin(), probeSerial));
    ClosedLoop.Result rawWarranty = rawLoop(site, shipped, orders, clients, warmUp, measured, true);
    log.accept("returns warranty, raw SQL: " + rawWarranty);
    if (probe.status() == 404 || probe.status() == 405) {
      String loud =
          "!!!!! WARRANTY LOOKUP NOT IN THIS BUILD: SKIPPED (GET "
              + warrantyPath(shipped.gtin(), probeSerial)
              + " answered "
              + probe.status()
              + " for a shipped unit) !!!!!";
      System.out.println(loud);
      log.accept(loud);
      figure.accept(
          "R2. Warranty lookup over HTTP: warranty lookup not in this build: skipped (the path answered "
              + probe.status()
              + ")");
    } else {
      log.accept(
          "returns warranty: probe answered "
              + probe.status()
              + ": "
              + Terminal.abbreviate(probe.body()));
      ClosedLoop.Result warranty =
          ClosedLoop.run(
              clients,
              c -> new WarrantyClient(scanner, shipped, orders, new SplittableRandom(100L + c)),
              warmUp,
              measured,
              1_000_000,
              meter);
      log.accept("returns warranty: " + warranty);
      figure.accept(
          String.format(
              "R2. Warranty lookup over HTTP (GET /api/v1/warranty/01/{gtin}/21/{serial}, random shipped unit), %d clients, %d s warm-up + %d s measured: %,.0f lookups/s; %s; %,d errors",
              clients,
              warmUp.toSeconds(),
              measured.toSeconds(),
              warranty.perSecond(),
              warranty.latency(),
              warranty.errors()));
      if (warranty.firstError() != null) {
        figure.accept("    first error: " + warranty.firstError());
      }
      figure.accept("    " + warranty.cpu().per(Math.max(1, warranty.completed()), "lookup"));
      figure.accept(
          String.format(
              "    Target p99 < 10 ms: %s",
              warranty.errors() == 0 && warranty.latency().p99Ms() < 10 ? "MET" : "MISSED"));
    }
    figure.accept(
        String.format(
            "    Raw SQL, same reads as the warranty lookup (unit by tenant+GTIN+serial, its last SHIPPED allocation with order, channel, customer, ship date and warranty end, its product and GTINs, its registrations and claims), %d JDBC connections: %,.0f/s; %s; %,d errors",
            clients, rawWarranty.perSecond(), rawWarranty.latency(), rawWarranty.errors()));
  }

  private static String warrantyPath(String gtin, String serial) {
    return "/api/v1/warranty/01/" + gtin + "/21/" + serial;
  }

  // ---------------------------------------------------------------------------------------------
  // Setup: the returned units' way out

  private Shipped ship(BenchSite site, Terminal scanner, int orders, int perOrder) {
    Terminal t = admin.in(site.tenant());
    String packing = site.prepareOutbound(admin);
    String sku = site.sku() + "-S";
    String gtin = BenchSite.randomGtin();
    t.postOk(
        "/api/v1/products",
        BenchSite.json(
            Map.of(
                "sku",
                sku,
                "name",
                "Benchmark shipped phone " + sku,
                "gtins",
                List.of(gtin),
                "tracking",
                "SERIAL",
                "warrantyMonths",
                24)));
    List<String> numbers = new ArrayList<>();
    Shipped shipped = new Shipped(gtin, numbers, perOrder);
    long base0 = ThreadLocalRandom.current().nextLong(1_000_000_000L);
    for (int o = 0; o < orders; o++) {
      long t0 = System.nanoTime();
      String bin = site.bins().get(o % site.bins().size());
      String sscc = Sscc.of(0, "0614141", base0 + o).value();
      scanner.postOk(
          "/api/v1/containers",
          BenchSite.json(Map.of("sscc", sscc, "kind", "PALLET", "location", bin)));
      StringBuilder b = new StringBuilder(64 + perOrder * 56);
      b.append("{\"location\":\"")
          .append(bin)
          .append("\",\"reason\":\"OPENING_STOCK\",\"units\":[");
      List<Object> pack = new ArrayList<>(perOrder);
      for (int i = 0; i < perOrder; i++) {
        if (i > 0) {
          b.append(',');
        }
        b.append("{\"gtin\":\"")
            .append(gtin)
            .append("\",\"serial\":\"")
            .append(shipped.serial(o, i))
            .append("\"}");
        pack.add(Map.of("gtin", gtin, "serial", shipped.serial(o, i)));
      }
      Terminal.Reply reg =
          scanner.post("/api/v1/units", b.append("]}").toString(), "ret-reg-" + site.tenant() + o);
      if (reg.status() != 201) {
        throw new Terminal.Refused("registration of pallet " + o, reg);
      }
      scanner.postOk("/api/v1/units/pack", BenchSite.json(Map.of("units", pack, "into", sscc)));

      String number = "RT-" + o + "-" + site.tenant();
      Map<String, Object> order = new LinkedHashMap<>();
      order.put("channel", "WEB");
      order.put("channelOrderId", number);
      order.put("warehouse", site.warehouse());
      order.put("soldTo", Map.of("name", "Ann Buyer", "address", "1 Main St"));
      order.put("lines", List.of(Map.of("sku", sku, "quantity", perOrder)));
      long orderId =
          BenchSite.read(scanner.postOk("/api/v1/orders", BenchSite.json(order)))
              .path("id")
              .asLong();
      JsonNode a =
          BenchSite.read(
              scanner.postOk(
                  "/api/v1/allocation/runs", BenchSite.json(Map.of("orders", List.of(orderId)))));
      if (a.path("unitsReserved").asLong() != perOrder) {
        throw new IllegalStateException("allocation of order " + number + " answered " + a);
      }
      long listId =
          BenchSite.read(
                  scanner.postOk(
                      "/api/v1/pick-lists",
                      BenchSite.json(
                          Map.of(
                              "warehouse",
                              site.warehouse(),
                              "orders",
                              List.of(orderId),
                              "destination",
                              packing))))
              .path("id")
              .asLong();
      JsonNode picked =
          BenchSite.read(
              scanner.postOk(
                  "/api/v1/pick-lists/" + listId + "/scans",
                  BenchSite.json(Map.of("location", bin, "sscc", sscc))));
      if (!picked.path("outcome").asString().equals("PICKED")) {
        throw new IllegalStateException(
            "SSCC scan answered " + Terminal.abbreviate(picked.toString()));
      }
      JsonNode closed =
          BenchSite.read(scanner.postOk("/api/v1/orders/" + orderId + "/packing/close", "{}"));
      if (!closed.path("status").asString().equals("PACKED")) {
        throw new IllegalStateException(
            "packing close answered " + Terminal.abbreviate(closed.toString()));
      }
      Terminal.Reply s =
          scanner.post(
              "/api/v1/orders/" + orderId + "/shipments",
              BenchSite.json(Map.of("carrier", "DHL", "tracking", "JD" + orderId)),
              "ship-" + orderId);
      if (s.status() != 201 || BenchSite.read(s).path("units").asLong() != perOrder) {
        throw new Terminal.Refused("shipment of order " + number, s);
      }
      numbers.add(number);
      log.accept(
          String.format(
              "returns: order %s (%,d units) registered, packed, allocated, picked, packed and shipped in %.1f s",
              number, perOrder, (System.nanoTime() - t0) / 1e9));
    }
    return shipped;
  }

  // ---------------------------------------------------------------------------------------------
  // HTTP clients

  /** A returns clerk scanning random shipped units; an answer not naming the sale is an error. */
  private record VerdictClient(
      Terminal scanner, Shipped shipped, int orders, String returnedBy, SplittableRandom random)
      implements ClosedLoop.Client {

    @Override
    public Terminal.Reply next(int iteration) {
      int o = random.nextInt(orders);
      String serial = shipped.serial(o, random.nextInt(shipped.perOrder()));
      Terminal.Reply reply =
          scanner.post(
              "/api/v1/returns/verdict",
              BenchSite.json(
                  Map.of(
                      "scan",
                      "(01)" + shipped.gtin() + "(21)" + serial,
                      "returnedBy",
                      returnedBy)));
      if (reply.status() != 200) {
        return reply;
      }
      String order = BenchSite.read(reply).path("sale").path("order").asString("");
      if (!order.equals(shipped.orderNumbers().get(o))) {
        return new Terminal.Reply(
            599,
            "verdict on "
                + serial
                + " names order '"
                + order
                + "', not "
                + shipped.orderNumbers().get(o)
                + ": "
                + reply.body());
      }
      return reply;
    }
  }

  /** A service desk looking up random shipped units; an answer not naming the sale is an error. */
  private record WarrantyClient(
      Terminal scanner, Shipped shipped, int orders, SplittableRandom random)
      implements ClosedLoop.Client {

    @Override
    public Terminal.Reply next(int iteration) {
      int o = random.nextInt(orders);
      String serial = shipped.serial(o, random.nextInt(shipped.perOrder()));
      Terminal.Reply reply = scanner.get(warrantyPath(shipped.gtin(), serial));
      if (reply.status() != 200) {
        return reply;
      }
      String order = BenchSite.read(reply).path("sale").path("order").asString("");
      if (!order.equals(shipped.orderNumbers().get(o))) {
        return new Terminal.Reply(
            599, "warranty of " + serial + " names order '" + order + "': " + reply.body());
      }
      return reply;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Raw SQL: the same reads from plain JDBC connections

  private static final String UNIT =
      "SELECT id, product_id, state, holds, lot_id, fields FROM unit WHERE tenant_id = ? AND gtin = ? AND serial = ?";
  private static final String PRODUCT =
      "SELECT id, sku, name, tracking, warranty_months, serial_scope, custom_fields FROM product WHERE tenant_id = ? AND id = ?";
  // The sale read of outbound's Sales.ofUnit, verbatim.
  private static final String SALE =
      """
      SELECT a.id, a.order_id, o.channel_order_id, c.code, c.return_days, cu.code, o.sold_to_name,
             (SELECT MAX(s.ship_date) FROM carton ca JOIN shipment s ON s.id = ca.shipment_id
               WHERE ca.id = a.carton_id),
             a.warranty_until, a.product_id, a.unit_id, a.gtin, a.serial, a.lot_id, a.quantity,
             a.returned_quantity
      FROM allocation a
      JOIN sales_order o ON o.id = a.order_id
      JOIN sales_channel c ON c.id = o.channel_id
      LEFT JOIN customer cu ON cu.id = o.customer_id
      WHERE a.tenant_id = ? AND a.unit_id = ? AND a.status = 'SHIPPED' ORDER BY a.id DESC LIMIT 1""";
  // The reads of WarrantyLookup.card, verbatim: the unit (Inventory.unit), its sale (SALE above),
  // its product and the product's GTINs (Catalog.products), its registrations and its claims.
  private static final String WARRANTY_UNIT =
      "SELECT id, product_id, lot_id, gtin, serial, state, location_id, container_id, holds FROM unit WHERE tenant_id = ? AND gtin = ? AND serial = ?";
  private static final String WARRANTY_PRODUCT =
      """
      SELECT p.id, p.tenant_id, p.sku, p.name, p.tracking, p.expiry_tracked, p.shelf_life_days, p.warranty_months,
      p.serial_scope, p.manufacturer, p.serial_pattern, p.custom_fields, p.fixed_bin_id, p.min_shelf_life_days, p.regulated
      FROM product p WHERE p.tenant_id = ? AND p.id IN (?) ORDER BY p.id LIMIT ?""";
  private static final String WARRANTY_GTINS =
      "SELECT product_id, gtin FROM product_gtin WHERE tenant_id = ? AND product_id IN (?) ORDER BY gtin";
  private static final String WARRANTY_REGISTRATIONS =
      """
      SELECT id, purchase_date, contact_name, contact_email, source, flagged, flag_reasons, registered_at
      FROM warranty_registration WHERE tenant_id = ? AND unit_id = ? ORDER BY id""";
  private static final String WARRANTY_CLAIMS =
      """
      SELECT id, unit_id, gtin, serial, status, in_warranty, opened_at, replacement_gtin, replacement_serial
      FROM warranty_claim WHERE tenant_id = ? AND unit_id = ?
      UNION ALL
      SELECT id, unit_id, gtin, serial, status, in_warranty, opened_at, replacement_gtin, replacement_serial
      FROM warranty_claim WHERE tenant_id = ? AND replacement_unit_id = ?
      ORDER BY 1""";

  private ClosedLoop.Result rawLoop(
      BenchSite site,
      Shipped shipped,
      int orders,
      int clients,
      Duration warmUp,
      Duration measured,
      boolean warranty)
      throws SQLException {
    List<Connection> connections = new ArrayList<>();
    try {
      for (int i = 0; i < clients; i++) {
        connections.add(jdbc.open());
      }
      return ClosedLoop.run(
          clients,
          c -> {
            try {
              return new RawReads(
                  connections.get(c),
                  site.tenantId(),
                  shipped,
                  orders,
                  warranty,
                  new SplittableRandom(1_000L + c));
            } catch (SQLException e) {
              throw new IllegalStateException(e);
            }
          },
          warmUp,
          measured,
          1_000_000,
          meter);
    } finally {
      for (Connection c : connections) {
        c.close();
      }
    }
  }

  /**
   * One JDBC client's reads: the verdict's (unit, product, sale) or the warranty lookup's (unit,
   * sale, product and its GTINs, registrations, claims), each a prepared statement.
   */
  private static final class RawReads implements ClosedLoop.Client {
    private final long tenant;
    private final Shipped shipped;
    private final int orders;
    private final boolean warranty;
    private final SplittableRandom random;
    private final PreparedStatement unit;
    private final PreparedStatement product;
    private final PreparedStatement sale;
    private final PreparedStatement gtins;
    private final PreparedStatement registrations;
    private final PreparedStatement claims;

    RawReads(
        Connection c,
        long tenant,
        Shipped shipped,
        int orders,
        boolean warranty,
        SplittableRandom random)
        throws SQLException {
      this.tenant = tenant;
      this.shipped = shipped;
      this.orders = orders;
      this.warranty = warranty;
      this.random = random;
      this.unit = c.prepareStatement(warranty ? WARRANTY_UNIT : UNIT);
      this.product = c.prepareStatement(warranty ? WARRANTY_PRODUCT : PRODUCT);
      this.sale = c.prepareStatement(SALE);
      this.gtins = warranty ? c.prepareStatement(WARRANTY_GTINS) : null;
      this.registrations = warranty ? c.prepareStatement(WARRANTY_REGISTRATIONS) : null;
      this.claims = warranty ? c.prepareStatement(WARRANTY_CLAIMS) : null;
    }

    @Override
    public Terminal.Reply next(int iteration) {
      int o = random.nextInt(orders);
      String serial = shipped.serial(o, random.nextInt(shipped.perOrder()));
      try {
        unit.setLong(1, tenant);
        unit.setString(2, shipped.gtin());
        unit.setString(3, serial);
        long unitId;
        long productId;
        try (ResultSet rs = unit.executeQuery()) {
          if (!rs.next()) {
            return new Terminal.Reply(404, "no unit " + serial);
          }
          unitId = rs.getLong(1);
          productId = rs.getLong(2);
        }
        sale.setLong(1, tenant);
        sale.setLong(2, unitId);
        try (ResultSet rs = sale.executeQuery()) {
          if (!rs.next()) {
            return new Terminal.Reply(404, "no sale of " + serial);
          }
          if (!rs.getString(3).equals(shipped.orderNumbers().get(o))) {
            return new Terminal.Reply(599, "sale of " + serial + " is " + rs.getString(3));
          }
        }
        product.setLong(1, tenant);
        product.setLong(2, productId);
        if (warranty) {
          product.setInt(3, 1);
        }
        try (ResultSet rs = product.executeQuery()) {
          if (!rs.next()) {
            return new Terminal.Reply(404, "no product " + productId);
          }
        }
        if (warranty) {
          gtins.setLong(1, tenant);
          gtins.setLong(2, productId);
          drain(gtins);
          registrations.setLong(1, tenant);
          registrations.setLong(2, unitId);
          drain(registrations);
          claims.setLong(1, tenant);
          claims.setLong(2, unitId);
          claims.setLong(3, tenant);
          claims.setLong(4, unitId);
          drain(claims);
        }
        return new Terminal.Reply(200, "");
      } catch (SQLException e) {
        return new Terminal.Reply(500, e.toString());
      }
    }

    private static void drain(PreparedStatement st) throws SQLException {
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          rs.getObject(1);
        }
      }
    }
  }
}
