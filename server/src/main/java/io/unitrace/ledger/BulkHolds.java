package io.unitrace.ledger;

import io.unitrace.catalog.Catalog;
import io.unitrace.catalog.Lot;
import io.unitrace.catalog.LotId;
import io.unitrace.catalog.Product;
import io.unitrace.catalog.ProductId;
import io.unitrace.facility.LocationId;
import io.unitrace.ledger.domain.UnitCommand;
import io.unitrace.tenancy.Role;
import io.unitrace.tenancy.TenantScope;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * One hold placed on (or released from) many units and stock buckets in one event: a recall
 * reaching every affected unit still in the building at once. Units that already carry the hold
 * (when placing) or do not (when releasing) are left as they are and not named in the answer, so
 * the caller learns exactly which holds this event placed. Every unit and bucket is written with
 * its version check, so a picker racing the event either committed first (the event is planned
 * again from fresh reads) or is refused by the hold.
 */
@Service
public class BulkHolds {

  /** A quantity of a bucket ({@code holds}: its holds word now) to put on or off the hold. */
  public record BucketHold(
      ProductId product, LotId lot, LocationId location, int holds, long quantity) {}

  /** What the event changed: its id (0: nothing to do), the units it changed, the buckets. */
  public record Outcome(long eventId, List<Long> units, List<BucketHold> buckets) {}

  record BulkHoldRequest(
      Hold hold, boolean release, List<Long> units, List<BucketHold> buckets, String reason) {}

  private final Recorder recorder;
  private final Planning planning;
  private final UnitRows rows;
  private final Catalog catalog;

  BulkHolds(Recorder recorder, Planning planning, UnitRows rows, Catalog catalog) {
    this.recorder = recorder;
    this.planning = planning;
    this.rows = rows;
    this.catalog = catalog;
  }

  /**
   * Places {@code hold} on these units and buckets as one HOLD_PLACED event; {@code inTransaction}
   * runs with the outcome before it commits (inside a caller's transaction, it joins it).
   */
  public Outcome place(
      TenantScope scope,
      Hold hold,
      List<Long> unitIds,
      List<BucketHold> buckets,
      Map<String, Object> details,
      RequestMeta meta,
      java.util.function.Consumer<Outcome> inTransaction) {
    scope.requireWrite();
    return change(scope, hold, false, unitIds, buckets, details, meta, inTransaction);
  }

  /** Releases {@code hold} from these units and buckets: a supervisor's decision, with a reason. */
  public Outcome release(
      TenantScope scope,
      Hold hold,
      List<Long> unitIds,
      List<BucketHold> buckets,
      Map<String, Object> details,
      RequestMeta meta,
      java.util.function.Consumer<Outcome> inTransaction) {
    scope.requireRole(Role.SUPERVISOR);
    return change(scope, hold, true, unitIds, buckets, details, meta, inTransaction);
  }

  private Outcome change(
      TenantScope scope,
      Hold hold,
      boolean release,
      List<Long> unitIds,
      List<BucketHold> buckets,
      Map<String, Object> details,
      RequestMeta meta,
      java.util.function.Consumer<Outcome> inTransaction) {
    Planning.requireHold(hold);
    List<BucketHold> wanted =
        buckets.stream()
            .filter(b -> b.quantity() > 0 && ((b.holds() & hold.bit()) != 0) == release)
            .toList();
    Outcome[] done = new Outcome[1];
    List<Long> changed = new ArrayList<>();
    if (unitIds.isEmpty() && wanted.isEmpty()) {
      Outcome nothing = new Outcome(0, List.of(), List.of());
      inTransaction.accept(nothing);
      return nothing;
    }
    recorder.record(
        scope,
        meta,
        new BulkHoldRequest(hold, release, List.copyOf(unitIds), wanted, (String) null),
        () -> {
          changed.clear();
          List<Recorder.Change> changes = new ArrayList<>();
          UnitCommand command =
              release ? new UnitCommand.ReleaseHold(hold) : new UnitCommand.PlaceHold(hold);
          for (UnitRows.Loaded u : rows.byIds(scope.tenantId(), unitIds)) {
            if (u.status().has(hold) == release) {
              UnitRef ref = u.ref();
              changes.add(
                  new Recorder.Change(u, command, Recorder.apply(ref, u.status(), command)));
              changed.add(u.id());
            }
          }
          Map<ProductId, Product> products =
              new HashMap<>(
                  catalog.products(
                      scope.tenantId(), wanted.stream().map(BucketHold::product).toList()));
          Map<LotId, Lot> lots =
              new HashMap<>(
                  catalog.lotsById(
                      scope.tenantId(),
                      wanted.stream().map(BucketHold::lot).filter(l -> l != null).toList()));
          List<StockRows.StockChange> stock = new ArrayList<>();
          for (BucketHold b : wanted) {
            var at = planning.location(b.location().value());
            Product product = products.get(b.product());
            Lot lot = b.lot() == null ? null : lots.get(b.lot());
            int to = release ? b.holds() & ~hold.bit() : b.holds() | hold.bit();
            stock.add(
                new StockRows.StockChange(product, lot, at, b.holds(), -b.quantity(), "quantity"));
            stock.add(new StockRows.StockChange(product, lot, at, to, b.quantity(), "quantity"));
          }
          Map<String, Object> all = new java.util.LinkedHashMap<>(details);
          all.put("hold", hold.name());
          all.put("units", changes.size());
          return new Recorder.Plan(
                  release ? EventType.HOLD_RELEASED : EventType.HOLD_PLACED,
                  release ? null : hold.disposition(),
                  null,
                  null,
                  all,
                  changes)
              .withStock(stock)
              .then(
                  eventId -> {
                    done[0] = new Outcome(eventId, List.copyOf(changed), wanted);
                    inTransaction.accept(done[0]);
                  });
        });
    return done[0];
  }
}
