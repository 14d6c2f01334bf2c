package io.unitrace.ledger;

import io.unitrace.ledger.domain.HashChain;
import io.unitrace.shared.Database;
import io.unitrace.tenancy.Tenants;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Periodic checkpoints: a digest over the hashes of all of a tenant's entries since the previous
 * checkpoint (in id order), chained to that checkpoint's digest. They catch what per-unit chains
 * cannot: a unit's newest entries removed together with a matching edit of its row.
 *
 * <p>Entry ids are handed out at insert and commit a little later, possibly out of order. A
 * checkpoint therefore stops at entries whose event was recorded at least {@code settle-ms} ago, so
 * no transaction that could still add a smaller id is in flight. Several servers may try to close
 * the same checkpoint; the unique (tenant, first entry) lets exactly one succeed.
 *
 * <p>The ledger keeps two books, each with its own entries and its own checkpoint chain: unit
 * entries (serialized units) and stock entries (lot and untracked quantities).
 */
@Service
public class Checkpoints {

  private static final Logger log = LoggerFactory.getLogger(Checkpoints.class);

  public record Checkpoint(
      Book book,
      long id,
      long firstEntryId,
      long lastEntryId,
      int entryCount,
      String prevDigest,
      String digest,
      long createdAt,
      String signature) {

    /**
     * The text the signature is over: what an external anchor needs to check it with the public key
     * alone (ADR 0018).
     */
    String signedText(long tenantId) {
      return HashChain.canonical(
          "unitrace-checkpoint-v1",
          tenantId,
          book.name(),
          firstEntryId,
          lastEntryId,
          entryCount,
          prevDigest,
          digest,
          createdAt);
    }
  }

  /**
   * A book of entries and the table of its checkpoints. The event book's "entries" are the events
   * themselves (ADR 0018): each event's own hash, so that events touching no unit and no stock are
   * covered too.
   */
  public enum Book {
    UNITS("ledger_entry", "ledger_checkpoint"),
    STOCK("stock_entry", "stock_checkpoint"),
    EVENTS("ledger_event", "event_checkpoint");

    final String entries;
    final String checkpoints;

    Book(String entries, String checkpoints) {
      this.entries = entries;
      this.checkpoints = checkpoints;
    }
  }

  record Digest(String hex, int count) {}

  private final JdbcClient db;
  private final JdbcTemplate jdbc;
  private final Clock clock;
  private final long settleMillis;

  private final Tenants tenants;
  private final LedgerSigner signer;

  Checkpoints(
      JdbcClient db,
      JdbcTemplate jdbc,
      Clock clock,
      @Value("${unitrace.ledger.checkpoint-settle-ms:10000}") long settleMillis,
      Tenants tenants,
      LedgerSigner signer) {
    this.tenants = tenants;
    this.signer = signer;
    this.db = db;
    this.jdbc = jdbc;
    this.clock = clock;
    this.settleMillis = settleMillis;
  }

  @Scheduled(
      fixedDelayString = "${unitrace.ledger.checkpoint-interval-ms:300000}",
      initialDelayString = "${unitrace.ledger.checkpoint-interval-ms:300000}")
  void closeAll() {
    for (long tenant : tenants.ids()) {
      close(tenant);
    }
  }

  /**
   * Closes a signed checkpoint in each book over its settled entries since the last one; empty when
   * none has any.
   */
  public List<Checkpoint> close(long tenantId) {
    List<Checkpoint> closed = new ArrayList<>(3);
    for (Book book : Book.values()) {
      close(tenantId, book).ifPresent(closed::add);
    }
    return closed;
  }

