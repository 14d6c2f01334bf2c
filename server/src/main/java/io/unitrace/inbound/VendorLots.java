package io.unitrace.inbound;

import io.unitrace.catalog.ProductId;
import io.unitrace.catalog.Serial;
import io.unitrace.gs1.Gtin;
import io.unitrace.ledger.UnitRef;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The supplier's own lot of what was received, as the rest of the product reads it: named at the
 * receipt scan, else announced on the ship notice item the receipt received. A supplier's recall
 * names its own lot; this answers which units and which of the site's lots came in under it, and
 * the other way round, which supplier lot a unit came in under. Every query is scoped to the
 * tenant.
 */
@Service
public class VendorLots {

  /** Counted goods received under a supplier lot: the product, the site's lot, how many. */
  public record ReceivedQuantity(ProductId product, String lot, long quantity) {}

  /** What came in under a supplier lot of one product. */
  public record Received(List<UnitRef> units, List<ReceivedQuantity> quantities) {

    public boolean isEmpty() {
      return units.isEmpty() && quantities.isEmpty();
    }
  }

  /**
   * One way goods of a site lot came in: the purchase order (and its vendor) and ship notice of the
   * receipt, the supplier's own lot where one was named, and how much.
   */
  public record Supply(
      String purchaseOrder, String vendor, String asn, String vendorLot, long quantity) {}

  // A received scan's supplier lot: its own, else the one its ship notice announced for the same
  // serial (or, for counted goods, the same GTIN and lot).
  private static final String ANNOUNCED =
      """
      (SELECT MIN(i.vendor_lot) FROM asn_item i
       WHERE i.asn_id = r.asn_id AND i.gtin = s.gtin AND i.vendor_lot IS NOT NULL
         AND (i.serial = s.serial OR (s.serial IS NULL AND i.serial IS NULL AND i.lot = s.lot)))""";

  private final JdbcClient db;

  VendorLots(JdbcClient db) {
    this.db = db;
  }

  /** The supplier lot a unit was received under, if its receipt or ship notice named one. */
  public Optional<String> ofUnit(long tenantId, UnitRef unit) {
    return db
        .sql(
            "SELECT COALESCE(s.vendor_lot, "
                + ANNOUNCED
                + ") FROM receipt_scan s JOIN receipt r ON r.id = s.receipt_id"
                + " WHERE s.gtin = ? AND s.serial = ? AND s.tenant_id = ? AND s.received = 1"
                + " ORDER BY s.id")
        .params(unit.gtin().value(), unit.serial().value(), tenantId)
        .query((rs, n) -> rs.getString(1))
        .list()
        .stream()
        .filter(v -> v != null)
        .findFirst();
  }

  /** How the goods of a site lot came in, per purchase order, ship notice and supplier lot. */
  public List<Supply> suppliesOf(long tenantId, ProductId product, String lot) {
    return db.sql(
            "SELECT po, vendor, asn, v, SUM(q) FROM (SELECT p.number AS po, p.vendor AS vendor,"
                + " a.number AS asn, COALESCE(s.vendor_lot, "
                + ANNOUNCED
                + ") AS v, s.quantity AS q FROM receipt_scan s JOIN receipt r ON r.id = s.receipt_id"
                + " LEFT JOIN purchase_order p ON p.id = r.po_id LEFT JOIN asn a ON a.id = r.asn_id"
                + " WHERE s.product_id = ? AND s.lot = ? AND s.tenant_id = ? AND s.received = 1) x"
                + " GROUP BY po, vendor, asn, v ORDER BY po, asn, v")
        .params(product.value(), lot, tenantId)
        .query(
            (rs, n) ->
                new Supply(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getLong(5)))
        .list();
  }

  /**
   * The units and counted quantities of a product received under a supplier lot: named at the scan,
   * or announced on the receipt's ship notice and not named otherwise at the scan.
   */
  public Received receivedUnder(long tenantId, ProductId product, String vendorLot) {
    String received =
        """
        FROM receipt_scan s JOIN receipt r ON r.id = s.receipt_id
        WHERE s.tenant_id = ? AND s.product_id = ? AND s.received = 1 AND (s.vendor_lot = ?
          OR (s.vendor_lot IS NULL
              AND r.asn_id IN (SELECT asn_id FROM asn_item WHERE tenant_id = ? AND vendor_lot = ?)
              AND\s"""
            + ANNOUNCED
            + " = ?))";
    Object[] params = {tenantId, product.value(), vendorLot, tenantId, vendorLot, vendorLot};
    List<UnitRef> units =
        db.sql(
                "SELECT DISTINCT s.gtin, s.serial "
                    + received
                    + " AND s.serial IS NOT NULL ORDER BY 2, 1")
            .params(params)
            .query((rs, n) -> new UnitRef(Gtin.parse(rs.getString(1)), new Serial(rs.getString(2))))
            .list();
    List<ReceivedQuantity> quantities =
        db.sql(
                "SELECT s.lot, SUM(s.quantity) "
                    + received
                    + " AND s.serial IS NULL AND s.lot IS NOT NULL GROUP BY s.lot ORDER BY s.lot")
            .params(params)
            .query((rs, n) -> new ReceivedQuantity(product, rs.getString(1), rs.getLong(2)))
            .list();
    return new Received(units, quantities);
  }
}
