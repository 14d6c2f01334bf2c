package io.unitrace.recalls;

import io.unitrace.catalog.LotId;
import io.unitrace.catalog.ProductId;
import io.unitrace.ledger.BulkHolds;
import io.unitrace.ledger.Hold;
import io.unitrace.ledger.Inventory;
import io.unitrace.ledger.RequestMeta;
import io.unitrace.ledger.Reservations;
import io.unitrace.tenancy.TenantScope;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Whether a campaign may close, and lifting the holds of a closed campaign. Closing lifts the
 * campaign's holds, so a unit or bucket still in the building under a hold only this campaign
 * answers for would go back on sale: {@link #unresolved} counts them, and the supervisor either
 * resolves them first (scraps them, sends them back to the vendor) or declares the recall a false
 * alarm and releases them (ADR 0017).
 *
 * <p>Lifting the holds of a closed campaign, a batch of units per transaction. Holds are a bit set
 * without a source, so the campaign's own rows say which RECALL holds it placed: only those are
 * released, and of them only the ones no other open campaign still needs — such a hold is handed
 * over to that campaign (the oldest), which releases it when it closes. A unit held for another
 * reason (SUSPECT, QC) keeps that hold; a RECALL hold that was there before the campaign stays.
 * Closing again resumes an interrupted release.
 */
@Service
class Closing {

  private final CampaignRows rows;
  private final BulkHolds holds;
  private final Inventory inventory;
  private final TransactionTemplate tx;

  Closing(CampaignRows rows, BulkHolds holds, Inventory inventory, TransactionTemplate tx) {
    this.rows = rows;
    this.holds = holds;
    this.inventory = inventory;
    this.tx = tx;
  }

  /**
   * What closing would put back on sale: affected units still in the building whose RECALL hold
   * this campaign placed and no other open campaign needs, and the counted goods of its buckets
   * still held, wherever they lie now (a move or a transfer takes the hold along).
   */
  record Unresolved(long units, long quantity) {

    boolean none() {
      return units == 0 && quantity == 0;
    }
  }

  Unresolved unresolved(TenantScope scope, CampaignRows.Campaign c) {
    long units = 0;
    long after = 0;
    while (true) {
      List<Long> ids = rows.placedUnits(c.id(), after, Opening.BATCH);
      if (ids.isEmpty()) {
        break;
      }
      Map<Long, Long> others = rows.otherOpenCampaigns(scope.tenantId(), c.id(), ids);
      for (Inventory.UnitPosition u : inventory.units(scope.tenantId(), ids).values()) {
        if (!others.containsKey(u.id())
            && Whereabouts.of(u.state()).held()
            && (u.holds() & Hold.RECALL.bit()) != 0) {
          units++;
        }
      }
      after = ids.get(ids.size() - 1);
    }
    long quantity = 0;
    List<CampaignRows.Bucket> mine = new ArrayList<>();
    for (CampaignRows.Bucket b : rows.buckets(c.id())) {
      if (b.placedHold() && rows.otherOpenBucket(scope.tenantId(), c.id(), b).isEmpty()) {
        mine.add(b);
      }
    }
    for (HeldLot l : heldLots(mine)) {
      long left = l.quantity();
      for (Inventory.StockBucket s : held(scope, c.id(), l)) {
        long q = Math.min(left, s.quantity());
        quantity += q;
        left -= q;
      }
    }
    return new Unresolved(units, quantity);
  }

  /** A lot the campaign held: how many, and the locations where it held them. */
  private record HeldLot(long productId, Long lotId, long quantity, Set<Long> locations) {}

  private static Collection<HeldLot> heldLots(List<CampaignRows.Bucket> buckets) {
    Map<List<Long>, HeldLot> lots = new LinkedHashMap<>();
    for (CampaignRows.Bucket b : buckets) {
      lots.merge(
          Arrays.asList(b.productId(), b.lotId()),
          new HeldLot(b.productId(), b.lotId(), b.quantity(), Set.of(b.locationId())),
          (x, y) -> {
            Set<Long> at = new HashSet<>(x.locations());
            at.addAll(y.locations());
            return new HeldLot(x.productId(), x.lotId(), x.quantity() + y.quantity(), at);
          });
    }
    return lots.values();
  }

  /**
   * The lot's unreserved buckets on RECALL hold: first where the campaign held it, then wherever
   * else it has gone since (moved with its hold, or shipped to another building by a transfer),
   * except where another open campaign holds that lot.
   */
  private List<Inventory.StockBucket> held(TenantScope scope, long campaignId, HeldLot l) {
    List<Inventory.StockBucket> where = new ArrayList<>();
    List<Inventory.StockBucket> movedTo = new ArrayList<>();
    for (Inventory.StockBucket s :
        inventory.stock(
            scope.tenantId(),
            new ProductId(l.productId()),
            l.lotId() == null ? null : new LotId(l.lotId()))) {
      if ((s.holds() & Hold.RECALL.bit()) == 0 || (s.holds() & Reservations.RESERVED) != 0) {
        continue;
      }
      long at = s.locationId().value();
      if (l.locations().contains(at)) {
        where.add(s);
      } else if (rows.otherOpenBucket(
              scope.tenantId(),
              campaignId,
              new CampaignRows.Bucket(0, l.productId(), l.lotId(), at, 0, true))
          .isEmpty()) {
        movedTo.add(s);
      }
    }
    where.addAll(movedTo);
    return where;
  }

  void liftHolds(TenantScope scope, CampaignRows.Campaign c) {
    while (Boolean.TRUE.equals(Opening.retrying(() -> tx.execute(s -> units(scope, c))))) {
      // one batch per transaction until none of the campaign's holds is left
    }
    Opening.retrying(
        () ->
            tx.execute(
                s -> {
                  buckets(scope, c);
                  return null;
                }));
  }

  /** One batch: true when there may be more. */
  private Boolean units(TenantScope scope, CampaignRows.Campaign c) {
    List<Long> ids = rows.placedUnits(c.id(), 0, Opening.BATCH);
    if (ids.isEmpty()) {
      return false;
    }
    Map<Long, Long> others = rows.otherOpenCampaigns(scope.tenantId(), c.id(), ids);
    Map<Long, List<Long>> handover = new LinkedHashMap<>();
    List<Long> release = new ArrayList<>();
    // A unit taken out of the books (destroyed, back with the supplier) keeps its hold on record:
    // nothing more can happen to it.
    Map<Long, Inventory.UnitPosition> positions = inventory.units(scope.tenantId(), ids);
    for (Long id : ids) {
      Long other = others.get(id);
      Inventory.UnitPosition u = positions.get(id);
      if (u != null && u.state().terminal()) {
        continue;
      }
      if (other == null) {
        release.add(id);
      } else {
        handover.computeIfAbsent(other, k -> new ArrayList<>()).add(id);
      }
    }
    handover.forEach((campaign, units) -> rows.setPlaced(campaign, units, true));
    if (!release.isEmpty()) {
      holds.release(
          scope, Hold.RECALL, release, List.of(), details(c), RequestMeta.of(null), o -> {});
    }
    rows.setPlaced(c.id(), ids, false);
    return true;
  }

  private void buckets(TenantScope scope, CampaignRows.Campaign c) {
    List<CampaignRows.Bucket> mine = new ArrayList<>();
    for (CampaignRows.Bucket b : rows.buckets(c.id())) {
      if (!b.placedHold()) {
        continue;
      }
      Optional<Long> other = rows.otherOpenBucket(scope.tenantId(), c.id(), b);
      if (other.isPresent()) {
        rows.setBucketPlaced(other.get(), true, b.quantity());
      } else {
        mine.add(b);
      }
      rows.setBucketPlaced(b.id(), false, b.quantity());
    }
    List<BulkHolds.BucketHold> release = new ArrayList<>();
    for (HeldLot l : heldLots(mine)) {
      ProductId product = new ProductId(l.productId());
      LotId lot = l.lotId() == null ? null : new LotId(l.lotId());
      long left = l.quantity();
      for (Inventory.StockBucket s : held(scope, c.id(), l)) {
        if (left > 0) {
          long q = Math.min(left, s.quantity());
          release.add(new BulkHolds.BucketHold(product, lot, s.locationId(), s.holds(), q));
          left -= q;
        }
      }
    }
    if (!release.isEmpty()) {
      holds.release(
          scope, Hold.RECALL, List.of(), release, details(c), RequestMeta.of(null), o -> {});
    }
  }

  private static Map<String, Object> details(CampaignRows.Campaign c) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("recall", c.number());
    d.put("reason", "recall " + c.number() + " closed");
    return d;
  }
}
