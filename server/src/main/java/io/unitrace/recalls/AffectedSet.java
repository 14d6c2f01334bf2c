package io.unitrace.recalls;

import io.unitrace.catalog.LotId;
import io.unitrace.catalog.ProductId;
import io.unitrace.ledger.Inventory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The units a campaign's target names, walked a page at a time in id order: from the ledger for a
 * lot or a registration window, from the campaign's own list for serials. Read inside a batch's
 * transaction, so that what is held is what was read.
 */
@Component
class AffectedSet {

  /** A page: the units, the cursor for the next one, whether there may be more. */
  record Page(List<Inventory.UnitPosition> units, long last, boolean more) {}

  private final Inventory inventory;
  private final CampaignRows rows;

  AffectedSet(Inventory inventory, CampaignRows rows) {
    this.inventory = inventory;
    this.rows = rows;
  }

  Page page(CampaignRows.Campaign c, Target t, long after, int limit) {
    if (c.mode().listsUnits()) {
      List<Long> ids = rows.targetUnits(c.id(), after, limit);
      List<Inventory.UnitPosition> units =
          new ArrayList<>(inventory.units(c.tenantId(), ids).values());
      units.sort(Comparator.comparingLong(Inventory.UnitPosition::id));
      return new Page(units, ids.isEmpty() ? after : ids.get(ids.size() - 1), ids.size() == limit);
    }
    List<LotId> lots =
        c.mode() == TargetMode.LOTS ? t.lotIds().stream().map(LotId::new).toList() : null;
    List<Inventory.UnitPosition> units =
        inventory.unitsOf(
            c.tenantId(),
            new ProductId(t.productId()),
            lots,
            t.registeredFrom(),
            t.registeredTo(),
            after,
            limit);
    return new Page(
        units, units.isEmpty() ? after : units.get(units.size() - 1).id(), units.size() == limit);
  }
}
