package io.unitrace.ledger;

import io.unitrace.catalog.Serial;
import io.unitrace.facility.Facility;
import io.unitrace.gs1.Gtin;
import io.unitrace.gs1.Sscc;
import io.unitrace.shared.CursorPage;
import io.unitrace.shared.InList;
import io.unitrace.shared.Problem;
import io.unitrace.shared.Times;
import io.unitrace.tenancy.TenantScope;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Reading the ledger: a unit, its history, unit search and stock. Every query is scoped to the
 * tenant.
 */
@Service
public class Units {

  public record UnitView(
      String gtin,
      String serial,
      String digitalLink,
      String sku,
      String product,
      String lot,
      LocalDate expiry,
      LocalDate manufactured,
      UnitState state,
      String location,
      String locationName,
      String locationType,
      String container,
      List<Hold> holds,
      Map<String, String> fields,
      int version,
      Instant registeredAt,
      Instant updatedAt,
      String lastHash) {}

  public record HistoryEntry(
      int seq,
      long eventId,
      EventType type,
      String bizStep,
      String disposition,
      OffsetDateTime eventTime,
      Instant recordedAt,
      String who,
      String device,
      String scan,
      String readPoint,
      String location,
      String container,
      UnitState state,
      List<Hold> holds,
      JsonNode details,
      JsonNode bizTransactions,
      String prevHash,
      String hash) {}

  public record Search(
      String sku,
      String gtin,
      String lot,
      UnitState state,
      String hold,
      String location,
      String container,
      String field,
      String identifier) {}

  public record StockLine(
      String location,
      String sku,
      String lot,
      LocalDate expiry,
      long quantity,
      long available,
      long held) {}

  public record StockFilter(String sku, String lot, String location, LocalDate expiresBefore) {}

  private static final String VIEW =
      """
      SELECT u.id, u.gtin, u.serial, p.sku, p.name, l.code, l.expires_on, l.manufactured_on, u.state, loc.code, loc.name, loc.type,
             c.sscc, u.holds, u.fields, u.version, u.registered_at, u.updated_at, u.last_hash
      FROM unit u
      JOIN product p ON p.id = u.product_id
      LEFT JOIN lot l ON l.id = u.lot_id
      LEFT JOIN location loc ON loc.id = u.location_id
      LEFT JOIN container c ON c.id = u.container_id""";

  /**
   * Everything in the building, one row per serialized unit and one per bucket of lot or untracked
   * stock, with how much of it is available (put away, not held) and how much is held.
   */
  private static final String IN_THE_BUILDING =
      """
      SELECT tenant_id, location_id, product_id, lot_id, COALESCE(lot_id, 0) AS lot_key, 1 AS quantity,
             CASE WHEN state = 'STORED' AND holds = 0 THEN 1 ELSE 0 END AS available, CASE WHEN holds <> 0 THEN 1 ELSE 0 END AS held
      FROM unit WHERE state IN ('RECEIVED', 'STORED', 'ALLOCATED', 'PICKED', 'PACKED', 'RETURNED', 'IN_REPAIR')
      UNION ALL
      SELECT s.tenant_id, s.location_id, s.product_id, s.lot_id, s.lot_key, s.quantity,
             CASE WHEN s.holds = 0 AND loc.type = 'STORAGE' THEN s.quantity ELSE 0 END, CASE WHEN s.holds <> 0 THEN s.quantity ELSE 0 END
      FROM stock s JOIN location loc ON loc.id = s.location_id WHERE s.quantity > 0""";

  /**
   * The unit is at the location or anywhere below it (a zone covers its aisles, racks and bins).
   */
  private static final String WITHIN_LOCATION =
      """
      u.location_id IN (WITH RECURSIVE sub (id) AS (SELECT ? UNION ALL SELECT x.id FROM location x JOIN sub ON x.parent_id = sub.id)
                        SELECT id FROM sub)""";

  private final JdbcClient db;
  private final UnitRows rows;
  private final Facility facility;
  private final Containers containers;
  private final ObjectMapper json;

  Units(JdbcClient db, UnitRows rows, Facility facility, Containers containers, ObjectMapper json) {
    this.containers = containers;
    this.db = db;
    this.rows = rows;
    this.facility = facility;
    this.json = json;
  }

  public Optional<UnitView> find(TenantScope scope, UnitRef ref) {
    return db.sql(VIEW + " WHERE u.tenant_id = ? AND u.gtin = ? AND u.serial = ?")
        .params(scope.tenantId(), ref.gtin().value(), ref.serial().value())
        .query((rs, n) -> view(rs))
        .optional();
  }

  public UnitView require(TenantScope scope, UnitRef ref) {
    return find(scope, ref).orElseThrow(() -> unknown(scope, ref));
  }

