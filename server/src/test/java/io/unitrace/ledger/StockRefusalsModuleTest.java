package io.unitrace.ledger;

import io.unitrace.catalog.Tracking;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/**
 * What the stock book refuses in a request about counted goods: a quantity below one, a lot the
 * product needs or does not have, serialized goods (they move by unit), a location that does not
 * exist, a new lot without its expiry. Each refusal names the field and writes nothing.
 */
class StockRefusalsModuleTest extends LedgerModuleTest {

  static final LocalDate EXPIRY = LocalDate.of(2030, 1, 31);

  @Test
  void badQuantityRequestsNameTheField() {
    Client client = newClient();
    String saline = client.product(Tracking.LOT, true, null, null);
    String gloves = client.product(Tracking.NONE, false, null, null);
    stock.adjust(
        client.scope,
        new StockBook.StockAdjustment(
            saline, "L1", EXPIRY, bin1, Adjustment.FOUND, 10, "opening stock"),
        meta());

    assertProblem(
        refused(client, () -> move(client, saline, "L1", bin2, 0)),
        400,
        "invalid-field",
        "quantity");
    assertProblem(
        refused(client, () -> move(client, saline, null, bin2, 1)), 400, "lot-required", "lot");
    assertProblem(
        refused(client, () -> move(client, saline, "NOPE", bin2, 1)), 422, "unknown-lot", "lot");
    assertProblem(
        refused(client, () -> move(client, client.gtin, null, bin2, 1)), 422, "serialized", "gtin");
    assertProblem(
        refused(client, () -> move(client, gloves, "L1", bin2, 1)), 400, "not-lot-tracked", "lot");
    assertProblem(
        refused(client, () -> move(client, saline, "L1", "NOWHERE-" + Floor.unique("X"), 1)),
        422,
        "unknown-location",
        "to");
    assertProblem(
        refused(
            client,
            () ->
                stock.adjust(
                    client.scope,
                    new StockBook.StockAdjustment(
                        saline, "L2", null, bin1, Adjustment.FOUND, 5, "count"),
                    meta())),
        400,
        "expiry-required",
        "expiry");
  }

  private EventReceipt move(Client client, String gtin, String lot, String to, long quantity) {
    return stock.move(
        client.scope, new StockBook.StockMove(gtin, lot, bin1, to, quantity, null), meta());
  }
}
