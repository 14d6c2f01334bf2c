package io.unitrace.outbound;

import io.unitrace.catalog.CatalogInput;
import io.unitrace.gs1.Gs1Data;
import io.unitrace.gs1.Gtin;
import io.unitrace.gs1.Sscc;
import io.unitrace.ledger.Scans;
import io.unitrace.ledger.UnitRef;
import io.unitrace.shared.Problem;

/**
 * Reads what a picker or packer scanned or typed: a unit (any GS1 form, or a plain serial after the
 * product's GTIN), a container by its SSCC, or counted goods by GTIN, lot and quantity (the label's
 * count, AI 30, or a typed quantity). Pure: nothing is looked up; bad input names its field. Public
 * so that the floor's screens read a scan as the API does, then call {@link Picking} and {@link
 * Packing}.
 */
public final class PickScan {

  private PickScan() {}

  public sealed interface Read {}

  record Unit(UnitRef ref) implements Read {}

  record Container(Sscc sscc) implements Read {}

  record Counted(Gtin gtin, String lot, long quantity) implements Read {}

  public static Read read(
      String scan, String gtin, String serial, String sscc, String lot, Long quantity) {
    if (quantity != null && quantity < 1) {
      throw Problem.badRequest("invalid-field", "quantity", "a quantity is at least 1");
    }
    Gtin product = blank(gtin) ? null : gtin(gtin);
    if (!blank(scan)) {
      Gs1Data data = Scans.parse(scan, "scan");
      if (data.plainText().isPresent()) {
        if (product == null) {
          throw Problem.badRequest(
              "invalid-field",
              "scan",
              "a plain serial needs the product first: scan the product's barcode, then the serial");
        }
        return new Unit(new UnitRef(product, CatalogInput.serial("scan", data.plainText().get())));
      }
      if (data.sscc().isPresent()) {
        return new Container(data.sscc().get());
      }
      if (data.gtin().isPresent() && data.serial().isEmpty()) {
        Long count = data.count().isPresent() ? Long.valueOf(data.count().getAsInt()) : quantity;
        if (count == null) {
          throw Problem.badRequest(
              "invalid-field", "quantity", "counted goods need a quantity: the label's or typed");
        }
        return new Counted(
            data.gtin().get(), data.lot().orElse(blank(lot) ? null : lot.strip()), count);
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
    if (product != null) {
      if (!blank(serial)) {
        return new Unit(new UnitRef(product, CatalogInput.serial("serial", serial)));
      }
      if (quantity == null) {
        throw Problem.badRequest(
            "invalid-field", "quantity", "counted goods need a quantity: the label's or typed");
      }
      return new Counted(product, blank(lot) ? null : lot.strip(), quantity);
    }
    throw Problem.badRequest(
        "invalid-field", "scan", "scan a unit, an SSCC or counted goods (or give gtin and serial)");
  }

  private static Gtin gtin(String text) {
    try {
      return Gtin.parse(text.strip());
    } catch (IllegalArgumentException e) {
      throw Problem.badRequest("invalid-gtin", "gtin", e.getMessage());
    }
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
