package io.unitrace.inbound;

import io.unitrace.catalog.CatalogInput;
import io.unitrace.gs1.Gs1Data;
import io.unitrace.gs1.Gtin;
import io.unitrace.gs1.Sscc;
import io.unitrace.ledger.Scans;
import io.unitrace.ledger.UnitRef;
import io.unitrace.shared.Problem;

/**
 * Reads what a putaway clerk scanned or typed into what is to be put away: a unit, a container, or
 * a quantity of counted goods. Pure: nothing is looked up, bad input is refused naming its field.
 */
final class PutawayScan {

  private PutawayScan() {}

  /**
   * A scan (any GS1 form), a GTIN + serial, or an SSCC; a scan (or GTIN) without a serial names
   * counted goods, with its {@code lot}, a {@code quantity} (the label's count, AI 30, first) and
   * the dock it is on.
   */
  static Putaway.Target target(
      String scan,
      String gtin,
      String serial,
      String sscc,
      String lot,
      Integer quantity,
      String from) {
    if (quantity != null && quantity < 1) {
      throw Problem.badRequest("invalid-field", "quantity", "put away a quantity of at least 1");
    }
    String dock = from == null || from.isBlank() ? null : from.strip();
    if (scan != null && !scan.isBlank()) {
      Gs1Data data = Scans.parse(scan, "scan");
      if (data.sscc().isPresent()) {
        return new Putaway.Target(null, data.sscc().get());
      }
      if (data.gtin().isPresent() && data.serial().isEmpty()) {
        Integer count =
            data.count().isPresent() ? Integer.valueOf(data.count().getAsInt()) : quantity;
        return new Putaway.Target(
            null,
            null,
            new Putaway.Counted(
                data.gtin().get(),
                data.lot().orElse(blank(lot) ? null : lot.strip()),
                count,
                dock));
      }
      return new Putaway.Target(Scans.unit(scan, "scan"), null);
    }
    if (sscc != null && !sscc.isBlank()) {
      try {
        return new Putaway.Target(null, new Sscc(sscc.strip()));
      } catch (IllegalArgumentException e) {
        throw Problem.badRequest("invalid-sscc", "sscc", e.getMessage());
      }
    }
    if (gtin != null && !gtin.isBlank()) {
      Gtin g;
      try {
        g = Gtin.parse(gtin.strip());
      } catch (IllegalArgumentException e) {
        throw Problem.badRequest("invalid-gtin", "gtin", e.getMessage());
      }
      if (blank(serial)) {
        return new Putaway.Target(
            null, null, new Putaway.Counted(g, blank(lot) ? null : lot.strip(), quantity, dock));
      }
      try {
        return new Putaway.Target(new UnitRef(g, CatalogInput.serial("serial", serial)), null);
      } catch (Problem p) {
        throw p.at("serial");
      } catch (IllegalArgumentException e) {
        throw Problem.badRequest("invalid-field", "serial", e.getMessage());
      }
    }
    throw Problem.badRequest(
        "invalid-field", "scan", "scan a unit or an SSCC (or give gtin and serial, or sscc)");
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
