package io.unitrace.ledger;

import io.unitrace.catalog.LotId;
import io.unitrace.catalog.ProductId;
import io.unitrace.facility.Location;
import io.unitrace.facility.LocationId;
import io.unitrace.gs1.Sscc;
import io.unitrace.ledger.domain.UnitCommand;
import io.unitrace.shared.Problem;
import io.unitrace.tenancy.Role;
import io.unitrace.tenancy.TenantScope;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongConsumer;
import org.springframework.stereotype.Service;

/**
 * Goods between two of the operator's warehouses, as ledger events: a transfer leaves its warehouse
 * (CBV {@code shipping}, disposition {@code in_transit}: the units go IN_TRANSIT, in no location;
 * counted goods go to the destination's TRANSIT location, ADR 0023) and arrives at the other (CBV
 * {@code receiving}: RECEIVED on the destination's dock, counted goods onto that dock). The only
 * way goods change warehouse (every move stays inside one). Which transfer the goods belong to is
 * the caller's record; here the units' own rules hold, checked again inside the event's
 * transaction, and the caller's {@code inTransaction} runs with the event's id before it commits.
 */
@Service
public class Transit {

  private final Recorder recorder;
  private final Planning planning;
  private final UnitRows rows;
  private final ContainerRows containers;
  private final Inventory inventory;

  Transit(
      Recorder recorder,
      Planning planning,
      UnitRows rows,
      ContainerRows containers,
      Inventory inventory) {
    this.recorder = recorder;
    this.planning = planning;
    this.rows = rows;
    this.containers = containers;
    this.inventory = inventory;
  }

  /**
   * A quantity of counted goods (a lot, or untracked: no lot) leaving location {@code from} of the
   * origin, from its bucket with {@code holds} (none if not given); the holds travel with it.
   */
  public record StockOut(String gtin, String lot, String from, long quantity, Set<Hold> holds) {

    public StockOut {
      holds = holds == null || holds.isEmpty() ? EnumSet.noneOf(Hold.class) : EnumSet.copyOf(holds);
    }
  }

  /** A quantity of counted goods arriving: taken from what is on its way to the destination. */
  public record StockIn(String gtin, String lot, long quantity) {}

  record DispatchRequest(
      List<UnitRef> units, List<String> containers, List<StockOut> stock, String from, String to) {}

  record ArrivalRequest(
      List<UnitRef> units, List<String> containers, List<StockIn> stock, String at) {}

  /**
   * The units and containers leave warehouse {@code from} for warehouse {@code to}: each unit
   * loose, RECEIVED or STORED, in a location of {@code from}; each container outermost, in {@code
   * from}, shipped whole with everything in it (no location while on its way); each quantity of
   * counted goods from its location in {@code from} to the TRANSIT location of {@code to}. One
   * event; refused whole, naming the unit, container or quantity, otherwise.
   */
  public EventReceipt dispatch(
      TenantScope scope,
      List<UnitRef> refs,
      List<Sscc> ssccs,
      List<StockOut> stock,
      String from,
      String to,
      Map<String, Object> details,
      RequestMeta meta,
      LongConsumer inTransaction) {
    scope.requireWrite();
    return recorder.record(
        scope,
        meta,
        new DispatchRequest(refs, values(ssccs), stock, from, to),
        () -> {
          Map<Long, Location> where = new HashMap<>();
          UnitCommand loose = new UnitCommand.Dispatch(to, false);
          UnitCommand packed = new UnitCommand.Dispatch(to, true);
          List<Recorder.Change> changes = new ArrayList<>();
          for (UnitRows.Loaded u : loaded(scope, refs)) {
            requireIn(from, u.status().location(), where, "units", "unit " + u.ref());
            changes.add(Recorder.change(u, loose));
          }
          List<Long> trees = new ArrayList<>();
          for (int i = 0; i < ssccs.size(); i++) {
            Container c = outermost(scope, ssccs.get(i), "containers[" + i + "]");
            requireIn(
                from, c.locationId(), where, "containers[" + i + "]", "container " + c.sscc());
            List<Long> tree = containers.tree(scope.tenantId(), c.id());
            trees.addAll(tree);
            for (UnitRows.Loaded u : rows.inContainers(scope.tenantId(), tree)) {
              changes.add(Recorder.change(u, packed));
            }
          }
          List<StockRows.StockChange> moved = new ArrayList<>();
          Location transit = stock.isEmpty() ? null : planning.transit(to);
          Planning.StockPlanner items = planning.stock(scope);
          for (int i = 0; i < stock.size(); i++) {
            StockOut s = stock.get(i);
            String at = "stock[" + i + "]";
            Location source = planning.require(s.from(), at + ".from");
            requireIn(from, source.id(), where, at + ".from", s.from());
            Planning.StockItem item = items.item(s.gtin(), s.lot(), null, null, false, at + ".");
            int holds = Planning.holdBits(s.holds());
            moved.add(
                new StockRows.StockChange(
                    item.product(), item.lot(), source, holds, -s.quantity(), at + ".quantity"));
            moved.add(
                new StockRows.StockChange(
                    item.product(), item.lot(), transit, holds, s.quantity(), at + ".quantity"));
          }
          return new Recorder.Plan(
                  EventType.TRANSFER_SHIPPED,
                  "in_transit",
                  null,
                  null,
                  details,
                  List.of(),
                  changes,
                  () -> containers.place(scope.tenantId(), trees, null))
              .withStock(moved)
              .then(inTransaction);
        });
  }

