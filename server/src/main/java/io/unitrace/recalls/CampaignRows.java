package io.unitrace.recalls;

import io.unitrace.shared.Columns;
import io.unitrace.shared.Database;
import io.unitrace.shared.InList;
import io.unitrace.shared.MultiRowInsert;
import io.unitrace.shared.Rows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The SQL of recall campaigns: the campaign, the units and buckets it reached, its customers. */
@Repository
class CampaignRows {

  /** A campaign row. {@code target} is the resolved target as JSON. */
  record Campaign(
      long id,
      long tenantId,
      String number,
      String title,
      String reason,
      TargetMode mode,
      Long productId,
      String target,
      String status,
      String createdBy,
      long createdAt,
      String openedBy,
      Long openedAt,
      String closedBy,
      Long closedAt,
      String closeReason,
      String figures) {}

  /** A unit the campaign reached at opening, and whether it placed the unit's hold. */
  record Reached(long unitId, String stateAtOpen, boolean placedHold) {}

  /** A bucket the campaign reached. */
  record Bucket(
      long id, long productId, Long lotId, long locationId, long quantity, boolean placedHold) {}

  /** A customer to notify. */
  record Customer(
      long id,
      String channel,
      String customer,
      String soldTo,
      String orders,
      int units,
      String lastShipped,
      Long outboxSeq,
      Long contactedAt,
      String contactedBy) {}

  /** What the campaign's unit rows say, by state at opening. */
  record Tally(String stateAtOpen, long units, long placed, long recovered) {}

  private static final String CAMPAIGN =
      """
      SELECT id, tenant_id, number, title, reason, mode, product_id, target, status, created_by,
             created_at, opened_by, opened_at, closed_by, closed_at, close_reason, figures
      FROM recall_campaign""";

  private static final String CUSTOMER =
      """
      SELECT id, channel, customer, sold_to, orders, units, last_shipped, outbox_seq, contacted_at,
             contacted_by
      FROM recall_customer""";

  private final JdbcClient db;
  private final Database database;

  CampaignRows(JdbcClient db, Database database) {
    this.db = db;
    this.database = database;
  }

  /** The campaign drafted under this request key (the hex SHA-256 of an Idempotency-Key). */
  Optional<Long> draftedUnder(long tenantId, String requestKey) {
    return db.sql("SELECT MIN(id) FROM recall_campaign WHERE tenant_id = ? AND request_key = ?")
        .params(tenantId, requestKey)
        .query((rs, n) -> Rows.longOrNull(rs, 1))
        .optional()
        .filter(id -> id != null);
  }

  long insert(
      long tenantId,
      String title,
      String reason,
      TargetMode mode,
      Long productId,
      String target,
      String requestKey,
      String by,
      long now) {
    long id =
        db.sql(
                """
                INSERT INTO recall_campaign (tenant_id, number, title, reason, mode, product_id, target,
                                             request_key, status, created_by, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'DRAFT', ?, ?) RETURNING id""")
            .params(
                tenantId,
                "NEW-" + java.util.UUID.randomUUID(),
                title,
                reason,
                mode.name(),
                productId,
                target,
                requestKey,
                by,
                now)
            .query(Long.class)
            .single();
    db.sql("UPDATE recall_campaign SET number = ? WHERE id = ?")
        .params(String.format("RCL-%06d", id), id)
        .update();
    return id;
  }

  void insertTargetUnits(long campaignId, List<Long> unitIds) {
    List<Object[]> rows = new ArrayList<>(unitIds.size());
    unitIds.forEach(u -> rows.add(new Object[] {campaignId, u}));
    MultiRowInsert.insert(
        db,
        "recall_target_unit",
        List.of("campaign_id", "unit_id"),
        rows,
        "ON CONFLICT DO NOTHING");
  }

  List<Long> targetUnits(long campaignId, long afterId, int limit) {
    return db.sql(
            "SELECT unit_id FROM recall_target_unit WHERE campaign_id = ? AND unit_id > ? ORDER BY unit_id LIMIT ?")
        .params(campaignId, afterId, limit)
        .query(Long.class)
        .list();
  }

  Optional<Campaign> find(long tenantId, long id) {
    return db.sql(CAMPAIGN + " WHERE tenant_id = ? AND id = ?")
        .params(tenantId, id)
        .query((rs, n) -> campaign(rs))
        .optional();
  }

