package io.unitrace.inbound;

import io.unitrace.ledger.UnitState;
import java.time.LocalDate;
import java.util.Objects;

/**
 * The receiving rules, in the order a dock supervisor applies them: an item nobody can identify, a
 * second scan of the same item, a serial that already exists (a possible counterfeit), a product
 * the PO did not order, an item that is out of date, more than was ordered, damage, a lot or expiry
 * that contradicts the ASN, a serial the ASN did not announce. The first rule that applies decides;
 * no rule means RECEIVED. Pure logic: the facts are read beforehand, in bulk. One item at a time:
 * the items of a request together (splits, what earlier items took) are {@link Judging}'s.
 */
final class ScanChecks {

  /** What a receipt knows about an announced serial. */
  record Announced(String lot, LocalDate expiry) {}

  /**
   * The facts about one scanned item. {@code existing} is the state of a unit with the same serial
   * in the client's stock (null if none); {@code orderedQuantity} is null without a PO, 0 if the PO
   * does not order the product; {@code receivedBefore} counts the product's units already received
   * against the PO.
   */
  record Facts(
      boolean knownProduct,
      String sku,
      boolean receivedInThisReceipt,
      UnitState existing,
      boolean hasPo,
      Integer orderedQuantity,
      int receivedBefore,
      boolean hasAsn,
      Announced announced,
      String lot,
      LocalDate expiry,
      Integer minShelfLifeDays,
      boolean damaged,
      boolean missing,
      LocalDate today,
      LocalDate lotExpiry) {

    Facts(
        boolean knownProduct,
        String sku,
        boolean receivedInThisReceipt,
        UnitState existing,
        boolean hasPo,
        Integer orderedQuantity,
        int receivedBefore,
        boolean hasAsn,
        Announced announced,
        String lot,
        LocalDate expiry,
        Integer minShelfLifeDays,
        boolean damaged,
        boolean missing,
        LocalDate today) {
      this(
          knownProduct,
          sku,
          receivedInThisReceipt,
          existing,
          hasPo,
          orderedQuantity,
          receivedBefore,
          hasAsn,
          announced,
          lot,
          expiry,
          minShelfLifeDays,
          damaged,
          missing,
          today,
          null);
    }
  }

  record Verdict(ScanOutcome outcome, String message) {}

  private ScanChecks() {}

  static Verdict judge(Facts f) {
    if (!f.knownProduct()) {
      return new Verdict(
          ScanOutcome.UNKNOWN_GTIN,
          "unknown GTIN: no product of this client has it; set the item aside");
    }
    if (f.receivedInThisReceipt() && f.missing()) {
      return new Verdict(
          ScanOutcome.NOT_FOUND, "recorded NOT FOUND: the unit is MISSING and counts short");
    }
    if (f.receivedInThisReceipt() && f.damaged()) {
      return new Verdict(
          ScanOutcome.MARKED_DAMAGED, "marked DAMAGED: the unit is on DAMAGED hold; quarantine it");
    }
    if (f.receivedInThisReceipt()) {
      return new Verdict(
          ScanOutcome.REPEAT, "already received on this receipt: nothing more recorded");
    }
    if (f.existing() != null && f.existing() != UnitState.EXPECTED) {
      return new Verdict(
          ScanOutcome.DUPLICATE,
          "DUPLICATE serial: a unit with this serial is already "
              + f.existing()
              + ": that unit goes on SUSPECT hold; set this item aside in quarantine");
    }
    if (f.hasPo() && (f.orderedQuantity() == null || f.orderedQuantity() == 0)) {
      return new Verdict(
          ScanOutcome.WRONG_PRODUCT,
          "WRONG PRODUCT: " + f.sku() + " is not on the purchase order; quarantine it");
    }
    if (f.expiry() != null && f.expiry().isBefore(f.today())) {
      return new Verdict(ScanOutcome.EXPIRED, "EXPIRED on " + f.expiry() + "; quarantine it");
    }
    if (f.expiry() != null
        && f.minShelfLifeDays() != null
        && f.expiry().isBefore(f.today().plusDays(f.minShelfLifeDays()))) {
      return new Verdict(
          ScanOutcome.SHORT_SHELF_LIFE,
          "SHORT SHELF LIFE: expires "
              + f.expiry()
              + ", "
              + f.sku()
              + " needs at least "
              + f.minShelfLifeDays()
              + " days on arrival; quarantine it");
    }
    if (f.hasPo() && f.receivedBefore() >= f.orderedQuantity()) {
      return new Verdict(
          ScanOutcome.OVER_QUANTITY,
          "OVER the ordered quantity: "
              + f.orderedQuantity()
              + " of "
              + f.sku()
              + " ordered, all received; quarantine it");
    }
    if (f.damaged()) {
      return new Verdict(ScanOutcome.DAMAGED, "DAMAGED: received on DAMAGED hold; quarantine it");
    }
    if (f.lotExpiry() != null && f.expiry() != null && !f.lotExpiry().equals(f.expiry())) {
      return new Verdict(
          ScanOutcome.LOT_MISMATCH,
          "EXPIRY differs from lot "
              + f.lot()
              + ": the label says "
              + f.expiry()
              + ", the lot expires "
              + f.lotExpiry()
              + "; quarantine it");
    }
    if (f.announced() != null && differs(f.announced(), f.lot(), f.expiry())) {
      return new Verdict(
          ScanOutcome.LOT_MISMATCH,
          "LOT/EXPIRY differs from the ASN: announced lot "
              + f.announced().lot()
              + " expiring "
              + f.announced().expiry()
              + ", scanned lot "
              + f.lot()
              + " expiring "
              + f.expiry()
              + "; quarantine it");
    }
    if (f.hasAsn() && f.announced() == null) {
      return new Verdict(ScanOutcome.UNEXPECTED, "received, but NOT ON THE ASN");
    }
    return new Verdict(ScanOutcome.RECEIVED, "received");
  }

  /** A value the scan does not carry cannot contradict the ASN. */
  private static boolean differs(Announced a, String lot, LocalDate expiry) {
    return (lot != null && a.lot() != null && !Objects.equals(lot, a.lot()))
        || (expiry != null && a.expiry() != null && !expiry.equals(a.expiry()));
  }
}
