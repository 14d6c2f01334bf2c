package io.unitrace.inbound;

import io.unitrace.catalog.Catalog;
import io.unitrace.catalog.Lot;
import io.unitrace.catalog.LotId;
import io.unitrace.catalog.Product;
import io.unitrace.catalog.ProductId;
import io.unitrace.catalog.TrackingRule;
import io.unitrace.facility.Facility;
import io.unitrace.facility.Location;
import io.unitrace.facility.LocationId;
import io.unitrace.facility.LocationType;
import io.unitrace.gs1.Sscc;
import io.unitrace.ledger.Container;
import io.unitrace.ledger.Containers;
import io.unitrace.ledger.Hold;
import io.unitrace.ledger.Inventory;
import io.unitrace.ledger.UnitRef;
import io.unitrace.ledger.UnitState;
import io.unitrace.ledger.Units;
import io.unitrace.shared.CursorPage;
import io.unitrace.shared.Problem;
import io.unitrace.tenancy.TenantScope;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Finds the goods a putaway scan names on their dock: a loose unit, a container with everything in
 * it (a case on a pallet too: putting it away takes it off the pallet), or a dock's stock of
 * counted goods. Refuses what is not (or not only) there: a unit packed in a container, goods
 * already stored, counted goods on several docks or fewer than asked for.
 */
@Component
class DockGoods {

  private static final int LISTED_UNITS = 1000;

  /** A container's units are read from the ledger this many at a time. */
  private static final int UNIT_PAGE = 1000;

  private final Catalog catalog;
  private final Facility facility;
  private final Containers containers;
  private final Inventory inventory;
  private final Units units;

  DockGoods(
      Catalog catalog, Facility facility, Containers containers, Inventory inventory, Units units) {
    this.catalog = catalog;
    this.facility = facility;
    this.containers = containers;
    this.inventory = inventory;
    this.units = units;
  }

  GoodsOnDock find(TenantScope scope, Putaway.Target target) {
    if (target.counted() != null) {
      return counted(scope, target);
    }
    if (target.unit() != null) {
      UnitRef ref = target.unit();
      GoodsOnDock.UnitRow u =
          unit(scope.tenantId(), ref)
              .orElseThrow(
                  () ->
                      Problem.notFound(
                          "unknown-unit", "client " + scope.tenantCode() + " has no unit " + ref));
      if (u.containerId() != null) {
        Container c = containers.byId(scope.tenantId(), u.containerId()).orElseThrow();
        Container outer = outermost(scope, c);
        throw Problem.conflict(
                "unit-in-container",
                "scan",
                "unit "
                    + ref
                    + " is packed in container "
                    + c.sscc()
                    + ": scan the SSCC "
                    + outer.sscc()
                    + " to put the container away, or unpack the unit first")
            .with("sscc", outer.sscc().value());
      }
      GoodsOnDock.LocationRow dock = requireOnDock(u, ref.toString());
      return new GoodsOnDock(
          target, null, List.of(u), dock, u.holds() != 0, u.productId(), u.lotId());
    }
    Container c =
        containers
            .find(scope.tenantId(), target.sscc())
            .orElseThrow(
                () ->
                    Problem.notFound(
                        "unknown-container",
                        "client " + scope.tenantCode() + " has no container " + target.sscc()));
    GoodsOnDock.LocationRow dock = c.locationId() == null ? null : location(c.locationId());
    if (dock == null || dock.type() != LocationType.DOCK) {
      throw Problem.conflict(
              "not-on-dock",
              "scan",
              "container "
                  + c.sscc()
                  + " is at "
                  + (dock == null ? "no location" : dock.code() + " (" + dock.type() + ")")
                  + ", not on a dock: putaway is for goods received on a dock")
          .with("location", dock == null ? null : dock.code());
    }
    List<GoodsOnDock.UnitRow> units = unitsIn(scope, c);
    for (GoodsOnDock.UnitRow u : units) {
      if (u.state() != UnitState.RECEIVED) {
        throw GoodsOnDock.notOnDock(
            "unit " + u.ref() + " in container " + c.sscc(), u.state(), dock.code());
      }
    }
    List<Long> dominant = GoodsOnDock.dominant(units);
    // One held unit makes the whole container held: it cannot be split here, and stored goods count
    // as available.
    boolean held = units.stream().anyMatch(u -> u.holds() != 0);
    return new GoodsOnDock(target, c, units, dock, held, dominant.get(0), dominant.get(1));
  }

