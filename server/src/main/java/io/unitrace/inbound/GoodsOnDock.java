package io.unitrace.inbound;

import io.unitrace.facility.Location;
import io.unitrace.facility.LocationType;
import io.unitrace.ledger.Container;
import io.unitrace.ledger.UnitState;
import io.unitrace.shared.Problem;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The goods one putaway scan names, as found on their dock: their rows, where they stand, whether
 * they are held, and which product and lot decide the bin. {@code stock} is set for counted goods
 * (then {@code units} is empty), {@code container} for an SSCC.
 */
record GoodsOnDock(
    Putaway.Target target,
    Container container,
    List<UnitRow> units,
    LocationRow dock,
    boolean held,
    Long productId,
    Long lotId,
    Putaway.StockLine stock) {

  GoodsOnDock(
      Putaway.Target target,
      Container container,
      List<UnitRow> units,
      LocationRow dock,
      boolean held,
      Long productId,
      Long lotId) {
    this(target, container, units, dock, held, productId, lotId, null);
  }

  record UnitRow(
      long productId,
      Long lotId,
      String gtin,
      String serial,
      UnitState state,
      Long locationId,
      Long containerId,
      int holds) {

    String ref() {
      return "(01)" + gtin + "(21)" + serial;
    }
  }

  /**
   * A location as putaway needs it: the dock the goods are on, a fixed bin. {@code warehouse} is
   * the warehouse's code.
   */
  record LocationRow(long id, String warehouse, Long parentId, String code, LocationType type) {}

  /**
   * The product and lot that decide a container's bin: those of most units, ties to the lowest
   * product id, then the lowest lot id, so the answer is stable; both null for an empty container.
   */
  static List<Long> dominant(List<UnitRow> units) {
    Map<List<Long>, Integer> counts = new LinkedHashMap<>();
    units.forEach(u -> counts.merge(Arrays.asList(u.productId(), u.lotId()), 1, Integer::sum));
    return counts.entrySet().stream()
        .max(
            Map.Entry.<List<Long>, Integer>comparingByValue()
                .thenComparing(e -> -e.getKey().get(0))
                .thenComparing(e -> e.getKey().get(1) == null ? 0L : -e.getKey().get(1)))
        .map(Map.Entry::getKey)
        .orElse(Arrays.asList(null, null));
  }

  /**
   * Goods go to STORAGE; held goods go to QUARANTINE instead, where they cannot be taken for
   * available stock.
   */
  void requireFits(Location to) {
    LocationType wanted = held ? LocationType.QUARANTINE : LocationType.STORAGE;
    if (to.type() != wanted) {
      throw Problem.unprocessable(
              "wrong-location-type",
              "location",
              to.code()
                  + " is a "
                  + to.type()
                  + " location: "
                  + (held
                      ? "held goods are put away to QUARANTINE"
                      : "putaway goes to a STORAGE location"))
          .with("locationType", to.type().name())
          .with("expected", wanted.name());
    }
  }

  /** The refusal for goods that are not (or no longer) RECEIVED on a dock. */
  static Problem notOnDock(String what, UnitState state, String location) {
    return Problem.conflict(
            "not-on-dock",
            "scan",
            what
                + " is "
                + state
                + (location == null ? " without a location" : " at " + location)
                + ": only goods RECEIVED on a dock are put away")
        .with("state", state.name())
        .with("location", location);
  }
}
