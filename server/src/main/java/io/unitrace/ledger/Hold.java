package io.unitrace.ledger;

import java.util.ArrayList;
import java.util.List;

/**
 * Holds stack on a unit independently of its state; a held unit cannot be allocated, picked or
 * shipped. Stored as a bit set (INTEGER) so that "any hold" and "this hold" are one expression.
 */
public enum Hold {
  SUSPECT("non_sellable_other"),
  RECALL("recalled"),
  QC("non_sellable_other"),
  EXPIRED("expired"),
  DAMAGED("damaged");

  private final String disposition;

  Hold(String disposition) {
    this.disposition = disposition;
  }

  public int bit() {
    return 1 << ordinal();
  }

  /** The CBV 2.0 disposition an event placing this hold carries. */
  public String disposition() {
    return disposition;
  }

  public static List<Hold> of(int bits) {
    List<Hold> holds = new ArrayList<>();
    for (Hold h : values()) {
      if ((bits & h.bit()) != 0) {
        holds.add(h);
      }
    }
    return holds;
  }
}
