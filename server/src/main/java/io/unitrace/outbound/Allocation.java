package io.unitrace.outbound;

import io.unitrace.catalog.Catalog;
import io.unitrace.catalog.Lot;
import io.unitrace.catalog.LotId;
import io.unitrace.catalog.Product;
import io.unitrace.catalog.ProductId;
import io.unitrace.catalog.Serial;
import io.unitrace.facility.Facility;
import io.unitrace.facility.LocationId;
import io.unitrace.gs1.Gtin;
import io.unitrace.ledger.RequestMeta;
import io.unitrace.ledger.Reservations;
import io.unitrace.ledger.UnitRef;
import io.unitrace.shared.Problem;
import io.unitrace.tenancy.TenantScope;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reserving exact units and lot quantities for order lines, and releasing them.
 *
 * <p>A line's demand is built here from the order (the lot policy, the minimum remaining shelf life
 * of line, order or customer, an exact serial), and the ledger reserves what is free in one event
 * per run: conditional updates, so two allocations racing for the last unit never both get it. What
 * could not be reserved stays a back order, allocated again when goods arrive or are released. The
 * allocation rows (which unit, which quantity of which lot, for which line) are written in the same
 * transaction as the ledger event.
 */
@Service
public class Allocation {

  /** What one allocation run did. */
  public record Outcome(
      long eventId, int lines, int linesComplete, long unitsReserved, long quantityReserved) {}

  private final AllocationRows rows;
  private final Reservations reservations;
  private final Catalog catalog;
  private final Facility facility;
  private final Clock clock;

  Allocation(
      AllocationRows rows,
      Reservations reservations,
      Catalog catalog,
      Facility facility,
      Clock clock) {
    this.rows = rows;
    this.reservations = reservations;
    this.catalog = catalog;
    this.facility = facility;
    this.clock = clock;
  }

