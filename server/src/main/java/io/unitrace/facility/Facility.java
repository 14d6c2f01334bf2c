package io.unitrace.facility;

import io.unitrace.gs1.CheckDigit;
import io.unitrace.gs1.Sscc;
import io.unitrace.shared.CursorPage;
import io.unitrace.shared.Database;
import io.unitrace.shared.InList;
import io.unitrace.shared.MultiRowInsert;
import io.unitrace.shared.Problem;
import io.unitrace.shared.Rows;
import java.sql.ResultSet;
import java.sql.SQLException;
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
 * The site: warehouses and their locations belong to the operator and are shared by all clients;
 * containers belong to one client. Containers move only through the ledger, which records the units
 * that move with them; this class only keeps their rows.
 */
@Service
public class Facility {

  public record Warehouse(long id, String code, String name, String gln) {}

  static final Set<String> LEVELS = Set.of("ZONE", "AISLE", "RACK", "BIN", "AREA");
  static final Set<String> KINDS = Set.of("PALLET", "CASE", "TOTE", "BOX");

  private final JdbcClient db;
  private final Clock clock;
  private final SsccAllocator allocator;

  Facility(JdbcClient db, Clock clock, SsccAllocator allocator) {
    this.db = db;
    this.clock = clock;
    this.allocator = allocator;
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
    if (type == null) {
      throw Problem.badRequest(
          "invalid-field",
          "type",
          "type is one of DOCK, STORAGE, STAGING, PACKING, QUARANTINE, REPAIR");
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

  public CursorPage<Location> locations(String warehouse, String cursor, int limit) {
    List<Location> rows =
        db.sql(LOCATION + " WHERE l.id > ? AND (? IS NULL OR w.code = ?) ORDER BY l.id LIMIT ?")
            .params(CursorPage.decode(cursor), warehouse, warehouse, limit + 1)
            .query(LOCATION_ROW)
            .list();
    return CursorPage.of(rows, limit, Location::id);
  }

  // Containers

  @Transactional
  public Container createContainer(long tenantId, Sscc sscc, String kind, Long locationId) {
    return insertContainer(tenantId, sscc, kind(kind), locationId);
  }

  /**
   * Creates a container under a newly allocated SSCC. Not one transaction on purpose: the SSCC is
   * spent when allocated (see {@link SsccAllocator}), and the kind is checked first so that bad
   * input spends none.
   */
  public Container createContainer(long tenantId, String kind, Long locationId) {
    String k = kind(kind);
    return insertContainer(tenantId, allocator.allocate(tenantId), k, locationId);
  }

  private static String kind(String kind) {
    String k = kind == null ? "PALLET" : kind.toUpperCase();
    if (!KINDS.contains(k)) {
      throw Problem.badRequest("invalid-field", "kind", "kind is one of " + KINDS);
    }
    return k;
  }

  private Container insertContainer(long tenantId, Sscc sscc, String k, Long locationId) {
    try {
      long id =
          db.sql(
                  "INSERT INTO container (tenant_id, sscc, kind, location_id, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id")
              .params(tenantId, sscc.value(), k, locationId, clock.millis())
              .query(Long.class)
              .single();
      return container(tenantId, id).orElseThrow();
    } catch (DataAccessException e) {
      if (Database.isUniqueViolation(e)) {
        throw Problem.conflict(
            "duplicate-sscc", "sscc", "a container with SSCC " + sscc + " exists");
      }
      throw e;
    }
  }

  /** A container arriving at a location; a case names the pallet it sits on in {@code parent}. */
  public record Arriving(Sscc sscc, String kind, Sscc parent) {}

  /**
   * The client's containers with the given SSCCs, as they are now (absent ones left out): one query
   * per 500 SSCCs rather than one per container.
   */
  public Map<Sscc, Container> containers(long tenantId, Collection<Sscc> ssccs) {
    Map<Sscc, Container> found = new HashMap<>();
    List<Sscc> all = List.copyOf(ssccs);
    for (int from = 0; from < all.size(); from += 500) {
      List<Sscc> chunk = all.subList(from, Math.min(all.size(), from + 500));
      List<Object> params = new ArrayList<>(chunk.size() + 1);
      params.add(tenantId);
      chunk.forEach(c -> params.add(c.value()));
      db.sql(
              "SELECT id, tenant_id, sscc, kind, parent_id, location_id FROM container WHERE tenant_id = ? AND sscc IN ("
                  + InList.marks(chunk.size())
                  + ")")
          .params(params)
          .query((rs, n) -> containerOf(rs))
          .list()
          .forEach(c -> found.put(c.sscc(), c));
    }
    return found;
  }

  /**
   * Creates new containers at a location, nested as given, set-based: one multi-row insert per
   * level of nesting (pallets, then the cases on them). Every parent must be among {@code
   * containers} or in {@code known} (SSCC to id); returns the new containers' ids.
   */
  public Map<Sscc, Long> createContainers(
      long tenantId, List<Arriving> containers, Map<Sscc, Long> known, long locationId) {
    Map<Sscc, Long> ids = new HashMap<>(known);
    Map<Sscc, Long> created = new HashMap<>();
    List<Arriving> pending = new ArrayList<>(containers);
    long now = clock.millis();
    while (!pending.isEmpty()) {
      List<Arriving> level =
          pending.stream().filter(c -> c.parent() == null || ids.containsKey(c.parent())).toList();
      if (level.isEmpty()) {
        throw Problem.badRequest(
            "invalid-field",
            "containers",
            "container "
                + pending.get(0).sscc()
                + " names a parent that is not arriving: "
                + pending.get(0).parent());
      }
      List<Object[]> rows = new ArrayList<>(level.size());
      for (Arriving c : level) {
        rows.add(
            new Object[] {
              tenantId,
              c.sscc().value(),
              kind(c.kind()),
              c.parent() == null ? null : ids.get(c.parent()),
              locationId,
              now
            });
      }
      try {
        MultiRowInsert.insertReturning(
                db,
                "container",
                List.of("tenant_id", "sscc", "kind", "parent_id", "location_id", "created_at"),
                rows,
                "RETURNING id, sscc",
                (rs, n) -> Map.entry(new Sscc(rs.getString(2)), rs.getLong(1)))
            .forEach(
                e -> {
                  ids.put(e.getKey(), e.getValue());
                  created.put(e.getKey(), e.getValue());
                });
      } catch (DataAccessException e) {
        if (Database.isUniqueViolation(e)) {
          throw Problem.conflict(
              "duplicate-sscc",
              "containers",
              "a container with one of these SSCCs was created meanwhile; try again");
        }
        throw e;
      }
      pending.removeAll(level);
    }
    return created;
  }

  public Optional<Container> container(long tenantId, Sscc sscc) {
    return db.sql(
            "SELECT id, tenant_id, sscc, kind, parent_id, location_id FROM container WHERE tenant_id = ? AND sscc = ?")
        .params(tenantId, sscc.value())
        .query((rs, n) -> containerOf(rs))
        .optional();
  }

  public Optional<Container> container(long tenantId, long id) {
    return db.sql(
            "SELECT id, tenant_id, sscc, kind, parent_id, location_id FROM container WHERE tenant_id = ? AND id = ?")
        .params(tenantId, id)
        .query((rs, n) -> containerOf(rs))
        .optional();
  }

  /** The container and every container nested in it, at any depth. */
  public List<Long> containerTree(long tenantId, long rootId) {
    return db.sql(
            """
            WITH RECURSIVE tree (id) AS (
              SELECT id FROM container WHERE tenant_id = ? AND id = ?
              UNION ALL
              SELECT c.id FROM container c JOIN tree t ON c.parent_id = t.id
            )
            SELECT id FROM tree""")
        .params(tenantId, rootId)
        .query(Long.class)
        .list();
  }

  /** Moves a container tree's rows to a location (the ledger records the units inside). */
  public void placeContainers(long tenantId, List<Long> ids, long locationId) {
    for (Long id : ids) {
      db.sql("UPDATE container SET location_id = ? WHERE tenant_id = ? AND id = ?")
          .params(locationId, tenantId, id)
          .update();
    }
  }

  /** Nests {@code childId} in {@code parentId} (or takes it out with null); refuses a cycle. */
  public void nest(long tenantId, long childId, Long parentId) {
    if (parentId != null && containerTree(tenantId, childId).contains(parentId)) {
      throw Problem.unprocessable(
          "container-cycle",
          "into",
          "a container cannot be packed into itself or into one it holds");
    }
    db.sql("UPDATE container SET parent_id = ? WHERE tenant_id = ? AND id = ?")
        .params(parentId, tenantId, childId)
        .update();
  }

  private static Container containerOf(ResultSet rs) throws SQLException {
    return new Container(
        rs.getLong(1),
        rs.getLong(2),
        new Sscc(rs.getString(3)),
        rs.getString(4),
        Rows.longOrNull(rs, 5),
        Rows.longOrNull(rs, 6));
  }
}
