package io.unitrace.ledger;

import io.unitrace.catalog.Catalog;
import io.unitrace.catalog.Lot;
import io.unitrace.catalog.LotId;
import io.unitrace.catalog.Product;
import io.unitrace.catalog.ProductId;
import io.unitrace.facility.Location;
import io.unitrace.facility.LocationId;
import io.unitrace.ledger.domain.UnitCommand;
import io.unitrace.shared.Problem;
import io.unitrace.tenancy.TenantScope;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import org.springframework.stereotype.Service;

/**
 * Goods on their way out, as ledger events: picked (CBV {@code picking}), short-picked, staged and
 * shipped (CBV {@code shipping}, disposition {@code in_transit}). Each command takes the units by
 * the ids the caller holds from their reservation, checks the state machine again inside its own
 * transaction (a unit picked twice at once is picked once), and runs the caller's {@code
 * inTransaction} with the event's id before it commits. Which order the goods are for, and whether
 * a scanned unit is the right one, is the caller's judgement; here the rules of the unit itself
 * hold.
 */
@Service
public class Departures {

  private final Recorder recorder;
  private final Planning planning;
  private final UnitRows rows;
  private final ContainerRows containers;
  private final Catalog catalog;

  Departures(
      Recorder recorder,
      Planning planning,
      UnitRows rows,
      ContainerRows containers,
      Catalog catalog) {
    this.recorder = recorder;
    this.planning = planning;
    this.rows = rows;
    this.containers = containers;
    this.catalog = catalog;
  }

  /** A quantity of reserved counted goods at a location. */
  public record ReservedQuantity(
      ProductId product, LotId lot, LocationId location, long quantity) {}

  record PickRequest(List<Long> units, Long released, String to, boolean substitute) {}

  /**
   * Picks loose units to {@code toCode}: ALLOCATED units go PICKED. With {@code released}, the
   * picked unit is a substitute for that one, which goes back to STORED in the same event; the
   * substitute itself may still be STORED.
   */
  public EventReceipt pickUnits(
      TenantScope scope,
      List<Long> unitIds,
      Long released,
      String toCode,
      Map<String, Object> details,
      RequestMeta meta,
      LongConsumer inTransaction) {
    scope.requireWrite();
    Location to = planning.require(toCode, "to");
    boolean substitute = released != null;
    return recorder.record(
        scope,
        meta,
        new PickRequest(unitIds, released, to.code(), substitute),
        () -> {
          List<Recorder.Change> changes = new ArrayList<>();
          UnitCommand pick = new UnitCommand.Pick(to.id(), to.type(), substitute);
          for (UnitRows.Loaded u : rows.byIds(scope.tenantId(), unitIds)) {
            UnitRef ref = u.ref();
            // Another picker's scan of the same unit committed first: the same answer as the
            // pick check gives once it sees the unit picked.
            if (u.status().state() == UnitState.PICKED || u.status().state() == UnitState.PACKED) {
              throw Problem.conflict("already-picked", "unit", "unit " + ref + " is already picked")
                  .with("rule", "already-picked");
            }
            if (u.status().container() != null) {
              throw Problem.conflict(
                      "in-container",
                      "unit",
                      "unit " + ref + " is inside a container: pick the container by its SSCC")
                  .with("rule", "pick-in-container");
            }
            changes.add(new Recorder.Change(u, pick, Recorder.apply(ref, u.status(), pick)));
          }
          if (released != null) {
            UnitCommand release = new UnitCommand.Deallocate();
            for (UnitRows.Loaded u : rows.byIds(scope.tenantId(), List.of(released))) {
              // A substitute stands in only for a unit still waiting to be picked: had another
              // picker taken it meanwhile, releasing it would put a picked unit back on the shelf
              // in the books and leave two units picked for one line.
              if (u.status().state() != UnitState.ALLOCATED) {
                throw Problem.conflict(
                        "already-picked",
                        "unit",
                        "unit "
                            + u.ref()
                            + ", which this one was to stand in for, is "
                            + u.status().state()
                            + " already")
                    .with("rule", "already-picked");
              }
              changes.add(Recorder.change(u, release));
            }
          }
          return new Recorder.Plan(
                  EventType.PICKED, "in_progress", to.id(), to.id(), details, changes)
              .knowing(to)
              .then(inTransaction);
        });
  }

  record ContainerPickRequest(long container, String to) {}

  /**
   * Picks a whole container by its SSCC (a case or pallet whose every unit is reserved for the
   * order): it moves to {@code toCode} with everything in it, and its units go PACKED inside it.
   */
  public EventReceipt pickContainer(
      TenantScope scope,
      long containerId,
      String toCode,
      Map<String, Object> details,
      RequestMeta meta,
      LongConsumer inTransaction) {
    scope.requireWrite();
    Location to = planning.require(toCode, "to");
    return recorder.record(
        scope,
        meta,
        new ContainerPickRequest(containerId, to.code()),
        () -> {
          List<Long> tree = containers.tree(scope.tenantId(), containerId);
          UnitCommand pick = new UnitCommand.Pick(to.id(), to.type(), false);
          List<Recorder.Change> changes = new ArrayList<>();
          for (UnitRows.Loaded u : rows.inContainers(scope.tenantId(), tree)) {
            changes.add(Recorder.change(u, pick));
          }
          return new Recorder.Plan(
                  EventType.PICKED,
                  "in_progress",
                  to.id(),
                  to.id(),
                  details,
                  List.of(),
                  changes,
                  () -> {
                    // a case taken off a pallet leaves the pallet
                    containers.nest(scope.tenantId(), containerId, null);
                    containers.place(scope.tenantId(), tree, to.id());
                  })
              .knowing(to)
              .then(inTransaction);
        });
  }

