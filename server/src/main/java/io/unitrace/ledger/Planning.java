package io.unitrace.ledger;

import io.unitrace.catalog.Catalog;
import io.unitrace.catalog.CatalogInput;
import io.unitrace.catalog.CustomField;
import io.unitrace.catalog.Lot;
import io.unitrace.catalog.LotCode;
import io.unitrace.catalog.Product;
import io.unitrace.catalog.Serial;
import io.unitrace.catalog.TrackingRule;
import io.unitrace.facility.Facility;
import io.unitrace.facility.Location;
import io.unitrace.facility.LocationId;
import io.unitrace.facility.LocationType;
import io.unitrace.gs1.Gtin;
import io.unitrace.gs1.Sscc;
import io.unitrace.shared.Problem;
import io.unitrace.tenancy.TenantScope;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * What the commands share while planning: resolving products, lots, locations, units and
 * containers, and refusals moved to the field that caused them.
 */
@Component
class Planning {

  private final Catalog catalog;
  private final Facility facility;
  private final UnitRows rows;
  private final ContainerRows containers;

  Planning(Catalog catalog, Facility facility, UnitRows rows, ContainerRows containers) {
    this.catalog = catalog;
    this.facility = facility;
    this.rows = rows;
    this.containers = containers;
  }

  /**
   * The location a command names. Never a TRANSIT location: goods on their way are in no building,
   * and leave it only by arriving through their transfer.
   */
  Location require(String code, String field) {
    Location l = facility.require(code, field);
    if (l.type() == LocationType.TRANSIT) {
      throw Problem.conflict(
              "in-transit",
              field,
              l.code()
                  + " holds goods on their way to "
                  + l.warehouse()
                  + ": they arrive by receiving their transfer there")
          .with("rule", "transit-by-transfer");
    }
    return l;
  }

  /** Where counted goods on their way to {@code warehouse} are kept (ADR 0023). */
  Location transit(String warehouse) {
    return facility.transit(warehouse);
  }

  Location location(long id) {
    return facility.byId(id).orElseThrow();
  }

  /**
   * Goods stay in their building: a move, a putaway, packing or nesting from {@code fromLocation}
   * (null: nowhere yet) to {@code to} may not cross into another warehouse. Stock goes from one
   * warehouse to another only by a transfer, shipped from one and received at the other.
   */
  void sameWarehouse(Long fromLocation, Location to, String field, String what) {
    if (fromLocation == null || fromLocation == to.id()) {
      return;
    }
    Location from = location(fromLocation);
    if (!from.warehouse().equals(to.warehouse())) {
      throw Problem.conflict(
              "another-warehouse",
              field,
              what
                  + " is in warehouse "
                  + from.warehouse()
                  + " ("
                  + from.code()
                  + ") and "
                  + to.code()
                  + " in warehouse "
                  + to.warehouse()
                  + ": goods leave a warehouse only by a transfer, shipped from one and received at"
                  + " the other")
          .with("rule", "same-warehouse");
    }
  }

  /**
   * Goods a putaway wanted are no longer RECEIVED on the dock: the refusal says where they are now,
   * read after the claim, so it is the committed state of whoever was faster.
   */
  Problem notOnDock(String field, String what, UnitState state, Long locationId, Location dock) {
    String at =
        locationId == null
            ? null
            : facility.locations(List.of(new LocationId(locationId))).values().stream()
                .map(Location::code)
                .findFirst()
                .orElse(null);
    return Problem.conflict(
            "not-on-dock",
            field,
            what
                + " is no longer received on "
                + dock.code()
                + ": it is "
                + (state == null ? "" : state + " ")
                + "at "
                + (at == null ? "no location" : at)
                + "; only goods still on the dock are put away")
        .with("rule", "putaway-from-dock")
        .with("state", state == null ? null : state.name())
        .with("location", at);
  }

  StockPlanner stock(TenantScope scope) {
    return new StockPlanner(scope);
  }

  UnitPlanner units(TenantScope scope, int size) {
    return new UnitPlanner(scope, size);
  }

  Product product(TenantScope scope, long productId) {
    return catalog.byId(scope.tenantId(), productId).orElseThrow();
  }

  /** A lot-tracked or untracked product, with its lot if it is lot-tracked. */
  record StockItem(Product product, Lot lot) {}

  /**
   * Resolves the product and lot of a quantity, looking each up once per command. With {@code
   * arriving}, a lot not yet known is created (with its dates), as at registration; otherwise the
   * lot must exist.
   */
  final class StockPlanner {

    private final TenantScope scope;

    /** A quantity's goods as the request names them; each is resolved once. */
    private record Named(String gtin, String lot, LocalDate expiry, LocalDate manufactured) {}

