package io.unitrace.ledger;

import io.unitrace.catalog.Catalog;
import io.unitrace.catalog.Lot;
import io.unitrace.catalog.LotId;
import io.unitrace.catalog.Product;
import io.unitrace.catalog.ProductId;
import io.unitrace.facility.Facility;
import io.unitrace.facility.Location;
import io.unitrace.facility.LocationId;
import io.unitrace.facility.LocationType;
import io.unitrace.ledger.domain.UnitCommand;
import io.unitrace.tenancy.TenantScope;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import org.springframework.stereotype.Service;

/**
 * Reserving goods for order lines, and releasing them: allocation as ledger events.
 *
 * <p>Design note. The caller (outbound) decides what may be taken: the product, the lots in the
 * order of preference (FEFO: earliest expiry first, lots too short-dated already left out) or any
 * lot (FIFO), an exact unit. The ledger decides which goods are free, inside the event's planning:
 * a unit is free when it is STORED, on no hold, in a STORAGE location of the order's warehouse;
 * stock is free in a bucket on no hold. Planning reads candidates without locks; the write is
 * conditional ({@code version = ?} on every unit and bucket), so when two allocations race for the
 * last unit or the last cases of a lot, one commits and the other is rolled back and planned again
 * from fresh reads, and finds the goods gone. No in-process lock, so any number of servers may
 * allocate at once.
 *
 * <p>Reserved stock is a bucket of its own at the same location: its holds word carries {@link
 * #RESERVED} beside the hold bits. Taking a quantity from the free bucket can never take it below
 * zero, so a lot is never reserved beyond its quantity; which line a reserved quantity is for is
 * the caller's record.
 */
@Service
public class Reservations {

  /** The bit of a stock bucket's holds word marking a quantity reserved for orders. */
  public static final int RESERVED = 1 << 16;

  /** A page of candidates read at a time; most demands are met from the first. */
  private static final int PAGE = 1000;

  /**
   * Units wanted for one line (named by the caller's {@code line} reference): {@code quantity}
   * units of {@code product}, from {@code lots} in that order of preference, or from any lot when
   * null; or the one {@code exact} unit. With {@code preferred} (a zone) goods there come first.
   */
  public record UnitDemand(
      String line,
      ProductId product,
      List<LotId> lots,
      UnitRef exact,
      int quantity,
      LocationId preferred) {}

  /** A quantity of counted goods wanted for one line, as {@link UnitDemand}. */
  public record StockDemand(
      String line, ProductId product, List<LotId> lots, long quantity, LocationId preferred) {}

  public record ReservedUnit(
      String line, long unitId, UnitRef ref, LotId lot, LocationId location, Long containerId) {}

  public record ReservedStock(
      String line, ProductId product, LotId lot, LocationId location, long quantity) {}

  /** What one event reserved; {@code eventId} 0 when nothing could be reserved. */
  public record Reservation(long eventId, List<ReservedUnit> units, List<ReservedStock> stock) {

    public boolean isEmpty() {
      return units.isEmpty() && stock.isEmpty();
    }
  }

  /** Raised while planning when nothing is free: no event is written. */
  private static final class NothingFree extends RuntimeException {
    NothingFree() {
      super(null, null, false, false);
    }
  }

  private final Recorder recorder;
  private final Planning planning;
  private final UnitRows rows;
  private final StockRows stockRows;
  private final Catalog catalog;
  private final Facility facility;

  Reservations(
      Recorder recorder,
      Planning planning,
      UnitRows rows,
      StockRows stockRows,
      Catalog catalog,
      Facility facility) {
    this.recorder = recorder;
    this.planning = planning;
    this.rows = rows;
    this.stockRows = stockRows;
    this.catalog = catalog;
    this.facility = facility;
  }

