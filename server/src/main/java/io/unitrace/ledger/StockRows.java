package io.unitrace.ledger;

import io.unitrace.catalog.Catalog;
import io.unitrace.catalog.Lot;
import io.unitrace.catalog.LotId;
import io.unitrace.catalog.Product;
import io.unitrace.catalog.ProductId;
import io.unitrace.facility.Facility;
import io.unitrace.facility.Location;
import io.unitrace.facility.LocationId;
import io.unitrace.ledger.domain.HashChain;
import io.unitrace.ledger.domain.StockLevel;
import io.unitrace.ledger.domain.TransitionRefused;
import io.unitrace.shared.InList;
import io.unitrace.shared.MultiRowInsert;
import io.unitrace.shared.Problem;
import io.unitrace.shared.Rows;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The quantity side of the ledger's write path: stock buckets and their entries. A bucket is
 * changed like a unit, with {@code WHERE id = ? AND version = ?}; a lost race rolls the whole event
 * back to be planned again. Buckets are written in one fixed order (product, lot, location, holds),
 * so two events that touch the same two buckets cannot deadlock each other.
 */
@Component
class StockRows {

  /** A change of one bucket; {@code field} names the request field a refusal points at. */
  record StockChange(
      Product product, Lot lot, Location location, int holds, long delta, String field) {

    long lotKey() {
      return lot == null ? 0 : lot.id();
    }
  }

  private record Bucket(long id, long quantity, int version, String lastHash) {}

  private final JdbcClient db;

  private final Catalog catalog;
  private final Facility facility;

  StockRows(JdbcClient db, Catalog catalog, Facility facility) {
    this.db = db;
    this.catalog = catalog;
    this.facility = facility;
  }

  static String entryCanonical(
      long productId, Long lotId, long locationId, int holds, int seq, long delta, long quantity) {
    return HashChain.canonical("stock", productId, lotId, locationId, holds, seq, delta, quantity);
  }

  /** Writes the changes of one event (merged per bucket) and returns what each bucket holds now. */
  List<EventReceipt.StockOutcome> write(
      long tenantId, long eventId, String eventCanonical, List<StockChange> changes, long now) {
    record BucketId(long productId, long lot, long locationId, int holds) {}
    Map<BucketId, StockChange> merged = new LinkedHashMap<>();
    for (StockChange c : changes) {
      BucketId key = new BucketId(c.product().id(), c.lotKey(), c.location().id(), c.holds());
      merged.merge(
          key,
          c,
          (a, b) ->
              new StockChange(
                  a.product(), a.lot(), a.location(), a.holds(), a.delta() + b.delta(), a.field()));
    }
    List<StockChange> ordered = new ArrayList<>(merged.values());
    ordered.removeIf(c -> c.delta() == 0);
    ordered.sort(
        Comparator.comparingLong((StockChange c) -> c.product().id())
            .thenComparingLong(StockChange::lotKey)
            .thenComparingLong(c -> c.location().id())
            .thenComparingInt(StockChange::holds));
    List<Object[]> entries = new ArrayList<>(ordered.size());
    List<EventReceipt.StockOutcome> outcomes = new ArrayList<>(ordered.size());
    for (StockChange c : ordered) {
      if (c.delta() > 0) {
        db.sql(
                """
                INSERT INTO stock (tenant_id, product_id, lot_id, lot_key, location_id, holds, quantity, version, last_hash, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, 0, 0, ?, ?)
                ON CONFLICT (tenant_id, product_id, lot_key, location_id, holds) DO NOTHING""")
            .params(
                tenantId,
                c.product().id(),
                c.lot() == null ? null : c.lot().id(),
                c.lotKey(),
                c.location().id(),
                c.holds(),
                HashChain.GENESIS,
                now)
            .update();
      }
      Bucket b = find(tenantId, c).orElse(new Bucket(-1, 0, 0, HashChain.GENESIS));
      StockLevel after;
      try {
        after = new StockLevel(b.quantity()).apply(c.delta());
      } catch (TransitionRefused r) {
        throw Problem.conflict(
                r.rule(),
                c.field(),
                c.product().sku()
                    + (c.lot() == null ? "" : " lot " + c.lot().code())
                    + " at "
                    + c.location().code()
                    + Hold.of(c.holds()).stream().map(h -> " " + h).reduce("", String::concat)
                    + ": "
                    + r.getMessage())
            .with("rule", r.rule())
            .with("available", b.quantity());
      }
      int seq = b.version() + 1;
      Long lotId = c.lot() == null ? null : c.lot().id();
      String hash =
          HashChain.link(
              b.lastHash(),
              eventCanonical,
              entryCanonical(
                  c.product().id(),
                  lotId,
                  c.location().id(),
                  c.holds(),
                  seq,
                  c.delta(),
                  after.quantity()));
      int updated =
          db.sql(
                  "UPDATE stock SET quantity = ?, version = ?, last_hash = ?, updated_at = ? WHERE id = ? AND version = ?")
              .params(after.quantity(), seq, hash, now, b.id(), b.version())
              .update();
      if (updated != 1) {
        throw new Recorder.UnitChanged();
      }
      entries.add(
          new Object[] {
            tenantId, eventId, b.id(), seq, c.delta(), after.quantity(), b.lastHash(), hash
          });
      outcomes.add(
          new EventReceipt.StockOutcome(
              c.product().sku(),
              c.lot() == null ? null : c.lot().code(),
              c.location().code(),
              Hold.of(c.holds()),
              c.delta(),
              after.quantity()));
    }
    MultiRowInsert.insert(
        db,
        "stock_entry",
        List.of(
            "tenant_id", "event_id", "stock_id", "seq", "delta", "quantity", "prev_hash", "hash"),
        entries,
        null);
    return outcomes;
  }

