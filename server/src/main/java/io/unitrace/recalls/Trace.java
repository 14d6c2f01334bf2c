package io.unitrace.recalls;

import io.unitrace.catalog.Catalog;
import io.unitrace.catalog.Lot;
import io.unitrace.catalog.LotId;
import io.unitrace.catalog.Product;
import io.unitrace.catalog.ProductId;
import io.unitrace.catalog.Serial;
import io.unitrace.facility.Facility;
import io.unitrace.facility.Location;
import io.unitrace.facility.LocationId;
import io.unitrace.inbound.PurchaseOrders;
import io.unitrace.inbound.VendorLots;
import io.unitrace.ledger.Genealogy;
import io.unitrace.ledger.Hold;
import io.unitrace.ledger.Inventory;
import io.unitrace.ledger.Reservations;
import io.unitrace.ledger.UnitRef;
import io.unitrace.ledger.UnitState;
import io.unitrace.ledger.Units;
import io.unitrace.outbound.Sales;
import io.unitrace.shared.CursorPage;
import io.unitrace.shared.Problem;
import io.unitrace.tenancy.TenantScope;
import java.io.IOException;
import java.io.Writer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Service;

/**
 * Trace. Forward: where every unit of a lot is now — in stock (location, holds), on an order
 * (allocated, picked, packed), shipped (customer, channel, order, date), back from a customer,
 * scrapped — and, up the genealogy through any depth, every unit the lot's units or counted
 * quantities were built into and where that is now, each with the depth and the path it was reached
 * by ({@link Ancestry}). The lot's units and the units containing it are one list in unit id order,
 * read a page at a time from the ledger, the sales from outbound and the places from the facility,
 * one statement each per page. Backward: what a unit is (product, lot, made, expiry) and where it
 * came from (the purchase order, vendor and ship notice its receipt named).
 */
@Service
class Trace {

  /**
   * One unit of a lot, or one that contains some of it, as the forward trace shows it: {@code
   * depth} 0 for the lot's own units, else how many assemblies up the lot is, and {@code via} the
   * path up from the lot (a serial of the lot, or the lot with a counted quantity, then each
   * subassembly), such as {@code C-1 > P-1}.
   */
  record UnitTrace(
      String gtin,
      String serial,
      String sku,
      String lot,
      int depth,
      String via,
      UnitState state,
      String where,
      String location,
      List<Hold> holds,
      String order,
      String channel,
      String customer,
      String soldTo,
      LocalDate shipped) {}

  /** A bucket of counted stock of the lot. */
  record StockTrace(String location, List<Hold> holds, boolean reserved, long quantity) {}

  /**
   * The forward trace of a lot: its units and the units containing it a page at a time, and (first
   * page) its counted stock.
   */
  record LotTrace(
      String sku,
      String lot,
      LocalDate expiry,
      List<VendorLots.Supply> receivedFrom,
      CursorPage<UnitTrace> units,
      List<StockTrace> stock) {}

  /**
   * What went into a unit at assembly: a unit (with its own origin, and what went into it) or a
   * quantity of a lot (with how that lot came in). {@code removed}: taken out again.
   */
  record Part(
      String gtin,
      String serial,
      String sku,
      String lot,
      long quantity,
      boolean removed,
      Origin origin,
      List<VendorLots.Supply> receivedFrom) {}

  /** Where a unit came from. */
  record Origin(
      String sku,
      String product,
      String lot,
      LocalDate manufactured,
      LocalDate expiry,
      String firstEvent,
      String firstSeenAt,
      String purchaseOrder,
      String vendor,
      String vendorGln,
      String asn,
      String vendorLot,
      List<Part> parts) {}

  private final Catalog catalog;
  private final Inventory inventory;
  private final Units units;
  private final Facility facility;
  private final Sales sales;
  private final PurchaseOrders purchaseOrders;
  private final Ancestry ancestry;
  private final VendorLots vendorLots;
  private final Genealogy genealogy;

