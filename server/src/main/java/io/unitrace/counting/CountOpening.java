package io.unitrace.counting;

import io.unitrace.catalog.Catalog;
import io.unitrace.catalog.Lot;
import io.unitrace.catalog.LotId;
import io.unitrace.catalog.Product;
import io.unitrace.catalog.ProductId;
import io.unitrace.facility.Facility;
import io.unitrace.facility.Location;
import io.unitrace.facility.LocationId;
import io.unitrace.facility.LocationType;
import io.unitrace.ledger.Inventory;
import io.unitrace.shared.IdempotencyKeys;
import io.unitrace.shared.Problem;
import io.unitrace.shared.RequestKeyLocks;
import io.unitrace.tenancy.Accounts;
import io.unitrace.tenancy.Role;
import io.unitrace.tenancy.TenantScope;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Opens cycle counts: over named locations (with their subtrees), or of a SKU or lot wherever the
 * warehouse holds it, or for a count plan (the SKUs of one ABC class), one task per location in
 * walking order, once per Idempotency-Key; refusals name the field and write nothing. What a count
 * then is, and its approval, is {@link Counts}'.
 */
@Service
class CountOpening {

  /** The most locations one count may list. */
  static final int MAX_LOCATIONS = 5_000;

  private final Counts counts;
  private final CountRows rows;
  private final AbcClasses abc;
  private final Inventory inventory;
  private final Facility facility;
  private final Catalog catalog;
  private final Accounts accounts;
  private final RequestKeyLocks keyLocks;
  private final TransactionTemplate tx;
  private final Clock clock;

  CountOpening(
      Counts counts,
      CountRows rows,
      AbcClasses abc,
      Inventory inventory,
      Facility facility,
      Catalog catalog,
      Accounts accounts,
      RequestKeyLocks keyLocks,
      TransactionTemplate tx,
      Clock clock) {
    this.counts = counts;
    this.rows = rows;
    this.abc = abc;
    this.inventory = inventory;
    this.facility = facility;
    this.catalog = catalog;
    this.accounts = accounts;
    this.keyLocks = keyLocks;
    this.tx = tx;
    this.clock = clock;
  }

  /**
   * What a supervisor asks to count: {@code locations} (with {@code subtree}, everything below
   * each), or a {@code sku} (and optionally one of its {@code lot}s) wherever the books hold it.
   */
  record Asked(
      String warehouse,
      List<String> locations,
      Boolean subtree,
      String assignee,
      String sku,
      String lot) {

    Asked(String warehouse, List<String> locations, Boolean subtree, String assignee) {
      this(warehouse, locations, subtree, assignee, null, null);
    }
  }