  /**
   * Reserves what is free of the demands in {@code warehouse}, as one ALLOCATED event, and runs
   * {@code inTransaction} with what was reserved before the event commits (so the caller's rows
   * commit with it, or are written again when the event is planned again). Demands that cannot be
   * met, or met only in part, are simply left short: the caller sees it in the answer.
   */
  public Reservation reserve(
      TenantScope scope,
      String warehouse,
      Map<String, Object> details,
      List<UnitDemand> units,
      List<StockDemand> stock,
      RequestMeta meta,
      Consumer<Reservation> inTransaction) {
    scope.requireWrite();
    Reservation[] done = {new Reservation(0, List.of(), List.of())};
    try {
      recorder.record(
          scope,
          meta,
          new ReserveRequest(warehouse, units, stock),
          () -> {
            Places places = new Places(warehouse);
            List<ReservedUnit> reservedUnits = new ArrayList<>();
            List<Recorder.Change> changes = new ArrayList<>();
            Set<Long> taken = new HashSet<>();
            Map<Candidates.Key, Candidates> candidates = new HashMap<>();
            for (UnitDemand d : units) {
              for (UnitRows.Loaded u : pickUnits(scope, d, places, taken, candidates)) {
                UnitRef ref = u.ref();
                UnitCommand command = new UnitCommand.Allocate();
                changes.add(
                    new Recorder.Change(u, command, Recorder.apply(ref, u.status(), command)));
                reservedUnits.add(
                    new ReservedUnit(
                        d.line(),
                        u.id(),
                        ref,
                        u.lotId() == null ? null : new LotId(u.lotId()),
                        new LocationId(u.status().location()),
                        u.status().container()));
              }
            }
            List<ReservedStock> reservedStock = new ArrayList<>();
            List<StockRows.StockChange> stockChanges = new ArrayList<>();
            Map<Long, Long> left = new HashMap<>();
            for (StockDemand d : stock) {
              takeStock(scope, d, places, left, reservedStock, stockChanges);
            }
            if (changes.isEmpty() && stockChanges.isEmpty()) {
              throw new NothingFree();
            }
            return new Recorder.Plan(EventType.ALLOCATED, "reserved", null, null, details, changes)
                .withStock(stockChanges)
                .then(
                    eventId -> {
                      done[0] = new Reservation(eventId, reservedUnits, reservedStock);
                      inTransaction.accept(done[0]);
                    });
          });
    } catch (NothingFree e) {
      return new Reservation(0, List.of(), List.of());
    }
    return done[0];
  }

  record ReserveRequest(String warehouse, List<UnitDemand> units, List<StockDemand> stock) {}

  /** A unit reserved for a line, to be released. */
  public record UnitRelease(long unitId) {}

  /** A reserved quantity at a location, to be released back to free stock there. */
  public record StockRelease(ProductId product, LotId lot, LocationId location, long quantity) {}

  /**
   * Releases reserved units (ALLOCATED or PICKED: back to STORED where they are) and reserved
   * quantities, as one RELEASED event; {@code inTransaction} runs before it commits.
   */
  public EventReceipt release(
      TenantScope scope,
      Map<String, Object> details,
      List<UnitRelease> units,
      List<StockRelease> stock,
      RequestMeta meta,
      Consumer<Long> inTransaction) {
    scope.requireWrite();
    return recorder.record(
        scope,
        meta,
        new ReleaseRequest(units, stock),
        () -> {
          List<Recorder.Change> changes = new ArrayList<>();
          UnitCommand command = new UnitCommand.Deallocate();
          for (UnitRows.Loaded u :
              rows.byIds(scope.tenantId(), units.stream().map(UnitRelease::unitId).toList())) {
            UnitRef ref = u.ref();
            changes.add(new Recorder.Change(u, command, Recorder.apply(ref, u.status(), command)));
          }
          List<StockRows.StockChange> stockChanges = new ArrayList<>();
          Items items = new Items(scope, stock.stream().map(StockRelease::product).toList());
          for (StockRelease r : stock) {
            Product product = items.product(r.product());
            Lot lot = items.lot(r.lot());
            Location at = planning.location(r.location().value());
            stockChanges.add(
                new StockRows.StockChange(product, lot, at, RESERVED, -r.quantity(), "quantity"));
            stockChanges.add(
                new StockRows.StockChange(product, lot, at, 0, r.quantity(), "quantity"));
          }
          return new Recorder.Plan(
                  EventType.RELEASED, "sellable_accessible", null, null, details, changes)
              .withStock(stockChanges)
              .then(inTransaction::accept);
        });
  }

