package io.unitrace.outbound;

import io.unitrace.shared.InList;
import io.unitrace.tenancy.TenantScope;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * What was sold and shipped, for the modules that deal with goods after they left: the sale of a
 * unit (order, channel and its return window, sold-to customer, ship date, warranty end) and the
 * shipped lines of an order. Returns are counted against a sale here, never beyond what shipped.
 */
@Service
public class Sales {

  /**
   * One shipped allocation: a unit ({@code unitId}, {@code gtin}, {@code serial}) or a quantity of
   * a lot. {@code customer} is the customer's code, {@code soldTo} the sold-to name on the order.
   */
  public record Sale(
      long allocationId,
      long orderId,
      String order,
      String channel,
      Integer returnDays,
      String customer,
      String soldTo,
      LocalDate shipDate,
      LocalDate warrantyUntil,
      long productId,
      Long unitId,
      String gtin,
      String serial,
      Long lotId,
      long quantity,
      long returned) {

    /** How much of it may still come back. */
    public long returnable() {
      return quantity - returned;
    }
  }

  /** An order as the returns desk names it. */
  public record OrderRef(long id, String order, String channel, String customer, String soldTo) {}

  private static final String SALE =
      """
      SELECT a.id, a.order_id, o.channel_order_id, c.code, c.return_days, cu.code, o.sold_to_name,
             (SELECT MAX(s.ship_date) FROM carton ca JOIN shipment s ON s.id = ca.shipment_id
               WHERE ca.id = a.carton_id),
             a.warranty_until, a.product_id, a.unit_id, a.gtin, a.serial, a.lot_id, a.quantity,
             a.returned_quantity
      FROM allocation a
      JOIN sales_order o ON o.id = a.order_id
      JOIN sales_channel c ON c.id = o.channel_id
      LEFT JOIN customer cu ON cu.id = o.customer_id
      """;

  private final JdbcClient db;

  Sales(JdbcClient db) {
    this.db = db;
  }

  /** The last sale of a unit: the latest shipped allocation that names it. */
  public Optional<Sale> ofUnit(long tenantId, long unitId) {
    return db.sql(
            SALE
                + " WHERE a.tenant_id = ? AND a.unit_id = ? AND a.status = 'SHIPPED'"
                + " ORDER BY a.id DESC LIMIT 1")
        .params(tenantId, unitId)
        .query((rs, n) -> sale(rs))
        .optional();
  }

  /**
   * The last sale of each of these units (units never shipped left out): a unit shipped, returned
   * and shipped again answers its latest sale only.
   */
  public List<Sale> ofUnits(long tenantId, List<Long> unitIds) {
    Map<Long, Sale> last = new LinkedHashMap<>();
    for (List<Long> chunk : InList.chunks(unitIds, 500)) {
      db.sql(
              SALE
                  + " WHERE a.tenant_id = ? AND a.status = 'SHIPPED' AND a.unit_id IN ("
                  + InList.marks(chunk.size())
                  + ") ORDER BY a.id")
          .params(InList.concat(tenantId, chunk))
          .query((rs, n) -> sale(rs))
          .list()
          .forEach(sale -> last.put(sale.unitId(), sale));
    }
    return List.copyOf(last.values());
  }

  /**
   * A unit held for an order and not yet shipped: {@code status} ALLOCATED, PICKED or PACKED, the
   * order as its channel names it.
   */
  public record Reserved(long unitId, long orderId, String order, String channel, String status) {}

  /** The live allocations of these units (units on no order left out): 500 ids a statement. */
  public List<Reserved> reservedFor(long tenantId, List<Long> unitIds) {
    List<Reserved> found = new ArrayList<>();
    for (List<Long> chunk : InList.chunks(unitIds, 500)) {
      found.addAll(
          db.sql(
                  """
                  SELECT a.unit_id, a.order_id, o.channel_order_id, c.code, a.status
                  FROM allocation a
                  JOIN sales_order o ON o.id = a.order_id
                  JOIN sales_channel c ON c.id = o.channel_id
                  WHERE a.tenant_id = ? AND a.status IN ('ALLOCATED', 'PICKED', 'PACKED')
                    AND a.unit_id IN ("""
                      + InList.marks(chunk.size())
                      + ")")
              .params(InList.concat(tenantId, chunk))
              .query(
                  (rs, n) ->
                      new Reserved(
                          rs.getLong(1),
                          rs.getLong(2),
                          rs.getString(3),
                          rs.getString(4),
                          rs.getString(5)))
              .list());
    }
    return found;
  }

