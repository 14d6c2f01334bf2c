package io.unitrace.outbound;

import io.unitrace.catalog.LotId;
import io.unitrace.shared.Database;
import io.unitrace.shared.InList;
import io.unitrace.shared.MultiRowInsert;
import io.unitrace.shared.Rows;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The SQL of allocation: what lines still need, and the allocation rows themselves. */
@Repository
class AllocationRows {

  /** Allocation states in which goods are still held for their line (or gone with it). */
  static final String LIVE = "('ALLOCATED', 'PICKED', 'PACKED')";

  static final String TAKEN = "('ALLOCATED', 'PICKED', 'PACKED', 'SHIPPED')";

  /** An open line and what it still needs. */
  record Need(
      long lineId,
      long orderId,
      long warehouseId,
      long productId,
      Long lotId,
      String gtin,
      String serial,
      long quantity,
      Integer minShelfLifeDays,
      long taken) {

    long missing() {
      return quantity - taken;
    }
  }

  /** One live allocation. */
  record Live(
      long id,
      long orderId,
      long lineId,
      long productId,
      Long unitId,
      String gtin,
      String serial,
      Long lotId,
      long locationId,
      long quantity,
      String status) {}

  private static final String NEED =
      """
      SELECT l.id, l.order_id, o.warehouse_id, l.product_id, l.lot_id, l.gtin, l.serial, l.quantity,
             COALESCE(l.min_shelf_life_days, o.min_shelf_life_days, c.min_shelf_life_days),
             (SELECT COALESCE(SUM(a.quantity), 0) FROM allocation a
              WHERE a.line_id = l.id AND a.status IN """
          + TAKEN
          + """
          )
      FROM order_line l
      JOIN sales_order o ON o.id = l.order_id
      LEFT JOIN customer c ON c.id = o.customer_id
      WHERE l.tenant_id = ? AND l.status = 'OPEN' AND o.status IN ('OPEN', 'ALLOCATED')""";

  private static final String LIVE_COLUMNS =
      "id, order_id, line_id, product_id, unit_id, gtin, serial, lot_id, location_id, quantity, status";

  private final JdbcClient db;
  private final Database database;

  AllocationRows(JdbcClient db, Database database) {
    this.db = db;
    this.database = database;
  }

  /**
   * Within an allocation's transaction: what each of these lines has taken now, its row locked
   * until the transaction ends (on PostgreSQL, in line order so that two runs never wait on each
   * other crosswise; on SQLite the write transaction already holds the one write lock), so that a
   * run that read a line's need before another run committed sees that run's allocations here.
   */
  Map<Long, Long> lockTaken(List<Long> lineIds) {
    List<Long> sorted = lineIds.stream().distinct().sorted().toList();
    String lock = database == Database.POSTGRESQL ? " FOR UPDATE" : "";
    Map<Long, Long> taken = new HashMap<>();
    for (List<Long> chunk : InList.chunks(sorted, 500)) {
      db.sql(
              "SELECT id FROM order_line WHERE id IN ("
                  + InList.marks(chunk.size())
                  + ") ORDER BY id"
                  + lock)
          .params(new ArrayList<>(chunk))
          .query(Long.class)
          .list();
      db.sql(
              "SELECT line_id, SUM(quantity) FROM allocation WHERE status IN "
                  + TAKEN
                  + " AND line_id IN ("
                  + InList.marks(chunk.size())
                  + ") GROUP BY line_id")
          .params(new ArrayList<>(chunk))
          .query((rs, n) -> taken.put(rs.getLong(1), rs.getLong(2)))
          .list();
    }
    return taken;
  }

  /** Open lines of these orders that are not fully allocated, in order and line order. */
  List<Need> needsOfOrders(long tenantId, List<Long> orderIds) {
    List<Need> found = new ArrayList<>();
    for (List<Long> chunk : InList.chunks(orderIds, 500)) {
      found.addAll(
          db.sql(
                  NEED
                      + " AND l.order_id IN ("
                      + InList.marks(chunk.size())
                      + ") ORDER BY l.order_id, l.line_no")
              .params(InList.concat(tenantId, chunk))
              .query(AllocationRows::need)
              .list());
    }
    found.removeIf(n -> n.missing() <= 0);
    return found;
  }

