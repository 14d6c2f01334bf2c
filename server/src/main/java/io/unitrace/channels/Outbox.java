package io.unitrace.channels;

import java.time.Clock;
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
    if (!isEventType(type)) {
      throw new IllegalArgumentException(EVENT_TYPE_RULE + ": " + type);
    }
    String body = json.writeValueAsString(payload == null ? Map.of() : payload);
    long seq = nextSeq(tenantId);
    long now = clock.millis();
    long eventId =
        db.sql(
                """
                INSERT INTO outbox_event (tenant_id, seq, type, payload, recorded_at)
                VALUES (?, ?, ?, ?, ?) RETURNING id""")
            .params(tenantId, seq, type, body, now)
            .query(Long.class)
            .single();
    webhooks.scheduleDeliveries(tenantId, eventId, seq, type, now);
    TransactionSynchronizationManager.registerSynchronization(
        new TransactionSynchronization() {
          @Override
          public void afterCommit() {
            signal.committed();
          }
        });
    return seq;
  }

  /**
   * Event types are dot-separated words ("availability.changed"): they end a RabbitMQ routing key
   * after the client's code, where dots separate the words a binding can match.
   */
  static boolean isEventType(String type) {
    return type != null && type.length() <= 100 && EVENT_TYPE.matcher(type).matches();
  }

  /** The client's next number, its counter row locked until the caller's transaction ends. */
  private long nextSeq(long tenantId) {
    return increment(tenantId)
        .orElseGet(
            () -> {
              db.sql(
                      """
                      INSERT INTO outbox_sequence (tenant_id, last_seq) VALUES (?, 0)
                      ON CONFLICT (tenant_id) DO NOTHING""")
                  .param(tenantId)
                  .update();
              return increment(tenantId).orElseThrow();
            });
  }

  private Optional<Long> increment(long tenantId) {
    return db.sql(
            """
            UPDATE outbox_sequence SET last_seq = last_seq + 1
            WHERE tenant_id = ? RETURNING last_seq""")
        .param(tenantId)
        .query(Long.class)
        .optional();
  }
}