  /**
   * Opens a count of the named locations (with {@code subtree}, of every location below each too)
   * or of a SKU or lot wherever the warehouse holds it, one task per location in walking order:
   * location codes encode aisle, rack and bin, so code order is walking order. Once per
   * Idempotency-Key. Refusals name the field and write nothing.
   */
  Counts.Opened open(TenantScope scope, Asked a, String idempotencyKey) {
    scope.requireRole(Role.SUPERVISOR);
    long tenant = scope.tenantId();
    String requestKey = IdempotencyKeys.digest(idempotencyKey);
    if (requestKey != null) {
      Optional<Long> first = rows.openedUnder(tenant, requestKey);
      if (first.isPresent()) {
        return new Counts.Opened(counts.view(scope, first.get()), true);
      }
    }
    if (a == null || a.warehouse() == null || a.warehouse().isBlank()) {
      throw Problem.badRequest("invalid-field", "warehouse", "name the warehouse to count");
    }
    String warehouse = requireWarehouse(a.warehouse(), "warehouse");
    boolean hasLocations = a.locations() != null && !a.locations().isEmpty();
    if (a.sku() != null && hasLocations) {
      throw Problem.badRequest(
          "invalid-field", "sku", "count either locations or a SKU (or lot), not both");
    }
    if (a.sku() == null && a.lot() != null) {
      throw Problem.badRequest("invalid-field", "sku", "a lot is counted with its SKU: name it");
    }
    Map<String, Location> walk;
    List<CountRows.CountedProduct> products = List.of();
    String abcClass = null;
    boolean subtree = false;
    if (a.sku() != null) {
      if (a.sku().isBlank()) {
        throw Problem.badRequest("invalid-field", "sku", "name the SKU to count");
      }
      Product p =
          catalog
              .bySku(tenant, a.sku().strip())
              .orElseThrow(
                  () ->
                      Problem.unprocessable(
                          "unknown-sku",
                          "sku",
                          "client " + scope.tenantCode() + " has no SKU " + a.sku().strip()));
      Lot lot = null;
      if (a.lot() != null) {
        if (!p.tracking().lotted() || p.tracking().serialized()) {
          throw Problem.unprocessable(
              "not-counted-by-lot",
              "lot",
              p.sku() + " is not counted goods tracked by lot: count it by SKU");
        }
        lot =
            catalog
                .findLot(tenant, p.id(), a.lot().strip())
                .orElseThrow(
                    () ->
                        Problem.unprocessable(
                            "unknown-lot", "lot", p.sku() + " has no lot " + a.lot().strip()));
      }
      products =
          List.of(
              new CountRows.CountedProduct(
                  p.id(), lot == null ? null : lot.id(), lot == null ? null : lot.code()));
      walk = holding(tenant, warehouse, products);
      if (walk.isEmpty()) {
        throw Problem.unprocessable(
            "nothing-to-count",
            lot == null ? "sku" : "lot",
            "the books hold no "
                + p.sku()
                + (lot == null ? "" : " of lot " + lot.code())
                + " in warehouse "
                + warehouse);
      }
      abcClass = abc.classOf(tenant, p.id()).name();
    } else {
      if (!hasLocations) {
        throw Problem.badRequest(
            "invalid-field",
            "locations",
            "name at least one location (a bin, or a zone's code), or a sku");
      }
      subtree = Boolean.TRUE.equals(a.subtree());
      walk = new TreeMap<>();
      for (int i = 0; i < a.locations().size(); i++) {
        String field = "locations[" + i + "]";
        Location l = facility.require(a.locations().get(i), field);
        if (l.type() == LocationType.TRANSIT) {
          throw Problem.unprocessable(
              "in-transit",
              field,
              l.code() + " holds goods on their way, in no building: there is nothing to count");
        }
        if (!l.warehouse().equals(warehouse)) {
          throw Problem.unprocessable(
              "wrong-warehouse",
              field,
              "location " + l.code() + " is in warehouse " + l.warehouse() + ", not " + warehouse);
        }
        if (subtree) {
          List<LocationId> below = facility.subtree(new LocationId(l.id()));
          if (walk.size() + below.size() > MAX_LOCATIONS) {
            throw tooMany("locations");
          }
          Map<String, Location> into = walk;
          facility.locations(below).values().forEach(x -> into.put(x.code(), x));
        } else {
          walk.put(l.code(), l);
        }
        if (walk.size() > MAX_LOCATIONS) {
          throw tooMany("locations");
        }
      }
    }
    String assignee = assignee(scope, a.assignee());
    long now = clock.millis();
    List<CountRows.CountedProduct> counted = products;
    String countedClass = abcClass;
    boolean below = subtree;
    Map<String, Location> locations = walk;
    long id =
        tx.execute(
            s -> {
              if (requestKey != null) {
                keyLocks.lock(tenant, "cycle_count", requestKey);
                Optional<Long> first = rows.openedUnder(tenant, requestKey);
                if (first.isPresent()) {
                  return -first.get();
                }
              }
              return insert(
                  scope,
                  warehouse,
                  below,
                  assignee,
                  requestKey,
                  locations,
                  counted,
                  null,
                  countedClass,
                  now);
            });
    return new Counts.Opened(counts.view(scope, Math.abs(id)), id < 0);
  }

