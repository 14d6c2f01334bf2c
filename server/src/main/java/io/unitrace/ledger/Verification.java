package io.unitrace.ledger;

import io.unitrace.catalog.Catalog;
import io.unitrace.catalog.LotId;
import io.unitrace.facility.Facility;
import io.unitrace.facility.LocationId;
import io.unitrace.gs1.Gtin;
import io.unitrace.ledger.domain.HashChain;
import io.unitrace.ledger.domain.StockLevel;
import io.unitrace.ledger.domain.TransitionRefused;
import io.unitrace.ledger.domain.UnitCommand;
import io.unitrace.ledger.domain.UnitStatus;
import io.unitrace.shared.Database;
import io.unitrace.shared.Rows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Recomputes everything the ledger claims and names the first broken link. For each unit, in order:
 * its entries are numbered 1..n without gaps, each links to the previous hash, each hash matches
 * the recomputed one (event and entry content), replaying the entries' commands through the state
 * machine gives the recorded states, and the projection row equals the replayed end state. Then the
 * same for every bucket of lot and untracked stock: its entries numbered without gaps and linked,
 * each hash recomputed, the quantities replayed through {@link StockLevel} (never below zero) and
 * the bucket's row equal to the replayed end. Then every checkpoint's digest, in both books, is
 * recomputed along its chain.
 *
 * <p>Entries stream ordered by (unit, seq) with a bounded fetch size, so memory stays flat at
 * millions of entries.
 */
@Service
public class Verification {

  public record Break(
      String kind,
      String unit,
      Integer seq,
      Long entryId,
      Long eventId,
      Long checkpointId,
      String expected,
      String found,
      String message) {}

  public record Report(
      boolean intact,
      long units,
      long entries,
      long checkpoints,
      Break firstBreak,
      long buckets,
      long stockEntries) {}

  private final JdbcTemplate jdbc;
  private final JdbcClient db;
  private final TransactionTemplate tx;
  private final Database database;
  private final CommandCodec codec;
  private final UnitRows rows;
  private final Checkpoints checkpointList;
  private final Catalog catalog;
  private final Facility facility;

  Verification(
      JdbcTemplate jdbc,
      JdbcClient db,
      TransactionTemplate tx,
      Database database,
      CommandCodec codec,
      UnitRows rows,
      Checkpoints checkpointList,
      Catalog catalog,
      Facility facility) {
    this.catalog = catalog;
    this.facility = facility;
    this.jdbc = new JdbcTemplate(jdbc.getDataSource());
    this.jdbc.setFetchSize(2000);
    this.db = db;
    this.tx = tx;
    this.database = database;
    this.codec = codec;
    this.rows = rows;
    this.checkpointList = checkpointList;
  }

  public Report verify(long tenantId) {
    // PostgreSQL streams a result only inside a transaction; SQLite streams anyway, and a write
    // transaction there would hold the database's only write lock for the whole run.
    return database == Database.POSTGRESQL ? tx.execute(s -> run(tenantId)) : run(tenantId);
  }

  private final class Walk {
    long units;
    long entries;
    Break broken;
    long unitId = -1;
    String unitName;
    int expectedSeq;
    String prev;
    UnitStatus status;
    String rowHash;
    int rowVersion;
    UnitStatus rowStatus;

