package io.unitrace.outbound;

import io.unitrace.shared.InList;
import io.unitrace.shared.Rows;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The SQL of pick lists: the list, the allocations on it, and picking them off. */
@Repository
class PickListRows {

  record Head(
      long id,
      long warehouseId,
      String status,
      Long destinationId,
      String picker,
      long createdAt) {}

  /** An allocation on a list, with what a pick check needs of its line and order. */
  record Row(
      long allocationId,
      long orderId,
      String order,
      long lineId,
      long productId,
      Long unitId,
      String gtin,
      String serial,
      Long lotId,
      Long lineLotId,
      long locationId,
      long quantity,
      String status,
      Integer minShelfLifeDays) {}

  private final JdbcClient db;

  PickListRows(JdbcClient db) {
    this.db = db;
  }

  long create(long tenantId, long warehouseId, long destinationId, String picker, long now) {
    return db.sql(
            "INSERT INTO pick_list (tenant_id, warehouse_id, status, picker, created_at, destination_id) VALUES (?, ?, 'OPEN', ?, ?, ?) RETURNING id")
        .params(tenantId, warehouseId, picker, now, destinationId)
        .query(Long.class)
        .single();
  }

  /** Allocated orders of a warehouse whose allocations are on no list yet, oldest first. */
  List<Long> readyOrders(long tenantId, long warehouseId, int limit) {
    return db.sql(
            """
            SELECT o.id FROM sales_order o WHERE o.tenant_id = ? AND o.warehouse_id = ? AND o.status = 'ALLOCATED'
            AND EXISTS (SELECT 1 FROM allocation a WHERE a.order_id = o.id AND a.status = 'ALLOCATED' AND a.pick_list_id IS NULL)
            ORDER BY o.id LIMIT ?""")
        .params(tenantId, warehouseId, limit)
        .query(Long.class)
        .list();
  }

  /** Puts the orders' allocations that are on no list onto {@code listId}; how many. */
  int assign(long tenantId, long listId, List<Long> orderIds) {
    int n = 0;
    for (List<Long> chunk : InList.chunks(orderIds, 500)) {
      List<Object> params = new ArrayList<>(List.of(listId, tenantId));
      params.addAll(chunk);
      n +=
          db.sql(
                  "UPDATE allocation SET pick_list_id = ? WHERE tenant_id = ? AND status = 'ALLOCATED' AND pick_list_id IS NULL AND order_id IN ("
                      + InList.marks(chunk.size())
                      + ")")
              .params(params)
              .update();
    }
    return n;
  }

  Optional<Head> head(long tenantId, long listId) {
    return db.sql(
            "SELECT id, warehouse_id, status, destination_id, picker, created_at FROM pick_list WHERE tenant_id = ? AND id = ?")
        .params(tenantId, listId)
        .query(
            (rs, n) ->
                new Head(
                    rs.getLong(1),
                    rs.getLong(2),
                    rs.getString(3),
                    Rows.longOrNull(rs, 4),
                    rs.getString(5),
                    rs.getLong(6)))
        .optional();
  }

  /**
   * The list's allocations; with {@code locationId}, only those at that location (and, with {@code
   * unitId}, the one of that unit wherever it is).
   */
  List<Row> rows(long tenantId, long listId, Long locationId, Long unitId) {
    List<Object> params = new ArrayList<>(List.of(tenantId, listId));
    String where = "";
    if (locationId != null) {
      where = " AND (a.location_id = ? OR a.unit_id = ?)";
      params.add(locationId);
      params.add(unitId == null ? -1L : unitId);
    }
    return db.sql(
            """
            SELECT a.id, a.order_id, o.channel_order_id, a.line_id, a.product_id, a.unit_id, a.gtin, a.serial,
                   a.lot_id, l.lot_id, a.location_id, a.quantity, a.status,
                   COALESCE(l.min_shelf_life_days, o.min_shelf_life_days, c.min_shelf_life_days)
            FROM allocation a
            JOIN order_line l ON l.id = a.line_id
            JOIN sales_order o ON o.id = a.order_id
            LEFT JOIN customer c ON c.id = o.customer_id
            WHERE a.tenant_id = ? AND a.pick_list_id = ? AND a.status IN ('ALLOCATED', 'PICKED', 'PACKED', 'SHORT')"""
                + where
                + " ORDER BY a.id")
        .params(params)
        .query(
            (rs, n) ->
                new Row(
                    rs.getLong(1),
                    rs.getLong(2),
                    rs.getString(3),
                    rs.getLong(4),
                    rs.getLong(5),
                    Rows.longOrNull(rs, 6),
                    rs.getString(7),
                    rs.getString(8),
                    Rows.longOrNull(rs, 9),
                    Rows.longOrNull(rs, 10),
                    rs.getLong(11),
                    rs.getLong(12),
                    rs.getString(13),
                    Rows.intOrNull(rs, 14)))
        .list();
  }

  /** The locations where the list still has goods to pick. */
  List<Long> openLocations(long tenantId, long listId) {
    return db.sql(
            "SELECT DISTINCT location_id FROM allocation WHERE tenant_id = ? AND pick_list_id = ? AND status = 'ALLOCATED'")
        .params(tenantId, listId)
        .query(Long.class)
        .list();
  }

