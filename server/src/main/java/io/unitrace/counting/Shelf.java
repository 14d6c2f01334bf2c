package io.unitrace.counting;

import io.unitrace.catalog.Catalog;
import io.unitrace.catalog.Lot;
import io.unitrace.catalog.LotId;
import io.unitrace.catalog.Serial;
import io.unitrace.counting.domain.CountScope;
import io.unitrace.counting.domain.Reconciliation;
import io.unitrace.facility.Location;
import io.unitrace.facility.LocationId;
import io.unitrace.gs1.Gtin;
import io.unitrace.ledger.Inventory;
import io.unitrace.ledger.UnitRef;
import io.unitrace.ledger.Units;
import io.unitrace.tenancy.TenantScope;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.stereotype.Component;

/**
 * What the books hold in a location and what they say of the units a counter found, read through
 * the ledger's public queries, set-based. A location's content is its own: a bin's children are
 * counted as locations of their own.
 */
@Component
class Shelf {

  record Content(List<Reconciliation.ShelfUnit> units, List<Reconciliation.Goods> goods) {

    long quantity() {
      return goods.stream().mapToLong(Reconciliation.Goods::quantity).sum();
    }

    /** Only what the count counts: a count by SKU or lot expects nothing else here. */
    Content only(CountScope scope) {
      return scope.isEverything() ? this : new Content(scope.shelf(units), scope.goods(goods));
    }
  }

  private final Units units;
  private final Inventory inventory;
  private final Catalog catalog;

  Shelf(Units units, Inventory inventory, Catalog catalog) {
    this.units = units;
    this.inventory = inventory;
    this.catalog = catalog;
  }

  /**
   * Serialized units in the building recorded at exactly the location, and its counted stock: two
   * statements of the ledger, whatever the location holds.
   */
  Content at(TenantScope scope, Location location) {
    LocationId at = new LocationId(location.id());
    List<Reconciliation.ShelfUnit> here = new ArrayList<>();
    for (Inventory.UnitPosition u : inventory.unitsAt(scope.tenantId(), at)) {
      here.add(new Reconciliation.ShelfUnit(u.gtin().value(), u.serial()));
    }
    List<Inventory.Stocked> stocked = inventory.stockIn(scope.tenantId(), at);
    Map<LotId, Lot> lots =
        catalog.lotsById(
            scope.tenantId(),
            stocked.stream().map(Inventory.Stocked::lotId).filter(Objects::nonNull).toList());
    List<Reconciliation.Goods> goods = new ArrayList<>();
    for (Inventory.Stocked st : stocked) {
      goods.add(
          new Reconciliation.Goods(
              st.productId().value(),
              st.lotId() == null ? null : lots.get(st.lotId()).code(),
              st.quantity()));
    }
    return new Content(here, goods);
  }

  /** What the books say of the units found (units they do not know are left out). */
  Map<String, Reconciliation.Recorded> recorded(
      long tenantId, Collection<CountRows.CountedSerial> found) {
    List<UnitRef> refs = new ArrayList<>(found.size());
    for (CountRows.CountedSerial s : found) {
      refs.add(new UnitRef(new Gtin(s.gtin()), new Serial(s.serial())));
    }
    Map<String, Reconciliation.Recorded> out = new HashMap<>();
    inventory
        .unitsByRef(tenantId, refs)
        .forEach(
            (ref, p) ->
                out.put(
                    key(ref.gtin().value(), ref.serial().value()),
                    new Reconciliation.Recorded(
                        p.state().name(),
                        p.locationId() == null ? null : p.locationId().value(),
                        p.state().inBuilding())));
    return out;
  }

  /**
   * Whether the books changed the unit after it was counted (its row's last change is later than
   * the scan): one read per unit, asked only of units found here that the books place elsewhere.
   */
  boolean changedSince(TenantScope scope, CountRows.CountedSerial s) {
    return units
        .find(scope, new UnitRef(new Gtin(s.gtin()), new Serial(s.serial())))
        .map(u -> u.updatedAt() != null && u.updatedAt().toEpochMilli() > s.countedAt())
        .orElse(false);
  }

  static String key(String gtin, String serial) {
    return gtin + "/" + serial;
  }
}
