package io.unitrace.inbound;

import io.unitrace.facility.Facility;
import io.unitrace.facility.Location;
import io.unitrace.gs1.Gtin;
import io.unitrace.gs1.Sscc;
import io.unitrace.ledger.EventReceipt;
import io.unitrace.ledger.Hold;
import io.unitrace.ledger.Ledger;
import io.unitrace.ledger.RequestMeta;
import io.unitrace.ledger.UnitRef;
import io.unitrace.ledger.UnitState;
import io.unitrace.shared.Problem;
import io.unitrace.tenancy.TenantScope;
import java.util.List;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Service;

/**
 * Putaway: goods received on a dock go to storage. A clerk scans a unit or an SSCC, is offered up
 * to three places, scans the place chosen, and the ledger moves the goods there (RECEIVED becomes
 * STORED on arrival in STORAGE). This class is the facade; the jobs are {@link PutawayScan}
 * (reading the scan), {@link DockGoods} (finding the goods on their dock), {@link Slotting}
 * (suggesting places) and {@link PutawayMove} (claiming and moving).
 *
 * <p>Design note. The ledger's own version check guarantees that two moves of one unit are written
 * one after the other, not that the second still makes sense: a move of a STORED unit is legal, so
 * two clerks scanning the same unit into two bins would both "win", the second moving it again.
 * Putaway is only for goods still on the dock, so it moves them with the ledger's putaway commands
 * ({@code UnitBook.putAway}, {@code Containers.putAway}), whose precondition is that claim: a
 * conditional update ({@code ... WHERE state = 'RECEIVED' AND location_id = dock}) in the event's
 * own transaction. The claim locks the rows on PostgreSQL and follows the write lock on SQLite, so
 * of two clerks exactly one finds the goods on the dock; the other is told where they went. The
 * commands join the transaction that read the goods, container rows claimed before unit rows, the
 * order every container command locks in, so putaway and a concurrent container command cannot
 * deadlock.
 *
 * <p>Counted goods (lot-tracked or untracked) are put away by quantity from the dock's stock: a
 * scan of the product (with its lot), a quantity (the label's count, AI 30, or all there is on the
 * dock). They need no claim: stock is never taken below zero, so of two clerks putting away the
 * last of a lot one finds it gone ({@code insufficient-stock}).
 */
@Service
public class Putaway {

  /**
   * What was scanned: a unit (GTIN + serial), a container (SSCC) or counted goods; exactly one is
   * set.
   */
  public record Target(UnitRef unit, Sscc sscc, Counted counted) {

    Target(UnitRef unit, Sscc sscc) {
      this(unit, sscc, null);
    }
  }

  /**
   * Counted goods on a dock: a product (GTIN) and its lot, how many ({@code quantity}, null: all of
   * it there is) and from which dock ({@code from}, null: the one dock that has it).
   */
  public record Counted(Gtin gtin, String lot, Integer quantity, String from) {}

  /** Counted goods as putaway shows them: what is on the dock, and how much of it would move. */
  public record StockLine(
      String gtin, String sku, String lot, long onDock, long moving, List<Hold> holds) {}

  /** A unit as putaway shows it. {@code location} is a location code. */
  public record UnitLine(
      String gtin,
      String serial,
      String sku,
      String lot,
      UnitState state,
      String location,
      List<Hold> holds) {}

  /** A container and how many units it carries at any depth. */
  /**
   * {@code inside}: the container it sits in on the dock (a case on a pallet), which putting it
   * away takes it out of; null for an outermost one.
   */
  public record ContainerLine(
      String sscc, String kind, String location, int unitCount, String inside) {}

  public enum Reason {
    /** The product's fixed bin. */
    FIXED_BIN,
    /** A bin already holding the same product and lot. */
    SAME_SKU_AND_LOT,
    /** An empty bin, the first by code near the other suggestions. */
    EMPTY_BIN,
    /** The goods are held: quarantine, not storage. */
    HELD
  }

  public record Suggestion(String code, Reason reason) {}

  /**
   * {@code units} lists up to 1,000 of the units that would move; {@code stock} the counted goods,
   * if that is what moves.
   */
  public record Suggestions(
      ContainerLine container,
      List<UnitLine> units,
      StockLine stock,
      String at,
      boolean held,
      List<Suggestion> suggestions) {}

  /**
   * What a putaway did. {@code suggested} is the first suggestion at the time of the scan, and
   * {@code followedSuggestion} whether the goods went there; on a repeated request (same
   * Idempotency-Key) neither is known any more and both are absent.
   */
  public record Done(
      String location, String suggested, Boolean followedSuggestion, EventReceipt receipt) {}

  static final int MAX_SUGGESTIONS = 3;

  private final Facility facility;
  private final Ledger ledger;
  private final DockGoods docks;
  private final Slotting slotting;
  private final PutawayMove moves;

  Putaway(Facility facility, Ledger ledger, DockGoods docks, Slotting slotting, PutawayMove moves) {
    this.facility = facility;
    this.ledger = ledger;
    this.docks = docks;
    this.slotting = slotting;
    this.moves = moves;
  }

  /**
   * What a scan (any GS1 form), a GTIN + serial, or an SSCC names, or a refusal naming the field.
   */
  public static Target target(String scan, String gtin, String serial, String sscc) {
    return target(scan, gtin, serial, sscc, null, null, null);
  }

  /**
   * As {@link #target(String, String, String, String)}, and counted goods: a scan (or GTIN) without
   * a serial names a product, with its {@code lot}, a {@code quantity} and the dock it is on.
   */
  public static Target target(
      String scan,
      String gtin,
      String serial,
      String sscc,
      String lot,
      Integer quantity,
      String from) {
    return PutawayScan.target(scan, gtin, serial, sscc, lot, quantity, from);
  }

  public Suggestions suggest(TenantScope scope, Target target) {
    GoodsOnDock goods = docks.find(scope, target);
    return new Suggestions(
        docks.containerLine(scope, goods),
        docks.unitLines(scope, goods),
        goods.stock(),
        goods.dock().code(),
        goods.held(),
        slotting.suggest(scope, goods));
  }

  public Done putAway(TenantScope scope, Target target, String locationCode, RequestMeta meta) {
    scope.requireWrite();
    Location to = facility.require(locationCode, "location");
    String key =
        meta.idempotencyKey() == null || meta.idempotencyKey().isBlank()
            ? null
            : meta.idempotencyKey().strip();
    if (key != null && recorded(scope, key)) {
      return moves.repeat(scope, target, to, meta);
    }
    try {
      return moves.move(scope, target, to, meta);
    } catch (Problem | DataAccessException e) {
      // A twin of this request (same key) may have committed while this one waited for the goods
      // (a refusal, or, for counted goods, which need no claim, the twin's event key).
      if (key != null && recorded(scope, key)) {
        return moves.repeat(scope, target, to, meta);
      }
      throw e;
    }
  }

  /**
   * Whether the ledger holds an event under this client's request key. Read here because a repeat
   * must not meet the "still on the dock" claim: the first request has moved the goods.
   */
  private boolean recorded(TenantScope scope, String key) {
    return ledger.recorded(scope, key);
  }
}