  /** How deep the backward trace follows parts of parts. */
  private static final int MAX_DEPTH = 8;

  Trace(
      Catalog catalog,
      Inventory inventory,
      Units units,
      Facility facility,
      Sales sales,
      PurchaseOrders purchaseOrders,
      VendorLots vendorLots,
      Genealogy genealogy,
      Ancestry ancestry) {
    this.ancestry = ancestry;
    this.vendorLots = vendorLots;
    this.genealogy = genealogy;
    this.catalog = catalog;
    this.inventory = inventory;
    this.units = units;
    this.facility = facility;
    this.sales = sales;
    this.purchaseOrders = purchaseOrders;
  }

  private record Traced(long id, UnitTrace trace) {}

  LotTrace forward(TenantScope scope, String sku, String lotCode, String cursor, int limit) {
    Product product = product(scope, sku);
    Lot lot = lot(scope, product, lotCode);
    long after = cursor == null ? 0 : CursorPage.decode(cursor);
    Ancestry.Walk up = walk(scope, product, lot);
    CursorPage<UnitTrace> page =
        CursorPage.of(page(scope, product, lot, up, after, limit + 1), limit, Traced::id)
            .map(Traced::trace);
    return new LotTrace(
        product.sku(),
        lot.code(),
        lot.expiresOn(),
        after == 0
            ? vendorLots.suppliesOf(scope.tenantId(), new ProductId(product.id()), lot.code())
            : List.of(),
        page,
        after == 0 ? stock(scope, product, lot) : List.of());
  }

  /** The forward trace as CSV, every unit then every bucket, a page at a time. */
  void forwardCsv(TenantScope scope, String sku, String lotCode, Writer out) throws IOException {
    Product product = product(scope, sku);
    Lot lot = lot(scope, product, lotCode);
    out.write(
        "gtin,serial,lot,state,where,location,holds,order,channel,customer,sold_to,shipped,quantity,depth,via\n");
    Ancestry.Walk up = walk(scope, product, lot);
    long after = 0;
    while (true) {
      List<Traced> page = page(scope, product, lot, up, after, 500);
      for (Traced t : page) {
        UnitTrace u = t.trace();
        out.write(
            String.join(
                    ",",
                    u.gtin(),
                    Csv.cell(u.serial()),
                    Csv.cell(u.lot()),
                    u.state().name(),
                    u.where(),
                    Csv.cell(u.location()),
                    holds(u.holds()),
                    Csv.cell(u.order()),
                    Csv.cell(u.channel()),
                    Csv.cell(u.customer()),
                    Csv.cell(u.soldTo()),
                    u.shipped() == null ? "" : u.shipped().toString(),
                    "1",
                    Integer.toString(u.depth()),
                    Csv.cell(u.via()))
                + "\n");
        after = t.id();
      }
      out.flush();
      if (page.size() < 500) {
        break;
      }
    }
    for (StockTrace s : stock(scope, product, lot)) {
      out.write(
          String.join(
                  ",",
                  "",
                  "",
                  Csv.cell(lot.code()),
                  "",
                  s.reserved() ? "ON_ORDER" : "IN_STOCK",
                  Csv.cell(s.location()),
                  holds(s.holds()),
                  "",
                  "",
                  "",
                  "",
                  "",
                  Long.toString(s.quantity()),
                  "0",
                  "")
              + "\n");
    }
    out.flush();
  }

  private static String holds(List<Hold> holds) {
    return String.join(" ", holds.stream().map(Hold::name).toList());
  }

  private Ancestry.Walk walk(TenantScope scope, Product product, Lot lot) {
    return ancestry.of(
        scope.tenantId(), new ProductId(product.id()), new LotId(lot.id()), lot.code());
  }

