package io.unitrace.recalls;

import java.util.EnumMap;
import java.util.Map;

/**
 * The closure figures of a campaign, pure. A unit counts as resolved when it was recovered (came
 * back from a customer after the campaign opened) or is disposed of (scrapped, destroyed, returned
 * to the vendor); units held in the building are contained, not yet resolved. Percent complete is
 * resolved units over affected units, to one decimal (100 when nothing was affected).
 */
record Closure(
    long affected,
    long held,
    long atCustomersAtOpening,
    long recovered,
    long destroyed,
    long resolved,
    int customers,
    int customersContacted,
    double percentComplete,
    Map<Whereabouts, Long> now) {

  /**
   * @param now affected units by where they are now
   * @param recoveredUnits affected units that came back from a customer since opening
   * @param recoveredAndDisposed of those, the ones now disposed of (counted once)
   */
  static Closure of(
      Map<Whereabouts, Long> now,
      long held,
      long atCustomersAtOpening,
      long recoveredUnits,
      long recoveredAndDisposed,
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
    long resolved = Math.min(affected, destroyed + recoveredUnits - recoveredAndDisposed);
    double percent = affected == 0 ? 100.0 : Math.round(resolved * 1000.0 / affected) / 10.0;
    return new Closure(
        affected,
        held,
        atCustomersAtOpening,
        recoveredUnits,
        destroyed,
        resolved,
        customers,
        Math.min(contacted, customers),
        percent,
        counts);
  }
}
