package io.unitrace.inbound;

import io.unitrace.catalog.Catalog;
import io.unitrace.catalog.Product;
import io.unitrace.catalog.ProductId;
import java.util.List;
import java.util.Map;
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
  private final Catalog catalog;

  PurchaseOrders(JdbcClient db, Catalog catalog) {
    this.db = db;
    this.catalog = catalog;
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
    record Row(long id, int lineNo, long productId, int quantity) {}
    List<Row> rows =
        db.sql(
                """
            SELECT id, line_no, product_id, quantity
            FROM po_line WHERE tenant_id = ? AND po_id = ? ORDER BY line_no""")
            .params(tenantId, poId)
            .query((rs, n) -> new Row(rs.getLong(1), rs.getInt(2), rs.getLong(3), rs.getInt(4)))
            .list();
    // The lines' SKUs from the catalog in one call for the whole order.
    Map<ProductId, Product> products =
        catalog.products(tenantId, rows.stream().map(r -> new ProductId(r.productId())).toList());
    return rows.stream()
        .filter(r -> products.containsKey(new ProductId(r.productId())))
        .map(
            r ->
                new Line(
                    r.id(),
                    r.lineNo(),
                    r.productId(),
                    products.get(new ProductId(r.productId())).sku(),
                    r.quantity()))
        .toList();
  }
}