  List<Campaign> list(long tenantId, String status, long afterId, int limit) {
    List<Object> params = new ArrayList<>(List.of(tenantId));
    if (status != null) {
      params.add(status);
    }
    params.add(afterId);
    params.add(limit);
    return db.sql(
            CAMPAIGN
                + " WHERE tenant_id = ?"
                + (status == null ? "" : " AND status = ?")
                + " AND id > ? ORDER BY id LIMIT ?")
        .params(params)
        .query((rs, n) -> campaign(rs))
        .list();
  }

  boolean markOpen(long tenantId, long id, String by, long now) {
    return db.sql(
                "UPDATE recall_campaign SET status = 'OPEN', opened_by = ?, opened_at = ? WHERE tenant_id = ? AND id = ? AND status = 'DRAFT'")
            .params(by, now, tenantId, id)
            .update()
        == 1;
  }

  boolean markClosed(long tenantId, long id, String by, String reason, String figures, long now) {
    return db.sql(
                "UPDATE recall_campaign SET status = 'CLOSED', closed_by = ?, closed_at = ?, close_reason = ?, figures = ? WHERE tenant_id = ? AND id = ? AND status = 'OPEN'")
            .params(by, now, reason, figures, tenantId, id)
            .update()
        == 1;
  }

  /** Which of these units the campaign already reached (an opening resumed after a failure). */
  List<Long> reachedAmong(long campaignId, List<Long> unitIds) {
    List<Long> found = new ArrayList<>();
    for (List<Long> chunk : InList.chunks(unitIds, 500)) {
      found.addAll(
          db.sql(
                  "SELECT unit_id FROM recall_unit WHERE campaign_id = ? AND unit_id IN ("
                      + InList.marks(chunk.size())
                      + ")")
              .params(InList.concat(campaignId, chunk))
              .query(Long.class)
              .list());
    }
    return found;
  }

  void insertReached(long tenantId, long campaignId, List<Reached> reached) {
    if (database == Database.POSTGRESQL) {
      db.sql(
              """
              INSERT INTO recall_unit (tenant_id, campaign_id, unit_id, state_at_open, placed_hold)
              SELECT ?, ?, v.* FROM unnest(?::bigint[], ?::text[], ?::smallint[]) AS v
              ON CONFLICT DO NOTHING""")
          .params(
              tenantId,
              campaignId,
              Columns.longs(reached, Reached::unitId),
              Columns.texts(reached, Reached::stateAtOpen),
              Columns.ints(reached, r -> r.placedHold() ? 1 : 0))
          .update();
      return;
    }
    List<Object[]> rows = new ArrayList<>(reached.size());
    reached.forEach(
        r ->
            rows.add(
                new Object[] {
                  tenantId, campaignId, r.unitId(), r.stateAtOpen(), r.placedHold() ? 1 : 0
                }));
    MultiRowInsert.insert(
        db,
        "recall_unit",
        List.of("tenant_id", "campaign_id", "unit_id", "state_at_open", "placed_hold"),
        rows,
        "ON CONFLICT DO NOTHING");
  }

  /** A page of the units whose hold this campaign placed and still answers for. */
  List<Long> placedUnits(long campaignId, long afterId, int limit) {
    return db.sql(
            "SELECT unit_id FROM recall_unit WHERE campaign_id = ? AND placed_hold = 1 AND unit_id > ? ORDER BY unit_id LIMIT ?")
        .params(campaignId, afterId, limit)
        .query(Long.class)
        .list();
  }

  /**
   * For each of these units that another OPEN campaign of the client also reached: that campaign
   * (the oldest), which takes over the hold.
   */
  Map<Long, Long> otherOpenCampaigns(long tenantId, long campaignId, List<Long> unitIds) {
    Map<Long, Long> found = new HashMap<>();
    for (List<Long> chunk : InList.chunks(unitIds, 500)) {
      List<Object> params = new ArrayList<>(List.of(tenantId, campaignId));
      params.addAll(chunk);
      db.sql(
              """
              SELECT r.unit_id, MIN(r.campaign_id) FROM recall_unit r
              JOIN recall_campaign c ON c.id = r.campaign_id
              WHERE r.tenant_id = ? AND c.status = 'OPEN' AND r.campaign_id <> ?
                AND r.state_at_open <> 'SHIPPED' AND r.unit_id IN ("""
                  + InList.marks(chunk.size())
                  + ") GROUP BY r.unit_id")
          .params(params)
          .query((rs, n) -> found.put(rs.getLong(1), rs.getLong(2)))
          .list();
    }
    return found;
  }