  /**
   * The units and containers arrive at {@code locationCode} (the destination's dock): each unit
   * IN_TRANSIT and loose, each container on its way (no location) with everything in it, each
   * quantity from the dock's warehouse's TRANSIT location, keeping its holds (held buckets first,
   * so that a recall's hold placed on the way is not lost). Whether they belong to the transfer,
   * and the dock to its destination, is the caller's check.
   */
  public EventReceipt arrive(
      TenantScope scope,
      List<UnitRef> refs,
      List<Sscc> ssccs,
      List<StockIn> stock,
      String locationCode,
      Map<String, Object> details,
      RequestMeta meta,
      LongConsumer inTransaction) {
    scope.requireWrite();
    Location at = planning.require(locationCode, "dock");
    return recorder.record(
        scope,
        meta,
        new ArrivalRequest(refs, values(ssccs), stock, at.code()),
        () -> {
          UnitCommand arrive = new UnitCommand.Arrive(at.id(), at.type());
          List<Recorder.Change> changes = new ArrayList<>();
          for (UnitRows.Loaded u : loaded(scope, refs)) {
            if (u.status().container() != null) {
              throw Problem.conflict(
                  "unit-in-container",
                  "units",
                  "unit " + u.ref() + " travels in a container: receive the container");
            }
            changes.add(Recorder.change(u, arrive));
          }
          List<Long> trees = new ArrayList<>();
          for (int i = 0; i < ssccs.size(); i++) {
            Container c = outermost(scope, ssccs.get(i), "containers[" + i + "]");
            if (c.locationId() != null) {
              throw Problem.conflict(
                  "container-not-in-transit",
                  "containers[" + i + "]",
                  "container " + c.sscc() + " is not on its way: it is in a building");
            }
            List<Long> tree = containers.tree(scope.tenantId(), c.id());
            trees.addAll(tree);
            for (UnitRows.Loaded u : rows.inContainers(scope.tenantId(), tree)) {
              changes.add(Recorder.change(u, arrive));
            }
          }
          List<StockRows.StockChange> moved = new ArrayList<>();
          Location transit = stock.isEmpty() ? null : planning.transit(at.warehouse());
          // Held buckets first, so that a recall's hold placed on the way is not lost.
          for (Taken t : takenOnTheWay(scope, stock, transit, HELD_FIRST)) {
            moved.add(t.change(transit, -t.quantity()));
            moved.add(t.change(at, t.quantity()));
          }
          return new Recorder.Plan(
                  EventType.TRANSFER_RECEIVED,
                  "in_progress",
                  at.id(),
                  at.id(),
                  details,
                  List.of(),
                  changes,
                  () -> containers.place(scope.tenantId(), trees, at.id()))
              .withStock(moved)
              .knowing(at)
              .then(inTransaction);
        });
  }

  record LossRequest(
      List<UnitRef> units,
      List<String> containers,
      List<StockIn> stock,
      String to,
      String reason) {}

  /**
   * What never arrived of a transfer going to warehouse {@code to}, reported lost on the way (a
   * supervisor's decision, with a reason): each unit IN_TRANSIT and loose, and each unit in each
   * container on its way, goes MISSING in no location (found later, wherever it turns up); each
   * quantity leaves {@code to}'s TRANSIT location, held buckets last. One event, LOST; which goods
   * belong to the transfer is the caller's check.
   */
  public EventReceipt lose(
      TenantScope scope,
      List<UnitRef> refs,
      List<Sscc> ssccs,
      List<StockIn> stock,
      String to,
      String reason,
      Map<String, Object> details,
      RequestMeta meta,
      LongConsumer inTransaction) {
    scope.requireRole(Role.SUPERVISOR);
    Planning.requireReason(reason);
    return recorder.record(
        scope,
        meta,
        new LossRequest(refs, values(ssccs), stock, to, reason.strip()),
        () -> {
          UnitCommand lose = new UnitCommand.LoseOnTheWay();
          List<Recorder.Change> changes = new ArrayList<>();
          for (UnitRows.Loaded u : loaded(scope, refs)) {
            changes.add(Recorder.change(u, lose));
          }
          for (int i = 0; i < ssccs.size(); i++) {
            Container c = outermost(scope, ssccs.get(i), "containers[" + i + "]");
            List<Long> tree = containers.tree(scope.tenantId(), c.id());
            for (UnitRows.Loaded u : rows.inContainers(scope.tenantId(), tree)) {
              changes.add(Recorder.change(u, lose));
            }
          }
          List<StockRows.StockChange> gone = new ArrayList<>();
          Location transit = stock.isEmpty() ? null : planning.transit(to);
          for (Taken t : takenOnTheWay(scope, stock, transit, HELD_FIRST.reversed())) {
            gone.add(t.change(transit, -t.quantity()));
          }
          return new Recorder.Plan(
                  EventType.LOST,
                  "unknown",
                  null,
                  null,
                  Planning.reasonDetails(details, reason),
                  changes)
              .withStock(gone)
              .then(inTransaction);
        });
  }

