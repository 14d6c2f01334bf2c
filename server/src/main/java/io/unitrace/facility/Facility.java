package io.unitrace.facility;

import io.unitrace.gs1.CheckDigit;
import io.unitrace.shared.CursorPage;
import io.unitrace.shared.Database;
import io.unitrace.shared.InList;
import io.unitrace.shared.Problem;
import io.unitrace.shared.Rows;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The site: warehouses and their locations belong to the operator and are shared by all clients.
 * Containers are not the site's: where a pallet is and what it holds is inventory, kept by the
 * ledger.
 */
@Service
public class Facility {

  public record Warehouse(long id, String code, String name, String gln) {}

  static final Set<String> LEVELS = Set.of("ZONE", "AISLE", "RACK", "BIN", "AREA");

  private final JdbcClient db;
  private final Clock clock;

  Facility(JdbcClient db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  @Transactional
  public Warehouse createWarehouse(String code, String name, String gln) {
    if (code == null || !code.matches("[A-Za-z0-9][A-Za-z0-9_-]{0,39}")) {
      throw Problem.badRequest(
          "invalid-field", "code", "a warehouse code is 1-40 letters, digits, '-' or '_'");
    }
    if (name == null || name.isBlank()) {
      throw Problem.badRequest("invalid-field", "name", "a warehouse needs a name");
    }
    if (gln != null && (gln.length() != 13 || !CheckDigit.isValid(gln))) {
      throw Problem.badRequest(
          "invalid-field", "gln", "a GLN has 13 digits with a valid check digit");
    }
    try {
      long id =
          db.sql(
                  "INSERT INTO warehouse (code, name, gln, created_at) VALUES (?, ?, ?, ?) RETURNING id")
              .params(code, name.strip(), gln, clock.millis())
              .query(Long.class)
              .single();
      return new Warehouse(id, code, name.strip(), gln);
    } catch (DataAccessException e) {
      if (Database.isUniqueViolation(e)) {
        throw Problem.conflict(
            "duplicate-warehouse", "code", "a warehouse with code " + code + " exists");
      }
      throw e;
    }
  }

  public List<Warehouse> warehouses() {
    return db.sql("SELECT id, code, name, gln FROM warehouse ORDER BY code")
        .query(Warehouse.class)
        .list();
  }

  @Transactional
  public Location createLocation(
      String warehouseCode,
      String parentCode,
      String code,
      String name,
      String level,
      LocationType type) {
    Warehouse wh =
        db.sql("SELECT id, code, name, gln FROM warehouse WHERE code = ?")
            .param(warehouseCode == null ? "" : warehouseCode)
            .query(Warehouse.class)
            .optional()
            .orElseThrow(
                () ->
                    Problem.badRequest(
                        "unknown-warehouse",
                        "warehouse",
                        "no warehouse with code " + warehouseCode));
    if (code == null || !code.matches("[A-Za-z0-9][A-Za-z0-9._/-]{0,59}")) {
      throw Problem.badRequest(
          "invalid-field", "code", "a location code is 1-60 letters, digits or . _ / -");
    }
    String lvl = level == null ? "BIN" : level.toUpperCase();
    if (!LEVELS.contains(lvl)) {
      throw Problem.badRequest("invalid-field", "level", "level is one of " + LEVELS);
    }
    if (type == null || !LocationType.CHOSEN.contains(type)) {
      throw Problem.badRequest("invalid-field", "type", "type is one of " + LocationType.CHOSEN);
    }
    Long parentId = null;
    if (parentCode != null && !parentCode.isBlank()) {
      Location parent =
          byCode(parentCode)
              .orElseThrow(
                  () ->
                      Problem.badRequest(
                          "unknown-location", "parent", "no location with code " + parentCode));
      if (!parent.warehouse().equals(wh.code())) {
        throw Problem.badRequest(
            "invalid-field", "parent", "the parent " + parentCode + " is in another warehouse");
      }
      parentId = parent.id();
    }
    try {
      long id =
          db.sql(
                  """
              INSERT INTO location (warehouse_id, parent_id, code, name, level, type, created_at)
              VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id""")
              .params(
                  wh.id(),
                  parentId,
                  code,
                  name == null || name.isBlank() ? code : name.strip(),
                  lvl,
                  type.name(),
                  clock.millis())
              .query(Long.class)
              .single();
      return byId(id).orElseThrow();
    } catch (DataAccessException e) {
      if (Database.isUniqueViolation(e)) {
        throw Problem.conflict(
            "duplicate-location", "code", "a location with code " + code + " exists");
      }
      throw e;
    }
  }

  private static final String LOCATION =
      """
      SELECT l.id, w.code AS warehouse, l.parent_id, l.code, l.name, l.level, l.type
      FROM location l JOIN warehouse w ON w.id = l.warehouse_id""";

  // By position: mapping by name would look for a column "parentId" first, and the driver's answer
  // to that miss is an exception, built on every location read, that is on every scan.
  private static final RowMapper<Location> LOCATION_ROW =
      (rs, n) ->
          new Location(
              rs.getLong(1),
              rs.getString(2),
              Rows.longOrNull(rs, 3),
              rs.getString(4),
              rs.getString(5),
              rs.getString(6),
              LocationType.valueOf(rs.getString(7)));

  public Optional<Location> byCode(String code) {
    return db.sql(LOCATION + " WHERE l.code = ?").param(code).query(LOCATION_ROW).optional();
  }

  public Optional<Location> byId(long id) {
    return db.sql(LOCATION + " WHERE l.id = ?").param(id).query(LOCATION_ROW).optional();
  }

  /** The location a scan or request names, or a refusal naming {@code field}. */
  public Location require(String code, String field) {
    if (code == null || code.isBlank()) {
      throw Problem.badRequest(
          "invalid-field", field, field + " is required: scan or type a location code");
    }
    return byCode(code.strip())
        .orElseThrow(
            () ->
                Problem.unprocessable("unknown-location", field, "no location with code " + code));
  }

  /**
   * Where counted goods on their way to {@code warehouse} by a transfer are kept in the books (ADR
   * 0023): the warehouse's one TRANSIT location, made the first time it is needed. Its code, {@code
   * TRANSIT:} and the warehouse's, cannot clash with a user's (a user's code has no colon).
   */
  public Location transit(String warehouse) {
    String code = "TRANSIT:" + warehouse;
    Optional<Location> known = byCode(code);
    if (known.isPresent()) {
      return known.get();
    }
    db.sql(
            """
            INSERT INTO location (warehouse_id, parent_id, code, name, level, type, created_at)
            SELECT id, NULL, ?, ?, 'AREA', 'TRANSIT', ? FROM warehouse WHERE code = ?
            ON CONFLICT (code) DO NOTHING""")
        .params(code, "On the way to " + warehouse, clock.millis(), warehouse)
        .update();
    return byCode(code)
        .orElseThrow(
            () ->
                Problem.unprocessable(
                    "unknown-warehouse", "to", "no warehouse with code " + warehouse));
  }

  public CursorPage<Location> locations(String warehouse, String cursor, int limit) {
    // Two statements rather than "? IS NULL OR w.code = ?": PostgreSQL cannot type a bare null.
    long after = CursorPage.decode(cursor);
    List<Location> rows =
        warehouse == null
            ? db.sql(LOCATION + " WHERE l.id > ? ORDER BY l.id LIMIT ?")
                .params(after, limit + 1)
                .query(LOCATION_ROW)
                .list()
            : db.sql(LOCATION + " WHERE l.id > ? AND w.code = ? ORDER BY l.id LIMIT ?")
                .params(after, warehouse, limit + 1)
                .query(LOCATION_ROW)
                .list();
    return CursorPage.of(rows, limit, Location::id);
  }

  // Reads for other modules, set-based: a page of ledger rows resolves its locations in one
  // statement per 500 ids, never one per row.

  /** The locations with these ids (absent ones left out). */
  public Map<LocationId, Location> locations(Collection<LocationId> ids) {
    Map<LocationId, Location> found = new HashMap<>();
    List<Long> distinct = ids.stream().map(LocationId::value).distinct().toList();
    for (List<Long> chunk : InList.chunks(distinct, 500)) {
      db.sql(LOCATION + " WHERE l.id IN (" + InList.marks(chunk.size()) + ")")
          .params(new ArrayList<Object>(chunk))
          .query(LOCATION_ROW)
          .list()
          .forEach(l -> found.put(new LocationId(l.id()), l));
    }
    return found;
  }

  /** The location's id and the ids of every location below it (a zone's aisles, racks, bins). */
  public List<LocationId> subtree(LocationId location) {
    return db.sql(
            """
            WITH RECURSIVE sub (id) AS (
              SELECT id FROM location WHERE id = ?
              UNION ALL
              SELECT x.id FROM location x JOIN sub ON x.parent_id = sub.id
            )
            SELECT id FROM sub""")
        .param(location.value())
        .query((rs, n) -> new LocationId(rs.getLong(1)))
        .list();
  }

  /**
   * A warehouse's locations of one type in code order, at most {@code limit}: the first QUARANTINE
   * location where receiving sets exceptions aside, the ones putaway suggests.
   */
  public List<Location> ofType(String warehouse, LocationType type, int limit) {
    return db.sql(LOCATION + " WHERE w.code = ? AND l.type = ? ORDER BY l.code LIMIT ?")
        .params(warehouse, type.name(), limit)
        .query(LOCATION_ROW)
        .list();
  }

  /**
   * A page of a warehouse's bins (level BIN) of one type, in walking order: location codes encode
   * aisle, rack and bin, so code order is walking order; with {@code parentFirst} the bins under
   * that parent (a zone or rack) come first. The candidates for an empty bin, read a page at a
   * time.
   */
  public List<Location> bins(
      String warehouse, LocationType type, Long parentFirst, int offset, int limit) {
    List<Object> params = new ArrayList<>(List.of(warehouse, type.name()));
    String order = " ORDER BY l.code";
    if (parentFirst != null) {
      order = " ORDER BY CASE WHEN l.parent_id = ? THEN 0 ELSE 1 END, l.code";
      params.add(parentFirst);
    }
    params.add(limit);
    params.add(offset);
    return db.sql(
            LOCATION
                + " WHERE w.code = ? AND l.type = ? AND l.level = 'BIN'"
                + order
                + " LIMIT ? OFFSET ?")
        .params(params)
        .query(LOCATION_ROW)
        .list();
  }
}
