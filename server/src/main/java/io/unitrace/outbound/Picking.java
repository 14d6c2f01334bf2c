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
import java.util.Comparator;
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
 * Pick lists and scan-verified picking. A list gathers the allocations of one or more orders of a
 * warehouse (a wave when several), in walking order: by zone, then by location code. The picker
 * scans the location, then the goods; {@link PickCheck} judges the scan, and only a scan it accepts
 * reaches the ledger ({@code picking}): the allocated unit, a substitute in its place, a whole
 * container by its SSCC, or counted goods by lot and quantity. A short pick takes the missing goods
 * out of the books and allocates the line again.
 */
@Service
public class Picking {

  public record Task(
      long allocation,
      String order,
      String zone,
      String location,
      String sku,
      String gtin,
      String serial,
      String sscc,
      String lot,
      long quantity,
      String status) {}

  public record PickList(
      long id,
      String warehouse,
      String destination,
      String status,
      int open,
      int picked,
      Task next,
      List<Task> tasks) {}

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
      Task next,
      EventReceipt receipt) {}

  private final PickListRows rows;
  private final Allocation allocation;
  private final Departures departures;
  private final Inventory inventory;
  private final Containers containers;
  private final Catalog catalog;
  private final Facility facility;
  private final Clock clock;

  Picking(
      PickListRows rows,
      Allocation allocation,
      Departures departures,
      Inventory inventory,
      Containers containers,
      Catalog catalog,
      Facility facility,
      Clock clock) {
    this.rows = rows;
    this.allocation = allocation;
    this.departures = departures;
    this.inventory = inventory;
    this.containers = containers;
    this.catalog = catalog;
    this.facility = facility;
    this.clock = clock;
  }

  /**
   * A pick list of a warehouse for these orders (none named: every allocated order not yet on a
   * list, at most 200), bringing the goods to {@code destination} (a packing or staging location).
   */
  public PickList create(
      TenantScope scope, String warehouse, List<Long> orderIds, String destination) {
    scope.requireWrite();
    Facility.Warehouse w =
        facility.warehouses().stream()
            .filter(x -> x.code().equals(warehouse))
            .findFirst()
            .orElseThrow(
                () ->
                    Problem.unprocessable(
                        "unknown-warehouse", "warehouse", "no warehouse with code " + warehouse));
    Location to = facility.require(destination, "destination");
    if (!to.warehouse().equals(w.code())) {
      throw Problem.unprocessable(
          "other-warehouse", "destination", to.code() + " is not in warehouse " + w.code());
    }
    List<Long> orders =
        orderIds == null || orderIds.isEmpty()
            ? rows.readyOrders(scope.tenantId(), w.id(), 200)
            : orderIds;
    if (orders.isEmpty()) {
      throw Problem.conflict(
          "nothing-to-pick", "orders", "no allocated order of " + w.code() + " waits for picking");
    }
    long id = rows.create(scope.tenantId(), w.id(), to.id(), scope.actor().who(), clock.millis());
    if (rows.assign(scope.tenantId(), id, orders) == 0) {
      throw Problem.conflict(
          "nothing-to-pick", "orders", "these orders have nothing allocated left to put on a list");
    }
    return list(scope, id);
  }

  public PickList list(TenantScope scope, long listId) {
    PickListRows.Head head = head(scope, listId);
    List<Task> tasks = views(scope, rows.rows(scope.tenantId(), listId, null, null));
    int open = (int) tasks.stream().filter(t -> t.status().equals("ALLOCATED")).count();
    String destination =
        head.destinationId() == null
            ? null
            : facility.byId(head.destinationId()).map(Location::code).orElse(null);
    String warehouse =
        facility.warehouses().stream()
            .filter(w -> w.id() == head.warehouseId())
            .map(Facility.Warehouse::code)
            .findFirst()
            .orElse(null);
    return new PickList(
        listId,
        warehouse,
        destination,
        head.status(),
        open,
        tasks.size() - open,
        open == 0 ? null : tasks.get(0),
        tasks);
  }

  /**
   * The next task of a list without reading all of it: the first location in walking order that
   * still has goods to pick, and its first task. A scan answers with it (a 30,000-unit list is read
   * only a location at a time).
   */
  Task next(TenantScope scope, long listId) {
    List<Long> open = rows.openLocations(scope.tenantId(), listId);
    if (open.isEmpty()) {
      return null;
    }
    Map<LocationId, Location> places =
        facility.locations(open.stream().map(LocationId::new).toList());
    Map<Long, String> zones = zones(places.values());
    Location first =
        places.values().stream()
            .min(
                Comparator.comparing((Location l) -> zones.getOrDefault(l.id(), ""))
                    .thenComparing(Location::code))
            .orElseThrow();
    return views(scope, rows.rows(scope.tenantId(), listId, first.id(), null)).stream()
        .filter(t -> t.status().equals("ALLOCATED"))
        .findFirst()
        .orElse(null);
  }

  /** Task views of these allocations, in walking order (open tasks first). */
  private List<Task> views(TenantScope scope, List<PickListRows.Row> all) {
    Map<ProductId, Product> products =
        catalog.products(
            scope.tenantId(), all.stream().map(r -> new ProductId(r.productId())).toList());
    Map<LotId, Lot> lots =
        catalog.lotsById(
            scope.tenantId(),
            all.stream()
                .map(PickListRows.Row::lotId)
                .filter(Objects::nonNull)
                .map(LotId::new)
                .toList());
    Map<LocationId, Location> places =
        facility.locations(all.stream().map(r -> new LocationId(r.locationId())).toList());
    Map<Long, String> zones = zones(places.values());
    Map<Long, Inventory.UnitPosition> units =
        inventory.units(
            scope.tenantId(),
            all.stream().map(PickListRows.Row::unitId).filter(Objects::nonNull).toList());
    Set<Long> containerIds = new HashSet<>();
    units
        .values()
        .forEach(
            u -> {
              if (u.containerId() != null) {
                containerIds.add(u.containerId());
              }
            });
    Map<Long, Container> boxes = containers.byIds(scope.tenantId(), containerIds);
    List<Task> tasks = new ArrayList<>();
    for (PickListRows.Row r : all) {
      Location at = places.get(new LocationId(r.locationId()));
      Inventory.UnitPosition u = r.unitId() == null ? null : units.get(r.unitId());
      Container box = u == null || u.containerId() == null ? null : boxes.get(u.containerId());
      tasks.add(
          new Task(
              r.allocationId(),
              r.order(),
              at == null ? null : zones.get(at.id()),
              at == null ? null : at.code(),
              products.get(new ProductId(r.productId())).sku(),
              r.gtin(),
              r.serial(),
              box == null ? null : box.sscc().value(),
              r.lotId() == null ? null : lots.get(new LotId(r.lotId())).code(),
              r.quantity(),
              r.status()));
    }
    tasks.sort(
        Comparator.comparing((Task t) -> !t.status().equals("ALLOCATED"))
            .thenComparing(t -> t.zone() == null ? "" : t.zone())
            .thenComparing(t -> t.location() == null ? "" : t.location())
            .thenComparing(Task::sku)
            .thenComparing(t -> t.serial() == null ? "" : t.serial()));
    return tasks;
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
          next(scope, listId),
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
                  rows.splitPicked(t.allocationId(), take, f.destination.id(), now);
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
        next(scope, listId),
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
        next(scope, listId),
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
                    rows.splitShort(t.allocationId(), take, now);
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
        next(scope, listId),
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
    PickListRows.Head head = head(scope, listId);
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

  private PickListRows.Head head(TenantScope scope, long listId) {
    return rows.head(scope.tenantId(), listId)
        .orElseThrow(() -> Problem.notFound("unknown-pick-list", "no pick list " + listId));
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

  /** The zone of each location: its topmost ancestor below the warehouse (itself at the top). */
  private Map<Long, String> zones(java.util.Collection<Location> locations) {
    Map<Long, Location> known = new HashMap<>();
    locations.forEach(l -> known.put(l.id(), l));
    for (int depth = 0; depth < 8; depth++) {
      List<LocationId> missing =
          known.values().stream()
              .map(Location::parentId)
              .filter(Objects::nonNull)
              .filter(id -> !known.containsKey(id))
              .distinct()
              .map(LocationId::new)
              .toList();
      if (missing.isEmpty()) {
        break;
      }
      facility.locations(missing).forEach((id, l) -> known.put(id.value(), l));
    }
    Map<Long, String> zones = new HashMap<>();
    for (Location l : locations) {
      Location top = l;
      while (top.parentId() != null && known.containsKey(top.parentId())) {
        top = known.get(top.parentId());
      }
      zones.put(l.id(), top.code());
    }
    return zones;
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
