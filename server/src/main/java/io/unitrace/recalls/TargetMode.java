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
   * Finished units that contain a component lot. Needs the genealogy's answer ({@link
   * ContainingUnits}); refused while no module provides it.
   */
  COMPONENT_LOT
}