  /**
   * Opens a plan's count now: the warehouse's locations holding any of the products (of one ABC
   * class), each counted only for them. Empty when the books hold none of them there. Joins the
   * caller's transaction, so a plan's claim and its count commit together.
   */
  Optional<Long> openForPlan(
      TenantScope scope,
      String warehouse,
      List<Long> productIds,
      String assignee,
      String planCode,
      String abcClass) {
    scope.requireRole(Role.SUPERVISOR);
    List<CountRows.CountedProduct> products =
        productIds.stream().map(p -> new CountRows.CountedProduct(p, null, null)).toList();
    Map<String, Location> walk =
        products.isEmpty() ? Map.of() : holding(scope.tenantId(), warehouse, products);
    if (walk.isEmpty()) {
      return Optional.empty();
    }
    String who = assignee(scope, assignee);
    long now = clock.millis();
    return Optional.of(
        tx.execute(
            s ->
                insert(
                    scope, warehouse, false, who, null, walk, products, planCode, abcClass, now)));
  }

  private long insert(
      TenantScope scope,
      String warehouse,
      boolean subtree,
      String assignee,
      String requestKey,
      Map<String, Location> walk,
      List<CountRows.CountedProduct> products,
      String planCode,
      String abcClass,
      long now) {
    long tenant = scope.tenantId();
    long created =
        rows.insert(tenant, warehouse, subtree, assignee, requestKey, scope.actor().who(), now);
    rows.insertTasks(tenant, created, List.copyOf(walk.values()));
    if (!products.isEmpty()) {
      rows.insertProducts(tenant, created, products);
    }
    if (planCode != null || abcClass != null) {
      rows.markOrigin(created, planCode, abcClass);
    }
    return created;
  }

  /** The warehouse's locations where the books hold any of the products, in walking order. */
  private Map<String, Location> holding(
      long tenant, String warehouse, List<CountRows.CountedProduct> products) {
    List<LotId> lots =
        products.stream().anyMatch(p -> p.lotId() == null)
            ? null
            : products.stream().map(p -> new LotId(p.lotId())).toList();
    Map<String, Location> walk = new TreeMap<>();
    for (Location l :
        facility
            .locations(
                inventory.locationsHolding(
                    tenant,
                    products.stream().map(p -> new ProductId(p.productId())).toList(),
                    lots))
            .values()) {
      if (l.warehouse().equals(warehouse) && l.type() != LocationType.TRANSIT) {
        walk.put(l.code(), l);
      }
    }
    if (walk.size() > MAX_LOCATIONS) {
      throw tooMany("sku");
    }
    return walk;
  }

  /** The warehouse's code, known to the facility. */
  String requireWarehouse(String code, String field) {
    String warehouse = code.strip();
    if (facility.warehouses().stream().noneMatch(w -> w.code().equals(warehouse))) {
      throw Problem.unprocessable(
          "unknown-warehouse", field, "no warehouse with code " + warehouse);
    }
    return warehouse;
  }

  private static Problem tooMany(String field) {
    return Problem.badRequest(
        "invalid-field",
        field,
        "a count covers at most " + MAX_LOCATIONS + " locations: split it into several");
  }

  /** The counter, if named: a user who works for this client. */
  String assignee(TenantScope scope, String name) {
    if (name == null || name.isBlank()) {
      return null;
    }
    String who = name.strip();
    boolean works =
        accounts.all().stream()
            .anyMatch(
                u ->
                    u.username().equals(who)
                        && u.enabled()
                        && (u.role().seesAllTenants() || u.tenants().contains(scope.tenantId()))
                        && u.role() != Role.CLIENT);
    if (!works) {
      throw Problem.unprocessable(
          "unknown-assignee",
          "assignee",
          "no enabled user " + who + " works for client " + scope.tenantCode());
    }
    return who;
  }
}
