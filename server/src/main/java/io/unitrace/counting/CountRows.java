package io.unitrace.counting;

import io.unitrace.counting.domain.Accuracy;
import io.unitrace.counting.domain.Correction;
import io.unitrace.counting.domain.Discrepancy;
import io.unitrace.counting.domain.DiscrepancyKind;
import io.unitrace.counting.domain.RecountThreshold;
import io.unitrace.facility.Location;
import io.unitrace.ledger.UnitRef;
import io.unitrace.shared.InList;
import io.unitrace.shared.MultiRowInsert;
import io.unitrace.shared.Rows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The SQL of cycle counts: the count, its locations, what was counted, what it found. */
@Repository
class CountRows {

  record Count(
      long id,
      long tenantId,
      String number,
      String warehouse,
      boolean subtree,
      String assignee,
      String status,
      String createdBy,
      long createdAt,
      String decidedBy,
      Long decidedAt,
      String decisionReason,
      String planCode,
      String abcClass) {}

  /** A product a count by SKU or lot counts ({@code lotId}, {@code lot} null: every lot). */
  record CountedProduct(long productId, Long lotId, String lot) {}

  record Task(
      long id,
      int seq,
      long locationId,
      String locationCode,
      String status,
      int scans,
      Integer expectedUnits,
      Long expectedQuantity,
      String doneBy,
      Long doneAt,
      String firstDoneBy,
      String recountBy) {}

  /** A unit counted in a location; {@code countedAt} epoch ms (null: not read). */
  record CountedSerial(String gtin, String serial, Long countedAt) {}

  record CountedGoods(long productId, String gtin, String lot, String expiry, long quantity) {}

  record Found(
      long id,
      long taskId,
      DiscrepancyKind kind,
      Correction correction,
      String gtin,
      String serial,
      Long productId,
      String lot,
      String expiry,
      String recordedLot,
      long expected,
      long counted,
      Long recordedLocationId,
      String recordedState,
      String outcome,
      String note,
      String eventIds) {}

  private static final String COUNT =
      """
      SELECT id, tenant_id, number, warehouse, subtree, assignee, status, created_by, created_at,
             decided_by, decided_at, decision_reason, plan_code, abc_class
      FROM cycle_count""";

  private static final String TASK =
      """
      SELECT id, seq, location_id, location_code, status, scans, expected_units, expected_quantity,
             done_by, done_at, first_done_by, recount_by
      FROM count_task""";

  private static final String FOUND =
      """
      SELECT id, task_id, kind, correction, gtin, serial, product_id, lot, expiry, recorded_lot,
             expected, counted, recorded_location_id, recorded_state, outcome, note, event_ids
      FROM count_discrepancy""";

  private final JdbcClient db;

  CountRows(JdbcClient db) {
    this.db = db;
  }

  Optional<Long> openedUnder(long tenantId, String requestKey) {
    return db.sql("SELECT MIN(id) FROM cycle_count WHERE tenant_id = ? AND request_key = ?")
        .params(tenantId, requestKey)
        .query((rs, n) -> Rows.longOrNull(rs, 1))
        .optional()
        .filter(id -> id != null);
  }

  long insert(
      long tenantId,
      String warehouse,
      boolean subtree,
      String assignee,
      String requestKey,
      String by,
      long now) {
    long id =
        db.sql(
                """
                INSERT INTO cycle_count (tenant_id, number, warehouse, subtree, assignee, status,
                                         request_key, created_by, created_at)
                VALUES (?, ?, ?, ?, ?, 'OPEN', ?, ?, ?) RETURNING id""")
            .params(
                tenantId,
                "NEW-" + java.util.UUID.randomUUID(),
                warehouse,
                subtree ? 1 : 0,
                assignee,
                requestKey,
                by,
                now)
            .query(Long.class)
            .single();
    db.sql("UPDATE cycle_count SET number = ? WHERE id = ?")
        .params(String.format("CNT-%06d", id), id)
        .update();
    return id;
  }

  /** Marks a count as opened by a plan and for an ABC class (either may be null). */
  void markOrigin(long countId, String planCode, String abcClass) {
    db.sql("UPDATE cycle_count SET plan_code = ?, abc_class = ? WHERE id = ?")
        .params(planCode, abcClass, countId)
        .update();
  }

  void insertProducts(long tenantId, long countId, List<CountedProduct> products) {
    List<Object[]> rows = new ArrayList<>(products.size());
    for (CountedProduct p : products) {
      rows.add(new Object[] {tenantId, countId, p.productId(), p.lotId(), p.lot()});
    }
    MultiRowInsert.insert(
        db,
        "count_product",
        List.of("tenant_id", "count_id", "product_id", "lot_id", "lot"),
        rows,
        "");
  }