  /** The unit's history in order, oldest first; {@code cursor} continues after a seq. */
  public CursorPage<HistoryEntry> history(
      TenantScope scope, UnitRef ref, String cursor, int limit) {
    long unitId =
        db.sql("SELECT id FROM unit WHERE tenant_id = ? AND gtin = ? AND serial = ?")
            .params(scope.tenantId(), ref.gtin().value(), ref.serial().value())
            .query(Long.class)
            .optional()
            .orElseThrow(() -> unknown(scope, ref));
    List<HistoryEntry> entries =
        db.sql(
                """
            SELECT e.seq, ev.id, ev.type, ev.biz_step, ev.disposition, ev.event_time, ev.event_offset, ev.recorded_at, ev.actor,
                   ev.device, ev.raw_scan, rp.code, l.code, c.sscc, e.state, e.holds, ev.details, ev.biz_transactions, e.prev_hash, e.hash
            FROM ledger_entry e
            JOIN ledger_event ev ON ev.id = e.event_id
            LEFT JOIN location l ON l.id = e.location_id
            LEFT JOIN location rp ON rp.id = ev.read_point
            LEFT JOIN container c ON c.id = e.container_id
            WHERE e.unit_id = ? AND e.seq > ?
            ORDER BY e.seq LIMIT ?""")
            .params(unitId, CursorPage.decode(cursor), limit + 1)
            .query(
                (rs, n) ->
                    new HistoryEntry(
                        rs.getInt(1),
                        rs.getLong(2),
                        EventType.valueOf(rs.getString(3)),
                        rs.getString(4),
                        rs.getString(5),
                        Instant.ofEpochMilli(rs.getLong(6))
                            .atOffset(ZoneOffset.of(rs.getString(7))),
                        Instant.ofEpochMilli(rs.getLong(8)),
                        rs.getString(9),
                        rs.getString(10),
                        rs.getString(11),
                        rs.getString(12),
                        rs.getString(13),
                        rs.getString(14),
                        UnitState.valueOf(rs.getString(15)),
                        Hold.of(rs.getInt(16)),
                        tree(rs.getString(17)),
                        tree(rs.getString(18)),
                        rs.getString(19),
                        rs.getString(20)))
            .list();
    return CursorPage.of(entries, limit, e -> (long) e.seq());
  }

  public CursorPage<UnitView> search(TenantScope scope, Search s, String cursor, int limit) {
    List<String> where = new ArrayList<>();
    List<Object> params = new ArrayList<>();
    where.add("u.tenant_id = ?");
    params.add(scope.tenantId());
    where.add("u.id > ?");
    params.add(CursorPage.decode(cursor));
    if (s.sku() != null) {
      where.add("p.sku = ?");
      params.add(s.sku());
    }
    if (s.gtin() != null) {
      where.add("u.gtin = ?");
      params.add(Planning.gtin(s.gtin(), "gtin").value());
    }
    if (s.lot() != null) {
      where.add("l.code = ?");
      params.add(s.lot());
    }
    if (s.state() != null) {
      where.add("u.state = ?");
      params.add(s.state().name());
    }
    if (s.hold() != null) {
      if (s.hold().equalsIgnoreCase("ANY")) {
        where.add("u.holds <> 0");
      } else {
        where.add("(u.holds & ?) <> 0");
        params.add(parseHold(s.hold()).bit());
      }
    }
    if (s.location() != null) {
      where.add(WITHIN_LOCATION);
      params.add(locationId(s.location()));
    }
    if (s.container() != null) {
      Sscc sscc;
      try {
        sscc = new Sscc(s.container());
      } catch (IllegalArgumentException e) {
        throw Problem.badRequest("invalid-sscc", "container", e.getMessage());
      }
      List<Long> tree =
          containers
              .find(scope.tenantId(), sscc)
              .map(c -> containers.tree(scope.tenantId(), c.id()))
              .orElse(List.of());
      if (tree.isEmpty()) {
        return new CursorPage<>(List.of(), null);
      }
      where.add("u.container_id IN (" + InList.marks(tree.size()) + ")");
      params.addAll(tree);
    }
    if (s.field() != null) {
      int colon = s.field().indexOf(':');
      if (colon < 1) {
        throw Problem.badRequest(
            "invalid-parameter",
            "field",
            "field filters are name:value, e.g. IMEI:356938035643809");
      }
      where.add(
          "EXISTS (SELECT 1 FROM unit_field f WHERE f.unit_id = u.id AND f.name = ? AND f.value = ?)");
      params.add(s.field().substring(0, colon));
      params.add(s.field().substring(colon + 1));
    }
    if (s.identifier() != null) {
      where.add(
          "(u.serial = ? OR u.id IN (SELECT f.unit_id FROM unit_field f WHERE f.tenant_id = ? AND f.value = ?))");
      params.add(s.identifier());
      params.add(scope.tenantId());
      params.add(s.identifier());
    }
    params.add(limit + 1);
    record Found(long id, UnitView view) {}
    List<Found> found =
        db.sql(VIEW + " WHERE " + String.join(" AND ", where) + " ORDER BY u.id LIMIT ?")
            .params(params)
            .query((rs, n) -> new Found(rs.getLong(1), view(rs)))
            .list();
    return CursorPage.of(found, limit, Found::id).map(Found::view);
  }

