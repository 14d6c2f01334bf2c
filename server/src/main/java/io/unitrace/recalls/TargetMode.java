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
   * Finished units that contain a component lot, at any depth of assembly ({@link ComponentLots},
   * answered from the ledger's genealogy).
   */
  COMPONENT_LOT
}