  /** Allocates what the open lines of these orders still need, one ledger event per warehouse. */
  public Outcome allocate(TenantScope scope, List<Long> orderIds, RequestMeta meta) {
    scope.requireWrite();
    List<AllocationRows.Need> needs = rows.needsOfOrders(scope.tenantId(), orderIds);
    if (needs.isEmpty()) {
      return new Outcome(0, 0, 0, 0, 0);
    }
    Map<Long, List<AllocationRows.Need>> byWarehouse = new LinkedHashMap<>();
    needs.forEach(n -> byWarehouse.computeIfAbsent(n.warehouseId(), w -> new ArrayList<>()).add(n));
    Map<Long, String> warehouses = new HashMap<>();
    facility.warehouses().forEach(w -> warehouses.put(w.id(), w.code()));
    Set<ProductId> productIds = new LinkedHashSet<>();
    needs.forEach(n -> productIds.add(new ProductId(n.productId())));
    Map<ProductId, Product> products = catalog.products(scope.tenantId(), productIds);
    Map<ProductId, List<Lot>> lots = catalog.lotsOf(scope.tenantId(), productIds);
    LocalDate today = LocalDate.now(clock);

    long event = 0;
    int complete = 0;
    long units = 0;
    long quantity = 0;
    for (var group : byWarehouse.entrySet()) {
      List<Reservations.UnitDemand> unitDemands = new ArrayList<>();
      List<Reservations.StockDemand> stockDemands = new ArrayList<>();
      Map<String, AllocationRows.Need> byLine = new HashMap<>();
      for (AllocationRows.Need n : group.getValue()) {
        ProductId pid = new ProductId(n.productId());
        Product product = products.get(pid);
        List<LotId> eligible =
            LotPolicy.eligible(
                product.expiryTracked(),
                lots.getOrDefault(pid, List.of()),
                n.lotId(),
                n.minShelfLifeDays(),
                today);
        String line = Long.toString(n.lineId());
        byLine.put(line, n);
        if (product.tracking().serialized()) {
          UnitRef exact =
              n.serial() == null ? null : new UnitRef(new Gtin(n.gtin()), new Serial(n.serial()));
          unitDemands.add(
              new Reservations.UnitDemand(line, pid, eligible, exact, (int) n.missing(), null));
        } else {
          stockDemands.add(new Reservations.StockDemand(line, pid, eligible, n.missing(), null));
        }
      }
      List<Long> orders =
          group.getValue().stream().map(AllocationRows.Need::orderId).distinct().toList();
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("orders", orders.size());
      details.put("lines", group.getValue().size());
      long now = clock.millis();
      Reservations.Reservation r =
          reservations.reserve(
              scope,
              warehouses.get(group.getKey()),
              details,
              unitDemands,
              stockDemands,
              meta,
              reserved -> {
                refuseIfTakenMeanwhile(byLine, reserved);
                List<AllocationRows.NewAllocation> inserts = new ArrayList<>();
                for (Reservations.ReservedUnit u : reserved.units()) {
                  inserts.add(
                      new AllocationRows.NewAllocation(
                          byLine.get(u.line()),
                          u.unitId(),
                          u.ref().gtin().value(),
                          u.ref().serial().value(),
                          u.lot(),
                          u.location().value(),
                          1));
                }
                for (Reservations.ReservedStock st : reserved.stock()) {
                  inserts.add(
                      new AllocationRows.NewAllocation(
                          byLine.get(st.line()),
                          null,
                          null,
                          null,
                          st.lot(),
                          st.location().value(),
                          st.quantity()));
                }
                rows.insert(scope.tenantId(), inserts, reserved.eventId(), now);
                rows.settleStatus(scope.tenantId(), orders, now);
              });
      event = Math.max(event, r.eventId());
      units += r.units().size();
      quantity += r.stock().stream().mapToLong(Reservations.ReservedStock::quantity).sum();
      Map<String, Long> got = new HashMap<>();
      r.units().forEach(u -> got.merge(u.line(), 1L, Long::sum));
      r.stock().forEach(s -> got.merge(s.line(), s.quantity(), Long::sum));
      for (AllocationRows.Need n : group.getValue()) {
        if (got.getOrDefault(Long.toString(n.lineId()), 0L) >= n.missing()) {
          complete++;
        }
      }
    }
    return new Outcome(event, needs.size(), complete, units, quantity);
  }

  /**
   * Another run (the other server's, the worker's, an explicit one) may have allocated some of
   * these lines between reading their needs and this transaction: with the lines locked, what this
   * run reserved must still fit, or the run is refused and its reservations rolled back.
   */
  private void refuseIfTakenMeanwhile(
      Map<String, AllocationRows.Need> byLine, Reservations.Reservation reserved) {
    Map<String, Long> got = new HashMap<>();
    reserved.units().forEach(u -> got.merge(u.line(), 1L, Long::sum));
    reserved.stock().forEach(s -> got.merge(s.line(), s.quantity(), Long::sum));
    if (got.isEmpty()) {
      return;
    }
    Map<Long, Long> taken =
        rows.lockTaken(got.keySet().stream().map(l -> byLine.get(l).lineId()).toList());
    for (var e : got.entrySet()) {
      AllocationRows.Need n = byLine.get(e.getKey());
      if (taken.getOrDefault(n.lineId(), 0L) + e.getValue() > n.quantity()) {
        throw Problem.conflict(
            "concurrent-change",
            null,
            "order line " + n.lineId() + " was allocated by another run meanwhile; try again");
      }
    }
  }

  /** What a recall took back from orders: the orders to allocate again, units and quantity. */
  public record Released(List<Long> orders, int units, long quantity) {}

