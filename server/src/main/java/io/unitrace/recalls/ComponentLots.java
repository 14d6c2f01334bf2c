package io.unitrace.recalls;

import io.unitrace.catalog.LotId;
import io.unitrace.catalog.ProductId;
import io.unitrace.ledger.Genealogy;
import io.unitrace.ledger.Inventory;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.stereotype.Component;

/**
 * The units a component lot reaches: the lot's own units, wherever they are, and every unit that
 * contains some of the lot (counted, or units of it) through the genealogy the ledger records at
 * assembly, at any depth of subassemblies. A disassembled unit no longer contains what was taken
 * out of it.
 */
@Component
class ComponentLots {

  private static final int PAGE = 1000;

  private final Genealogy genealogy;
  private final Inventory inventory;

  ComponentLots(Genealogy genealogy, Inventory inventory) {
    this.genealogy = genealogy;
    this.inventory = inventory;
  }

  List<Long> reachedBy(long tenantId, long productId, long lotId) {
    ProductId product = new ProductId(productId);
    LotId lot = new LotId(lotId);
    Set<Long> ids = new TreeSet<>(genealogy.containingLot(tenantId, product, lot));
    long after = 0;
    while (true) {
      List<Inventory.UnitPosition> page =
          inventory.unitsOf(tenantId, product, List.of(lot), null, null, after, PAGE);
      page.forEach(u -> ids.add(u.id()));
      if (page.size() < PAGE) {
        return List.copyOf(ids);
      }
      after = page.get(page.size() - 1).id();
    }
  }
}
