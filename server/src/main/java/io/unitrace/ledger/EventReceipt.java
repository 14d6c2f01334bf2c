package io.unitrace.ledger;

import java.time.Instant;
import java.util.List;

/**
 * What a command recorded. A repeated request (same Idempotency-Key) gets the first receipt back
 * with {@code repeated = true} and writes nothing. {@code units} lists up to 1,000 units; {@code
 * stock} lists every quantity bucket the event changed, with its quantity after it.
 */
public record EventReceipt(
    long eventId,
    EventType type,
    String requestKey,
    Instant recordedAt,
    boolean repeated,
    int unitCount,
    List<UnitOutcome> units,
    List<StockOutcome> stock) {

  public record UnitOutcome(
      String gtin, String serial, int seq, UnitState state, String location, List<Hold> holds) {}

  /**
   * A bucket of lot or untracked stock: {@code delta} the change (negative when taken away), {@code
   * quantity} what is there now.
   */
  public record StockOutcome(
      String sku, String lot, String location, List<Hold> holds, long delta, long quantity) {}

  public static final int LISTED_UNITS = 1000;

  EventReceipt asRepeat() {
    return new EventReceipt(eventId, type, requestKey, recordedAt, true, unitCount, units, stock);
  }
}
