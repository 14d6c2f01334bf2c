package io.unitrace.counting;

import io.unitrace.catalog.CatalogInput;
import io.unitrace.gs1.Gs1Data;
import io.unitrace.gs1.Gtin;
import io.unitrace.gs1.Sscc;
import io.unitrace.ledger.Scans;
import io.unitrace.ledger.UnitRef;
import io.unitrace.shared.Problem;
import java.time.LocalDate;

/**
 * Reads what a counter scanned or typed in a location: a unit (any GS1 form the ledger reads, or
 * {@code gtin} and {@code serial}), a sealed container by its SSCC, or counted goods by GTIN and
 * lot with a quantity (the label's count, AI 30, or typed). Pure: nothing is looked up; bad input
 * names its field.
 */
final class CountScan {

  private CountScan() {}

  sealed interface Read {}

  record Unit(UnitRef ref) implements Read {}

  record Container(Sscc sscc) implements Read {}

  record Goods(Gtin gtin, String lot, LocalDate expiry, long quantity) implements Read {}

  static Read read(
      String scan, String gtin, String serial, String sscc, String lot, Long quantity) {
    if (quantity != null && quantity < 1) {
      throw Problem.badRequest(
          "invalid-field", "quantity", "a quantity is at least 1: count what is there");
    }
    if (!blank(scan)) {
      Gs1Data data = Scans.parse(scan, "scan");
      if (data.sscc().isPresent()) {
        return new Container(data.sscc().get());
      }
      if (data.gtin().isPresent() && data.serial().isEmpty()) {
        Long count = data.count().isPresent() ? Long.valueOf(data.count().getAsInt()) : quantity;
        if (count == null) {
          throw Problem.badRequest(
              "invalid-field", "quantity", "counted goods need a quantity: the label's or typed");
        }
        return new Goods(
            data.gtin().get(),
            data.lot().orElse(blank(lot) ? null : lot.strip()),
            data.expiry().orElse(null),
            count);
      }
      return new Unit(Scans.unit(scan, "scan"));
    }
    if (!blank(sscc)) {
      try {
        return new Container(new Sscc(sscc.strip()));
      } catch (IllegalArgumentException e) {
        throw Problem.badRequest("invalid-sscc", "sscc", e.getMessage());
      }
    }
    if (blank(gtin)) {
      throw Problem.badRequest(
          "invalid-field",
          "scan",
          "scan a unit, an SSCC or counted goods (or give gtin with a serial, or a lot and quantity)");
    }
    Gtin product;
    try {
      product = Gtin.parse(gtin.strip());
    } catch (IllegalArgumentException e) {
      throw Problem.badRequest("invalid-gtin", "gtin", e.getMessage());
    }
    if (!blank(serial)) {
      return new Unit(new UnitRef(product, CatalogInput.serial("serial", serial.strip())));
    }
    if (quantity == null) {
      throw Problem.badRequest(
          "invalid-field", "quantity", "counted goods need a quantity (or give the unit's serial)");
    }
    return new Goods(product, blank(lot) ? null : lot.strip(), null, quantity);
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
