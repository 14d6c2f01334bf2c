package io.unitrace.ledger;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Everything a client has in the ledger and the rows the ledger writes beside it, read straight
 * from the database. Two footprints taken around a refused request must be equal: bad input and
 * refused transitions write nothing, not even a lot or a container's new place.
 */
record Footprint(
    long events,
    long entries,
    long units,
    long fieldValues,
    long lots,
    List<String> unitRows,
    List<String> containerRows,
    long stockEntries,
    List<String> stockRows) {

  static long tenantId(JdbcClient db, String tenantCode) {
    return db.sql("SELECT id FROM tenant WHERE code = ?")
        .param(tenantCode)
        .query(Long.class)
        .single();
  }

  static Footprint of(JdbcClient db, String tenantCode) {
    long t = tenantId(db, tenantCode);
    return new Footprint(
        count(db, "SELECT count(*) FROM ledger_event WHERE tenant_id = ?", t),
        count(db, "SELECT count(*) FROM ledger_entry WHERE tenant_id = ?", t),
        count(db, "SELECT count(*) FROM unit WHERE tenant_id = ?", t),
        count(db, "SELECT count(*) FROM unit_field WHERE tenant_id = ?", t),
        count(db, "SELECT count(*) FROM lot WHERE tenant_id = ?", t),
        db.sql(
                """
                SELECT gtin, serial, state, location_id, container_id, holds, fields, version, last_hash
                FROM unit WHERE tenant_id = ? ORDER BY id""")
            .param(t)
            .query(
                (rs, n) ->
                    String.join(
                        "|",
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getString(7),
                        rs.getString(8),
                        rs.getString(9)))
            .list(),
        db.sql("SELECT sscc, parent_id, location_id FROM container WHERE tenant_id = ? ORDER BY id")
            .param(t)
            .query((rs, n) -> String.join("|", rs.getString(1), rs.getString(2), rs.getString(3)))
            .list(),
        count(db, "SELECT count(*) FROM stock_entry WHERE tenant_id = ?", t),
        db.sql(
                "SELECT product_id, lot_key, location_id, holds, quantity, version, last_hash FROM stock WHERE tenant_id = ? ORDER BY id")
            .param(t)
            .query(
                (rs, n) ->
                    String.join(
                        "|",
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getString(7)))
            .list());
  }

  /** Ledger events of a client. */
  static long events(JdbcClient db, String tenantCode) {
    return count(
        db, "SELECT count(*) FROM ledger_event WHERE tenant_id = ?", tenantId(db, tenantCode));
  }

  private static long count(JdbcClient db, String sql, long tenantId) {
    return db.sql(sql).param(tenantId).query(Long.class).single();
  }
}
