package io.unitrace.outbound;

import io.unitrace.shared.InList;
import io.unitrace.shared.Problem;
import io.unitrace.tenancy.TenantScope;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Cancelling an order, or one line of it, before it is packed. In one transaction: the order (or
 * line) becomes CANCELLED with its reason, and whatever allocation still holds for it is released
 * through {@link Allocation#releaseLines}, so the units and quantities are free to sell again.
 *
 * <p>Rules: a PACKED or SHIPPED order cannot be cancelled (the goods are in a carton or gone; that
 * is a return), nor a line with goods packed for it. Cancelling again answers the same: the first
 * reason stays. When the last open line of an order is cancelled, the order is cancelled too.
 */
@Service
class OrderCancellation {

  /** Allocation states in which goods are still held for a line. */
  private static final List<String> LIVE = List.of("ALLOCATED", "PICKED", "PACKED");

  private final JdbcClient db;
  private final Orders orders;
  private final Allocation allocation;
  private final Clock clock;

  OrderCancellation(JdbcClient db, Orders orders, Allocation allocation, Clock clock) {
    this.db = db;
    this.orders = orders;
    this.allocation = allocation;
    this.clock = clock;
  }

  @Transactional
  Order cancelOrder(TenantScope scope, long orderId, String reason) {
    scope.requireWrite();
    String why = reason(reason);
    Order order = lockedOrder(scope, orderId);
    if (Order.CANCELLED.equals(order.status())) {
      return order;
    }
    refuseWhenGoodsLeft(order);
    List<Long> lineIds = order.openLines().stream().map(Order.Line::id).toList();
    refuseWhenPacked(order, lineIds);
    long now = clock.millis();
    db.sql(
            """
            UPDATE sales_order SET status = 'CANCELLED', cancel_reason = ?, cancelled_at = ?, updated_at = ?
            WHERE tenant_id = ? AND id = ? AND status NOT IN ('CANCELLED', 'PACKED', 'SHIPPED')""")
        .params(why, now, now, scope.tenantId(), orderId)
        .update();
    cancelLines(scope, order, lineIds, why, now);
    return orders.find(scope, orderId).orElseThrow();
  }

  @Transactional
  Order cancelLine(TenantScope scope, long orderId, int lineNo, String reason) {
    scope.requireWrite();
    String why = reason(reason);
    Order order = lockedOrder(scope, orderId);
    Order.Line line =
        order.lines().stream()
            .filter(l -> l.lineNo() == lineNo)
            .findFirst()
            .orElseThrow(
                () ->
                    Problem.notFound(
                        "unknown-order-line", "order " + orderId + " has no line " + lineNo));
    if (!line.open()) {
      return order;
    }
    refuseWhenGoodsLeft(order);
    refuseWhenPacked(order, List.of(line.id()));
    long now = clock.millis();
    cancelLines(scope, order, List.of(line.id()), why, now);
    boolean lastOpenLine = order.openLines().size() == 1;
    if (lastOpenLine) {
      db.sql(
              """
              UPDATE sales_order SET status = 'CANCELLED', cancel_reason = ?, cancelled_at = ?, updated_at = ?
              WHERE tenant_id = ? AND id = ? AND status NOT IN ('CANCELLED', 'PACKED', 'SHIPPED')""")
          .params(why, now, now, scope.tenantId(), orderId)
          .update();
    } else {
      db.sql("UPDATE sales_order SET updated_at = ? WHERE tenant_id = ? AND id = ?")
          .params(now, scope.tenantId(), orderId)
          .update();
    }
    return orders.find(scope, orderId).orElseThrow();
  }

  /**
   * The order, read after taking its row's write lock (a no-op update), so a cancellation and a
   * packing or shipping of the same order follow one another instead of both reading "not packed".
   */
  private Order lockedOrder(TenantScope scope, long orderId) {
    int found =
        db.sql("UPDATE sales_order SET status = status WHERE tenant_id = ? AND id = ?")
            .params(scope.tenantId(), orderId)
            .update();
    if (found == 0) {
      throw Problem.notFound("unknown-order", "no order " + orderId);
    }
    return orders.find(scope, orderId).orElseThrow();
  }

  private static void refuseWhenGoodsLeft(Order order) {
    if (Order.SHIPPED.equals(order.status()) || Order.PACKED.equals(order.status())) {
      throw Problem.conflict(
              "order-" + order.status().toLowerCase(),
              null,
              "order "
                  + order.id()
                  + " is "
                  + order.status()
                  + ": its goods are packed or gone, so it cannot be cancelled (take a return instead)")
          .with("rule", "packed-or-shipped-order-cannot-be-cancelled");
    }
  }

  private void refuseWhenPacked(Order order, List<Long> lineIds) {
    if (lineIds.isEmpty()) {
      return;
    }
    List<Object> params = new ArrayList<>();
    params.add(order.id());
    params.addAll(lineIds);
    int packed =
        db.sql(
                "SELECT count(*) FROM allocation WHERE order_id = ? AND line_id IN ("
                    + InList.marks(lineIds.size())
                    + ") AND status IN ('PACKED', 'SHIPPED')")
            .params(params)
            .query(Integer.class)
            .single();
    if (packed > 0) {
      throw Problem.conflict(
              "line-packed",
              null,
              "goods for order " + order.id() + " are packed already; the line cannot be cancelled")
          .with("rule", "packed-line-cannot-be-cancelled");
    }
  }

  private void cancelLines(
      TenantScope scope, Order order, List<Long> lineIds, String reason, long now) {
    if (lineIds.isEmpty()) {
      return;
    }
    List<Object> params = new ArrayList<>();
    params.add(reason);
    params.add(now);
    params.add(scope.tenantId());
    params.add(order.id());
    params.addAll(lineIds);
    db.sql(
            "UPDATE order_line SET status = 'CANCELLED', cancel_reason = ?, cancelled_at = ?"
                + " WHERE tenant_id = ? AND order_id = ? AND status <> 'CANCELLED' AND id IN ("
                + InList.marks(lineIds.size())
                + ")")
        .params(params)
        .update();
    if (hasLiveAllocations(order.id(), lineIds)) {
      allocation.releaseLines(scope, order.id(), lineIds, reason);
    }
  }

  /** True when goods are still reserved, picked or packed for any of {@code lineIds}. */
  boolean hasLiveAllocations(long orderId, List<Long> lineIds) {
    if (lineIds.isEmpty()) {
      return false;
    }
    List<Object> params = new ArrayList<>();
    params.add(orderId);
    params.addAll(lineIds);
    params.addAll(LIVE);
    return db.sql(
                "SELECT count(*) FROM allocation WHERE order_id = ? AND line_id IN ("
                    + InList.marks(lineIds.size())
                    + ") AND status IN ("
                    + InList.marks(LIVE.size())
                    + ")")
            .params(params)
            .query(Integer.class)
            .single()
        > 0;
  }

  private static String reason(String reason) {
    if (reason == null || reason.isBlank() || reason.strip().length() > 500) {
      throw Problem.badRequest(
          "invalid-field", "reason", "a cancellation gives its reason (1-500 characters)");
    }
    return reason.strip();
  }
}