  /** The live allocation of a unit, with its order's channel order id. */
  Optional<PickCheck.Holder> holder(long tenantId, long unitId) {
    return db.sql(
            """
            SELECT a.id, a.order_id, o.channel_order_id, a.pick_list_id, a.status
            FROM allocation a JOIN sales_order o ON o.id = a.order_id
            WHERE a.tenant_id = ? AND a.unit_id = ? AND a.status IN """
                + AllocationRows.LIVE)
        .params(tenantId, unitId)
        .query(
            (rs, n) ->
                new PickCheck.Holder(
                    rs.getLong(1),
                    rs.getLong(2),
                    rs.getString(3),
                    Rows.longOrNull(rs, 4),
                    rs.getString(5)))
        .optional();
  }

  /** The live allocations of these units. */
  List<AllocationRows.Live> liveOfUnits(long tenantId, List<Long> unitIds) {
    List<AllocationRows.Live> found = new ArrayList<>();
    for (List<Long> chunk : InList.chunks(unitIds, 500)) {
      found.addAll(
          db.sql(
                  "SELECT id, order_id, line_id, product_id, unit_id, gtin, serial, lot_id, location_id, quantity, status FROM allocation WHERE tenant_id = ? AND status IN "
                      + AllocationRows.LIVE
                      + " AND unit_id IN ("
                      + InList.marks(chunk.size())
                      + ")")
              .params(InList.concat(tenantId, chunk))
              .query(AllocationRows::live)
              .list());
    }
    return found;
  }

  /** The allocation picked: it is now at {@code to}, still for its line. */
  void picked(List<Long> allocationIds, String status, long to, long now) {
    for (List<Long> chunk : InList.chunks(allocationIds, 500)) {
      List<Object> params = new ArrayList<>(List.of(status, to, to, now));
      params.addAll(chunk);
      db.sql(
              "UPDATE allocation SET status = ?, picked_to = ?, location_id = ?, updated_at = ? WHERE status = 'ALLOCATED' AND id IN ("
                  + InList.marks(chunk.size())
                  + ")")
          .params(params)
          .update();
    }
  }

  /** The allocation moves to the substitute unit, picked in its place. */
  void substituted(
      long allocationId, long unitId, String gtin, String serial, Long lotId, long to, long now) {
    db.sql(
            "UPDATE allocation SET unit_id = ?, gtin = ?, serial = ?, lot_id = ?, status = 'PICKED', picked_to = ?, location_id = ?, updated_at = ? WHERE id = ? AND status = 'ALLOCATED'")
        .params(unitId, gtin, serial, lotId, to, to, now, allocationId)
        .update();
  }

  void markShort(long allocationId, long now) {
    db.sql(
            "UPDATE allocation SET status = 'SHORT', updated_at = ? WHERE id = ? AND status = 'ALLOCATED'")
        .params(now, allocationId)
        .update();
  }

  /** The list is done when nothing on it is left to pick. */
  void settle(long tenantId, long listId) {
    db.sql(
            """
            UPDATE pick_list SET status = CASE WHEN EXISTS (
              SELECT 1 FROM allocation a WHERE a.pick_list_id = pick_list.id AND a.status = 'ALLOCATED')
              THEN 'OPEN' ELSE 'DONE' END
            WHERE tenant_id = ? AND id = ?""")
        .params(tenantId, listId)
        .update();
  }

  /** Orders whose every taken allocation is picked (or further) go PICKED. */
  void settleOrders(long tenantId, List<Long> orderIds, long now) {
    for (List<Long> chunk : InList.chunks(orderIds, 500)) {
      List<Object> params = new ArrayList<>(List.of(now, tenantId));
      params.addAll(chunk);
      db.sql(
              """
              UPDATE sales_order SET status = 'PICKED', updated_at = ?
              WHERE tenant_id = ? AND status = 'ALLOCATED' AND NOT EXISTS (
                SELECT 1 FROM allocation a WHERE a.order_id = sales_order.id AND a.status = 'ALLOCATED')
              AND id IN ("""
                  + InList.marks(chunk.size())
                  + ")")
          .params(params)
          .update();
    }
  }

  /** A carton row for a container picked whole: it ships as it is. */
  void containerAsCarton(long tenantId, long orderId, String sscc, long now) {
    db.sql(
            "INSERT INTO carton (tenant_id, order_id, sscc, station, status, created_at) VALUES (?, ?, ?, NULL, 'CLOSED', ?) ON CONFLICT (tenant_id, sscc) DO NOTHING")
        .params(tenantId, orderId, sscc, now)
        .update();
  }

  void setCarton(List<Long> allocationIds, long cartonId) {
    for (List<Long> chunk : InList.chunks(allocationIds, 500)) {
      List<Object> params = new ArrayList<>(List.of(cartonId));
      params.addAll(chunk);
      db.sql("UPDATE allocation SET carton_id = ? WHERE id IN (" + InList.marks(chunk.size()) + ")")
          .params(params)
          .update();
    }
  }

  Optional<Long> cartonId(long tenantId, String sscc) {
    return db.sql("SELECT id FROM carton WHERE tenant_id = ? AND sscc = ?")
        .params(tenantId, sscc)
        .query(Long.class)
        .optional();
  }
}
