package io.unitrace.returns;

import java.time.LocalDate;
import java.time.Period;

/**
 * A unit's warranty, computed on every lookup from facts kept elsewhere, never stored: what was
 * shipped (the sale's ship date and the warranty end fixed at shipping), what the end customer
 * registered (a purchase date), and the product's terms (months).
 *
 * <p>The rules, in order:
 *
 * <ul>
 *   <li>Shipped by us: the warranty starts on the ship date and ends on the end fixed at shipping
 *       (the product's months then); when none was fixed, the product's months now count from the
 *       ship date. No months either way: {@code NONE}.
 *   <li>Never shipped by us (sold by a reseller, or by the client itself): it starts on the
 *       purchase date of the first unflagged registration and runs the product's months.
 *   <li>Neither shipped nor registered: {@code UNKNOWN} when the product has terms (nobody knows
 *       when they started), {@code NONE} when it has none.
 * </ul>
 *
 * The end date is the last day covered: on it the warranty is still {@code ACTIVE}.
 */
public record WarrantyTerms(
    Status status, Basis basis, LocalDate start, LocalDate end, Integer months, String terms) {

  public enum Status {
    /** Covered today. */
    ACTIVE,
    /** Was covered; the end date has passed. */
    EXPIRED,
    /** The product carries no warranty. */
    NONE,
    /** The product has terms, but the unit was neither shipped by us nor registered. */
    UNKNOWN
  }

  /** What the start date is. */
  public enum Basis {
    SHIP_DATE,
    PURCHASE_DATE
  }

  /**
   * @param shipDate the day we shipped the unit (none: never shipped by us)
   * @param endAtShipping the warranty end fixed at shipping (none: the product had no terms then)
   * @param purchaseDate the purchase date of the first unflagged registration (none: not
   *     registered)
   * @param productMonths the product's warranty months today (none or 0: no warranty)
   */
  public static WarrantyTerms of(
      LocalDate shipDate,
      LocalDate endAtShipping,
      LocalDate purchaseDate,
      Integer productMonths,
      LocalDate today) {
    Integer months = productMonths == null || productMonths <= 0 ? null : productMonths;
    if (shipDate != null) {
      if (endAtShipping != null) {
        int fixed = (int) Period.between(shipDate, endAtShipping).toTotalMonths();
        return covered(Basis.SHIP_DATE, shipDate, endAtShipping, fixed, today);
      }
      return months == null
          ? none()
          : covered(Basis.SHIP_DATE, shipDate, shipDate.plusMonths(months), months, today);
    }
    if (months == null) {
      return none();
    }
    if (purchaseDate != null) {
      return covered(
          Basis.PURCHASE_DATE, purchaseDate, purchaseDate.plusMonths(months), months, today);
    }
    return new WarrantyTerms(
        Status.UNKNOWN,
        null,
        null,
        null,
        months,
        months + " months from the day of purchase; neither shipped by us nor registered");
  }

  public boolean active() {
    return status == Status.ACTIVE;
  }

  private static WarrantyTerms none() {
    return new WarrantyTerms(Status.NONE, null, null, null, null, "no warranty");
  }

  private static WarrantyTerms covered(
      Basis basis, LocalDate start, LocalDate end, int months, LocalDate today) {
    String from = basis == Basis.SHIP_DATE ? "the ship date" : "the registered purchase date";
    return new WarrantyTerms(
        today.isAfter(end) ? Status.EXPIRED : Status.ACTIVE,
        basis,
        start,
        end,
        months,
        months + (months == 1 ? " month from " : " months from ") + from);
  }
}
