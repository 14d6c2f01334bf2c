package io.unitrace.outbound;

import io.unitrace.catalog.Catalog;
import io.unitrace.catalog.Lot;
import io.unitrace.catalog.LotId;
import io.unitrace.catalog.Product;
import io.unitrace.catalog.ProductId;
import io.unitrace.facility.Facility;
import io.unitrace.facility.Location;
import io.unitrace.facility.LocationId;
import io.unitrace.ledger.Container;
import io.unitrace.ledger.Containers;
import io.unitrace.ledger.Departures;
import io.unitrace.ledger.EventReceipt;
import io.unitrace.ledger.Inventory;
import io.unitrace.ledger.RequestMeta;
import io.unitrace.shared.Problem;
import io.unitrace.tenancy.TenantScope;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Service;

/**
 * Scan-verified picking from a {@link PickLists pick list}. The picker scans the location, then the
 * goods; {@link PickCheck} judges the scan, and only a scan it accepts reaches the ledger ({@code
 * picking}): the allocated unit, a substitute in its place, a whole container by its SSCC, or
 * counted goods by lot and quantity. A short pick takes the missing goods out of the books and
 * allocates the line again.
 */
@Service
public class Picking {

  /** A pick accepted: what was picked, for which order, and what is next. */
  public record Answer(
      String outcome,
      String order,
      String sku,
      String serial,
      String sscc,
      String lot,
      long quantity,
      String substitutedFor,
      PickLists.Task next,
      EventReceipt receipt) {}

  private final PickLists lists;
  private final PickListRows rows;
  private final AllocationRows allocations;
  private final Allocation allocation;
  private final Departures departures;
  private final Inventory inventory;
  private final Containers containers;
  private final Catalog catalog;
  private final Facility facility;
  private final Clock clock;

  Picking(
      PickLists lists,
      PickListRows rows,
      AllocationRows allocations,
      Allocation allocation,
      Departures departures,
      Inventory inventory,
      Containers containers,
      Catalog catalog,
      Facility facility,
      Clock clock) {
    this.lists = lists;
    this.rows = rows;
    this.allocations = allocations;
    this.allocation = allocation;
    this.departures = departures;
    this.inventory = inventory;
    this.containers = containers;
    this.catalog = catalog;
    this.facility = facility;
    this.clock = clock;
  }

