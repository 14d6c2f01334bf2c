package io.unitrace.counting.domain;

import java.util.List;

/**
 * A client's threshold for recounts: the variances of a closed location above which another counter
 * must count it again before the count can be approved.
 *
 * <p>With {@code onUnitVariance}, any MISSING, UNKNOWN or WRONG_LOT requires a recount. The
 * location's quantity variance (|counted - expected| summed over its OVER and SHORT) requires one
 * when it is above {@code aboveUnits} units or above {@code abovePercent} % of the quantity the
 * books held there (a variance where nothing was expected is above any percentage); null: no limit
 * of that kind. MISPLACED and FOUND_NOT_IN_STOCK never do: the unit was scanned on the shelf, so a
 * recount would find it again.
 *
 * <p>The default ({@link #DEFAULT}): any MISSING, UNKNOWN or WRONG_LOT, or a quantity variance over
 * 5 %.
 */
public record RecountThreshold(boolean onUnitVariance, Long aboveUnits, Integer abovePercent) {

  public static final RecountThreshold DEFAULT = new RecountThreshold(true, null, 5);

  /** Never a recount. */
  public static final RecountThreshold NEVER = new RecountThreshold(false, null, null);

  public RecountThreshold {
    if (aboveUnits != null && aboveUnits < 0) {
      throw new IllegalArgumentException("aboveUnits " + aboveUnits);
    }
    if (abovePercent != null && (abovePercent < 0 || abovePercent > 100)) {
      throw new IllegalArgumentException("abovePercent " + abovePercent);
    }
  }

  /**
   * Whether a location's discrepancies require a recount; {@code expectedQuantity} is the quantity
   * of counted goods the books held there when it was closed.
   */
  public boolean requiresRecount(List<Discrepancy> found, long expectedQuantity) {
    long variance = 0;
    for (Discrepancy d : found) {
      switch (d.kind()) {
        case MISSING, UNKNOWN, WRONG_LOT -> {
          if (onUnitVariance) {
            return true;
          }
        }
        case OVER, SHORT -> variance += Math.abs(d.counted() - d.expected());
        case MISPLACED, FOUND_NOT_IN_STOCK -> {}
      }
    }
    if (variance == 0) {
      return false;
    }
    if (aboveUnits != null && variance > aboveUnits) {
      return true;
    }
    return abovePercent != null
        && (expectedQuantity <= 0 || variance * 100 > (long) abovePercent * expectedQuantity);
  }
}
