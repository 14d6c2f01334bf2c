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
import io.unitrace.gs1.Gtin;
import io.unitrace.ledger.Genealogy;
import io.unitrace.ledger.Hold;
import io.unitrace.ledger.Inventory;
import io.unitrace.ledger.Scans;
import io.unitrace.ledger.UnitRef;
import io.unitrace.ledger.Units;
import io.unitrace.shared.Problem;
import io.unitrace.tenancy.TenantScope;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.springframework.stereotype.Service;

/**
 * What the trace screen may ask of this module, answered as trees to be shown. A lot: its units
 * grouped by where they are (with the place, order and customer of each), a page at a time, and its
 * counted stock — {@link Trace}'s forward trace. A unit: where it came from ({@link Trace}'s
 * backward trace), what it was built into and what went into it, walked through the ledger's {@link
 * Genealogy} a level at a time, components taken out again shown as such.
 *
 * <p>A walk stops at {@link #MAX_NODES} units or {@link #MAX_DEPTH} levels and says so: an assembly
 * is tens of parts, and a screen on a phone is no place for more.
 */
@Service
public class TraceScreen {

  /** Units of a lot shown per page. */
  public static final int UNITS_PER_PAGE = 500;

  static final int MAX_NODES = 300;
  static final int MAX_DEPTH = 12;

  /** One unit of a lot: where it is, and the order and customer it went to. */
  public record UnitLine(
      String gtin,
      String serial,
      String state,
      String location,
      List<String> holds,
      String order,
      String channel,
      String customer,
      String soldTo,
      LocalDate shipped) {}

  /** Units of a lot at one kind of place ({@code key}: the whereabouts). */
  public record Group(String key, String label, List<UnitLine> units) {}

  /** A bucket of the lot's counted stock: on an order ({@code reserved}) or in stock. */
  public record StockLine(String location, List<String> holds, boolean reserved, long quantity) {}

  /**
   * The forward trace of a lot: this page of its units grouped, and (first page only) its counted
   * stock; {@code next} the cursor of the next page of units.
   */
  public record LotTree(
      String sku,
      String product,
      String lot,
      LocalDate expiry,
      int units,
      List<Group> groups,
      List<StockLine> stock,
      boolean firstPage,
      String next) {}

  /** Where a unit came from: its first sighting and the purchase order, vendor and ASN named. */
  public record Origin(
      LocalDate manufactured,
      LocalDate expiry,
      String firstEvent,
      String firstSeenAt,
      String purchaseOrder,
      String vendor,
      String vendorGln,
      String asn) {}

  /**
   * A unit or a counted quantity in an assembly tree. A unit has a GTIN and serial (quantity 1); a
   * counted component has neither. {@code takenOut}: a disassembly took it out (or took the unit
   * out of this parent); {@code next} is the next level — its components, or what it was built into
   * — and {@code cut} says the walk stopped here.
   */
  public record Node(
      String gtin,
      String serial,
      String sku,
      String product,
      String lot,
      String state,
      String location,
      List<String> holds,
      long quantity,
      boolean takenOut,
      List<Node> next,
      boolean cut) {

    public boolean unit() {
      return serial != null;
    }
  }

  /** The trace of a unit: itself, where it came from, what it is in and what is in it. */
  public record UnitTree(
      Node unit, Origin origin, List<Node> builtInto, List<Node> components, boolean cut) {}

  private final Trace trace;
  private final Units units;
  private final Genealogy genealogy;
  private final Inventory inventory;
  private final Catalog catalog;
  private final Facility facility;

  TraceScreen(
      Trace trace,
      Units units,
      Genealogy genealogy,
      Inventory inventory,
      Catalog catalog,
      Facility facility) {
    this.trace = trace;
    this.units = units;
    this.genealogy = genealogy;
    this.inventory = inventory;
    this.catalog = catalog;
    this.facility = facility;
  }

