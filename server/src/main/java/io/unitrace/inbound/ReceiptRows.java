package io.unitrace.inbound;

import io.unitrace.catalog.Serial;
import io.unitrace.gs1.Gtin;
import io.unitrace.gs1.Sscc;
import io.unitrace.ledger.Arrivals;
import io.unitrace.ledger.UnitRef;
import io.unitrace.ledger.UnitState;
import io.unitrace.shared.CursorPage;
import io.unitrace.shared.Database;
import io.unitrace.shared.InList;
import io.unitrace.shared.MultiRowInsert;
import io.unitrace.shared.Rows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.ObjectMapper;

/**
 * The SQL of receipts: their rows, the facts a scan is judged on (read in chunks), and the report.
 */
@Repository
class ReceiptRows {

  record AsnRef(long id, long poId, String poNumber) {}

  /**
   * An announced serial (quantity 1), or what is still pending of an announced quantity of lot or
   * untracked goods (serial null).
   */
  record AnnouncedItem(
      String gtin,
      String serial,
      String lot,
      LocalDate expiry,
      LocalDate manufactured,
      Sscc sscc,
      int quantity) {

    ScanChecks.Announced announcement() {
      return new ScanChecks.Announced(lot, expiry);
    }
  }

  /** A unit already in the client's stock with a scanned serial; {@code holds} as a bit set. */
  record Existing(long id, UnitState state, int holds) {}

  /** A judged line to keep, with what the answer does not show. */
  record ScanRow(
      Receiving.Line line, Long productId, Long unitId, String scan, boolean needsLabel) {}

  private static final int CHUNK = 500;

  private final JdbcClient db;
  private final ObjectMapper json;
  private final Database database;

  ReceiptRows(JdbcClient db, ObjectMapper json, Database database) {
    this.db = db;
    this.json = json;
    this.database = database;
  }

  /*
   * Closing and scanning meet on the receipt's row. A scan's transaction reads it with a shared
   * lock (PostgreSQL's FOR KEY SHARE; scans do not wait for each other) and goes on only if it is still OPEN; close
   * takes it exclusively before it reads the scans for the report, so it waits for scans already
   * writing and its report has them, and a scan arriving meanwhile waits for the close and is
   * refused. On SQLite every write transaction holds the database's one write lock from its start,
   * which orders them the same way.
   */

  /**
   * Within a scan's transaction: whether the receipt is still open, holding it open until this
   * transaction ends.
   */
  boolean stillOpen(long receiptId) {
    // The lightest row lock that still conflicts with close's FOR UPDATE; scans do not block one
    // another.
    String lock = database == Database.POSTGRESQL ? " FOR KEY SHARE" : "";
    return "OPEN"
        .equals(
            db.sql("SELECT status FROM receipt WHERE id = ?" + lock)
                .param(receiptId)
                .query(String.class)
                .single());
  }

  /**
   * Within close's transaction, before the report is read: waits for scans being written, then
   * keeps new ones out.
   */
  boolean lockForClose(long receiptId) {
    String lock = database == Database.POSTGRESQL ? " FOR UPDATE" : "";
    return "OPEN"
        .equals(
            db.sql("SELECT status FROM receipt WHERE id = ?" + lock)
                .param(receiptId)
                .query(String.class)
                .single());
  }

  Optional<AsnRef> asn(long tenantId, String number) {
    return db.sql(
            "SELECT a.id, a.po_id, p.number FROM asn a JOIN purchase_order p ON p.id = a.po_id WHERE a.tenant_id = ? AND a.number = ?")
        .params(tenantId, number)
        .query((rs, n) -> new AsnRef(rs.getLong(1), rs.getLong(2), rs.getString(3)))
        .optional();
  }

  Optional<Long> purchaseOrderId(long tenantId, String number) {
    return db.sql("SELECT id FROM purchase_order WHERE tenant_id = ? AND number = ?")
        .params(tenantId, number)
        .query(Long.class)
        .optional();
  }

  Optional<Long> firstQuarantine(String warehouseCode) {
    return db.sql(
            """
            SELECT l.id FROM location l JOIN warehouse w ON w.id = l.warehouse_id
            WHERE w.code = ? AND l.type = 'QUARANTINE' ORDER BY l.code LIMIT 1""")
        .param(warehouseCode)
        .query(Long.class)
        .optional();
  }

