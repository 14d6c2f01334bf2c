package io.unitrace.ledger;

import io.unitrace.facility.Location;
import io.unitrace.shared.Problem;
import io.unitrace.tenancy.Role;
import io.unitrace.tenancy.TenantScope;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Service;

/**
 * The stock book (ADR 0008): lot-tracked and untracked goods counted by quantity per location and
 * holds. Moving, holding and correcting them.
 */
@Service
public class StockBook {

  private final Recorder recorder;
  private final Planning planning;

  StockBook(Recorder recorder, Planning planning) {
    this.recorder = recorder;
    this.planning = planning;
  }

  /** Stock of a lot-tracked or untracked product moved between locations, keeping its holds. */
  public record StockMove(
      String gtin, String lot, String from, String to, long quantity, Set<Hold> holds) {}

  public EventReceipt move(TenantScope scope, StockMove request, RequestMeta meta) {
    scope.requireWrite();
    // Holds in their fixed order: the request's digest must not depend on a set's iteration order.
    StockMove m =
        new StockMove(
            request.gtin(),
            request.lot(),
            request.from(),
            request.to(),
            request.quantity(),
            request.holds() == null || request.holds().isEmpty()
                ? EnumSet.noneOf(Hold.class)
                : EnumSet.copyOf(request.holds()));
    if (m.quantity() < 1) {
      throw Problem.badRequest("invalid-field", "quantity", "move a quantity of at least 1");
    }
    Location from = planning.require(m.from(), "from");
    Location to = planning.require(m.to(), "to");
    if (from.id() == to.id()) {
      throw Problem.badRequest("invalid-field", "to", "stock is already at " + to.code());
    }
    planning.sameWarehouse(from.id(), to, "to", "stock at " + from.code());
    return recorder.record(
        scope,
        meta,
        m,
        () -> {
          Planning.StockItem item =
              planning.stock(scope).item(m.gtin(), m.lot(), null, null, false, "");
          int holds = Planning.holdBits(m.holds());
          Map<String, Object> details = new LinkedHashMap<>();
          details.put("from", from.code());
          details.put("to", to.code());
          return new Recorder.Plan(EventType.MOVED, null, to.id(), to.id(), details, List.of())
              .withStock(
                  List.of(
                      new StockRows.StockChange(
                          item.product(), item.lot(), from, holds, -m.quantity(), "quantity"),
                      new StockRows.StockChange(
                          item.product(), item.lot(), to, holds, m.quantity(), "quantity")));
        });
  }

  /**
   * A hold placed on (or released from) a quantity of lot or untracked goods at a location. The
   * goods move from the bucket with {@code holds} (none, if not given, when placing; just {@code
   * hold}, if not given, when releasing) to the bucket with {@code hold} added or taken away.
   */
  public record StockHold(
      String gtin,
      String lot,
      String location,
      long quantity,
      Hold hold,
      Set<Hold> holds,
      String reason) {}

  /** Holds a quantity: a QC inspection, a recall, damage found in a bin. */
  public EventReceipt placeHold(TenantScope scope, StockHold h, RequestMeta meta) {
    scope.requireWrite();
    return stockHold(scope, h, false, meta);
  }

  /** Releasing a hold is a supervisor's decision, with a reason. */
  public EventReceipt releaseHold(TenantScope scope, StockHold h, RequestMeta meta) {
    scope.requireRole(Role.SUPERVISOR);
    Planning.requireReason(h.reason());
    return stockHold(scope, h, true, meta);
  }

  private EventReceipt stockHold(
      TenantScope scope, StockHold request, boolean release, RequestMeta meta) {
    Planning.requireHold(request.hold());
    if (request.quantity() < 1) {
      throw Problem.badRequest("invalid-field", "quantity", "hold a quantity of at least 1");
    }
    Set<Hold> given =
        request.holds() == null || request.holds().isEmpty()
            ? (release ? EnumSet.of(request.hold()) : EnumSet.noneOf(Hold.class))
            : EnumSet.copyOf(request.holds());
    if (given.contains(request.hold()) != release) {
      throw Problem.conflict(
              "illegal-transition",
              "holds",
              release
                  ? "the stock named is not on " + request.hold() + " hold"
                  : "the stock named is already on " + request.hold() + " hold")
          .with("rule", release ? "hold-not-placed" : "hold-already-placed");
    }
    // Normalised so that the request's digest does not depend on a set's iteration order.
    StockHold h =
        new StockHold(
            request.gtin(),
            request.lot(),
            request.location(),
            request.quantity(),
            request.hold(),
            given,
            request.reason());
    Location at = planning.require(h.location(), "location");
    int from = Planning.holdBits(given);
    int to = release ? from & ~h.hold().bit() : from | h.hold().bit();
    return recorder.record(
        scope,
        meta,
        h,
        () -> {
          Planning.StockItem item =
              planning.stock(scope).item(h.gtin(), h.lot(), null, null, false, "");
          Map<String, Object> base = new LinkedHashMap<>();
          base.put("hold", h.hold().name());
          base.put("at", at.code());
          return new Recorder.Plan(
                  release ? EventType.HOLD_RELEASED : EventType.HOLD_PLACED,
                  release ? null : h.hold().disposition(),
                  at.id(),
                  at.id(),
                  Planning.reasonDetails(base, h.reason()),
                  List.of())
              .withStock(
                  List.of(
                      new StockRows.StockChange(
                          item.product(), item.lot(), at, from, -h.quantity(), "quantity"),
                      new StockRows.StockChange(
                          item.product(), item.lot(), at, to, h.quantity(), "quantity")));
        });
  }

  /** A stock correction of lot or untracked goods: FOUND adds, LOST takes away. */
  public record StockAdjustment(
      String gtin,
      String lot,
      LocalDate expiry,
      String location,
      Adjustment kind,
      long quantity,
      String reason) {}

  /**
   * Found and lost are stock corrections: a supervisor's, with a reason. FOUND is also how opening
   * stock of such goods is entered.
   */
  public EventReceipt adjust(TenantScope scope, StockAdjustment a, RequestMeta meta) {
    scope.requireRole(Role.SUPERVISOR);
    if (a.kind() == null) {
      throw Problem.badRequest("invalid-field", "kind", "kind is FOUND or LOST");
    }
    Planning.requireReason(a.reason());
    if (a.quantity() < 1) {
      throw Problem.badRequest("invalid-field", "quantity", "adjust by a quantity of at least 1");
    }
    Location at = planning.require(a.location(), "location");
    return recorder.record(
        scope,
        meta,
        a,
        () -> {
          boolean found = a.kind() == Adjustment.FOUND;
          Planning.StockItem item =
              planning.stock(scope).item(a.gtin(), a.lot(), a.expiry(), null, found, "");
          EventType type = found ? EventType.FOUND : EventType.LOST;
          return new Recorder.Plan(
                  type,
                  found ? "sellable_accessible" : "unknown",
                  at.id(),
                  at.id(),
                  Planning.reasonDetails(Map.of("at", at.code()), a.reason()),
                  List.of())
              .withStock(
                  List.of(
                      new StockRows.StockChange(
                          item.product(),
                          item.lot(),
                          at,
                          0,
                          found ? a.quantity() : -a.quantity(),
                          "quantity")));
        });
  }
}
