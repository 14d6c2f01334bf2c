package io.unitrace.recalls;

import io.unitrace.catalog.Catalog;
import io.unitrace.catalog.Lot;
import io.unitrace.catalog.LotId;
import io.unitrace.catalog.Product;
import io.unitrace.catalog.ProductId;
import io.unitrace.inbound.VendorLots;
import io.unitrace.ledger.Genealogy;
import io.unitrace.ledger.Inventory;
import io.unitrace.shared.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.stereotype.Component;

/**
 * What a supplier's own lot reaches: the units received under it, the site's lots its counted goods
 * were received into (held whole where they lie: a bucket does not tell one supplier lot from
 * another), and every unit that contains any of them, at any depth of assembly. Inbound answers
 * what was received under the supplier lot; the ledger's genealogy walks up from there.
 */
@Component
class SupplierLots {

  /** The site lots to hold as stock, and the units reached. */
  record Reached(List<Long> lotIds, List<Long> units) {}

  private final VendorLots vendorLots;
  private final Genealogy genealogy;
  private final Inventory inventory;
  private final Catalog catalog;

  SupplierLots(VendorLots vendorLots, Genealogy genealogy, Inventory inventory, Catalog catalog) {
    this.vendorLots = vendorLots;
    this.genealogy = genealogy;
    this.inventory = inventory;
    this.catalog = catalog;
  }

  Reached reachedBy(long tenantId, Product product, String supplierLot) {
    ProductId productId = new ProductId(product.id());
    VendorLots.Received received = vendorLots.receivedUnder(tenantId, productId, supplierLot);
    if (received.isEmpty()) {
      throw Problem.unprocessable(
          "unknown-supplier-lot",
          "lots[0]",
          "nothing of " + product.sku() + " was received under supplier lot " + supplierLot);
    }
    Set<Long> units = new TreeSet<>();
    inventory.unitsByRef(tenantId, received.units()).values().forEach(u -> units.add(u.id()));
    Set<Long> reached = new TreeSet<>(units);
    reached.addAll(genealogy.containingUnits(tenantId, units));
    List<Long> lotIds = new ArrayList<>();
    List<String> codes =
        received.quantities().stream().map(VendorLots.ReceivedQuantity::lot).toList();
    for (Lot lot : catalog.lots(tenantId, List.of(productId), codes)) {
      lotIds.add(lot.id());
      reached.addAll(genealogy.containingLot(tenantId, productId, new LotId(lot.id())));
    }
    return new Reached(lotIds, List.copyOf(reached));
  }
}
