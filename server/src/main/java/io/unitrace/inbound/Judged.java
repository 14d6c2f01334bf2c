package io.unitrace.inbound;

import io.unitrace.catalog.Product;
import io.unitrace.gs1.Sscc;
import io.unitrace.ledger.Arrivals;
import io.unitrace.ledger.Hold;
import io.unitrace.ledger.UnitBook;
import java.time.LocalDate;
import java.util.Set;

/**
 * One candidate, or part of one, with its verdict, and what the verdict enters: the ledger's
 * arrival, the line answered and kept on the receipt. {@code expiry} as seen (label or ASN); {@code
 * lot} as scanned or announced; {@code lotExpiry} what the unit or quantity is registered with;
 * {@code existing} the unit in stock that makes this item a duplicate (null if none).
 */
record Judged(
    Candidate c,
    Product product,
    ScanOutcome outcome,
    String message,
    LocalDate expiry,
    String lot,
    ReceiptFacts.Existing existing,
    LocalDate lotExpiry) {

  /** Exceptions go to the receipt's quarantine if it has one; everything else stays on the dock. */
  private boolean quarantined(Receipt r) {
    return outcome.quarantine() && r.quarantine() != null;
  }

  private Set<Hold> holds() {
    return outcome.hold() == null ? Set.of() : Set.of(outcome.hold());
  }

  /**
   * A label whose expiry contradicts the lot's says nothing reliable of the lot either: its
   * manufacturing date is not registered.
   */
  private LocalDate manufactured() {
    return lotExpiry != null && !lotExpiry.equals(expiry) ? null : c.manufactured();
  }

  /** A received quantity of counted goods; they are not packed, so they lie loose (ADR 0008). */
  Arrivals.ArrivingQuantity quantity(Receipt r) {
    return new Arrivals.ArrivingQuantity(
        c.gtin(),
        lot,
        lotExpiry,
        manufactured(),
        c.quantity(),
        quarantined(r) ? r.quarantine() : r.dock(),
        holds());
  }

  /**
   * A received unit. One going to quarantine leaves its case on the dock: it is set aside, not
   * stored with the rest.
   */
  Arrivals.Arrival arrival(Receipt r) {
    Sscc in = quarantined(r) ? null : c.sscc();
    return new Arrivals.Arrival(
        new UnitBook.NewUnit(c.gtin(), c.serial(), lot, lotExpiry, manufactured(), c.fields()),
        quarantined(r) ? r.quarantine() : r.dock(),
        in,
        holds());
  }

  /** The line as answered and kept; counted goods say how many of what. */
  Receiving.Line line(Receipt r) {
    String location =
        outcome.received() || outcome == ScanOutcome.DUPLICATE
            ? (quarantined(r) ? r.quarantine() : r.dock())
            : null;
    String said =
        c.counted() && product != null
            ? c.quantity()
                + " × "
                + product.sku()
                + (lot == null ? "" : " lot " + lot)
                + ": "
                + message
            : message;
    return new Receiving.Line(
        outcome,
        product == null ? null : product.sku(),
        c.gtin(),
        c.serial(),
        lot,
        expiry,
        c.sscc() == null ? null : c.sscc().value(),
        location,
        said,
        c.quantity());
  }

  /** The receipt's row for the line, with what the answer does not show. */
  ScanRow row(Receiving.Line line) {
    return new ScanRow(
        line,
        product == null ? null : product.id(),
        existing == null ? null : existing.id(),
        c.scan(),
        c.needsLabel() && outcome.received(),
        c.vendorLot());
  }

  /**
   * What the line adds to the receipt's count of its product (units or quantity): taken in adds,
   * found missing takes away, the rest leaves it.
   */
  int receivedDelta() {
    return outcome.received() ? c.quantity() : outcome == ScanOutcome.NOT_FOUND ? -c.quantity() : 0;
  }

  /** Wrong products and overs are taken in, but do not count against the PO. */
  boolean countsAgainstPo() {
    return outcome != ScanOutcome.WRONG_PRODUCT && outcome != ScanOutcome.OVER_QUANTITY;
  }
}
