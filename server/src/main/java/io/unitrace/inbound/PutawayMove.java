package io.unitrace.inbound;

import io.unitrace.facility.Facility;
import io.unitrace.facility.Location;
import io.unitrace.ledger.Container;
import io.unitrace.ledger.Containers;
import io.unitrace.ledger.EventReceipt;
import io.unitrace.ledger.Ledger;
import io.unitrace.ledger.RequestMeta;
import io.unitrace.ledger.StockBook;
import io.unitrace.ledger.UnitBook;
import io.unitrace.shared.InList;
import io.unitrace.shared.Problem;
import io.unitrace.tenancy.TenantScope;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves goods from the dock to the place the clerk scanned, through the ledger, in a transaction
 * that first claims them (see {@link Putaway}'s design note): of two clerks moving the same goods,
 * exactly one finds them still on the dock. The ledger's command joins that transaction, so a lost
 * version race on counted stock ({@code concurrent-change}) is retried here, from fresh reads, at
 * most {@value #ATTEMPTS} times.
 */
@Component
class PutawayMove {

  private static final int ATTEMPTS = 5;

  private final JdbcClient db;
  private final TransactionTemplate tx;
  private final Ledger ledger;
  private final UnitBook unitBook;
  private final StockBook stockBook;
  private final Containers containers;
  private final Facility facility;
  private final DockGoods docks;
  private final Slotting slotting;

  PutawayMove(
      JdbcClient db,
      TransactionTemplate tx,
      Ledger ledger,
      UnitBook unitBook,
      StockBook stockBook,
      Containers containers,
      Facility facility,
      DockGoods docks,
      Slotting slotting) {
    this.db = db;
    this.tx = tx;
    this.ledger = ledger;
    this.unitBook = unitBook;
    this.stockBook = stockBook;
    this.containers = containers;
    this.facility = facility;
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
          claim(scope, goods);
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
                  : goods.container() != null
                      ? containers.move(scope, goods.container().sscc(), to.code(), meta)
                      : unitBook.move(scope, target.unit(), to.code(), meta);
          String first = suggestions.isEmpty() ? null : suggestions.get(0).code();
          return new Putaway.Done(
              to.code(), first, first != null && first.equals(to.code()), receipt);
        });
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
    EventReceipt receipt =
        target.sscc() != null
            ? containers.move(scope, target.sscc(), to.code(), meta)
            : unitBook.move(scope, target.unit(), to.code(), meta);
    return new Putaway.Done(to.code(), null, null, receipt);
  }

  /**
   * Claims the goods for this transaction: still on the same dock, still RECEIVED, the container
   * still outermost. A no-op update, so that it locks (PostgreSQL) and counts; the container first.
   */
  private void claim(TenantScope scope, GoodsOnDock goods) {
    long dock = goods.dock().id();
    if (goods.container() != null) {
      int held =
          db.sql(
                  "UPDATE container SET location_id = location_id WHERE tenant_id = ? AND id = ? AND location_id = ? AND parent_id IS NULL")
              .params(scope.tenantId(), goods.container().id(), dock)
              .update();
      if (held != 1) {
        throw gone(scope, goods);
      }
    }
    List<Long> ids = goods.units().stream().map(GoodsOnDock.UnitRow::id).toList();
    if (ids.isEmpty()) {
      return;
    }
    List<Object> params = new ArrayList<>(List.of(dock));
    params.addAll(DockGoods.withTenant(scope.tenantId(), ids));
    int claimed =
        db.sql(
                "UPDATE unit SET version = version WHERE state = 'RECEIVED' AND location_id = ? AND tenant_id = ? AND id IN ("
                    + InList.marks(ids.size())
                    + ")"
                    + (goods.container() == null ? " AND container_id IS NULL" : ""))
            .params(params)
            .update();
    if (claimed != ids.size()) {
      throw gone(scope, goods);
    }
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
    GoodsOnDock.UnitRow u = docks.unit(goods.units().get(0).id());
    GoodsOnDock.LocationRow at = u.locationId() == null ? null : docks.location(u.locationId());
    return GoodsOnDock.notOnDock(
        "unit " + goods.target().unit() + " was moved meanwhile and",
        u.state(),
        at == null ? null : at.code());
  }
}
