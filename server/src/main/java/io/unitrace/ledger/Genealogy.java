package io.unitrace.ledger;

import io.unitrace.catalog.LotId;
import io.unitrace.catalog.ProductId;
import io.unitrace.gs1.Gtin;
import io.unitrace.shared.InList;
import io.unitrace.shared.Rows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * What was built into what (the ledger's {@code genealogy_link}), read set-based for traces and
 * recalls: the components of a unit, the units it was built into, and every finished unit that
 * contains a lot or a unit through any depth (a lot in a subassembly in a finished unit).
 *
 * <p>The upward walk is one recursive query ({@code WITH RECURSIVE … UNION}, the same text on
 * SQLite and PostgreSQL): {@code UNION} drops rows already found, so the walk ends even if bad data
 * ever held a cycle. Only links still in force count for "contains": a component taken out at a
 * disassembly is no longer in the unit, though both histories keep the link.
 */
@Service
public class Genealogy {

  /**
   * One component of one finished unit ({@code parent…}): a unit ({@code unitId}, {@code gtin},
   * {@code serial}; quantity 1) or a quantity of a lot or untracked product taken from {@code
   * locationId}. {@code endedEvent} is the disassembly that took it out, null while it is in.
   */
  public record Link(
      long id,
      long parentId,
      Gtin parentGtin,
      String parentSerial,
      Long unitId,
      Gtin gtin,
      String serial,
      ProductId product,
      LotId lot,
      long quantity,
      Long locationId,
      long assembledEvent,
      Long endedEvent) {

    public boolean active() {
      return endedEvent == null;
    }

    public boolean unit() {
      return unitId != null;
    }
  }

  private static final String SELECT =
      """
      SELECT g.id, g.parent_id, p.gtin, p.serial, g.child_id, c.gtin, c.serial, g.product_id, g.lot_id,
             g.quantity, g.location_id, g.assembled_event, g.ended_event
      FROM genealogy_link g
      JOIN unit p ON p.id = g.parent_id
      LEFT JOIN unit c ON c.id = g.child_id
      """;

  /** Each ancestor id once, walking up links still in force from the seeds the query names. */
  private static final String UP =
      """
      up(id) AS (
        SELECT g.parent_id FROM genealogy_link g WHERE %s AND g.ended_event IS NULL
        UNION
        SELECT g.parent_id FROM genealogy_link g JOIN up ON g.child_id = up.id
        WHERE g.ended_event IS NULL
      )""";

  private final JdbcClient db;

  Genealogy(JdbcClient db) {
    this.db = db;
  }

  /**
   * The components of a unit, in the order they were built in; with {@code withEnded} also those a
   * disassembly took out.
   */
  public List<Link> components(long tenantId, long unitId, boolean withEnded) {
    return db.sql(
            SELECT
                + "WHERE g.tenant_id = ? AND g.parent_id = ?"
                + (withEnded ? "" : " AND g.ended_event IS NULL")
                + " ORDER BY g.id")
        .params(tenantId, unitId)
        .query(Genealogy::link)
        .list();
  }

  /**
   * The components of several units at once, by unit, each in the order built in: one statement per
   * 500 units.
   */
  public Map<Long, List<Link>> components(
      long tenantId, Collection<Long> unitIds, boolean withEnded) {
    Map<Long, List<Link>> out = new HashMap<>();
    for (List<Long> chunk : InList.chunks(List.copyOf(new LinkedHashSet<>(unitIds)), 500)) {
      db.sql(
              SELECT
                  + "WHERE g.tenant_id = ? AND g.parent_id IN ("
                  + InList.marks(chunk.size())
                  + ")"
                  + (withEnded ? "" : " AND g.ended_event IS NULL")
                  + " ORDER BY g.id")
          .params(InList.concat(tenantId, chunk))
          .query(Genealogy::link)
          .list()
          .forEach(l -> out.computeIfAbsent(l.parentId(), k -> new ArrayList<>()).add(l));
    }
    return out;
  }

  /**
   * The units a unit was built into (at most one in force at a time); with {@code withEnded} also
   * earlier ones.
   */
  public List<Link> parents(long tenantId, long unitId, boolean withEnded) {
    return db.sql(
            SELECT
                + "WHERE g.tenant_id = ? AND g.child_id = ?"
                + (withEnded ? "" : " AND g.ended_event IS NULL")
                + " ORDER BY g.id")
        .params(tenantId, unitId)
        .query(Genealogy::link)
        .list();
  }

  /**
   * The ids of every unit that contains some of a product's lot (counted, or units of that lot),
   * directly or through any depth of subassemblies; with {@code lot} null, any of the product.
   */
  public Set<Long> containingLot(long tenantId, ProductId product, LotId lot) {
    String seed = "g.tenant_id = ? AND g.product_id = ?" + (lot == null ? "" : " AND g.lot_id = ?");
    List<Object> params = new ArrayList<>(List.of(tenantId, product.value()));
    if (lot != null) {
      params.add(lot.value());
    }
    return new LinkedHashSet<>(
        db.sql("WITH RECURSIVE " + UP.formatted(seed) + " SELECT id FROM up ORDER BY id")
            .params(params)
            .query(Long.class)
            .list());
  }

  /**
   * The ids of every unit that contains one of {@code unitIds}, directly or through any depth; one
   * query per 500 units.
   */
  public Set<Long> containingUnits(long tenantId, Collection<Long> unitIds) {
    Set<Long> found = new LinkedHashSet<>();
    for (List<Long> chunk : InList.chunks(List.copyOf(unitIds), 500)) {
      String seed = "g.tenant_id = ? AND g.child_id IN (" + InList.marks(chunk.size()) + ")";
      found.addAll(
          db.sql("WITH RECURSIVE " + UP.formatted(seed) + " SELECT id FROM up ORDER BY id")
              .params(InList.concat(tenantId, chunk))
              .query(Long.class)
              .list());
    }
    return found;
  }

  /** A component about to be linked to its finished unit. */
  record NewLink(Long unitId, long productId, Long lotId, long quantity, Long locationId) {}

  /** Links the components of an assembly, in the transaction of its event. */
  void link(long tenantId, long parentId, long eventId, List<NewLink> links) {
    for (NewLink l : links) {
      db.sql(
              """
              INSERT INTO genealogy_link
                (tenant_id, parent_id, child_id, product_id, lot_id, quantity, location_id, assembled_event)
              VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
          .params(
              tenantId,
              parentId,
              l.unitId(),
              l.productId(),
              l.lotId(),
              l.quantity(),
              l.locationId(),
              eventId)
          .update();
    }
  }

  /**
   * Ends the links of a disassembly, if they are still in force; answers how many it ended (fewer
   * than asked means another writer got there first).
   */
  int end(long tenantId, long eventId, List<Long> linkIds) {
    int ended = 0;
    for (List<Long> chunk : InList.chunks(linkIds, 500)) {
      List<Object> params = new ArrayList<>(List.of(eventId, tenantId));
      params.addAll(chunk);
      ended +=
          db.sql(
                  "UPDATE genealogy_link SET ended_event = ? WHERE tenant_id = ? AND id IN ("
                      + InList.marks(chunk.size())
                      + ") AND ended_event IS NULL")
              .params(params)
              .update();
    }
    return ended;
  }

  private static Link link(ResultSet rs, int n) throws SQLException {
    Long child = Rows.longOrNull(rs, 5);
    Long lot = Rows.longOrNull(rs, 9);
    return new Link(
        rs.getLong(1),
        rs.getLong(2),
        new Gtin(rs.getString(3)),
        rs.getString(4),
        child,
        child == null ? null : new Gtin(rs.getString(6)),
        child == null ? null : rs.getString(7),
        new ProductId(rs.getLong(8)),
        lot == null ? null : new LotId(lot),
        rs.getLong(10),
        Rows.longOrNull(rs, 11),
        rs.getLong(12),
        Rows.longOrNull(rs, 13));
  }
}
