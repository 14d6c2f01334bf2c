package io.unitrace.recalls;

import io.unitrace.catalog.LotId;
import io.unitrace.catalog.ProductId;
import io.unitrace.ledger.Genealogy;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.stereotype.Component;

/**
 * The units that contain some of a lot, through any depth of the genealogy, and how each was
 * reached: its depth (1 for a unit the lot's own unit or quantity was built into, 2 for the unit
 * that subassembly went into, …) and the path up from the lot, such as {@code C-1 > P-1} (cell C-1
 * of the lot in pack P-1, in the unit shown) or {@code L7 x3 > P-1} (three counted of lot L7).
 *
 * <p>The set is one recursive query ({@link Genealogy#containingLot}); the path of a unit is read
 * from its components, read for a page's units a level at a time ({@link Walk#prepare}) and
 * remembered for the walk, so a streamed CSV reads each link once. The shortest path wins when a
 * unit contains the lot at two depths.
 */
@Component
class Ancestry {

  /** How a unit was reached from the lot. */
  record Reach(int depth, String via) {}

  private final Genealogy genealogy;

  Ancestry(Genealogy genealogy) {
    this.genealogy = genealogy;
  }

  /** Every unit containing some of the lot, in id order, with the paths worked out as asked. */
  Walk of(long tenantId, ProductId product, LotId lot, String lotCode) {
    return new Walk(
        tenantId,
        product,
        lot,
        lotCode,
        new TreeSet<>(genealogy.containingLot(tenantId, product, lot)));
  }

  final class Walk {

    private final long tenantId;
    private final ProductId product;
    private final LotId lot;
    private final String lotCode;
    private final NavigableSet<Long> ids;
    private final Map<Long, Reach> known = new HashMap<>();
    private final Map<Long, List<Genealogy.Link>> links = new HashMap<>();

    private Walk(
        long tenantId, ProductId product, LotId lot, String lotCode, NavigableSet<Long> ids) {
      this.tenantId = tenantId;
      this.product = product;
      this.lot = lot;
      this.lotCode = lotCode;
      this.ids = ids;
    }

    /** The first {@code limit} containing units after {@code after}, by id. */
    List<Long> after(long after, int limit) {
      return ids.tailSet(after, false).stream().limit(limit).toList();
    }

    boolean contains(long unitId) {
      return ids.contains(unitId);
    }

    /**
     * Reads, a level at a time, the components of these units and of the subassemblies under them
     * that contain the lot: one statement per level (and 500 units), not one per unit.
     */
    void prepare(Collection<Long> unitIds) {
      List<Long> level =
          unitIds.stream().filter(id -> ids.contains(id) && !links.containsKey(id)).toList();
      while (!level.isEmpty()) {
        Map<Long, List<Genealogy.Link>> read = genealogy.components(tenantId, level, false);
        List<Long> next = new ArrayList<>();
        for (Long id : level) {
          List<Genealogy.Link> of = read.getOrDefault(id, List.of());
          links.put(id, of);
          for (Genealogy.Link l : of) {
            if (l.unit() && ids.contains(l.unitId()) && !links.containsKey(l.unitId())) {
              next.add(l.unitId());
            }
          }
        }
        level = next.stream().distinct().toList();
      }
    }

    /** How the unit was reached: null when it does not contain the lot. */
    Reach reach(long unitId) {
      return reach(unitId, new HashSet<>());
    }

    private Reach reach(long unitId, Set<Long> walking) {
      Reach done = known.get(unitId);
      if (done != null || !ids.contains(unitId) || !walking.add(unitId)) {
        return done; // not a container of the lot, or a cycle bad data made: no path through it
      }
      Reach best = null;
      prepare(List.of(unitId));
      for (Genealogy.Link l : links.get(unitId)) {
        Reach candidate;
        if (l.product().equals(product) && lot.equals(l.lot())) {
          candidate = new Reach(1, l.unit() ? l.serial() : lotCode + " x" + l.quantity());
        } else if (l.unit()) {
          Reach below = reach(l.unitId(), walking);
          candidate =
              below == null ? null : new Reach(below.depth() + 1, below.via() + " > " + l.serial());
        } else {
          candidate = null;
        }
        if (candidate != null && (best == null || candidate.depth() < best.depth())) {
          best = candidate;
        }
      }
      walking.remove(unitId);
      if (best != null) {
        known.put(unitId, best);
      }
      return best;
    }
  }
}