  /**
   * Counted goods on a dock: the dock's unheld stock of the product and lot if it has any, else its
   * held stock.
   */
  private GoodsOnDock counted(TenantScope scope, Putaway.Target target) {
    Putaway.Counted c = target.counted();
    Product product =
        catalog
            .byGtin(scope.tenantId(), c.gtin())
            .orElseThrow(
                () ->
                    Problem.unprocessable(
                        "unknown-gtin",
                        "scan",
                        "no product of client " + scope.tenantCode() + " has GTIN " + c.gtin()));
    // Counted goods name no serial: the catalog's serial rule refuses a serialized product.
    Optional<TrackingRule> serialBroken = product.serialRule(false);
    if (serialBroken.isPresent()) {
      throw Problem.badRequest(
          serialBroken.get().code(),
          "scan",
          product.sku() + " is tracked by serial: scan the unit, or its container's SSCC");
    }
    Optional<TrackingRule> lotBroken = product.lotRule(c.lot() != null);
    if (lotBroken.isPresent()) {
      throw Problem.badRequest(
          lotBroken.get().code(),
          "lot",
          lotBroken.get() == TrackingRule.LOT_REQUIRED
              ? product.sku()
                  + " is tracked by lot: scan the label with its lot (10), or name the lot"
              : lotBroken.get().message(product));
    }
    Long lotId = null;
    if (c.lot() != null) {
      lotId =
          catalog
              .findLot(scope.tenantId(), product.id(), c.lot())
              .orElseThrow(
                  () ->
                      Problem.unprocessable(
                          "unknown-lot", "lot", product.sku() + " has no lot " + c.lot()))
              .id();
    }
    record Bucket(long locationId, String code, int holds, long quantity) {}
    // The client's stock of the product and lot from the ledger, where it stands from facility:
    // the buckets on docks, by dock code.
    List<Inventory.StockBucket> stock =
        inventory.stock(
            scope.tenantId(), new ProductId(product.id()), lotId == null ? null : new LotId(lotId));
    Map<LocationId, Location> places =
        facility.locations(stock.stream().map(Inventory.StockBucket::locationId).toList());
    List<Bucket> onDocks =
        stock.stream()
            .filter(
                b ->
                    places.containsKey(b.locationId())
                        && places.get(b.locationId()).type() == LocationType.DOCK)
            .map(
                b ->
                    new Bucket(
                        b.locationId().value(),
                        places.get(b.locationId()).code(),
                        b.holds(),
                        b.quantity()))
            .sorted(Comparator.comparing(Bucket::code).thenComparingInt(Bucket::holds))
            .toList();
    String what = product.sku() + (c.lot() == null ? "" : " lot " + c.lot());
    if (c.from() != null) {
      onDocks = onDocks.stream().filter(b -> b.code().equals(c.from())).toList();
    }
    if (onDocks.isEmpty()) {
      throw Problem.conflict(
          "not-on-dock",
          "scan",
          "no "
              + what
              + " is on "
              + (c.from() == null ? "any dock" : c.from())
              + ": putaway is for goods received on a dock");
    }
    List<String> docks = onDocks.stream().map(Bucket::code).distinct().toList();
    if (docks.size() > 1) {
      throw Problem.conflict(
              "on-several-docks",
              "from",
              what + " is on " + String.join(", ", docks) + ": name the dock it is taken from")
          .with("docks", docks);
    }
    Bucket b = onDocks.get(0);
    long moving = c.quantity() == null ? b.quantity() : c.quantity();
    if (moving > b.quantity()) {
      throw Problem.conflict(
              "insufficient-stock",
              "quantity",
              "only "
                  + b.quantity()
                  + " of "
                  + what
                  + " on "
                  + b.code()
                  + ", "
                  + moving
                  + " asked for")
          .with("available", b.quantity());
    }
    GoodsOnDock.LocationRow dock = location(b.locationId());
    Putaway.StockLine line =
        new Putaway.StockLine(
            c.gtin().value(), product.sku(), c.lot(), b.quantity(), moving, Hold.of(b.holds()));
    return new GoodsOnDock(
        target, null, List.of(), dock, b.holds() != 0, product.id(), lotId, line);
  }

  private GoodsOnDock.LocationRow requireOnDock(GoodsOnDock.UnitRow u, String what) {
    GoodsOnDock.LocationRow at = u.locationId() == null ? null : location(u.locationId());
    if (u.state() != UnitState.RECEIVED || at == null || at.type() != LocationType.DOCK) {
      throw GoodsOnDock.notOnDock("unit " + what, u.state(), at == null ? null : at.code());
    }
    return at;
  }

  private Container outermost(TenantScope scope, Container c) {
    Container outer = c;
    for (int depth = 0; outer.parentId() != null && depth < 100; depth++) {
      outer = containers.byId(scope.tenantId(), outer.parentId()).orElseThrow();
    }
    return outer;
  }

  /** The container that moves, with the one it sits in on the dock (putaway takes it out). */
  Putaway.ContainerLine containerLine(TenantScope scope, GoodsOnDock goods) {
    Container c = goods.container();
    if (c == null) {
      return null;
    }
    String inside =
        c.parentId() == null
            ? null
            : containers.byId(scope.tenantId(), c.parentId()).orElseThrow().sscc().value();
    return new Putaway.ContainerLine(
        c.sscc().value(), c.kind(), goods.dock().code(), goods.units().size(), inside);
  }