  /** A bucket of stock as allocation sees it. */
  record Free(long id, Long lotId, long locationId, long quantity) {}

  /**
   * A product's buckets with a quantity on no hold and not reserved ({@code holds = 0}), of the
   * given lots or of any ({@code lotIds} null), oldest bucket first.
   */
  List<Free> free(long tenantId, long productId, List<Long> lotIds) {
    List<Object> params = new ArrayList<>(List.of(tenantId, productId));
    String lots = "";
    if (lotIds != null) {
      if (lotIds.isEmpty()) {
        return List.of();
      }
      lots = " AND lot_key IN (" + InList.marks(lotIds.size()) + ")";
      params.addAll(lotIds);
    }
    return db.sql(
            "SELECT id, lot_id, location_id, quantity FROM stock WHERE tenant_id = ? AND product_id = ? AND holds = 0 AND quantity > 0"
                + lots
                + " ORDER BY id")
        .params(params)
        .query(
            (rs, n) ->
                new Free(rs.getLong(1), Rows.longOrNull(rs, 2), rs.getLong(3), rs.getLong(4)))
        .list();
  }

  private Optional<Bucket> find(long tenantId, StockChange c) {
    return db.sql(
            """
            SELECT id, quantity, version, last_hash FROM stock
            WHERE tenant_id = ? AND product_id = ? AND lot_key = ? AND location_id = ? AND holds = ?""")
        .params(tenantId, c.product().id(), c.lotKey(), c.location().id(), c.holds())
        .query((rs, n) -> new Bucket(rs.getLong(1), rs.getLong(2), rs.getInt(3), rs.getString(4)))
        .optional();
  }

  /** What an event did to stock, for the receipt of a repeated request. */
  List<EventReceipt.StockOutcome> outcomes(long tenantId, long eventId) {
    record Row(long product, Long lot, long location, int holds, long delta, long quantity) {}
    List<Row> rows =
        db.sql(
                """
            SELECT s.product_id, s.lot_id, s.location_id, s.holds, e.delta, e.quantity
            FROM stock_entry e JOIN stock s ON s.id = e.stock_id
            WHERE e.event_id = ? ORDER BY e.id""")
            .param(eventId)
            .query(
                (rs, n) ->
                    new Row(
                        rs.getLong(1),
                        Rows.longOrNull(rs, 2),
                        rs.getLong(3),
                        rs.getInt(4),
                        rs.getLong(5),
                        rs.getLong(6)))
            .list();
    if (rows.isEmpty()) {
      return List.of();
    }
    Map<ProductId, Product> products =
        catalog.products(tenantId, rows.stream().map(r -> new ProductId(r.product())).toList());
    Map<LotId, Lot> lots =
        catalog.lotsById(
            tenantId,
            rows.stream().map(Row::lot).filter(Objects::nonNull).map(LotId::new).toList());
    Map<LocationId, Location> locations =
        facility.locations(rows.stream().map(r -> new LocationId(r.location())).toList());
    return rows.stream()
        .map(
            r ->
                new EventReceipt.StockOutcome(
                    products.get(new ProductId(r.product())).sku(),
                    r.lot() == null ? null : lots.get(new LotId(r.lot())).code(),
                    locations.get(new LocationId(r.location())).code(),
                    Hold.of(r.holds()),
                    r.delta(),
                    r.quantity()))
        .toList();
  }
}
