package io.unitrace.returns;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The SQL of returns, their cases and the client's routing rules; no judgement here. */
@Component
class ReturnRows {

  /** A return as stored. {@code checks} is the verdict's checks as JSON. */
  record Row(
      long id,
      Long rmaId,
      Long unitId,
      long productId,
      Long lotId,
      long quantity,
      Long allocationId,
      String returnedBy,
      String reason,
      long locationId,
      long eventId,
      String eligibility,
      String checks,
      String status,
      String condition,
      String findings,
      String inspectedBy,
      String disposition,
      String overrideReason,
      String routedBy,
      Long routeEvent,
      long createdAt) {}

  record CaseRow(
      long id,
      long returnId,
      String checks,
      String status,
      String resolution,
      String resolvedBy,
      Long resolvedAt,
      long createdAt) {}

  record Rule(String reason, String condition, String disposition) {}

  record NewReturn(
      long tenantId,
      long rmaId,
      Long unitId,
      long productId,
      Long lotId,
      long quantity,
      Long allocationId,
      String returnedBy,
      String reason,
      long locationId,
      long eventId,
      String eligibility,
      String checks,
      String who,
      long now) {}

  private static final String COLUMNS =
      "id, rma_id, unit_id, product_id, lot_id, quantity, allocation_id, returned_by, reason,"
          + " location_id, event_id, eligibility, checks, status, condition_code, findings,"
          + " inspected_by, disposition, override_reason, routed_by, route_event, created_at";

  private final JdbcClient db;

  ReturnRows(JdbcClient db) {
    this.db = db;
  }

  long insert(NewReturn r) {
    return db.sql(
            """
            INSERT INTO customer_return (tenant_id, rma_id, unit_id, product_id, lot_id, quantity, allocation_id,
                                         returned_by, reason, location_id, event_id, eligibility, checks, status,
                                         created_by, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'AWAITING_INSPECTION', ?, ?, ?) RETURNING id""")
        .params(
            r.tenantId(),
            r.rmaId(),
            r.unitId(),
            r.productId(),
            r.lotId(),
            r.quantity(),
            r.allocationId(),
            r.returnedBy(),
            r.reason(),
            r.locationId(),
            r.eventId(),
            r.eligibility(),
            r.checks(),
            r.who(),
            r.now(),
            r.now())
        .query(Long.class)
        .single();
  }

  Optional<Row> byId(long tenantId, long id) {
    return db.sql("SELECT " + COLUMNS + " FROM customer_return WHERE tenant_id = ? AND id = ?")
        .params(tenantId, id)
        .query((rs, n) -> row(rs))
        .optional();
  }

  Optional<Row> byEvent(long tenantId, long eventId) {
    return db.sql(
            "SELECT " + COLUMNS + " FROM customer_return WHERE tenant_id = ? AND event_id = ?")
        .params(tenantId, eventId)
        .query((rs, n) -> row(rs))
        .optional();
  }

  /** A unit's returns, newest first. */
  List<Row> ofUnit(long tenantId, long unitId) {
    return db.sql(
            "SELECT "
                + COLUMNS
                + " FROM customer_return WHERE tenant_id = ? AND unit_id = ? ORDER BY id DESC")
        .params(tenantId, unitId)
        .query((rs, n) -> row(rs))
        .list();
  }

  List<Row> withStatus(long tenantId, String status, long after, int limit) {
    return db.sql(
            "SELECT "
                + COLUMNS
                + " FROM customer_return WHERE tenant_id = ? AND status = ? AND id > ?"
                + " ORDER BY id LIMIT ?")
        .params(tenantId, status, after, limit)
        .query((rs, n) -> row(rs))
        .list();
  }

  /** Records an inspection; false when the return has been routed meanwhile. */
  boolean inspected(long id, String condition, String findings, String who, long now) {
    return db.sql(
                """
                UPDATE customer_return SET status = 'INSPECTED', condition_code = ?, findings = ?,
                       inspected_by = ?, updated_at = ?
                WHERE id = ? AND status IN ('AWAITING_INSPECTION', 'INSPECTED')""")
            .params(condition, findings, who, now, id)
            .update()
        == 1;
  }

