package io.unitrace.ledger;

import io.unitrace.catalog.Product;
import io.unitrace.facility.Location;
import io.unitrace.ledger.domain.UnitCommand;
import io.unitrace.ledger.domain.UnitStatus;
import io.unitrace.shared.Problem;
import io.unitrace.tenancy.Role;
import io.unitrace.tenancy.TenantScope;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.springframework.stereotype.Service;

/**
 * The book of serialized units: registering them, moving and observing them, holds, found and lost,
 * custom fields. Each command resolves its input (refusing bad input before anything is written),
 * plans the change through the unit state machine, and hands the plan to the {@link Recorder}.
 */
@Service
public class UnitBook {

  private final Recorder recorder;
  private final Planning planning;
  private final UnitRows rows;

  UnitBook(Recorder recorder, Planning planning, UnitRows rows) {
    this.rows = rows;
    this.recorder = recorder;
    this.planning = planning;
  }

  /** One unit to register. {@code expiry} and {@code manufactured} describe its lot. */
  public record NewUnit(
      String gtin,
      String serial,
      String lot,
      LocalDate expiry,
      LocalDate manufactured,
      Map<String, String> fields) {}

  /**
   * Units to register at {@code location} (RECEIVED on a dock, STORED elsewhere), or, with {@code
   * expected}, announced without a location. {@code reason} is OPENING_STOCK or COMMISSIONING.
   */
  public record Registration(
      List<NewUnit> units, String location, boolean expected, String reason) {}

  public EventReceipt register(TenantScope scope, Registration r, RequestMeta meta) {
    scope.requireWrite();
    if (r.units() == null || r.units().isEmpty()) {
      throw Problem.badRequest("invalid-field", "units", "name at least one unit to register");
    }
    String reason = r.reason() == null ? "OPENING_STOCK" : r.reason().toUpperCase();
    if (!reason.equals("OPENING_STOCK") && !reason.equals("COMMISSIONING")) {
      throw Problem.badRequest(
          "invalid-field", "reason", "reason is OPENING_STOCK or COMMISSIONING");
    }
    Location location = r.expected() ? null : planning.require(r.location(), "location");
    return recorder.record(
        scope,
        meta,
        r,
        () -> {
          Planning.UnitPlanner plan = planning.units(scope, r.units().size());
          List<Recorder.Registration> planned = new ArrayList<>(r.units().size());
          for (int i = 0; i < r.units().size(); i++) {
            NewUnit u = r.units().get(i);
            if (u == null) {
              throw Problem.badRequest(
                  "invalid-field", "units[" + i + "]", "a unit entry is empty");
            }
            Planning.Planned p = plan.unit(u, "units[" + i + "].");
            UnitCommand.Register command =
                new UnitCommand.Register(
                    location == null ? null : location.id(),
                    location == null ? null : location.type(),
                    p.fields());
            planned.add(
                new Recorder.Registration(
                    p.product(),
                    p.gtin(),
                    p.serial().value(),
                    p.lotId(),
                    command,
                    UnitStatus.register(command)));
          }
          Map<String, Object> details = new LinkedHashMap<>();
          details.put("reason", reason);
          if (location != null) {
            details.put("at", location.code());
          }
          return new Recorder.Plan(
                  EventType.REGISTERED,
                  r.expected() ? "encoded" : "active",
                  location == null ? null : location.id(),
                  location == null ? null : location.id(),
                  details,
                  planned,
                  List.of(),
                  () -> {})
              .knowing(location);
        });
  }

  public record MoveRequest(UnitRef unit, String location) {}

  public EventReceipt move(TenantScope scope, UnitRef ref, String locationCode, RequestMeta meta) {
    Location to = planning.require(locationCode, "location");
    return single(
        scope,
        ref,
        meta,
        new MoveRequest(ref, to.code()),
        EventType.MOVED,
        null,
        to,
        Map.of("to", to.code()),
        u -> {
          planning.sameWarehouse(u.status().location(), to, "location", "unit " + ref);
          return new UnitCommand.Move(to.id(), to.type());
        });
  }

  public record PutawayRequest(UnitRef unit, String dock, String location) {}

