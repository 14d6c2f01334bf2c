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
import io.unitrace.ledger.Inventory;
import io.unitrace.shared.Problem;
import io.unitrace.tenancy.TenantScope;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.springframework.stereotype.Service;

/**
 * Pick lists: the allocations of one or more orders of a warehouse (a wave when several) gathered
 * for picking, and read in walking order — by zone, then by location code. A list is read whole for
 * a screen, or a location at a time for the next task after a scan.
 */
@Service
public class PickLists {

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

  private final PickListRows rows;
  private final Inventory inventory;
  private final Containers containers;
  private final Catalog catalog;
  private final Facility facility;
  private final Clock clock;

  PickLists(
      PickListRows rows,
      Inventory inventory,
      Containers containers,
      Catalog catalog,
      Facility facility,
      Clock clock) {
    this.rows = rows;
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

  PickListRows.Head head(TenantScope scope, long listId) {
    return rows.head(scope.tenantId(), listId)
        .orElseThrow(() -> Problem.notFound("unknown-pick-list", "no pick list " + listId));
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
}
