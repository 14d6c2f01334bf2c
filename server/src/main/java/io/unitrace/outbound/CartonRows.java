package io.unitrace.outbound;

import io.unitrace.shared.InList;
import io.unitrace.shared.Rows;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The SQL of packing and shipping: cartons, what is in them, shipments, the order's header. */
@Repository
class CartonRows {

  record Carton(
      long id, long orderId, String sscc, String station, String status, Long shipmentId) {}

  /** The order as packing and shipping need it. */
  public record OrderHead(
      long id,
      String channel,
      String channelOrderId,
      long warehouseId,
      String status,
      String soldToName,
      String soldToAddress,
      String soldToGln,
      String shipToName,
      String shipToAddress,
      String shipToGln) {}

  /** An order line with what is allocated, picked, packed and shipped of it. */
  record LineState(
      long lineId,
      int lineNo,
      long productId,
      Long lotId,
      String serial,
      long quantity,
      long allocated,
      long picked,
      long packed,
      long shipped) {}

  /** What is inside a carton, one allocation per row. */
  record Content(
      long allocationId,
      long lineId,
      long productId,
      Long unitId,
      String gtin,
      String serial,
      Long lotId,
      long locationId,
      long quantity,
      String status,
      String warrantyUntil) {}

  record Shipment(
      long id,
      long orderId,
      String carrier,
      String service,
      String tracking,
      String shipDate,
      long eventId,
      long shippedAt,
      String shippedBy) {}

  private final JdbcClient db;

  CartonRows(JdbcClient db) {
    this.db = db;
  }

