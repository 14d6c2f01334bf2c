package io.unitrace.ledger;

import io.unitrace.catalog.Catalog;
import io.unitrace.catalog.Lot;
import io.unitrace.catalog.LotId;
import io.unitrace.catalog.Product;
import io.unitrace.catalog.ProductId;
import io.unitrace.facility.Location;
import io.unitrace.ledger.domain.UnitCommand;
import io.unitrace.ledger.domain.UnitStatus;
import io.unitrace.shared.Problem;
import io.unitrace.tenancy.TenantScope;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongConsumer;
import org.springframework.stereotype.Service;

/**
 * Goods coming back, as ledger events: a shipped unit received back from a customer (CBV {@code
 * receiving}, disposition {@code returned}), inspected ({@code inspecting}), and routed to stock,
 * repair, quarantine, the vendor, the scrap bin or back to the customer. Counted goods come back by
 * lot and quantity into a bucket on QC hold until their disposition. Facts that change no state (a
 * replacement, a licence) are noted on the units' chains. Whether a return is genuine, and where it
 * should go, is the caller's judgement; here the unit's own rules hold, checked again inside the
 * event's transaction, so two clerks receiving the same unit at once give one return.
 */
@Service
public class ReturnedGoods {

  /** The event types a route may be recorded under. */
  static final Set<EventType> ROUTES =
      EnumSet.of(
          EventType.RESTOCKED,
          EventType.QUARANTINED,
          EventType.REPAIR_STARTED,
          EventType.REPAIRED,
          EventType.SENT_TO_CUSTOMER,
          EventType.SCRAPPED,
          EventType.RETURNED_TO_VENDOR);

  /** The event types a note may be recorded under. */
  static final Set<EventType> NOTES =
      EnumSet.of(
          EventType.REPLACED,
          EventType.LICENCE_ISSUED,
          EventType.LICENCE_ACTIVATED,
          EventType.LICENCE_REVOKED);

  private final Recorder recorder;
  private final Planning planning;
  private final UnitRows rows;
  private final Catalog catalog;

  ReturnedGoods(Recorder recorder, Planning planning, UnitRows rows, Catalog catalog) {
    this.recorder = recorder;
    this.planning = planning;
    this.rows = rows;
    this.catalog = catalog;
  }

  record ReturnRequest(long unit, String at, int holds) {}

  /**
   * A shipped unit back from a customer: RETURNED at {@code atCode} with {@code holds} (bits of
   * {@link Hold}) added. Refused ({@code already-returned}) for a unit already back, so of two
   * clerks scanning it at once one records the return.
   */
  public EventReceipt receive(
      TenantScope scope,
      long unitId,
      String atCode,
      int holds,
      Map<String, Object> details,
      RequestMeta meta,
      LongConsumer inTransaction) {
    scope.requireWrite();
    Location at = planning.require(atCode, "location");
    return recorder.record(
        scope,
        meta,
        new ReturnRequest(unitId, at.code(), holds),
        () -> {
          UnitCommand command = new UnitCommand.Return(at.id(), at.type(), holds);
          return new Recorder.Plan(
                  EventType.RETURN_RECEIVED,
                  "returned",
                  at.id(),
                  at.id(),
                  details,
                  List.of(change(scope, unitId, command)))
              .knowing(at)
              .then(inTransaction);
        });
  }

  record StockReturnRequest(long product, Long lot, String at, long quantity) {}

  /**
   * Counted goods back from a customer: {@code quantity} of the lot into a bucket at {@code atCode}
   * on QC hold, waiting for inspection.
   */
  public EventReceipt receiveStock(
      TenantScope scope,
      ProductId productId,
      LotId lotId,
      String atCode,
      long quantity,
      Map<String, Object> details,
      RequestMeta meta,
      LongConsumer inTransaction) {
    scope.requireWrite();
    requireQuantity(quantity);
    Location at = planning.require(atCode, "location");
    return recorder.record(
        scope,
        meta,
        new StockReturnRequest(
            productId.value(), lotId == null ? null : lotId.value(), at.code(), quantity),
        () ->
            new Recorder.Plan(
                    EventType.RETURN_RECEIVED, "returned", at.id(), at.id(), details, List.of())
                .withStock(
                    List.of(
                        new StockRows.StockChange(
                            product(scope, productId),
                            lot(scope, lotId),
                            at,
                            Hold.QC.bit(),
                            quantity,
                            "quantity")))
                .knowing(at)
                .then(inTransaction));
  }

  record InspectRequest(long unit, String disposition, String condition) {}

  /** The inspection of a returned unit, recorded under the CBV disposition the inspector chose. */
  public EventReceipt inspect(
      TenantScope scope,
      long unitId,
      String disposition,
      String condition,
      Map<String, Object> details,
      RequestMeta meta,
      LongConsumer inTransaction) {
    scope.requireWrite();
    return recorder.record(
        scope,
        meta,
        new InspectRequest(unitId, disposition, condition),
        () -> {
          Recorder.Change change = change(scope, unitId, new UnitCommand.Inspect(condition));
          return new Recorder.Plan(
                  EventType.INSPECTED,
                  disposition,
                  change.before().status().location(),
                  change.before().status().location(),
                  details,
                  List.of(change))
              .then(inTransaction);
        });
  }

  record RouteRequest(long unit, String to, String at, String type) {}

