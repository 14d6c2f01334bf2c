package io.unitrace.ledger;

import io.unitrace.catalog.LotId;
import io.unitrace.catalog.ProductId;
import io.unitrace.catalog.Serial;
import io.unitrace.facility.Facility;
import io.unitrace.facility.Location;
import io.unitrace.facility.LocationId;
import io.unitrace.facility.LocationType;
import io.unitrace.gs1.Gtin;
import io.unitrace.shared.Database;
import io.unitrace.shared.InList;
import io.unitrace.shared.Rows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * What is where, for other modules' planning (receiving judges scans, putaway suggests bins): the
 * ledger's rows as ids, set-based. Names and codes are the catalog's and the facility's to resolve.
 * Reading only; every change still goes through the ledger's commands.
 */
@Service
public class Inventory {

  /** A unit as planning sees it: its ids, state, place and holds (bits, see {@link Hold}). */
  public record UnitPosition(
      long id,
      ProductId productId,
      LotId lotId,
      Gtin gtin,
      String serial,
      UnitState state,
      LocationId locationId,
      Long containerId,
      int holds) {}

  /** A unit found by its serial: enough to judge a scan of it. */
  public record SerialStatus(long id, UnitState state, int holds) {}

  /** How much of a product and lot a location holds: units counted one each, stock by quantity. */
  public record Holding(LocationId locationId, long amount) {}

  /** A bucket of counted stock at a location, with its holds (bits). */
  public record StockBucket(LocationId locationId, int holds, long quantity) {}

  private static final String POSITION =
      "SELECT id, product_id, lot_id, gtin, serial, state, location_id, container_id, holds FROM unit";

  private final JdbcClient db;
  private final Facility facility;
  private final Database database;

  Inventory(JdbcClient db, Facility facility, Database database) {
    this.db = db;
    this.facility = facility;
    this.database = database;
  }

  /**
   * What a client has of a product and lot ({@code lot} null: goods without one): {@code onHand} in
   * the building, of it {@code held} (any hold), {@code allocated} (reserved for orders, picked or
   * packed) and {@code available} to sell (serialized units STORED on no hold; counted goods on no
   * hold in a STORAGE location). Units on a dock not yet put away are on hand, not available.
   */
  public record Availability(
      ProductId product, LotId lot, long onHand, long held, long allocated, long available) {}

  /** Availability of the products per lot, set-based: two grouped statements per 500 products. */
  public List<Availability> availability(long tenantId, Collection<ProductId> products) {
    record Key(long product, Long lot) {}
    Map<Key, long[]> sums =
        new TreeMap<>(
            Comparator.comparingLong(Key::product)
                .thenComparing(Key::lot, Comparator.nullsFirst(Long::compare)));
    List<Long> ids = products.stream().map(ProductId::value).distinct().toList();
    for (List<Long> chunk : InList.chunks(ids, 500)) {
      db.sql(
              "SELECT product_id, lot_id, state, holds, count(*) FROM unit WHERE tenant_id = ? AND product_id IN ("
                  + InList.marks(chunk.size())
                  + ") AND state IN ('RECEIVED', 'STORED', 'ALLOCATED', 'PICKED', 'PACKED', 'RETURNED', 'IN_REPAIR')"
                  + " GROUP BY product_id, lot_id, state, holds")
          .params(InList.concat(tenantId, chunk))
          .query(
              (rs, n) -> {
                long[] s =
                    sums.computeIfAbsent(
                        new Key(rs.getLong(1), Rows.longOrNull(rs, 2)), k -> new long[4]);
                UnitState state = UnitState.valueOf(rs.getString(3));
                int holds = rs.getInt(4);
                long count = rs.getLong(5);
                s[0] += count;
                if (holds != 0) {
                  s[1] += count;
                }
                if (state == UnitState.ALLOCATED
                    || state == UnitState.PICKED
                    || state == UnitState.PACKED) {
                  s[2] += count;
                } else if (state == UnitState.STORED && holds == 0) {
                  s[3] += count;
                }
                return null;
              })
          .list();
      record Bucket(long product, Long lot, long location, int holds, long quantity) {}
      List<Bucket> buckets =
          db.sql(
                  "SELECT product_id, lot_id, location_id, holds, quantity FROM stock WHERE tenant_id = ? AND product_id IN ("
                      + InList.marks(chunk.size())
                      + ") AND quantity > 0")
              .params(InList.concat(tenantId, chunk))
              .query(
                  (rs, n) ->
                      new Bucket(
                          rs.getLong(1),
                          Rows.longOrNull(rs, 2),
                          rs.getLong(3),
                          rs.getInt(4),
                          rs.getLong(5)))
              .list();
      Map<LocationId, Location> places =
          facility.locations(buckets.stream().map(b -> new LocationId(b.location())).toList());
      for (Bucket b : buckets) {
        long[] s = sums.computeIfAbsent(new Key(b.product(), b.lot()), k -> new long[4]);
        int holdBits = b.holds() & ~Reservations.RESERVED;
        s[0] += b.quantity();
        if (holdBits != 0) {
          s[1] += b.quantity();
        }
        if ((b.holds() & Reservations.RESERVED) != 0) {
          s[2] += b.quantity();
        } else if (holdBits == 0) {
          Location at = places.get(new LocationId(b.location()));
          if (at != null && at.type() == LocationType.STORAGE) {
            s[3] += b.quantity();
          }
        }
      }
    }
    List<Availability> out = new ArrayList<>();
    sums.forEach(
        (k, s) ->
            out.add(
                new Availability(
                    new ProductId(k.product()),
                    k.lot() == null ? null : new LotId(k.lot()),
                    s[0],
                    s[1],
                    s[2],
                    s[3])));
    return out;
  }