  /** Of these products, those the count counts (by SKU or lot). */
  List<CountedProduct> products(long countId, Collection<Long> productIds) {
    List<CountedProduct> out = new ArrayList<>();
    for (List<Long> chunk : InList.chunks(List.copyOf(new LinkedHashSet<>(productIds)), 500)) {
      out.addAll(
          db.sql(
                  "SELECT product_id, lot_id, lot FROM count_product WHERE count_id = ? AND product_id IN ("
                      + InList.marks(chunk.size())
                      + ")")
              .params(InList.concat(countId, chunk))
              .query(
                  (rs, n) ->
                      new CountedProduct(rs.getLong(1), Rows.longOrNull(rs, 2), rs.getString(3)))
              .list());
    }
    return out;
  }

  /** Whether the count is by SKU or lot (it counts only some products). */
  boolean byProduct(long countId) {
    return db.sql("SELECT COUNT(*) FROM count_product WHERE count_id = ?")
            .param(countId)
            .query(Long.class)
            .single()
        > 0;
  }

  /** What a count by SKU or lot counts; empty for a count of locations. */
  List<CountedProduct> products(long countId) {
    return db.sql(
            "SELECT product_id, lot_id, lot FROM count_product WHERE count_id = ? ORDER BY product_id")
        .param(countId)
        .query(
            (rs, n) -> new CountedProduct(rs.getLong(1), Rows.longOrNull(rs, 2), rs.getString(3)))
        .list();
  }

  void insertTasks(long tenantId, long countId, List<Location> walk) {
    List<Object[]> rows = new ArrayList<>(walk.size());
    for (int i = 0; i < walk.size(); i++) {
      Location l = walk.get(i);
      rows.add(new Object[] {tenantId, countId, i + 1, l.id(), l.code(), "OPEN"});
    }
    MultiRowInsert.insert(
        db,
        "count_task",
        List.of("tenant_id", "count_id", "seq", "location_id", "location_code", "status"),
        rows,
        "");
  }

  Optional<Count> find(long tenantId, long id) {
    return db.sql(COUNT + " WHERE tenant_id = ? AND id = ?")
        .params(tenantId, id)
        .query((rs, n) -> count(rs))
        .optional();
  }

  List<Count> list(long tenantId, long afterId, int limit) {
    return db.sql(COUNT + " WHERE tenant_id = ? AND id > ? ORDER BY id LIMIT ?")
        .params(tenantId, afterId, limit)
        .query((rs, n) -> count(rs))
        .list();
  }

