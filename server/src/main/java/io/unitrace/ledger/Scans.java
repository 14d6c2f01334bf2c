package io.unitrace.ledger;

import io.unitrace.catalog.Serial;
import io.unitrace.gs1.Gs1;
import io.unitrace.gs1.Gs1Data;
import io.unitrace.gs1.Gs1SyntaxException;
import io.unitrace.shared.Problem;
import java.util.Map;

/**
 * What a scanner sends, in any form the GS1 library reads (bracketed, raw with GS, AIM-prefixed
 * DataMatrix/QR/GS1-128, Digital Link URI), turned into what a command needs. A rejected scan is a
 * problem that names the AI and the position in the scan.
 */
public final class Scans {

  private Scans() {}

  public static Gs1Data parse(String scan, String field) {
    if (scan == null || scan.isBlank()) {
      throw Problem.badRequest("invalid-field", field, field + " is required: the scanned text");
    }
    try {
      return Gs1.parse(scan);
    } catch (Gs1SyntaxException e) {
      Problem p =
          Problem.badRequest(
                  "gs1-" + e.code(), field, "the scan is not valid GS1 data: " + e.getMessage())
              .with("position", e.position());
      if (e.ai() != null) {
        p.with("ai", e.ai());
      }
      if (e.component() > 0) {
        p.with("component", e.component());
      }
      throw p;
    }
  }

  /** The unit a scan names: it must carry a GTIN (01) and a serial (21). */
  public static UnitRef unit(String scan, String field) {
    Gs1Data data = parse(scan, field);
    if (data.gtin().isEmpty() || data.serial().isEmpty()) {
      throw Problem.badRequest(
          "scan-not-a-unit",
          field,
          "the scan "
              + data.toBracketed()
              + " names no unit: it needs a GTIN (01) and a serial (21)");
    }
    return new UnitRef(data.gtin().get(), new Serial(data.serial().get()));
  }

  /**
   * A unit to register from a scan: GTIN, serial, and lot, expiry and production date when present.
   */
  static UnitBook.NewUnit newUnit(String scan, String field, Map<String, String> fields) {
    Gs1Data data = parse(scan, field);
    UnitRef ref = unit(scan, field);
    return new UnitBook.NewUnit(
        ref.gtin().value(),
        ref.serial().value(),
        data.lot().orElse(null),
        data.expiry().orElse(null),
        data.productionDate().orElse(null),
        fields);
  }
}
