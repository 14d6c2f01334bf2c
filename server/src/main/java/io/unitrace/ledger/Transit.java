package io.unitrace.ledger;

import io.unitrace.catalog.Serial;
import io.unitrace.facility.Location;
import io.unitrace.gs1.Sscc;
import io.unitrace.ledger.domain.UnitCommand;
import io.unitrace.shared.Problem;
import io.unitrace.tenancy.TenantScope;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import org.springframework.stereotype.Service;

/**
 * Goods between two of the operator's warehouses, as ledger events: a transfer leaves its warehouse
 * (CBV {@code shipping}, disposition {@code in_transit}: the units go IN_TRANSIT, in no location)
 * and arrives at the other (CBV {@code receiving}: RECEIVED on the destination's dock). The only
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

  Transit(Recorder recorder, Planning planning, UnitRows rows, ContainerRows containers) {
    this.recorder = recorder;
    this.planning = planning;
    this.rows = rows;
    this.containers = containers;
  }

  record DispatchRequest(List<UnitRef> units, List<String> containers, String from, String to) {}

  record ArrivalRequest(List<UnitRef> units, List<String> containers, String at) {}

  /**
   * The units and containers leave warehouse {@code from} for warehouse {@code to}: each unit
   * loose, RECEIVED or STORED, in a location of {@code from}; each container outermost, in {@code
   * from}, shipped whole with everything in it (no location while on its way). One event; refused
   * whole, naming the unit or container, otherwise.
   */
  public EventReceipt dispatch(
      TenantScope scope,
      List<UnitRef> refs,
      List<Sscc> ssccs,
      String from,
      String to,
      Map<String, Object> details,
      RequestMeta meta,
      LongConsumer inTransaction) {
    scope.requireWrite();
    return recorder.record(
        scope,
        meta,
        new DispatchRequest(refs, values(ssccs), from, to),
        () -> {
          Map<Long, Location> where = new HashMap<>();
          UnitCommand loose = new UnitCommand.Dispatch(to, false);
          UnitCommand packed = new UnitCommand.Dispatch(to, true);
          List<Recorder.Change> changes = new ArrayList<>();
          for (UnitRows.Loaded u : loaded(scope, refs)) {
            requireIn(from, u.status().location(), where, "units", "unit " + ref(u));
            changes.add(new Recorder.Change(u, loose, Recorder.apply(ref(u), u.status(), loose)));
          }
          List<Long> trees = new ArrayList<>();
          for (int i = 0; i < ssccs.size(); i++) {
            Container c = outermost(scope, ssccs.get(i), "containers[" + i + "]");
            requireIn(
                from, c.locationId(), where, "containers[" + i + "]", "container " + c.sscc());
            List<Long> tree = containers.tree(scope.tenantId(), c.id());
            trees.addAll(tree);
            for (UnitRows.Loaded u : rows.inContainers(scope.tenantId(), tree)) {
              changes.add(
                  new Recorder.Change(u, packed, Recorder.apply(ref(u), u.status(), packed)));
            }
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
              .then(inTransaction);
        });
  }

  /**
   * The units and containers arrive at {@code locationCode} (the destination's dock): each unit
   * IN_TRANSIT and loose, each container on its way (no location) with everything in it. Whether
   * they belong to the transfer, and the dock to its destination, is the caller's check.
   */
  public EventReceipt arrive(
      TenantScope scope,
      List<UnitRef> refs,
      List<Sscc> ssccs,
      String locationCode,
      Map<String, Object> details,
      RequestMeta meta,
      LongConsumer inTransaction) {
    scope.requireWrite();
    Location at = planning.require(locationCode, "dock");
    return recorder.record(
        scope,
        meta,
        new ArrivalRequest(refs, values(ssccs), at.code()),
        () -> {
          UnitCommand arrive = new UnitCommand.Arrive(at.id(), at.type());
          List<Recorder.Change> changes = new ArrayList<>();
          for (UnitRows.Loaded u : loaded(scope, refs)) {
            if (u.status().container() != null) {
              throw Problem.conflict(
                  "unit-in-container",
                  "units",
                  "unit " + ref(u) + " travels in a container: receive the container");
            }
            changes.add(new Recorder.Change(u, arrive, Recorder.apply(ref(u), u.status(), arrive)));
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
              changes.add(
                  new Recorder.Change(u, arrive, Recorder.apply(ref(u), u.status(), arrive)));
            }
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
              .knowing(at)
              .then(inTransaction);
        });
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

  private static UnitRef ref(UnitRows.Loaded u) {
    return new UnitRef(u.gtin(), new Serial(u.serial()));
  }
}