  /** Orders waiting for goods (back orders) with a line of one of these products, oldest first. */
  List<Long> backOrders(long tenantId, List<Long> productIds, int limit) {
    if (productIds.isEmpty()) {
      return List.of();
    }
    List<Object> params = new ArrayList<>();
    params.add(tenantId);
    params.addAll(productIds);
    params.add(limit);
    return db.sql(
            "SELECT DISTINCT o.id FROM sales_order o JOIN order_line l ON l.order_id = o.id"
                + " WHERE o.tenant_id = ? AND o.status = 'OPEN' AND l.status = 'OPEN' AND l.product_id IN ("
                + InList.marks(productIds.size())
                + ") ORDER BY o.id LIMIT ?")
        .params(params)
        .query(Long.class)
        .list();
  }

  /** A unit ({@code unitId}, GTIN and serial) or a lot quantity reserved for a line. */
  record NewAllocation(
      Need line,
      Long unitId,
      String gtin,
      String serial,
      LotId lot,
      long locationId,
      long quantity) {}

  /** The allocations one ledger event ({@code eventId}) reserved, in one multi-row insert. */
  void insert(long tenantId, List<NewAllocation> allocations, long eventId, long now) {
    List<Object[]> rows = new ArrayList<>(allocations.size());
    for (NewAllocation a : allocations) {
      rows.add(
          new Object[] {
            tenantId,
            a.line().orderId(),
            a.line().lineId(),
            a.line().productId(),
            a.unitId(),
            a.gtin(),
            a.serial(),
            a.lot() == null ? null : a.lot().value(),
            a.locationId(),
            a.quantity(),
            "ALLOCATED",
            eventId,
            now,
            now
          });
    }
    MultiRowInsert.insert(
        db,
        "allocation",
        List.of(
            "tenant_id",
            "order_id",
            "line_id",
            "product_id",
            "unit_id",
            "gtin",
            "serial",
            "lot_id",
            "location_id",
            "quantity",
            "status",
            "allocated_event",
            "created_at",
            "updated_at"),
        rows,
        null);
  }

  /**
   * Sets each order's status from its lines: ALLOCATED when every open line is fully allocated,
   * else OPEN (a back order). Only orders not yet picking are touched.
   */
  void settleStatus(long tenantId, List<Long> orderIds, long now) {
    for (List<Long> chunk : InList.chunks(orderIds, 500)) {
      List<Object> params = new ArrayList<>(List.of(now, tenantId));
      params.addAll(chunk);
      db.sql(
              """
              UPDATE sales_order SET updated_at = ?, status = CASE WHEN EXISTS (
                SELECT 1 FROM order_line l WHERE l.order_id = sales_order.id AND l.status = 'OPEN'
                AND l.quantity > (SELECT COALESCE(SUM(a.quantity), 0) FROM allocation a
                                  WHERE a.line_id = l.id AND a.status IN """
                  + TAKEN
                  + """
                  )) THEN 'OPEN' ELSE 'ALLOCATED' END
              WHERE tenant_id = ? AND status IN ('OPEN', 'ALLOCATED') AND id IN ("""
                  + InList.marks(chunk.size())
                  + ")")
          .params(params)
          .update();
    }
  }

  /** Live allocations of these lines of an order (all lines when {@code lineIds} is empty). */
  List<Live> live(long tenantId, long orderId, List<Long> lineIds) {
    List<Object> params = new ArrayList<>(List.of(tenantId, orderId));
    String lines = "";
    if (!lineIds.isEmpty()) {
      lines = " AND line_id IN (" + InList.marks(lineIds.size()) + ")";
      params.addAll(lineIds);
    }
    return db.sql(
            "SELECT "
                + LIVE_COLUMNS
                + " FROM allocation WHERE tenant_id = ? AND order_id = ? AND status IN "
                + LIVE
                + lines
                + " ORDER BY id")
        .params(params)
        .query(AllocationRows::live)
        .list();
  }

  /** Live allocations of these units, in id order. */
  List<Live> liveOfUnits(long tenantId, List<Long> unitIds) {
    List<Live> found = new ArrayList<>();
    for (List<Long> chunk : InList.chunks(unitIds, 500)) {
      found.addAll(
          db.sql(
                  "SELECT "
                      + LIVE_COLUMNS
                      + " FROM allocation WHERE tenant_id = ? AND status IN "
                      + LIVE
                      + " AND unit_id IN ("
                      + InList.marks(chunk.size())
                      + ") ORDER BY id")
              .params(InList.concat(tenantId, chunk))
              .query(AllocationRows::live)
              .list());
    }
    return found;
  }