  /** One pick scan at {@code locationCode}; refused scans write nothing. */
  public Answer scan(
      TenantScope scope, long listId, String locationCode, PickScan.Read read, RequestMeta meta) {
    scope.requireWrite();
    var position =
        read instanceof PickScan.Unit u0
            ? inventory.unit(scope.tenantId(), u0.ref())
            : Optional.<Inventory.UnitPosition>empty();
    Floor f =
        floor(scope, listId, locationCode, position.map(Inventory.UnitPosition::id).orElse(null));
    long now = clock.millis();
    if (read instanceof PickScan.Unit u) {
      PickCheck.Scanned scanned = position.map(p -> scanned(scope, p)).orElse(null);
      PickCheck.Holder holder =
          position.flatMap(p -> rows.holder(scope.tenantId(), p.id())).orElse(null);
      PickCheck.Verdict v =
          PickCheck.unit(
              scanned, f.here.id(), f.here.code(), listId, f.tasks, holder, LocalDate.now(clock));
      if (v instanceof PickCheck.Refuse r) {
        throw refused(r);
      }
      boolean substitute = v instanceof PickCheck.Substitute;
      PickCheck.Task task =
          substitute ? ((PickCheck.Substitute) v).task() : ((PickCheck.Pick) v).task();
      Map<String, Object> details = details(listId, task.order());
      if (substitute) {
        details.put("substitutes", f.serialOf(task.allocationId()));
      }
      EventReceipt receipt =
          departures.pickUnits(
              scope,
              List.of(scanned.id()),
              substitute ? task.unitId() : null,
              f.destination.code(),
              details,
              withOrder(meta, task.order()),
              eventId -> {
                if (substitute) {
                  rows.substituted(
                      task.allocationId(),
                      scanned.id(),
                      u.ref().gtin().value(),
                      u.ref().serial().value(),
                      scanned.lotId(),
                      f.destination.id(),
                      now);
                } else {
                  rows.picked(List.of(task.allocationId()), "PICKED", f.destination.id(), now);
                }
                settle(scope, listId, List.of(task.orderId()), now);
              });
      return new Answer(
          substitute ? "SUBSTITUTED" : "PICKED",
          task.order(),
          scanned.sku(),
          u.ref().serial().value(),
          null,
          scanned.lot(),
          1,
          substitute ? f.serialOf(task.allocationId()) : null,
          lists.next(scope, listId),
          receipt);
    }
    if (read instanceof PickScan.Container c) {
      return pickContainer(scope, listId, f, c, meta, now);
    }
    PickScan.Counted c = (PickScan.Counted) read;
    Product product = product(scope, c);
    Lot lot =
        c.lot() == null
            ? null
            : catalog.findLot(scope.tenantId(), product.id(), c.lot()).orElse(null);
    if (c.lot() != null && lot == null) {
      throw refused(
          new PickCheck.Refuse(
              "wrong-lot", "lot " + c.lot() + " of " + product.sku() + " is unknown"));
    }
    Long lotId = lot == null ? null : lot.id();
    PickCheck.Verdict v =
        PickCheck.counted(
            product.id(),
            product.sku(),
            lotId,
            c.lot(),
            c.quantity(),
            f.here.id(),
            f.here.code(),
            f.tasks);
    if (v instanceof PickCheck.Refuse r) {
      throw refused(r);
    }
    List<PickCheck.Task> matching =
        f.tasks.stream()
            .filter(
                t ->
                    t.open()
                        && t.unitId() == null
                        && t.locationId() == f.here.id()
                        && t.productId() == product.id()
                        && Objects.equals(t.lotId(), lotId))
            .toList();
    String order = matching.get(0).order();
    EventReceipt receipt =
        departures.moveReserved(
            scope,
            List.of(
                new Departures.ReservedQuantity(
                    new ProductId(product.id()),
                    lot == null ? null : new LotId(lot.id()),
                    new LocationId(f.here.id()),
                    c.quantity())),
            f.destination.code(),
            false,
            details(listId, order),
            withOrder(meta, order),
            eventId -> {
              long left = c.quantity();
              List<Long> orders = new ArrayList<>();
              for (PickCheck.Task t : matching) {
                if (left == 0) {
                  break;
                }
                long take = Math.min(left, t.quantity());
                if (take == t.quantity()) {
                  rows.picked(List.of(t.allocationId()), "PICKED", f.destination.id(), now);
                } else {
                  allocations.split(
                      t.allocationId(), take, "PICKED", f.destination.id(), null, now);
                }
                orders.add(t.orderId());
                left -= take;
              }
              settle(scope, listId, orders, now);
            });
    return new Answer(
        "PICKED",
        order,
        product.sku(),
        null,
        null,
        c.lot(),
        c.quantity(),
        null,
        lists.next(scope, listId),
        receipt);
  }

  private Answer pickContainer(
      TenantScope scope, long listId, Floor f, PickScan.Container c, RequestMeta meta, long now) {
    Container box =
        containers
            .find(scope.tenantId(), c.sscc())
            .orElseThrow(
                () ->
                    refused(
                        new PickCheck.Refuse(
                            "unknown-container",
                            "no container of this client has SSCC " + c.sscc())));
    if (box.locationId() == null || box.locationId() != f.here.id()) {
      throw refused(
          new PickCheck.Refuse(
              "not-here", "container " + c.sscc() + " is not in " + f.here.code()));
    }
    List<Long> tree = containers.tree(scope.tenantId(), box.id());
    List<Long> unitIds = inventory.unitsIn(scope.tenantId(), tree);
    if (unitIds.isEmpty()) {
      throw refused(new PickCheck.Refuse("empty-container", "container " + c.sscc() + " is empty"));
    }
    List<AllocationRows.Live> live = rows.liveOfUnits(scope.tenantId(), unitIds);
    Map<Long, PickCheck.Task> onList = new HashMap<>();
    f.tasks.forEach(t -> onList.put(t.allocationId(), t));
    Set<Long> orders = new HashSet<>();
    for (AllocationRows.Live a : live) {
      orders.add(a.orderId());
    }
    boolean whole =
        live.size() == unitIds.size()
            && live.stream()
                .allMatch(a -> onList.containsKey(a.id()) && a.status().equals("ALLOCATED"))
            && orders.size() == 1;
    if (!whole) {
      throw refused(
          new PickCheck.Refuse(
              "container-not-for-this-order",
              "container "
                  + c.sscc()
                  + " holds "
                  + unitIds.size()
                  + " units, "
                  + live.stream().filter(a -> onList.containsKey(a.id())).count()
                  + " of them allocated to one order of this list: unpack it and pick the units"));
    }
    boolean held =
        inventory.units(scope.tenantId(), unitIds).values().stream().anyMatch(u -> u.holds() != 0);
    if (held) {
      throw refused(
          new PickCheck.Refuse("held", "a unit in container " + c.sscc() + " is on hold"));
    }
    long orderId = orders.iterator().next();
    String order = onList.get(live.get(0).id()).order();
    List<Long> allocationIds = live.stream().map(AllocationRows.Live::id).toList();
    EventReceipt receipt =
        departures.pickContainer(
            scope,
            box.id(),
            f.destination.code(),
            details(listId, order),
            withOrder(meta, order),
            eventId -> {
              rows.picked(allocationIds, "PACKED", f.destination.id(), now);
              rows.containerAsCarton(scope.tenantId(), orderId, c.sscc().value(), now);
              rows.setCarton(
                  allocationIds, rows.cartonId(scope.tenantId(), c.sscc().value()).orElseThrow());
              settle(scope, listId, List.of(orderId), now);
            });
    return new Answer(
        "PICKED",
        order,
        null,
        null,
        c.sscc().value(),
        null,
        unitIds.size(),
        null,
        lists.next(scope, listId),
        receipt);
  }