    void row(ResultSet rs) throws SQLException {
      if (broken != null) {
        return;
      }
      long uid = rs.getLong("unit_id");
      if (uid != unitId) {
        finishUnit();
        if (broken != null) {
          return;
        }
        unitId = uid;
        units++;
        unitName = "(01)" + rs.getString("gtin") + "(21)" + rs.getString("serial");
        expectedSeq = 1;
        prev = HashChain.GENESIS;
        status = null;
        rowHash = rs.getString("u_hash");
        rowVersion = rs.getInt("u_version");
        rowStatus =
            new UnitStatus(
                UnitState.valueOf(rs.getString("u_state")),
                Rows.longOrNull(rs, "u_location"),
                Rows.longOrNull(rs, "u_container"),
                rs.getInt("u_holds"),
                rows.fields(rs.getString("u_fields")));
      }
      entries++;
      int seq = rs.getInt("seq");
      long entryId = rs.getLong("entry_id");
      long eventId = rs.getLong("event_id");
      if (seq != expectedSeq) {
        broken =
            new Break(
                "entry-missing",
                unitName,
                expectedSeq,
                entryId,
                eventId,
                null,
                "seq " + expectedSeq,
                "seq " + seq,
                "an entry of this unit is missing or out of order");
        return;
      }
      if (!prev.equals(rs.getString("prev_hash"))) {
        broken =
            new Break(
                "chain-broken",
                unitName,
                seq,
                entryId,
                eventId,
                null,
                prev,
                rs.getString("prev_hash"),
                "the entry does not link to the unit's previous entry");
        return;
      }
      UnitStatus after =
          new UnitStatus(
              UnitState.valueOf(rs.getString("state")),
              Rows.longOrNull(rs, "location_id"),
              Rows.longOrNull(rs, "container_id"),
              rs.getInt("holds"),
              null);
      String data = rs.getString("data");
      String recomputed =
          HashChain.link(
              prev,
              eventCanonical(rs),
              Recorder.entryCanonical(
                  new Gtin(rs.getString("gtin")), rs.getString("serial"), seq, after, data));
      if (!recomputed.equals(rs.getString("hash"))) {
        broken =
            new Break(
                "content-altered",
                unitName,
                seq,
                entryId,
                eventId,
                null,
                recomputed,
                rs.getString("hash"),
                "the entry or its event was changed after it was recorded");
        return;
      }
      UnitStatus replayed;
      try {
        UnitCommand command = codec.decode(data);
        replayed =
            seq == 1 ? UnitStatus.register((UnitCommand.Register) command) : status.apply(command);
      } catch (TransitionRefused | ClassCastException | IllegalStateException e) {
        broken =
            new Break(
                "replay-refused",
                unitName,
                seq,
                entryId,
                eventId,
                null,
                null,
                null,
                "replaying this entry through the state machine fails: " + e.getMessage());
        return;
      }
      if (!sameSnapshot(replayed, after)) {
        broken =
            new Break(
                "replay-differs",
                unitName,
                seq,
                entryId,
                eventId,
                null,
                snapshot(replayed),
                snapshot(after),
                "the recorded state differs from the state machine's replay");
        return;
      }
      status = replayed;
      prev = recomputed;
      expectedSeq++;
    }

    void finishUnit() {
      if (unitId < 0 || broken != null) {
        return;
      }
      int last = expectedSeq - 1;
      if (!prev.equals(rowHash) || rowVersion != last) {
        broken =
            new Break(
                "projection-ahead",
                unitName,
                last,
                null,
                null,
                null,
                prev + " @" + last,
                rowHash + " @" + rowVersion,
                "the unit's current record does not end its history (an entry was removed, or the row was edited)");
      } else if (!sameSnapshot(status, rowStatus) || !status.fields().equals(rowStatus.fields())) {
        // Custom fields (an IMEI is an identity) are part of the replayed state just as much as the
        // location.
        broken =
            new Break(
                "projection-differs",
                unitName,
                last,
                null,
                null,
                null,
                snapshot(status) + " fields " + status.fields(),
                snapshot(rowStatus) + " fields " + rowStatus.fields(),
                "the unit's current record differs from the replay of its history");
      }
    }
  }

  /** Walks the stock entries of each bucket in order; fed by rows ordered by (bucket, seq). */
  private static final class StockWalk {
    long buckets;
    long entries;
    Break broken;
    long stockId = -1;
    long productId;
    Long lotId;
    long locationId;
    int holds;
    int expectedSeq;
    String prev;
    StockLevel level;
    String rowHash;
    int rowVersion;
    long rowQuantity;

    void row(ResultSet rs) throws SQLException {
      if (broken != null) {
        return;
      }
      long sid = rs.getLong("stock_id");
      if (sid != stockId) {
        finishBucket();
        if (broken != null) {
          return;
        }
        stockId = sid;
        buckets++;
        // Named (by SKU, lot and location code) only if it breaks: see Verification.named.
        productId = rs.getLong("product_id");
        lotId = Rows.longOrNull(rs, "lot_id");
        locationId = rs.getLong("location_id");
        holds = rs.getInt("s_holds");
        expectedSeq = 1;
        prev = HashChain.GENESIS;
        level = StockLevel.EMPTY;
        rowHash = rs.getString("s_hash");
        rowVersion = rs.getInt("s_version");
        rowQuantity = rs.getLong("s_quantity");
      }
      entries++;
      int seq = rs.getInt("seq");
      long entryId = rs.getLong("entry_id");
      long eventId = rs.getLong("event_id");
      if (seq != expectedSeq) {
        broken =
            new Break(
                "entry-missing",
                null,
                expectedSeq,
                entryId,
                eventId,
                null,
                "seq " + expectedSeq,
                "seq " + seq,
                "an entry of this stock is missing or out of order");
        return;
      }
      if (!prev.equals(rs.getString("prev_hash"))) {
        broken =
            new Break(
                "chain-broken",
                null,
                seq,
                entryId,
                eventId,
                null,
                prev,
                rs.getString("prev_hash"),
                "the entry does not link to the stock's previous entry");
        return;
      }
      long delta = rs.getLong("delta");
      long quantity = rs.getLong("quantity");
      String recomputed =
          HashChain.link(
              prev,
              eventCanonical(rs),
              StockRows.entryCanonical(
                  rs.getLong("product_id"),
                  Rows.longOrNull(rs, "lot_id"),
                  rs.getLong("location_id"),
                  rs.getInt("s_holds"),
                  seq,
                  delta,
                  quantity));
      if (!recomputed.equals(rs.getString("hash"))) {
        broken =
            new Break(
                "content-altered",
                null,
                seq,
                entryId,
                eventId,
                null,
                recomputed,
                rs.getString("hash"),
                "the entry or its event was changed after it was recorded");
        return;
      }
      StockLevel replayed;
      try {
        replayed = level.apply(delta);
      } catch (TransitionRefused e) {
        broken =
            new Break(
                "replay-refused",
                null,
                seq,
                entryId,
                eventId,
                null,
                null,
                null,
                "replaying this entry takes the stock below zero: " + e.getMessage());
        return;
      }
      if (replayed.quantity() != quantity) {
        broken =
            new Break(
                "replay-differs",
                null,
                seq,
                entryId,
                eventId,
                null,
                Long.toString(replayed.quantity()),
                Long.toString(quantity),
                "the recorded quantity differs from the sum of the changes before it");
        return;
      }
      level = replayed;
      prev = recomputed;
      expectedSeq++;
    }

