package io.unitrace.ledger;

/** A stock correction: goods found that the books did not have, or lost that they did. */
public enum Adjustment {
  FOUND,
  LOST
}