  /**
   * The next {@code limit} units after {@code after} by id, of the lot's own units and the units
   * containing it merged: the first {@code limit} of each list hold the first {@code limit} of
   * both.
   */
  private List<Traced> page(
      TenantScope scope, Product product, Lot lot, Ancestry.Walk up, long after, int limit) {
    List<Inventory.UnitPosition> own =
        inventory.unitsOf(
            scope.tenantId(),
            new ProductId(product.id()),
            List.of(new LotId(lot.id())),
            null,
            null,
            after,
            limit);
    Map<Long, Inventory.UnitPosition> byId = new TreeMap<>();
    own.forEach(u -> byId.put(u.id(), u));
    List<Long> containing =
        up.after(after, limit).stream().filter(id -> !byId.containsKey(id)).toList();
    byId.putAll(inventory.units(scope.tenantId(), containing));
    List<Inventory.UnitPosition> found = byId.values().stream().limit(limit).toList();
    List<Long> ids = found.stream().map(Inventory.UnitPosition::id).toList();
    Map<Long, Sales.Sale> sold = new HashMap<>();
    sales.ofUnits(scope.tenantId(), ids).forEach(s -> sold.put(s.unitId(), s));
    Map<Long, Sales.Reserved> reserved = new HashMap<>();
    sales.reservedFor(scope.tenantId(), ids).forEach(r -> reserved.put(r.unitId(), r));
    Map<LocationId, Location> places =
        facility.locations(
            found.stream()
                .map(Inventory.UnitPosition::locationId)
                .filter(l -> l != null)
                .distinct()
                .toList());
    Map<ProductId, Product> products =
        catalog.products(
            scope.tenantId(),
            found.stream().map(Inventory.UnitPosition::productId).distinct().toList());
    Map<LotId, Lot> lots =
        catalog.lotsById(
            scope.tenantId(),
            found.stream()
                .map(Inventory.UnitPosition::lotId)
                .filter(l -> l != null)
                .distinct()
                .toList());
    up.prepare(ids);
    List<Traced> out = new ArrayList<>(found.size());
    for (Inventory.UnitPosition u : found) {
      Location at = u.locationId() == null ? null : places.get(u.locationId());
      Sales.Reserved r = reserved.get(u.id());
      Sales.Sale s = sold.get(u.id());
      Product p = products.get(u.productId());
      Lot l = u.lotId() == null ? null : lots.get(u.lotId());
      boolean ofLot = product.id() == u.productId().value() && lot.id() == lotValue(u.lotId());
      Ancestry.Reach reach = ofLot ? null : up.reach(u.id());
      out.add(
          new Traced(
              u.id(),
              new UnitTrace(
                  u.gtin().value(),
                  u.serial(),
                  p == null ? null : p.sku(),
                  l == null ? null : l.code(),
                  reach == null ? 0 : reach.depth(),
                  reach == null ? null : reach.via(),
                  u.state(),
                  Whereabouts.of(u.state()).name(),
                  at == null ? null : at.code(),
                  Hold.of(u.holds()),
                  r != null ? r.order() : s != null ? s.order() : null,
                  r != null ? r.channel() : s != null ? s.channel() : null,
                  s == null ? null : s.customer(),
                  s == null ? null : s.soldTo(),
                  s == null ? null : s.shipDate())));
    }
    return out;
  }

  private static long lotValue(LotId lot) {
    return lot == null ? -1 : lot.value();
  }

  private List<StockTrace> stock(TenantScope scope, Product product, Lot lot) {
    List<Inventory.StockBucket> buckets =
        inventory.stock(scope.tenantId(), new ProductId(product.id()), new LotId(lot.id()));
    Map<LocationId, Location> places =
        facility.locations(buckets.stream().map(Inventory.StockBucket::locationId).toList());
    List<StockTrace> out = new ArrayList<>(buckets.size());
    for (Inventory.StockBucket b : buckets) {
      Location at = places.get(b.locationId());
      out.add(
          new StockTrace(
              at == null ? null : at.code(),
              Hold.of(b.holds() & ~Reservations.RESERVED),
              (b.holds() & Reservations.RESERVED) != 0,
              b.quantity()));
    }
    return out;
  }

  /** Backward: what the unit is, where it came from, and what went into it, at any depth. */
  Origin backward(TenantScope scope, UnitRef ref) {
    return backward(scope, ref, 0);
  }

