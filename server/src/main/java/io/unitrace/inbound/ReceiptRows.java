package io.unitrace.inbound;

import io.unitrace.catalog.Catalog;
import io.unitrace.catalog.Product;
import io.unitrace.catalog.ProductId;
import io.unitrace.catalog.Serial;
import io.unitrace.facility.Facility;
import io.unitrace.facility.Location;
import io.unitrace.facility.LocationId;
import io.unitrace.gs1.Gtin;
import io.unitrace.gs1.Sscc;
import io.unitrace.ledger.Container;
import io.unitrace.ledger.Containers;
import io.unitrace.ledger.Inventory;
import io.unitrace.ledger.UnitRef;
import io.unitrace.shared.CursorPage;
import io.unitrace.shared.Database;
import io.unitrace.shared.InList;
import io.unitrace.shared.MultiRowInsert;
import io.unitrace.shared.Rows;
import io.unitrace.shared.Times;
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
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.ObjectMapper;

/**
 * The SQL of receipts: their rows, the facts a scan is judged on (read in chunks), what the ASN
 * still has pending, and the rows the report is built from. Only SQL and the mapping of its
 * results: what is made of them is decided by {@link Judging}, {@link PendingQuantities} and {@link
 * DiscrepancyReport}.
 */
@Repository
class ReceiptRows {

  record AsnRef(long id, long poId, String poNumber) {}

  private static final int CHUNK = 500;

  private final JdbcClient db;
  private final ObjectMapper json;
  private final Database database;
  private final Catalog catalog;
  private final Facility facility;
  private final Containers containers;
  private final Inventory inventory;

