package io.unitrace.catalog;

/** How finely a product is tracked. */
public enum Tracking {
  NONE,
  LOT,
  SERIAL,
  LOT_AND_SERIAL;

  public boolean serialized() {
    return this == SERIAL || this == LOT_AND_SERIAL;
  }

  public boolean lotted() {
    return this == LOT || this == LOT_AND_SERIAL;
  }
}
