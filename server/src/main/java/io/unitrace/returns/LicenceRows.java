package io.unitrace.returns;

import io.unitrace.shared.CursorPage;
import io.unitrace.shared.InList;
import io.unitrace.shared.MultiRowInsert;
import io.unitrace.shared.Rows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of licences: pools, keys, units owed a key, views. A key is taken from its pool by a
 * conditional update ({@code ... AND status = 'AVAILABLE'}), so two shipments at once never get the
 * same key: the loser updates no row and takes the next one.
 */
@Repository
class LicenceRows {

  /** A key's row; {@code ciphertext} is sealed (see {@link LicenceCipher}). */
  record Key(
      long id,
      long productId,
      String ciphertext,
      String keyRef,
      String fingerprint,
      String last4,
      String status,
      Long unitId,
      Long transferredFrom,
      Long issuedAt,
      Long activatedAt,
      Long revokedAt,
      String revokedReason) {}

  /** A unit owed a key since {@code createdAt}. */
  record Owed(
      long id, long productId, long unitId, String status, Long transferredTo, long createdAt) {}

  /** A key to import: sealed, with its fingerprint and last four characters. */
  record Sealed(String ciphertext, String fingerprint, String last4) {}

  record Counts(long available, long issued, long active, long revoked, long owed) {}

  record View(
      long id,
      long licenceId,
      long unitId,
      long productId,
      String viewer,
      String role,
      long viewedAt,
      String remoteAddr,
      String userAgent,
      String reason) {}

  private static final String KEY =
      """
      SELECT id, product_id, ciphertext, key_ref, fingerprint, last4, status, unit_id, transferred_from,
             issued_at, activated_at, revoked_at, revoked_reason
      FROM licence_key""";

  private static final int TAKE_ATTEMPTS = 100;

  private final JdbcClient db;

  LicenceRows(JdbcClient db) {
    this.db = db;
  }

  /** Makes {@code productId} a product whose units come with a licence (once). */
  void ensurePool(long tenantId, long productId, String who, long now) {
    db.sql(
            """
            INSERT INTO licence_pool (tenant_id, product_id, created_by, created_at) VALUES (?, ?, ?, ?)
            ON CONFLICT (tenant_id, product_id) DO NOTHING""")
        .params(tenantId, productId, who, now)
        .update();
  }

  boolean hasPool(long tenantId, long productId) {
    return !pools(tenantId, List.of(productId)).isEmpty();
  }

  /** Which of these products have a pool. */
  Set<Long> pools(long tenantId, Collection<Long> productIds) {
    Set<Long> found = new HashSet<>();
    for (List<Long> chunk : InList.chunks(List.copyOf(new HashSet<>(productIds)), 500)) {
      found.addAll(
          db.sql(
                  "SELECT product_id FROM licence_pool WHERE tenant_id = ? AND product_id IN ("
                      + InList.marks(chunk.size())
                      + ")")
              .params(InList.concat(tenantId, chunk))
              .query(Long.class)
              .list());
    }
    return found;
  }

  /**
   * Inserts the keys, set-based; a key already in the product's pool is left out by its
   * fingerprint. Answers the fingerprints inserted.
   */
  Set<String> insertKeys(
      long tenantId, long productId, String keyRef, List<Sealed> keys, String who, long now) {
    List<Object[]> rows = new ArrayList<>(keys.size());
    for (Sealed k : keys) {
      rows.add(
          new Object[] {
            tenantId,
            productId,
            k.ciphertext(),
            keyRef,
            k.fingerprint(),
            k.last4(),
            "AVAILABLE",
            who,
            now
          });
    }
    return new HashSet<>(
        MultiRowInsert.insertReturning(
            db,
            "licence_key",
            List.of(
                "tenant_id",
                "product_id",
                "ciphertext",
                "key_ref",
                "fingerprint",
                "last4",
                "status",
                "imported_by",
                "imported_at"),
            rows,
            "ON CONFLICT (tenant_id, product_id, fingerprint) DO NOTHING RETURNING fingerprint",
            (rs, n) -> rs.getString(1)));
  }