  /**
   * A short pick at {@code locationCode}: the unit scanned (or typed) was to be picked here but is
   * not, or only part of a counted quantity is. The missing goods leave the books (the unit goes
   * MISSING, the quantity LOST), then the line is allocated again and what is found joins the list.
   */
  public Answer shortPick(
      TenantScope scope,
      long listId,
      String locationCode,
      PickScan.Read read,
      String reason,
      RequestMeta meta) {
    scope.requireWrite();
    Floor f = floor(scope, listId, locationCode, null);
    long now = clock.millis();
    PickCheck.Task task;
    EventReceipt receipt;
    long quantity;
    if (read instanceof PickScan.Unit u) {
      task =
          f.tasks.stream()
              .filter(
                  t ->
                      t.open()
                          && t.locationId() == f.here.id()
                          && u.ref().serial().value().equals(f.serialOf(t.allocationId())))
              .findFirst()
              .orElseThrow(
                  () ->
                      refused(
                          new PickCheck.Refuse(
                              "not-on-list",
                              "unit " + u.ref() + " is not to be picked at " + f.here.code())));
      quantity = 1;
      receipt =
          departures.shortPick(
              scope,
              List.of(task.unitId()),
              List.of(),
              reason,
              details(listId, task.order()),
              withOrder(meta, task.order()),
              eventId -> rows.markShort(task.allocationId(), now));
    } else if (read instanceof PickScan.Counted c) {
      Product product = product(scope, c);
      Long lotId =
          c.lot() == null
              ? null
              : catalog.findLot(scope.tenantId(), product.id(), c.lot()).map(Lot::id).orElse(null);
      List<PickCheck.Task> matching =
          f.tasks.stream()
              .filter(
                  t ->
                      t.open()
                          && t.unitId() == null
                          && t.locationId() == f.here.id()
                          && t.productId() == product.id()
                          && Objects.equals(t.lotId(), lotId))
              .toList();
      long open = matching.stream().mapToLong(PickCheck.Task::quantity).sum();
      if (matching.isEmpty() || c.quantity() > open) {
        throw refused(
            new PickCheck.Refuse(
                "over-quantity",
                "only " + open + " of " + product.sku() + " are to be picked here"));
      }
      task = matching.get(0);
      quantity = c.quantity();
      receipt =
          departures.shortPick(
              scope,
              List.of(),
              List.of(
                  new Departures.ReservedQuantity(
                      new ProductId(product.id()),
                      lotId == null ? null : new LotId(lotId),
                      new LocationId(f.here.id()),
                      c.quantity())),
              reason,
              details(listId, task.order()),
              withOrder(meta, task.order()),
              eventId -> {
                long left = c.quantity();
                for (PickCheck.Task t : matching) {
                  long take = Math.min(left, t.quantity());
                  if (take > 0) {
                    allocations.split(t.allocationId(), take, "SHORT", null, null, now);
                  }
                  left -= take;
                }
              });
    } else {
      throw Problem.badRequest(
          "invalid-field", "scan", "a short pick names a unit or counted goods, not a container");
    }
    allocation.allocate(scope, List.of(task.orderId()), RequestMeta.of(null));
    rows.assign(scope.tenantId(), listId, List.of(task.orderId()));
    settle(scope, listId, List.of(task.orderId()), clock.millis());
    return new Answer(
        "SHORT",
        task.order(),
        null,
        null,
        null,
        null,
        quantity,
        null,
        lists.next(scope, listId),
        receipt);
  }

