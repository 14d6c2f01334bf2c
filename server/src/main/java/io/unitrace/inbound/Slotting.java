package io.unitrace.inbound;

import io.unitrace.catalog.Catalog;
import io.unitrace.catalog.LotId;
import io.unitrace.catalog.Product;
import io.unitrace.catalog.ProductId;
import io.unitrace.facility.Facility;
import io.unitrace.facility.Location;
import io.unitrace.facility.LocationId;
import io.unitrace.facility.LocationType;
import io.unitrace.ledger.Inventory;
import io.unitrace.tenancy.TenantScope;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Suggests where goods on a dock go, at most {@value Putaway#MAX_SUGGESTIONS} places, best first:
 * held goods to the warehouse's quarantine; other goods to the product's fixed bin, then to bins
 * already holding the same product and lot (most first), then to the nearest empty bins. Reads
 * only; the clerk may choose another place. What is where is the ledger's ({@link Inventory}), the
 * places are facility's: each is asked once per question, set-based.
 */
@Component
class Slotting {

  /** Empty bins are looked for this many candidate bins at a time. */
  private static final int BIN_PAGE = 100;

  private final Catalog catalog;
  private final Facility facility;
  private final Inventory inventory;
  private final DockGoods docks;

  Slotting(Catalog catalog, Facility facility, Inventory inventory, DockGoods docks) {
    this.catalog = catalog;
    this.facility = facility;
    this.inventory = inventory;
    this.docks = docks;
  }

  List<Putaway.Suggestion> suggest(TenantScope scope, GoodsOnDock goods) {
    final int max = Putaway.MAX_SUGGESTIONS;
    String warehouse = goods.dock().warehouse();
    List<Putaway.Suggestion> out = new ArrayList<>();
    if (goods.held()) {
      facility
          .ofType(warehouse, LocationType.QUARANTINE, max)
          .forEach(l -> out.add(new Putaway.Suggestion(l.code(), Putaway.Reason.HELD)));
      return out;
    }
    Long anchorParent = null;
    if (goods.productId() != null) {
      Optional<Product> product = catalog.byId(scope.tenantId(), goods.productId());
      if (product.isPresent() && product.get().fixedBinId() != null) {
        GoodsOnDock.LocationRow bin = docks.location(product.get().fixedBinId());
        // A product may be stocked in several warehouses; its fixed bin serves only the one it is
        // in.
        if (bin != null
            && bin.warehouse().equals(warehouse)
            && bin.type() == LocationType.STORAGE) {
          out.add(new Putaway.Suggestion(bin.code(), Putaway.Reason.FIXED_BIN));
          anchorParent = bin.parentId();
        }
      }
      // Serialized units by count, counted goods by quantity (a product is one or the other), of
      // this client, anywhere; only this warehouse's STORAGE places count, most first, ties by
      // code.
      List<Inventory.Holding> holdings =
          inventory.holdings(
              scope.tenantId(),
              new ProductId(goods.productId()),
              goods.lotId() == null ? null : new LotId(goods.lotId()));
      Map<LocationId, Location> places =
          facility.locations(holdings.stream().map(Inventory.Holding::locationId).toList());
      record Holding(Location place, long amount) {}
      List<Holding> holding =
          holdings.stream()
              .map(h -> new Holding(places.get(h.locationId()), h.amount()))
              .filter(
                  h ->
                      h.place() != null
                          && h.place().warehouse().equals(warehouse)
                          && h.place().type() == LocationType.STORAGE)
              .sorted(
                  Comparator.comparingLong(Holding::amount)
                      .reversed()
                      .thenComparing(h -> h.place().code()))
              .limit(max + 1)
              .toList();
      for (Holding h : holding) {
        String code = h.place().code();
        if (out.size() < max && out.stream().noneMatch(s -> s.code().equals(code))) {
          out.add(new Putaway.Suggestion(code, Putaway.Reason.SAME_SKU_AND_LOT));
          if (anchorParent == null) {
            anchorParent = h.place().parentId();
          }
        }
      }
    }
    // There are no coordinates: location codes encode aisle-rack-bin order, so "nearest" is the
    // first empty bin by code, in the zone (parent) of the suggestions so far, then anywhere in the
    // dock's warehouse. A bin is site data shared by all clients: empty means no unit, container or
    // stock of any client there. The bins come from facility a page at a time, the ledger says
    // which of a page are occupied, until enough empty ones are found.
    for (int offset = 0; out.size() < max; offset += BIN_PAGE) {
      List<Location> bins =
          facility.bins(warehouse, LocationType.STORAGE, anchorParent, offset, BIN_PAGE);
      Set<LocationId> occupied =
          inventory.occupied(bins.stream().map(b -> new LocationId(b.id())).toList());
      for (Location bin : bins) {
        if (out.size() < max
            && !occupied.contains(new LocationId(bin.id()))
            && out.stream().noneMatch(s -> s.code().equals(bin.code()))) {
          out.add(new Putaway.Suggestion(bin.code(), Putaway.Reason.EMPTY_BIN));
        }
      }
      if (bins.size() < BIN_PAGE) {
        break;
      }
    }
    return out;
  }
}
