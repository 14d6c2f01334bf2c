package io.unitrace.outbound;

import io.unitrace.catalog.Catalog;
import io.unitrace.catalog.Lot;
import io.unitrace.catalog.LotId;
import io.unitrace.catalog.Product;
import io.unitrace.catalog.ProductId;
import io.unitrace.ledger.Inventory;
import io.unitrace.shared.CursorPage;
import io.unitrace.shared.Problem;
import io.unitrace.tenancy.TenantScope;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.stereotype.Service;

/**
 * Available to sell, per SKU and lot: on hand, held, allocated, available. Read from the ledger's
 * units and stock as they are now, so it changes in the very transaction of the allocation,
 * receipt, hold or shipment that changes it.
 */
@Service
public class Availability {

  public record LotFigures(String lot, long onHand, long held, long allocated, long available) {}

  public record Figures(
      String sku, long onHand, long held, long allocated, long available, List<LotFigures> lots) {}

  private final Inventory inventory;
  private final Catalog catalog;

  Availability(Inventory inventory, Catalog catalog) {
    this.inventory = inventory;
    this.catalog = catalog;
  }

  /** The figures of the named SKUs, or a page of all the client's products. */
  public CursorPage<Figures> figures(
      TenantScope scope, List<String> skus, String cursor, Integer limit) {
    if (skus != null && !skus.isEmpty()) {
      Map<String, Product> found = catalog.bySkus(scope.tenantId(), skus);
      for (int i = 0; i < skus.size(); i++) {
        if (!found.containsKey(skus.get(i))) {
          throw Problem.unprocessable("unknown-sku", "sku", "no product with SKU " + skus.get(i));
        }
      }
      return new CursorPage<>(of(scope.tenantId(), found.values()), null);
    }
    CursorPage<Product> page = catalog.list(scope.tenantId(), cursor, CursorPage.limit(limit));
    return new CursorPage<>(of(scope.tenantId(), page.items()), page.next());
  }

  /** The figures of these products, in their order. */
  List<Figures> of(long tenantId, Collection<Product> products) {
    List<ProductId> ids = products.stream().map(p -> new ProductId(p.id())).toList();
    List<Inventory.Availability> rows = inventory.availability(tenantId, ids);
    Map<LotId, Lot> lots =
        catalog.lotsById(
            tenantId,
            rows.stream().map(Inventory.Availability::lot).filter(Objects::nonNull).toList());
    Map<ProductId, List<Inventory.Availability>> byProduct = new LinkedHashMap<>();
    rows.forEach(r -> byProduct.computeIfAbsent(r.product(), k -> new ArrayList<>()).add(r));
    List<Figures> out = new ArrayList<>();
    for (Product p : products) {
      List<Inventory.Availability> mine = byProduct.getOrDefault(new ProductId(p.id()), List.of());
      long[] sum = new long[4];
      List<LotFigures> perLot = new ArrayList<>();
      for (Inventory.Availability a : mine) {
        sum[0] += a.onHand();
        sum[1] += a.held();
        sum[2] += a.allocated();
        sum[3] += a.available();
        if (a.lot() != null) {
          perLot.add(
              new LotFigures(
                  lots.get(a.lot()).code(), a.onHand(), a.held(), a.allocated(), a.available()));
        }
      }
      out.add(new Figures(p.sku(), sum[0], sum[1], sum[2], sum[3], perLot));
    }
    return out;
  }
}
