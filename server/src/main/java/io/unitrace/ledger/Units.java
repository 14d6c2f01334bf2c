package io.unitrace.ledger;

import io.unitrace.catalog.Catalog;
import io.unitrace.catalog.Lot;
import io.unitrace.catalog.LotId;
import io.unitrace.catalog.Product;
import io.unitrace.catalog.ProductId;
import io.unitrace.catalog.Serial;
import io.unitrace.facility.Facility;
import io.unitrace.facility.Location;
import io.unitrace.facility.LocationId;
import io.unitrace.facility.LocationType;
import io.unitrace.gs1.Gtin;
import io.unitrace.gs1.Sscc;
import io.unitrace.shared.CursorPage;
import io.unitrace.shared.InList;
import io.unitrace.shared.Problem;
import io.unitrace.shared.Rows;
import io.unitrace.tenancy.TenantScope;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
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

  /**
   * {@code allocated}: not held but reserved for orders (allocated, picked or packed units,
   * reserved stock). What is neither available, held nor allocated is unavailable because of where
   * it is: {@code locationType} says (a DOCK: not yet put away; QUARANTINE; REPAIR; STAGING,
   * PACKING).
   */
  public record StockLine(
      String location,
      String sku,
      String lot,
      LocalDate expiry,
      long quantity,
      long available,
      long held,
      long allocated,
      String locationType) {}

  public record StockFilter(String sku, String lot, String location, LocalDate expiresBefore) {}

  /**
   * A unit's own row; its product, lot and location are the catalog's and the facility's, resolved
   * for a whole page at once (see {@link #views}).
   */
  private static final String VIEW =
      """
      SELECT u.id, u.gtin, u.serial, u.product_id, u.lot_id, u.state, u.location_id, c.sscc, u.holds, u.fields,
             u.version, u.registered_at, u.updated_at, u.last_hash
      FROM unit u
      LEFT JOIN container c ON c.id = u.container_id""";

  /**
   * Everything in the building, one row per serialized unit and one per bucket of lot or untracked
   * stock, with how much of it is available (put away, not held) and how much is held. Counted
   * stock not held is available where its location is a STORAGE one, which the facility knows: it
   * is summed apart ({@code free_stock}) and counted in once the page's locations are resolved; so
   * are units. Stock reserved for orders (holds bit 65536, {@link Reservations#RESERVED}) is
   * neither.
   */
  private static final String IN_THE_BUILDING =
      """
      SELECT tenant_id, location_id, product_id, lot_id, COALESCE(lot_id, 0) AS lot_key, 1 AS quantity,
             CASE WHEN state = 'STORED' AND holds = 0 THEN 1 ELSE 0 END AS available, CASE WHEN holds <> 0 THEN 1 ELSE 0 END AS held,
             0 AS free_stock, CASE WHEN state IN ('ALLOCATED', 'PICKED', 'PACKED') AND holds = 0 THEN 1 ELSE 0 END AS allocated
      FROM unit WHERE state IN ('RECEIVED', 'STORED', 'ALLOCATED', 'PICKED', 'PACKED', 'RETURNED', 'IN_REPAIR')
      UNION ALL
      SELECT s.tenant_id, s.location_id, s.product_id, s.lot_id, s.lot_key, s.quantity, 0,
             CASE WHEN (s.holds & 65535) <> 0 THEN s.quantity ELSE 0 END, CASE WHEN s.holds = 0 THEN s.quantity ELSE 0 END,
             CASE WHEN s.holds <> 0 AND (s.holds & 65535) = 0 THEN s.quantity ELSE 0 END
      FROM stock s WHERE s.quantity > 0""";

  private final JdbcClient db;
  private final UnitRows rows;
  private final Facility facility;
  private final Catalog catalog;
  private final Containers containers;
  private final ObjectMapper json;

  Units(
      JdbcClient db,
      UnitRows rows,
      Facility facility,
      Catalog catalog,
      Containers containers,
      ObjectMapper json) {
    this.catalog = catalog;
    this.containers = containers;
    this.db = db;
    this.rows = rows;
    this.facility = facility;
    this.json = json;
  }

  public Optional<UnitView> find(TenantScope scope, UnitRef ref) {
    return db.sql(VIEW + " WHERE u.tenant_id = ? AND u.gtin = ? AND u.serial = ?")
        .params(scope.tenantId(), ref.gtin().value(), ref.serial().value())
        .query((rs, n) -> row(rs))
        .optional()
        .map(r -> views(scope, List.of(r)).get(0));
  }

  /**
   * A unit's view with its row id and its product, for a module that reads on by id (the returns
   * desk): one read of the unit where {@link #find} and {@link Inventory#unit} would be two.
   */
  public record Located(long id, Product product, UnitView view) {}

  public Optional<Located> locate(TenantScope scope, UnitRef ref) {
    return db.sql(VIEW + " WHERE u.tenant_id = ? AND u.gtin = ? AND u.serial = ?")
        .params(scope.tenantId(), ref.gtin().value(), ref.serial().value())
        .query((rs, n) -> row(rs))
        .optional()
        .map(
            r -> {
              ProductId product = new ProductId(r.productId());
              Map<ProductId, Product> products =
                  catalog.products(scope.tenantId(), List.of(product));
              return new Located(
                  r.id(), products.get(product), views(scope, List.of(r), products).get(0));
            });
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
    record Row(Long readPoint, Long location, HistoryEntry entry) {}
    List<Row> rows =
        db.sql(
                """
            SELECT e.seq, ev.id, ev.type, ev.biz_step, ev.disposition, ev.event_time, ev.event_offset, ev.recorded_at, ev.actor,
                   ev.device, ev.raw_scan, ev.read_point, e.location_id, c.sscc, e.state, e.holds, ev.details, ev.biz_transactions,
                   e.prev_hash, e.hash
            FROM ledger_entry e
            JOIN ledger_event ev ON ev.id = e.event_id
            LEFT JOIN container c ON c.id = e.container_id
            WHERE e.unit_id = ? AND e.seq > ?
            ORDER BY e.seq LIMIT ?""")
            .params(unitId, CursorPage.decode(cursor), limit + 1)
            .query(
                (rs, n) ->
                    new Row(
                        Rows.longOrNull(rs, 12),
                        Rows.longOrNull(rs, 13),
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
                            null,
                            null,
                            rs.getString(14),
                            UnitState.valueOf(rs.getString(15)),
                            Hold.of(rs.getInt(16)),
                            tree(rs.getString(17)),
                            tree(rs.getString(18)),
                            rs.getString(19),
                            rs.getString(20))))
            .list();
    Set<LocationId> places = new HashSet<>();
    for (Row r : rows) {
      if (r.readPoint() != null) {
        places.add(new LocationId(r.readPoint()));
      }
      if (r.location() != null) {
        places.add(new LocationId(r.location()));
      }
    }
    Map<LocationId, Location> at = places.isEmpty() ? Map.of() : facility.locations(places);
    List<HistoryEntry> entries = new ArrayList<>(rows.size());
    for (Row r : rows) {
      HistoryEntry e = r.entry();
      entries.add(
          new HistoryEntry(
              e.seq(),
              e.eventId(),
              e.type(),
              e.bizStep(),
              e.disposition(),
              e.eventTime(),
              e.recordedAt(),
              e.who(),
              e.device(),
              e.scan(),
              code(at, r.readPoint()),
              code(at, r.location()),
              e.container(),
              e.state(),
              e.holds(),
              e.details(),
              e.bizTransactions(),
              e.prevHash(),
              e.hash()));
    }
    return CursorPage.of(entries, limit, e -> (long) e.seq());
  }

  public CursorPage<UnitView> search(TenantScope scope, Search s, String cursor, int limit) {
    List<String> where = new ArrayList<>();
    List<Object> params = new ArrayList<>();
    where.add("u.tenant_id = ?");
    params.add(scope.tenantId());
    where.add("u.id > ?");
    params.add(CursorPage.decode(cursor));
    // An unknown SKU or lot matches nothing, but the other parameters are still checked first.
    boolean matchable = true;
    if (s.sku() != null) {
      Optional<Product> product = catalog.bySku(scope.tenantId(), s.sku());
      matchable &= product.isPresent();
      where.add("u.product_id = ?");
      params.add(product.map(Product::id).orElse(0L));
    }
    if (s.gtin() != null) {
      where.add("u.gtin = ?");
      params.add(Planning.gtin(s.gtin(), "gtin").value());
    }
    if (s.lot() != null) {
      matchable &= within(where, params, "u.lot_id", catalog.lotIds(scope.tenantId(), s.lot()));
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
      within(where, params, "u.location_id", subtree(s.location()));
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
    if (!matchable) {
      return new CursorPage<>(List.of(), null);
    }
    params.add(limit + 1);
    List<Row> found =
        db.sql(VIEW + " WHERE " + String.join(" AND ", where) + " ORDER BY u.id LIMIT ?")
            .params(params)
            .query((rs, n) -> row(rs))
            .list();
    CursorPage<Row> page = CursorPage.of(found, limit, Row::id);
    return new CursorPage<>(views(scope, page.items()), page.next());
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
    // An unknown SKU or lot matches nothing, but the location is still checked first.
    boolean matchable = true;
    if (f.sku() != null) {
      Optional<Product> product = catalog.bySku(scope.tenantId(), f.sku());
      matchable &= product.isPresent();
      where.add("u.product_id = ?");
      params.add(product.map(Product::id).orElse(0L));
    }
    if (f.lot() != null) {
      matchable &= within(where, params, "u.lot_id", catalog.lotIds(scope.tenantId(), f.lot()));
    }
    if (f.expiresBefore() != null) {
      matchable &=
          within(
              where,
              params,
              "u.lot_id",
              catalog.lotIdsExpiringBefore(scope.tenantId(), f.expiresBefore()));
    }
    if (f.location() != null) {
      within(where, params, "u.location_id", subtree(f.location()));
    }
    if (!matchable) {
      return new StockPage(List.of(), null);
    }
    params.add(limit + 1);
    record Group(
        long locationId,
        long productId,
        long lotId,
        long quantity,
        long available,
        long held,
        long freeStock,
        long allocated) {}
    List<Group> groups =
        db.sql(
                """
            SELECT u.location_id, u.product_id, u.lot_key, sum(u.quantity), sum(u.available), sum(u.held),
                   sum(u.free_stock), sum(u.allocated)
            FROM ("""
                    + IN_THE_BUILDING
                    + ") u WHERE "
                    + String.join(" AND ", where)
                    + " "
                    + """
            GROUP BY u.location_id, u.product_id, u.lot_key
            ORDER BY u.location_id, u.product_id, u.lot_key LIMIT ?""")
            .params(params)
            .query(
                (rs, n) ->
                    new Group(
                        rs.getLong(1),
                        rs.getLong(2),
                        rs.getLong(3),
                        rs.getLong(4),
                        rs.getLong(5),
                        rs.getLong(6),
                        rs.getLong(7),
                        rs.getLong(8)))
            .list();
    Map<LocationId, Location> locations =
        facility.locations(groups.stream().map(g -> new LocationId(g.locationId())).toList());
    Map<ProductId, Product> products =
        catalog.products(
            scope.tenantId(), groups.stream().map(g -> new ProductId(g.productId())).toList());
    Map<LotId, Lot> lots =
        catalog.lotsById(
            scope.tenantId(),
            groups.stream().map(Group::lotId).filter(id -> id != 0).map(LotId::new).toList());
    record Row(long locationId, long productId, long lotId, StockLine line) {}
    List<Row> found = new ArrayList<>(groups.size());
    for (Group g : groups) {
      Location at = locations.get(new LocationId(g.locationId()));
      Lot lot = lots.get(new LotId(g.lotId()));
      // Only goods in a STORAGE location can be allocated (Reservations): a STORED unit moved to
      // quarantine, staging or packing is not available either.
      long available = at.type() == LocationType.STORAGE ? g.available() + g.freeStock() : 0;
      found.add(
          new Row(
              g.locationId(),
              g.productId(),
              g.lotId(),
              new StockLine(
                  at.code(),
                  products.get(new ProductId(g.productId())).sku(),
                  lot == null ? null : lot.code(),
                  lot == null ? null : lot.expiresOn(),
                  g.quantity(),
                  available,
                  g.held(),
                  g.allocated(),
                  at.type().name())));
    }
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
        catalog
            .bySku(scope.tenantId(), sku.strip())
            .map(Product::id)
            .orElseThrow(
                () ->
                    Problem.notFound(
                        "unknown-product",
                        "client " + scope.tenantCode() + " has no product " + sku));
    long lotKey = 0;
    if (lot != null && !lot.isBlank()) {
      lotKey =
          catalog
              .findLot(scope.tenantId(), productId, lot.strip())
              .map(Lot::id)
              .orElseThrow(() -> Problem.notFound("unknown-lot", sku + " has no lot " + lot));
    }
    record Row(long location, StockEntry entry) {}
    List<Row> rows =
        db.sql(
                """
            SELECT e.id, ev.id, ev.type, ev.biz_step, ev.disposition, ev.event_time, ev.event_offset, ev.recorded_at, ev.actor,
                   ev.device, ev.raw_scan, s.location_id, s.holds, e.seq, e.delta, e.quantity, ev.details, ev.biz_transactions,
                   e.prev_hash, e.hash
            FROM stock s
            JOIN stock_entry e ON e.stock_id = s.id
            JOIN ledger_event ev ON ev.id = e.event_id
            WHERE s.tenant_id = ? AND s.product_id = ? AND s.lot_key = ? AND e.id > ?
            ORDER BY e.id LIMIT ?""")
            .params(scope.tenantId(), productId, lotKey, CursorPage.decode(cursor), limit + 1)
            .query(
                (rs, n) ->
                    new Row(
                        rs.getLong(12),
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
                            null,
                            Hold.of(rs.getInt(13)),
                            rs.getInt(14),
                            rs.getLong(15),
                            rs.getLong(16),
                            tree(rs.getString(17)),
                            tree(rs.getString(18)),
                            rs.getString(19),
                            rs.getString(20))))
            .list();
    Map<LocationId, Location> at =
        facility.locations(rows.stream().map(r -> new LocationId(r.location())).toList());
    List<StockEntry> entries = new ArrayList<>(rows.size());
    for (Row r : rows) {
      StockEntry e = r.entry();
      entries.add(
          new StockEntry(
              e.entryId(),
              e.eventId(),
              e.type(),
              e.bizStep(),
              e.disposition(),
              e.eventTime(),
              e.recordedAt(),
              e.who(),
              e.device(),
              e.scan(),
              code(at, r.location()),
              e.holds(),
              e.seq(),
              e.delta(),
              e.quantity(),
              e.details(),
              e.bizTransactions(),
              e.prevHash(),
              e.hash()));
    }
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

  /** The ids of the location with this code and of every location below it, as SQL parameters. */
  private List<Long> subtree(String code) {
    return facility.subtree(new LocationId(locationId(code))).stream()
        .map(LocationId::value)
        .toList();
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

  /** A unit's row as read, before its product, lot and location are resolved. */
  private record Row(
      long id,
      String gtin,
      String serial,
      long productId,
      Long lotId,
      UnitState state,
      Long locationId,
      String container,
      int holds,
      String fields,
      int version,
      long registeredAt,
      long updatedAt,
      String lastHash) {}

  private static Row row(ResultSet rs) throws SQLException {
    return new Row(
        rs.getLong(1),
        rs.getString(2),
        rs.getString(3),
        rs.getLong(4),
        Rows.longOrNull(rs, 5),
        UnitState.valueOf(rs.getString(6)),
        Rows.longOrNull(rs, 7),
        rs.getString(8),
        rs.getInt(9),
        rs.getString(10),
        rs.getInt(11),
        rs.getLong(12),
        rs.getLong(13),
        rs.getString(14));
  }

  /** The page's units, with their products, lots and locations resolved once for the page. */
  private List<UnitView> views(TenantScope scope, List<Row> page) {
    if (page.isEmpty()) {
      return List.of();
    }
    return views(
        scope,
        page,
        catalog.products(
            scope.tenantId(), page.stream().map(r -> new ProductId(r.productId())).toList()));
  }

  private List<UnitView> views(
      TenantScope scope, List<Row> page, Map<ProductId, Product> products) {
    List<LotId> lotIds =
        page.stream().map(Row::lotId).filter(Objects::nonNull).map(LotId::new).toList();
    Map<LotId, Lot> lots = lotIds.isEmpty() ? Map.of() : catalog.lotsById(scope.tenantId(), lotIds);
    List<LocationId> locationIds =
        page.stream().map(Row::locationId).filter(Objects::nonNull).map(LocationId::new).toList();
    Map<LocationId, Location> locations =
        locationIds.isEmpty() ? Map.of() : facility.locations(locationIds);
    List<UnitView> views = new ArrayList<>(page.size());
    for (Row r : page) {
      UnitRef ref = new UnitRef(new Gtin(r.gtin()), new Serial(r.serial()));
      Product p = products.get(new ProductId(r.productId()));
      Lot lot = r.lotId() == null ? null : lots.get(new LotId(r.lotId()));
      Location at = r.locationId() == null ? null : locations.get(new LocationId(r.locationId()));
      views.add(
          new UnitView(
              r.gtin(),
              r.serial(),
              ref.digitalLinkPath(),
              p.sku(),
              p.name(),
              lot == null ? null : lot.code(),
              lot == null ? null : lot.expiresOn(),
              lot == null ? null : lot.manufacturedOn(),
              r.state(),
              at == null ? null : at.code(),
              at == null ? null : at.name(),
              at == null ? null : at.type().name(),
              r.container(),
              Hold.of(r.holds()),
              rows.fields(r.fields()),
              r.version(),
              Instant.ofEpochMilli(r.registeredAt()),
              Instant.ofEpochMilli(r.updatedAt()),
              r.lastHash()));
    }
    return views;
  }

  /**
   * Narrows {@code column} to {@code ids}; false when there are none, so that nothing can match.
   */
  private static boolean within(
      List<String> where, List<Object> params, String column, List<Long> ids) {
    if (ids.isEmpty()) {
      return false;
    }
    where.add(column + " IN (" + InList.marks(ids.size()) + ")");
    params.addAll(ids);
    return true;
  }

  private static String code(Map<LocationId, Location> locations, Long id) {
    Location l = id == null ? null : locations.get(new LocationId(id));
    return l == null ? null : l.code();
  }

  private JsonNode tree(String text) {
    return text == null ? null : json.readTree(text);
  }

  private static Problem unknown(TenantScope scope, UnitRef ref) {
    return Problem.notFound("unknown-unit", "client " + scope.tenantCode() + " has no unit " + ref);
  }
}
