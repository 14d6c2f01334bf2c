package io.unitrace.channels;

import io.unitrace.shared.CursorPage;
import io.unitrace.shared.MultiRowInsert;
import io.unitrace.shared.Problem;
import io.unitrace.shared.Text;
import io.unitrace.shared.Times;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/**
 * A client's webhook subscriptions and their delivery log. Each event appended to the outbox gets
 * one delivery per live subscription that takes its type, in the appending transaction; the {@link
 * WebhookDispatcher} sends them.
 */
@Service
class Webhooks {

  static final int MAX_URL = 2000;
  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};
  private static final SecureRandom RANDOM = new SecureRandom();

  record NewWebhook(String url, List<String> types) {

    NewWebhook {
      Text.line("url", url, 2000);
      Text.noNulls("types", types);
    }
  }

  /** {@code types} absent: every event. */
  record Webhook(long id, String url, List<String> types, Instant createdAt, String createdBy) {}

  /** The answer to a subscription: the only time its signing secret is shown. */
  record CreatedWebhook(
      long id,
      String url,
      List<String> types,
      String secret,
      Instant createdAt,
      String createdBy) {}

  /**
   * One event to one subscription. {@code lastStatus} is the receiver's last HTTP status, {@code
   * lastError} why the last attempt got none (timeout, refused connection) or was not a success.
   */
  record Delivery(
      long id,
      long webhook,
      long seq,
      String type,
      String status,
      int attempts,
      Integer lastStatus,
      String lastError,
      Instant lastAttemptAt,
      Instant nextAttemptAt,
      Instant deliveredAt,
      Instant createdAt) {}

  private final JdbcClient db;
  private final ObjectMapper json;
  private final Clock clock;

  Webhooks(JdbcClient db, ObjectMapper json, Clock clock) {
    this.db = db;
    this.json = json;
    this.clock = clock;
  }

  @Transactional
  CreatedWebhook subscribe(long tenantId, String actor, NewWebhook request) {
    if (request == null) {
      throw Problem.badRequest("invalid-field", "url", "a webhook needs a url");
    }
    String url = validUrl(request.url());
    List<String> types = validTypes(request.types());
    byte[] key = new byte[32];
    RANDOM.nextBytes(key);
    String secret = "whsec_" + HexFormat.of().formatHex(key);
    long now = clock.millis();
    long id =
        db.sql(
                """
                INSERT INTO webhook_subscription (tenant_id, url, types, secret, created_at, created_by)
                VALUES (?, ?, ?, ?, ?, ?) RETURNING id""")
            .params(
                tenantId,
                url,
                types == null ? null : json.writeValueAsString(types),
                secret,
                now,
                actor)
            .query(Long.class)
            .single();
    return new CreatedWebhook(id, url, types, secret, Instant.ofEpochMilli(now), actor);
  }

  List<Webhook> list(long tenantId) {
    return db.sql(
            """
            SELECT id, url, types, created_at, created_by FROM webhook_subscription
            WHERE tenant_id = ? AND deleted_at IS NULL ORDER BY id""")
        .param(tenantId)
        .query(
            (rs, i) ->
                new Webhook(
                    rs.getLong("id"),
                    rs.getString("url"),
                    types(rs.getString("types")),
                    Instant.ofEpochMilli(rs.getLong("created_at")),
                    rs.getString("created_by")))
        .list();
  }

  /** Ends a subscription: nothing more is sent to it, its pending deliveries are cancelled. */
  @Transactional
  void unsubscribe(long tenantId, long id) {
    int ended =
        db.sql(
                """
                UPDATE webhook_subscription SET deleted_at = ?
                WHERE id = ? AND tenant_id = ? AND deleted_at IS NULL""")
            .params(clock.millis(), id, tenantId)
            .update();
    if (ended == 0) {
      throw unknownWebhook(id);
    }
    db.sql(
            """
            UPDATE webhook_delivery SET status = 'CANCELLED', next_attempt_at = NULL
            WHERE subscription_id = ? AND status = 'PENDING'""")
        .param(id)
        .update();
  }

  /** The delivery log of a subscription (also of a deleted one), oldest first. */
  CursorPage<Delivery> deliveries(long tenantId, long webhookId, String cursor, int limit) {
    boolean known =
        db.sql("SELECT count(*) FROM webhook_subscription WHERE id = ? AND tenant_id = ?")
                .params(webhookId, tenantId)
                .query(Long.class)
                .single()
            > 0;
    if (!known) {
      throw unknownWebhook(webhookId);
    }
    List<Delivery> rows =
        db.sql(
                """
                SELECT d.*, e.type FROM webhook_delivery d
                JOIN outbox_event e ON e.id = d.event_id
                WHERE d.subscription_id = ? AND d.tenant_id = ? AND d.id > ?
                ORDER BY d.id LIMIT ?""")
            .params(webhookId, tenantId, CursorPage.decode(cursor), limit + 1)
            .query(Webhooks::delivery)
            .list();
    return CursorPage.of(rows, limit, Delivery::id);
  }

  /**
   * Sends a delivery again as soon as the dispatcher comes by, with a fresh round of attempts,
   * whatever became of it (delivered, failed). Refused while an attempt is under way.
   */
  @Transactional
  Delivery redeliver(long tenantId, long deliveryId) {
    long now = clock.millis();
    int updated =
        db.sql(
                """
                UPDATE webhook_delivery
                SET status = 'PENDING', attempts_before = attempts, next_attempt_at = ?,
                    claimed_until = NULL
                WHERE id = ? AND tenant_id = ?
                  AND (claimed_until IS NULL OR claimed_until < ?)
                  AND subscription_id IN (
                    SELECT s.id FROM webhook_subscription s WHERE s.deleted_at IS NULL)""")
            .params(now, deliveryId, tenantId, now)
            .update();
    Delivery d =
        delivery(tenantId, deliveryId)
            .orElseThrow(
                () -> Problem.notFound("unknown-delivery", "no webhook delivery " + deliveryId));
    if (updated == 0) {
      boolean live =
          db.sql("SELECT count(*) FROM webhook_subscription WHERE id = ? AND deleted_at IS NULL")
                  .param(d.webhook())
                  .query(Long.class)
                  .single()
              > 0;
      throw live
          ? Problem.conflict(
              "delivery-in-progress", null, "delivery " + deliveryId + " is being sent right now")
          : Problem.conflict(
              "webhook-deleted",
              null,
              "the webhook of delivery " + deliveryId + " was deleted; nothing is sent to it");
    }
    return d;
  }

  Optional<Delivery> delivery(long tenantId, long deliveryId) {
    return db.sql(
            """
            SELECT d.*, e.type FROM webhook_delivery d
            JOIN outbox_event e ON e.id = d.event_id
            WHERE d.id = ? AND d.tenant_id = ?""")
        .params(deliveryId, tenantId)
        .query(Webhooks::delivery)
        .optional();
  }

  /**
   * One pending delivery per live subscription of the client that takes {@code type}, in the
   * caller's (the outbox's) transaction.
   */
  /** An event just appended: its row id and its number within the client. */
  record Appended(long eventId, long seq) {}

  /**
   * A delivery for each event and each of the client's webhooks that takes its type, in the
   * appending transaction: one read of the webhooks, one multi-row insert.
   */
  void scheduleDeliveries(long tenantId, List<Appended> events, String type, long now) {
    record Target(long id, String types) {}
    List<Target> targets =
        db.sql(
                """
                SELECT id, types FROM webhook_subscription
                WHERE tenant_id = ? AND deleted_at IS NULL""")
            .param(tenantId)
            .query((rs, i) -> new Target(rs.getLong("id"), rs.getString("types")))
            .list();
    List<Object[]> rows = new ArrayList<>();
    for (Target t : targets) {
      List<String> takes = types(t.types());
      if (takes == null || takes.contains(type)) {
        for (Appended e : events) {
          rows.add(
              new Object[] {tenantId, t.id(), e.eventId(), e.seq(), "PENDING", 0, 0, now, now});
        }
      }
    }
    MultiRowInsert.insert(
        db,
        "webhook_delivery",
        List.of(
            "tenant_id",
            "subscription_id",
            "event_id",
            "seq",
            "status",
            "attempts",
            "attempts_before",
            "next_attempt_at",
            "created_at"),
        rows,
        null);
  }

  private static Delivery delivery(ResultSet rs, int row) throws SQLException {
    int lastStatus = rs.getInt("last_status");
    Integer status = rs.wasNull() ? null : lastStatus;
    return new Delivery(
        rs.getLong("id"),
        rs.getLong("subscription_id"),
        rs.getLong("seq"),
        rs.getString("type"),
        rs.getString("status"),
        rs.getInt("attempts"),
        status,
        rs.getString("last_error"),
        Times.instant(nullable(rs, "last_attempt_at")),
        Times.instant(nullable(rs, "next_attempt_at")),
        Times.instant(nullable(rs, "delivered_at")),
        Instant.ofEpochMilli(rs.getLong("created_at")));
  }

  private static Long nullable(ResultSet rs, String column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? null : v;
  }

  private List<String> types(String text) {
    return text == null ? null : json.readValue(text, STRINGS);
  }

  static Problem unknownWebhook(long id) {
    return Problem.notFound("unknown-webhook", "no webhook " + id);
  }

  /** An absolute http or https URL with a host. */
  static String validUrl(String url) {
    if (url == null || url.isBlank()) {
      throw Problem.badRequest("invalid-field", "url", "a webhook needs a url");
    }
    String u = url.strip();
    if (u.length() > MAX_URL) {
      throw Problem.badRequest(
          "invalid-field", "url", "a webhook url is at most " + MAX_URL + " characters");
    }
    URI uri;
    try {
      uri = new URI(u);
    } catch (URISyntaxException e) {
      throw Problem.badRequest("invalid-field", "url", "not a URL: " + e.getMessage());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw Problem.badRequest(
          "invalid-field", "url", "a webhook url starts with http:// or https://");
    }
    if (uri.getHost() == null || uri.getHost().isBlank()) {
      throw Problem.badRequest("invalid-field", "url", "a webhook url names a host");
    }
    return u;
  }

  /** Null (every type) when absent or empty; else each a valid event type, no repeats. */
  static List<String> validTypes(List<String> types) {
    if (types == null || types.isEmpty()) {
      return null;
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < types.size(); i++) {
      String t = types.get(i);
      if (t == null || !Outbox.isEventType(t.strip())) {
        throw Problem.badRequest("invalid-field", "types[" + i + "]", Outbox.EVENT_TYPE_RULE);
      }
      if (!out.contains(t.strip())) {
        out.add(t.strip());
      }
    }
    return out;
  }
}