    private final Map<Named, StockItem> items = new HashMap<>();

    StockPlanner(TenantScope scope) {
      this.scope = scope;
    }

    StockItem item(
        String gtinText,
        String lotText,
        LocalDate expiry,
        LocalDate manufactured,
        boolean arriving,
        String at) {
      Named key = new Named(gtinText, lotText, expiry, manufactured);
      StockItem known = items.get(key);
      if (known != null) {
        return known;
      }
      Gtin gtin = gtin(gtinText, at + "gtin");
      Product product = product(scope, gtin, at);
      if (product.serialRule(false).isPresent()) {
        // The stock book's own code for a quantity of serialized goods.
        throw Problem.unprocessable(
            "serialized",
            at + "gtin",
            product.sku() + " is tracked by serial: name its units, not a quantity");
      }
      requireLotRule(product, lotText, at);
      Lot lot = null;
      if (product.tracking().lotted()) {
        LotCode code = CatalogInput.lot(at + "lot", lotText.strip());
        if (arriving) {
          lot = atLot(at, () -> catalog.lot(scope.tenantId(), product, code, manufactured, expiry));
          requireExpiryRule(product, lot, code, at);
        } else {
          lot =
              catalog
                  .findLot(scope.tenantId(), product.id(), code)
                  .orElseThrow(
                      () ->
                          Problem.unprocessable(
                              "unknown-lot", at + "lot", product.sku() + " has no lot " + code));
        }
      }
      StockItem item = new StockItem(product, lot);
      items.put(key, item);
      return item;
    }
  }

  /**
   * A unit to register, checked against its product: what the registration and the receipt paths
   * share.
   */
  record Planned(
      Product product, Gtin gtin, Serial serial, Long lotId, Map<String, String> fields) {}

  /**
   * Checks new units one by one, looking each product and lot up once per command, and refusing a
   * serial named twice.
   */
  final class UnitPlanner {

    private final TenantScope scope;
    private final Map<String, Product> products = new HashMap<>();

    /** A lot of a product with the dates a unit names it with; each is resolved once. */
    private record LotAsNamed(
        long productId, LotCode code, LocalDate expiry, LocalDate manufactured) {}

    /** A serial within the scope it must be unique in ({@link Product#serialScopeKey}). */
    private record ScopedSerial(String scope, Serial serial) {}

    private final Map<LotAsNamed, Lot> lots = new HashMap<>();
    private final Set<ScopedSerial> seen;

    UnitPlanner(TenantScope scope, int size) {
      this.scope = scope;
      this.seen = new HashSet<>(size * 2);
    }

    Planned unit(UnitBook.NewUnit u, String at) {
      if (u == null) {
        throw Problem.badRequest(
            "invalid-field", at.substring(0, at.length() - 1), "a unit entry is empty");
      }
      Gtin gtin = gtin(u.gtin(), at + "gtin");
      Product product = products.computeIfAbsent(gtin.value(), g -> product(scope, gtin, at));
      Optional<TrackingRule> notByUnit = product.serialRule(true);
      if (notByUnit.isPresent()) {
        throw Problem.unprocessable(
            notByUnit.get().code(), at + "gtin", notByUnit.get().message(product));
      }
      Serial serial = CatalogInput.serial(at + "serial", u.serial());
      if (!product.acceptsSerial(serial.value())) {
        throw Problem.badRequest(
            "serial-format",
            at + "serial",
            "serial "
                + serial
                + " does not match the pattern of "
                + product.sku()
                + ": "
                + product.serialPattern());
      }
      if (!seen.add(new ScopedSerial(product.serialScopeKey(gtin), serial))) {
        throw Problem.badRequest(
            "duplicate-in-request",
            at + "serial",
            "serial " + serial + " appears twice in this request");
      }
      requireLotRule(product, u.lot(), at);
      Long lotId = null;
      if (product.tracking().lotted()) {
        LotCode code = CatalogInput.lot(at + "lot", u.lot().strip());
        Lot lot =
            lots.computeIfAbsent(
                new LotAsNamed(product.id(), code, u.expiry(), u.manufactured()),
                k ->
                    atLot(
                        at,
                        () ->
                            catalog.lot(
                                scope.tenantId(), product, code, u.manufactured(), u.expiry())));
        requireExpiryRule(product, lot, code, at);
        lotId = lot.id();
      }
      return new Planned(
          product, gtin, serial, lotId, fields(product, u.fields(), at + "fields", true));
    }
  }