  /**
   * Opens a receipt expecting what the ASN announces (serials count one each), else what the PO
   * orders, else nothing.
   */
  long insertReceipt(
      long tenantId, Long poId, Long asnId, long dockId, Long quarantineId, String who, long now) {
    int expected =
        asnId != null
            ? db.sql("SELECT COALESCE(SUM(quantity), 0) FROM asn_item WHERE asn_id = ?")
                .param(asnId)
                .query(Integer.class)
                .single()
            : poId != null
                ? db.sql("SELECT COALESCE(SUM(quantity), 0) FROM po_line WHERE po_id = ?")
                    .param(poId)
                    .query(Integer.class)
                    .single()
                : 0;
    return db.sql(
            """
            INSERT INTO receipt (tenant_id, po_id, asn_id, dock_id, quarantine_id, expected, status, opened_by, opened_at)
            VALUES (?, ?, ?, ?, ?, ?, 'OPEN', ?, ?) RETURNING id""")
        .params(tenantId, poId, asnId, dockId, quarantineId, expected, who, now)
        .query(Long.class)
        .single();
  }

  private static final String RECEIPT =
      """
      SELECT r.id, r.po_id, p.number, p.vendor, r.asn_id, a.number, d.code, q.code, r.status, r.opened_by, r.opened_at,
             r.closed_by, r.closed_at, r.report, r.expected
      FROM receipt r JOIN location d ON d.id = r.dock_id LEFT JOIN location q ON q.id = r.quarantine_id
        LEFT JOIN purchase_order p ON p.id = r.po_id LEFT JOIN asn a ON a.id = r.asn_id""";

  Optional<Receipt> receipt(long tenantId, long id) {
    return db.sql(RECEIPT + " WHERE r.tenant_id = ? AND r.id = ?")
        .params(tenantId, id)
        .query(this::receipt)
        .optional();
  }

  /** The client's receipts in one status (or all: null), in id order from the cursor. */
  List<Receipt> receipts(long tenantId, String status, long after, int limit) {
    if (status == null) {
      return db.sql(RECEIPT + " WHERE r.tenant_id = ? AND r.id > ? ORDER BY r.id LIMIT ?")
          .params(tenantId, after, limit)
          .query(this::receipt)
          .list();
    }
    return db.sql(
            RECEIPT + " WHERE r.tenant_id = ? AND r.status = ? AND r.id > ? ORDER BY r.id LIMIT ?")
        .params(tenantId, status, after, limit)
        .query(this::receipt)
        .list();
  }

  /** The client's open receipts, newest first. */
  List<Receipt> openReceipts(long tenantId, int limit) {
    return db.sql(
            RECEIPT + " WHERE r.tenant_id = ? AND r.status = 'OPEN' ORDER BY r.id DESC LIMIT ?")
        .params(tenantId, limit)
        .query(this::receipt)
        .list();
  }

  private Receipt receipt(ResultSet rs, int n) throws SQLException {
    return new Receipt(
        rs.getLong(1),
        Rows.longOrNull(rs, 2),
        rs.getString(3),
        rs.getString(4),
        Rows.longOrNull(rs, 5),
        rs.getString(6),
        rs.getString(7),
        rs.getString(8),
        rs.getString(9),
        rs.getString(10),
        rs.getLong(11),
        rs.getString(12),
        Rows.longOrNull(rs, 13),
        rs.getString(14) == null ? null : json.readValue(rs.getString(14), Report.class),
        rs.getInt(15));
  }

  boolean closeReceipt(long tenantId, long id, String who, long now, Report report) {
    return db.sql(
                "UPDATE receipt SET status = 'CLOSED', closed_by = ?, closed_at = ?, report = ? WHERE tenant_id = ? AND id = ? AND status = 'OPEN'")
            .params(who, now, json.writeValueAsString(report), tenantId, id)
            .update()
        == 1;
  }

  /** Units taken in so far (less those found missing afterwards). */
  int receivedCount(long receiptId) {
    return db.sql("SELECT COALESCE(SUM(received), 0) FROM receipt_tally WHERE receipt_id = ?")
        .param(receiptId)
        .query(Integer.class)
        .single();
  }

