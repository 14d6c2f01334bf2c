package io.unitrace.ledger;

import io.unitrace.gs1.Sscc;
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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code container} rows. Written only inside a ledger command (or when a container is created
 * empty), so that where a container is always agrees with the units recorded inside it.
 */
@Repository
class ContainerRows {

  private static final String SELECT =
      "SELECT id, tenant_id, sscc, kind, parent_id, location_id FROM container";

  private final JdbcClient db;
  private final Clock clock;

  ContainerRows(JdbcClient db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  Container insert(long tenantId, Sscc sscc, String kind, Long locationId) {
    try {
      long id =
          db.sql(
                  "INSERT INTO container (tenant_id, sscc, kind, location_id, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id")
              .params(tenantId, sscc.value(), kind, locationId, clock.millis())
              .query(Long.class)
              .single();
      return byId(tenantId, id).orElseThrow();
    } catch (DataAccessException e) {
      if (Database.isUniqueViolation(e)) {
        throw Problem.conflict(
            "duplicate-sscc", "sscc", "a container with SSCC " + sscc + " exists");
      }
      throw e;
    }
  }

  /** One container to insert; {@code parentId} is already known. */
  record NewRow(Sscc sscc, String kind, Long parentId) {}

  /** One multi-row insert; returns the new ids by SSCC. */
  Map<Sscc, Long> insertAll(long tenantId, List<NewRow> rows, long locationId) {
    long now = clock.millis();
    List<Object[]> values = new ArrayList<>(rows.size());
    for (NewRow r : rows) {
      values.add(
          new Object[] {tenantId, r.sscc().value(), r.kind(), r.parentId(), locationId, now});
    }
    Map<Sscc, Long> ids = new HashMap<>();
    try {
      MultiRowInsert.insertReturning(
              db,
              "container",
              List.of("tenant_id", "sscc", "kind", "parent_id", "location_id", "created_at"),
              values,
              "RETURNING id, sscc",
              (rs, n) -> Map.entry(new Sscc(rs.getString(2)), rs.getLong(1)))
          .forEach(e -> ids.put(e.getKey(), e.getValue()));
    } catch (DataAccessException e) {
      if (Database.isUniqueViolation(e)) {
        throw Problem.conflict(
            "duplicate-sscc",
            "containers",
            "a container with one of these SSCCs was created meanwhile; try again");
      }
      throw e;
    }
    return ids;
  }

  Optional<Container> bySscc(long tenantId, Sscc sscc) {
    return db.sql(SELECT + " WHERE tenant_id = ? AND sscc = ?")
        .params(tenantId, sscc.value())
        .query((rs, n) -> container(rs))
        .optional();
  }

  Optional<Container> byId(long tenantId, long id) {
    return db.sql(SELECT + " WHERE tenant_id = ? AND id = ?")
        .params(tenantId, id)
        .query((rs, n) -> container(rs))
        .optional();
  }

  /** One query per 500 SSCCs rather than one per container. */
  Map<Sscc, Container> bySscc(long tenantId, Collection<Sscc> ssccs) {
    Map<Sscc, Container> found = new HashMap<>();
    List<String> all = ssccs.stream().map(Sscc::value).toList();
    for (List<String> chunk : InList.chunks(all, 500)) {
      db.sql(SELECT + " WHERE tenant_id = ? AND sscc IN (" + InList.marks(chunk.size()) + ")")
          .params(InList.concat(tenantId, chunk))
          .query((rs, n) -> container(rs))
          .list()
          .forEach(c -> found.put(c.sscc(), c));
    }
    return found;
  }

  Map<Long, Container> byIds(long tenantId, Collection<Long> ids) {
    Map<Long, Container> found = new HashMap<>();
    for (List<Long> chunk : InList.chunks(List.copyOf(new LinkedHashSet<>(ids)), 500)) {
      db.sql(SELECT + " WHERE tenant_id = ? AND id IN (" + InList.marks(chunk.size()) + ")")
          .params(InList.concat(tenantId, chunk))
          .query((rs, n) -> container(rs))
          .list()
          .forEach(c -> found.put(c.id(), c));
    }
    return found;
  }

  int unitCount(long tenantId, long containerId) {
    return db.sql("SELECT COUNT(*) FROM unit WHERE tenant_id = ? AND container_id = ?")
        .params(tenantId, containerId)
        .query(Integer.class)
        .single();
  }

  List<Long> tree(long tenantId, long rootId) {
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

  void place(long tenantId, List<Long> ids, Long locationId) {
    for (Long id : ids) {
      db.sql("UPDATE container SET location_id = ? WHERE tenant_id = ? AND id = ?")
          .params(locationId, tenantId, id)
          .update();
    }
  }

  void nest(long tenantId, long childId, Long parentId) {
    db.sql("UPDATE container SET parent_id = ? WHERE tenant_id = ? AND id = ?")
        .params(parentId, tenantId, childId)
        .update();
  }

  /**
   * Locks a container's row for the rest of the transaction, if it is still at {@code locationId}.
   * False when it was moved meanwhile (on PostgreSQL, after waiting for the mover to commit).
   */
  boolean hold(long tenantId, long containerId, Long locationId) {
    return db.sql(
                "UPDATE container SET location_id = location_id WHERE tenant_id = ? AND id = ? AND location_id = ?")
            .params(tenantId, containerId, locationId)
            .update()
        == 1;
  }

  /**
   * Locks a container's row for the rest of the transaction if it still stands on the dock (on its
   * own or inside another). False when it does not (on PostgreSQL, judged after a concurrent mover
   * committed).
   */
  boolean claimOnDock(long tenantId, long containerId, long dockId) {
    return db.sql(
                "UPDATE container SET location_id = location_id WHERE tenant_id = ? AND id = ? AND location_id = ?")
            .params(tenantId, containerId, dockId)
            .update()
        == 1;
  }

  private static Container container(ResultSet rs) throws SQLException {
    return new Container(
        rs.getLong(1),
        rs.getLong(2),
        new Sscc(rs.getString(3)),
        rs.getString(4),
        Rows.longOrNull(rs, 5),
        Rows.longOrNull(rs, 6));
  }
}
