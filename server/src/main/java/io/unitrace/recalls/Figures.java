package io.unitrace.recalls;

import io.unitrace.ledger.Genealogy;
import io.unitrace.ledger.Inventory;
import io.unitrace.ledger.UnitState;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The closure figures of an opened campaign, from its own rows and the units' states now (read from
 * the ledger a page at a time): the rule is {@link Closure}'s.
 *
 * <p>A CONSUMED unit is resolved through the unit it is built into. The units containing the
 * campaign's consumed ones are one recursive query per 500 ({@link Genealogy#containingUnits});
 * only those of them that are resolved (disposed of, or recovered for this campaign) are then
 * walked down, one query per unit and subassembly, to mark what they contain. A campaign whose
 * finished units are still out costs no walk at all.
 */
@Component
class Figures {

  private static final int PAGE = 1000;

  private final CampaignRows rows;
  private final Inventory inventory;
  private final Genealogy genealogy;

  Figures(CampaignRows rows, Inventory inventory, Genealogy genealogy) {
    this.rows = rows;
    this.inventory = inventory;
    this.genealogy = genealogy;
  }

  Closure of(CampaignRows.Campaign c) {
    long held = 0;
    long atCustomers = 0;
    for (CampaignRows.Tally t : rows.tally(c.id())) {
      Whereabouts w = Whereabouts.of(UnitState.valueOf(t.stateAtOpen()));
      if (w.held()) {
        held += t.units();
      }
      if (w == Whereabouts.AT_CUSTOMER) {
        atCustomers += t.units();
      }
    }
    Set<Long> recovered = new HashSet<>(rows.recoveredUnits(c.id()));
    Map<Whereabouts, Long> now = new EnumMap<>(Whereabouts.class);
    long recoveredAndDisposed = 0;
    List<Long> consumed = new ArrayList<>();
    long after = 0;
    while (true) {
      List<Long> ids = rows.allReached(c.id(), after, PAGE);
      if (ids.isEmpty()) {
        break;
      }
      for (Inventory.UnitPosition u : inventory.units(c.tenantId(), ids).values()) {
        Whereabouts w = Whereabouts.of(u.state());
        now.merge(w, 1L, Long::sum);
        if (w.disposed() && recovered.contains(u.id())) {
          recoveredAndDisposed++;
        }
        if (w == Whereabouts.CONSUMED && !recovered.contains(u.id())) {
          consumed.add(u.id());
        }
      }
      after = ids.get(ids.size() - 1);
    }
    long[] customers = rows.customerCounts(c.id());
    return Closure.of(
        now,
        held,
        atCustomers,
        recovered.size(),
        recoveredAndDisposed,
        resolvedThroughParents(c.tenantId(), consumed, recovered),
        (int) customers[0],
        (int) customers[1]);
  }

  /** How many of the consumed units are inside a unit that is disposed of or recovered. */
  private long resolvedThroughParents(long tenantId, List<Long> consumed, Set<Long> recovered) {
    if (consumed.isEmpty()) {
      return 0;
    }
    Set<Long> containers = genealogy.containingUnits(tenantId, consumed);
    List<Long> resolvedContainers = new ArrayList<>();
    for (Inventory.UnitPosition u : inventory.units(tenantId, containers).values()) {
      if (Whereabouts.of(u.state()).disposed() || recovered.contains(u.id())) {
        resolvedContainers.add(u.id());
      }
    }
    Set<Long> inResolved = new HashSet<>();
    Deque<Long> walk = new ArrayDeque<>(resolvedContainers);
    Set<Long> seen = new HashSet<>(resolvedContainers);
    while (!walk.isEmpty()) {
      for (Genealogy.Link l : genealogy.components(tenantId, walk.pop(), false)) {
        if (l.unit() && seen.add(l.unitId())) {
          inResolved.add(l.unitId());
          if (containers.contains(l.unitId())) {
            walk.push(l.unitId());
          }
        }
      }
    }
    return consumed.stream().filter(inResolved::contains).count();
  }
}
