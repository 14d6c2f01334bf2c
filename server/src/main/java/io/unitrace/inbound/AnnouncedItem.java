package io.unitrace.inbound;

import io.unitrace.gs1.Sscc;
import java.time.LocalDate;

/**
 * An announced serial (quantity 1), or what is still pending of an announced quantity of lot or
 * untracked goods (serial null).
 */
record AnnouncedItem(
    String gtin,
    String serial,
    String lot,
    LocalDate expiry,
    LocalDate manufactured,
    Sscc sscc,
    int quantity) {

  ScanChecks.Announced announcement() {
    return new ScanChecks.Announced(lot, expiry);
  }
}