  /** Records a route; false when the return is no longer in {@code from}. */
  boolean routed(
      long id,
      String from,
      String disposition,
      String overrideReason,
      String who,
      long eventId,
      long now) {
    return db.sql(
                """
                UPDATE customer_return SET status = 'ROUTED', disposition = ?, override_reason = ?,
                       routed_by = ?, route_event = ?, updated_at = ?
                WHERE id = ? AND status = ?""")
            .params(disposition, overrideReason, who, eventId, now, id, from)
            .update()
        == 1;
  }

  long insertCase(long tenantId, long returnId, String checks, long now) {
    return db.sql(
            """
            INSERT INTO return_case (tenant_id, return_id, checks, status, created_at)
            VALUES (?, ?, ?, 'OPEN', ?) RETURNING id""")
        .params(tenantId, returnId, checks, now)
        .query(Long.class)
        .single();
  }

  Optional<CaseRow> caseById(long tenantId, long id) {
    return db.sql(
            "SELECT id, return_id, checks, status, resolution, resolved_by, resolved_at, created_at"
                + " FROM return_case WHERE tenant_id = ? AND id = ?")
        .params(tenantId, id)
        .query((rs, n) -> caseRow(rs))
        .optional();
  }

  Optional<CaseRow> caseOf(long tenantId, long returnId) {
    return db.sql(
            "SELECT id, return_id, checks, status, resolution, resolved_by, resolved_at, created_at"
                + " FROM return_case WHERE tenant_id = ? AND return_id = ? ORDER BY id DESC LIMIT 1")
        .params(tenantId, returnId)
        .query((rs, n) -> caseRow(rs))
        .optional();
  }

  List<CaseRow> cases(long tenantId, String status, long after, int limit) {
    return db.sql(
            "SELECT id, return_id, checks, status, resolution, resolved_by, resolved_at, created_at"
                + " FROM return_case WHERE tenant_id = ? AND status = ? AND id > ? ORDER BY id LIMIT ?")
        .params(tenantId, status, after, limit)
        .query((rs, n) -> caseRow(rs))
        .list();
  }

  /** Resolves an open case; false when another supervisor resolved it first. */
  boolean resolve(
      long caseId, String status, String resolution, String who, long eventId, long now) {
    return db.sql(
                """
                UPDATE return_case SET status = ?, resolution = ?, resolved_by = ?, resolved_at = ?, event_id = ?
                WHERE id = ? AND status = 'OPEN'""")
            .params(status, resolution, who, now, eventId, caseId)
            .update()
        == 1;
  }

  List<Rule> rules(long tenantId) {
    return db.sql(
            "SELECT reason, condition_code, disposition FROM routing_rule WHERE tenant_id = ?"
                + " ORDER BY reason, condition_code")
        .params(tenantId)
        .query((rs, n) -> new Rule(rs.getString(1), rs.getString(2), rs.getString(3)))
        .list();
  }

  @org.springframework.transaction.annotation.Transactional
  void replaceRules(long tenantId, List<Rule> rules, long now) {
    db.sql("DELETE FROM routing_rule WHERE tenant_id = ?").params(tenantId).update();
    for (Rule r : rules) {
      db.sql(
              "INSERT INTO routing_rule (tenant_id, reason, condition_code, disposition, created_at)"
                  + " VALUES (?, ?, ?, ?, ?)")
          .params(tenantId, r.reason(), r.condition(), r.disposition(), now)
          .update();
    }
  }

  private static Row row(ResultSet rs) throws SQLException {
    return new Row(
        rs.getLong(1),
        rs.getObject(2) == null ? null : rs.getLong(2),
        rs.getObject(3) == null ? null : rs.getLong(3),
        rs.getLong(4),
        rs.getObject(5) == null ? null : rs.getLong(5),
        rs.getLong(6),
        rs.getObject(7) == null ? null : rs.getLong(7),
        rs.getString(8),
        rs.getString(9),
        rs.getLong(10),
        rs.getLong(11),
        rs.getString(12),
        rs.getString(13),
        rs.getString(14),
        rs.getString(15),
        rs.getString(16),
        rs.getString(17),
        rs.getString(18),
        rs.getString(19),
        rs.getString(20),
        rs.getObject(21) == null ? null : rs.getLong(21),
        rs.getLong(22));
  }

  private static CaseRow caseRow(ResultSet rs) throws SQLException {
    return new CaseRow(
        rs.getLong(1),
        rs.getLong(2),
        rs.getString(3),
        rs.getString(4),
        rs.getString(5),
        rs.getString(6),
        rs.getObject(7) == null ? null : rs.getLong(7),
        rs.getLong(8));
  }
}
