package io.unitrace.recalls;

import io.unitrace.catalog.LotId;
import io.unitrace.catalog.ProductId;
import io.unitrace.ledger.Genealogy;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Finished units reached by a component lot, through the genealogy the ledger records at assembly:
 * every unit that contains some of the lot (counted, or units of it), at any depth of
 * subassemblies. A disassembled unit no longer contains what was taken out of it.
 */
@Component
class ComponentLots {

  private final Genealogy genealogy;

  ComponentLots(Genealogy genealogy) {
    this.genealogy = genealogy;
  }

  List<Long> finishedUnitsContaining(long tenantId, long productId, long lotId) {
    return List.copyOf(
        genealogy.containingLot(tenantId, new ProductId(productId), new LotId(lotId)));
  }
}