  record ReleaseRequest(List<UnitRelease> units, List<StockRelease> stock) {}

  private List<UnitRows.Loaded> pickUnits(
      TenantScope scope,
      UnitDemand d,
      Places places,
      Set<Long> taken,
      Map<Candidates.Key, Candidates> candidates) {
    if (d.exact() != null) {
      var found = rows.find(scope.tenantId(), d.exact());
      if (found.isEmpty()) {
        return List.of();
      }
      UnitRows.Loaded u = found.get();
      boolean free =
          u.status().state() == UnitState.STORED
              && u.status().holds() == 0
              && u.status().location() != null
              && places.allocatable(u.status().location(), null)
              && (d.lots() == null || lotIds(d.lots()).contains(u.lotId()))
              && taken.add(u.id());
      return free ? List.of(u) : List.of();
    }
    List<UnitRows.Loaded> chosen = new ArrayList<>();
    Set<Long> preferred =
        d.preferred() == null
            ? null
            : new HashSet<>(
                facility.subtree(d.preferred()).stream().map(LocationId::value).toList());
    // With a preferred zone, a first pass takes only units there, a second any.
    for (Set<Long> within :
        preferred == null ? List.of(Set.<Long>of()) : List.of(preferred, Set.<Long>of())) {
      List<Long> lots = d.lots() == null ? Collections.singletonList(null) : lotIds(d.lots());
      for (Long lot : lots) {
        // One cursor per product, lot and zone for the whole plan: the next demand of the same
        // goods goes on where the last one stopped instead of reading the same first page again
        // (10,000 one-unit lines of 100 products: 100 pages read, not 10,000).
        Candidates cursor =
            candidates.computeIfAbsent(
                new Candidates.Key(
                    d.product().value(), lot, within.isEmpty() ? null : d.preferred()),
                k -> new Candidates(scope.tenantId(), k.product(), k.lot()));
        while (chosen.size() < d.quantity()) {
          UnitRows.Loaded u = cursor.next(places);
          if (u == null) {
            break;
          }
          if (u.status().location() != null
              && places.allocatable(u.status().location(), within.isEmpty() ? null : within)
              && taken.add(u.id())) {
            chosen.add(u);
          }
        }
      }
    }
    return chosen;
  }

  /**
   * Free units of one product (and lot) in id order, read a page at a time and handed out one by
   * one across the demands of a plan; a unit handed out is never offered again by this cursor
   * (taken, or not allocatable for its zone, which does not change within the plan).
   */
  private final class Candidates {
    record Key(long product, Long lot, LocationId zone) {}

    private final long tenantId;
    private final long product;
    private final Long lot;
    private List<UnitRows.Loaded> page = List.of();
    private int at;
    private long after;
    private boolean exhausted;

    Candidates(long tenantId, long product, Long lot) {
      this.tenantId = tenantId;
      this.product = product;
      this.lot = lot;
    }

    UnitRows.Loaded next(Places places) {
      if (at == page.size()) {
        if (exhausted) {
          return null;
        }
        page = rows.allocatable(tenantId, product, lot, after, PAGE);
        at = 0;
        places.learn(page.stream().map(u -> u.status().location()).toList());
        exhausted = page.size() < PAGE;
        if (page.isEmpty()) {
          return null;
        }
        after = page.get(page.size() - 1).id();
      }
      return page.get(at++);
    }
  }

