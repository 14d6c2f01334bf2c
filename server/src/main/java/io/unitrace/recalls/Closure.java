package io.unitrace.recalls;

import java.util.EnumMap;
import java.util.Map;

/**
 * The closure figures of a campaign, pure. A unit counts as resolved when it was recovered (came
 * back from a customer after the campaign opened) or is disposed of (scrapped, destroyed, returned
 * to the vendor); units held in the building are contained, not yet resolved. A component built
 * into a finished unit (CONSUMED) has no fate of its own: it is resolved when the unit it is in is
 * (recovered or disposed of), and outstanding while that unit is. Percent complete is resolved
 * units over affected units, to one decimal (100 when nothing was affected).
 *
 * <p>{@code releasedUnits} and {@code releasedQuantity} are what the supervisor put back on sale at
 * closing, declaring the recall a false alarm (0 when it closed with nothing left in the building).
 */
record Closure(
    long affected,
    long held,
    long atCustomersAtOpening,
    long recovered,
    long destroyed,
    long resolvedThroughParent,
    long resolved,
    int customers,
    int customersContacted,
    double percentComplete,
    long releasedUnits,
    long releasedQuantity,
    Map<Whereabouts, Long> now) {

  /**
   * @param now affected units by where they are now
   * @param recoveredUnits affected units that came back from a customer since opening
   * @param recoveredAndDisposed of those, the ones now disposed of (counted once)
   * @param consumedResolved affected CONSUMED units (not recovered themselves) inside a finished
   *     unit that is recovered or disposed of
   */
  static Closure of(
      Map<Whereabouts, Long> now,
      long held,
      long atCustomersAtOpening,
      long recoveredUnits,
      long recoveredAndDisposed,
      long consumedResolved,
      int customers,
      int contacted) {
    Map<Whereabouts, Long> counts = new EnumMap<>(Whereabouts.class);
    counts.putAll(now);
    long affected = counts.values().stream().mapToLong(Long::longValue).sum();
    long destroyed =
        counts.entrySet().stream()
            .filter(e -> e.getKey().disposed())
            .mapToLong(Map.Entry::getValue)
            .sum();
    if (recoveredUnits < 0 || recoveredAndDisposed < 0 || recoveredAndDisposed > recoveredUnits) {
      throw new IllegalArgumentException("recovered units are counted once each");
    }
    if (consumedResolved < 0 || consumedResolved > counts.getOrDefault(Whereabouts.CONSUMED, 0L)) {
      throw new IllegalArgumentException("only units built into another resolve through it");
    }
    long resolved =
        Math.min(affected, destroyed + recoveredUnits - recoveredAndDisposed + consumedResolved);
    double percent = affected == 0 ? 100.0 : Math.round(resolved * 1000.0 / affected) / 10.0;
    return new Closure(
        affected,
        held,
        atCustomersAtOpening,
        recoveredUnits,
        destroyed,
        consumedResolved,
        resolved,
        customers,
        Math.min(contacted, customers),
        percent,
        0,
        0,
        counts);
  }

  /** The same figures, with what the supervisor released back to sale at closing. */
  Closure released(long units, long quantity) {
    return new Closure(
        affected,
        held,
        atCustomersAtOpening,
        recovered,
        destroyed,
        resolvedThroughParent,
        resolved,
        customers,
        customersContacted,
        percentComplete,
        units,
        quantity,
        now);
  }
}
