package io.unitrace.counting.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The rule that compares what a counter found in one location with what the books held there when
 * the location was closed, and names every difference.
 *
 * <p>Units: one recorded here and not found is MISSING; one found and not recorded here is judged
 * by what the books say of it: none (UNKNOWN), in the building elsewhere (MISPLACED, moved here),
 * recorded MISSING (MISPLACED, found here), or out of stock — shipped, scrapped, consumed, not yet
 * received — (FOUND_NOT_IN_STOCK, for a person: a unit is never moved back into stock silently).
 *
 * <p>Counted goods, per product: a lot counted and recorded differs by OVER or SHORT; a lot counted
 * but not recorded here, while a recorded lot was not counted, is WRONG_LOT (paired in lot code
 * order); what is left over is OVER (counted, not recorded) or SHORT (recorded, not counted).
 */
public final class Reconciliation {

  private Reconciliation() {}

  /** A unit the books hold in the location. */
  public record ShelfUnit(String gtin, String serial) {}

  /**
   * A unit the counter found, with what the books say of it ({@code recorded} null: they do not
   * know it). {@code changedSinceSeen}: the books changed the unit after the counter scanned it
   * here (it was moved, picked or shipped between the scan and the location's close).
   */
  public record SeenUnit(String gtin, String serial, Recorded recorded, boolean changedSinceSeen) {

    public SeenUnit(String gtin, String serial, Recorded recorded) {
      this(gtin, serial, recorded, false);
    }
  }

  /**
   * A known unit's record: its state, its location (null when not in one), whether the state is one
   * of the building's ({@code inBuilding}).
   */
  public record Recorded(String state, Long locationId, boolean inBuilding) {

    boolean missing() {
      return "MISSING".equals(state);
    }
  }

  /** A quantity of a product's lot ({@code lot} null: goods without one). */
  public record Goods(long productId, String lot, long quantity) {}

  /**
   * The differences a count names in one location, seeing only what it counts ({@link CountScope}):
   * a count by SKU or lot neither expects nor reports other products there.
   */
  public static List<Discrepancy> of(
      long here,
      CountScope scope,
      List<ShelfUnit> shelf,
      List<SeenUnit> seen,
      List<Goods> recordedGoods,
      List<Goods> countedGoods) {
    return of(
        here,
        scope.shelf(shelf),
        scope.seen(seen),
        scope.goods(recordedGoods),
        scope.goods(countedGoods));
  }

  public static List<Discrepancy> of(
      long here,
      List<ShelfUnit> shelf,
      List<SeenUnit> seen,
      List<Goods> recordedGoods,
      List<Goods> countedGoods) {
    List<Discrepancy> found = new ArrayList<>();
    Set<String> recordedHere = new LinkedHashSet<>();
    shelf.forEach(u -> recordedHere.add(key(u.gtin(), u.serial())));
    Set<String> seenKeys = new LinkedHashSet<>();
    for (SeenUnit u : seen) {
      String key = key(u.gtin(), u.serial());
      if (!seenKeys.add(key) || recordedHere.contains(key)) {
        continue;
      }
      Recorded r = u.recorded();
      if (r == null) {
        found.add(
            Discrepancy.unit(
                DiscrepancyKind.UNKNOWN,
                Correction.REVIEW,
                u.gtin(),
                u.serial(),
                0,
                1,
                null,
                null));
      } else if (r.inBuilding() && Objects.equals(r.locationId(), here)) {
        // Recorded here after all (it arrived between the shelf read and this one): nothing to say.
        continue;
      } else if (u.changedSinceSeen()) {
        // Seen here, then moved on by the floor before the location was closed: the books follow
        // the floor, there is nothing to correct.
        continue;
      } else if (r.inBuilding()) {
        found.add(
            Discrepancy.unit(
                DiscrepancyKind.MISPLACED,
                Correction.MOVE_HERE,
                u.gtin(),
                u.serial(),
                0,
                1,
                r.locationId(),
                r.state()));
      } else if (r.missing()) {
        found.add(
            Discrepancy.unit(
                DiscrepancyKind.MISPLACED,
                Correction.FIND_UNIT,
                u.gtin(),
                u.serial(),
                0,
                1,
                null,
                r.state()));
      } else {
        found.add(
            Discrepancy.unit(
                DiscrepancyKind.FOUND_NOT_IN_STOCK,
                Correction.REVIEW,
                u.gtin(),
                u.serial(),
                0,
                1,
                r.locationId(),
                r.state()));
      }
    }
    for (ShelfUnit u : shelf) {
      if (!seenKeys.contains(key(u.gtin(), u.serial()))) {
        found.add(
            Discrepancy.unit(
                DiscrepancyKind.MISSING,
                Correction.LOSE_UNIT,
                u.gtin(),
                u.serial(),
                1,
                0,
                here,
                null));
      }
    }
    found.addAll(goods(recordedGoods, countedGoods));
    return found;
  }