  /**
   * Puts a unit away: moves it from {@code dockCode} to {@code locationCode} only while it is still
   * RECEIVED on that dock and in no container (a unit in one goes with it: see {@link
   * Containers#putAway}). A plain move of a STORED unit is legal, so two clerks scanning the same
   * unit into two bins would both succeed, the second moving it again; here the precondition is a
   * conditional update in the event's own transaction, which locks the unit's row, so exactly one
   * clerk moves it and the other is refused ({@code not-on-dock}) with where it is now.
   */
  public EventReceipt putAway(
      TenantScope scope, UnitRef ref, String dockCode, String locationCode, RequestMeta meta) {
    Location dock = planning.require(dockCode, "dock");
    Location to = planning.require(locationCode, "location");
    planning.sameWarehouse(dock.id(), to, "location", "dock " + dock.code());
    return recorder.record(
        scope,
        meta,
        new PutawayRequest(ref, dock.code(), to.code()),
        () -> {
          long id = planning.load(scope, ref).id();
          if (rows.claimReceived(scope.tenantId(), List.of(id), dock.id(), true) != 1) {
            UnitStatus now = planning.load(scope, ref).status();
            if (now.container() != null
                && now.state() == UnitState.RECEIVED
                && Long.valueOf(dock.id()).equals(now.location())) {
              throw Problem.conflict(
                      "in-container",
                      "unit",
                      "unit "
                          + ref
                          + " is in a container: put the container away, or unpack the unit first")
                  .with("rule", "putaway-from-dock");
            }
            throw planning.notOnDock("unit", "unit " + ref, now.state(), now.location(), dock);
          }
          UnitRows.Loaded u = planning.load(scope, ref);
          UnitCommand command = new UnitCommand.Move(to.id(), to.type());
          return new Recorder.Plan(
                  EventType.MOVED,
                  null,
                  to.id(),
                  to.id(),
                  Map.of("from", dock.code(), "to", to.code()),
                  List.of(
                      new Recorder.Change(u, command, Recorder.apply(ref, u.status(), command))))
              .knowing(to);
        });
  }

  public record ObserveRequest(UnitRef unit, String location) {}

  public EventReceipt observe(
      TenantScope scope, UnitRef ref, String locationCode, RequestMeta meta) {
    Location at = planning.require(locationCode, "location");
    return recorder.record(
        scope,
        meta,
        new ObserveRequest(ref, at.code()),
        () -> {
          UnitRows.Loaded u = planning.load(scope, ref);
          UnitStatus after = Recorder.apply(ref, u.status(), new UnitCommand.Observe(at.id()));
          Map<String, Object> details = new LinkedHashMap<>();
          details.put("at", at.code());
          details.put(
              "elsewhere", u.status().location() == null || u.status().location() != at.id());
          return new Recorder.Plan(
              EventType.OBSERVED,
              null,
              at.id(),
              u.status().location(),
              details,
              List.of(new Recorder.Change(u, new UnitCommand.Observe(at.id()), after)));
        });
  }

  public record HoldRequest(UnitRef unit, Hold hold, String reason, boolean release) {}

  public EventReceipt placeHold(
      TenantScope scope, UnitRef ref, Hold hold, String reason, RequestMeta meta) {
    Planning.requireHold(hold);
    return single(
        scope,
        ref,
        meta,
        new HoldRequest(ref, hold, reason, false),
        EventType.HOLD_PLACED,
        hold.disposition(),
        null,
        Planning.reasonDetails(Map.of("hold", hold.name()), reason),
        u -> new UnitCommand.PlaceHold(hold));
  }

  /** Releasing a hold is a supervisor's decision. */
  public EventReceipt releaseHold(
      TenantScope scope, UnitRef ref, Hold hold, String reason, RequestMeta meta) {
    scope.requireRole(Role.SUPERVISOR);
    Planning.requireHold(hold);
    Planning.requireReason(reason);
    return single(
        scope,
        ref,
        meta,
        new HoldRequest(ref, hold, reason, true),
        EventType.HOLD_RELEASED,
        null,
        null,
        Planning.reasonDetails(Map.of("hold", hold.name()), reason),
        u -> new UnitCommand.ReleaseHold(hold));
  }

  public record AdjustRequest(UnitRef unit, Adjustment kind, String reason, String location) {}