  /**
   * Open counts with their progress, oldest first: with {@code assignee}, only those assigned to
   * that user or to nobody, the user's first; without, all.
   */
  List<Counts.OpenCount> open(long tenantId, String assignee, int limit) {
    String user = assignee == null ? "" : assignee;
    return db.sql(
            """
            SELECT c.id, c.number, c.warehouse, c.assignee,
                   SUM(CASE WHEN t.status = 'DONE' THEN 1 ELSE 0 END), COUNT(t.id)
            FROM cycle_count c LEFT JOIN count_task t ON t.count_id = c.id
            WHERE c.tenant_id = ? AND c.status = 'OPEN'"""
                + (assignee == null ? "" : " AND (c.assignee IS NULL OR c.assignee = ?)")
                + """

            GROUP BY c.id, c.number, c.warehouse, c.assignee
            ORDER BY CASE WHEN c.assignee = ? THEN 0 ELSE 1 END, c.id LIMIT ?""")
        .params(
            assignee == null
                ? new Object[] {tenantId, user, limit}
                : new Object[] {tenantId, assignee, user, limit})
        .query(
            (rs, n) ->
                new Counts.OpenCount(
                    rs.getLong(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getInt(5),
                    rs.getInt(6)))
        .list();
  }

  List<Task> tasks(long countId) {
    return db.sql(TASK + " WHERE count_id = ? ORDER BY seq")
        .param(countId)
        .query((rs, n) -> task(rs))
        .list();
  }

  Optional<Task> task(long countId, String locationCode) {
    return db.sql(TASK + " WHERE count_id = ? AND location_code = ?")
        .params(countId, locationCode)
        .query((rs, n) -> task(rs))
        .optional();
  }

  /**
   * A scan's claim on its location: it counts only while the location is open. The update locks the
   * task's row, so closing the location waits for a scan in flight and then sees it.
   */
  boolean claimScan(long taskId) {
    return db.sql("UPDATE count_task SET scans = scans + 1 WHERE id = ? AND status = 'OPEN'")
            .param(taskId)
            .update()
        == 1;
  }

  /** Closes a location once: false when it was closed already. */
  boolean markDone(long taskId, String by, long now) {
    return db.sql(
                "UPDATE count_task SET status = 'DONE', done_by = ?, done_at = ? WHERE id = ? AND status = 'OPEN'")
            .params(by, now, taskId)
            .update()
        == 1;
  }

  void setExpected(long taskId, int units, long quantity) {
    db.sql("UPDATE count_task SET expected_units = ?, expected_quantity = ? WHERE id = ?")
        .params(units, quantity, taskId)
        .update();
  }

  /**
   * Records units counted in a location; a unit counted there already is not counted again. Answers
   * the units counted now.
   */
  List<CountedSerial> insertSerials(
      long tenantId,
      long countId,
      long taskId,
      List<UnitRef> units,
      String sscc,
      String by,
      long now) {
    List<Object[]> rows = new ArrayList<>(units.size());
    for (UnitRef u : units) {
      rows.add(
          new Object[] {
            tenantId, countId, taskId, u.gtin().value(), u.serial().value(), sscc, by, now
          });
    }
    return MultiRowInsert.insertReturning(
        db,
        "count_serial",
        List.of(
            "tenant_id",
            "count_id",
            "task_id",
            "gtin",
            "serial",
            "sscc",
            "counted_by",
            "counted_at"),
        rows,
        "ON CONFLICT (task_id, gtin, serial) DO NOTHING RETURNING gtin, serial",
        (rs, n) -> new CountedSerial(rs.getString(1), rs.getString(2), null));
  }

  /** Records counted goods; false when a scan with the same key was recorded already. */
  boolean insertGoods(
      long tenantId,
      long countId,
      long taskId,
      CountedGoods g,
      String scanKey,
      String by,
      long now) {
    return db.sql(
                """
                INSERT INTO count_goods (tenant_id, count_id, task_id, product_id, gtin, lot, expiry,
                                         quantity, scan_key, counted_by, counted_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (task_id, scan_key) DO NOTHING""")
            .params(
                tenantId,
                countId,
                taskId,
                g.productId(),
                g.gtin(),
                g.lot(),
                g.expiry(),
                g.quantity(),
                scanKey,
                by,
                now)
            .update()
        == 1;
  }

  List<CountedSerial> serials(long taskId) {
    return db.sql("SELECT gtin, serial, counted_at FROM count_serial WHERE task_id = ? ORDER BY id")
        .param(taskId)
        .query((rs, n) -> new CountedSerial(rs.getString(1), rs.getString(2), rs.getLong(3)))
        .list();
  }

  List<CountedGoods> goods(long taskId) {
    return db.sql(
            "SELECT product_id, gtin, lot, expiry, quantity FROM count_goods WHERE task_id = ? ORDER BY id")
        .param(taskId)
        .query(
            (rs, n) ->
                new CountedGoods(
                    rs.getLong(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getLong(5)))
        .list();
  }

  /** Units and quantities counted per location of a count: {units, quantity} by task id. */
  Map<Long, long[]> countedPerTask(long countId) {
    Map<Long, long[]> out = new HashMap<>();
    db.sql("SELECT task_id, COUNT(*) FROM count_serial WHERE count_id = ? GROUP BY task_id")
        .param(countId)
        .query((rs, n) -> out.computeIfAbsent(rs.getLong(1), k -> new long[2])[0] = rs.getLong(2))
        .list();
    db.sql("SELECT task_id, SUM(quantity) FROM count_goods WHERE count_id = ? GROUP BY task_id")
        .param(countId)
        .query((rs, n) -> out.computeIfAbsent(rs.getLong(1), k -> new long[2])[1] = rs.getLong(2))
        .list();
    return out;
  }

  void insertDiscrepancies(
      long tenantId,
      long countId,
      long taskId,
      List<Discrepancy> found,
      Map<String, String> expiry) {
    List<Object[]> rows = new ArrayList<>(found.size());
    for (Discrepancy d : found) {
      rows.add(
          new Object[] {
            tenantId,
            countId,
            taskId,
            d.kind().name(),
            d.correction().name(),
            d.gtin(),
            d.serial(),
            d.productId(),
            d.lot(),
            d.productId() == null ? null : expiry.get(d.productId() + "/" + d.lot()),
            d.recordedLot(),
            d.expected(),
            d.counted(),
            d.recordedLocationId(),
            d.recordedState()
          });
    }
    MultiRowInsert.insert(
        db,
        "count_discrepancy",
        List.of(
            "tenant_id",
            "count_id",
            "task_id",
            "kind",
            "correction",
            "gtin",
            "serial",
            "product_id",
            "lot",
            "expiry",
            "recorded_lot",
            "expected",
            "counted",
            "recorded_location_id",
            "recorded_state"),
        rows,
        "");
  }

  List<Found> discrepancies(long countId) {
    return db.sql(FOUND + " WHERE count_id = ? ORDER BY id")
        .param(countId)
        .query(
            (rs, n) ->
                new Found(
                    rs.getLong(1),
                    rs.getLong(2),
                    DiscrepancyKind.valueOf(rs.getString(3)),
                    Correction.valueOf(rs.getString(4)),
                    rs.getString(5),
                    rs.getString(6),
                    Rows.longOrNull(rs, 7),
                    rs.getString(8),
                    rs.getString(9),
                    rs.getString(10),
                    rs.getLong(11),
                    rs.getLong(12),
                    Rows.longOrNull(rs, 13),
                    rs.getString(14),
                    rs.getString(15),
                    rs.getString(16),
                    rs.getString(17)))
        .list();
  }

  void settle(long discrepancyId, String outcome, String note, String eventIds) {
    db.sql("UPDATE count_discrepancy SET outcome = ?, note = ?, event_ids = ? WHERE id = ?")
        .params(outcome, note, eventIds, discrepancyId)
        .update();
  }

  /**
   * Decides an open count once: approval only when every location is closed and needs no recount.
   * False when it was decided already (or, approving, a location is still open or to recount).
   */
  boolean decide(
      long tenantId, long id, String status, String by, String reason, long now, boolean approve) {
    return db.sql(
                "UPDATE cycle_count SET status = ?, decided_by = ?, decided_at = ?, decision_reason = ?"
                    + " WHERE tenant_id = ? AND id = ? AND status = 'OPEN'"
                    + (approve
                        ? " AND NOT EXISTS (SELECT 1 FROM count_task t WHERE t.count_id = cycle_count.id AND t.status <> 'DONE')"
                        : ""))
            .params(status, by, now, reason, tenantId, id)
            .update()
        == 1;
  }

  /** The client's recount threshold; empty: the default. */
  Optional<RecountThreshold> threshold(long tenantId) {
    return db.sql(
            "SELECT recount_on_unit_variance, recount_above_units, recount_above_percent"
                + " FROM count_settings WHERE tenant_id = ?")
        .param(tenantId)
        .query(
            (rs, n) ->
                new RecountThreshold(
                    rs.getInt(1) == 1, Rows.longOrNull(rs, 2), Rows.intOrNull(rs, 3)))
        .optional();
  }

  void saveThreshold(long tenantId, RecountThreshold t, String by, long now) {
    db.sql(
            """
            INSERT INTO count_settings (tenant_id, recount_on_unit_variance, recount_above_units,
                                        recount_above_percent, updated_by, updated_at)
            VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (tenant_id) DO UPDATE SET
              recount_on_unit_variance = excluded.recount_on_unit_variance,
              recount_above_units = excluded.recount_above_units,
              recount_above_percent = excluded.recount_above_percent,
              updated_by = excluded.updated_by, updated_at = excluded.updated_at""")
        .params(tenantId, t.onUnitVariance() ? 1 : 0, t.aboveUnits(), t.abovePercent(), by, now)
        .update();
  }

  /** A location just closed by its first count that needs a recount: DONE becomes RECOUNT. */
  void markRecount(long taskId) {
    db.sql("UPDATE count_task SET status = 'RECOUNT' WHERE id = ? AND status = 'DONE'")
        .param(taskId)
        .update();
  }

  /**
   * Starts the recount of a location once: it is open again for {@code by}, the first count's
   * closing kept as first_done_by/at. False when it is not (or no longer) waiting for a recount.
   */
  boolean startRecount(long taskId, String by) {
    return db.sql(
                """
                UPDATE count_task SET status = 'OPEN', first_done_by = done_by,
                       first_done_at = done_at, done_by = NULL, done_at = NULL, recount_by = ?,
                       scans = 0, expected_units = NULL, expected_quantity = NULL
                WHERE id = ? AND status = 'RECOUNT'""")
            .params(by, taskId)
            .update()
        == 1;
  }

  /**
   * Moves a location's first-count scans to count_first_scan (kept for audit) and drops the
   * discrepancies they gave: the recount's result replaces them.
   */
  void archiveFirstCount(long taskId) {
    db.sql(
            """
            INSERT INTO count_first_scan (tenant_id, count_id, task_id, gtin, serial, sscc,
                                          counted_by, counted_at)
            SELECT tenant_id, count_id, task_id, gtin, serial, sscc, counted_by, counted_at
            FROM count_serial WHERE task_id = ? ORDER BY id""")
        .param(taskId)
        .update();
    db.sql(
            """
            INSERT INTO count_first_scan (tenant_id, count_id, task_id, gtin, product_id, lot,
                                          expiry, quantity, scan_key, counted_by, counted_at)
            SELECT tenant_id, count_id, task_id, gtin, product_id, lot, expiry, quantity, scan_key,
                   counted_by, counted_at
            FROM count_goods WHERE task_id = ? ORDER BY id""")
        .param(taskId)
        .update();
    for (String table : List.of("count_serial", "count_goods", "count_discrepancy")) {
      db.sql("DELETE FROM " + table + " WHERE task_id = ?").param(taskId).update();
    }
  }

  /** Who scanned in a location: in its current count, or (first) in its first count. */
  List<String> counters(long taskId, boolean first) {
    String sql =
        first
            ? "SELECT DISTINCT counted_by FROM count_first_scan WHERE task_id = ?"
            : "SELECT counted_by FROM count_serial WHERE task_id = ?"
                + " UNION SELECT counted_by FROM count_goods WHERE task_id = ?";
    return first
        ? db.sql(sql).param(taskId).query(String.class).list()
        : db.sql(sql).params(taskId, taskId).query(String.class).list();
  }

  /** How many first-count scans each recounted location of a count keeps for audit, by task. */
  Map<Long, Long> firstScansPerTask(long countId) {
    Map<Long, Long> out = new HashMap<>();
    db.sql("SELECT task_id, COUNT(*) FROM count_first_scan WHERE count_id = ? GROUP BY task_id")
        .param(countId)
        .query((rs, n) -> out.put(rs.getLong(1), rs.getLong(2)))
        .list();
    return out;
  }

  /**
   * The locations of a client's approved counts counted in [fromMs, toMs) (in one warehouse if
   * named), each with its discrepancies, the serials the books held there and how many were
   * MISSING.
   */
  List<Accuracy.CountedLocation> countedLocations(
      long tenantId, long fromMs, long toMs, String warehouse) {
    String sql =
        """
        SELECT c.warehouse, t.done_at, t.expected_units,
               (SELECT COUNT(*) FROM count_discrepancy d WHERE d.task_id = t.id),
               (SELECT COUNT(*) FROM count_discrepancy d WHERE d.task_id = t.id
                  AND d.kind = 'MISSING'),
               c.abc_class, c.decided_at
        FROM count_task t JOIN cycle_count c ON c.id = t.count_id
        WHERE c.tenant_id = ? AND c.status = 'APPROVED' AND t.status = 'DONE'
          AND t.done_at >= ? AND t.done_at < ?"""
            + (warehouse == null ? "" : " AND c.warehouse = ?");
    List<Object> params = new ArrayList<>(List.of(tenantId, fromMs, toMs));
    if (warehouse != null) {
      params.add(warehouse);
    }
    return db.sql(sql)
        .params(params)
        .query(
            (rs, n) ->
                new Accuracy.CountedLocation(
                    rs.getString(1),
                    Instant.ofEpochMilli(rs.getLong(2)).atZone(ZoneOffset.UTC).toLocalDate(),
                    rs.getLong(4),
                    rs.getLong(3),
                    rs.getLong(5),
                    rs.getString(6),
                    Instant.ofEpochMilli(rs.getLong(7)).atZone(ZoneOffset.UTC).toLocalDate()))
        .list();
  }

  private static Count count(ResultSet rs) throws SQLException {
    return new Count(
        rs.getLong(1),
        rs.getLong(2),
        rs.getString(3),
        rs.getString(4),
        rs.getInt(5) == 1,
        rs.getString(6),
        rs.getString(7),
        rs.getString(8),
        rs.getLong(9),
        rs.getString(10),
        Rows.longOrNull(rs, 11),
        rs.getString(12),
        rs.getString(13),
        rs.getString(14));
  }

  private static Task task(ResultSet rs) throws SQLException {
    return new Task(
        rs.getLong(1),
        rs.getInt(2),
        rs.getLong(3),
        rs.getString(4),
        rs.getString(5),
        rs.getInt(6),
        Rows.intOrNull(rs, 7),
        Rows.longOrNull(rs, 8),
        rs.getString(9),
        Rows.longOrNull(rs, 10),
        rs.getString(11),
        rs.getString(12));
  }
}
