package io.unitrace.transfers;

import io.unitrace.catalog.CatalogInput;
import io.unitrace.gs1.Gtin;
import io.unitrace.gs1.Sscc;
import io.unitrace.ledger.Hold;
import io.unitrace.ledger.Transit;
import io.unitrace.ledger.UnitRef;
import io.unitrace.shared.Problem;
import java.util.Set;

/**
 * What a transfer's request names, as text from the API's body or a screen's form, read into the
 * values {@link Transfers} takes; bad text is refused at the field it came in ({@code
 * "stock[2].gtin"}), so the API and the screens say the same.
 */
public final class TransferInput {

  private TransferInput() {}

  /** A GTIN in its 14-digit form. */
  public static String gtin(String at, String text) {
    try {
      return Gtin.parse(text == null ? null : text.strip()).value();
    } catch (IllegalArgumentException | NullPointerException e) {
      throw Problem.badRequest(
          "invalid-gtin", at + ".gtin", "a GTIN of 14 digits with its check digit");
    }
  }

  /** The lot's code, or null for untracked goods. */
  public static String lot(String at, String text) {
    return text == null || text.isBlank()
        ? null
        : CatalogInput.lot(at + ".lot", text.strip()).value();
  }

  public static Sscc sscc(String at, String text) {
    try {
      return new Sscc(text == null ? null : text.strip());
    } catch (IllegalArgumentException | NullPointerException e) {
      throw Problem.badRequest(
          "invalid-sscc", at, e.getMessage() == null ? "an SSCC of 18 digits" : e.getMessage());
    }
  }

  /**
   * Counted goods leaving, as line {@code at} ({@code "stock[2]"}) names them: a GTIN, a lot (none
   * for untracked goods), the location and quantity, from the bucket with {@code holds}.
   */
  public static Transit.StockOut stockOut(
      String at, String gtin, String lot, String from, long quantity, Set<Hold> holds) {
    return new Transit.StockOut(gtin(at, gtin), lot(at, lot), from, quantity, holds);
  }

  /** A unit by its GTIN and serial. */
  public static UnitRef unit(String at, String gtin, String serial) {
    return new UnitRef(Gtin.parse(gtin(at, gtin)), CatalogInput.serial(at + ".serial", serial));
  }
}
