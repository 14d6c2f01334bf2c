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
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
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

  /**
   * What was checked: units and their entries, buckets and theirs, events (of which {@code
   * legacyEvents} of form v1, recorded before re-anchoring), checkpoints of all three books (of
   * which {@code signedCheckpoints} signed, checked with the key {@code signingKey}).
   */
  public record Report(
      boolean intact,
      long units,
      long entries,
      long checkpoints,
      Break firstBreak,
      long buckets,
      long stockEntries,
      long events,
      long legacyEvents,
      long signedCheckpoints,
      String signingKey) {}

  private final JdbcTemplate jdbc;
  private final JdbcClient db;
  private final TransactionTemplate tx;
  private final Database database;
  private final CommandCodec codec;
  private final UnitRows rows;
  private final Checkpoints checkpointList;
  private final Catalog catalog;
  private final Facility facility;
  private final LedgerSigner signer;
  private final UnitIdentities identities;

  Verification(
      JdbcTemplate jdbc,
      JdbcClient db,
      TransactionTemplate tx,
      Database database,
      CommandCodec codec,
      UnitRows rows,
      Checkpoints checkpointList,
      Catalog catalog,
      Facility facility,
      LedgerSigner signer,
      UnitIdentities identities) {
    this.signer = signer;
    this.identities = identities;
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

  /** The reference of the key checkpoints are signed and checked with. */
  String signingKey() {
    return signer.ref();
  }

  public Report verify(long tenantId) {
    // PostgreSQL streams a result only inside a transaction; SQLite streams anyway, and a write
    // transaction there would hold the database's only write lock for the whole run.
    return database == Database.POSTGRESQL ? tx.execute(s -> run(tenantId)) : run(tenantId);
  }

  private final class Walk {
    final long tenantId;
    long units;
    long entries;
    Break broken;
    long unitId = -1;
    String unitName;
    long productId;
    Long lotId;
    // A content break of this unit, held until its later entries tell whether they all fail too
    // (the unit's identity was rewritten) or not (one entry or its event was).
    Break pending;
    boolean pendingEvent;
    int tested;
    int failed;

    Walk(long tenantId) {
      this.tenantId = tenantId;
    }

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
        productId = rs.getLong("u_product");
        lotId = Rows.longOrNull(rs, "u_lot");
        pending = null;
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
      if (pending != null) {
        tested++;
        if (!recompute(rs, rs.getString("prev_hash")).equals(rs.getString("hash"))) {
          failed++;
        }
        return;
      }
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
      UnitStatus after = after(rs);
      String data = rs.getString("data");
      String recomputed = recompute(rs, prev);
      if (!recomputed.equals(rs.getString("hash"))) {
        String stored = rs.getString("ev_hash");
        pendingEvent = stored != null && !stored.equals(Forms.eventHash(Forms.event(rs)));
        pending =
            new Break(
                "content-altered",
                unitName,
                seq,
                entryId,
                eventId,
                null,
                recomputed,
                rs.getString("hash"),
                pendingEvent
                    ? "the entry's event was changed after it was recorded"
                    : "the entry, its event or the unit's identity (product, GTIN, serial, lot) was"
                        + " changed after it was recorded");
        tested = 1;
        failed = 1;
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

    /** The entry's state after it, from its columns. */
    private UnitStatus after(ResultSet rs) throws SQLException {
      return new UnitStatus(
          UnitState.valueOf(rs.getString("state")),
          Rows.longOrNull(rs, "location_id"),
          Rows.longOrNull(rs, "container_id"),
          rs.getInt("holds"),
          null);
    }

    /**
     * The entry's hash recomputed after {@code previous}, in its event's form: v2 covers the unit's
     * product and lot as they are on its row now, v1 its GTIN and serial only.
     */
    private String recompute(ResultSet rs, String previous) throws SQLException {
      Gtin gtin = new Gtin(rs.getString("gtin"));
      String serial = rs.getString("serial");
      int seq = rs.getInt("seq");
      String data = rs.getString("data");
      String entry =
          rs.getString("ev_hash") == null
              ? Forms.entryV1(gtin, serial, seq, after(rs), data)
              : Forms.entryV2(productId, lotId, gtin, serial, seq, after(rs), data);
      return HashChain.link(previous, Forms.event(rs), entry);
    }

    void finishUnit() {
      if (unitId < 0 || broken != null) {
        return;
      }
      if (pending != null) {
        // Every entry from the first failing one to the last fails on its own recorded link, and
        // no event changed: what they share, the unit's identity on its row, was rewritten.
        broken =
            !pendingEvent && tested >= 2 && failed == tested
                ? new Break(
                    "identity-altered",
                    unitName,
                    pending.seq(),
                    pending.entryId(),
                    pending.eventId(),
                    null,
                    "the identity the unit's history was hashed with",
                    identity(tenantId, productId, lotId, unitName),
                    "the unit's product, GTIN, serial or lot on its record differs from the one its"
                        + " history was recorded with: every entry from seq "
                        + pending.seq()
                        + " on fails")
                : pending;
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
              Forms.event(rs),
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

  /** A unit's identity as people know it: SKU, lot code, GTIN and serial. */
  private String identity(long tenantId, long productId, Long lotId, String unitName) {
    String sku = catalog.byId(tenantId, productId).map(p -> p.sku()).orElse("#" + productId);
    String lot =
        lotId == null
            ? "no lot"
            : "lot "
                + Optional.ofNullable(
                        catalog.lotsById(tenantId, List.of(new LotId(lotId))).get(new LotId(lotId)))
                    .map(l -> l.code())
                    .orElse("#" + lotId);
    return "product " + sku + ", " + lot + ", " + unitName;
  }

  private Report run(long tenantId) {
    Walk walk = new Walk(tenantId);
    jdbc.query(
        """
        SELECT e.id AS entry_id, e.unit_id, e.seq, e.state, e.location_id, e.container_id, e.holds, e.data, e.prev_hash, e.hash,
        """
            + Forms.EVENT_COLUMNS
            + """
        ,
               u.gtin, u.serial, u.product_id AS u_product, u.lot_id AS u_lot, u.last_hash AS u_hash, u.version AS u_version, u.state AS u_state, u.location_id AS u_location,
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
    if (walk.broken == null) {
      walk.broken = fieldCopies(tenantId);
    }
    StockWalk stock = new StockWalk();
    if (walk.broken == null) {
      jdbc.query(
          """
          SELECT e.id AS entry_id, e.stock_id, e.seq, e.delta, e.quantity, e.prev_hash, e.hash,
          """
              + Forms.EVENT_COLUMNS
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
    EventWalk events = new EventWalk();
    if (walk.broken == null) {
      jdbc.query(
          "SELECT "
              + Forms.EVENT_COLUMNS
              + " FROM ledger_event ev WHERE ev.tenant_id = ? ORDER BY ev.id",
          events::row,
          tenantId);
      walk.broken = events.broken;
    }
    if (walk.broken == null) {
      walk.broken = identities.check(tenantId).orElse(null);
    }
    long checkpoints = 0;
    long signed = 0;
    for (Checkpoints.Book book : Checkpoints.Book.values()) {
      if (walk.broken == null) {
        var result = checkpoints(tenantId, book, events.legacy > 0);
        checkpoints += result.count();
        signed += result.signed();
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
        stock.entries,
        events.events,
        events.legacy,
        signed,
        signer.ref());
  }

  /**
   * Walks a tenant's events in id order: each of form v2 must hash to its stored hash; none of form
   * v1 (no hash) may follow one of form v2, or a v2 event could be passed off as a legacy one.
   */
  private static final class EventWalk {
    long events;
    long legacy;
    Long firstHashed;
    Break broken;

    void row(ResultSet rs) throws SQLException {
      if (broken != null) {
        return;
      }
      events++;
      long id = rs.getLong("event_id");
      String stored = rs.getString("ev_hash");
      String named = rs.getString("type") + " (key " + rs.getString("request_key") + ")";
      if (stored == null) {
        legacy++;
        if (firstHashed != null) {
          broken =
              new Break(
                  "event-unhashed",
                  null,
                  null,
                  null,
                  id,
                  null,
                  "a hash, as every event after event " + firstHashed,
                  null,
                  "the event "
                      + named
                      + " has no hash although it follows hashed events: its hash was removed or"
                      + " the event was inserted behind the ledger's back");
        }
        return;
      }
      if (firstHashed == null) {
        firstHashed = id;
      }
      String recomputed = Forms.eventHash(Forms.event(rs));
      if (!recomputed.equals(stored)) {
        broken =
            new Break(
                "event-altered",
                null,
                null,
                null,
                id,
                null,
                recomputed,
                stored,
                "the event " + named + " was changed after it was recorded");
      }
    }
  }

  /**
   * The searchable copy of custom field values ({@code unit_field}) must equal the unit's fields,
   * which the unit walk proved equal to the replay of its history: a value edited, added or removed
   * there is named with its unit and field.
   */
  private Break fieldCopies(long tenantId) {
    Break[] broken = {null};
    long[] current = {-1};
    String[] name = {null};
    Map<String, String> fields = new TreeMap<>();
    Map<String, String> copies = new TreeMap<>();
    Runnable compare =
        () -> {
          if (current[0] < 0 || broken[0] != null || fields.equals(copies)) {
            return;
          }
          Set<String> names = new TreeSet<>(fields.keySet());
          names.addAll(copies.keySet());
          for (String field : names) {
            if (!Objects.equals(fields.get(field), copies.get(field))) {
              broken[0] =
                  new Break(
                      "field-copy-differs",
                      name[0],
                      null,
                      null,
                      null,
                      null,
                      field + " = " + fields.get(field),
                      field + " = " + copies.get(field),
                      "the searchable copy of the unit's custom field "
                          + field
                          + " differs from the value its history records");
              return;
            }
          }
        };
    jdbc.query(
        """
        SELECT u.id, u.gtin, u.serial, u.fields, f.name, f.value, f.tenant_id
        FROM unit u LEFT JOIN unit_field f ON f.unit_id = u.id
        WHERE u.tenant_id = ? AND (u.fields IS NOT NULL OR f.unit_id IS NOT NULL)
        ORDER BY u.id, f.name""",
        rs -> {
          long id = rs.getLong(1);
          if (id != current[0]) {
            compare.run();
            current[0] = id;
            name[0] = "(01)" + rs.getString(2) + "(21)" + rs.getString(3);
            fields.clear();
            fields.putAll(rows.fields(rs.getString(4)));
            copies.clear();
          }
          if (rs.getString(5) != null) {
            // A copy filed under another client would not be found by this client's search.
            copies.put(
                rs.getString(5),
                rs.getLong(7) == tenantId
                    ? rs.getString(6)
                    : rs.getString(6) + " (another client)");
          }
        },
        tenantId);
    compare.run();
    // Copies of this client's fields on units that are not its own.
    if (broken[0] == null) {
      db.sql(
              """
              SELECT u.gtin, u.serial, f.name FROM unit_field f JOIN unit u ON u.id = f.unit_id
              WHERE f.tenant_id = ? AND u.tenant_id <> ? LIMIT 1""")
          .params(tenantId, tenantId)
          .query(
              (rs, n) ->
                  new Break(
                      "field-copy-differs",
                      "(01)" + rs.getString(1) + "(21)" + rs.getString(2),
                      null,
                      null,
                      null,
                      null,
                      null,
                      rs.getString(3),
                      "a custom field value of another client's unit is filed under this client"))
          .optional()
          .ifPresent(b -> broken[0] = b);
    }
    return broken[0];
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

  record CheckpointResult(long count, long signed, Break broken) {}

  /**
   * A book's checkpoints along their chain. Each signed one must carry this installation's
   * signature of its text; an unsigned one is accepted only before the first signed one and only in
   * a ledger that has events of form v1 (closed before signing existed).
   */
  private CheckpointResult checkpoints(long tenantId, Checkpoints.Book book, boolean legacy) {
    var list = checkpointList.list(tenantId, book);
    String prev = HashChain.GENESIS;
    long expectedFirst = 1;
    long signed = 0;
    for (Checkpoints.Checkpoint cp : list) {
      String named = "the " + book + " checkpoint " + cp.id();
      if (cp.signature() == null) {
        if (signed > 0 || !legacy) {
          return new CheckpointResult(
              list.size(),
              signed,
              new Break(
                  "checkpoint-unsigned",
                  null,
                  null,
                  null,
                  null,
                  cp.id(),
                  "a signature by key " + signer.ref(),
                  null,
                  named
                      + " has no signature, although every checkpoint closed since signing began is"
                      + " signed: it was forged, or its signature removed"));
        }
      } else {
        signed++;
        if (!signer.verify(cp.signedText(tenantId), cp.signature())) {
          return new CheckpointResult(
              list.size(),
              signed,
              new Break(
                  "checkpoint-signature-invalid",
                  null,
                  null,
                  null,
                  null,
                  cp.id(),
                  "a signature by key " + signer.ref(),
                  cp.signature(),
                  named
                      + " does not carry this installation's signature of its digest: it was forged or"
                      + " edited (or signed with another key)"));
        }
      }
      if (!cp.prevDigest().equals(prev) || cp.firstEntryId() > expectedFirst) {
        return new CheckpointResult(
            list.size(),
            signed,
            new Break(
                "checkpoint-chain-broken",
                null,
                null,
                null,
                null,
                cp.id(),
                prev,
                cp.prevDigest(),
                named + " does not follow the previous one"));
      }
      Checkpoints.Digest d =
          Checkpoints.digest(
              jdbc, book, tenantId, cp.firstEntryId(), cp.lastEntryId(), cp.prevDigest());
      if (!d.hex().equals(cp.digest()) || d.count() != cp.entryCount()) {
        return new CheckpointResult(
            list.size(),
            signed,
            new Break(
                "checkpoint-mismatch",
                null,
                null,
                null,
                null,
                cp.id(),
                cp.digest() + " over " + cp.entryCount(),
                d.hex() + " over " + d.count(),
                "the "
                    + (book == Checkpoints.Book.EVENTS ? "events " : "entries ")
                    + named
                    + " covers were changed, added or removed after it was taken"));
      }
      prev = cp.digest();
      expectedFirst = cp.lastEntryId() + 1;
    }
    return new CheckpointResult(list.size(), signed, null);
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