  public Optional<UnitPosition> unit(long tenantId, UnitRef ref) {
    return db.sql(POSITION + " WHERE tenant_id = ? AND gtin = ? AND serial = ?")
        .params(tenantId, ref.gtin().value(), ref.serial().value())
        .query((rs, n) -> position(rs))
        .optional();
  }

  public Optional<UnitPosition> unit(long tenantId, long unitId) {
    return db.sql(POSITION + " WHERE tenant_id = ? AND id = ?")
        .params(tenantId, unitId)
        .query((rs, n) -> position(rs))
        .optional();
  }

  /**
   * The units with these GTINs and serials (unknown ones left out), by reference: one statement per
   * GTIN and 500 serials, served by the unique (tenant, GTIN, serial) index.
   */
  public Map<UnitRef, UnitPosition> unitsByRef(long tenantId, Collection<UnitRef> refs) {
    Map<UnitRef, UnitPosition> found = new HashMap<>();
    Map<Gtin, List<String>> byGtin = new LinkedHashMap<>();
    for (UnitRef r : new LinkedHashSet<>(refs)) {
      byGtin.computeIfAbsent(r.gtin(), g -> new ArrayList<>()).add(r.serial().value());
    }
    byGtin.forEach(
        (gtin, serials) -> {
          if (database == Database.POSTGRESQL) {
            // One array instead of IN lists: a prepared IN list of 500 parameters gets a generic
            // plan after a few runs that scans the client's units (0.36 s a statement at 50,000).
            db.sql(POSITION + " WHERE tenant_id = ? AND gtin = ? AND serial = ANY(?::varchar[])")
                .params(tenantId, gtin.value(), serials.toArray(String[]::new))
                .query((rs, n) -> position(rs))
                .list()
                .forEach(p -> found.put(new UnitRef(p.gtin(), new Serial(p.serial())), p));
            return;
          }
          for (List<String> chunk : InList.chunks(serials, 500)) {
            db.sql(
                    POSITION
                        + " WHERE tenant_id = ? AND gtin = ? AND serial IN ("
                        + InList.marks(chunk.size())
                        + ")")
                .params(InList.concat(tenantId, InList.concat(gtin.value(), chunk)))
                .query((rs, n) -> position(rs))
                .list()
                .forEach(p -> found.put(new UnitRef(p.gtin(), new Serial(p.serial())), p));
          }
        });
    return found;
  }

  /** The units with these ids (absent ones left out): one statement per 500 ids. */
  public Map<Long, UnitPosition> units(long tenantId, Collection<Long> unitIds) {
    Map<Long, UnitPosition> found = new HashMap<>();
    for (List<Long> chunk : InList.chunks(List.copyOf(new LinkedHashSet<>(unitIds)), 500)) {
      db.sql(POSITION + " WHERE tenant_id = ? AND id IN (" + InList.marks(chunk.size()) + ")")
          .params(InList.concat(tenantId, chunk))
          .query((rs, n) -> position(rs))
          .list()
          .forEach(p -> found.put(p.id(), p));
    }
    return found;
  }