  /**
   * Takes the product's oldest available key for the unit, as {@code status} (ISSUED or ACTIVE);
   * empty when the pool has none left. A key another transaction took first updates no row here (on
   * PostgreSQL the update waits for that transaction and then finds the key taken), and the next
   * one is tried.
   */
  Optional<Key> take(long tenantId, long productId, long unitId, String status, long now) {
    for (int attempt = 0; attempt < TAKE_ATTEMPTS; attempt++) {
      Optional<Long> taken =
          db.sql(
                  """
                  UPDATE licence_key SET status = ?, unit_id = ?, issued_at = ?, activated_at = ?
                  WHERE id = (SELECT id FROM licence_key
                              WHERE tenant_id = ? AND product_id = ? AND status = 'AVAILABLE'
                              ORDER BY id LIMIT 1)
                    AND status = 'AVAILABLE'
                  RETURNING id""")
              .params(
                  status, unitId, now, "ACTIVE".equals(status) ? now : null, tenantId, productId)
              .query(Long.class)
              .optional();
      if (taken.isPresent()) {
        return key(tenantId, taken.get());
      }
      if (available(tenantId, productId) == 0) {
        return Optional.empty();
      }
    }
    throw new IllegalStateException(
        "no licence key could be taken after " + TAKE_ATTEMPTS + " attempts");
  }

  private long available(long tenantId, long productId) {
    return db.sql(
            "SELECT count(*) FROM licence_key WHERE tenant_id = ? AND product_id = ? AND status = 'AVAILABLE'")
        .params(tenantId, productId)
        .query(Long.class)
        .single();
  }

  Optional<Key> key(long tenantId, long id) {
    return db.sql(KEY + " WHERE tenant_id = ? AND id = ?")
        .params(tenantId, id)
        .query((rs, n) -> key(rs))
        .optional();
  }

  /** The key a unit holds now (ISSUED or ACTIVE), if any. */
  Optional<Key> liveKey(long tenantId, long unitId) {
    return db.sql(
            KEY
                + " WHERE tenant_id = ? AND unit_id = ? AND status IN ('ISSUED', 'ACTIVE') ORDER BY id DESC LIMIT 1")
        .params(tenantId, unitId)
        .query((rs, n) -> key(rs))
        .optional();
  }

  /** The newest key that names the unit: held (also revoked), or moved from it to a replacement. */
  Optional<Key> latestKey(long tenantId, long unitId) {
    return db.sql(
            KEY
                + " WHERE tenant_id = ? AND (unit_id = ? OR transferred_from = ?) ORDER BY id DESC LIMIT 1")
        .params(tenantId, unitId, unitId)
        .query((rs, n) -> key(rs))
        .optional();
  }

  /** Of these units, those holding a key now or owed one. */
  Set<Long> licensed(long tenantId, Collection<Long> unitIds) {
    Set<Long> found = new HashSet<>();
    for (List<Long> chunk : InList.chunks(List.copyOf(new HashSet<>(unitIds)), 500)) {
      String marks = InList.marks(chunk.size());
      List<Object> params = new ArrayList<>(InList.concat(tenantId, chunk));
      params.addAll(InList.concat(tenantId, chunk));
      found.addAll(
          db.sql(
                  "SELECT unit_id FROM licence_key WHERE tenant_id = ? AND unit_id IN ("
                      + marks
                      + ") AND status IN ('ISSUED', 'ACTIVE')"
                      + " UNION SELECT unit_id FROM licence_owed WHERE tenant_id = ? AND unit_id IN ("
                      + marks
                      + ") AND status = 'OWED'")
              .params(params)
              .query(Long.class)
              .list());
    }
    return found;
  }

  void issuedBy(long tenantId, Collection<Long> keyIds, long eventId) {
    for (List<Long> chunk : InList.chunks(List.copyOf(keyIds), 500)) {
      List<Object> params = new ArrayList<>(List.of(eventId));
      params.addAll(InList.concat(tenantId, chunk));
      db.sql(
              "UPDATE licence_key SET issued_event = ? WHERE tenant_id = ? AND id IN ("
                  + InList.marks(chunk.size())
                  + ")")
          .params(params)
          .update();
    }
  }