  /** A lot of a product named by SKU or GTIN; refusals name {@code product} or {@code lot}. */
  public LotTree lot(TenantScope scope, String product, String lot, String cursor) {
    if (product == null || product.isBlank()) {
      throw Problem.badRequest("invalid-field", "product", "name the product (SKU or GTIN)");
    }
    Product p = ProductByName.find(catalog, scope.tenantId(), product.strip());
    Trace.LotTrace t = trace.forward(scope, p.sku(), lot, cursor, UNITS_PER_PAGE);
    Map<Whereabouts, List<UnitLine>> by = new EnumMap<>(Whereabouts.class);
    for (Trace.UnitTrace u : t.units().items()) {
      by.computeIfAbsent(Whereabouts.valueOf(u.where()), w -> new ArrayList<>())
          .add(
              new UnitLine(
                  u.gtin(),
                  u.serial(),
                  u.state().name(),
                  u.location(),
                  names(u.holds()),
                  u.order(),
                  u.channel(),
                  u.customer(),
                  u.soldTo(),
                  u.shipped()));
    }
    List<Group> groups = new ArrayList<>();
    by.forEach((w, list) -> groups.add(new Group(w.name(), RecallsScreen.label(w), list)));
    return new LotTree(
        t.sku(),
        p.name(),
        t.lot(),
        t.expiry(),
        t.units().items().size(),
        groups,
        t.stock().stream()
            .map(s -> new StockLine(s.location(), names(s.holds()), s.reserved(), s.quantity()))
            .toList(),
        cursor == null || cursor.isBlank(),
        t.units().next());
  }

  /**
   * A unit named by a scan (any GS1 form the scanners send) or by GTIN and serial; refusals name
   * {@code scan}, {@code gtin} or {@code serial}.
   */
  public UnitTree unit(TenantScope scope, String scan, String gtin, String serial) {
    UnitRef ref = ref(scan, gtin, serial);
    Units.Located found =
        units.locate(scope, ref).orElseThrow(() -> notFound(scope, ref, scan == null));
    Trace.Origin o = trace.origin(scope, ref);
    Units.UnitView v = found.view();
    Walk walk = new Walk(scope.tenantId());
    walk.seen.add(found.id());
    List<Node> builtInto = walk.parents(found.id(), 1);
    walk.seen.clear();
    walk.seen.add(found.id());
    List<Node> components = walk.components(found.id(), 1);
    Node unit =
        new Node(
            v.gtin(),
            v.serial(),
            v.sku(),
            v.product(),
            v.lot(),
            v.state().name(),
            v.location(),
            names(v.holds()),
            1,
            false,
            List.of(),
            false);
    return new UnitTree(
        unit,
        new Origin(
            o.manufactured(),
            o.expiry(),
            o.firstEvent(),
            o.firstSeenAt(),
            o.purchaseOrder(),
            o.vendor(),
            o.vendorGln(),
            o.asn()),
        builtInto,
        components,
        walk.cut);
  }

  private static Problem notFound(TenantScope scope, UnitRef ref, boolean byFields) {
    return new Problem(
        404,
        "unknown-unit",
        byFields ? "serial" : "scan",
        "client " + scope.tenantCode() + " has no unit " + ref);
  }

  private static UnitRef ref(String scan, String gtin, String serial) {
    if (scan != null && !scan.isBlank()) {
      return Scans.unit(scan.strip(), "scan");
    }
    if (gtin == null || gtin.isBlank()) {
      throw Problem.badRequest(
          "invalid-field", "gtin", "scan the unit, or give its GTIN and serial");
    }
    if (serial == null || serial.isBlank()) {
      throw Problem.badRequest("invalid-field", "serial", "give the unit's serial");
    }
    Gtin g;
    try {
      String digits = gtin.strip();
      g =
          new Gtin(
              digits.matches("\\d{8}|\\d{12,13}")
                  ? "0".repeat(14 - digits.length()) + digits
                  : digits);
    } catch (IllegalArgumentException e) {
      throw Problem.badRequest("invalid-field", "gtin", e.getMessage());
    }
    try {
      return new UnitRef(g, new Serial(serial.strip()));
    } catch (IllegalArgumentException e) {
      throw Problem.badRequest("invalid-field", "serial", e.getMessage());
    }
  }

  private static List<String> names(List<Hold> holds) {
    return holds.stream().map(Hold::name).toList();
  }

  /**
   * One walk through the genealogy, a level at a time: each level's units, products, lots and
   * places read in one statement each. {@code seen} keeps a unit from being walked twice.
   */
  private final class Walk {

    final long tenant;
    final Set<Long> seen = new HashSet<>();
    int nodes;
    boolean cut;

    Walk(long tenant) {
      this.tenant = tenant;
    }