  /** The unit's own origin, without its parts (for a caller that walks the genealogy itself). */
  Origin origin(TenantScope scope, UnitRef ref) {
    return backward(scope, ref, MAX_DEPTH);
  }

  private Origin backward(TenantScope scope, UnitRef ref, int depth) {
    Units.Located located = units.locate(scope, ref).orElse(null);
    Units.UnitView u = located == null ? units.require(scope, ref) : located.view();
    Units.HistoryEntry first = null;
    for (Units.HistoryEntry e : units.history(scope, ref, null, 20).items()) {
      if (first == null
          || e.type().name().equals("RECEIVED") && !first.type().name().equals("RECEIVED")) {
        first = e;
      }
    }
    String po = null;
    String asn = null;
    if (first != null && first.bizTransactions() != null) {
      for (var t : first.bizTransactions()) {
        String type = t.path("type").asString("");
        if (type.equals("po")) {
          po = t.path("id").asString(null);
        } else if (type.equals("desadv")) {
          asn = t.path("id").asString(null);
        }
      }
    }
    var order = po == null ? null : purchaseOrders.byNumber(scope.tenantId(), po).orElse(null);
    return new Origin(
        u.sku(),
        u.product(),
        u.lot(),
        u.manufactured(),
        u.expiry(),
        first == null ? null : first.type().name(),
        first == null ? null : first.location(),
        po,
        order == null ? null : order.vendor(),
        order == null ? null : order.vendorGln(),
        asn,
        vendorLots.ofUnit(scope.tenantId(), ref).orElse(null),
        depth >= MAX_DEPTH ? List.of() : parts(scope, located.id(), depth));
  }

  private List<Part> parts(TenantScope scope, long unitId, int depth) {
    List<Genealogy.Link> links = genealogy.components(scope.tenantId(), unitId, true);
    if (links.isEmpty()) {
      return List.of();
    }
    Map<ProductId, Product> products =
        catalog.products(
            scope.tenantId(), links.stream().map(Genealogy.Link::product).distinct().toList());
    Map<LotId, Lot> lots =
        catalog.lotsById(
            scope.tenantId(),
            links.stream().map(Genealogy.Link::lot).filter(l -> l != null).distinct().toList());
    List<Part> parts = new ArrayList<>();
    for (Genealogy.Link l : links) {
      Product p = products.get(l.product());
      Lot lot = l.lot() == null ? null : lots.get(l.lot());
      String sku = p == null ? null : p.sku();
      String code = lot == null ? null : lot.code();
      if (l.unit()) {
        UnitRef child = new UnitRef(l.gtin(), new Serial(l.serial()));
        parts.add(
            new Part(
                l.gtin().value(),
                l.serial(),
                sku,
                code,
                1,
                !l.active(),
                backward(scope, child, depth + 1),
                List.of()));
      } else {
        parts.add(
            new Part(
                null,
                null,
                sku,
                code,
                l.quantity(),
                !l.active(),
                null,
                code == null
                    ? List.of()
                    : vendorLots.suppliesOf(scope.tenantId(), l.product(), code)));
      }
    }
    return parts;
  }

  private Product product(TenantScope scope, String sku) {
    if (sku == null || sku.isBlank()) {
      throw Problem.badRequest("invalid-field", "product", "name the product (SKU)");
    }
    return catalog
        .bySku(scope.tenantId(), sku.strip())
        .orElseThrow(() -> Problem.badRequest("unknown-product", "product", "no product " + sku));
  }

  private Lot lot(TenantScope scope, Product product, String code) {
    if (code == null || code.isBlank()) {
      throw Problem.badRequest("invalid-field", "lot", "name the lot");
    }
    return catalog
        .findLot(scope.tenantId(), product.id(), code.strip())
        .orElseThrow(
            () ->
                Problem.badRequest(
                    "unknown-lot", "lot", "product " + product.sku() + " has no lot " + code));
  }
}