  void setPlaced(long campaignId, List<Long> unitIds, boolean placed) {
    for (List<Long> chunk : InList.chunks(unitIds, 500)) {
      db.sql(
              "UPDATE recall_unit SET placed_hold = ? WHERE campaign_id = ? AND unit_id IN ("
                  + InList.marks(chunk.size())
                  + ")")
          .params(InList.concat(placed ? 1 : 0, InList.concat(campaignId, chunk)))
          .update();
    }
  }

  List<Tally> tally(long campaignId) {
    return db.sql(
            """
            SELECT state_at_open, COUNT(*), SUM(placed_hold),
                   SUM(CASE WHEN recovered_at IS NULL THEN 0 ELSE 1 END)
            FROM recall_unit WHERE campaign_id = ? GROUP BY state_at_open""")
        .params(campaignId)
        .query((rs, n) -> new Tally(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)))
        .list();
  }

  /** A page of the units the campaign reached, by unit id. */
  List<Long> reachedUnits(long campaignId, String stateAtOpen, long afterId, int limit) {
    return db.sql(
            "SELECT unit_id FROM recall_unit WHERE campaign_id = ? AND state_at_open = ? AND unit_id > ? ORDER BY unit_id LIMIT ?")
        .params(campaignId, stateAtOpen, afterId, limit)
        .query(Long.class)
        .list();
  }

  /** A page of every unit the campaign reached, by unit id. */
  List<Long> allReached(long campaignId, long afterId, int limit) {
    return db.sql(
            "SELECT unit_id FROM recall_unit WHERE campaign_id = ? AND unit_id > ? ORDER BY unit_id LIMIT ?")
        .params(campaignId, afterId, limit)
        .query(Long.class)
        .list();
  }

  List<Long> recoveredUnits(long campaignId) {
    return db.sql(
            "SELECT unit_id FROM recall_unit WHERE campaign_id = ? AND recovered_at IS NOT NULL")
        .params(campaignId)
        .query(Long.class)
        .list();
  }

  /** Marks a unit back from a customer in every open campaign that reached it at a customer. */
  int recovered(long tenantId, long unitId, long returnId, long now) {
    return db.sql(
            """
            UPDATE recall_unit SET recovered_at = ?, return_id = ?
            WHERE tenant_id = ? AND unit_id = ? AND recovered_at IS NULL AND state_at_open = 'SHIPPED'
              AND campaign_id IN (SELECT id FROM recall_campaign WHERE tenant_id = ? AND status = 'OPEN')""")
        .params(now, returnId, tenantId, unitId, tenantId)
        .update();
  }

  void insertBucket(
      long tenantId,
      long campaignId,
      long productId,
      Long lotId,
      long locationId,
      long quantity,
      boolean placed) {
    db.sql(
            """
            INSERT INTO recall_bucket (tenant_id, campaign_id, product_id, lot_id, location_id, quantity, placed_hold)
            VALUES (?, ?, ?, ?, ?, ?, ?)""")
        .params(tenantId, campaignId, productId, lotId, locationId, quantity, placed ? 1 : 0)
        .update();
  }

  List<Bucket> buckets(long campaignId) {
    return db.sql(
            "SELECT id, product_id, lot_id, location_id, quantity, placed_hold FROM recall_bucket WHERE campaign_id = ? ORDER BY id")
        .params(campaignId)
        .query(
            (rs, n) ->
                new Bucket(
                    rs.getLong(1),
                    rs.getLong(2),
                    Rows.longOrNull(rs, 3),
                    rs.getLong(4),
                    rs.getLong(5),
                    rs.getInt(6) == 1))
        .list();
  }

  /** Another OPEN campaign's bucket row for the same goods and place, which takes over the hold. */
  Optional<Long> otherOpenBucket(long tenantId, long campaignId, Bucket b) {
    return db.sql(
            """
            SELECT MIN(r.id) FROM recall_bucket r JOIN recall_campaign c ON c.id = r.campaign_id
            WHERE r.tenant_id = ? AND c.status = 'OPEN' AND r.campaign_id <> ? AND r.product_id = ?
              AND COALESCE(r.lot_id, 0) = ? AND r.location_id = ?""")
        .params(
            tenantId, campaignId, b.productId(), b.lotId() == null ? 0 : b.lotId(), b.locationId())
        .query((rs, n) -> Rows.longOrNull(rs, 1))
        .optional()
        .filter(id -> id != null);
  }

  void setBucketPlaced(long bucketId, boolean placed, long quantity) {
    db.sql("UPDATE recall_bucket SET placed_hold = ?, quantity = ? WHERE id = ?")
        .params(placed ? 1 : 0, quantity, bucketId)
        .update();
  }

  /** Inserts a customer unless the campaign has them already; the new row's id, or empty. */
  /** A customer to list, before it has a row. */
  record NewCustomer(
      String channel,
      String customer,
      String soldTo,
      String orders,
      int units,
      String lastShipped) {}

  /** The customers a campaign lists already, as (channel, customer). */
  Set<List<String>> customerKeys(long campaignId) {
    return new HashSet<>(
        db.sql("SELECT channel, customer FROM recall_customer WHERE campaign_id = ?")
            .param(campaignId)
            .query((rs, n) -> List.of(rs.getString(1), rs.getString(2)))
            .list());
  }

  /** The customers' rows, each with the sequence number of its notice, in one multi-row insert. */
  void insertCustomers(
      long tenantId, long campaignId, List<NewCustomer> customers, List<Long> outboxSeqs) {
    List<Object[]> values = new ArrayList<>(customers.size());
    for (int i = 0; i < customers.size(); i++) {
      NewCustomer c = customers.get(i);
      values.add(
          new Object[] {
            tenantId,
            campaignId,
            c.channel(),
            c.customer(),
            c.soldTo(),
            c.orders(),
            c.units(),
            c.lastShipped(),
            outboxSeqs.get(i)
          });
    }
    MultiRowInsert.insert(
        db,
        "recall_customer",
        List.of(
            "tenant_id",
            "campaign_id",
            "channel",
            "customer",
            "sold_to",
            "orders",
            "units",
            "last_shipped",
            "outbox_seq"),
        values,
        null);
  }

  List<Customer> customers(long campaignId, long afterId, int limit) {
    return db.sql(CUSTOMER + " WHERE campaign_id = ? AND id > ? ORDER BY id LIMIT ?")
        .params(campaignId, afterId, limit)
        .query((rs, n) -> customer(rs))
        .list();
  }

  boolean contacted(long campaignId, long customerId, String by, long now) {
    return db.sql(
                "UPDATE recall_customer SET contacted_at = ?, contacted_by = ? WHERE campaign_id = ? AND id = ? AND contacted_at IS NULL")
            .params(now, by, campaignId, customerId)
            .update()
        == 1;
  }

  Optional<Customer> customer(long campaignId, long customerId) {
    return db.sql(CUSTOMER + " WHERE campaign_id = ? AND id = ?")
        .params(campaignId, customerId)
        .query((rs, n) -> customer(rs))
        .optional();
  }

  long[] customerCounts(long campaignId) {
    return db.sql(
            "SELECT COUNT(*), SUM(CASE WHEN contacted_at IS NULL THEN 0 ELSE 1 END) FROM recall_customer WHERE campaign_id = ?")
        .params(campaignId)
        .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)})
        .single();
  }

  private static Customer customer(ResultSet rs) throws SQLException {
    return new Customer(
        rs.getLong(1),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        rs.getString(5),
        rs.getInt(6),
        rs.getString(7),
        Rows.longOrNull(rs, 8),
        Rows.longOrNull(rs, 9),
        rs.getString(10));
  }

  private static Campaign campaign(ResultSet rs) throws SQLException {
    return new Campaign(
        rs.getLong(1),
        rs.getLong(2),
        rs.getString(3),
        rs.getString(4),
        rs.getString(5),
        TargetMode.valueOf(rs.getString(6)),
        Rows.longOrNull(rs, 7),
        rs.getString(8),
        rs.getString(9),
        rs.getString(10),
        rs.getLong(11),
        rs.getString(12),
        Rows.longOrNull(rs, 13),
        rs.getString(14),
        Rows.longOrNull(rs, 15),
        rs.getString(16),
        rs.getString(17));
  }
}
