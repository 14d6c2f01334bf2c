package io.unitrace.inbound;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Purchase orders and ASNs as the rest of inbound reads them (receiving checks a scan against what
 * was ordered and announced). Read-only and small on purpose: writing goes through {@link
 * Purchasing} and {@link Asns}. Every query is scoped to the tenant.
 */
@Service
public class PurchaseOrders {

  /** A purchase order with its lines in line order; {@code status} is OPEN on creation. */
  public record PurchaseOrder(
      long id, String number, String vendor, String vendorGln, String status, List<Line> lines) {}

  /** One ordered product; {@code quantity} is in units of the product. */
  public record Line(long id, int lineNo, long productId, String sku, int quantity) {}

  /** An advance ship notice and the purchase order it ships against. */
  public record Asn(long id, String number, long poId, String poNumber) {}

  private final JdbcClient db;

  PurchaseOrders(JdbcClient db) {
    this.db = db;
  }

  public Optional<PurchaseOrder> byNumber(long tenantId, String number) {
    return db.sql(
            "SELECT id, number, vendor, vendor_gln, status FROM purchase_order WHERE tenant_id = ? AND number = ?")
        .params(tenantId, number)
        .query(
            (rs, n) ->
                new PurchaseOrder(
                    rs.getLong(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getString(5),
                    List.of()))
        .optional()
        .map(
            po ->
                new PurchaseOrder(
                    po.id(),
                    po.number(),
                    po.vendor(),
                    po.vendorGln(),
                    po.status(),
                    lines(tenantId, po.id())));
  }

  public Optional<Asn> asnByNumber(long tenantId, String number) {
    return db.sql(
            """
            SELECT a.id, a.number, a.po_id, p.number FROM asn a JOIN purchase_order p ON p.id = a.po_id AND p.tenant_id = a.tenant_id
            WHERE a.tenant_id = ? AND a.number = ?""")
        .params(tenantId, number)
        .query((rs, n) -> new Asn(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4)))
        .optional();
  }

  private List<Line> lines(long tenantId, long poId) {
    return db.sql(
            """
            SELECT l.id, l.line_no, l.product_id, p.sku, l.quantity
            FROM po_line l JOIN product p ON p.id = l.product_id AND p.tenant_id = l.tenant_id
            WHERE l.tenant_id = ? AND l.po_id = ? ORDER BY l.line_no""")
        .params(tenantId, poId)
        .query(
            (rs, n) ->
                new Line(rs.getLong(1), rs.getInt(2), rs.getLong(3), rs.getString(4), rs.getInt(5)))
        .list();
  }
}