  /** Adds to the running counts: per product, {received, counted against the PO}. */
  void tally(long tenantId, long receiptId, Map<Long, int[]> deltas) {
    int stripe = ThreadLocalRandom.current().nextInt(16);
    deltas.forEach(
        (product, d) ->
            db.sql(
                    """
            INSERT INTO receipt_tally (tenant_id, receipt_id, product_id, stripe, received, counted) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (receipt_id, product_id, stripe)
            DO UPDATE SET received = receipt_tally.received + excluded.received, counted = receipt_tally.counted + excluded.counted""")
                .params(tenantId, receiptId, product, stripe, d[0], d[1])
                .update());
  }

  Map<ScanOutcome, Integer> outcomeCounts(long receiptId) {
    Map<ScanOutcome, Integer> counts = new EnumMap<>(ScanOutcome.class);
    db.sql("SELECT outcome, SUM(quantity) FROM receipt_scan WHERE receipt_id = ? GROUP BY outcome")
        .param(receiptId)
        .query((rs, n) -> counts.put(ScanOutcome.valueOf(rs.getString(1)), rs.getInt(2)))
        .list();
    return counts;
  }

  /**
   * The lines a request key recorded: one ("key") for a unit scan, "key#0", "key#1".. for a
   * container or a bulk confirmation. Equality on the (receipt, request key) index first, which is
   * all a new scan costs; the range only for a repeated multi-line request.
   */
  List<Receiving.Line> scansByKey(long receiptId, String key) {
    List<Receiving.Line> first =
        db.sql(LINE + " WHERE s.receipt_id = ? AND s.request_key IN (?, ?) ORDER BY s.id")
            .params(receiptId, key, key + "#0")
            .query(this::line)
            .list();
    if (first.isEmpty()
        || db.sql("SELECT COUNT(*) FROM receipt_scan WHERE receipt_id = ? AND request_key = ?")
                .params(receiptId, key)
                .query(Integer.class)
                .single()
            == 1) {
      return first;
    }
    return db.sql(
            LINE
                + " WHERE s.receipt_id = ? AND s.request_key >= ? AND s.request_key < ? ORDER BY s.id")
        .params(receiptId, key + "#", key + "$")
        .query(this::line)
        .list();
  }

  private static final String LINE =
      """
      SELECT s.outcome, p.sku, s.gtin, s.serial, s.lot, s.expiry, s.sscc, s.location, s.message, s.quantity
      FROM receipt_scan s LEFT JOIN product p ON p.id = s.product_id""";

  private Receiving.Line line(ResultSet rs, int n) throws SQLException {
    return new Receiving.Line(
        ScanOutcome.valueOf(rs.getString(1)),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        rs.getString(5),
        date(rs.getString(6)),
        rs.getString(7),
        rs.getString(8),
        rs.getString(9),
        rs.getInt(10));
  }

  private static final String SCAN =
      """
      SELECT s.id, s.outcome, p.sku, s.gtin, s.serial, s.lot, s.expiry, s.sscc, s.location, s.message, s.scan, s.operator, s.device,
             s.scanned_at
      FROM receipt_scan s LEFT JOIN product p ON p.id = s.product_id""";

  CursorPage<ReceiptScan> scans(long receiptId, long after, int limit) {
    List<ReceiptScan> fetched =
        db.sql(SCAN + " WHERE s.receipt_id = ? AND s.id > ? ORDER BY s.id LIMIT ?")
            .params(receiptId, after, limit + 1)
            .query(this::scan)
            .list();
    return CursorPage.of(fetched, limit, ReceiptScan::id);
  }

  /** The newest lines of a receipt, newest first. */
  List<ReceiptScan> lastScans(long receiptId, int limit) {
    return db.sql(SCAN + " WHERE s.receipt_id = ? ORDER BY s.id DESC LIMIT ?")
        .params(receiptId, limit)
        .query(this::scan)
        .list();
  }

  private ReceiptScan scan(ResultSet rs, int n) throws SQLException {
    return new ReceiptScan(
        rs.getLong(1),
        ScanOutcome.valueOf(rs.getString(2)),
        rs.getString(3),
        rs.getString(4),
        rs.getString(5),
        rs.getString(6),
        rs.getString(7),
        rs.getString(8),
        rs.getString(9),
        rs.getString(10),
        rs.getString(11),
        rs.getString(12),
        rs.getString(13),
        Instant.ofEpochMilli(rs.getLong(14)));
  }