  /** Found and lost are stock corrections: a supervisor's, with a reason. */
  public EventReceipt adjust(
      TenantScope scope,
      UnitRef ref,
      Adjustment kind,
      String reason,
      String locationCode,
      RequestMeta meta) {
    scope.requireRole(Role.SUPERVISOR);
    if (kind == null) {
      throw Problem.badRequest("invalid-field", "kind", "kind is FOUND or LOST");
    }
    Planning.requireReason(reason);
    if (kind == Adjustment.LOST) {
      return single(
          scope,
          ref,
          meta,
          new AdjustRequest(ref, kind, reason, null),
          EventType.LOST,
          "unknown",
          null,
          Planning.reasonDetails(Map.of(), reason),
          u -> new UnitCommand.Lose());
    }
    Location at = planning.require(locationCode, "location");
    return single(
        scope,
        ref,
        meta,
        new AdjustRequest(ref, kind, reason, at.code()),
        EventType.FOUND,
        "sellable_accessible",
        at,
        Planning.reasonDetails(Map.of("at", at.code()), reason),
        u -> new UnitCommand.Find(at.id(), at.type()));
  }

  public record DisposeRequest(UnitRef unit, String to, String reason) {}

  /**
   * Stock taken out of the books from the shelf, a supervisor's decision with a reason: destroyed
   * ({@code SCRAPPED}) or sent back to the supplier ({@code RETURNED_TO_VENDOR}).
   */
  public EventReceipt dispose(
      TenantScope scope, UnitRef ref, UnitState to, String reason, RequestMeta meta) {
    scope.requireRole(Role.SUPERVISOR);
    if (to != UnitState.SCRAPPED && to != UnitState.RETURNED_TO_VENDOR) {
      throw Problem.badRequest(
          "invalid-field", "to", "stock is disposed of as SCRAPPED or RETURNED_TO_VENDOR");
    }
    Planning.requireReason(reason);
    boolean scrapped = to == UnitState.SCRAPPED;
    return single(
        scope,
        ref,
        meta,
        new DisposeRequest(ref, to.name(), reason),
        scrapped ? EventType.SCRAPPED : EventType.RETURNED_TO_VENDOR,
        scrapped ? "destroyed" : "in_transit",
        null,
        Planning.reasonDetails(Map.of(), reason),
        u -> new UnitCommand.Dispose(to));
  }

  public record FieldsRequest(UnitRef unit, Map<String, String> fields) {}

  public EventReceipt setFields(
      TenantScope scope, UnitRef ref, Map<String, String> fields, RequestMeta meta) {
    if (fields == null || fields.isEmpty()) {
      throw Problem.badRequest("invalid-field", "fields", "name at least one field to set");
    }
    return recorder.record(
        scope,
        meta,
        new FieldsRequest(ref, new TreeMap<>(fields)),
        () -> {
          UnitRows.Loaded u = planning.load(scope, ref);
          Product product = planning.product(scope, u.productId());
          Map<String, String> values = Planning.fields(product, fields, "fields", false);
          UnitCommand command = new UnitCommand.SetFields(values);
          return new Recorder.Plan(
              EventType.FIELDS_SET,
              null,
              null,
              u.status().location(),
              Map.of("fields", new TreeMap<>(values)),
              List.of(new Recorder.Change(u, command, Recorder.apply(ref, u.status(), command))));
        });
  }

  private EventReceipt single(
      TenantScope scope,
      UnitRef ref,
      RequestMeta meta,
      Object request,
      EventType type,
      String disposition,
      Location at,
      Map<String, Object> details,
      Function<UnitRows.Loaded, UnitCommand> command) {
    return recorder.record(
        scope,
        meta,
        request,
        () -> {
          UnitRows.Loaded u = planning.load(scope, ref);
          UnitCommand c = command.apply(u);
          UnitStatus after = Recorder.apply(ref, u.status(), c);
          Long where = at == null ? after.location() : Long.valueOf(at.id());
          return new Recorder.Plan(
                  type,
                  disposition,
                  at == null ? null : at.id(),
                  where,
                  details,
                  List.of(new Recorder.Change(u, c, after)))
              .knowing(at);
        });
  }
}
