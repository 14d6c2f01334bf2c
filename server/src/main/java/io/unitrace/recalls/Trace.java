package io.unitrace.recalls;

import io.unitrace.catalog.Catalog;
import io.unitrace.catalog.Lot;
import io.unitrace.catalog.LotId;
import io.unitrace.catalog.Product;
import io.unitrace.catalog.ProductId;
import io.unitrace.facility.Facility;
import io.unitrace.facility.Location;
import io.unitrace.facility.LocationId;
import io.unitrace.inbound.PurchaseOrders;
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
import org.springframework.stereotype.Service;

/**
 * Trace. Forward: where every unit of a lot is now — in stock (location, holds), on an order
 * (allocated, picked, packed), shipped (customer, channel, order, date), back from a customer,
 * scrapped — read a page at a time from the ledger, the sales from outbound and the places from the
 * facility, one statement each per page. Backward: what a unit is (product, lot, made, expiry) and
 * where it came from (the purchase order, vendor and ship notice its receipt named).
 */
@Service
class Trace {

  /** One unit of a lot, as the forward trace shows it. */
  record UnitTrace(
      String gtin,
      String serial,
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

  /** The forward trace of a lot: its units a page at a time, and (first page) its counted stock. */
  record LotTrace(
      String sku,
      String lot,
      LocalDate expiry,
      CursorPage<UnitTrace> units,
      List<StockTrace> stock) {}

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
      String asn) {}

  private final Catalog catalog;
  private final Inventory inventory;
  private final Units units;
  private final Facility facility;
  private final Sales sales;
  private final PurchaseOrders purchaseOrders;

  Trace(
      Catalog catalog,
      Inventory inventory,
      Units units,
      Facility facility,
      Sales sales,
      PurchaseOrders purchaseOrders) {
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
    CursorPage<UnitTrace> page =
        CursorPage.of(page(scope, product, lot, after, limit + 1), limit, Traced::id)
            .map(Traced::trace);
    return new LotTrace(
        product.sku(),
        lot.code(),
        lot.expiresOn(),
        page,
        after == 0 ? stock(scope, product, lot) : List.of());
  }

  /** The forward trace as CSV, every unit then every bucket, a page at a time. */
  void forwardCsv(TenantScope scope, String sku, String lotCode, Writer out) throws IOException {
    Product product = product(scope, sku);
    Lot lot = lot(scope, product, lotCode);
    out.write(
        "gtin,serial,lot,state,where,location,holds,order,channel,customer,sold_to,shipped,quantity\n");
    long after = 0;
    while (true) {
      List<Traced> page = page(scope, product, lot, after, 500);
      for (Traced t : page) {
        UnitTrace u = t.trace();
        out.write(
            String.join(
                    ",",
                    u.gtin(),
                    Csv.cell(u.serial()),
                    Csv.cell(lot.code()),
                    u.state().name(),
                    u.where(),
                    Csv.cell(u.location()),
                    holds(u.holds()),
                    Csv.cell(u.order()),
                    Csv.cell(u.channel()),
                    Csv.cell(u.customer()),
                    Csv.cell(u.soldTo()),
                    u.shipped() == null ? "" : u.shipped().toString(),
                    "1")
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
                  Long.toString(s.quantity()))
              + "\n");
    }
    out.flush();
  }

  private static String holds(List<Hold> holds) {
    return String.join(" ", holds.stream().map(Hold::name).toList());
  }

  private List<Traced> page(TenantScope scope, Product product, Lot lot, long after, int limit) {
    List<Inventory.UnitPosition> found =
        inventory.unitsOf(
            scope.tenantId(),
            new ProductId(product.id()),
            List.of(new LotId(lot.id())),
            null,
            null,
            after,
            limit);
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
    List<Traced> out = new ArrayList<>(found.size());
    for (Inventory.UnitPosition u : found) {
      Location at = u.locationId() == null ? null : places.get(u.locationId());
      Sales.Reserved r = reserved.get(u.id());
      Sales.Sale s = sold.get(u.id());
      out.add(
          new Traced(
              u.id(),
              new UnitTrace(
                  u.gtin().value(),
                  u.serial(),
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

  /** Backward: what the unit is and where it came from. */
  Origin backward(TenantScope scope, UnitRef ref) {
    Units.UnitView u = units.require(scope, ref);
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
        asn);
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