  Optional<OrderHead> order(long tenantId, long orderId) {
    return db.sql(
            """
            SELECT o.id, c.code, o.channel_order_id, o.warehouse_id, o.status, o.sold_to_name, o.sold_to_address,
                   o.sold_to_gln, o.ship_to_name, o.ship_to_address, o.ship_to_gln
            FROM sales_order o JOIN sales_channel c ON c.id = o.channel_id
            WHERE o.tenant_id = ? AND o.id = ?""")
        .params(tenantId, orderId)
        .query(
            (rs, n) ->
                new OrderHead(
                    rs.getLong(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getLong(4),
                    rs.getString(5),
                    rs.getString(6),
                    rs.getString(7),
                    rs.getString(8),
                    rs.getString(9),
                    rs.getString(10),
                    rs.getString(11)))
        .optional();
  }

  List<LineState> lines(long tenantId, long orderId) {
    return db.sql(
            """
            SELECT l.id, l.line_no, l.product_id, l.lot_id, l.serial, l.quantity,
              COALESCE(SUM(CASE WHEN a.status = 'ALLOCATED' THEN a.quantity END), 0),
              COALESCE(SUM(CASE WHEN a.status = 'PICKED' THEN a.quantity END), 0),
              COALESCE(SUM(CASE WHEN a.status = 'PACKED' THEN a.quantity END), 0),
              COALESCE(SUM(CASE WHEN a.status = 'SHIPPED' THEN a.quantity END), 0)
            FROM order_line l LEFT JOIN allocation a ON a.line_id = l.id
            WHERE l.tenant_id = ? AND l.order_id = ? AND l.status = 'OPEN'
            GROUP BY l.id, l.line_no, l.product_id, l.lot_id, l.serial, l.quantity
            ORDER BY l.line_no""")
        .params(tenantId, orderId)
        .query(
            (rs, n) ->
                new LineState(
                    rs.getLong(1),
                    rs.getInt(2),
                    rs.getLong(3),
                    Rows.longOrNull(rs, 4),
                    rs.getString(5),
                    rs.getLong(6),
                    rs.getLong(7),
                    rs.getLong(8),
                    rs.getLong(9),
                    rs.getLong(10)))
        .list();
  }

  long insertCarton(long tenantId, long orderId, String sscc, String station, long now) {
    return db.sql(
            "INSERT INTO carton (tenant_id, order_id, sscc, station, status, created_at) VALUES (?, ?, ?, ?, 'OPEN', ?) RETURNING id")
        .params(tenantId, orderId, sscc, station, now)
        .query(Long.class)
        .single();
  }

  Optional<Carton> carton(long tenantId, String sscc) {
    return db.sql(
            "SELECT id, order_id, sscc, station, status, shipment_id FROM carton WHERE tenant_id = ? AND sscc = ?")
        .params(tenantId, sscc)
        .query(CartonRows::carton)
        .optional();
  }

  List<Carton> cartons(long tenantId, long orderId) {
    return db.sql(
            "SELECT id, order_id, sscc, station, status, shipment_id FROM carton WHERE tenant_id = ? AND order_id = ? ORDER BY id")
        .params(tenantId, orderId)
        .query(CartonRows::carton)
        .list();
  }

  void setCartonStatus(List<Long> cartonIds, String status, Long shipmentId) {
    for (List<Long> chunk : InList.chunks(cartonIds, 500)) {
      List<Object> params = new ArrayList<>(List.of(status, shipmentId == null ? -1L : shipmentId));
      params.addAll(chunk);
      db.sql(
              "UPDATE carton SET status = ?, shipment_id = NULLIF(?, -1) WHERE id IN ("
                  + InList.marks(chunk.size())
                  + ")")
          .params(params)
          .update();
    }
  }

  /** Allocations of an order in a status, optionally of one product, lot and unit-ness. */
  List<Content> allocations(long tenantId, long orderId, String status) {
    return db.sql(
            "SELECT id, line_id, product_id, unit_id, gtin, serial, lot_id, location_id, quantity, status, warranty_until FROM allocation WHERE tenant_id = ? AND order_id = ? AND status = ? ORDER BY id")
        .params(tenantId, orderId, status)
        .query(CartonRows::content)
        .list();
  }

  /** What is in the cartons: units by their allocation's carton, counted goods likewise. */
  List<Content> contents(long tenantId, List<Long> cartonIds) {
    List<Content> found = new ArrayList<>();
    for (List<Long> chunk : InList.chunks(cartonIds, 500)) {
      found.addAll(
          db.sql(
                  "SELECT id, line_id, product_id, unit_id, gtin, serial, lot_id, location_id, quantity, status, warranty_until, carton_id FROM allocation WHERE tenant_id = ? AND carton_id IN ("
                      + InList.marks(chunk.size())
                      + ") ORDER BY carton_id, id")
              .params(InList.concat(tenantId, chunk))
              .query(CartonRows::content)
              .list());
    }
    return found;
  }

  /** Carton of each allocation among {@code contents}' rows. */
  java.util.Map<Long, Long> cartonOf(long tenantId, List<Long> cartonIds) {
    java.util.Map<Long, Long> found = new java.util.HashMap<>();
    for (List<Long> chunk : InList.chunks(cartonIds, 500)) {
      db.sql(
              "SELECT id, carton_id FROM allocation WHERE tenant_id = ? AND carton_id IN ("
                  + InList.marks(chunk.size())
                  + ")")
          .params(InList.concat(tenantId, chunk))
          .query((rs, n) -> found.put(rs.getLong(1), rs.getLong(2)))
          .list();
    }
    return found;
  }

  /** Packs a whole picked allocation into a carton at {@code at}. */
  void packed(long allocationId, long cartonId, long at, long now) {
    db.sql(
            "UPDATE allocation SET status = 'PACKED', carton_id = ?, location_id = ?, updated_at = ? WHERE id = ? AND status = 'PICKED'")
        .params(cartonId, at, now, allocationId)
        .update();
  }

  void insertCartonStock(long tenantId, long cartonId, long allocationId, long quantity) {
    db.sql(
            "INSERT INTO carton_stock (tenant_id, carton_id, allocation_id, quantity) VALUES (?, ?, ?, ?)")
        .params(tenantId, cartonId, allocationId, quantity)
        .update();
  }

  void shipped(List<Long> allocationIds, java.util.Map<Long, String> warranty, long now) {
    // Set-based, one statement per warranty date and 500 rows: a statement per row made shipping a
    // 30,000-unit order 30,000 statements, each of which PostgreSQL may plan as a scan of every
    // live allocation (BENCHMARKS.md, "Outbound").
    java.util.Map<String, List<Long>> byWarranty = new java.util.LinkedHashMap<>();
    for (Long id : allocationIds) {
      byWarranty.computeIfAbsent(warranty.getOrDefault(id, ""), w -> new ArrayList<>()).add(id);
    }
    for (var group : byWarranty.entrySet()) {
      String until = group.getKey().isEmpty() ? null : group.getKey();
      for (List<Long> chunk : InList.chunks(group.getValue(), 500)) {
        List<Object> params = new ArrayList<>();
        params.add(until);
        params.add(now);
        params.addAll(chunk);
        db.sql(
                "UPDATE allocation SET status = 'SHIPPED', warranty_until = ?, updated_at = ? WHERE status = 'PACKED' AND id IN ("
                    + InList.marks(chunk.size())
                    + ")")
            .params(params)
            .update();
      }
    }
  }

  long insertShipment(
      long tenantId,
      long orderId,
      String carrier,
      String service,
      String tracking,
      String shipDate,
      long eventId,
      long now,
      String by,
      String requestKey) {
    return db.sql(
            """
            INSERT INTO shipment (tenant_id, order_id, carrier, service, tracking, ship_date, event_id, shipped_at, shipped_by, request_key)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""")
        .params(
            tenantId, orderId, carrier, service, tracking, shipDate, eventId, now, by, requestKey)
        .query(Long.class)
        .single();
  }

  Optional<Shipment> shipment(long tenantId, long id) {
    return db.sql(
            "SELECT id, order_id, carrier, service, tracking, ship_date, event_id, shipped_at, shipped_by FROM shipment WHERE tenant_id = ? AND id = ?")
        .params(tenantId, id)
        .query(
            (rs, n) ->
                new Shipment(
                    rs.getLong(1),
                    rs.getLong(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getString(5),
                    rs.getString(6),
                    rs.getLong(7),
                    rs.getLong(8),
                    rs.getString(9)))
        .optional();
  }

  Optional<Long> shipmentByKey(long tenantId, String requestKey) {
    return db.sql("SELECT id FROM shipment WHERE tenant_id = ? AND request_key = ?")
        .params(tenantId, requestKey)
        .query(Long.class)
        .optional();
  }

  List<Long> cartonsOfShipment(long tenantId, long shipmentId) {
    return db.sql("SELECT id FROM carton WHERE tenant_id = ? AND shipment_id = ? ORDER BY id")
        .params(tenantId, shipmentId)
        .query(Long.class)
        .list();
  }

  /** Sets the order's status (and a short-close reason) if it is still in {@code from}. */
  int orderStatus(long tenantId, long orderId, String from, String to, String reason, long now) {
    return db.sql(
            "UPDATE sales_order SET status = ?, short_reason = COALESCE(?, short_reason), updated_at = ? WHERE tenant_id = ? AND id = ? AND status = ?")
        .params(to, reason, now, tenantId, orderId, from)
        .update();
  }

  private static Carton carton(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
    return new Carton(
        rs.getLong(1),
        rs.getLong(2),
        rs.getString(3),
        rs.getString(4),
        rs.getString(5),
        Rows.longOrNull(rs, 6));
  }

  private static Content content(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
    return new Content(
        rs.getLong(1),
        rs.getLong(2),
        rs.getLong(3),
        Rows.longOrNull(rs, 4),
        rs.getString(5),
        rs.getString(6),
        Rows.longOrNull(rs, 7),
        rs.getLong(8),
        rs.getLong(9),
        rs.getString(10),
        rs.getString(11));
  }
}
