package io.unitrace.returns;

import io.unitrace.catalog.Product;
import io.unitrace.ledger.Hold;
import io.unitrace.ledger.UnitState;
import io.unitrace.outbound.Sales;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Everything the verdict on a returned unit rests on, read in one pass before judging: what the
 * scan said, the unit we have under that identity (if any) and its sale, the RMA it comes under,
 * who brings it back, and today's date. {@link ReturnChecks} judges these without reading anything.
 */
record ReturnFacts(
    Scanned scanned,
    Known unit,
    Product product,
    Sales.Sale sale,
    Rmas.Rma rma,
    String returnedBy,
    Map<String, String> identifiers,
    LocalDate today) {

  /** What was scanned or typed: a GTIN and serial, maybe a lot and expiry; or a bare identifier. */
  record Scanned(String text, String gtin, String serial, String lot, LocalDate expiry) {}

  /**
   * The unit on record the scan leads to (found by its GTIN and serial, or by the serial alone).
   */
  record Known(
      long id,
      String gtin,
      String serial,
      String sku,
      String lot,
      LocalDate expiry,
      UnitState state,
      List<Hold> holds,
      Map<String, String> fields) {}
}