  /**
   * A page of a product's units in id order after {@code afterId}: of these lots ({@code lots}
   * null: any), registered (first seen: announced, received or entered) at or after {@code
   * registeredFrom} and before {@code registeredTo} (epoch ms, null: unbounded). A recall walks its
   * affected set with it, one page per batch.
   */
  public List<UnitPosition> unitsOf(
      long tenantId,
      ProductId productId,
      Collection<LotId> lots,
      Long registeredFrom,
      Long registeredTo,
      long afterId,
      int limit) {
    StringBuilder sql = new StringBuilder(POSITION + " WHERE tenant_id = ? AND product_id = ?");
    List<Object> params = new ArrayList<>(List.of(tenantId, productId.value()));
    if (lots != null) {
      if (lots.isEmpty()) {
        return List.of();
      }
      sql.append(" AND lot_id IN (").append(InList.marks(lots.size())).append(")");
      lots.forEach(l -> params.add(l.value()));
    }
    if (registeredFrom != null) {
      sql.append(" AND registered_at >= ?");
      params.add(registeredFrom);
    }
    if (registeredTo != null) {
      sql.append(" AND registered_at < ?");
      params.add(registeredTo);
    }
    sql.append(" AND id > ? ORDER BY id LIMIT ?");
    params.add(afterId);
    params.add(limit);
    return db.sql(sql.toString()).params(params).query((rs, n) -> position(rs)).list();
  }

  /**
   * The client's units in the building recorded at exactly this location (not below it), in id
   * order: one statement, served by the location index. A cycle count reads what a bin holds with
   * it.
   */
  public List<UnitPosition> unitsAt(long tenantId, LocationId locationId) {
    return db.sql(
            POSITION
                + " WHERE location_id = ? AND tenant_id = ? AND state IN ("
                + InList.marks(UnitState.IN_BUILDING.size())
                + ") ORDER BY id")
        .params(
            InList.concat(
                locationId.value(),
                InList.concat(tenantId, UnitState.IN_BUILDING.stream().map(Enum::name).toList())))
        .query((rs, n) -> position(rs))
        .list();
  }

  /** The ids of every unit inside these containers (at any depth the caller's tree names). */
  public List<Long> unitsIn(long tenantId, Collection<Long> containerIds) {
    List<Long> found = new ArrayList<>();
    for (List<Long> chunk : InList.chunks(List.copyOf(new LinkedHashSet<>(containerIds)), 500)) {
      found.addAll(
          db.sql(
                  "SELECT id FROM unit WHERE tenant_id = ? AND container_id IN ("
                      + InList.marks(chunk.size())
                      + ") ORDER BY id")
              .params(InList.concat(tenantId, chunk))
              .query(Long.class)
              .list());
    }
    return found;
  }

  /**
   * The client's units under one serial scope key (see {@code Product.serialScopeKey}) with these
   * serials, by serial: one statement per 500 serials, served by the uniqueness index.
   */
  public Map<String, SerialStatus> bySerials(
      long tenantId, String serialScopeKey, Collection<String> serials) {
    Map<String, SerialStatus> found = new HashMap<>();
    for (List<String> chunk : InList.chunks(List.copyOf(new LinkedHashSet<>(serials)), 500)) {
      db.sql(
              "SELECT serial, id, state, holds FROM unit WHERE tenant_id = ? AND serial_scope_key = ? AND serial IN ("
                  + InList.marks(chunk.size())
                  + ")")
          .params(InList.concat(tenantId, InList.concat(serialScopeKey, chunk)))
          .query(
              (rs, n) ->
                  found.put(
                      rs.getString(1),
                      new SerialStatus(
                          rs.getLong(2), UnitState.valueOf(rs.getString(3)), rs.getInt(4))))
          .list();
    }
    return found;
  }