  void insertScans(
      long tenantId,
      long receiptId,
      String key,
      List<ScanRow> scans,
      Long eventId,
      String operator,
      String device,
      long now) {
    List<Object[]> rows = new ArrayList<>(scans.size());
    for (int i = 0; i < scans.size(); i++) {
      ScanRow s = scans.get(i);
      Receiving.Line l = s.line();
      rows.add(
          new Object[] {
            tenantId,
            receiptId,
            scans.size() == 1 ? key : key + "#" + i,
            l.outcome().name(),
            l.outcome().received() ? 1 : 0,
            s.productId(),
            l.gtin(),
            l.serial(),
            l.lot(),
            l.expiry() == null ? null : l.expiry().toString(),
            l.sscc(),
            l.quantity(),
            s.unitId(),
            l.outcome().received() ? eventId : null,
            l.location(),
            s.needsLabel() ? 1 : 0,
            truncate(l.message(), 400),
            s.scan(),
            operator,
            device,
            now
          });
    }
    MultiRowInsert.insert(
        db,
        "receipt_scan",
        List.of(
            "tenant_id",
            "receipt_id",
            "request_key",
            "outcome",
            "received",
            "product_id",
            "gtin",
            "serial",
            "lot",
            "expiry",
            "sscc",
            "quantity",
            "unit_id",
            "event_id",
            "location",
            "needs_label",
            "message",
            "scan",
            "operator",
            "device",
            "scanned_at"),
        rows,
        null);
  }

  void insertContainer(long tenantId, long receiptId, long containerId, String key) {
    db.sql(
            "INSERT INTO receipt_container (tenant_id, receipt_id, container_id, request_key) VALUES (?, ?, ?, ?)")
        .params(tenantId, receiptId, containerId, key)
        .update();
  }

  /**
   * The container a request key built, if it did: a retried request answers with it instead of
   * building another.
   */
  Optional<Receiving.Built> builtBy(long receiptId, String key, String dock) {
    return db.sql(
            """
            SELECT c.sscc, c.kind, (SELECT COUNT(*) FROM unit u WHERE u.container_id = c.id)
            FROM receipt_container r JOIN container c ON c.id = r.container_id WHERE r.receipt_id = ? AND r.request_key = ?""")
        .params(receiptId, key)
        .query((rs, n) -> new Receiving.Built(rs.getString(1), rs.getString(2), dock, rs.getInt(3)))
        .optional();
  }

  List<Sscc> containersBuilt(long tenantId, long receiptId) {
    return db.sql(
            """
            SELECT c.sscc FROM receipt_container r JOIN container c ON c.id = r.container_id
            WHERE r.tenant_id = ? AND r.receipt_id = ? ORDER BY c.id""")
        .params(tenantId, receiptId)
        .query((rs, n) -> new Sscc(rs.getString(1)))
        .list();
  }

  List<UnitRef> unitsNeedingLabels(long receiptId) {
    return db.sql(
            "SELECT gtin, serial FROM receipt_scan WHERE receipt_id = ? AND needs_label = 1 ORDER BY id")
        .param(receiptId)
        .query((rs, n) -> new UnitRef(new Gtin(rs.getString(1)), new Serial(rs.getString(2))))
        .list();
  }

  /**
   * Of the given "gtin|serial" keys, those this receipt already received (read by gtin, so the
   * index serves).
   */
  Set<String> receivedSerials(long receiptId, List<String> keys) {
    Set<String> found = new HashSet<>();
    byFirstPart(keys)
        .forEach(
            (gtin, serials) ->
                chunked(
                    serials,
                    chunk ->
                        db.sql(
                                "SELECT gtin, serial FROM receipt_scan WHERE receipt_id = ? AND gtin = ? AND received = 1 AND serial IN ("
                                    + InList.marks(chunk.size())
                                    + ")")
                            .params(InList.concat(receiptId, InList.concat(gtin, chunk)))
                            .query((rs, n) -> found.add(rs.getString(1) + "|" + rs.getString(2)))
                            .list()));
    return found;
  }

