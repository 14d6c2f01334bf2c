package io.unitrace.counting;

import io.unitrace.catalog.Catalog;
import io.unitrace.catalog.Product;
import io.unitrace.catalog.Serial;
import io.unitrace.counting.domain.Reconciliation;
import io.unitrace.facility.Location;
import io.unitrace.gs1.Gtin;
import io.unitrace.ledger.Inventory;
import io.unitrace.ledger.UnitRef;
import io.unitrace.ledger.Units;
import io.unitrace.shared.CursorPage;
import io.unitrace.tenancy.TenantScope;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * What the books hold in a location and what they say of the units a counter found, read through
 * the ledger's public queries a page at a time. A location's content is its own: a bin's children
 * are counted as locations of their own.
 */
@Component
class Shelf {

  private static final int PAGE = 500;

  record Content(List<Reconciliation.ShelfUnit> units, List<Reconciliation.Goods> goods) {

    long quantity() {
      return goods.stream().mapToLong(Reconciliation.Goods::quantity).sum();
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

  /** Serialized units in the building recorded at the location, and its counted stock. */
  Content at(TenantScope scope, Location location) {
    List<Reconciliation.ShelfUnit> here = new ArrayList<>();
    String cursor = null;
    do {
      CursorPage<Units.UnitView> page =
          units.search(
              scope,
              new Units.Search(null, null, null, null, null, location.code(), null, null, null),
              cursor,
              PAGE);
      for (Units.UnitView u : page.items()) {
        if (location.code().equals(u.location()) && u.state().inBuilding()) {
          here.add(new Reconciliation.ShelfUnit(u.gtin(), u.serial()));
        }
      }
      cursor = page.next();
    } while (cursor != null);

    List<Units.StockLine> lines = new ArrayList<>();
    cursor = null;
    do {
      Units.StockPage page =
          units.stock(
              scope, new Units.StockFilter(null, null, location.code(), null), cursor, PAGE);
      for (Units.StockLine l : page.items()) {
        if (location.code().equals(l.location())) {
          lines.add(l);
        }
      }
      cursor = page.next();
    } while (cursor != null);
    Map<String, Product> products =
        catalog.bySkus(scope.tenantId(), lines.stream().map(Units.StockLine::sku).toList());
    List<Reconciliation.Goods> goods = new ArrayList<>();
    for (Units.StockLine l : lines) {
      Product p = products.get(l.sku());
      // Serialized units appear in the stock lines too, one each: they are counted by serial.
      if (p != null && !p.tracking().serialized()) {
        goods.add(new Reconciliation.Goods(p.id(), l.lot(), l.quantity()));
      }
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
