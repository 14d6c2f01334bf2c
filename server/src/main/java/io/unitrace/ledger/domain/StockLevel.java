package io.unitrace.ledger.domain;

/**
 * The quantity of one stock bucket (a product, lot, location and set of holds). The one rule: stock
 * is never taken below zero, so a move or a loss names no more than is there.
 */
public record StockLevel(long quantity) {

  public static final StockLevel EMPTY = new StockLevel(0);

  public StockLevel {
    if (quantity < 0) {
      throw new IllegalArgumentException("a stock level is never negative: " + quantity);
    }
  }

  public StockLevel apply(long delta) {
    if (delta == 0) {
      throw new TransitionRefused("no-quantity", "a stock change names a quantity other than zero");
    }
    if (quantity + delta < 0) {
      throw new TransitionRefused(
          "insufficient-stock", "only " + quantity + " there, " + -delta + " asked for");
    }
    return new StockLevel(quantity + delta);
  }
}
