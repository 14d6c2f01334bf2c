package io.unitrace.channels;

import io.unitrace.shared.MultiRowInsert;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.ObjectMapper;

/**
 * The outbox of a client's events for sales channels, appended by the module whose change it is,
 * inside that module's transaction: the event exists if and only if the change committed.
 *
 * <p>Design note. Each client's events are numbered 1, 2, 3… and a feed reader asks for "after n".
 * An identity column would not do: numbers are taken at insert and commit later, in any order, so a
 * reader could see 7, move its cursor past 6 while 6 is still in flight, and never see it. Instead
 * the number comes from the client's row in {@code outbox_sequence}, incremented by an UPDATE in
 * the caller's transaction. The row lock that UPDATE takes is held until commit, so the next writer
 * of the same client waits for it: numbers are handed out in commit order, and a rollback gives its
 * number back to the next writer (no gaps). The price is that a client's appending transactions
 * serialise from the append to their commit, so callers append last, just before they commit.
 * Different clients never wait for each other. On SQLite every write transaction holds the
 * database's one write lock from its start anyway.
 */
@Component
public class Outbox {

  static final String EVENT_TYPE_RULE =
      "an event type is up to 100 letters, digits, '-' or '_' in dot-separated words";

  private static final Pattern EVENT_TYPE = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*");

  private final JdbcClient db;
  private final ObjectMapper json;
  private final Clock clock;
  private final Webhooks webhooks;
  private final FeedSignal signal;

  Outbox(JdbcClient db, ObjectMapper json, Clock clock, Webhooks webhooks, FeedSignal signal) {
    this.db = db;
    this.json = json;
    this.clock = clock;
    this.webhooks = webhooks;
    this.signal = signal;
  }

  /**
   * Appends one event for the client {@code tenantId}, in the caller's transaction (joins it; there
   * must be one). {@code type} e.g. "availability.changed"; {@code payload} is a JSON-serialisable
   * map. Returns the event's sequence number within the tenant. Each webhook of the client that
   * takes this type gets a delivery, in the same transaction.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public long append(long tenantId, String type, Map<String, Object> payload) {
    return appendAll(tenantId, type, List.of(payload == null ? Map.of() : payload)).get(0);
  }

  /**
   * Appends several events of one type at once, numbered in the order given, as {@link #append}
   * does one: a few statements however many (a recall notifying thousands of customers). Returns
   * their sequence numbers in that order.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public List<Long> appendAll(long tenantId, String type, List<Map<String, Object>> payloads) {
    if (!isEventType(type)) {
      throw new IllegalArgumentException(EVENT_TYPE_RULE + ": " + type);
    }
    if (payloads.isEmpty()) {
      return List.of();
    }
    int n = payloads.size();
    long first = reserve(tenantId, n) - n + 1;
    long now = clock.millis();
    List<Object[]> rows = new ArrayList<>(n);
    List<Long> seqs = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Map<String, Object> p = payloads.get(i);
      rows.add(
          new Object[] {
            tenantId, first + i, type, json.writeValueAsString(p == null ? Map.of() : p), now
          });
      seqs.add(first + i);
    }
    List<Webhooks.Appended> appended =
        MultiRowInsert.insertReturning(
            db,
            "outbox_event",
            List.of("tenant_id", "seq", "type", "payload", "recorded_at"),
            rows,
            "RETURNING id, seq",
            (rs, i) -> new Webhooks.Appended(rs.getLong(1), rs.getLong(2)));
    webhooks.scheduleDeliveries(tenantId, appended, type, now);
    TransactionSynchronizationManager.registerSynchronization(
        new TransactionSynchronization() {
          @Override
          public void afterCommit() {
            signal.committed();
          }
        });
    return seqs;
  }

  /**
   * Event types are dot-separated words ("availability.changed"): they end a RabbitMQ routing key
   * after the client's code, where dots separate the words a binding can match.
   */
  static boolean isEventType(String type) {
    return type != null && type.length() <= 100 && EVENT_TYPE.matcher(type).matches();
  }

  /**
   * Takes the client's next {@code n} numbers and answers the last, its counter row locked until
   * the caller's transaction ends.
   */
  private long reserve(long tenantId, int n) {
    return increment(tenantId, n)
        .orElseGet(
            () -> {
              db.sql(
                      """
                      INSERT INTO outbox_sequence (tenant_id, last_seq) VALUES (?, 0)
                      ON CONFLICT (tenant_id) DO NOTHING""")
                  .param(tenantId)
                  .update();
              return increment(tenantId, n).orElseThrow();
            });
  }

  private Optional<Long> increment(long tenantId, int n) {
    return db.sql(
            """
            UPDATE outbox_sequence SET last_seq = last_seq + ?
            WHERE tenant_id = ? RETURNING last_seq""")
        .params(n, tenantId)
        .query(Long.class)
        .optional();
  }
}