  private Optional<Checkpoint> close(long tenantId, Book book) {
    Optional<Checkpoint> last = latest(tenantId, book);
    long first = last.map(c -> c.lastEntryId() + 1).orElse(1L);
    String prevDigest = last.map(Checkpoint::digest).orElse(HashChain.GENESIS);
    Long horizon =
        db.sql(
                book == Book.EVENTS
                    ? """
                    SELECT max(ev.id) FROM ledger_event ev
                    WHERE ev.tenant_id = ? AND ev.id >= ? AND ev.recorded_at <= ?"""
                    : "SELECT max(e.id) FROM "
                        + book.entries
                        + """
                 e JOIN ledger_event ev ON ev.id = e.event_id
                WHERE e.tenant_id = ? AND e.id >= ? AND ev.recorded_at <= ?""")
            .params(tenantId, first, clock.millis() - settleMillis)
            .query(Long.class)
            .optional()
            .orElse(null);
    if (horizon == null) {
      return Optional.empty();
    }
    Digest d = digest(jdbc, book, tenantId, first, horizon, prevDigest);
    long now = clock.millis();
    Checkpoint unsigned =
        new Checkpoint(book, 0, first, horizon, d.count(), prevDigest, d.hex(), now, null);
    String signature = signer.sign(unsigned.signedText(tenantId));
    try {
      long id =
          db.sql(
                  "INSERT INTO "
                      + book.checkpoints
                      + """
               (tenant_id, first_entry_id, last_entry_id, entry_count, prev_digest, digest, created_at, signature)
              VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""")
              .params(tenantId, first, horizon, d.count(), prevDigest, d.hex(), now, signature)
              .query(Long.class)
              .single();
      return Optional.of(
          new Checkpoint(book, id, first, horizon, d.count(), prevDigest, d.hex(), now, signature));
    } catch (DataAccessException e) {
      if (Database.isUniqueViolation(e)) {
        log.debug(
            "another server closed the {} checkpoint of tenant {} from entry {}",
            book,
            tenantId,
            first);
        return Optional.empty();
      }
      throw e;
    }
  }

  /** Every book's checkpoints, units first, then stock, then events, each in order. */
  public List<Checkpoint> list(long tenantId) {
    List<Checkpoint> all = new ArrayList<>();
    for (Book book : Book.values()) {
      all.addAll(list(tenantId, book));
    }
    return all;
  }

  /** Every book's checkpoints, each in order, one at a time without holding them all. */
  void each(long tenantId, Consumer<Checkpoint> sink) {
    for (Book book : Book.values()) {
      jdbc.query(
          "SELECT id, first_entry_id, last_entry_id, entry_count, prev_digest, digest, created_at, signature FROM "
              + book.checkpoints
              + " WHERE tenant_id = ? ORDER BY first_entry_id",
          (RowCallbackHandler) rs -> sink.accept(checkpoint(book, rs)),
          tenantId);
    }
  }

  List<Checkpoint> list(long tenantId, Book book) {
    return db.sql(
            "SELECT id, first_entry_id, last_entry_id, entry_count, prev_digest, digest, created_at, signature FROM "
                + book.checkpoints
                + " WHERE tenant_id = ? ORDER BY first_entry_id")
        .param(tenantId)
        .query((rs, n) -> checkpoint(book, rs))
        .list();
  }

  private Optional<Checkpoint> latest(long tenantId, Book book) {
    return db.sql(
            "SELECT id, first_entry_id, last_entry_id, entry_count, prev_digest, digest, created_at, signature FROM "
                + book.checkpoints
                + " WHERE tenant_id = ? ORDER BY last_entry_id DESC LIMIT 1")
        .param(tenantId)
        .query((rs, n) -> checkpoint(book, rs))
        .optional();
  }

  private static Checkpoint checkpoint(Book book, ResultSet rs) throws SQLException {
    return new Checkpoint(
        book,
        rs.getLong(1),
        rs.getLong(2),
        rs.getLong(3),
        rs.getInt(4),
        rs.getString(5),
        rs.getString(6),
        rs.getLong(7),
        rs.getString(8));
  }

  static Digest digest(
      JdbcTemplate jdbc, Book book, long tenantId, long first, long last, String prevDigest) {
    MessageDigest sha = HashChain.sha256();
    sha.update(prevDigest.getBytes(StandardCharsets.US_ASCII));
    int[] count = {0};
    if (book == Book.EVENTS) {
      // An event of form v2 carries its hash; one of form v1 is hashed here from its columns.
      jdbc.query(
          "SELECT "
              + Forms.EVENT_COLUMNS
              + " FROM ledger_event ev WHERE ev.tenant_id = ? AND ev.id >= ? AND ev.id <= ? ORDER BY ev.id",
          rs -> {
            String hash = rs.getString("ev_hash");
            sha.update(
                (hash != null ? hash : Forms.eventHash(Forms.event(rs)))
                    .getBytes(StandardCharsets.US_ASCII));
            count[0]++;
          },
          tenantId,
          first,
          last);
      return new Digest(HashChain.hex(sha.digest()), count[0]);
    }
    jdbc.query(
        "SELECT hash FROM "
            + book.entries
            + " WHERE tenant_id = ? AND id >= ? AND id <= ? ORDER BY id",
        rs -> {
          sha.update(rs.getString(1).getBytes(StandardCharsets.US_ASCII));
          count[0]++;
        },
        tenantId,
        first,
        last);
    return new Digest(HashChain.hex(sha.digest()), count[0]);
  }
}