  private void takeStock(
      TenantScope scope,
      StockDemand d,
      Places places,
      Map<Long, Long> left,
      List<ReservedStock> reserved,
      List<StockRows.StockChange> changes) {
    List<StockRows.Free> buckets =
        stockRows.free(
            scope.tenantId(), d.product().value(), d.lots() == null ? null : lotIds(d.lots()));
    places.learn(buckets.stream().map(StockRows.Free::locationId).toList());
    if (d.lots() != null) {
      // in the caller's order of lots (FEFO), then oldest bucket first
      List<Long> order = lotIds(d.lots());
      buckets =
          buckets.stream()
              .sorted(
                  Comparator.comparingInt(
                      (StockRows.Free b) -> order.indexOf(b.lotId() == null ? 0L : b.lotId())))
              .toList();
    }
    Set<Long> preferred =
        d.preferred() == null
            ? null
            : new HashSet<>(
                facility.subtree(d.preferred()).stream().map(LocationId::value).toList());
    if (preferred != null) {
      buckets =
          buckets.stream()
              .sorted(
                  Comparator.comparingInt(
                      (StockRows.Free b) -> preferred.contains(b.locationId()) ? 0 : 1))
              .toList();
    }
    long need = d.quantity();
    Items items = null;
    for (StockRows.Free b : buckets) {
      if (need == 0) {
        break;
      }
      if (!places.allocatable(b.locationId(), null)) {
        continue;
      }
      long free = left.getOrDefault(b.id(), b.quantity());
      long take = Math.min(free, need);
      if (take <= 0) {
        continue;
      }
      left.put(b.id(), free - take);
      need -= take;
      if (items == null) {
        items = new Items(scope, List.of(d.product()));
      }
      Product product = items.product(d.product());
      LotId lotId = b.lotId() == null ? null : new LotId(b.lotId());
      Lot lot = items.lot(lotId);
      Location at = places.location(b.locationId());
      changes.add(new StockRows.StockChange(product, lot, at, 0, -take, "quantity"));
      changes.add(new StockRows.StockChange(product, lot, at, RESERVED, take, "quantity"));
      reserved.add(new ReservedStock(d.line(), d.product(), lotId, new LocationId(at.id()), take));
    }
  }

  private static List<Long> lotIds(List<LotId> lots) {
    return lots.stream().filter(Objects::nonNull).map(LotId::value).toList();
  }

  /** The locations met while planning, read from the facility once each. */
  private final class Places {
    private final String warehouse;
    private final Map<Long, Location> known = new HashMap<>();

    Places(String warehouse) {
      this.warehouse = warehouse;
    }

    void learn(List<Long> ids) {
      List<LocationId> unknown =
          ids.stream()
              .filter(Objects::nonNull)
              .filter(id -> !known.containsKey(id))
              .distinct()
              .map(LocationId::new)
              .toList();
      if (!unknown.isEmpty()) {
        facility.locations(unknown).forEach((id, l) -> known.put(id.value(), l));
      }
    }

    Location location(long id) {
      learn(List.of(id));
      return known.get(id);
    }

    /**
     * Goods here may be allocated: a STORAGE location of the warehouse (within a zone if given).
     */
    boolean allocatable(long locationId, Set<Long> within) {
      Location l = location(locationId);
      return l != null
          && l.type() == LocationType.STORAGE
          && l.warehouse().equals(warehouse)
          && (within == null || within.contains(locationId));
    }
  }

  /** Products and lots of one plan, read from the catalog in one call each. */
  private final class Items {
    private final Map<ProductId, Product> products;
    private final Map<LotId, Lot> lots = new LinkedHashMap<>();
    private final long tenantId;

    Items(TenantScope scope, List<ProductId> ids) {
      this.tenantId = scope.tenantId();
      this.products = new HashMap<>(catalog.products(tenantId, ids));
    }

    Product product(ProductId id) {
      return products.computeIfAbsent(id, p -> catalog.products(tenantId, List.of(p)).get(p));
    }

    Lot lot(LotId id) {
      if (id == null) {
        return null;
      }
      return lots.computeIfAbsent(id, l -> catalog.lotsById(tenantId, List.of(l)).get(l));
    }
  }
}
