package io.unitrace.recalls;

import io.unitrace.ledger.UnitState;

/**
 * Where an affected unit is, as a recall counts it, and whether opening the campaign holds it.
 * Every unit that has not left the building for good is held (announced ones too: the hold stays
 * with them when they arrive); shipped units are at customers, reached by notice, not by a hold.
 */
enum Whereabouts {
  EXPECTED,
  IN_STOCK,
  ALLOCATED,
  PICKED,
  /** Packed in a carton, not yet shipped: in transit out of the building, stopped by the hold. */
  STAGED,
  /** On a transfer between two of the operator's warehouses: held, and stopped on arrival. */
  IN_TRANSIT,
  AT_CUSTOMER,
  RETURNED,
  MISSING,
  CONSUMED,
  DESTROYED,
  RETURNED_TO_VENDOR;

  static Whereabouts of(UnitState state) {
    return switch (state) {
      case EXPECTED -> EXPECTED;
      case RECEIVED, STORED -> IN_STOCK;
      case ALLOCATED -> ALLOCATED;
      case PICKED -> PICKED;
      case PACKED -> STAGED;
      case SHIPPED -> AT_CUSTOMER;
      case IN_TRANSIT -> IN_TRANSIT;
      case RETURNED, IN_REPAIR -> RETURNED;
      case MISSING -> MISSING;
      case CONSUMED -> CONSUMED;
      case SCRAPPED, DECOMMISSIONED -> DESTROYED;
      case RETURNED_TO_VENDOR -> RETURNED_TO_VENDOR;
    };
  }

  /** True when opening a campaign places a RECALL hold on a unit here. */
  boolean held() {
    return switch (this) {
      case EXPECTED, IN_STOCK, ALLOCATED, PICKED, STAGED, IN_TRANSIT, RETURNED, MISSING -> true;
      default -> false;
    };
  }

  /** True when the unit is out of harm's way for good: destroyed or back with the vendor. */
  boolean disposed() {
    return this == DESTROYED || this == RETURNED_TO_VENDOR;
  }
}
