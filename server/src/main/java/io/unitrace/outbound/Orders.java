package io.unitrace.outbound;

import io.unitrace.catalog.Catalog;
import io.unitrace.catalog.Lot;
import io.unitrace.catalog.LotId;
import io.unitrace.catalog.Product;
import io.unitrace.catalog.ProductId;
import io.unitrace.facility.Facility;
import io.unitrace.shared.CursorPage;
import io.unitrace.shared.Problem;
import io.unitrace.shared.Rows;
import io.unitrace.shared.Times;
import io.unitrace.tenancy.TenantScope;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Reading channel orders: {@link #find} loads one with its lines as the rest of outbound works with
 * it (ids, no codes), the views answer the API (codes resolved through the catalog and the
 * facility, one call per order or page). Every query is scoped to the client.
 */
@Service
class Orders {

  static final Set<String> STATUSES =
      Set.of("OPEN", "ALLOCATED", "PICKED", "PACKED", "SHIPPED", "CANCELLED");

  /** A line as the API shows it; {@code effectiveMinShelfLifeDays} is line, order or customer's. */
  record LineView(
      long id,
      int lineNo,
      String sku,
      String gtin,
      String lot,
      String serial,
      long quantity,
      Integer minShelfLifeDays,
      Integer effectiveMinShelfLifeDays,
      String status,
      String cancelReason) {}

  record OrderView(
      long id,
      String channel,
      String channelOrderId,
      String warehouse,
      String customer,
      Order.Party soldTo,
      Order.Party shipTo,
      LocalDate requestedShipDate,
      Integer minShelfLifeDays,
      String status,
      String cancelReason,
      Instant createdAt,
      List<LineView> lines) {}

  record OrderSummary(
      long id,
      String channel,
      String channelOrderId,
      String warehouse,
      String customer,
      String soldTo,
      LocalDate requestedShipDate,
      String status,
      Instant createdAt,
      int lines) {}

  private static final String ORDER_COLUMNS =
      """
      o.id, c.code, o.channel_order_id, o.warehouse_id, o.customer_id, cu.min_shelf_life_days,
      o.min_shelf_life_days, o.sold_to_name, o.sold_to_address, o.sold_to_gln, o.ship_to_name,
      o.ship_to_address, o.ship_to_gln, o.requested_ship_date, o.status, cu.code, o.cancel_reason,
      o.created_at
      FROM sales_order o
      JOIN sales_channel c ON c.id = o.channel_id
      LEFT JOIN customer cu ON cu.id = o.customer_id
      """;

  /** The header row and what only the views show. */
  private record Header(Order order, String customerCode, String cancelReason, long createdAt) {}

  private final JdbcClient db;
  private final Catalog catalog;
  private final Facility facility;

  Orders(JdbcClient db, Catalog catalog, Facility facility) {
    this.db = db;
    this.catalog = catalog;
    this.facility = facility;
  }

  /**
   * The order {@code id} of the scope's client with its lines in line order, cancelled included.
   */
  Optional<Order> find(TenantScope scope, long id) {
    return header(scope.tenantId(), id).map(h -> withLines(scope.tenantId(), h.order()));
  }

  /** The id of the client's order {@code channelOrderId} on channel {@code channelId}. */
  Optional<Long> idOnChannel(long tenantId, long channelId, String channelOrderId) {
    return db.sql(
            "SELECT id FROM sales_order WHERE tenant_id = ? AND channel_id = ? AND channel_order_id = ?")
        .params(tenantId, channelId, channelOrderId)
        .query(Long.class)
        .optional();
  }

  Optional<OrderView> view(TenantScope scope, long id) {
    return header(scope.tenantId(), id).map(h -> view(scope.tenantId(), h));
  }

  Optional<OrderView> viewOnChannel(TenantScope scope, String channel, String channelOrderId) {
    return db.sql(
            """
            SELECT o.id FROM sales_order o JOIN sales_channel c ON c.id = o.channel_id
            WHERE o.tenant_id = ? AND c.tenant_id = ? AND c.code = ? AND o.channel_order_id = ?""")
        .params(scope.tenantId(), scope.tenantId(), channel, channelOrderId)
        .query(Long.class)
        .optional()
        .flatMap(id -> view(scope, id));
  }

  /** The client's orders by id, optionally of one status and one channel (by code). */
  CursorPage<OrderSummary> list(
      TenantScope scope, String status, String channel, String cursor, int limit) {
    if (status != null && !status.isBlank() && !STATUSES.contains(status)) {
      throw Problem.badRequest(
          "invalid-parameter", "status", "status is one of " + STATUSES.stream().sorted().toList());
    }
    List<Object> params = new ArrayList<>();
    StringBuilder where = new StringBuilder("o.tenant_id = ? AND o.id > ?");
    params.add(scope.tenantId());
    params.add(CursorPage.decode(cursor));
    if (status != null && !status.isBlank()) {
      where.append(" AND o.status = ?");
      params.add(status);
    }
    if (channel != null && !channel.isBlank()) {
      where.append(" AND c.code = ?");
      params.add(channel.strip());
    }
    params.add(limit + 1);
    List<Header> rows =
        db.sql("SELECT " + ORDER_COLUMNS + " WHERE " + where + " ORDER BY o.id LIMIT ?")
            .params(params)
            .query(Orders::header)
            .list();
    Map<Long, Integer> lineCounts = lineCounts(scope.tenantId(), rows);
    Map<Long, String> warehouses = warehouseCodes();
    return CursorPage.of(rows, limit, h -> h.order().id())
        .map(
            h ->
                new OrderSummary(
                    h.order().id(),
                    h.order().channel(),
                    h.order().channelOrderId(),
                    warehouses.get(h.order().warehouseId()),
                    h.customerCode(),
                    h.order().soldTo().name(),
                    h.order().requestedShipDate(),
                    h.order().status(),
                    Instant.ofEpochMilli(h.createdAt()),
                    lineCounts.getOrDefault(h.order().id(), 0)));
  }

  private Map<Long, Integer> lineCounts(long tenantId, List<Header> rows) {
    if (rows.isEmpty()) {
      return Map.of();
    }
    long from = rows.get(0).order().id();
    long to = rows.get(rows.size() - 1).order().id();
    return db
        .sql(
            """
            SELECT order_id, count(*) FROM order_line WHERE tenant_id = ? AND order_id BETWEEN ? AND ?
            GROUP BY order_id""")
        .params(tenantId, from, to)
        .query((rs, n) -> Map.entry(rs.getLong(1), rs.getInt(2)))
        .list()
        .stream()
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  }

  private Optional<Header> header(long tenantId, long id) {
    return db.sql("SELECT " + ORDER_COLUMNS + " WHERE o.tenant_id = ? AND o.id = ?")
        .params(tenantId, id)
        .query(Orders::header)
        .optional();
  }

  private static Header header(ResultSet rs, int n) throws SQLException {
    Order order =
        new Order(
            rs.getLong(1),
            rs.getString(2),
            rs.getString(3),
            rs.getLong(4),
            Rows.longOrNull(rs, 5),
            Rows.intOrNull(rs, 6),
            Rows.intOrNull(rs, 7),
            new Order.Party(rs.getString(8), rs.getString(9), rs.getString(10)),
            new Order.Party(rs.getString(11), rs.getString(12), rs.getString(13)),
            Times.date(rs.getString(14)),
            rs.getString(15),
            List.of());
    return new Header(order, rs.getString(16), rs.getString(17), rs.getLong(18));
  }

  private record LineRow(Order.Line line, String cancelReason) {}

  private List<LineRow> lineRows(long tenantId, long orderId) {
    return db.sql(
            """
            SELECT id, line_no, product_id, lot_id, gtin, serial, quantity, min_shelf_life_days, status,
                   cancel_reason
            FROM order_line WHERE tenant_id = ? AND order_id = ? ORDER BY line_no""")
        .params(tenantId, orderId)
        .query(
            (rs, n) ->
                new LineRow(
                    new Order.Line(
                        rs.getLong(1),
                        rs.getInt(2),
                        rs.getLong(3),
                        Rows.longOrNull(rs, 4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getLong(7),
                        Rows.intOrNull(rs, 8),
                        rs.getString(9)),
                    rs.getString(10)))
        .list();
  }

  private Order withLines(long tenantId, Order o) {
    List<Order.Line> lines = lineRows(tenantId, o.id()).stream().map(LineRow::line).toList();
    return new Order(
        o.id(),
        o.channel(),
        o.channelOrderId(),
        o.warehouseId(),
        o.customerId(),
        o.customerMinShelfLifeDays(),
        o.minShelfLifeDays(),
        o.soldTo(),
        o.shipTo(),
        o.requestedShipDate(),
        o.status(),
        lines);
  }

  private OrderView view(long tenantId, Header h) {
    Order o = h.order();
    List<LineRow> rows = lineRows(tenantId, o.id());
    // SKUs and lot codes of the whole order from the catalog in two calls.
    Map<ProductId, Product> products =
        catalog.products(
            tenantId, rows.stream().map(r -> new ProductId(r.line().productId())).toList());
    Map<LotId, Lot> lots =
        catalog.lotsById(
            tenantId,
            rows.stream()
                .filter(r -> r.line().lotId() != null)
                .map(r -> new LotId(r.line().lotId()))
                .toList());
    List<LineView> lines = new ArrayList<>(rows.size());
    for (LineRow r : rows) {
      Order.Line l = r.line();
      Product p = products.get(new ProductId(l.productId()));
      Lot lot = l.lotId() == null ? null : lots.get(new LotId(l.lotId()));
      var effective = o.minShelfLifeDays(l);
      lines.add(
          new LineView(
              l.id(),
              l.lineNo(),
              p == null ? null : p.sku(),
              l.gtin(),
              lot == null ? null : lot.code(),
              l.serial(),
              l.quantity(),
              l.minShelfLifeDays(),
              effective.isPresent() ? effective.getAsInt() : null,
              l.status(),
              r.cancelReason()));
    }
    return new OrderView(
        o.id(),
        o.channel(),
        o.channelOrderId(),
        warehouseCodes().get(o.warehouseId()),
        h.customerCode(),
        o.soldTo(),
        o.shipTo(),
        o.requestedShipDate(),
        o.minShelfLifeDays(),
        o.status(),
        h.cancelReason(),
        Instant.ofEpochMilli(h.createdAt()),
        lines);
  }

  /** Warehouses are few and the operator's: all of them, by id. */
  private Map<Long, String> warehouseCodes() {
    return facility.warehouses().stream()
        .collect(Collectors.toMap(Facility.Warehouse::id, Facility.Warehouse::code));
  }
}
