package io.unitrace.inbound;

import io.unitrace.ledger.Hold;

/**
 * The answer to one scan at a receipt. An outcome that takes the unit in ({@link #received})
 * registers it on the dock, or in quarantine with a hold when something is wrong with it: the unit
 * is in the building either way, so it is tracked either way. The others take nothing in.
 */
public enum ScanOutcome {
  /** On the ASN (or the PO) and as announced. */
  RECEIVED(true, false, null),
  /** The product is on the PO but this serial is not on the ASN. */
  UNEXPECTED(true, false, null),
  /** The product is not on the PO. */
  WRONG_PRODUCT(true, true, Hold.QC),
  /**
   * Lot or expiry differs from what the ASN announced for this serial; the scan is taken as the
   * truth.
   */
  LOT_MISMATCH(true, true, Hold.QC),
  /** Past its expiry date on arrival. */
  EXPIRED(true, true, Hold.EXPIRED),
  /** Expires sooner than the product's minimum remaining shelf life on arrival. */
  SHORT_SHELF_LIFE(true, true, Hold.QC),
  /** More units of the product than the PO ordered. */
  OVER_QUANTITY(true, true, Hold.QC),
  /** The operator flagged it damaged. */
  DAMAGED(true, true, Hold.DAMAGED),
  /**
   * The serial already exists in an active state in the client's stock: one of the two is not what
   * it claims. The existing unit goes on SUSPECT hold; the scanned item is set aside in quarantine.
   */
  DUPLICATE(false, true, Hold.SUSPECT),
  /** No product of the client has the GTIN. */
  UNKNOWN_GTIN(false, false, null),
  /**
   * A unit this receipt already received (say, inside a container) is flagged damaged afterwards:
   * DAMAGED hold.
   */
  MARKED_DAMAGED(false, false, Hold.DAMAGED),
  /** This receipt already received the serial: a second scan of the same item. */
  REPEAT(false, false, null),
  /**
   * A unit received with its container turned out not to be there: the operator's correction
   * records it MISSING, and the report counts it short.
   */
  NOT_FOUND(false, false, null);

  private final boolean received;
  private final boolean quarantine;
  private final Hold hold;

  ScanOutcome(boolean received, boolean quarantine, Hold hold) {
    this.received = received;
    this.quarantine = quarantine;
    this.hold = hold;
  }

  public boolean received() {
    return received;
  }

  /** Whether the item belongs in quarantine rather than on the dock. */
  public boolean quarantine() {
    return quarantine;
  }

  /** The hold a received unit gets, if any (for DUPLICATE: the hold the existing unit gets). */
  public Hold hold() {
    return hold;
  }

  /** Exceptions are answered loudly on the scanner. */
  public boolean exception() {
    return this != RECEIVED;
  }
}
