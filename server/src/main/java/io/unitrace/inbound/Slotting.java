package io.unitrace.inbound;

import io.unitrace.catalog.Catalog;
import io.unitrace.catalog.Product;
import io.unitrace.facility.LocationType;
import io.unitrace.shared.Rows;
import io.unitrace.tenancy.TenantScope;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Suggests where goods on a dock go, at most {@value Putaway#MAX_SUGGESTIONS} places, best first:
 * held goods to the warehouse's quarantine; other goods to the product's fixed bin, then to bins
 * already holding the same product and lot (most first), then to the nearest empty bins. Reads
 * only; the clerk may choose another place.
 */
@Component
class Slotting {

  private final JdbcClient db;
  private final Catalog catalog;
  private final DockGoods docks;

  Slotting(JdbcClient db, Catalog catalog, DockGoods docks) {
    this.db = db;
    this.catalog = catalog;
    this.docks = docks;
  }

  List<Putaway.Suggestion> suggest(TenantScope scope, GoodsOnDock goods) {
    final int max = Putaway.MAX_SUGGESTIONS;
    long warehouse = goods.dock().warehouseId();
    List<Putaway.Suggestion> out = new ArrayList<>();
    if (goods.held()) {
      db.sql(
              "SELECT code FROM location WHERE warehouse_id = ? AND type = 'QUARANTINE' ORDER BY code LIMIT ?")
          .params(warehouse, max)
          .query(String.class)
          .list()
          .forEach(code -> out.add(new Putaway.Suggestion(code, Putaway.Reason.HELD)));
      return out;
    }
    Long anchorParent = null;
    if (goods.productId() != null) {
      Optional<Product> product = catalog.byId(scope.tenantId(), goods.productId());
      if (product.isPresent() && product.get().fixedBinId() != null) {
        GoodsOnDock.LocationRow bin = docks.location(product.get().fixedBinId());
        // A product may be stocked in several warehouses; its fixed bin serves only the one it is
        // in.
        if (bin != null && bin.warehouseId() == warehouse && bin.type() == LocationType.STORAGE) {
          out.add(new Putaway.Suggestion(bin.code(), Putaway.Reason.FIXED_BIN));
          anchorParent = bin.parentId();
        }
      }
      String lotMatch = goods.lotId() == null ? "u.lot_id IS NULL" : "u.lot_id = ?";
      List<Object> params = new ArrayList<>(List.of(scope.tenantId(), goods.productId()));
      if (goods.lotId() != null) {
        params.add(goods.lotId());
      }
      params.add(warehouse);
      // Serialized units by count, counted goods by quantity: a product is one or the other.
      params.addAll(
          List.of(
              scope.tenantId(),
              goods.productId(),
              goods.lotId() == null ? 0L : goods.lotId(),
              warehouse));
      params.add(max + 1);
      record Holding(String code, Long parentId) {}
      List<Holding> holding =
          db.sql(
                  """
              SELECT code, parent_id, SUM(amount) AS amount FROM (
                SELECT l.code, l.parent_id, 1 AS amount
                FROM unit u JOIN location l ON l.id = u.location_id
                WHERE u.tenant_id = ? AND u.product_id = ? AND\s"""
                      + lotMatch
                      + """
                 AND u.state IN ('STORED', 'ALLOCATED') AND l.warehouse_id = ? AND l.type = 'STORAGE'
                UNION ALL
                SELECT l.code, l.parent_id, s.quantity
                FROM stock s JOIN location l ON l.id = s.location_id
                WHERE s.tenant_id = ? AND s.product_id = ? AND s.lot_key = ? AND s.holds = 0 AND s.quantity > 0
                  AND l.warehouse_id = ? AND l.type = 'STORAGE') h
              GROUP BY code, parent_id
              ORDER BY amount DESC, code
              LIMIT ?""")
              .params(params)
              .query((rs, n) -> new Holding(rs.getString(1), Rows.longOrNull(rs, 2)))
              .list();
      for (Holding h : holding) {
        if (out.size() < max && out.stream().noneMatch(s -> s.code().equals(h.code()))) {
          out.add(new Putaway.Suggestion(h.code(), Putaway.Reason.SAME_SKU_AND_LOT));
          if (anchorParent == null) {
            anchorParent = h.parentId();
          }
        }
      }
    }
    if (out.size() < max) {
      // There are no coordinates: location codes encode aisle-rack-bin order, so "nearest" is the
      // first empty bin by code, in the zone (parent) of the suggestions so far, then anywhere in
      // the dock's warehouse. A bin is site data shared by all clients: empty means no unit of any
      // client and no container stands there.
      List<Object> params = new ArrayList<>();
      params.add(warehouse);
      String order = " ORDER BY l.code";
      if (anchorParent != null) {
        order = " ORDER BY CASE WHEN l.parent_id = ? THEN 0 ELSE 1 END, l.code";
        params.add(anchorParent);
      }
      params.add(max * 2);
      for (String code :
          db.sql(
                  """
              SELECT l.code FROM location l
              WHERE l.warehouse_id = ? AND l.type = 'STORAGE' AND l.level = 'BIN'
                AND NOT EXISTS (SELECT 1 FROM unit u WHERE u.location_id = l.id)
                AND NOT EXISTS (SELECT 1 FROM container c WHERE c.location_id = l.id)
                AND NOT EXISTS (SELECT 1 FROM stock s WHERE s.location_id = l.id AND s.quantity > 0)"""
                      + order
                      + " LIMIT ?")
              .params(params)
              .query(String.class)
              .list()) {
        if (out.size() < max && out.stream().noneMatch(s -> s.code().equals(code))) {
          out.add(new Putaway.Suggestion(code, Putaway.Reason.EMPTY_BIN));
        }
      }
    }
    return out;
  }
}