    void finishBucket() {
      if (stockId < 0 || broken != null) {
        return;
      }
      int last = expectedSeq - 1;
      if (!prev.equals(rowHash) || rowVersion != last) {
        broken =
            new Break(
                "projection-ahead",
                null,
                last,
                null,
                null,
                null,
                prev + " @" + last,
                rowHash + " @" + rowVersion,
                "the stock's current record does not end its history (an entry was removed, or the row was edited)");
      } else if (level.quantity() != rowQuantity) {
        broken =
            new Break(
                "projection-differs",
                null,
                last,
                null,
                null,
                null,
                Long.toString(level.quantity()),
                Long.toString(rowQuantity),
                "the stock's current quantity differs from the replay of its history");
      }
    }
  }

  private static String eventCanonical(ResultSet rs) throws SQLException {
    return HashChain.canonical(
        "v1",
        rs.getLong("tenant_id"),
        rs.getString("request_key"),
        rs.getString("type"),
        rs.getLong("event_time"),
        rs.getString("event_offset"),
        rs.getLong("recorded_at"),
        rs.getString("biz_step"),
        rs.getString("disposition"),
        Rows.longOrNull(rs, "read_point"),
        Rows.longOrNull(rs, "biz_location"),
        rs.getString("biz_transactions"),
        rs.getString("actor"),
        rs.getString("device"),
        rs.getString("raw_scan"),
        rs.getString("details"));
  }

  private static final String EVENT_COLUMNS =
      """
      ev.id AS event_id, ev.tenant_id, ev.request_key, ev.type, ev.event_time, ev.event_offset, ev.recorded_at, ev.biz_step,
      ev.disposition, ev.read_point, ev.biz_location, ev.biz_transactions, ev.actor, ev.device, ev.raw_scan, ev.details""";

