package io.unitrace.ledger;

import io.unitrace.ledger.domain.HashChain;
import io.unitrace.shared.Database;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Periodic checkpoints: a digest over the hashes of all of a tenant's entries since the previous
 * checkpoint (in id order), chained to that checkpoint's digest. They catch what per-unit chains
 * cannot: a unit's newest entries removed together with a matching edit of its row.
 *
 * <p>Entry ids are handed out at insert and commit a little later, possibly out of order. A
 * checkpoint therefore stops at entries whose event was recorded at least {@code settle-ms} ago,
 * so no transaction that could still add a smaller id is in flight. Several servers may try to
 * close the same checkpoint; the unique (tenant, first entry) lets exactly one succeed.
 */
@Service
public class Checkpoints {

  private static final Logger log = LoggerFactory.getLogger(Checkpoints.class);

  public record Checkpoint(long id, long firstEntryId, long lastEntryId, int entryCount, String prevDigest, String digest, long createdAt) {}

  record Digest(String hex, int count) {}

  private final JdbcClient db;
  private final JdbcTemplate jdbc;
  private final Clock clock;
  private final long settleMillis;

  Checkpoints(JdbcClient db, JdbcTemplate jdbc, Clock clock, @Value("${unitrace.ledger.checkpoint-settle-ms:10000}") long settleMillis) {
    this.db = db;
    this.jdbc = jdbc;
    this.clock = clock;
    this.settleMillis = settleMillis;
  }

  @Scheduled(fixedDelayString = "${unitrace.ledger.checkpoint-interval-ms:300000}", initialDelayString = "${unitrace.ledger.checkpoint-interval-ms:300000}")
  void closeAll() {
    for (long tenant : db.sql("SELECT id FROM tenant ORDER BY id").query(Long.class).list()) {
      close(tenant);
    }
  }

  /** Closes a checkpoint over the settled entries since the last one; empty when there are none. */
  public Optional<Checkpoint> close(long tenantId) {
    Optional<Checkpoint> last = latest(tenantId);
    long first = last.map(c -> c.lastEntryId() + 1).orElse(1L);
    String prevDigest = last.map(Checkpoint::digest).orElse(HashChain.GENESIS);
    Long horizon = db.sql("""
            SELECT max(e.id) FROM ledger_entry e JOIN ledger_event ev ON ev.id = e.event_id
            WHERE e.tenant_id = ? AND e.id >= ? AND ev.recorded_at < ?""")
        .params(tenantId, first, clock.millis() - settleMillis).query(Long.class).optional().orElse(null);
    if (horizon == null) {
      return Optional.empty();
    }
    Digest d = digest(jdbc, tenantId, first, horizon, prevDigest);
    try {
      long id = db.sql("""
              INSERT INTO ledger_checkpoint (tenant_id, first_entry_id, last_entry_id, entry_count, prev_digest, digest, created_at)
              VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id""")
          .params(tenantId, first, horizon, d.count(), prevDigest, d.hex(), clock.millis()).query(Long.class).single();
      return Optional.of(new Checkpoint(id, first, horizon, d.count(), prevDigest, d.hex(), clock.millis()));
    } catch (DataAccessException e) {
      if (Database.isUniqueViolation(e)) {
        log.debug("another server closed the checkpoint of tenant {} from entry {}", tenantId, first);
        return Optional.empty();
      }
      throw e;
    }
  }

  public List<Checkpoint> list(long tenantId) {
    return db.sql("SELECT id, first_entry_id, last_entry_id, entry_count, prev_digest, digest, created_at FROM ledger_checkpoint WHERE tenant_id = ? ORDER BY first_entry_id")
        .param(tenantId).query(Checkpoint.class).list();
  }

  private Optional<Checkpoint> latest(long tenantId) {
    return db.sql("""
            SELECT id, first_entry_id, last_entry_id, entry_count, prev_digest, digest, created_at FROM ledger_checkpoint
            WHERE tenant_id = ? ORDER BY last_entry_id DESC LIMIT 1""")
        .param(tenantId).query(Checkpoint.class).optional();
  }

  static Digest digest(JdbcTemplate jdbc, long tenantId, long first, long last, String prevDigest) {
    MessageDigest sha = HashChain.sha256();
    sha.update(prevDigest.getBytes(StandardCharsets.US_ASCII));
    int[] count = {0};
    jdbc.query("SELECT hash FROM ledger_entry WHERE tenant_id = ? AND id >= ? AND id <= ? ORDER BY id", rs -> {
      sha.update(rs.getString(1).getBytes(StandardCharsets.US_ASCII));
      count[0]++;
    }, tenantId, first, last);
    return new Digest(HashChain.hex(sha.digest()), count[0]);
  }
}
