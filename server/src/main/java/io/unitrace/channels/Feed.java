package io.unitrace.channels;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import tools.jackson.databind.ObjectMapper;

/**
 * A client's events in sequence order after a cursor, optionally waiting for the first new one.
 * Because sequence numbers commit in order (see {@link Outbox}), "seq > after" never skips an event
 * that commits late: the cursor is simply the last number seen.
 */
@Service
class Feed {

  /** Re-read at least this often while waiting (ms): events committed by another server. */
  static final long REREAD_MILLIS = 1000;

  record Page(List<FeedEvent> events, long next) {}

  private final JdbcClient db;
  private final ObjectMapper json;
  private final FeedSignal signal;

  Feed(JdbcClient db, ObjectMapper json, FeedSignal signal) {
    this.db = db;
    this.json = json;
    this.signal = signal;
  }

  /**
   * Up to {@code limit} events after {@code after}; when there are none, waits up to {@code
   * waitMillis} for one to commit.
   */
  Page after(long tenantId, long after, int limit, long waitMillis) {
    long deadline = System.nanoTime() + waitMillis * 1_000_000;
    while (true) {
      long seen = signal.generation();
      List<FeedEvent> events = read(tenantId, after, limit);
      long left = (deadline - System.nanoTime()) / 1_000_000;
      if (!events.isEmpty() || left <= 0) {
        return new Page(events, events.isEmpty() ? after : events.get(events.size() - 1).seq());
      }
      try {
        signal.awaitAfter(seen, Math.min(left, REREAD_MILLIS));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return new Page(List.of(), after);
      }
    }
  }

  List<FeedEvent> read(long tenantId, long after, int limit) {
    return db.sql(
            """
            SELECT seq, type, recorded_at, payload FROM outbox_event
            WHERE tenant_id = ? AND seq > ? ORDER BY seq LIMIT ?""")
        .params(tenantId, after, limit)
        .query(this::event)
        .list();
  }

  FeedEvent event(ResultSet rs, int row) throws SQLException {
    return new FeedEvent(
        null,
        rs.getLong("seq"),
        rs.getString("type"),
        Instant.ofEpochMilli(rs.getLong("recorded_at")),
        json.readTree(rs.getString("payload")));
  }
}