  /**
   * Units of the client, by "serial scope key|serial" (the key the uniqueness rule uses), for the
   * given keys of that form.
   */
  Map<String, Existing> existingUnits(long tenantId, List<String> scopedSerials) {
    Map<String, Existing> found = new HashMap<>();
    byFirstPart(scopedSerials)
        .forEach(
            (scope, serials) ->
                chunked(
                    serials,
                    chunk ->
                        db.sql(
                                "SELECT serial_scope_key, serial, id, state, holds FROM unit WHERE tenant_id = ? AND serial_scope_key = ? AND serial IN ("
                                    + InList.marks(chunk.size())
                                    + ")")
                            .params(InList.concat(tenantId, InList.concat(scope, chunk)))
                            .query(
                                (rs, n) ->
                                    found.put(
                                        rs.getString(1) + "|" + rs.getString(2),
                                        new Existing(
                                            rs.getLong(3),
                                            UnitState.valueOf(rs.getString(4)),
                                            rs.getInt(5))))
                            .list()));
    return found;
  }

  /** What the ASN announced for the given "gtin|serial" keys. */
  Map<String, ScanChecks.Announced> announced(long asnId, List<String> keys) {
    Map<String, ScanChecks.Announced> found = new HashMap<>();
    byFirstPart(keys)
        .forEach(
            (gtin, serials) ->
                chunked(
                    serials,
                    chunk ->
                        db.sql(
                                "SELECT gtin, serial, lot, expiry FROM asn_item WHERE asn_id = ? AND gtin = ? AND serial IN ("
                                    + InList.marks(chunk.size())
                                    + ")")
                            .params(InList.concat(asnId, InList.concat(gtin, chunk)))
                            .query(
                                (rs, n) ->
                                    found.put(
                                        rs.getString(1) + "|" + rs.getString(2),
                                        new ScanChecks.Announced(
                                            rs.getString(3), date(rs.getString(4)))))
                            .list()));
    return found;
  }

  /** The lots (with expiry) the ASN announces of each counted product, by GTIN. */
  Map<String, List<ScanChecks.Announced>> announcedLots(long asnId) {
    Map<String, List<ScanChecks.Announced>> found = new HashMap<>();
    db.sql("SELECT DISTINCT gtin, lot, expiry FROM asn_item WHERE asn_id = ? AND serial IS NULL")
        .param(asnId)
        .query(
            (rs, n) ->
                found
                    .computeIfAbsent(rs.getString(1), g -> new ArrayList<>())
                    .add(new ScanChecks.Announced(rs.getString(2), date(rs.getString(3)))))
        .list();
    return found;
  }

  /** Counted goods this receipt took in, by "gtin|lot" (lot "null" for untracked goods). */
  Map<String, Long> receivedQuantities(long receiptId) {
    return byGtinAndLot(
        "SELECT gtin, lot, SUM(quantity) FROM receipt_scan WHERE receipt_id = ? AND received = 1 AND serial IS NULL GROUP BY gtin, lot",
        receiptId);
  }

  /** Counted goods this receipt reported not found after taking them in, by "gtin|lot". */
  Map<String, Long> missingQuantities(long receiptId) {
    return byGtinAndLot(
        "SELECT gtin, lot, SUM(quantity) FROM receipt_scan WHERE receipt_id = ? AND outcome = 'NOT_FOUND' AND serial IS NULL "
            + "GROUP BY gtin, lot",
        receiptId);
  }

  /** How much of each counted product and lot the ASN announces, by "gtin|lot". */
  Map<String, Long> announcedQuantities(long asnId) {
    return byGtinAndLot(
        "SELECT gtin, lot, SUM(quantity) FROM asn_item WHERE asn_id = ? AND serial IS NULL GROUP BY gtin, lot",
        asnId);
  }

  /**
   * Quantities of counted goods by "gtin|lot" (lot "null" for untracked goods), from a query of
   * gtin, lot and a sum.
   */
  private Map<String, Long> byGtinAndLot(String sql, long id) {
    Map<String, Long> found = new HashMap<>();
    db.sql(sql)
        .param(id)
        .query((rs, n) -> found.put(rs.getString(1) + "|" + rs.getString(2), rs.getLong(3)))
        .list();
    return found;
  }

  /** "a|b" keys grouped by a, each with its distinct b's. */
  private static Map<String, List<String>> byFirstPart(List<String> keys) {
    Map<String, LinkedHashSet<String>> groups = new LinkedHashMap<>();
    for (String k : keys) {
      int bar = k.indexOf('|');
      groups
          .computeIfAbsent(k.substring(0, bar), x -> new LinkedHashSet<>())
          .add(k.substring(bar + 1));
    }
    Map<String, List<String>> out = new LinkedHashMap<>();
    groups.forEach((a, b) -> out.put(a, new ArrayList<>(b)));
    return out;
  }