  /**
   * Sends a returned or repaired unit on: {@code to} is the state it goes to, {@code atCode} the
   * location (none for SHIPPED and the terminal states), {@code type} the event it is recorded as.
   */
  public EventReceipt route(
      TenantScope scope,
      long unitId,
      UnitState to,
      String atCode,
      EventType type,
      String disposition,
      Map<String, Object> details,
      RequestMeta meta,
      LongConsumer inTransaction) {
    scope.requireWrite();
    if (!ROUTES.contains(type)) {
      throw new IllegalArgumentException(type + " is not a route");
    }
    Location at = atCode == null ? null : planning.require(atCode, "location");
    return recorder.record(
        scope,
        meta,
        new RouteRequest(unitId, to.name(), at == null ? null : at.code(), type.name()),
        () -> {
          UnitCommand command =
              new UnitCommand.Route(to, at == null ? null : at.id(), at == null ? null : at.type());
          return new Recorder.Plan(
                  type,
                  disposition,
                  at == null ? null : at.id(),
                  at == null ? null : at.id(),
                  details,
                  List.of(change(scope, unitId, command)))
              .knowing(at)
              .then(inTransaction);
        });
  }

  record StockRouteRequest(long product, Long lot, String at, long quantity, String type) {}

  /**
   * The disposition of returned counted goods waiting on QC hold at {@code atCode}: RESTOCKED
   * releases the hold (the goods are then moved like any stock), SCRAPPED and RETURNED_TO_VENDOR
   * take them out of the books.
   */
  public EventReceipt routeStock(
      TenantScope scope,
      ProductId productId,
      LotId lotId,
      String atCode,
      long quantity,
      EventType type,
      String disposition,
      Map<String, Object> details,
      RequestMeta meta,
      LongConsumer inTransaction) {
    scope.requireWrite();
    requireQuantity(quantity);
    if (type != EventType.RESTOCKED
        && type != EventType.SCRAPPED
        && type != EventType.RETURNED_TO_VENDOR) {
      throw new IllegalArgumentException(type + " is not a route for counted goods");
    }
    Location at = planning.require(atCode, "location");
    return recorder.record(
        scope,
        meta,
        new StockRouteRequest(
            productId.value(),
            lotId == null ? null : lotId.value(),
            at.code(),
            quantity,
            type.name()),
        () -> {
          Product product = product(scope, productId);
          Lot lot = lot(scope, lotId);
          List<StockRows.StockChange> changes = new ArrayList<>();
          changes.add(
              new StockRows.StockChange(product, lot, at, Hold.QC.bit(), -quantity, "quantity"));
          if (type == EventType.RESTOCKED) {
            changes.add(new StockRows.StockChange(product, lot, at, 0, quantity, "quantity"));
          }
          return new Recorder.Plan(type, disposition, at.id(), at.id(), details, List.of())
              .withStock(changes)
              .knowing(at)
              .then(inTransaction);
        });
  }

  record CaseRequest(long unit, boolean release, String reason) {}

  /**
   * A supervisor's decision on a suspicious return, with a reason: cleared ({@code release}: the
   * SUSPECT hold comes off in this event) or confirmed (the unit stays held; the decision is noted
   * on its chain).
   */
  public EventReceipt resolveCase(
      TenantScope scope,
      long unitId,
      boolean release,
      String reason,
      Map<String, Object> details,
      RequestMeta meta,
      LongConsumer inTransaction) {
    scope.requireRole(io.unitrace.tenancy.Role.SUPERVISOR);
    Planning.requireReason(reason);
    return recorder.record(
        scope,
        meta,
        new CaseRequest(unitId, release, reason),
        () -> {
          UnitCommand command =
              release
                  ? new UnitCommand.ReleaseHold(Hold.SUSPECT)
                  : new UnitCommand.Note(Map.of("case", "confirmed"));
          Recorder.Change change = change(scope, unitId, command);
          return new Recorder.Plan(
                  EventType.CASE_RESOLVED,
                  release ? null : Hold.SUSPECT.disposition(),
                  null,
                  change.before().status().location(),
                  Planning.reasonDetails(details, reason),
                  List.of(change))
              .then(inTransaction);
        });
  }

  record NoteRequest(Map<Long, Map<String, String>> notes, String type) {}

  /**
   * A fact noted on each unit's chain, in any state, without changing it: {@code notes} maps a
   * unit's id to what its history shows (a replacement's serial, a licence's reference).
   */
  public EventReceipt note(
      TenantScope scope,
      Map<Long, Map<String, String>> notes,
      EventType type,
      Map<String, Object> details,
      RequestMeta meta,
      LongConsumer inTransaction) {
    scope.requireWrite();
    if (!NOTES.contains(type)) {
      throw new IllegalArgumentException(type + " is not a note");
    }
    return recorder.record(
        scope,
        meta,
        new NoteRequest(notes, type.name()),
        () -> {
          List<Recorder.Change> changes = new ArrayList<>();
          for (UnitRows.Loaded u : rows.byIds(scope.tenantId(), notes.keySet())) {
            UnitCommand command = new UnitCommand.Note(notes.get(u.id()));
            changes.add(Recorder.change(u, command));
          }
          return new Recorder.Plan(type, null, null, null, details, changes).then(inTransaction);
        });
  }

  private Recorder.Change change(TenantScope scope, long unitId, UnitCommand command) {
    List<UnitRows.Loaded> found = rows.byIds(scope.tenantId(), List.of(unitId));
    if (found.isEmpty()) {
      throw Problem.notFound("unknown-unit", "no such unit");
    }
    UnitRows.Loaded u = found.get(0);
    UnitStatus after = Recorder.apply(u.ref(), u.status(), command);
    return new Recorder.Change(u, command, after);
  }

  private static void requireQuantity(long quantity) {
    if (quantity < 1) {
      throw Problem.badRequest("invalid-field", "quantity", "the quantity must be at least 1");
    }
  }

  private Product product(TenantScope scope, ProductId id) {
    return planning.product(scope, id.value());
  }

  private Lot lot(TenantScope scope, LotId id) {
    return id == null ? null : catalog.lotsById(scope.tenantId(), List.of(id)).get(id);
  }
}
