package io.unitrace.bench.load;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.HexFormat;
import java.util.UUID;

/**
 * The ceiling for bulk registration: the rows one registration writes, inserted with plain JDBC and
 * nothing else. Per transaction of {@code perTransaction} units (one HTTP request's worth): one
 * {@code ledger_event} row, then per unit one {@code unit} row and one {@code ledger_entry} row, in
 * JDBC batches of {@code batchSize} with {@code reWriteBatchedInserts=true}. Values are realistic:
 * 64-hex hashes computed with SHA-256, the entry's command text, epoch milliseconds. Unit ids are
 * taken from the table's identity sequence in one query per transaction, because the driver cannot
 * both rewrite a batch and return generated keys.
 */
final class RawInsertCeiling {

  record Result(int units, double seconds) {

    double unitsPerSecond() {
      return units / seconds;
    }

    @Override
    public String toString() {
      return String.format("%,d units in %.1f s: %,.0f units/s", units, seconds, unitsPerSecond());
    }
  }

  private static final String GENESIS = "0".repeat(64);

  private RawInsertCeiling() {}

  static Result insert(
      Connection c,
      BenchSite site,
      String serialPrefix,
      int units,
      int perTransaction,
      int batchSize)
      throws SQLException {
    long productId =
        single(
            c,
            "SELECT product_id FROM product_gtin WHERE tenant_id = ? AND gtin = ?",
            site.tenantId(),
            site.gtin());
    long dockId = single(c, "SELECT id FROM location WHERE code = ?", site.dock());
    String actor = "token:admin/scanner-raw";
    String details = "{\"reason\":\"OPENING_STOCK\",\"at\":\"" + site.dock() + "\"}";
    String data = "{\"c\":\"register\",\"loc\":" + dockId + ",\"type\":\"DOCK\"}";
    String scopeKey = "gtin:" + site.gtin();
    MessageDigest sha = sha256();
    HexFormat hex = HexFormat.of();
    boolean autoCommit = c.getAutoCommit();
    c.setAutoCommit(false);
    long start = System.nanoTime();
    try (PreparedStatement event =
            c.prepareStatement(
                """
            INSERT INTO ledger_event (tenant_id, request_key, request_digest, type, event_time, event_offset, recorded_at, biz_step,
                                      disposition, read_point, biz_location, biz_transactions, actor, device, raw_scan, details, unit_count)
            VALUES (?, ?, ?, 'REGISTERED', ?, '+00:00', ?, 'commissioning', 'active', ?, ?, NULL, ?, NULL, NULL, ?, ?) RETURNING id""");
        PreparedStatement ids =
            c.prepareStatement(
                "SELECT nextval(pg_get_serial_sequence('unit', 'id')) FROM generate_series(1, ?)");
        PreparedStatement unit =
            c.prepareStatement(
                """
            INSERT INTO unit (id, tenant_id, product_id, gtin, serial, serial_scope_key, lot_id, state, location_id, container_id, holds,
                              fields, version, last_hash, registered_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, 'RECEIVED', ?, ?, 0, ?, 1, ?, ?, ?)""");
        PreparedStatement entry =
            c.prepareStatement(
                """
            INSERT INTO ledger_entry (tenant_id, event_id, unit_id, seq, state, location_id, container_id, holds, data, prev_hash, hash)
            VALUES (?, ?, ?, 1, 'RECEIVED', ?, ?, 0, ?, ?, ?)""")) {
      for (int from = 0; from < units; from += perTransaction) {
        int to = Math.min(units, from + perTransaction);
        long now = System.currentTimeMillis();
        String key = "raw:" + UUID.randomUUID();
        event.setLong(1, site.tenantId());
        event.setString(2, key);
        event.setString(3, hex.formatHex(sha.digest(key.getBytes(StandardCharsets.UTF_8))));
        event.setLong(4, now);
        event.setLong(5, now);
        event.setLong(6, dockId);
        event.setLong(7, dockId);
        event.setString(8, actor);
        event.setString(9, details);
        event.setInt(10, to - from);
        long eventId;
        try (ResultSet rs = event.executeQuery()) {
          rs.next();
          eventId = rs.getLong(1);
        }
        long[] unitIds = new long[to - from];
        ids.setInt(1, to - from);
        try (ResultSet rs = ids.executeQuery()) {
          for (int i = 0; rs.next(); i++) {
            unitIds[i] = rs.getLong(1);
          }
        }
        String[] hashes = new String[to - from];
        for (int i = from; i < to; i++) {
          String serial = BulkRegistration.serial(serialPrefix, i);
          String hash =
              hex.formatHex(
                  sha.digest(
                      (GENESIS
                              + "\n"
                              + key
                              + "\n"
                              + site.gtin()
                              + "|"
                              + serial
                              + "|1|RECEIVED|"
                              + data)
                          .getBytes(StandardCharsets.UTF_8)));
          hashes[i - from] = hash;
          unit.setLong(1, unitIds[i - from]);
          unit.setLong(2, site.tenantId());
          unit.setLong(3, productId);
          unit.setString(4, site.gtin());
          unit.setString(5, serial);
          unit.setString(6, scopeKey);
          unit.setNull(7, Types.BIGINT);
          unit.setLong(8, dockId);
          unit.setNull(9, Types.BIGINT);
          unit.setNull(10, Types.VARCHAR);
          unit.setString(11, hash);
          unit.setLong(12, now);
          unit.setLong(13, now);
          unit.addBatch();
          if ((i - from + 1) % batchSize == 0) {
            unit.executeBatch();
          }
        }
        unit.executeBatch();
        for (int i = 0; i < to - from; i++) {
          entry.setLong(1, site.tenantId());
          entry.setLong(2, eventId);
          entry.setLong(3, unitIds[i]);
          entry.setLong(4, dockId);
          entry.setNull(5, Types.BIGINT);
          entry.setString(6, data);
          entry.setString(7, GENESIS);
          entry.setString(8, hashes[i]);
          entry.addBatch();
          if ((i + 1) % batchSize == 0) {
            entry.executeBatch();
          }
        }
        entry.executeBatch();
        c.commit();
      }
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(autoCommit);
    }
    return new Result(units, (System.nanoTime() - start) / 1e9);
  }

  static long single(Connection c, String sql, Object... params) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        ps.setObject(i + 1, params[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new IllegalStateException("no row for " + sql);
        }
        return rs.getLong(1);
      }
    }
  }

  /** Runs an INSERT ... RETURNING id and gives the id. */
  static long returnedId(PreparedStatement ps) throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