  /** The units as listed to the clerk: at most {@value #LISTED_UNITS}, with SKU and lot. */
  List<Putaway.UnitLine> unitLines(TenantScope scope, GoodsOnDock goods) {
    List<GoodsOnDock.UnitRow> listed =
        goods.units().subList(0, Math.min(goods.units().size(), LISTED_UNITS));
    // SKUs and lot codes of the whole list in one call each.
    Map<ProductId, Product> products =
        catalog.products(
            scope.tenantId(), listed.stream().map(u -> new ProductId(u.productId())).toList());
    Map<LotId, Lot> lots =
        catalog.lotsById(
            scope.tenantId(),
            listed.stream()
                .map(GoodsOnDock.UnitRow::lotId)
                .filter(Objects::nonNull)
                .map(LotId::new)
                .toList());
    List<Putaway.UnitLine> lines = new ArrayList<>(listed.size());
    for (GoodsOnDock.UnitRow u : listed) {
      Product product = products.get(new ProductId(u.productId()));
      Lot lot = u.lotId() == null ? null : lots.get(new LotId(u.lotId()));
      lines.add(
          new Putaway.UnitLine(
              u.gtin(),
              u.serial(),
              product == null ? null : product.sku(),
              lot == null ? null : lot.code(),
              u.state(),
              goods.dock().code(),
              Hold.of(u.holds())));
    }
    return lines;
  }

  // Rows: the ledger's and facility's answers as putaway needs them.

  /** The client's unit with this GTIN and serial, as it is now. */
  Optional<GoodsOnDock.UnitRow> unit(long tenantId, UnitRef ref) {
    return inventory.unit(tenantId, ref).map(DockGoods::unitRow);
  }

  private static GoodsOnDock.UnitRow unitRow(Inventory.UnitPosition u) {
    return new GoodsOnDock.UnitRow(
        u.productId().value(),
        u.lotId() == null ? null : u.lotId().value(),
        u.gtin().value(),
        u.serial(),
        u.state(),
        u.locationId() == null ? null : u.locationId().value(),
        u.containerId(),
        u.holds());
  }

  /**
   * Every unit in the container and the containers nested in it, in the ledger's order (by id):
   * read from the ledger a page at a time, then their products and lots resolved from the catalog
   * in one call each for the whole container, not once per unit.
   */
  private List<GoodsOnDock.UnitRow> unitsIn(TenantScope scope, Container c) {
    long tenantId = scope.tenantId();
    Units.Search inside =
        new Units.Search(null, null, null, null, null, null, c.sscc().value(), null, null);
    List<Units.UnitView> found = new ArrayList<>();
    String cursor = null;
    do {
      CursorPage<Units.UnitView> page = units.search(scope, inside, cursor, UNIT_PAGE);
      found.addAll(page.items());
      cursor = page.next();
    } while (cursor != null);
    Map<Sscc, Container> tree =
        containers.byIds(tenantId, containers.tree(tenantId, c.id())).values().stream()
            .collect(Collectors.toMap(Container::sscc, x -> x, (a, b) -> a));
    Map<String, Product> products =
        catalog.bySkus(tenantId, found.stream().map(Units.UnitView::sku).toList());
    Map<ProductLot, Lot> lots = new HashMap<>();
    catalog
        .lots(
            tenantId,
            products.values().stream().map(p -> new ProductId(p.id())).toList(),
            found.stream().map(Units.UnitView::lot).filter(Objects::nonNull).toList())
        .forEach(l -> lots.put(new ProductLot(l.productId(), l.code()), l));
    List<GoodsOnDock.UnitRow> rows = new ArrayList<>(found.size());
    for (Units.UnitView u : found) {
      Product product = products.get(u.sku());
      Lot lot = u.lot() == null ? null : lots.get(new ProductLot(product.id(), u.lot()));
      Container in = u.container() == null ? null : tree.get(new Sscc(u.container()));
      rows.add(
          new GoodsOnDock.UnitRow(
              product.id(),
              lot == null ? null : lot.id(),
              u.gtin(),
              u.serial(),
              u.state(),
              // Units in a container stand where it stands: the ledger moves them with it.
              c.locationId(),
              in == null ? null : in.id(),
              u.holds().stream().mapToInt(Hold::bit).reduce(0, (x, y) -> x | y)));
    }
    return rows;
  }

  /** A location by id; null if there is none. */
  GoodsOnDock.LocationRow location(long id) {
    return facility.byId(id).map(DockGoods::locationRow).orElse(null);
  }

  private static GoodsOnDock.LocationRow locationRow(Location l) {
    return new GoodsOnDock.LocationRow(l.id(), l.warehouse(), l.parentId(), l.code(), l.type());
  }
}