  /** Live allocations of counted stock of these lots of a product, in id order. */
  List<Live> liveOfLots(long tenantId, long productId, List<Long> lotIds) {
    if (lotIds.isEmpty()) {
      return List.of();
    }
    List<Object> params = new ArrayList<>(List.of(tenantId, productId));
    params.addAll(lotIds);
    return db.sql(
            "SELECT "
                + LIVE_COLUMNS
                + " FROM allocation WHERE tenant_id = ? AND product_id = ? AND unit_id IS NULL AND status IN "
                + LIVE
                + " AND lot_id IN ("
                + InList.marks(lotIds.size())
                + ") ORDER BY id")
        .params(params)
        .query(AllocationRows::live)
        .list();
  }

  /**
   * Orders allocated or picked whose open lines no longer have all they need go back to OPEN, so
   * that allocation takes them up again.
   */
  void reopen(long tenantId, List<Long> orderIds, long now) {
    for (List<Long> chunk : InList.chunks(orderIds, 500)) {
      List<Object> params = new ArrayList<>(List.of(now, tenantId));
      params.addAll(chunk);
      db.sql(
              """
              UPDATE sales_order SET status = 'OPEN', updated_at = ?
              WHERE tenant_id = ? AND status IN ('ALLOCATED', 'PICKED') AND EXISTS (
                SELECT 1 FROM order_line l WHERE l.order_id = sales_order.id AND l.status = 'OPEN'
                AND l.quantity > (SELECT COALESCE(SUM(a.quantity), 0) FROM allocation a
                                  WHERE a.line_id = l.id AND a.status IN """
                  + TAKEN
                  + """
                  )) AND id IN ("""
                  + InList.marks(chunk.size())
                  + ")")
          .params(params)
          .update();
    }
  }

  /** Marks allocations with a new status, only where they still have {@code from}. */
  int mark(List<Long> ids, String from, String to, long now) {
    int n = 0;
    for (List<Long> chunk : InList.chunks(ids, 500)) {
      List<Object> params = new ArrayList<>(List.of(to, now, from));
      params.addAll(chunk);
      n +=
          db.sql(
                  "UPDATE allocation SET status = ?, updated_at = ? WHERE status = ? AND id IN ("
                      + InList.marks(chunk.size())
                      + ")")
              .params(params)
              .update();
    }
    return n;
  }

  /**
   * Splits {@code quantity} off a counted allocation into a row of its own with {@code status}, at
   * {@code locationId} (null: where it is) and in {@code cartonId} (null: none); the rest stays
   * where it was, and an allocation split off entirely is left RELEASED with nothing in it.
   */
  void split(
      long allocationId, long quantity, String status, Long locationId, Long cartonId, long now) {
    db.sql(
            """
            INSERT INTO allocation (tenant_id, order_id, line_id, product_id, unit_id, gtin, serial, lot_id, location_id,
                                    quantity, status, pick_list_id, picked_to, carton_id, allocated_event, created_at, updated_at)
            SELECT tenant_id, order_id, line_id, product_id, unit_id, gtin, serial, lot_id, COALESCE(?, location_id),
                   ?, ?, pick_list_id, CASE WHEN ? = 'PICKED' THEN ? ELSE picked_to END, ?, allocated_event, created_at, ?
            FROM allocation WHERE id = ?""")
        .params(locationId, quantity, status, status, locationId, cartonId, now, allocationId)
        .update();
    db.sql(
            "UPDATE allocation SET quantity = quantity - ?, updated_at = ?, status = CASE WHEN quantity = ? THEN 'RELEASED' ELSE status END WHERE id = ?")
        .params(quantity, now, quantity, allocationId)
        .update();
  }

  static Live live(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
    return new Live(
        rs.getLong(1),
        rs.getLong(2),
        rs.getLong(3),
        rs.getLong(4),
        Rows.longOrNull(rs, 5),
        rs.getString(6),
        rs.getString(7),
        Rows.longOrNull(rs, 8),
        rs.getLong(9),
        rs.getLong(10),
        rs.getString(11));
  }

  private static Need need(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
    return new Need(
        rs.getLong(1),
        rs.getLong(2),
        rs.getLong(3),
        rs.getLong(4),
        Rows.longOrNull(rs, 5),
        rs.getString(6),
        rs.getString(7),
        rs.getLong(8),
        Rows.intOrNull(rs, 9),
        rs.getLong(10));
  }
}