  private static List<Discrepancy> goods(List<Goods> recorded, List<Goods> counted) {
    Map<Long, Map<String, Long>> books = byProduct(recorded);
    Map<Long, Map<String, Long>> shelf = byProduct(counted);
    Set<Long> products = new TreeSet<>(books.keySet());
    products.addAll(shelf.keySet());
    List<Discrepancy> found = new ArrayList<>();
    for (long product : products) {
      Map<String, Long> e = books.getOrDefault(product, Map.of());
      Map<String, Long> c = shelf.getOrDefault(product, Map.of());
      List<String> unrecorded = new ArrayList<>();
      List<String> uncounted = new ArrayList<>();
      for (var lot : c.entrySet()) {
        Long expected = e.get(lot.getKey());
        if (expected == null) {
          unrecorded.add(lot.getKey());
        } else if (lot.getValue().longValue() != expected) {
          found.add(
              Discrepancy.goods(
                  lot.getValue() > expected ? DiscrepancyKind.OVER : DiscrepancyKind.SHORT,
                  Correction.ADJUST_STOCK,
                  product,
                  lot.getKey(),
                  null,
                  expected,
                  lot.getValue()));
        }
      }
      for (String lot : e.keySet()) {
        if (!c.containsKey(lot)) {
          uncounted.add(lot);
        }
      }
      int pairs = Math.min(unrecorded.size(), uncounted.size());
      for (int i = 0; i < pairs; i++) {
        found.add(
            Discrepancy.goods(
                DiscrepancyKind.WRONG_LOT,
                Correction.CORRECT_LOT,
                product,
                unrecorded.get(i),
                uncounted.get(i),
                e.get(uncounted.get(i)),
                c.get(unrecorded.get(i))));
      }
      for (String lot : unrecorded.subList(pairs, unrecorded.size())) {
        found.add(
            Discrepancy.goods(
                DiscrepancyKind.OVER, Correction.ADJUST_STOCK, product, lot, null, 0, c.get(lot)));
      }
      for (String lot : uncounted.subList(pairs, uncounted.size())) {
        found.add(
            Discrepancy.goods(
                DiscrepancyKind.SHORT, Correction.ADJUST_STOCK, product, lot, null, e.get(lot), 0));
      }
    }
    return found;
  }

  /** Quantities per product and lot code, lots in code order (goods without a lot first). */
  private static Map<Long, Map<String, Long>> byProduct(List<Goods> goods) {
    Map<Long, Map<String, Long>> out = new LinkedHashMap<>();
    for (Goods g : goods) {
      if (g.quantity() == 0) {
        continue;
      }
      out.computeIfAbsent(g.productId(), p -> new TreeMap<>(LOTS))
          .merge(g.lot(), g.quantity(), Long::sum);
    }
    return out;
  }

  private static final Comparator<String> LOTS = Comparator.nullsFirst(Comparator.naturalOrder());

  private static String key(String gtin, String serial) {
    return gtin + "\u001d" + serial;
  }
}