  /** Ordered quantity per product. */
  Map<Long, Integer> ordered(long poId) {
    Map<Long, Integer> q = new HashMap<>();
    db.sql("SELECT product_id, SUM(quantity) FROM po_line WHERE po_id = ? GROUP BY product_id")
        .param(poId)
        .query((rs, n) -> q.put(rs.getLong(1), rs.getInt(2)))
        .list();
    return q;
  }

  /**
   * Units received against the PO per product, over all its receipts; wrong products and overs do
   * not count.
   */
  Map<Long, Integer> receivedForPo(long poId) {
    Map<Long, Integer> q = new HashMap<>();
    db.sql(
            """
            SELECT t.product_id, SUM(t.counted) FROM receipt_tally t JOIN receipt r ON r.id = t.receipt_id
            WHERE r.po_id = ? GROUP BY t.product_id""")
        .param(poId)
        .query((rs, n) -> q.put(rs.getLong(1), rs.getInt(2)))
        .list();
    return q;
  }

  private static final String ANNOUNCED =
      """
      SELECT i.gtin, i.serial, i.lot, i.expiry, i.manufactured, i.sscc, 1 FROM asn_item i
      WHERE i.asn_id = ? AND i.serial IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM receipt_scan s WHERE s.receipt_id = ? AND s.received = 1 AND s.gtin = i.gtin AND s.serial = i.serial)""";

  /** Announced serials and quantities this receipt has not received yet. */
  List<AnnouncedItem> pendingItems(Receipt r) {
    List<AnnouncedItem> items =
        new ArrayList<>(
            db.sql(ANNOUNCED + " ORDER BY i.id")
                .params(r.asnId(), r.id())
                .query(this::item)
                .list());
    items.addAll(pendingQuantities(r, null));
    return items;
  }

  /**
   * What is still pending of the ASN's announced quantities (in the given containers, or all).
   * Counted goods carry no serial, so a line's pending quantity is what it announced less what this
   * receipt took in with that line's SSCC (a container scan), and never more than what is still
   * open of its GTIN and lot over the whole ASN (goods scanned loose count there): a case scanned
   * twice, or after its contents were scanned loose, takes nothing in twice.
   */
  private List<AnnouncedItem> pendingQuantities(Receipt r, List<String> containers) {
    Map<String, Long> withSscc = new HashMap<>();
    Map<String, Long> open = new HashMap<>(announcedQuantities(r.asnId()));
    db.sql(
            "SELECT gtin, lot, sscc, SUM(quantity) FROM receipt_scan WHERE receipt_id = ? AND received = 1 AND serial IS NULL GROUP BY gtin, lot, sscc")
        .param(r.id())
        .query(
            (rs, n) -> {
              String lot = rs.getString(1) + "|" + rs.getString(2);
              open.merge(lot, -rs.getLong(4), Long::sum);
              return rs.getString(3) == null
                  ? null
                  : withSscc.put(lot + "|" + rs.getString(3), rs.getLong(4));
            })
        .list();
    Set<String> within = containers == null ? null : new HashSet<>(containers);
    List<AnnouncedItem> pending = new ArrayList<>();
    db.sql(
            "SELECT gtin, NULL, lot, expiry, manufactured, sscc, quantity FROM asn_item WHERE asn_id = ? AND serial IS NULL ORDER BY id")
        .param(r.asnId())
        .query(this::item)
        .list()
        .forEach(
            i -> {
              String lot = i.gtin() + "|" + i.lot();
              long left = i.quantity();
              if (i.sscc() != null) {
                String own = lot + "|" + i.sscc().value();
                long got = withSscc.getOrDefault(own, 0L);
                long used = Math.min(got, left);
                withSscc.put(own, got - used);
                left -= used;
              }
              boolean inScope =
                  within == null || (i.sscc() != null && within.contains(i.sscc().value()));
              long give = Math.min(left, Math.max(0, open.getOrDefault(lot, 0L)));
              if (inScope && give > 0) {
                open.merge(lot, -give, Long::sum);
                pending.add(
                    new AnnouncedItem(
                        i.gtin(),
                        null,
                        i.lot(),
                        i.expiry(),
                        i.manufactured(),
                        i.sscc(),
                        (int) give));
              }
            });
    return pending;
  }