  /** The facts every scan on a list needs: the list, where the picker is, where goods go. */
  private final class Floor {
    final Location here;
    final Location destination;
    final List<PickCheck.Task> tasks;
    final Map<Long, String> serials = new HashMap<>();

    Floor(Location here, Location destination, List<PickCheck.Task> tasks) {
      this.here = here;
      this.destination = destination;
      this.tasks = tasks;
    }

    String serialOf(long allocationId) {
      return serials.get(allocationId);
    }
  }

  /**
   * The facts a scan at {@code locationCode} needs: the list's allocations at that location, and
   * the one holding {@code unitId} (the unit scanned) wherever it is.
   */
  private Floor floor(TenantScope scope, long listId, String locationCode, Long unitId) {
    PickListRows.Head head = lists.head(scope, listId);
    Location here = facility.require(locationCode, "location");
    Location destination = facility.byId(head.destinationId()).orElseThrow();
    if (!here.warehouse().equals(destination.warehouse())) {
      throw refused(
          new PickCheck.Refuse(
              "other-warehouse", here.code() + " is not in warehouse " + destination.warehouse()));
    }
    List<PickListRows.Row> all = rows.rows(scope.tenantId(), listId, here.id(), unitId);
    Map<ProductId, Product> products =
        catalog.products(
            scope.tenantId(), all.stream().map(r -> new ProductId(r.productId())).toList());
    List<PickCheck.Task> tasks = new ArrayList<>();
    for (PickListRows.Row r : all) {
      Product p = products.get(new ProductId(r.productId()));
      tasks.add(
          new PickCheck.Task(
              r.allocationId(),
              r.orderId(),
              r.order(),
              r.lineId(),
              r.productId(),
              p.sku(),
              r.unitId(),
              r.lotId(),
              r.lineLotId(),
              r.locationId(),
              r.quantity(),
              r.status(),
              p.expiryTracked(),
              r.minShelfLifeDays()));
    }
    Floor f = new Floor(here, destination, tasks);
    all.forEach(r -> f.serials.put(r.allocationId(), r.serial()));
    return f;
  }

  private Product product(TenantScope scope, PickScan.Counted c) {
    return catalog
        .byGtin(scope.tenantId(), c.gtin())
        .orElseThrow(
            () ->
                refused(
                    new PickCheck.Refuse(
                        "unknown-product", "no product of this client has GTIN " + c.gtin())));
  }

  private PickCheck.Scanned scanned(TenantScope scope, Inventory.UnitPosition p) {
    Product product = catalog.products(scope.tenantId(), List.of(p.productId())).get(p.productId());
    Lot lot =
        p.lotId() == null
            ? null
            : catalog.lotsById(scope.tenantId(), List.of(p.lotId())).get(p.lotId());
    Location at =
        p.locationId() == null
            ? null
            : facility.locations(List.of(p.locationId())).get(p.locationId());
    return new PickCheck.Scanned(
        p.id(),
        p.productId().value(),
        product.sku(),
        p.lotId() == null ? null : p.lotId().value(),
        lot == null ? null : lot.code(),
        lot == null ? null : lot.expiresOn(),
        p.state(),
        p.locationId() == null ? null : p.locationId().value(),
        at == null ? null : at.code(),
        p.containerId(),
        p.holds());
  }

  private void settle(TenantScope scope, long listId, List<Long> orderIds, long now) {
    rows.settle(scope.tenantId(), listId);
    rows.settleOrders(scope.tenantId(), orderIds, now);
  }

  private static Map<String, Object> details(long listId, String order) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("pickList", listId);
    d.put("order", order);
    return d;
  }

  static RequestMeta withOrder(RequestMeta meta, String order) {
    List<RequestMeta.BizTransaction> tx = new ArrayList<>();
    if (meta.bizTransactions() != null) {
      tx.addAll(meta.bizTransactions());
    }
    tx.add(new RequestMeta.BizTransaction("po", order));
    return new RequestMeta(
        meta.idempotencyKey(), meta.eventTime(), meta.device(), meta.rawScan(), tx);
  }

  static Problem refused(PickCheck.Refuse r) {
    return Problem.conflict(r.code(), "scan", r.message()).with("rule", r.code());
  }
}