  private Report run(long tenantId) {
    Walk walk = new Walk();
    jdbc.query(
        """
        SELECT e.id AS entry_id, e.unit_id, e.seq, e.state, e.location_id, e.container_id, e.holds, e.data, e.prev_hash, e.hash,
        """
            + EVENT_COLUMNS
            + """
        ,
               u.gtin, u.serial, u.last_hash AS u_hash, u.version AS u_version, u.state AS u_state, u.location_id AS u_location,
               u.container_id AS u_container, u.holds AS u_holds, u.fields AS u_fields
        FROM ledger_entry e
        JOIN ledger_event ev ON ev.id = e.event_id
        JOIN unit u ON u.id = e.unit_id
        WHERE e.tenant_id = ?
        ORDER BY e.unit_id, e.seq""",
        walk::row,
        tenantId);
    walk.finishUnit();
    if (walk.broken == null) {
      db.sql(
              "SELECT u.gtin, u.serial FROM unit u WHERE u.tenant_id = ? AND NOT EXISTS (SELECT 1 FROM ledger_entry e WHERE e.unit_id = u.id) LIMIT 1")
          .param(tenantId)
          .query((rs, n) -> "(01)" + rs.getString(1) + "(21)" + rs.getString(2))
          .optional()
          .ifPresent(
              u ->
                  walk.broken =
                      new Break(
                          "history-missing",
                          u,
                          1,
                          null,
                          null,
                          null,
                          null,
                          null,
                          "the unit has no ledger entries at all"));
    }
    StockWalk stock = new StockWalk();
    if (walk.broken == null) {
      jdbc.query(
          """
          SELECT e.id AS entry_id, e.stock_id, e.seq, e.delta, e.quantity, e.prev_hash, e.hash,
          """
              + EVENT_COLUMNS
              + """
          ,
                 s.product_id, s.lot_id, s.location_id, s.holds AS s_holds, s.quantity AS s_quantity, s.version AS s_version,
                 s.last_hash AS s_hash
          FROM stock_entry e
          JOIN ledger_event ev ON ev.id = e.event_id
          JOIN stock s ON s.id = e.stock_id
          WHERE e.tenant_id = ?
          ORDER BY e.stock_id, e.seq""",
          stock::row,
          tenantId);
      stock.finishBucket();
      walk.broken = stock.broken == null ? null : named(tenantId, stock);
    }
    if (walk.broken == null) {
      db.sql(
              """
              SELECT s.product_id, s.quantity FROM stock s
              WHERE s.tenant_id = ? AND NOT EXISTS (SELECT 1 FROM stock_entry e WHERE e.stock_id = s.id) LIMIT 1""")
          .param(tenantId)
          .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)})
          .optional()
          .map(b -> sku(tenantId, b[0]) + " (" + b[1] + ")")
          .ifPresent(
              b ->
                  walk.broken =
                      new Break(
                          "history-missing",
                          b,
                          1,
                          null,
                          null,
                          null,
                          null,
                          null,
                          "the stock has no ledger entries at all"));
    }
    long checkpoints = 0;
    for (Checkpoints.Book book : Checkpoints.Book.values()) {
      if (walk.broken == null) {
        var result = checkpoints(tenantId, book);
        checkpoints += result.count();
        walk.broken = result.broken();
      }
    }
    return new Report(
        walk.broken == null,
        walk.units,
        walk.entries,
        checkpoints,
        walk.broken,
        stock.buckets,
        stock.entries);
  }

  /** The walk's break, naming the bucket as people know it: SKU, lot and location codes. */
  private Break named(long tenantId, StockWalk walk) {
    Break b = walk.broken;
    String lot =
        walk.lotId == null
            ? ""
            : " lot "
                + catalog
                    .lotsById(tenantId, List.of(new LotId(walk.lotId)))
                    .get(new LotId(walk.lotId))
                    .code();
    String name =
        sku(tenantId, walk.productId)
            + lot
            + " at "
            + facility
                .locations(List.of(new LocationId(walk.locationId)))
                .get(new LocationId(walk.locationId))
                .code()
            + (walk.holds == 0 ? "" : " held " + Hold.of(walk.holds));
    return new Break(
        b.kind(),
        name,
        b.seq(),
        b.entryId(),
        b.eventId(),
        b.checkpointId(),
        b.expected(),
        b.found(),
        b.message());
  }

  private String sku(long tenantId, long productId) {
    return catalog.byId(tenantId, productId).orElseThrow().sku();
  }

  record CheckpointResult(long count, Break broken) {}

  private CheckpointResult checkpoints(long tenantId, Checkpoints.Book book) {
    var list = checkpointList.list(tenantId, book);
    String prev = HashChain.GENESIS;
    long expectedFirst = 1;
    for (Checkpoints.Checkpoint cp : list) {
      if (!cp.prevDigest().equals(prev) || cp.firstEntryId() > expectedFirst) {
        return new CheckpointResult(
            list.size(),
            new Break(
                "checkpoint-chain-broken",
                null,
                null,
                null,
                null,
                cp.id(),
                prev,
                cp.prevDigest(),
                "the checkpoint does not follow the previous one"));
      }
      Checkpoints.Digest d =
          Checkpoints.digest(
              jdbc, book, tenantId, cp.firstEntryId(), cp.lastEntryId(), cp.prevDigest());
      if (!d.hex().equals(cp.digest()) || d.count() != cp.entryCount()) {
        return new CheckpointResult(
            list.size(),
            new Break(
                "checkpoint-mismatch",
                null,
                null,
                null,
                null,
                cp.id(),
                cp.digest() + " over " + cp.entryCount(),
                d.hex() + " over " + d.count(),
                "the entries a checkpoint covers were changed, added or removed after it was taken"));
      }
      prev = cp.digest();
      expectedFirst = cp.lastEntryId() + 1;
    }
    return new CheckpointResult(list.size(), null);
  }

  private static boolean sameSnapshot(UnitStatus a, UnitStatus b) {
    return a.state() == b.state()
        && Objects.equals(a.location(), b.location())
        && Objects.equals(a.container(), b.container())
        && a.holds() == b.holds();
  }

  private static String snapshot(UnitStatus s) {
    return s.state()
        + " at "
        + s.location()
        + " in "
        + s.container()
        + " holds "
        + Hold.of(s.holds());
  }
}