  /**
   * Announced serials not received yet inside the container and everything nested in it; null if
   * the ASN does not announce it.
   */
  List<AnnouncedItem> announcedIn(Receipt r, Sscc sscc) {
    List<String> tree = tree(r.asnId(), sscc.value());
    if (tree.isEmpty()) {
      return null;
    }
    List<AnnouncedItem> items =
        new ArrayList<>(
            db.sql(ANNOUNCED + " AND i.sscc IN (" + InList.marks(tree.size()) + ") ORDER BY i.id")
                .params(InList.concat(r.asnId(), InList.concat(r.id(), tree)))
                .query(this::item)
                .list());
    items.addAll(pendingQuantities(r, tree));
    return items;
  }

  /**
   * The announced containers the given cases need: each case and the pallets above it, parents
   * named.
   */
  List<Arrivals.ArrivingContainer> containersFor(Receipt r, List<Sscc> cases) {
    Map<String, String[]> all = new HashMap<>();
    db.sql("SELECT sscc, parent_sscc, kind FROM asn_container WHERE asn_id = ?")
        .param(r.asnId())
        .query((rs, n) -> all.put(rs.getString(1), new String[] {rs.getString(2), rs.getString(3)}))
        .list();
    Map<String, Arrivals.ArrivingContainer> needed = new LinkedHashMap<>();
    for (Sscc c : cases) {
      String s = c.value();
      while (s != null && !needed.containsKey(s) && all.containsKey(s)) {
        String[] row = all.get(s);
        needed.put(
            s,
            new Arrivals.ArrivingContainer(
                new Sscc(s), row[1], row[0] == null ? null : new Sscc(row[0])));
        s = row[0];
      }
    }
    return new ArrayList<>(needed.values());
  }

  private List<String> tree(long asnId, String root) {
    return db.sql(
            """
            WITH RECURSIVE t(sscc) AS (
              SELECT sscc FROM asn_container WHERE asn_id = ? AND sscc = ?
              UNION ALL
              SELECT c.sscc FROM asn_container c JOIN t ON c.parent_sscc = t.sscc WHERE c.asn_id = ?)
            SELECT sscc FROM t""")
        .params(asnId, root, asnId)
        .query(String.class)
        .list();
  }