  /**
   * Where the client keeps a product and lot ({@code lotId} null: an untracked or serial-only
   * product): put-away units (STORED or ALLOCATED) and stock not on hold, summed per location, most
   * first.
   */
  public List<Holding> holdings(long tenantId, ProductId productId, LotId lotId) {
    List<Object> params = new ArrayList<>(List.of(tenantId, productId.value()));
    if (lotId != null) {
      params.add(lotId.value());
    }
    params.addAll(List.of(tenantId, productId.value(), lotKey(lotId)));
    return db.sql(
            """
            SELECT location_id, SUM(amount) AS amount FROM (
              SELECT location_id, 1 AS amount FROM unit
              WHERE tenant_id = ? AND product_id = ? AND\s"""
                + (lotId == null ? "lot_id IS NULL" : "lot_id = ?")
                + """
               AND state IN ('STORED', 'ALLOCATED') AND location_id IS NOT NULL
              UNION ALL
              SELECT location_id, quantity FROM stock
              WHERE tenant_id = ? AND product_id = ? AND lot_key = ? AND holds = 0 AND quantity > 0) h
            GROUP BY location_id
            ORDER BY amount DESC, location_id""")
        .params(params)
        .query((rs, n) -> new Holding(new LocationId(rs.getLong(1)), rs.getLong(2)))
        .list();
  }

  /**
   * Which of these locations hold anything: a unit, a container or stock of any client. A bin is
   * site data shared by all clients, so one holding another client's goods is not empty.
   */
  public Set<LocationId> occupied(Collection<LocationId> locationIds) {
    Set<LocationId> taken = new HashSet<>();
    for (List<Long> chunk : InList.chunks(ids(locationIds), 300)) {
      String in = " IN (" + InList.marks(chunk.size()) + ")";
      List<Object> params = new ArrayList<>(chunk.size() * 3);
      params.addAll(chunk);
      params.addAll(chunk);
      params.addAll(chunk);
      db.sql(
              "SELECT DISTINCT location_id FROM unit WHERE location_id"
                  + in
                  + " UNION SELECT location_id FROM container WHERE location_id"
                  + in
                  + " UNION SELECT location_id FROM stock WHERE quantity > 0 AND location_id"
                  + in)
          .params(params)
          .query((rs, n) -> new LocationId(rs.getLong(1)))
          .list()
          .forEach(taken::add);
    }
    return taken;
  }

  /** The client's stock of a product and lot ({@code lotId} null: none) at every location. */
  public List<StockBucket> stock(long tenantId, ProductId productId, LotId lotId) {
    return db.sql(
            """
            SELECT location_id, holds, quantity FROM stock
            WHERE tenant_id = ? AND product_id = ? AND lot_key = ? AND quantity > 0
            ORDER BY location_id, holds""")
        .params(tenantId, productId.value(), lotKey(lotId))
        .query(Inventory::bucket)
        .list();
  }

  /** A quantity of counted goods (a lot, or none) of a product at one location. */
  public record Stocked(ProductId productId, LotId lotId, long quantity) {}

  /**
   * The client's counted stock at exactly this location, per product and lot, whatever its holds:
   * one statement. A cycle count compares what a bin holds with it.
   */
  public List<Stocked> stockIn(long tenantId, LocationId locationId) {
    return db.sql(
            """
            SELECT product_id, lot_key, SUM(quantity) FROM stock
            WHERE tenant_id = ? AND location_id = ? AND quantity > 0
            GROUP BY product_id, lot_key ORDER BY product_id, lot_key""")
        .params(tenantId, locationId.value())
        .query(
            (rs, n) ->
                new Stocked(
                    new ProductId(rs.getLong(1)),
                    rs.getLong(2) == 0 ? null : new LotId(rs.getLong(2)),
                    rs.getLong(3)))
        .list();
  }

  /** The client's stock of a product and lot at the given locations (the docks, say). */
  public List<StockBucket> stockAt(
      long tenantId, ProductId productId, LotId lotId, Collection<LocationId> locationIds) {
    List<StockBucket> found = new ArrayList<>();
    for (List<Long> chunk : InList.chunks(ids(locationIds), 500)) {
      List<Object> params = new ArrayList<>(List.of(tenantId, productId.value(), lotKey(lotId)));
      params.addAll(chunk);
      db.sql(
              "SELECT location_id, holds, quantity FROM stock WHERE tenant_id = ? AND product_id = ? AND lot_key = ? AND quantity > 0 AND location_id IN ("
                  + InList.marks(chunk.size())
                  + ") ORDER BY location_id, holds")
          .params(params)
          .query(Inventory::bucket)
          .list()
          .forEach(found::add);
    }
    return found;
  }