  /**
   * Stock in the building by location, product and lot (with its expiry): serialized units counted,
   * lot and untracked goods by quantity.
   */
  public StockPage stock(TenantScope scope, StockFilter f, String cursor, int limit) {
    List<String> where = new ArrayList<>();
    List<Object> params = new ArrayList<>();
    where.add("u.tenant_id = ?");
    params.add(scope.tenantId());
    long[] after = stockCursor(cursor);
    where.add("(u.location_id, u.product_id, u.lot_key) > (?, ?, ?)");
    params.add(after[0]);
    params.add(after[1]);
    params.add(after[2]);
    if (f.sku() != null) {
      where.add("u.product_id IN (SELECT id FROM product WHERE tenant_id = ? AND sku = ?)");
      params.add(scope.tenantId());
      params.add(f.sku());
    }
    if (f.lot() != null) {
      where.add("u.lot_id IN (SELECT id FROM lot WHERE tenant_id = ? AND code = ?)");
      params.add(scope.tenantId());
      params.add(f.lot());
    }
    if (f.expiresBefore() != null) {
      where.add("u.lot_id IN (SELECT id FROM lot WHERE tenant_id = ? AND expires_on < ?)");
      params.add(scope.tenantId());
      params.add(Times.iso(f.expiresBefore()));
    }
    if (f.location() != null) {
      where.add(WITHIN_LOCATION);
      params.add(locationId(f.location()));
    }
    params.add(limit + 1);
    record Row(long locationId, long productId, long lotId, StockLine line) {}
    List<Row> found =
        db.sql(
                """
            SELECT g.location_id, g.product_id, g.lot_key, loc.code, p.sku, l.code, l.expires_on, g.quantity, g.available, g.held
            FROM (SELECT u.location_id, u.product_id, u.lot_key, sum(u.quantity) AS quantity, sum(u.available) AS available,
                         sum(u.held) AS held
                  FROM ("""
                    + IN_THE_BUILDING
                    + ") u WHERE "
                    + String.join(" AND ", where)
                    + " "
                    + """
                   GROUP BY u.location_id, u.product_id, u.lot_key) g
            JOIN location loc ON loc.id = g.location_id
            JOIN product p ON p.id = g.product_id
            LEFT JOIN lot l ON l.id = g.lot_key
            ORDER BY g.location_id, g.product_id, g.lot_key LIMIT ?""")
            .params(params)
            .query(
                (rs, n) ->
                    new Row(
                        rs.getLong(1),
                        rs.getLong(2),
                        rs.getLong(3),
                        new StockLine(
                            rs.getString(4),
                            rs.getString(5),
                            rs.getString(6),
                            Times.date(rs.getString(7)),
                            rs.getLong(8),
                            rs.getLong(9),
                            rs.getLong(10))))
            .list();
    if (found.size() <= limit) {
      return new StockPage(found.stream().map(Row::line).toList(), null);
    }
    Row last = found.get(limit - 1);
    String next =
        Long.toString(last.locationId(), 36)
            + "."
            + Long.toString(last.productId(), 36)
            + "."
            + Long.toString(last.lotId(), 36);
    return new StockPage(found.subList(0, limit).stream().map(Row::line).toList(), next);
  }

  public record StockPage(List<StockLine> items, String next) {}

  /**
   * One change of a bucket of lot or untracked stock: which event, where, by how much, and what was
   * there after it.
   */
  public record StockEntry(
      long entryId,
      long eventId,
      EventType type,
      String bizStep,
      String disposition,
      OffsetDateTime eventTime,
      Instant recordedAt,
      String who,
      String device,
      String scan,
      String location,
      List<Hold> holds,
      int seq,
      long delta,
      long quantity,
      JsonNode details,
      JsonNode bizTransactions,
      String prevHash,
      String hash) {}

