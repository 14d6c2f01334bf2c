package io.unitrace.inbound;

import io.unitrace.gs1.Sscc;
import java.time.LocalDate;
import java.util.Map;

/**
 * An item to judge, as read from a scan, a listed item or the ASN. {@code serial} is null for a
 * quantity of lot-tracked or untracked goods; {@code sscc} is the case it arrived in (when received
 * by container); {@code announced}: what the ASN says of it, when the candidate was taken from the
 * ASN itself (no look-up needed); {@code at} the request field prefix ("items[3].") a refusal about
 * it names; {@code vendorLot} the supplier's own lot, as the request named it.
 */
record Candidate(
    String gtin,
    String serial,
    String lot,
    LocalDate expiry,
    LocalDate manufactured,
    Sscc sscc,
    String scan,
    boolean damaged,
    boolean missing,
    Map<String, String> fields,
    boolean needsLabel,
    ScanChecks.Announced announced,
    int quantity,
    String at,
    String vendorLot) {

  /** An announced item this receipt has not received yet, as the ASN describes it. */
  static Candidate announced(AnnouncedItem a, String scan) {
    return new Candidate(
        a.gtin(),
        a.serial(),
        a.lot(),
        a.expiry(),
        a.manufactured(),
        a.sscc(),
        scan,
        false,
        false,
        Map.of(),
        false,
        a.announcement(),
        a.quantity(),
        "",
        null);
  }

  /** A quantity of lot-tracked or untracked goods, not a serialized unit. */
  boolean counted() {
    return serial == null;
  }

  /** The key a serial goes by on the receipt and the ASN. */
  SerialOf serialKey() {
    return new SerialOf(gtin, serial);
  }

  /** The lot as scanned, else as announced; null for untracked goods or an unknown lot. */
  String lotSeen() {
    return lot != null ? lot : announced == null ? null : announced.lot();
  }

  Candidate withQuantity(int q) {
    return new Candidate(
        gtin,
        serial,
        lot,
        expiry,
        manufactured,
        sscc,
        scan,
        damaged,
        missing,
        fields,
        needsLabel,
        announced,
        q,
        at,
        vendorLot);
  }

  /**
   * This item as the {@code prefix} entry of a request ("items[3]."), so that a refusal names it.
   */
  Candidate at(String prefix) {
    return new Candidate(
        gtin,
        serial,
        lot,
        expiry,
        manufactured,
        sscc,
        scan,
        damaged,
        missing,
        fields,
        needsLabel,
        announced,
        quantity,
        prefix,
        vendorLot);
  }

  /** The request field a refusal about this item names. */
  String field(String name) {
    return at + name;
  }
}
