package io.unitrace.bench.load;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Bulk history for the lookup benchmark, written straight into PostgreSQL: for every unit of a
 * site, {@code movesPerUnit} MOVED events, each with its one ledger entry (seq 2, 3, …) between the
 * site's bins, and the unit row brought to its last entry (location, version, last hash). These
 * rows are SYNTHETIC: their hashes are 64-hex values made from md5, not SHA-256 over canonical
 * content, so verification of this tenant fails by design. They exist so that history queries run
 * against an index of realistic size, not to be trusted.
 */
final class SyntheticMoves {

  record Result(long events, long entries, double seconds) {

    @Override
    public String toString() {
      return String.format("%,d MOVED events and %,d entries in %.1f s", events, entries, seconds);
    }
  }

  private SyntheticMoves() {}

  static Result add(Connection c, BenchSite site, int movesPerUnit, int unitsPerStatement)
      throws SQLException {
    List<Long> binIds = new ArrayList<>();
    for (String bin : site.bins()) {
      binIds.add(RawInsertCeiling.single(c, "SELECT id FROM location WHERE code = ?", bin));
    }
    String bins =
        "ARRAY["
            + binIds.stream().map(String::valueOf).collect(Collectors.joining(","))
            + "]::bigint[]";
    int binCount = binIds.size();
    // The hash of seq n is hash(unit, n); seq 2 links to the real registration hash (last_hash).
    String hash = "md5('h' || %1$s || ':' || %2$s) || md5('i' || %1$s || ':' || %2$s)";
    // Event ids come from the table's own sequence inside the first CTE, so each entry knows its
    // event without a join back.
    String insert =
        """
        WITH moves AS MATERIALIZED (
          SELECT nextval(pg_get_serial_sequence('ledger_event', 'id')) AS event_id, u.id AS unit_id, s.n AS seq,
                 u.registered_at + s.n * 60000 AS at, l.id AS loc, l.code AS code,
                 CASE WHEN s.n = 2 THEN u.last_hash ELSE %1$s END AS prev_hash, %2$s AS hash
          FROM unit u
          CROSS JOIN generate_series(2, ?) AS s (n)
          JOIN location l ON l.id = (%3$s)[1 + ((u.id + s.n) %% %4$d)]
          WHERE u.tenant_id = ? AND u.id >= ? AND u.id < ?
        ), events AS (
          INSERT INTO ledger_event (id, tenant_id, request_key, request_digest, type, event_time, event_offset, recorded_at, biz_step,
                                    disposition, read_point, biz_location, biz_transactions, actor, device, raw_scan, details, unit_count)
          SELECT m.event_id, ?, 'synthetic:' || m.unit_id || ':' || m.seq,
                 md5('d' || m.unit_id || ':' || m.seq) || md5('e' || m.unit_id || ':' || m.seq),
                 'MOVED', m.at, '+00:00', m.at, 'storing', NULL, m.loc, m.loc, NULL, 'token:admin/synthetic', NULL, NULL,
                 '{"to":"' || m.code || '"}', 1
          FROM moves m
        )
        INSERT INTO ledger_entry (tenant_id, event_id, unit_id, seq, state, location_id, container_id, holds, data, prev_hash, hash)
        SELECT ?, m.event_id, m.unit_id, m.seq, 'STORED', m.loc, NULL, 0, '{"c":"move","loc":' || m.loc || ',"type":"STORAGE"}',
               m.prev_hash, m.hash
        FROM moves m"""
            .formatted(
                hash.formatted("u.id", "(s.n - 1)"), hash.formatted("u.id", "s.n"), bins, binCount);
    String project =
        """
        UPDATE unit SET state = 'STORED', location_id = (%1$s)[1 + ((id + ?) %% %2$d)], version = ?,
                        last_hash = %3$s, updated_at = registered_at + ? * 60000
        WHERE tenant_id = ? AND id >= ? AND id < ?"""
            .formatted(bins, binCount, hash.formatted("id", "?"));
    long lowest =
        RawInsertCeiling.single(c, "SELECT min(id) FROM unit WHERE tenant_id = ?", site.tenantId());
    long highest =
        RawInsertCeiling.single(c, "SELECT max(id) FROM unit WHERE tenant_id = ?", site.tenantId());
    int lastSeq = movesPerUnit + 1;
    long entries = 0;
    long start = System.nanoTime();
    try (PreparedStatement moves = c.prepareStatement(insert);
        PreparedStatement units = c.prepareStatement(project)) {
      for (long from = lowest; from <= highest; from += unitsPerStatement) {
        moves.setInt(1, lastSeq);
        moves.setLong(2, site.tenantId());
        moves.setLong(3, from);
        moves.setLong(4, from + unitsPerStatement);
        moves.setLong(5, site.tenantId());
        moves.setLong(6, site.tenantId());
        entries += moves.executeUpdate();
        for (int p = 1; p <= 5; p++) {
          units.setInt(p, lastSeq);
        }
        units.setLong(6, site.tenantId());
        units.setLong(7, from);
        units.setLong(8, from + unitsPerStatement);
        units.executeUpdate();
      }
    }
    try (Statement s = c.createStatement()) {
      // What autovacuum would do over the next minutes, done now so it does not run during the
      // measurement.
      s.execute("VACUUM (ANALYZE) unit");
      s.execute("VACUUM (ANALYZE) ledger_event");
      s.execute("VACUUM (ANALYZE) ledger_entry");
    }
    return new Result(entries, entries, (System.nanoTime() - start) / 1e9);
  }
}