  /** The discrepancy report as of now. */
  Report report(Receipt r, Receiving.Counters counters) {
    List<Report.Line> shortLines = new ArrayList<>();
    if (r.asnId() != null) {
      Map<String, List<String>> missing = new LinkedHashMap<>();
      Map<String, String> skus = new HashMap<>();
      db.sql(
              """
              SELECT p.sku, i.gtin, i.serial FROM asn_item i JOIN product p ON p.id = i.product_id
              WHERE i.asn_id = ? AND i.serial IS NOT NULL
                AND NOT EXISTS (SELECT 1 FROM receipt_scan s WHERE s.receipt_id = ? AND s.received = 1 AND s.gtin = i.gtin AND s.serial = i.serial)
              ORDER BY i.gtin, i.serial""")
          .params(r.asnId(), r.id())
          .query(
              (rs, n) -> {
                skus.put(rs.getString(2), rs.getString(1));
                return missing
                    .computeIfAbsent(rs.getString(2), g -> new ArrayList<>())
                    .add(rs.getString(3));
              })
          .list();
      missing.forEach(
          (gtin, serials) ->
              shortLines.add(
                  new Report.Line("SHORT", skus.get(gtin), gtin, serials.size(), serials, null)));
      Map<String, String> countedSkus = new HashMap<>();
      db.sql(
              "SELECT DISTINCT i.gtin, p.sku FROM asn_item i JOIN product p ON p.id = i.product_id WHERE i.asn_id = ? AND i.serial IS NULL")
          .param(r.asnId())
          .query((rs, n) -> countedSkus.put(rs.getString(1), rs.getString(2)))
          .list();
      Map<String, Integer> shortOf = new LinkedHashMap<>();
      pendingQuantities(r, null)
          .forEach(
              i ->
                  shortOf.merge(
                      i.gtin() + "|" + (i.lot() == null ? "" : i.lot()),
                      i.quantity(),
                      Integer::sum));
      shortOf.forEach(
          (k, q) -> {
            String gtin = k.substring(0, k.indexOf('|'));
            String lot = k.substring(k.indexOf('|') + 1);
            shortLines.add(
                new Report.Line(
                    "SHORT",
                    countedSkus.get(gtin),
                    gtin,
                    q,
                    List.of(),
                    lot.isEmpty() ? null : lot));
          });
    } else if (r.poId() != null) {
      Map<Long, Integer> got = receivedForPo(r.poId());
      // What this receipt reported not found is listed below as NOT_FOUND: not short a second time
      // here.
      db.sql(
              "SELECT product_id, SUM(quantity) FROM receipt_scan WHERE receipt_id = ? AND outcome = 'NOT_FOUND' GROUP BY product_id")
          .param(r.id())
          .query((rs, n) -> got.merge(rs.getLong(1), rs.getInt(2), Integer::sum))
          .list();
      db.sql(
              "SELECT l.product_id, p.sku, SUM(l.quantity) FROM po_line l JOIN product p ON p.id = l.product_id WHERE l.po_id = ? GROUP BY l.product_id, p.sku")
          .param(r.poId())
          .query(
              (rs, n) -> {
                int open = rs.getInt(3) - got.getOrDefault(rs.getLong(1), 0);
                return open > 0
                    && shortLines.add(
                        new Report.Line("SHORT", rs.getString(2), null, open, List.of(), null));
              })
          .list();
    }
    record Exception(
        String outcome, String sku, String gtin, String serial, String lot, int quantity) {}
    List<Exception> exceptions =
        db.sql(
                """
            SELECT s.outcome, p.sku, s.gtin, s.serial, s.lot, s.quantity FROM receipt_scan s LEFT JOIN product p ON p.id = s.product_id
            WHERE s.receipt_id = ? AND s.outcome NOT IN ('RECEIVED', 'REPEAT') ORDER BY s.outcome, s.gtin, s.id""")
            .param(r.id())
            .query(
                (rs, n) ->
                    new Exception(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getInt(6)))
            .list();
    Map<String, Report.Line> byKey = new LinkedHashMap<>();
    for (Exception e : exceptions) {
      // Serials are listed per product; counted goods, which have no serials, per product and lot.
      String lot = e.serial() == null ? e.lot() : null;
      String key = e.outcome() + "|" + e.gtin() + "|" + lot;
      Report.Line l =
          byKey.getOrDefault(
              key, new Report.Line(e.outcome(), e.sku(), e.gtin(), 0, new ArrayList<>(), lot));
      if (e.serial() != null) {
        l.serials().add(e.serial());
      }
      byKey.put(
          key,
          new Report.Line(
              l.outcome(), l.sku(), l.gtin(), l.count() + e.quantity(), l.serials(), lot));
    }
    Map<String, List<Report.Line>> groups = new HashMap<>();
    for (Report.Line l : byKey.values()) {
      String group =
          switch (ScanOutcome.valueOf(l.outcome())) {
            case OVER_QUANTITY -> "over";
            case UNEXPECTED, WRONG_PRODUCT, UNKNOWN_GTIN -> "unexpected";
            case DAMAGED, MARKED_DAMAGED -> "damaged";
            case DUPLICATE -> "suspect";
            case NOT_FOUND -> "short";
            default -> "quality";
          };
      groups.computeIfAbsent(group, g -> new ArrayList<>()).add(l);
    }
    shortLines.addAll(groups.getOrDefault("short", List.of()));
    return new Report(
        r.id(),
        r.status(),
        r.poNumber(),
        r.asnNumber(),
        r.vendor(),
        r.dock(),
        counters.expected(),
        counters.received(),
        shortLines,
        groups.getOrDefault("over", List.of()),
        groups.getOrDefault("unexpected", List.of()),
        groups.getOrDefault("damaged", List.of()),
        groups.getOrDefault("suspect", List.of()),
        groups.getOrDefault("quality", List.of()));
  }

  private AnnouncedItem item(ResultSet rs, int n) throws SQLException {
    return new AnnouncedItem(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        date(rs.getString(4)),
        date(rs.getString(5)),
        rs.getString(6) == null ? null : new Sscc(rs.getString(6)),
        rs.getInt(7));
  }

  private static LocalDate date(String iso) {
    return iso == null ? null : LocalDate.parse(iso);
  }

  private static String truncate(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }

  private static void chunked(List<String> values, Consumer<List<String>> query) {
    for (int from = 0; from < values.size(); from += CHUNK) {
      query.accept(values.subList(from, Math.min(values.size(), from + CHUNK)));
    }
  }
}
