package io.unitrace.shared;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Makes two requests under the same Idempotency-Key take turns until the first commits, so the
 * second finds what the first made instead of making it again: on PostgreSQL a transaction-scoped
 * advisory lock on the key; on SQLite every write transaction already holds the database's write
 * lock from its start. Call it inside the transaction, before looking for the key's earlier result.
 */
@Component
public class RequestKeyLocks {

  private final JdbcClient db;
  private final Database database;

  RequestKeyLocks(JdbcClient db, Database database) {
    this.db = db;
    this.database = database;
  }

  /**
   * Locks {@code requestKey} (the hex SHA-256 of an Idempotency-Key) of a client for what {@code
   * kind} names (e.g. the table the request writes), until the caller's transaction ends.
   */
  public void lock(long tenantId, String kind, String requestKey) {
    if (database == Database.POSTGRESQL) {
      long key =
          (tenantId * 31 + kind.hashCode()) * 31
              + Long.parseUnsignedLong(requestKey.substring(0, 15), 16);
      db.sql("SELECT pg_advisory_xact_lock(?)").param(key).query((rs, n) -> 1).list();
    }
  }
}