  /**
   * Releases the live allocations (allocated or picked; packed goods stay in their carton) of these
   * units and of counted stock of these lots of {@code product} ({@code lots} empty: none), in the
   * caller's transaction, as one RELEASED event naming {@code reason}; their orders go back to
   * OPEN. The caller allocates {@link Released#orders} again after it commits, when the goods it
   * took are on hold. An allocation that was picked or packed between this read and the release
   * refuses with {@code concurrent-change}: the caller's transaction is rolled back and tried
   * again.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public Released releaseAffected(
      TenantScope scope, List<Long> unitIds, ProductId product, List<LotId> lots, String reason) {
    List<AllocationRows.Live> live = new ArrayList<>(rows.liveOfUnits(scope.tenantId(), unitIds));
    if (product != null && !lots.isEmpty()) {
      live.addAll(
          rows.liveOfLots(
              scope.tenantId(), product.value(), lots.stream().map(LotId::value).toList()));
    }
    List<AllocationRows.Live> releasable =
        live.stream().filter(a -> !a.status().equals("PACKED")).toList();
    if (releasable.isEmpty()) {
      return new Released(List.of(), 0, 0);
    }
    List<Reservations.UnitRelease> units = new ArrayList<>();
    List<Reservations.StockRelease> stock = new ArrayList<>();
    long quantity = 0;
    for (AllocationRows.Live a : releasable) {
      if (a.unitId() != null) {
        units.add(new Reservations.UnitRelease(a.unitId()));
      } else {
        quantity += a.quantity();
        stock.add(
            new Reservations.StockRelease(
                new ProductId(a.productId()),
                a.lotId() == null ? null : new LotId(a.lotId()),
                new LocationId(a.locationId()),
                a.quantity()));
      }
    }
    List<Long> orders = releasable.stream().map(AllocationRows.Live::orderId).distinct().toList();
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("orders", orders.size());
    details.put("reason", reason);
    long now = clock.millis();
    reservations.release(
        scope,
        details,
        units,
        stock,
        RequestMeta.of(null),
        eventId -> {
          for (String status : List.of("ALLOCATED", "PICKED")) {
            List<Long> ids =
                releasable.stream()
                    .filter(a -> a.status().equals(status))
                    .map(AllocationRows.Live::id)
                    .toList();
            if (rows.mark(ids, status, "RELEASED", now) != ids.size()) {
              throw Problem.conflict(
                  "concurrent-change",
                  null,
                  "an allocation moved on while it was being released; try again");
            }
          }
          rows.reopen(scope.tenantId(), orders, now);
        });
    return new Released(orders, units.size(), quantity);
  }

  /**
   * Releases every live allocation (allocated or picked, not packed) of {@code lineIds} of order
   * {@code orderId} (every line when empty), in the caller's transaction: the units go back to
   * STORED and the lot quantities back to free stock, as one ledger event naming the order.
   */
  void releaseLines(TenantScope scope, long orderId, List<Long> lineIds, String reason) {
    List<AllocationRows.Live> live = rows.live(scope.tenantId(), orderId, lineIds);
    List<AllocationRows.Live> releasable =
        live.stream().filter(a -> !a.status().equals("PACKED")).toList();
    if (releasable.isEmpty()) {
      return;
    }
    List<Reservations.UnitRelease> units = new ArrayList<>();
    List<Reservations.StockRelease> stock = new ArrayList<>();
    for (AllocationRows.Live a : releasable) {
      if (a.unitId() != null) {
        units.add(new Reservations.UnitRelease(a.unitId()));
      } else {
        stock.add(
            new Reservations.StockRelease(
                new ProductId(a.productId()),
                a.lotId() == null ? null : new LotId(a.lotId()),
                new LocationId(a.locationId()),
                a.quantity()));
      }
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("order", orderId);
    details.put("reason", reason);
    long now = clock.millis();
    reservations.release(
        scope,
        details,
        units,
        stock,
        RequestMeta.of(null),
        eventId -> {
          rows.mark(
              releasable.stream()
                  .filter(a -> a.status().equals("ALLOCATED"))
                  .map(AllocationRows.Live::id)
                  .toList(),
              "ALLOCATED",
              "RELEASED",
              now);
          rows.mark(
              releasable.stream()
                  .filter(a -> a.status().equals("PICKED"))
                  .map(AllocationRows.Live::id)
                  .toList(),
              "PICKED",
              "RELEASED",
              now);
        });
  }
}