  /** The client's product with this GTIN; refused at the goods' "gtin" if it has none. */
  private Product product(TenantScope scope, Gtin gtin, String at) {
    return catalog
        .byGtin(scope.tenantId(), gtin)
        .orElseThrow(
            () ->
                Problem.unprocessable(
                    "unknown-gtin",
                    at + "gtin",
                    "no product of client " + scope.tenantCode() + " has GTIN " + gtin));
  }

  /** The catalog's lot rule for goods that name a lot or not, refused at their "lot". */
  private static void requireLotRule(Product product, String lotText, String at) {
    Optional<TrackingRule> broken = product.lotRule(lotText != null && !lotText.isBlank());
    if (broken.isPresent()) {
      throw Problem.badRequest(broken.get().code(), at + "lot", broken.get().message(product));
    }
  }

  /** The catalog's expiry rule for a lot as recorded, refused at the goods' "expiry". */
  private static void requireExpiryRule(Product product, Lot lot, LotCode code, String at) {
    Optional<TrackingRule> broken = product.expiryRule(lot.expiresOn() != null);
    if (broken.isPresent()) {
      throw Problem.badRequest(
          broken.get().code(),
          at + "expiry",
          product.sku() + " tracks expiry: lot " + code + " needs an expiry date");
    }
  }

  UnitRows.Loaded load(TenantScope scope, UnitRef ref) {
    return rows.find(scope.tenantId(), ref)
        .orElseThrow(
            () ->
                Problem.notFound(
                    "unknown-unit", "client " + scope.tenantCode() + " has no unit " + ref));
  }

  Container container(TenantScope scope, Sscc sscc, String field) {
    return containers
        .bySscc(scope.tenantId(), sscc)
        .orElseThrow(
            () ->
                Problem.unprocessable(
                    "unknown-container",
                    field,
                    "client " + scope.tenantCode() + " has no container " + sscc));
  }

  static int holdBits(Set<Hold> holds) {
    int bits = 0;
    for (Hold h : holds == null ? Set.<Hold>of() : holds) {
      bits |= h.bit();
    }
    return bits;
  }

  /** Checks custom field values against the product's schema and returns them in stored form. */
  static Map<String, String> fields(
      Product product, Map<String, String> given, String path, boolean registration) {
    Map<String, String> values = new TreeMap<>();
    if (given != null) {
      for (var e : given.entrySet()) {
        CustomField field =
            product
                .field(e.getKey())
                .orElseThrow(
                    () ->
                        Problem.badRequest(
                            "unknown-field",
                            path + "." + e.getKey(),
                            product.sku() + " has no custom field '" + e.getKey() + "'"));
        values.put(field.name(), field.normalise(e.getValue(), path + "." + e.getKey()));
      }
    }
    if (registration) {
      for (CustomField f : product.customFields()) {
        if (f.required() && !values.containsKey(f.name())) {
          throw Problem.badRequest(
              "missing-field",
              path + "." + f.name(),
              product.sku() + " units need the field " + f.name());
        }
      }
    }
    return values;
  }

  static Gtin gtin(String text, String field) {
    try {
      return Gtin.parse(text);
    } catch (IllegalArgumentException e) {
      throw Problem.badRequest("invalid-gtin", field, e.getMessage());
    }
  }

  /** Runs {@code s}, relocating a refusal to {@code field} (e.g. "units[7].serial"). */
  static <T> T at(String field, Supplier<T> s) {
    try {
      return s.get();
    } catch (Problem p) {
      throw p.at(field);
    }
  }

  /**
   * Like {@link #at}, but a lot's dates keep their own field: a wrong expiry is the unit's
   * "expiry", not its "lot".
   */
  static <T> T atLot(String unit, Supplier<T> s) {
    try {
      return s.get();
    } catch (Problem p) {
      String field =
          switch (p.field() == null ? "" : p.field()) {
            case "expiry", "expiresOn" -> unit + "expiry";
            case "manufacturedOn" -> unit + "manufactured";
            default -> unit + "lot";
          };
      throw p.at(field);
    }
  }

  static List<UnitRef> distinct(List<UnitRef> refs) {
    return new ArrayList<>(new LinkedHashSet<>(refs));
  }

  static void requireHold(Hold hold) {
    if (hold == null) {
      throw Problem.badRequest(
          "invalid-field", "hold", "hold is one of SUSPECT, RECALL, QC, EXPIRED, DAMAGED");
    }
  }

  static void requireReason(String reason) {
    if (reason == null || reason.isBlank()) {
      throw Problem.badRequest("invalid-field", "reason", "say why: a reason is required");
    }
  }

  static Map<String, Object> reasonDetails(Map<String, Object> base, String reason) {
    Map<String, Object> d = new LinkedHashMap<>(base);
    if (reason != null && !reason.isBlank()) {
      d.put("reason", reason.strip());
    }
    return d;
  }
}
