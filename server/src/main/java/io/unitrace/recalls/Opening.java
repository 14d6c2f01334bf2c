package io.unitrace.recalls;

import io.unitrace.catalog.Catalog;
import io.unitrace.catalog.LotId;
import io.unitrace.catalog.ProductId;
import io.unitrace.channels.Outbox;
import io.unitrace.ledger.BulkHolds;
import io.unitrace.ledger.Hold;
import io.unitrace.ledger.Inventory;
import io.unitrace.ledger.RequestMeta;
import io.unitrace.ledger.Reservations;
import io.unitrace.ledger.UnitState;
import io.unitrace.outbound.Allocation;
import io.unitrace.outbound.Sales;
import io.unitrace.shared.Problem;
import io.unitrace.tenancy.TenantScope;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Opening a campaign: the affected set is walked in batches of {@link #BATCH} units, each batch one
 * transaction that reads the units, releases their allocations (outbound, as a ledger event), and
 * places the RECALL hold on every one still in the building (one ledger event), recording which
 * holds this campaign placed. From a batch's commit on, none of its units can be allocated, picked,
 * packed or shipped: a picker who read a unit before that commit is refused by the ledger's version
 * check and then by the hold; a picker who committed first made the batch try again from fresh
 * reads. Then counted stock of affected lots is taken back from orders and held, and the customers
 * who received affected units are listed, each with one outbox event. The orders whose lines lost
 * goods are back orders again: outbound allocates them from unaffected stock once the release
 * commits (allocation follows the goods, ADR 0011).
 *
 * <p>Opening again resumes: units already reached are skipped, customers already listed are not
 * notified twice.
 */
@Service
class Opening {

  /**
   * Units a batch: each batch writes one HOLD_PLACED event (and one release event if any of them
   * were on orders), and every ledger event on a product recounts its availability for the sales
   * channels, a count over all of the product's units. Batches of 10,000 put a typical recall in
   * one or two events instead of ten or more; a batch's transaction then holds up to 10,000 unit
   * rows for well under a second.
   */
  static final int BATCH = 10_000;

  private static final int ATTEMPTS = 10;

  private final CampaignRows rows;
  private final AffectedSet affected;
  private final BulkHolds holds;
  private final Allocation allocation;
  private final Inventory inventory;
  private final Sales sales;
  private final Outbox outbox;
  private final Catalog catalog;
  private final TransactionTemplate tx;
  private final Clock clock;

  Opening(
      CampaignRows rows,
      AffectedSet affected,
      BulkHolds holds,
      Allocation allocation,
      Inventory inventory,
      Sales sales,
      Outbox outbox,
      Catalog catalog,
      TransactionTemplate tx,
      Clock clock) {
    this.catalog = catalog;
    this.rows = rows;
    this.affected = affected;
    this.holds = holds;
    this.allocation = allocation;
    this.inventory = inventory;
    this.sales = sales;
    this.outbox = outbox;
    this.tx = tx;
    this.clock = clock;
  }

  private record Batch(long last, boolean more, List<Long> orders) {}

  void open(TenantScope scope, CampaignRows.Campaign c, Target t) {
    String reason = "recall " + c.number();
    long after = 0;
    while (true) {
      long from = after;
      Batch b = retrying(() -> tx.execute(s -> batch(scope, c, t, from, reason)));
      if (!b.more()) {
        break;
      }
      after = b.last();
    }
    if (c.mode().byLot()) {
      retrying(() -> tx.execute(s -> stock(scope, c, t, reason)));
    }
    retrying(
        () ->
            tx.execute(
                s -> {
                  customers(scope, c, t);
                  return null;
                }));
  }

  private Batch batch(
      TenantScope scope, CampaignRows.Campaign c, Target t, long after, String why) {
    AffectedSet.Page page = affected.page(c, t, after, BATCH);
    Set<Long> done =
        new HashSet<>(
            rows.reachedAmong(
                c.id(), page.units().stream().map(Inventory.UnitPosition::id).toList()));
    List<Inventory.UnitPosition> fresh =
        page.units().stream().filter(u -> !done.contains(u.id())).toList();
    List<Long> toHold =
        fresh.stream()
            .filter(u -> Whereabouts.of(u.state()).held())
            .map(Inventory.UnitPosition::id)
            .toList();
    // Hold first: from this write on no allocation can take these units; then whatever was
    // allocated or picked for an order (read after the hold, so nothing slips in between) is
    // released.
    Set<Long> placed = new HashSet<>();
    if (!toHold.isEmpty()) {
      holds.place(
          scope,
          Hold.RECALL,
          toHold,
          List.of(),
          details(c),
          RequestMeta.of(null),
          o -> placed.addAll(o.units()));
    }
    Allocation.Released released =
        toHold.isEmpty()
            ? new Allocation.Released(List.of(), 0, 0)
            : allocation.releaseAffected(scope, toHold, null, List.of(), why);
    List<CampaignRows.Reached> reached = new ArrayList<>(fresh.size());
    for (Inventory.UnitPosition u : fresh) {
      reached.add(new CampaignRows.Reached(u.id(), u.state().name(), placed.contains(u.id())));
    }
    rows.insertReached(scope.tenantId(), c.id(), reached);
    return new Batch(page.last(), page.more(), released.orders());
  }

  /** Counted stock of the affected lots: taken back from orders, then held where it lies. */
  private List<Long> stock(TenantScope scope, CampaignRows.Campaign c, Target t, String why) {
    if (!rows.buckets(c.id()).isEmpty()) {
      return List.of();
    }
    ProductId product = new ProductId(t.productId());
    List<LotId> lots = t.lotIds().stream().map(LotId::new).toList();
    Allocation.Released released = allocation.releaseAffected(scope, List.of(), product, lots, why);
    List<BulkHolds.BucketHold> buckets = new ArrayList<>();
    List<BulkHolds.BucketHold> heldAlready = new ArrayList<>();
    for (LotId lot : lots) {
      for (Inventory.StockBucket b : inventory.stock(scope.tenantId(), product, lot)) {
        if ((b.holds() & Reservations.RESERVED) != 0) {
          continue; // packed in a carton for an order: staged, its order's to stop
        }
        BulkHolds.BucketHold h =
            new BulkHolds.BucketHold(product, lot, b.locationId(), b.holds(), b.quantity());
        ((b.holds() & Hold.RECALL.bit()) != 0 ? heldAlready : buckets).add(h);
      }
    }
    if (!buckets.isEmpty()) {
      holds.place(
          scope, Hold.RECALL, List.of(), buckets, details(c), RequestMeta.of(null), o -> {});
    }
    for (BulkHolds.BucketHold h : buckets) {
      rows.insertBucket(
          scope.tenantId(),
          c.id(),
          product.value(),
          h.lot() == null ? null : h.lot().value(),
          h.location().value(),
          h.quantity(),
          true);
    }
    for (BulkHolds.BucketHold h : heldAlready) {
      rows.insertBucket(
          scope.tenantId(),
          c.id(),
          product.value(),
          h.lot() == null ? null : h.lot().value(),
          h.location().value(),
          h.quantity(),
          false);
    }
    return released.orders();
  }

  /**
   * The customers who received affected goods, per channel, each listed once with one outbox event
   * ({@code recall.notice}) naming the campaign and their units and counted goods. Units are those
   * the campaign reached at customers; counted goods are what outbound shipped of the target's lots
   * and has not come back (a campaign by lot or component lot). Appended last, as the outbox asks.
   */
  private void customers(TenantScope scope, CampaignRows.Campaign c, Target t) {
    Map<List<String>, List<Sales.Sale>> byCustomer = new TreeMap<>(Opening::compare);
    long after = 0;
    while (true) {
      List<Long> ids = rows.reachedUnits(c.id(), UnitState.SHIPPED.name(), after, BATCH);
      if (ids.isEmpty()) {
        break;
      }
      for (Sales.Sale s : sales.ofUnits(scope.tenantId(), ids)) {
        byCustomer.computeIfAbsent(customerKey(s), k -> new ArrayList<>()).add(s);
      }
      after = ids.get(ids.size() - 1);
    }
    Map<Long, String> lotCodes = new LinkedHashMap<>();
    if (c.mode().byLot()) {
      // The site's codes of the lots held: a supplier-lot campaign asked by the supplier's code.
      catalog
          .lotsById(scope.tenantId(), t.lotIds().stream().map(LotId::new).toList())
          .forEach((id, lot) -> lotCodes.put(id.value(), lot.code()));
      long afterSale = 0;
      while (true) {
        List<Sales.Sale> page =
            sales.shippedOfLots(
                scope.tenantId(), t.productId(), t.lotIds(), afterSale, Opening.BATCH);
        for (Sales.Sale s : page) {
          if (s.returnable() > 0) {
            byCustomer.computeIfAbsent(customerKey(s), k -> new ArrayList<>()).add(s);
          }
        }
        if (page.size() < Opening.BATCH) {
          break;
        }
        afterSale = page.get(page.size() - 1).allocationId();
      }
    }
    // Customers listed by an earlier, interrupted opening keep their row and their one notice.
    Set<List<String>> listed = rows.customerKeys(c.id());
    List<CampaignRows.NewCustomer> customers = new ArrayList<>();
    List<Map<String, Object>> notices = new ArrayList<>();
    for (var e : byCustomer.entrySet()) {
      if (listed.contains(e.getKey())) {
        continue;
      }
      List<Sales.Sale> sold = e.getValue();
      Set<String> orders = new LinkedHashSet<>();
      String last = null;
      long count = 0;
      List<Map<String, Object>> units = new ArrayList<>();
      for (Sales.Sale s : sold) {
        orders.add(s.order());
        if (s.shipDate() != null && (last == null || s.shipDate().toString().compareTo(last) > 0)) {
          last = s.shipDate().toString();
        }
        Map<String, Object> u = new LinkedHashMap<>();
        if (s.unitId() != null) {
          u.put("gtin", s.gtin());
          u.put("serial", s.serial());
          count++;
        } else {
          u.put("lot", lotCodes.get(s.lotId()));
          u.put("quantity", s.returnable());
          count += s.returnable();
        }
        u.put("order", s.order());
        u.put("shipDate", s.shipDate() == null ? null : s.shipDate().toString());
        units.add(u);
      }
      String channel = e.getKey().get(0);
      String customer = e.getKey().get(1);
      String soldTo = sold.get(0).soldTo();
      customers.add(
          new CampaignRows.NewCustomer(
              channel,
              customer,
              soldTo,
              String.join(",", orders),
              (int) Math.min(Integer.MAX_VALUE, count),
              last));
      Map<String, Object> payload = new LinkedHashMap<>();
      payload.put("campaign", c.number());
      payload.put("title", c.title());
      payload.put("reason", c.reason());
      payload.put("channel", channel);
      payload.put("customer", customer);
      payload.put("soldTo", soldTo);
      payload.put("orders", List.copyOf(orders));
      payload.put("units", units);
      notices.add(payload);
    }
    // One notice per customer, appended last (the outbox asks it), then their rows, each naming its
    // notice: a few statements for thousands of customers.
    List<Long> seqs = outbox.appendAll(scope.tenantId(), "recall.notice", notices);
    rows.insertCustomers(scope.tenantId(), c.id(), customers, seqs);
  }

  /** A customer as the campaign lists them: the channel and the customer's code, else sold-to. */
  private static List<String> customerKey(Sales.Sale s) {
    String who = s.customer() != null ? s.customer() : s.soldTo() == null ? "?" : s.soldTo();
    return List.of(s.channel(), who);
  }

  private static int compare(List<String> a, List<String> b) {
    int c = a.get(0).compareTo(b.get(0));
    return c != 0 ? c : a.get(1).compareTo(b.get(1));
  }

  private static Map<String, Object> details(CampaignRows.Campaign c) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("recall", c.number());
    return d;
  }

  /** Runs a transaction again when it lost a race with a picker or another writer. */
  static <T> T retrying(Supplier<T> work) {
    for (int attempt = 1; ; attempt++) {
      try {
        return work.get();
      } catch (Problem p) {
        if (!"concurrent-change".equals(p.code()) || attempt >= ATTEMPTS) {
          throw p;
        }
      }
    }
  }
}
