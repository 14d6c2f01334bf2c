package io.unitrace.bench.load;

import io.unitrace.gs1.Sscc;
import java.net.URI;
import java.net.http.HttpClient;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import tools.jackson.databind.JsonNode;

/**
 * Receiving an ASN (inbound issue): the ASN announces pallets of cases of serialized units; it is
 * received once by one bulk confirmation and once by single scans from N clients (each its own
 * operator scanning its share of the serials into the same receipt). The raw ceiling inserts the
 * same rows (units, their entries, one event, the receipt's scan rows) with plain batched JDBC.
 */
final class ReceivingLoad {

  record Asn(String number, List<String> serials) {}

  record Timed(
      int units, double seconds, Latencies.Summary latency, long errors, String firstError) {

    double perSecond() {
      return units / seconds;
    }

    @Override
    public String toString() {
      return String.format(
          "%,d units in %.2f s: %,.0f/s%s%s",
          units,
          seconds,
          perSecond(),
          latency == null ? "" : "; " + latency,
          errors == 0 ? "" : "; " + errors + " errors (first: " + firstError + ")");
    }
  }

  private ReceivingLoad() {}

  /**
   * A PO for the units and an ASN announcing {@code pallets} x {@code cases} x {@code perCase}
   * serials in their SSCC hierarchy.
   */
  static Asn announce(
      Terminal admin, BenchSite site, String prefix, int pallets, int cases, int perCase) {
    Terminal t = admin.in(site.tenant());
    int total = pallets * cases * perCase;
    String po = "PO-" + prefix + "-" + site.tenant();
    t.postOk(
        "/api/v1/purchase-orders",
        BenchSite.json(
            Map.of(
                "number",
                po,
                "vendor",
                "Benchmark vendor",
                "lines",
                List.of(Map.of("sku", site.sku(), "quantity", total)))));
    long base = ThreadLocalRandom.current().nextLong(1_000_000_000L);
    List<Object> containers = new ArrayList<>();
    List<Object> items = new ArrayList<>(total);
    List<String> serials = new ArrayList<>(total);
    int n = 0;
    for (int p = 0; p < pallets; p++) {
      String pallet = Sscc.of(0, "0614141", base++).value();
      containers.add(Map.of("sscc", pallet, "kind", "PALLET"));
      for (int c = 0; c < cases; c++) {
        String box = Sscc.of(0, "0614141", base++).value();
        containers.add(Map.of("sscc", box, "parent", pallet, "kind", "CASE"));
        for (int u = 0; u < perCase; u++) {
          String serial = prefix + String.format("%08d", n++);
          serials.add(serial);
          items.add(Map.of("gtin", site.gtin(), "serial", serial, "sscc", box));
        }
      }
    }
    String asn = "ASN-" + prefix + "-" + site.tenant();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("number", asn);
    body.put("purchaseOrder", po);
    body.put("containers", containers);
    body.put("items", items);
    t.postOk("/api/v1/asns", BenchSite.json(body));
    return new Asn(asn, serials);
  }

  static long open(Terminal scanner, BenchSite site, Asn asn) {
    return BenchSite.read(
            scanner.postOk(
                "/api/v1/receipts",
                BenchSite.json(Map.of("dock", site.dock(), "asn", asn.number()))))
        .path("id")
        .asLong();
  }

  /**
   * One bulk confirmation of everything the ASN announced; fails unless every unit was RECEIVED.
   */
  static Timed confirm(Terminal scanner, long receipt, int expected) {
    long start = System.nanoTime();
    Terminal.Reply reply =
        scanner.post("/api/v1/receipts/" + receipt + "/confirm", "{}", "bulk-" + receipt);
    double seconds = (System.nanoTime() - start) / 1e9;
    if (!reply.ok()) {
      throw new Terminal.Refused("POST /api/v1/receipts/" + receipt + "/confirm", reply);
    }
    int received = BenchSite.read(reply).path("outcomes").path("RECEIVED").asInt();
    if (received != expected) {
      throw new IllegalStateException(
          "bulk confirmation received "
              + received
              + " units, not "
              + expected
              + ": "
              + Terminal.abbreviate(reply.body()));
    }
    return new Timed(expected, seconds, null, 0, null);
  }