    List<Node> components(long unitId, int depth) {
      List<Genealogy.Link> links = genealogy.components(tenant, unitId, true);
      Names names =
          resolve(
              links.stream().map(Genealogy.Link::unitId).filter(Objects::nonNull).toList(),
              links.stream().map(Genealogy.Link::product).toList(),
              links.stream().map(Genealogy.Link::lot).filter(Objects::nonNull).toList(),
              links.stream()
                  .map(Genealogy.Link::locationId)
                  .filter(Objects::nonNull)
                  .map(LocationId::new)
                  .toList());
      List<Node> out = new ArrayList<>();
      for (Genealogy.Link l : links) {
        if (++nodes > MAX_NODES) {
          cut = true;
          break;
        }
        if (!l.unit()) {
          Product p = names.products.get(l.product());
          Lot lot = l.lot() == null ? null : names.lots.get(l.lot());
          Location at =
              l.locationId() == null ? null : names.places.get(new LocationId(l.locationId()));
          out.add(
              new Node(
                  null,
                  null,
                  p == null ? null : p.sku(),
                  p == null ? null : p.name(),
                  lot == null ? null : lot.code(),
                  null,
                  at == null ? null : at.code(),
                  List.of(),
                  l.quantity(),
                  !l.active(),
                  List.of(),
                  false));
          continue;
        }
        boolean atLimit = depth >= MAX_DEPTH;
        boolean deeper = !atLimit && seen.add(l.unitId());
        boolean stopped = atLimit && !genealogy.components(tenant, l.unitId(), true).isEmpty();
        cut |= stopped;
        out.add(
            unitNode(
                names,
                l.unitId(),
                l.gtin(),
                l.serial(),
                !l.active(),
                deeper ? components(l.unitId(), depth + 1) : List.of(),
                stopped));
      }
      return out;
    }

    List<Node> parents(long unitId, int depth) {
      List<Genealogy.Link> links = genealogy.parents(tenant, unitId, true);
      Names names =
          resolve(
              links.stream().map(Genealogy.Link::parentId).toList(),
              List.of(),
              List.of(),
              List.of());
      List<Node> out = new ArrayList<>();
      for (Genealogy.Link l : links) {
        if (++nodes > MAX_NODES) {
          cut = true;
          break;
        }
        boolean atLimit = depth >= MAX_DEPTH;
        boolean deeper = !atLimit && seen.add(l.parentId());
        boolean stopped = atLimit && !genealogy.parents(tenant, l.parentId(), true).isEmpty();
        cut |= stopped;
        out.add(
            unitNode(
                names,
                l.parentId(),
                l.parentGtin(),
                l.parentSerial(),
                !l.active(),
                deeper ? parents(l.parentId(), depth + 1) : List.of(),
                stopped));
      }
      return out;
    }

    private Node unitNode(
        Names names,
        long id,
        Gtin gtin,
        String serial,
        boolean takenOut,
        List<Node> next,
        boolean stopped) {
      Inventory.UnitPosition u = names.units.get(id);
      Product p = u == null ? null : names.products.get(u.productId());
      Lot lot = u == null || u.lotId() == null ? null : names.lots.get(u.lotId());
      Location at = u == null || u.locationId() == null ? null : names.places.get(u.locationId());
      return new Node(
          gtin.value(),
          serial,
          p == null ? null : p.sku(),
          p == null ? null : p.name(),
          lot == null ? null : lot.code(),
          u == null ? null : u.state().name(),
          at == null ? null : at.code(),
          u == null ? List.of() : names(Hold.of(u.holds())),
          1,
          takenOut,
          next,
          stopped);
    }

    private Names resolve(
        List<Long> unitIds, List<ProductId> products, List<LotId> lots, List<LocationId> places) {
      Map<Long, Inventory.UnitPosition> found =
          unitIds.isEmpty() ? Map.of() : inventory.units(tenant, unitIds);
      Set<ProductId> productIds = new HashSet<>(products);
      Set<LotId> lotIds = new HashSet<>(lots);
      Set<LocationId> placeIds = new HashSet<>(places);
      for (Inventory.UnitPosition u : found.values()) {
        productIds.add(u.productId());
        if (u.lotId() != null) {
          lotIds.add(u.lotId());
        }
        if (u.locationId() != null) {
          placeIds.add(u.locationId());
        }
      }
      return new Names(
          found,
          productIds.isEmpty() ? Map.of() : catalog.products(tenant, productIds),
          lotIds.isEmpty() ? Map.of() : catalog.lotsById(tenant, lotIds),
          placeIds.isEmpty() ? Map.of() : facility.locations(placeIds));
    }
  }

  private record Names(
      Map<Long, Inventory.UnitPosition> units,
      Map<ProductId, Product> products,
      Map<LotId, Lot> lots,
      Map<LocationId, Location> places) {}
}
