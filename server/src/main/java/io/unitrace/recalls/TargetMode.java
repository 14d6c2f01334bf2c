package io.unitrace.recalls;

/** How a campaign names what it recalls. */
public enum TargetMode {
  /** Lots of one product, by their codes. */
  LOTS,
  /** Units of one product first seen (announced, received or entered) within a range of days. */
  RECEIPT_DATES,
  /** An explicit list of units (GTIN and serial). */
  SERIALS,
  /**
   * A component lot: its own units and stock, and every unit that contains some of it, at any depth
   * of assembly ({@link ComponentLots}, answered from the ledger's genealogy).
   */
  COMPONENT_LOT,
  /**
   * A supplier's own lot of one product: the units received under it, the site lots its counted
   * goods went into, and every unit that contains any of them ({@link SupplierLots}).
   */
  SUPPLIER_LOT;

  /** Whether the campaign names lots, so that the lots' counted stock is held too. */
  boolean byLot() {
    return this == LOTS || this == COMPONENT_LOT || this == SUPPLIER_LOT;
  }

  /** Whether the campaign keeps the units it reaches as a list, computed at drafting. */
  boolean listsUnits() {
    return this == SERIALS || this == COMPONENT_LOT || this == SUPPLIER_LOT;
  }
}