  /**
   * Every serial scanned once, by {@code clients} operators at once, each scan with its own
   * Idempotency-Key.
   */
  static Timed scans(
      HttpClient http, URI base, BenchSite site, long receipt, List<String> serials, int clients)
      throws InterruptedException {
    Terminal scanner = Terminal.bearer(http, base, site.token());
    List<Latencies> latencies = new ArrayList<>();
    AtomicLong errors = new AtomicLong();
    AtomicReference<String> firstError = new AtomicReference<>();
    List<Thread> threads = new ArrayList<>();
    String path = "/api/v1/receipts/" + receipt + "/scans";
    for (int c = 0; c < clients; c++) {
      int me = c;
      Latencies mine = new Latencies(serials.size() / clients + 1);
      latencies.add(mine);
      threads.add(
          new Thread(
              () -> {
                for (int i = me; i < serials.size(); i += clients) {
                  String scan = "{\"scan\":\"(01)" + site.gtin() + "(21)" + serials.get(i) + "\"}";
                  long sent = System.nanoTime();
                  Terminal.Reply r = scanner.post(path, scan, "scan-" + receipt + "-" + i);
                  long answered = System.nanoTime();
                  if (!r.ok() || !r.body().contains("\"outcome\":\"RECEIVED\"")) {
                    errors.incrementAndGet();
                    firstError.compareAndSet(
                        null, "HTTP " + r.status() + ": " + Terminal.abbreviate(r.body()));
                  } else {
                    mine.record(answered - sent);
                  }
                }
              },
              "operator-" + c));
    }
    long start = System.nanoTime();
    threads.forEach(Thread::start);
    for (Thread t : threads) {
      t.join();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    return new Timed(
        serials.size(), seconds, Latencies.merge(latencies), errors.get(), firstError.get());
  }

  /** The count of units the receipt recorded as received, read back. */
  static int received(Terminal scanner, long receipt) {
    JsonNode r = BenchSite.read(scanner.getOk("/api/v1/receipts/" + receipt));
    return r.path("counters").path("received").asInt();
  }

  /**
   * The raw ceiling: the rows a receipt of these serials writes (one receipt row, one event, a
   * unit, an entry and a receipt scan row per serial), inserted with plain batched JDBC in one
   * transaction.
   */
  static Timed rawInsert(Connection c, BenchSite site, String prefix, int units, int batch)
      throws SQLException {
    long start = System.nanoTime();
    c.setAutoCommit(false);
    long now = System.currentTimeMillis();
    long productId =
        RawInsertCeiling.single(
            c,
            "SELECT id FROM product WHERE tenant_id = ? AND sku = ?",
            site.tenantId(),
            site.sku());
    long dockId = RawInsertCeiling.single(c, "SELECT id FROM location WHERE code = ?", site.dock());
    long receiptId;
    try (PreparedStatement r =
        c.prepareStatement(
            """
        INSERT INTO receipt (tenant_id, dock_id, expected, status, opened_by, opened_at) VALUES (?, ?, 0, 'OPEN', 'raw', ?) RETURNING id""")) {
      r.setLong(1, site.tenantId());
      r.setLong(2, dockId);
      r.setLong(3, now);
      receiptId = RawInsertCeiling.returnedId(r);
    }
    long eventId;
    try (PreparedStatement e =
        c.prepareStatement(
            """
        INSERT INTO ledger_event (tenant_id, request_key, request_digest, type, event_time, event_offset, recorded_at, biz_step,
                                  read_point, biz_location, actor, unit_count)
        VALUES (?, ?, ?, 'RECEIVED', ?, '+00:00', ?, 'receiving', ?, ?, 'raw', ?) RETURNING id""")) {
      e.setLong(1, site.tenantId());
      e.setString(2, "raw-receipt-" + prefix);
      e.setString(3, "0".repeat(64));
      e.setLong(4, now);
      e.setLong(5, now);
      e.setLong(6, dockId);
      e.setLong(7, dockId);
      e.setInt(8, units);
      eventId = RawInsertCeiling.returnedId(e);
    }
    List<Long> ids = new ArrayList<>(units);
    try (PreparedStatement u =
        c.prepareStatement(
            """
        INSERT INTO unit (tenant_id, product_id, gtin, serial, serial_scope_key, state, location_id, holds, version, last_hash,
                          registered_at, updated_at)
        VALUES (?, ?, ?, ?, ?, 'RECEIVED', ?, 0, 1, ?, ?, ?)""")) {
      for (int i = 0; i < units; i++) {
        u.setLong(1, site.tenantId());
        u.setLong(2, productId);
        u.setString(3, site.gtin());
        u.setString(4, prefix + String.format("%08d", i));
        u.setString(5, "gtin:" + site.gtin());
        u.setLong(6, dockId);
        u.setString(7, "0".repeat(64));
        u.setLong(8, now);
        u.setLong(9, now);
        u.addBatch();
        if ((i + 1) % batch == 0 || i == units - 1) {
          u.executeBatch();
        }
      }
    }
    // Read back in one query (portable: SQLite's driver returns only the last generated key of a
    // batch).
    try (PreparedStatement q =
        c.prepareStatement(
            "SELECT id FROM unit WHERE tenant_id = ? AND serial >= ? AND serial < ? ORDER BY serial")) {
      q.setLong(1, site.tenantId());
      q.setString(2, prefix);
      q.setString(3, prefix + "~");
      try (var rs = q.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getLong(1));
        }
      }
    }
    if (ids.size() != units) {
      throw new IllegalStateException(
          "raw insert: " + ids.size() + " units read back, not " + units);
    }
    try (PreparedStatement en =
            c.prepareStatement(
                """
        INSERT INTO ledger_entry (tenant_id, event_id, unit_id, seq, state, location_id, holds, data, prev_hash, hash)
        VALUES (?, ?, ?, 1, 'RECEIVED', ?, 0, ?, ?, ?)""");
        PreparedStatement s =
            c.prepareStatement(
                """
            INSERT INTO receipt_scan (tenant_id, receipt_id, request_key, outcome, received, product_id, gtin, serial, quantity, event_id,
                                      location, message, operator, scanned_at)
            VALUES (?, ?, ?, 'RECEIVED', 1, ?, ?, ?, 1, ?, ?, 'received', 'raw', ?)""")) {
      for (int i = 0; i < units; i++) {
        en.setLong(1, site.tenantId());
        en.setLong(2, eventId);
        en.setLong(3, ids.get(i));
        en.setLong(4, dockId);
        en.setString(5, "{\"c\":\"register\",\"loc\":" + dockId + ",\"type\":\"DOCK\"}");
        en.setString(6, "0".repeat(64));
        en.setString(7, "0".repeat(64));
        en.addBatch();
        s.setLong(1, site.tenantId());
        s.setLong(2, receiptId);
        s.setString(3, "raw#" + i);
        s.setLong(4, productId);
        s.setString(5, site.gtin());
        s.setString(6, prefix + String.format("%08d", i));
        s.setLong(7, eventId);
        s.setString(8, site.dock());
        s.setLong(9, now);
        s.addBatch();
        if ((i + 1) % batch == 0 || i == units - 1) {
          en.executeBatch();
          s.executeBatch();
        }
      }
    }
    c.commit();
    c.setAutoCommit(true);
    return new Timed(units, (System.nanoTime() - start) / 1e9, null, 0, null);
  }
}
