package io.unitrace.ledger;

import io.unitrace.catalog.Serial;
import io.unitrace.facility.Location;
import io.unitrace.ledger.domain.UnitCommand;
import io.unitrace.shared.Problem;
import io.unitrace.tenancy.TenantScope;
import java.util.ArrayList;
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

  Transit(Recorder recorder, Planning planning, UnitRows rows) {
    this.recorder = recorder;
    this.planning = planning;
    this.rows = rows;
  }

  record DispatchRequest(List<UnitRef> units, String from, String to) {}

  record ArrivalRequest(List<UnitRef> units, String at) {}

  /**
   * The units leave warehouse {@code from} for warehouse {@code to}: each must be loose, RECEIVED
   * or STORED, in a location of {@code from}. One event; refused whole, naming the unit, otherwise.
   */
  public EventReceipt dispatch(
      TenantScope scope,
      List<UnitRef> refs,
      String from,
      String to,
      Map<String, Object> details,
      RequestMeta meta,
      LongConsumer inTransaction) {
    scope.requireWrite();
    return recorder.record(
        scope,
        meta,
        new DispatchRequest(refs, from, to),
        () -> {
          UnitCommand dispatch = new UnitCommand.Dispatch(to);
          List<Recorder.Change> changes = new ArrayList<>();
          for (UnitRows.Loaded u : loaded(scope, refs)) {
            UnitRef ref = ref(u);
            Long at = u.status().location();
            if (at != null && u.status().state().inBuilding()) {
              Location where = planning.location(at);
              if (!where.warehouse().equals(from)) {
                throw Problem.conflict(
                        "another-warehouse",
                        "units",
                        "unit "
                            + ref
                            + " is in warehouse "
                            + where.warehouse()
                            + " ("
                            + where.code()
                            + "), not in "
                            + from
                            + " where the transfer leaves from")
                    .with("rule", "same-warehouse")
                    .with("unit", ref.toString());
              }
            }
            changes.add(
                new Recorder.Change(u, dispatch, Recorder.apply(ref, u.status(), dispatch)));
          }
          return new Recorder.Plan(
                  EventType.TRANSFER_SHIPPED,
                  "in_transit",
                  null,
                  null,
                  details,
                  List.of(),
                  changes,
                  () -> {})
              .then(inTransaction);
        });
  }

  /**
   * The units arrive at {@code locationCode} (the destination's dock): each must be IN_TRANSIT.
   * Whether they belong to the transfer, and the dock to its destination, is the caller's check.
   */
  public EventReceipt arrive(
      TenantScope scope,
      List<UnitRef> refs,
      String locationCode,
      Map<String, Object> details,
      RequestMeta meta,
      LongConsumer inTransaction) {
    scope.requireWrite();
    Location at = planning.require(locationCode, "dock");
    return recorder.record(
        scope,
        meta,
        new ArrivalRequest(refs, at.code()),
        () -> {
          UnitCommand arrive = new UnitCommand.Arrive(at.id(), at.type());
          List<Recorder.Change> changes = new ArrayList<>();
          for (UnitRows.Loaded u : loaded(scope, refs)) {
            changes.add(new Recorder.Change(u, arrive, Recorder.apply(ref(u), u.status(), arrive)));
          }
          return new Recorder.Plan(
                  EventType.TRANSFER_RECEIVED,
                  "in_progress",
                  at.id(),
                  at.id(),
                  details,
                  List.of(),
                  changes,
                  () -> {})
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

  private static UnitRef ref(UnitRows.Loaded u) {
    return new UnitRef(u.gtin(), new Serial(u.serial()));
  }
}