  /**
   * The locations where the client's books hold any of these products (of these lots; {@code lots}
   * null: any lot): serialized units in the building and counted stock, whatever their holds. One
   * statement per 500 products. A cycle count by SKU or lot walks them.
   */
  public Set<LocationId> locationsHolding(
      long tenantId, Collection<ProductId> productIds, Collection<LotId> lots) {
    Set<LocationId> found = new HashSet<>();
    if (lots != null && lots.isEmpty()) {
      return found;
    }
    List<Long> lotIds = lots == null ? null : lots.stream().map(LotId::value).distinct().toList();
    List<Long> all = productIds.stream().map(ProductId::value).distinct().toList();
    List<String> states = UnitState.IN_BUILDING.stream().map(Enum::name).toList();
    for (List<Long> chunk : InList.chunks(all, 500)) {
      String in = InList.marks(chunk.size());
      List<Object> params = new ArrayList<>();
      params.add(tenantId);
      params.addAll(chunk);
      params.addAll(states);
      if (lotIds != null) {
        params.addAll(lotIds);
      }
      params.add(tenantId);
      params.addAll(chunk);
      if (lotIds != null) {
        params.addAll(lotIds);
      }
      String lotFilter = lotIds == null ? "" : " AND %s IN (" + InList.marks(lotIds.size()) + ")";
      db.sql(
              "SELECT location_id FROM unit WHERE tenant_id = ? AND product_id IN ("
                  + in
                  + ") AND state IN ("
                  + InList.marks(states.size())
                  + ") AND location_id IS NOT NULL"
                  + lotFilter.formatted("lot_id")
                  + " UNION SELECT location_id FROM stock WHERE tenant_id = ? AND product_id IN ("
                  + in
                  + ") AND quantity > 0"
                  + lotFilter.formatted("lot_key"))
          .params(params)
          .query((rs, n) -> new LocationId(rs.getLong(1)))
          .list()
          .forEach(found::add);
    }
    return found;
  }

  /**
   * How many ledger events touched each of the client's products (its units or its stock) recorded
   * at or after {@code since}: an event counts once per product however many units or buckets of it
   * it changed. One statement; products without an event are left out. ABC classes are made of it.
   */
  public Map<ProductId, Long> movementsSince(long tenantId, Instant since) {
    Map<ProductId, Long> out = new HashMap<>();
    db.sql(
            """
            SELECT product_id, COUNT(*) FROM (
              SELECT u.product_id, e.id FROM ledger_event e
                JOIN ledger_entry le ON le.event_id = e.id
                JOIN unit u ON u.id = le.unit_id
              WHERE e.tenant_id = ? AND e.recorded_at >= ?
              UNION
              SELECT s.product_id, e.id FROM ledger_event e
                JOIN stock_entry se ON se.event_id = e.id
                JOIN stock s ON s.id = se.stock_id
              WHERE e.tenant_id = ? AND e.recorded_at >= ?) m
            GROUP BY product_id""")
        .params(tenantId, since.toEpochMilli(), tenantId, since.toEpochMilli())
        .query((rs, n) -> out.put(new ProductId(rs.getLong(1)), rs.getLong(2)))
        .list();
    return out;
  }

  /** The stock table's {@code lot_key}: the lot's id, 0 for goods without a lot. */
  private static long lotKey(LotId lotId) {
    return lotId == null ? 0L : lotId.value();
  }

  private static List<Long> ids(Collection<LocationId> locationIds) {
    return locationIds.stream().map(LocationId::value).distinct().toList();
  }

  private static StockBucket bucket(ResultSet rs, int n) throws SQLException {
    return new StockBucket(new LocationId(rs.getLong(1)), rs.getInt(2), rs.getLong(3));
  }

  private static UnitPosition position(ResultSet rs) throws SQLException {
    Long lotId = Rows.longOrNull(rs, 3);
    Long locationId = Rows.longOrNull(rs, 7);
    return new UnitPosition(
        rs.getLong(1),
        new ProductId(rs.getLong(2)),
        lotId == null ? null : new LotId(lotId),
        new Gtin(rs.getString(4)),
        rs.getString(5),
        UnitState.valueOf(rs.getString(6)),
        locationId == null ? null : new LocationId(locationId),
        Rows.longOrNull(rs, 8),
        rs.getInt(9));
  }
}