  /** ISSUED → ACTIVE; false when the key was not ISSUED. */
  boolean activate(long tenantId, long id, long now) {
    return db.sql(
                "UPDATE licence_key SET status = 'ACTIVE', activated_at = ? WHERE tenant_id = ? AND id = ? AND status = 'ISSUED'")
            .params(now, tenantId, id)
            .update()
        == 1;
  }

  /** A held key revoked for {@code reason}; false when it was no longer held. */
  boolean revoke(long tenantId, long id, String reason, long now) {
    return db.sql(
                """
            UPDATE licence_key SET status = 'REVOKED', revoked_at = ?, revoked_reason = ?
            WHERE tenant_id = ? AND id = ? AND status IN ('ISSUED', 'ACTIVE')""")
            .params(now, reason, tenantId, id)
            .update()
        == 1;
  }

  void revokedBy(long tenantId, Collection<Long> keyIds, long eventId) {
    for (List<Long> chunk : InList.chunks(List.copyOf(keyIds), 500)) {
      List<Object> params = new ArrayList<>(List.of(eventId));
      params.addAll(InList.concat(tenantId, chunk));
      db.sql(
              "UPDATE licence_key SET revoked_event = ? WHERE tenant_id = ? AND id IN ("
                  + InList.marks(chunk.size())
                  + ")")
          .params(params)
          .update();
    }
  }

  /** A held key moved from one unit to another; false when {@code from} no longer held it. */
  boolean move(long tenantId, long id, long from, long to) {
    return db.sql(
                """
            UPDATE licence_key SET unit_id = ?, transferred_from = ?
            WHERE tenant_id = ? AND id = ? AND unit_id = ? AND status IN ('ISSUED', 'ACTIVE')""")
            .params(to, from, tenantId, id, from)
            .update()
        == 1;
  }

  void insertOwed(long tenantId, long productId, long unitId, Long shippedEvent, long now) {
    db.sql(
            """
            INSERT INTO licence_owed (tenant_id, product_id, unit_id, status, shipped_event, created_at)
            VALUES (?, ?, ?, 'OWED', ?, ?)""")
        .params(tenantId, productId, unitId, shippedEvent, now)
        .update();
  }

  /** What a unit is owed, if it is owed a key now. */
  Optional<Owed> owed(long tenantId, long unitId) {
    return db.sql(
            """
            SELECT id, product_id, unit_id, status, transferred_to, created_at FROM licence_owed
            WHERE tenant_id = ? AND unit_id = ? AND status = 'OWED' ORDER BY id LIMIT 1""")
        .params(tenantId, unitId)
        .query((rs, n) -> owed(rs))
        .optional();
  }

  /** The newest entitlement row of a unit, in any status. */
  Optional<Owed> latestOwed(long tenantId, long unitId) {
    return db.sql(
            """
            SELECT id, product_id, unit_id, status, transferred_to, created_at FROM licence_owed
            WHERE tenant_id = ? AND unit_id = ? ORDER BY id DESC LIMIT 1""")
        .params(tenantId, unitId)
        .query((rs, n) -> owed(rs))
        .optional();
  }

  /** Units owed a key of the product, oldest first. */
  List<Owed> owedOf(long tenantId, long productId, int limit) {
    return db.sql(
            """
            SELECT id, product_id, unit_id, status, transferred_to, created_at FROM licence_owed
            WHERE tenant_id = ? AND product_id = ? AND status = 'OWED' ORDER BY id LIMIT ?""")
        .params(tenantId, productId, limit)
        .query((rs, n) -> owed(rs))
        .list();
  }

  /** An owed key settled: ISSUED (licenceId), CANCELLED or TRANSFERRED (transferredTo). */
  boolean settleOwed(
      long tenantId, long id, String status, Long licenceId, Long transferredTo, long now) {
    return db.sql(
                """
            UPDATE licence_owed SET status = ?, licence_id = ?, transferred_to = ?, settled_at = ?
            WHERE tenant_id = ? AND id = ? AND status = 'OWED'""")
            .params(status, licenceId, transferredTo, now, tenantId, id)
            .update()
        == 1;
  }

