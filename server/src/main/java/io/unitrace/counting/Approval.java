package io.unitrace.counting;

import io.unitrace.catalog.Catalog;
import io.unitrace.catalog.Lot;
import io.unitrace.catalog.Product;
import io.unitrace.catalog.ProductId;
import io.unitrace.catalog.Serial;
import io.unitrace.facility.LocationId;
import io.unitrace.gs1.Gtin;
import io.unitrace.ledger.Adjustment;
import io.unitrace.ledger.EventReceipt;
import io.unitrace.ledger.Inventory;
import io.unitrace.ledger.RequestMeta;
import io.unitrace.ledger.StockBook;
import io.unitrace.ledger.UnitBook;
import io.unitrace.ledger.UnitRef;
import io.unitrace.ledger.UnitState;
import io.unitrace.tenancy.TenantScope;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Writes an approved count's corrections as ledger commands, inside the approval's transaction: a
 * refusal by the ledger rolls the whole approval back. Each command carries the count as its reason
 * and as a business transaction ("count", CNT-…), so it shows in the unit's or lot's history as
 * coming from that count.
 *
 * <p>Each correction is checked first against the books now: the floor went on working after the
 * location was counted, so a correction the floor overtook (the missing unit was picked, the
 * misplaced one moved again, the lot's quantity changed) is not written but marked SKIPPED with
 * what changed. UNKNOWN and FOUND_NOT_IN_STOCK are left for a person (REVIEW).
 */
@Component
class Approval {

  private final UnitBook unitBook;
  private final StockBook stockBook;
  private final Inventory inventory;
  private final Catalog catalog;
  private final CountRows rows;

  Approval(
      UnitBook unitBook,
      StockBook stockBook,
      Inventory inventory,
      Catalog catalog,
      CountRows rows) {
    this.unitBook = unitBook;
    this.stockBook = stockBook;
    this.inventory = inventory;
    this.catalog = catalog;
    this.rows = rows;
  }

  void apply(
      TenantScope scope,
      CountRows.Count count,
      Map<Long, CountRows.Task> tasks,
      List<CountRows.Found> found) {
    String reason = "count " + count.number();
    for (CountRows.Found f : found) {
      CountRows.Task task = tasks.get(f.taskId());
      Outcome o =
          switch (f.correction()) {
            case LOSE_UNIT -> loseUnit(scope, count, reason, task, f);
            case MOVE_HERE -> moveHere(scope, count, task, f);
            case FIND_UNIT -> findUnit(scope, count, reason, task, f);
            case ADJUST_STOCK -> adjustStock(scope, count, reason, task, f);
            case CORRECT_LOT -> correctLot(scope, count, reason, task, f);
            case REVIEW ->
                new Outcome(
                    "REVIEW",
                    f.serial() == null
                        ? "left for a person"
                        : "left for a person: never added or moved back without one",
                    List.of());
          };
      rows.settle(
          f.id(),
          o.outcome(),
          o.note(),
          o.events().isEmpty()
              ? null
              : String.join(",", o.events().stream().map(String::valueOf).toList()));
    }
  }

  private record Outcome(String outcome, String note, List<Long> events) {

    static Outcome applied(EventReceipt... receipts) {
      List<Long> ids = new ArrayList<>();
      for (EventReceipt r : receipts) {
        ids.add(r.eventId());
      }
      return new Outcome("APPLIED", null, ids);
    }

    static Outcome skipped(String note) {
      return new Outcome("SKIPPED", note, List.of());
    }
  }

  private Outcome loseUnit(
      TenantScope scope, CountRows.Count c, String reason, CountRows.Task task, CountRows.Found f) {
    UnitRef ref = ref(f);
    Optional<Inventory.UnitPosition> now = inventory.unit(scope.tenantId(), ref);
    if (now.isEmpty() || !now.get().state().inBuilding() || !at(now.get(), task.locationId())) {
      return Outcome.skipped(changed(now));
    }
    return Outcome.applied(
        unitBook.adjust(scope, ref, Adjustment.LOST, reason, null, meta(c, f, "")));
  }

  private Outcome moveHere(
      TenantScope scope, CountRows.Count c, CountRows.Task task, CountRows.Found f) {
    UnitRef ref = ref(f);
    Optional<Inventory.UnitPosition> now = inventory.unit(scope.tenantId(), ref);
    if (now.isEmpty()
        || !now.get().state().inBuilding()
        || f.recordedLocationId() == null
        || !at(now.get(), f.recordedLocationId())) {
      return Outcome.skipped(changed(now));
    }
    return Outcome.applied(unitBook.move(scope, ref, task.locationCode(), meta(c, f, "")));
  }

  private Outcome findUnit(
      TenantScope scope, CountRows.Count c, String reason, CountRows.Task task, CountRows.Found f) {
    UnitRef ref = ref(f);
    Optional<Inventory.UnitPosition> now = inventory.unit(scope.tenantId(), ref);
    if (now.isEmpty() || now.get().state() != UnitState.MISSING) {
      return Outcome.skipped(changed(now));
    }
    return Outcome.applied(
        unitBook.adjust(scope, ref, Adjustment.FOUND, reason, task.locationCode(), meta(c, f, "")));
  }

  private Outcome adjustStock(
      TenantScope scope, CountRows.Count c, String reason, CountRows.Task task, CountRows.Found f) {
    long now = quantity(scope, f.productId(), f.lot(), task.locationId());
    if (now != f.expected()) {
      return Outcome.skipped(quantityChanged(f.lot(), f.expected(), now));
    }
    long diff = f.counted() - f.expected();
    return Outcome.applied(
        stock(
            scope,
            c,
            f,
            "",
            f.lot(),
            task.locationCode(),
            diff > 0 ? Adjustment.FOUND : Adjustment.LOST,
            Math.abs(diff),
            reason));
  }

  private Outcome correctLot(
      TenantScope scope, CountRows.Count c, String reason, CountRows.Task task, CountRows.Found f) {
    long recorded = quantity(scope, f.productId(), f.recordedLot(), task.locationId());
    if (recorded != f.expected()) {
      return Outcome.skipped(quantityChanged(f.recordedLot(), f.expected(), recorded));
    }
    long other = quantity(scope, f.productId(), f.lot(), task.locationId());
    if (other != 0) {
      return Outcome.skipped(quantityChanged(f.lot(), 0, other));
    }
    return Outcome.applied(
        stock(
            scope,
            c,
            f,
            ":lost",
            f.recordedLot(),
            task.locationCode(),
            Adjustment.LOST,
            f.expected(),
            reason),
        stock(
            scope,
            c,
            f,
            ":found",
            f.lot(),
            task.locationCode(),
            Adjustment.FOUND,
            f.counted(),
            reason));
  }

  private EventReceipt stock(
      TenantScope scope,
      CountRows.Count c,
      CountRows.Found f,
      String part,
      String lot,
      String location,
      Adjustment kind,
      long quantity,
      String reason) {
    Product p =
        catalog
            .byId(scope.tenantId(), f.productId())
            .orElseThrow(() -> new IllegalStateException("product " + f.productId()));
    return stockBook.adjust(
        scope,
        new StockBook.StockAdjustment(
            p.gtins().get(0).value(),
            lot,
            f.expiry() == null ? null : LocalDate.parse(f.expiry()),
            location,
            kind,
            quantity,
            reason),
        meta(c, f, part));
  }

  /** The product's quantity of the lot (null: none) at the location, every hold together. */
  private long quantity(TenantScope scope, long productId, String lotCode, long locationId) {
    Lot lot = null;
    if (lotCode != null) {
      Optional<Lot> known = catalog.findLot(scope.tenantId(), productId, lotCode);
      if (known.isEmpty()) {
        return 0;
      }
      lot = known.get();
    }
    return inventory
        .stockAt(
            scope.tenantId(),
            new ProductId(productId),
            lot == null ? null : new io.unitrace.catalog.LotId(lot.id()),
            List.of(new LocationId(locationId)))
        .stream()
        .mapToLong(Inventory.StockBucket::quantity)
        .sum();
  }

  private static RequestMeta meta(CountRows.Count c, CountRows.Found f, String part) {
    return new RequestMeta(
        "count:" + c.number() + ":" + f.id() + part,
        null,
        null,
        null,
        List.of(new RequestMeta.BizTransaction("count", c.number())));
  }

  private static UnitRef ref(CountRows.Found f) {
    return new UnitRef(new Gtin(f.gtin()), new Serial(f.serial()));
  }

  private static boolean at(Inventory.UnitPosition p, long locationId) {
    return p.locationId() != null && p.locationId().value() == locationId;
  }

  private static String changed(Optional<Inventory.UnitPosition> now) {
    return now.map(p -> "changed since counted: now " + p.state()).orElse("no longer known");
  }

  private static String quantityChanged(String lot, long then, long now) {
    return "changed since counted: "
        + (lot == null ? "" : "lot " + lot + " ")
        + "was "
        + then
        + ", now "
        + now;
  }
}