  private static final Comparator<Inventory.StockBucket> HELD_FIRST =
      Comparator.comparingInt(Inventory.StockBucket::holds).reversed();

  /** A quantity of one bucket at the TRANSIT location, taken for a line of {@code stock}. */
  private record Taken(Planning.StockItem item, int holds, long quantity, String field) {

    StockRows.StockChange change(Location where, long delta) {
      return new StockRows.StockChange(item.product(), item.lot(), where, holds, delta, field);
    }
  }

  /**
   * Each quantity asked, taken from the buckets of its item at {@code transit} in {@code order};
   * refused, naming the line, if less than that is on its way.
   */
  private List<Taken> takenOnTheWay(
      TenantScope scope,
      List<StockIn> stock,
      Location transit,
      Comparator<Inventory.StockBucket> order) {
    List<Taken> taken = new ArrayList<>();
    Planning.StockPlanner items = planning.stock(scope);
    for (int i = 0; i < stock.size(); i++) {
      StockIn s = stock.get(i);
      String field = "stock[" + i + "].quantity";
      Planning.StockItem item =
          items.item(s.gtin(), s.lot(), null, null, false, "stock[" + i + "].");
      List<Inventory.StockBucket> buckets =
          new ArrayList<>(
              inventory.stockAt(
                  scope.tenantId(),
                  new ProductId(item.product().id()),
                  item.lot() == null ? null : new LotId(item.lot().id()),
                  List.of(new LocationId(transit.id()))));
      buckets.sort(order);
      long left = s.quantity();
      for (Inventory.StockBucket b : buckets) {
        long q = Math.min(left, b.quantity());
        if (q == 0) {
          break;
        }
        taken.add(new Taken(item, b.holds(), q, field));
        left -= q;
      }
      if (left > 0) {
        throw Problem.conflict(
                "insufficient-stock",
                field,
                "only "
                    + (s.quantity() - left)
                    + " of "
                    + item.product().sku()
                    + (item.lot() == null ? "" : " lot " + item.lot().code())
                    + " are on their way to "
                    + transit.warehouse()
                    + ", "
                    + s.quantity()
                    + " asked for")
            .with("rule", "insufficient-stock");
      }
    }
    return taken;
  }

  /** The units, in the order asked, each known to the client. */
  private List<UnitRows.Loaded> loaded(TenantScope scope, List<UnitRef> refs) {
    Map<UnitRef, UnitRows.Loaded> found = rows.findAll(scope.tenantId(), refs);
    List<UnitRows.Loaded> units = new ArrayList<>();
    for (int i = 0; i < refs.size(); i++) {
      UnitRows.Loaded u = found.get(refs.get(i));
      if (u == null) {
        throw Problem.notFound(
                "unknown-unit", "client " + scope.tenantCode() + " has no unit " + refs.get(i))
            .at("units[" + i + "]");
      }
      units.add(u);
    }
    return units;
  }

  /** A container of the client, inside no other (a case travels with its pallet). */
  private Container outermost(TenantScope scope, Sscc sscc, String field) {
    Container c = planning.container(scope, sscc, field);
    if (c.parentId() != null) {
      throw Problem.conflict(
              "container-nested",
              field,
              "container " + sscc + " sits inside another: transfer the outer one, or take it out")
          .with("rule", "container-nested");
    }
    return c;
  }

  /**
   * Refuses goods that are not in a location of warehouse {@code from}; {@code known} keeps the
   * locations read, so a transfer of many units reads each location once.
   */
  private void requireIn(
      String from, Long locationId, Map<Long, Location> known, String field, String what) {
    if (locationId == null) {
      return; // not in a building: the state machine names why it cannot leave
    }
    Location where = known.computeIfAbsent(locationId, planning::location);
    if (!where.warehouse().equals(from)) {
      throw Problem.conflict(
              "another-warehouse",
              field,
              what
                  + " is in warehouse "
                  + where.warehouse()
                  + " ("
                  + where.code()
                  + "), not in "
                  + from
                  + " where the transfer leaves from")
          .with("rule", "same-warehouse");
    }
  }

  private static List<String> values(List<Sscc> ssccs) {
    return ssccs.stream().map(Sscc::value).toList();
  }
}