  Counts counts(long tenantId, long productId) {
    long[] c = new long[5];
    db.sql(
            "SELECT status, count(*) FROM licence_key WHERE tenant_id = ? AND product_id = ? GROUP BY status")
        .params(tenantId, productId)
        .query(
            (rs, n) -> {
              switch (rs.getString(1)) {
                case "AVAILABLE" -> c[0] = rs.getLong(2);
                case "ISSUED" -> c[1] = rs.getLong(2);
                case "ACTIVE" -> c[2] = rs.getLong(2);
                case "REVOKED" -> c[3] = rs.getLong(2);
                default -> {}
              }
              return null;
            })
        .list();
    c[4] =
        db.sql(
                "SELECT count(*) FROM licence_owed WHERE tenant_id = ? AND product_id = ? AND status = 'OWED'")
            .params(tenantId, productId)
            .query(Long.class)
            .single();
    return new Counts(c[0], c[1], c[2], c[3], c[4]);
  }

  long insertView(
      long tenantId,
      long licenceId,
      long unitId,
      String viewer,
      String role,
      long now,
      String remoteAddr,
      String userAgent,
      String reason) {
    return db.sql(
            """
            INSERT INTO licence_view (tenant_id, licence_id, unit_id, viewer, viewer_role, viewed_at, remote_addr, user_agent, reason)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""")
        .params(tenantId, licenceId, unitId, viewer, role, now, remoteAddr, userAgent, reason)
        .query(Long.class)
        .single();
  }

  /** Views of the client's keys in the order they happened, after {@code cursor}. */
  List<View> views(long tenantId, Long productId, String cursor, int limit) {
    List<Object> params = new ArrayList<>(List.of(tenantId, CursorPage.decode(cursor)));
    if (productId != null) {
      params.add(productId);
    }
    params.add(limit + 1);
    return db.sql(
            """
            SELECT v.id, v.licence_id, v.unit_id, k.product_id, v.viewer, v.viewer_role, v.viewed_at,
                   v.remote_addr, v.user_agent, v.reason
            FROM licence_view v JOIN licence_key k ON k.id = v.licence_id
            WHERE v.tenant_id = ? AND v.id > ?"""
                + (productId == null ? "" : " AND k.product_id = ?")
                + " ORDER BY v.id LIMIT ?")
        .params(params)
        .query(
            (rs, n) ->
                new View(
                    rs.getLong(1),
                    rs.getLong(2),
                    rs.getLong(3),
                    rs.getLong(4),
                    rs.getString(5),
                    rs.getString(6),
                    rs.getLong(7),
                    rs.getString(8),
                    rs.getString(9),
                    rs.getString(10)))
        .list();
  }

  /** How many keys, of any client, are sealed under another master key than {@code keyRef}. */
  long sealedUnderOtherKeys(String keyRef) {
    return db.sql("SELECT count(*) FROM licence_key WHERE key_ref <> ?")
        .param(keyRef)
        .query(Long.class)
        .single();
  }

  private static Key key(ResultSet rs) throws SQLException {
    return new Key(
        rs.getLong(1),
        rs.getLong(2),
        rs.getString(3),
        rs.getString(4),
        rs.getString(5),
        rs.getString(6),
        rs.getString(7),
        Rows.longOrNull(rs, 8),
        Rows.longOrNull(rs, 9),
        Rows.longOrNull(rs, 10),
        Rows.longOrNull(rs, 11),
        Rows.longOrNull(rs, 12),
        rs.getString(13));
  }

  private static Owed owed(ResultSet rs) throws SQLException {
    return new Owed(
        rs.getLong(1),
        rs.getLong(2),
        rs.getLong(3),
        rs.getString(4),
        Rows.longOrNull(rs, 5),
        rs.getLong(6));
  }
}