  /**
   * A page of the counted goods of some lots of a product that were shipped (quantities of a lot,
   * not units), in allocation order after {@code afterAllocationId}: who received how much of which
   * lot, on which order and when. 500 lots a statement.
   */
  public List<Sale> shippedOfLots(
      long tenantId, long productId, List<Long> lotIds, long afterAllocationId, int limit) {
    if (lotIds.isEmpty()) {
      return List.of();
    }
    List<Sale> found = new ArrayList<>();
    for (List<Long> chunk : InList.chunks(lotIds, 500)) {
      List<Object> params = new ArrayList<>(List.of(tenantId, productId, afterAllocationId));
      params.addAll(chunk);
      params.add(limit);
      found.addAll(
          db.sql(
                  SALE
                      + " WHERE a.tenant_id = ? AND a.product_id = ? AND a.status = 'SHIPPED'"
                      + " AND a.unit_id IS NULL AND a.id > ? AND a.lot_id IN ("
                      + InList.marks(chunk.size())
                      + ") ORDER BY a.id LIMIT ?")
              .params(params)
              .query((rs, n) -> sale(rs))
              .list());
    }
    found.sort(Comparator.comparingLong(Sale::allocationId));
    return found.size() > limit ? List.copyOf(found.subList(0, limit)) : found;
  }

  /** Everything shipped on an order, in allocation order. */
  public List<Sale> ofOrder(long tenantId, long orderId) {
    return db.sql(
            SALE
                + " WHERE a.tenant_id = ? AND a.order_id = ? AND a.status = 'SHIPPED' ORDER BY a.id")
        .params(tenantId, orderId)
        .query((rs, n) -> sale(rs))
        .list();
  }

  /** An order by its channel's code and the channel's own order id. */
  public Optional<OrderRef> order(TenantScope scope, String channel, String channelOrderId) {
    return db.sql(
            """
            SELECT o.id, o.channel_order_id, c.code, cu.code, o.sold_to_name
            FROM sales_order o JOIN sales_channel c ON c.id = o.channel_id
            LEFT JOIN customer cu ON cu.id = o.customer_id
            WHERE o.tenant_id = ? AND c.code = ? AND o.channel_order_id = ?""")
        .params(scope.tenantId(), channel, channelOrderId)
        .query(
            (rs, n) ->
                new OrderRef(
                    rs.getLong(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getString(5)))
        .optional();
  }

  /**
   * Counts {@code quantity} of a sale as returned, in the caller's transaction; false when that
   * would be more than was shipped (another return got there first). The conditional update is what
   * keeps two clerks from returning the same goods twice.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public boolean countReturned(long tenantId, long allocationId, long quantity) {
    return db.sql(
                """
                UPDATE allocation SET returned_quantity = returned_quantity + ?
                WHERE tenant_id = ? AND id = ? AND status = 'SHIPPED'
                  AND returned_quantity + ? <= quantity""")
            .params(quantity, tenantId, allocationId, quantity)
            .update()
        == 1;
  }

  private static Sale sale(ResultSet rs) throws SQLException {
    return new Sale(
        rs.getLong(1),
        rs.getLong(2),
        rs.getString(3),
        rs.getString(4),
        rs.getObject(5) == null ? null : rs.getInt(5),
        rs.getString(6),
        rs.getString(7),
        date(rs.getString(8)),
        date(rs.getString(9)),
        rs.getLong(10),
        rs.getObject(11) == null ? null : rs.getLong(11),
        rs.getString(12),
        rs.getString(13),
        rs.getObject(14) == null ? null : rs.getLong(14),
        rs.getLong(15),
        rs.getLong(16));
  }

  private static LocalDate date(String text) {
    return text == null ? null : LocalDate.parse(text);
  }
}