  ReceiptRows(
      JdbcClient db,
      ObjectMapper json,
      Database database,
      Catalog catalog,
      Facility facility,
      Containers containers,
      Inventory inventory) {
    this.db = db;
    this.json = json;
    this.database = database;
    this.catalog = catalog;
    this.facility = facility;
    this.containers = containers;
    this.inventory = inventory;
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
      SELECT r.id, r.po_id, p.number, p.vendor, r.asn_id, a.number, r.dock_id, r.quarantine_id, r.status, r.opened_by,
             r.opened_at, r.closed_by, r.closed_at, r.report, r.expected
      FROM receipt r LEFT JOIN purchase_order p ON p.id = r.po_id LEFT JOIN asn a ON a.id = r.asn_id""";

  /** A receipt's row with the ids of its dock and quarantine, whose codes are facility's. */
  private record ReceiptRow(Receipt receipt, long dockId, Long quarantineId) {}

  /** The receipts with their dock and quarantine codes, from facility in one call for the list. */
  private List<Receipt> placed(List<ReceiptRow> rows) {
    if (rows.isEmpty()) {
      return rows.stream().map(ReceiptRow::receipt).toList();
    }
    List<LocationId> ids = new ArrayList<>();
    for (ReceiptRow r : rows) {
      ids.add(new LocationId(r.dockId()));
      if (r.quarantineId() != null) {
        ids.add(new LocationId(r.quarantineId()));
      }
    }
    Map<LocationId, Location> places = facility.locations(ids);
    List<Receipt> placed = new ArrayList<>(rows.size());
    for (ReceiptRow r : rows) {
      Location dock = places.get(new LocationId(r.dockId()));
      Location quarantine =
          r.quarantineId() == null ? null : places.get(new LocationId(r.quarantineId()));
      if (dock != null) {
        placed.add(r.receipt().at(dock.code(), quarantine == null ? null : quarantine.code()));
      }
    }
    return placed;
  }

  Optional<Receipt> receipt(long tenantId, long id) {
    return placed(
            db.sql(RECEIPT + " WHERE r.tenant_id = ? AND r.id = ?")
                .params(tenantId, id)
                .query(this::receipt)
                .list())
        .stream()
        .findFirst();
  }

  /** The client's receipts in one status (or all: null), in id order from the cursor. */
  List<Receipt> receipts(long tenantId, String status, long after, int limit) {
    if (status == null) {
      return placed(
          db.sql(RECEIPT + " WHERE r.tenant_id = ? AND r.id > ? ORDER BY r.id LIMIT ?")
              .params(tenantId, after, limit)
              .query(this::receipt)
              .list());
    }
    return placed(
        db.sql(
                RECEIPT
                    + " WHERE r.tenant_id = ? AND r.status = ? AND r.id > ? ORDER BY r.id LIMIT ?")
            .params(tenantId, status, after, limit)
            .query(this::receipt)
            .list());
  }

  /** The client's open receipts, newest first. */
  List<Receipt> openReceipts(long tenantId, int limit) {
    return placed(
        db.sql(RECEIPT + " WHERE r.tenant_id = ? AND r.status = 'OPEN' ORDER BY r.id DESC LIMIT ?")
            .params(tenantId, limit)
            .query(this::receipt)
            .list());
  }

  private ReceiptRow receipt(ResultSet rs, int n) throws SQLException {
    return new ReceiptRow(
        new Receipt(
            rs.getLong(1),
            Rows.longOrNull(rs, 2),
            rs.getString(3),
            rs.getString(4),
            Rows.longOrNull(rs, 5),
            rs.getString(6),
            null,
            null,
            rs.getString(9),
            rs.getString(10),
            rs.getLong(11),
            rs.getString(12),
            Rows.longOrNull(rs, 13),
            rs.getString(14) == null ? null : json.readValue(rs.getString(14), Report.class),
            rs.getInt(15)),
        rs.getLong(7),
        Rows.longOrNull(rs, 8));
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
    return countsByOutcome(receiptId, "");
  }

  /** The quantity of every exception outcome the receipt's scans recorded (a partial index). */
  Map<ScanOutcome, Integer> exceptionCounts(long receiptId) {
    return countsByOutcome(receiptId, " AND outcome NOT IN ('RECEIVED', 'REPEAT')");
  }

  private Map<ScanOutcome, Integer> countsByOutcome(long receiptId, String andWhere) {
    Map<ScanOutcome, Integer> counts = new EnumMap<>(ScanOutcome.class);
    db.sql(
            "SELECT outcome, SUM(quantity) FROM receipt_scan WHERE receipt_id = ?"
                + andWhere
                + " GROUP BY outcome")
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
        withSkus(
            db.sql(LINE + " WHERE s.receipt_id = ? AND s.request_key IN (?, ?) ORDER BY s.id")
                .params(receiptId, key, key + "#0")
                .query(this::line)
                .list());
    if (first.isEmpty()
        || db.sql("SELECT COUNT(*) FROM receipt_scan WHERE receipt_id = ? AND request_key = ?")
                .params(receiptId, key)
                .query(Integer.class)
                .single()
            == 1) {
      return first;
    }
    return withSkus(
        db.sql(
                LINE
                    + " WHERE s.receipt_id = ? AND s.request_key >= ? AND s.request_key < ? ORDER BY s.id")
            .params(receiptId, key + "#", key + "$")
            .query(this::line)
            .list());
  }

  private static final String LINE =
      """
      SELECT s.outcome, s.tenant_id, s.product_id, s.gtin, s.serial, s.lot, s.expiry, s.sscc, s.location, s.message,
             s.quantity
      FROM receipt_scan s""";

  private NeedsSku<Receiving.Line> line(ResultSet rs, int n) throws SQLException {
    ScanOutcome outcome = ScanOutcome.valueOf(rs.getString(1));
    String gtin = rs.getString(4);
    String serial = rs.getString(5);
    String lot = rs.getString(6);
    LocalDate expiry = Times.date(rs.getString(7));
    String sscc = rs.getString(8);
    String location = rs.getString(9);
    String message = rs.getString(10);
    int quantity = rs.getInt(11);
    return new NeedsSku<>(
        rs.getLong(2),
        Rows.longOrNull(rs, 3),
        sku ->
            new Receiving.Line(
                outcome, sku, gtin, serial, lot, expiry, sscc, location, message, quantity));
  }

  private static final String SCAN =
      """
      SELECT s.id, s.outcome, s.product_id, s.gtin, s.serial, s.lot, s.expiry, s.sscc, s.location, s.message, s.scan, s.operator,
             s.device, s.scanned_at, s.tenant_id
      FROM receipt_scan s""";

  CursorPage<ReceiptScan> scans(long receiptId, long after, int limit) {
    List<ReceiptScan> fetched =
        withSkus(
            db.sql(SCAN + " WHERE s.receipt_id = ? AND s.id > ? ORDER BY s.id LIMIT ?")
                .params(receiptId, after, limit + 1)
                .query(this::scan)
                .list());
    return CursorPage.of(fetched, limit, ReceiptScan::id);
  }

  /** The newest lines of a receipt, newest first. */
  List<ReceiptScan> lastScans(long receiptId, int limit) {
    return withSkus(
        db.sql(SCAN + " WHERE s.receipt_id = ? ORDER BY s.id DESC LIMIT ?")
            .params(receiptId, limit)
            .query(this::scan)
            .list());
  }

  private NeedsSku<ReceiptScan> scan(ResultSet rs, int n) throws SQLException {
    long id = rs.getLong(1);
    ScanOutcome outcome = ScanOutcome.valueOf(rs.getString(2));
    Long productId = Rows.longOrNull(rs, 3);
    String gtin = rs.getString(4);
    String serial = rs.getString(5);
    String lot = rs.getString(6);
    String expiry = rs.getString(7);
    String sscc = rs.getString(8);
    String location = rs.getString(9);
    String message = rs.getString(10);
    String scan = rs.getString(11);
    String operator = rs.getString(12);
    String device = rs.getString(13);
    Instant at = Instant.ofEpochMilli(rs.getLong(14));
    return new NeedsSku<>(
        rs.getLong(15),
        productId,
        sku ->
            new ReceiptScan(
                id, outcome, sku, gtin, serial, lot, expiry, sscc, location, message, scan,
                operator, device, at));
  }

  /**
   * A row read without its product's SKU: the SKUs of a whole list come from the catalog in one
   * call ({@link #withSkus}), never one per row. {@code productId} null: no product (an unknown
   * GTIN), so no SKU.
   */
  private record NeedsSku<T>(long tenantId, Long productId, Function<String, T> row) {}

  /**
   * The rows with their SKUs, in their order. A product the catalog does not know gives a null SKU
   * with {@code keepUnknown}, else drops the row (as an inner join with product did; its foreign
   * key keeps it from happening).
   */
  private <T> List<T> withSkus(List<NeedsSku<T>> rows, boolean keepUnknown) {
    if (rows.isEmpty()) {
      return new ArrayList<>();
    }
    Map<ProductId, Product> products =
        catalog.products(
            rows.get(0).tenantId(),
            rows.stream()
                .map(NeedsSku::productId)
                .filter(Objects::nonNull)
                .map(ProductId::new)
                .toList());
    List<T> out = new ArrayList<>(rows.size());
    for (NeedsSku<T> r : rows) {
      Product p = r.productId() == null ? null : products.get(new ProductId(r.productId()));
      if (p != null || keepUnknown) {
        out.add(r.row().apply(p == null ? null : p.sku()));
      }
    }
    return out;
  }

  /** The rows with their SKUs; a line of an unknown GTIN has none. */
  private <T> List<T> withSkus(List<NeedsSku<T>> rows) {
    return withSkus(rows, true);
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
            now,
            s.vendorLot()
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
            "scanned_at",
            "vendor_lot"),
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
    record Built(long tenantId, long containerId) {}
    return db.sql(
            "SELECT tenant_id, container_id FROM receipt_container WHERE receipt_id = ? AND request_key = ?")
        .params(receiptId, key)
        .query((rs, n) -> new Built(rs.getLong(1), rs.getLong(2)))
        .optional()
        .flatMap(
            b ->
                containers
                    .byId(b.tenantId(), b.containerId())
                    .map(
                        c ->
                            new Receiving.Built(
                                c.sscc().value(),
                                c.kind(),
                                dock,
                                containers.unitCount(b.tenantId(), c.id()))));
  }

  List<Sscc> containersBuilt(long tenantId, long receiptId) {
    List<Long> ids =
        db.sql(
                "SELECT container_id FROM receipt_container WHERE tenant_id = ? AND receipt_id = ? ORDER BY container_id")
            .params(tenantId, receiptId)
            .query(Long.class)
            .list();
    Map<Long, Container> built = containers.byIds(tenantId, ids);
    return ids.stream().filter(built::containsKey).map(id -> built.get(id).sscc()).toList();
  }

  List<UnitRef> unitsNeedingLabels(long receiptId) {
    return db.sql(
            "SELECT gtin, serial FROM receipt_scan WHERE receipt_id = ? AND needs_label = 1 ORDER BY id")
        .param(receiptId)
        .query((rs, n) -> new UnitRef(new Gtin(rs.getString(1)), new Serial(rs.getString(2))))
        .list();
  }

  /**
   * Of the given serials, those this receipt already received (read by gtin, so the index serves).
   */
  Set<SerialOf> receivedSerials(long receiptId, List<SerialOf> keys) {
    Set<SerialOf> found = new HashSet<>();
    grouped(keys, SerialOf::gtin, SerialOf::serial)
        .forEach(
            (gtin, serials) ->
                InList.chunks(serials, CHUNK)
                    .forEach(
                        chunk ->
                            db.sql(
                                    "SELECT gtin, serial FROM receipt_scan WHERE receipt_id = ? AND gtin = ? AND received = 1 AND serial IN ("
                                        + InList.marks(chunk.size())
                                        + ")")
                                .params(InList.concat(receiptId, InList.concat(gtin, chunk)))
                                .query(
                                    (rs, n) ->
                                        found.add(new SerialOf(rs.getString(1), rs.getString(2))))
                                .list()));
    return found;
  }

  /** Units of the client with the given serials, each in its scope (as the uniqueness rule). */
  Map<ScopedSerial, ReceiptFacts.Existing> existingUnits(
      long tenantId, List<ScopedSerial> scopedSerials) {
    // The ledger's set-based read, one statement per chunk of serials over its uniqueness index;
    // joined here by key in a hash map.
    Map<ScopedSerial, ReceiptFacts.Existing> found = new HashMap<>();
    grouped(scopedSerials, ScopedSerial::scope, ScopedSerial::serial)
        .forEach(
            (scope, serials) ->
                inventory
                    .bySerials(tenantId, scope, serials)
                    .forEach(
                        (serial, u) ->
                            found.put(
                                new ScopedSerial(scope, serial),
                                new ReceiptFacts.Existing(u.id(), u.state(), u.holds()))));
    return found;
  }

  /** What the ASN announced of the given serials. */
  Map<SerialOf, ScanChecks.Announced> announced(long asnId, List<SerialOf> keys) {
    Map<SerialOf, ScanChecks.Announced> found = new HashMap<>();
    grouped(keys, SerialOf::gtin, SerialOf::serial)
        .forEach(
            (gtin, serials) ->
                InList.chunks(serials, CHUNK)
                    .forEach(
                        chunk ->
                            db.sql(
                                    "SELECT gtin, serial, lot, expiry FROM asn_item WHERE asn_id = ? AND gtin = ? AND serial IN ("
                                        + InList.marks(chunk.size())
                                        + ")")
                                .params(InList.concat(asnId, InList.concat(gtin, chunk)))
                                .query(
                                    (rs, n) ->
                                        found.put(
                                            new SerialOf(rs.getString(1), rs.getString(2)),
                                            new ScanChecks.Announced(
                                                rs.getString(3), Times.date(rs.getString(4)))))
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
                    .add(new ScanChecks.Announced(rs.getString(2), Times.date(rs.getString(3)))))
        .list();
    return found;
  }

  /** Counted goods this receipt took in, by GTIN and lot (lot null for untracked goods). */
  Map<LotOf, Long> receivedQuantities(long receiptId) {
    return byGtinAndLot(
        "SELECT gtin, lot, SUM(quantity) FROM receipt_scan WHERE receipt_id = ? AND received = 1 AND serial IS NULL GROUP BY gtin, lot",
        receiptId);
  }

  /** Counted goods this receipt reported not found after taking them in, by GTIN and lot. */
  Map<LotOf, Long> missingQuantities(long receiptId) {
    return byGtinAndLot(
        "SELECT gtin, lot, SUM(quantity) FROM receipt_scan WHERE receipt_id = ? AND outcome = 'NOT_FOUND' AND serial IS NULL "
            + "GROUP BY gtin, lot",
        receiptId);
  }

  /** How much of each counted product and lot the ASN announces, by GTIN and lot. */
  Map<LotOf, Long> announcedQuantities(long asnId) {
    return byGtinAndLot(
        "SELECT gtin, lot, SUM(quantity) FROM asn_item WHERE asn_id = ? AND serial IS NULL GROUP BY gtin, lot",
        asnId);
  }

  /**
   * Quantities of counted goods by GTIN and lot (lot null for untracked goods), from a query of
   * gtin, lot and a sum.
   */
  private Map<LotOf, Long> byGtinAndLot(String sql, long id) {
    Map<LotOf, Long> found = new HashMap<>();
    db.sql(sql)
        .param(id)
        .query((rs, n) -> found.put(new LotOf(rs.getString(1), rs.getString(2)), rs.getLong(3)))
        .list();
    return found;
  }

  /**
   * Keys grouped by their first part (a GTIN, a serial scope), each with its distinct second parts,
   * in order: one statement per group and chunk, so the index on both serves.
   */
  private static <K> Map<String, List<String>> grouped(
      List<K> keys, Function<K, String> first, Function<K, String> second) {
    Map<String, LinkedHashSet<String>> groups = new LinkedHashMap<>();
    for (K k : keys) {
      groups.computeIfAbsent(first.apply(k), x -> new LinkedHashSet<>()).add(second.apply(k));
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

  /** Announced serials this receipt has not received yet, in ASN order. */
  List<AnnouncedItem> pendingSerials(Receipt r) {
    return db.sql(ANNOUNCED + " ORDER BY i.id").params(r.asnId(), r.id()).query(this::item).list();
  }

  /** Announced serials this receipt has not received yet inside the given containers. */
  List<AnnouncedItem> pendingSerialsIn(Receipt r, List<String> tree) {
    return db.sql(ANNOUNCED + " AND i.sscc IN (" + InList.marks(tree.size()) + ") ORDER BY i.id")
        .params(InList.concat(r.asnId(), InList.concat(r.id(), tree)))
        .query(this::item)
        .list();
  }

  /** The ASN's lines of counted goods (serial null), in ASN order. */
  List<AnnouncedItem> announcedCounted(long asnId) {
    return db.sql(
            "SELECT gtin, NULL, lot, expiry, manufactured, sscc, quantity FROM asn_item WHERE asn_id = ? AND serial IS NULL ORDER BY id")
        .param(asnId)
        .query(this::item)
        .list();
  }

  /** Counted goods this receipt took in, by GTIN, lot and the announced case they came in. */
  List<PendingQuantities.Taken> countedTaken(long receiptId) {
    return db.sql(
            "SELECT gtin, lot, sscc, SUM(quantity) FROM receipt_scan WHERE receipt_id = ? AND received = 1 AND serial IS NULL GROUP BY gtin, lot, sscc")
        .param(receiptId)
        .query(
            (rs, n) ->
                new PendingQuantities.Taken(
                    rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4)))
        .list();
  }

  /** The containers the ASN announces, by SSCC. */
  Map<String, AnnouncedContainers.Row> announcedContainers(long asnId) {
    Map<String, AnnouncedContainers.Row> all = new HashMap<>();
    db.sql("SELECT sscc, parent_sscc, kind FROM asn_container WHERE asn_id = ?")
        .param(asnId)
        .query(
            (rs, n) ->
                all.put(
                    rs.getString(1), new AnnouncedContainers.Row(rs.getString(2), rs.getString(3))))
        .list();
    return all;
  }

  /** The announced container and every container nested in it (none: not announced). */
  List<String> containerTree(long asnId, String root) {
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

  /** Announced serials this receipt has not taken in, with their SKU, by GTIN and serial. */
  List<DiscrepancyReport.MissingSerial> missingSerials(Receipt r) {
    return withSkus(
        db.sql(
                """
            SELECT i.tenant_id, i.product_id, i.gtin, i.serial FROM asn_item i
            WHERE i.asn_id = ? AND i.serial IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM receipt_scan s WHERE s.receipt_id = ? AND s.received = 1 AND s.gtin = i.gtin AND s.serial = i.serial)
            ORDER BY i.gtin, i.serial""")
            .params(r.asnId(), r.id())
            .query(
                (rs, n) -> {
                  String gtin = rs.getString(3);
                  String serial = rs.getString(4);
                  return new NeedsSku<>(
                      rs.getLong(1),
                      rs.getLong(2),
                      sku -> new DiscrepancyReport.MissingSerial(sku, gtin, serial));
                })
            .list(),
        false);
  }

  /** The SKU of each counted GTIN the ASN announces. */
  Map<String, String> countedSkus(long asnId) {
    Map<String, String> countedSkus = new HashMap<>();
    withSkus(
            db.sql(
                    "SELECT DISTINCT i.tenant_id, i.product_id, i.gtin FROM asn_item i WHERE i.asn_id = ? AND i.serial IS NULL")
                .param(asnId)
                .query(
                    (rs, n) -> {
                      String gtin = rs.getString(3);
                      return new NeedsSku<>(
                          rs.getLong(1), rs.getLong(2), sku -> Map.entry(gtin, sku));
                    })
                .list(),
            false)
        .forEach(e -> countedSkus.put(e.getKey(), e.getValue()));
    return countedSkus;
  }

  /** What this receipt reported not found, per product. */
  Map<Long, Integer> notFoundByProduct(long receiptId) {
    Map<Long, Integer> q = new HashMap<>();
    db.sql(
            "SELECT product_id, SUM(quantity) FROM receipt_scan WHERE receipt_id = ? AND outcome = 'NOT_FOUND' GROUP BY product_id")
        .param(receiptId)
        .query((rs, n) -> q.merge(rs.getLong(1), rs.getInt(2), Integer::sum))
        .list();
    return q;
  }

  /** What the PO orders, per product with its SKU. */
  List<DiscrepancyReport.Ordered> orderedLines(long poId) {
    return withSkus(
        db.sql(
                "SELECT l.tenant_id, l.product_id, SUM(l.quantity) FROM po_line l WHERE l.po_id = ? GROUP BY l.tenant_id, l.product_id")
            .param(poId)
            .query(
                (rs, n) -> {
                  long productId = rs.getLong(2);
                  int quantity = rs.getInt(3);
                  return new NeedsSku<>(
                      rs.getLong(1),
                      productId,
                      sku -> new DiscrepancyReport.Ordered(productId, sku, quantity));
                })
            .list(),
        false);
  }

  /** The receipt's lines other than RECEIVED and REPEAT, by outcome, GTIN and scan. */
  List<DiscrepancyReport.Exception> exceptions(long receiptId) {
    return withSkus(
        db.sql(
                """
            SELECT s.outcome, s.tenant_id, s.product_id, s.gtin, s.serial, s.lot, s.quantity FROM receipt_scan s
            WHERE s.receipt_id = ? AND s.outcome NOT IN ('RECEIVED', 'REPEAT') ORDER BY s.outcome, s.gtin, s.id""")
            .param(receiptId)
            .query(
                (rs, n) -> {
                  String outcome = rs.getString(1);
                  String gtin = rs.getString(4);
                  String serial = rs.getString(5);
                  String lot = rs.getString(6);
                  int quantity = rs.getInt(7);
                  return new NeedsSku<>(
                      rs.getLong(2),
                      Rows.longOrNull(rs, 3),
                      sku ->
                          new DiscrepancyReport.Exception(
                              outcome, sku, gtin, serial, lot, quantity));
                })
            .list());
  }

  private AnnouncedItem item(ResultSet rs, int n) throws SQLException {
    return new AnnouncedItem(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        Times.date(rs.getString(4)),
        Times.date(rs.getString(5)),
        rs.getString(6) == null ? null : new Sscc(rs.getString(6)),
        rs.getInt(7));
  }

  private static String truncate(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }
}
