package io.unitrace.recalls;

import io.unitrace.ledger.Inventory;
import io.unitrace.ledger.UnitState;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The closure figures of an opened campaign, from its own rows and the units' states now (read from
 * the ledger a page at a time): the rule is {@link Closure}'s.
 */
@Component
class Figures {

  private static final int PAGE = 1000;

  private final CampaignRows rows;
  private final Inventory inventory;

  Figures(CampaignRows rows, Inventory inventory) {
    this.rows = rows;
    this.inventory = inventory;
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
        (int) customers[0],
        (int) customers[1]);
  }
}