  record StockPickRequest(List<ReservedQuantity> from, String to, String type) {}

  /**
   * Moves reserved counted goods to {@code toCode}, still reserved: picked to a tote or the packing
   * station ({@code packed} false), or packed there into a carton ({@code packed} true).
   */
  public EventReceipt moveReserved(
      TenantScope scope,
      List<ReservedQuantity> from,
      String toCode,
      boolean packed,
      Map<String, Object> details,
      RequestMeta meta,
      LongConsumer inTransaction) {
    scope.requireWrite();
    Location to = planning.require(toCode, "to");
    EventType type = packed ? EventType.PACKED : EventType.PICKED;
    return recorder.record(
        scope,
        meta,
        new StockPickRequest(from, to.code(), type.name()),
        () -> {
          List<StockRows.StockChange> changes = new ArrayList<>();
          for (ReservedQuantity q : from) {
            Product product = product(scope, q.product());
            Lot lot = lot(scope, q.lot());
            Location at = planning.location(q.location().value());
            changes.add(
                new StockRows.StockChange(
                    product, lot, at, Reservations.RESERVED, -q.quantity(), "quantity"));
            changes.add(
                new StockRows.StockChange(
                    product, lot, to, Reservations.RESERVED, q.quantity(), "quantity"));
          }
          return new Recorder.Plan(type, "in_progress", to.id(), to.id(), details, List.of())
              .withStock(changes)
              .knowing(to)
              .then(inTransaction);
        });
  }

  record ShortRequest(List<Long> units, List<ReservedQuantity> stock, String reason) {}

  /**
   * A short pick: the reserved units were not where they should be (they go MISSING) and the
   * reserved quantities were not there (taken out as LOST), with the picker's reason.
   */
  public EventReceipt shortPick(
      TenantScope scope,
      List<Long> unitIds,
      List<ReservedQuantity> stock,
      String reason,
      Map<String, Object> details,
      RequestMeta meta,
      LongConsumer inTransaction) {
    scope.requireWrite();
    Planning.requireReason(reason);
    return recorder.record(
        scope,
        meta,
        new ShortRequest(unitIds, stock, reason),
        () -> {
          UnitCommand lose = new UnitCommand.Lose();
          List<Recorder.Change> changes = new ArrayList<>();
          for (UnitRows.Loaded u : rows.byIds(scope.tenantId(), unitIds)) {
            changes.add(Recorder.change(u, lose));
          }
          List<StockRows.StockChange> stockChanges = outOfReserved(scope, stock);
          return new Recorder.Plan(
                  EventType.LOST,
                  "unknown",
                  null,
                  null,
                  Planning.reasonDetails(details, reason),
                  changes)
              .withStock(stockChanges)
              .then(inTransaction);
        });
  }

  record ShipRequest(
      List<Long> units,
      List<ReservedQuantity> stock,
      List<Long> containers,
      Map<String, String> sale) {}

  /**
   * Ships: picked and packed units go SHIPPED with {@code sale} (order, channel, sold-to, ship
   * date) recorded on each, reserved quantities leave stock, and the shipment's containers leave
   * the building (no location). One CBV {@code shipping} event, disposition {@code in_transit}.
   */
  public EventReceipt ship(
      TenantScope scope,
      List<Long> unitIds,
      List<ReservedQuantity> stock,
      List<Long> containerIds,
      Map<String, String> sale,
      Map<String, Object> details,
      RequestMeta meta,
      LongConsumer inTransaction) {
    scope.requireWrite();
    return recorder.record(
        scope,
        meta,
        new ShipRequest(unitIds, stock, containerIds, sale),
        () -> {
          UnitCommand ship = new UnitCommand.Ship(sale);
          List<Recorder.Change> changes = new ArrayList<>();
          for (UnitRows.Loaded u : rows.byIds(scope.tenantId(), unitIds)) {
            changes.add(Recorder.change(u, ship));
          }
          List<StockRows.StockChange> stockChanges = outOfReserved(scope, stock);
          return new Recorder.Plan(
                  EventType.SHIPPED,
                  "in_transit",
                  null,
                  null,
                  details,
                  List.of(),
                  changes,
                  () -> containers.place(scope.tenantId(), containerIds, null))
              .withStock(stockChanges)
              .then(inTransaction);
        });
  }

  /** Reserved quantities leaving the stock book (shipped, or not found when picked). */
  private List<StockRows.StockChange> outOfReserved(
      TenantScope scope, List<ReservedQuantity> stock) {
    List<StockRows.StockChange> changes = new ArrayList<>();
    for (ReservedQuantity q : stock) {
      changes.add(
          new StockRows.StockChange(
              product(scope, q.product()),
              lot(scope, q.lot()),
              planning.location(q.location().value()),
              Reservations.RESERVED,
              -q.quantity(),
              "quantity"));
    }
    return changes;
  }

  private Product product(TenantScope scope, ProductId id) {
    return planning.product(scope, id.value());
  }

  private Lot lot(TenantScope scope, LotId id) {
    return id == null ? null : catalog.lotsById(scope.tenantId(), List.of(id)).get(id);
  }
}
