package io.unitrace.inbound;

import io.unitrace.facility.Location;
import io.unitrace.ledger.Container;
import io.unitrace.ledger.Containers;
import io.unitrace.ledger.EventReceipt;
import io.unitrace.ledger.EventType;
import io.unitrace.ledger.Ledger;
import io.unitrace.ledger.RequestMeta;
import io.unitrace.ledger.StockBook;
import io.unitrace.ledger.UnitBook;
import io.unitrace.shared.Problem;
import io.unitrace.tenancy.TenantScope;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves goods from the dock to the place the clerk scanned, through the ledger's putaway commands,
 * which move them only while they are still RECEIVED on that dock (see {@link Putaway}'s design
 * note): of two clerks moving the same goods, exactly one finds them still there, and the other is
 * told where they went. The commands join this transaction (with the reads and suggestions), so a
 * lost version race on counted stock ({@code concurrent-change}) is retried here, from fresh reads,
 * at most {@value #ATTEMPTS} times.
 */
@Component
class PutawayMove {

  private static final int ATTEMPTS = 5;

  private final TransactionTemplate tx;
  private final Ledger ledger;
  private final UnitBook unitBook;
  private final StockBook stockBook;
  private final Containers containers;
  private final DockGoods docks;
  private final Slotting slotting;

  PutawayMove(
      TransactionTemplate tx,
      Ledger ledger,
      UnitBook unitBook,
      StockBook stockBook,
      Containers containers,
      DockGoods docks,
      Slotting slotting) {
    this.tx = tx;
    this.ledger = ledger;
    this.unitBook = unitBook;
    this.stockBook = stockBook;
    this.containers = containers;
    this.docks = docks;
    this.slotting = slotting;
  }

  /**
   * Reads, claims and moves in one transaction; again from fresh reads if the stock changed under
   * it (the ledger joined this transaction).
   */
  Putaway.Done move(TenantScope scope, Putaway.Target target, Location to, RequestMeta meta) {
    for (int attempt = 1; ; attempt++) {
      try {
        return moveOnce(scope, target, to, meta);
      } catch (Problem p) {
        if (!p.code().equals("concurrent-change") || attempt == ATTEMPTS) {
          throw p;
        }
      }
    }
  }

  private Putaway.Done moveOnce(
      TenantScope scope, Putaway.Target target, Location to, RequestMeta meta) {
    return tx.execute(
        s -> {
          GoodsOnDock goods = docks.find(scope, target);
          goods.requireFits(to);
          List<Putaway.Suggestion> suggestions = slotting.suggest(scope, goods);
          EventReceipt receipt =
              goods.stock() != null
                  ? stockBook.move(
                      scope,
                      new StockBook.StockMove(
                          goods.stock().gtin(),
                          goods.stock().lot(),
                          goods.dock().code(),
                          to.code(),
                          goods.stock().moving(),
                          Set.copyOf(goods.stock().holds())),
                      meta)
                  : putAway(scope, goods, to, meta);
          String first = suggestions.isEmpty() ? null : suggestions.get(0).code();
          return new Putaway.Done(
              to.code(), first, first != null && first.equals(to.code()), receipt);
        });
  }

  /**
   * The ledger's claim and move in one: the goods go only while still RECEIVED on their dock (a
   * loose unit still outside any container, a container still outermost). Its refusal is answered
   * as putaway always has, from the goods' state after the claim: where they are now.
   */
  private EventReceipt putAway(
      TenantScope scope, GoodsOnDock goods, Location to, RequestMeta meta) {
    String dock = goods.dock().code();
    try {
      return goods.container() != null
          ? containers.putAway(scope, goods.container().sscc(), dock, to.code(), meta)
          : unitBook.putAway(scope, goods.target().unit(), dock, to.code(), meta);
    } catch (Problem p) {
      // "in-container": the unit was packed meanwhile; to the clerk, like any other move, it has
      // left the dock's loose goods.
      if (p.code().equals("not-on-dock") || p.code().equals("in-container")) {
        throw gone(scope, goods);
      }
      throw p;
    }
  }

  /** The first answer to a repeated request: the ledger finds it by the key and writes nothing. */
  Putaway.Done repeat(TenantScope scope, Putaway.Target target, Location to, RequestMeta meta) {
    if (target.counted() != null) {
      // The quantity may have been "all on the dock", which is no longer what it was: the key alone
      // finds the first answer, and where that put the goods.
      EventReceipt first = ledger.recordedReceipt(scope, meta.idempotencyKey()).orElseThrow();
      String went =
          first.stock().stream()
              .filter(o -> o.delta() > 0)
              .map(EventReceipt.StockOutcome::location)
              .findFirst()
              .orElse(to.code());
      return new Putaway.Done(went, null, null, first);
    }
    // The first request was a ledger putaway from the dock the goods stood on then, which is not
    // known any more: the key finds the first answer, which is this request's if it moved the same
    // goods to the same place; else the key was reused for another request, refused as the ledger
    // refuses it. The same goods: the same unit, or the same container (the receipt lists only its
    // units, so the event says which container moved).
    EventReceipt first = ledger.recordedReceipt(scope, meta.idempotencyKey()).orElseThrow();
    boolean same =
        first.type() == EventType.MOVED
            && first.units().stream().allMatch(u -> to.code().equals(u.location()))
            && (target.unit() != null
                ? first.units().stream()
                    .anyMatch(
                        u ->
                            u.gtin().equals(target.unit().gtin().value())
                                && u.serial().equals(target.unit().serial().value()))
                : ledger
                    .recordedContainer(scope, meta.idempotencyKey())
                    .filter(target.sscc()::equals)
                    .isPresent());
    if (!same) {
      throw Problem.unprocessable(
          "idempotency-key-reused",
          "Idempotency-Key",
          "the Idempotency-Key "
              + meta.idempotencyKey().strip()
              + " was already used for a different request (event "
              + first.eventId()
              + ")");
    }
    return new Putaway.Done(to.code(), null, null, first);
  }

  /**
   * Another clerk was faster: say where the goods are now (read after the lock, so it is their
   * state).
   */
  private Problem gone(TenantScope scope, GoodsOnDock goods) {
    if (goods.container() != null) {
      Container now = containers.byId(scope.tenantId(), goods.container().id()).orElseThrow();
      GoodsOnDock.LocationRow at =
          now.locationId() == null ? null : docks.location(now.locationId());
      return Problem.conflict(
              "not-on-dock",
              "scan",
              "container "
                  + now.sscc()
                  + " was moved meanwhile and is at "
                  + (at == null ? "no location" : at.code())
                  + ": only goods on a dock are put away")
          .with("location", at == null ? null : at.code());
    }
    GoodsOnDock.UnitRow u = docks.unit(scope.tenantId(), goods.target().unit()).orElseThrow();
    GoodsOnDock.LocationRow at = u.locationId() == null ? null : docks.location(u.locationId());
    return GoodsOnDock.notOnDock(
        "unit " + goods.target().unit() + " was moved meanwhile and",
        u.state(),
        at == null ? null : at.code());
  }
}
