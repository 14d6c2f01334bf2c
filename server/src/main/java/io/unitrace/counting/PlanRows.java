package io.unitrace.counting;

import io.unitrace.counting.domain.AbcClass;
import io.unitrace.shared.Rows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The SQL of count plans and of the ABC classes supervisors set per SKU. */
@Repository
class PlanRows {

  record Plan(
      long id,
      long tenantId,
      String code,
      String warehouse,
      AbcClass abcClass,
      int everyDays,
      String assignee,
      long nextDue,
      Long lastCountId,
      Long lastRunAt,
      String updatedBy,
      long updatedAt) {}

  private static final String PLAN =
      """
      SELECT id, tenant_id, code, warehouse, abc_class, every_days, assignee, next_due,
             last_count_id, last_run_at, updated_by, updated_at
      FROM count_plan""";

  private final JdbcClient db;

  PlanRows(JdbcClient db) {
    this.db = db;
  }

  /** The classes set by hand, by product id. */
  Map<Long, AbcClass> classesSet(long tenantId) {
    Map<Long, AbcClass> out = new HashMap<>();
    db.sql("SELECT product_id, abc_class FROM count_abc_class WHERE tenant_id = ?")
        .param(tenantId)
        .query(
            rs -> {
              out.put(rs.getLong(1), AbcClass.valueOf(rs.getString(2)));
            });
    return out;
  }

  void setClass(long tenantId, long productId, AbcClass abcClass, String by, long now) {
    db.sql(
            """
            INSERT INTO count_abc_class (tenant_id, product_id, abc_class, set_by, set_at)
            VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (tenant_id, product_id) DO UPDATE
              SET abc_class = EXCLUDED.abc_class, set_by = EXCLUDED.set_by,
                  set_at = EXCLUDED.set_at""")
        .params(tenantId, productId, abcClass.name(), by, now)
        .update();
  }

  void clearClass(long tenantId, long productId) {
    db.sql("DELETE FROM count_abc_class WHERE tenant_id = ? AND product_id = ?")
        .params(tenantId, productId)
        .update();
  }

  /** Creates the plan, due at {@code nextDue}, or changes an existing one (its due date kept). */
  void put(
      long tenantId,
      String code,
      String warehouse,
      AbcClass abcClass,
      int everyDays,
      String assignee,
      long nextDue,
      String by,
      long now) {
    db.sql(
            """
            INSERT INTO count_plan (tenant_id, code, warehouse, abc_class, every_days, assignee,
                                    next_due, updated_by, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (tenant_id, code) DO UPDATE
              SET warehouse = EXCLUDED.warehouse, abc_class = EXCLUDED.abc_class,
                  every_days = EXCLUDED.every_days, assignee = EXCLUDED.assignee,
                  updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at""")
        .params(tenantId, code, warehouse, abcClass.name(), everyDays, assignee, nextDue, by, now)
        .update();
  }

  Optional<Plan> find(long tenantId, String code) {
    return db.sql(PLAN + " WHERE tenant_id = ? AND code = ?")
        .params(tenantId, code)
        .query((rs, n) -> plan(rs))
        .optional();
  }

  List<Plan> list(long tenantId) {
    return db.sql(PLAN + " WHERE tenant_id = ? ORDER BY code")
        .param(tenantId)
        .query((rs, n) -> plan(rs))
        .list();
  }

  boolean delete(long tenantId, String code) {
    return db.sql("DELETE FROM count_plan WHERE tenant_id = ? AND code = ?")
            .params(tenantId, code)
            .update()
        == 1;
  }

  /** Every client's plans due at {@code now}, oldest due first, at most {@code limit}. */
  List<Plan> due(long now, int limit) {
    return db.sql(PLAN + " WHERE next_due <= ? ORDER BY next_due, id LIMIT ?")
        .params(now, limit)
        .query((rs, n) -> plan(rs))
        .list();
  }

  /**
   * Claims a plan's run: moves its due date on only if it is still the one the caller read. Of two
   * servers claiming the same run, the second's update waits for the first to commit and then
   * matches nothing.
   */
  boolean claim(long planId, long seenDue, long nextDue, long now) {
    return db.sql(
                "UPDATE count_plan SET next_due = ?, last_run_at = ? WHERE id = ? AND next_due = ?")
            .params(nextDue, now, planId, seenDue)
            .update()
        == 1;
  }

  void ran(long planId, long countId) {
    db.sql("UPDATE count_plan SET last_count_id = ? WHERE id = ?").params(countId, planId).update();
  }

  private static Plan plan(ResultSet rs) throws SQLException {
    return new Plan(
        rs.getLong(1),
        rs.getLong(2),
        rs.getString(3),
        rs.getString(4),
        AbcClass.valueOf(rs.getString(5)),
        rs.getInt(6),
        rs.getString(7),
        rs.getLong(8),
        Rows.longOrNull(rs, 9),
        Rows.longOrNull(rs, 10),
        rs.getString(11),
        rs.getLong(12));
  }
}