  /**
   * The history of a product's lot (or of an untracked product) in every location, oldest first;
   * {@code cursor} continues after an entry.
   */
  public CursorPage<StockEntry> stockHistory(
      TenantScope scope, String sku, String lot, String cursor, int limit) {
    if (sku == null || sku.isBlank()) {
      throw Problem.badRequest("invalid-parameter", "sku", "name the product's SKU");
    }
    long productId =
        db.sql("SELECT id FROM product WHERE tenant_id = ? AND sku = ?")
            .params(scope.tenantId(), sku.strip())
            .query(Long.class)
            .optional()
            .orElseThrow(
                () ->
                    Problem.notFound(
                        "unknown-product",
                        "client " + scope.tenantCode() + " has no product " + sku));
    long lotKey = 0;
    if (lot != null && !lot.isBlank()) {
      lotKey =
          db.sql("SELECT id FROM lot WHERE tenant_id = ? AND product_id = ? AND code = ?")
              .params(scope.tenantId(), productId, lot.strip())
              .query(Long.class)
              .optional()
              .orElseThrow(() -> Problem.notFound("unknown-lot", sku + " has no lot " + lot));
    }
    List<StockEntry> entries =
        db.sql(
                """
            SELECT e.id, ev.id, ev.type, ev.biz_step, ev.disposition, ev.event_time, ev.event_offset, ev.recorded_at, ev.actor,
                   ev.device, ev.raw_scan, l.code, s.holds, e.seq, e.delta, e.quantity, ev.details, ev.biz_transactions, e.prev_hash, e.hash
            FROM stock s
            JOIN stock_entry e ON e.stock_id = s.id
            JOIN ledger_event ev ON ev.id = e.event_id
            JOIN location l ON l.id = s.location_id
            WHERE s.tenant_id = ? AND s.product_id = ? AND s.lot_key = ? AND e.id > ?
            ORDER BY e.id LIMIT ?""")
            .params(scope.tenantId(), productId, lotKey, CursorPage.decode(cursor), limit + 1)
            .query(
                (rs, n) ->
                    new StockEntry(
                        rs.getLong(1),
                        rs.getLong(2),
                        EventType.valueOf(rs.getString(3)),
                        rs.getString(4),
                        rs.getString(5),
                        Instant.ofEpochMilli(rs.getLong(6))
                            .atOffset(ZoneOffset.of(rs.getString(7))),
                        Instant.ofEpochMilli(rs.getLong(8)),
                        rs.getString(9),
                        rs.getString(10),
                        rs.getString(11),
                        rs.getString(12),
                        Hold.of(rs.getInt(13)),
                        rs.getInt(14),
                        rs.getLong(15),
                        rs.getLong(16),
                        tree(rs.getString(17)),
                        tree(rs.getString(18)),
                        rs.getString(19),
                        rs.getString(20)))
            .list();
    return CursorPage.of(entries, limit, StockEntry::entryId);
  }

  private static long[] stockCursor(String cursor) {
    if (cursor == null || cursor.isBlank()) {
      return new long[] {0, 0, -1};
    }
    String[] parts = cursor.split("\\.");
    try {
      if (parts.length != 3) {
        throw new NumberFormatException();
      }
      return new long[] {
        Long.parseLong(parts[0], 36), Long.parseLong(parts[1], 36), Long.parseLong(parts[2], 36)
      };
    } catch (NumberFormatException e) {
      throw Problem.badRequest(
          "invalid-cursor", "cursor", "the cursor is not one this server issued");
    }
  }

  private long locationId(String code) {
    return facility
        .byCode(code)
        .map(l -> l.id())
        .orElseThrow(
            () ->
                Problem.badRequest(
                    "unknown-location", "location", "no location with code " + code));
  }

  static Hold parseHold(String text) {
    try {
      return Hold.valueOf(text.strip().toUpperCase());
    } catch (IllegalArgumentException e) {
      throw Problem.badRequest(
          "invalid-parameter",
          "hold",
          "hold is ANY or one of SUSPECT, RECALL, QC, EXPIRED, DAMAGED");
    }
  }

  private UnitView view(ResultSet rs) throws SQLException {
    UnitRef ref = new UnitRef(new Gtin(rs.getString(2)), new Serial(rs.getString(3)));
    UnitView v =
        new UnitView(
            rs.getString(2),
            rs.getString(3),
            ref.digitalLinkPath(),
            rs.getString(4),
            rs.getString(5),
            rs.getString(6),
            Times.date(rs.getString(7)),
            Times.date(rs.getString(8)),
            UnitState.valueOf(rs.getString(9)),
            rs.getString(10),
            rs.getString(11),
            rs.getString(12),
            rs.getString(13),
            Hold.of(rs.getInt(14)),
            rows.fields(rs.getString(15)),
            rs.getInt(16),
            Instant.ofEpochMilli(rs.getLong(17)),
            Instant.ofEpochMilli(rs.getLong(18)),
            rs.getString(19));
    return v;
  }

  private JsonNode tree(String text) {
    return text == null ? null : json.readTree(text);
  }

  private static Problem unknown(TenantScope scope, UnitRef ref) {
    return Problem.notFound("unknown-unit", "client " + scope.tenantCode() + " has no unit " + ref);
  }
}
