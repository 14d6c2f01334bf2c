package io.unitrace.channels;

import io.unitrace.tenancy.Tenants;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import tools.jackson.databind.ObjectMapper;

/**
 * Sends due webhook deliveries: POSTs the event as JSON, signed ({@link WebhookSignature}), and
 * records each attempt in the delivery's row. A 2xx answer is delivered; anything else (another
 * status, a timeout, a refused connection) is tried again with exponential backoff ({@link
 * RetryPolicy}) until the round's attempts are used up, then the delivery has FAILED.
 *
 * <p>Design note. Several servers may share one database and all run this. A server takes a
 * delivery with a conditional update that succeeds only while nobody holds it ({@code
 * claimed_until} empty or past), so one delivery is never sent by two servers at once; the claim
 * outlives the HTTP timeout, and a server that dies mid-attempt leaves a claim that simply expires.
 * The result is written only under the server's own claim. Delivery is at least once: a server that
 * dies after the receiver answered and before it wrote the result sends again later, so receivers
 * deduplicate by {@code Unitrace-Delivery} (or by client and seq). Attempts of one batch go out in
 * parallel.
 */
@Service
class WebhookDispatcher {

  private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);

  static final Duration TIMEOUT = Duration.ofSeconds(5);

  /** How long a claim holds (ms): longer than the HTTP timeout, with room for a slow database. */
  static final long CLAIM_MILLIS = 30_000;

  static final int BATCH = 32;

  private final JdbcClient db;
  private final ObjectMapper json;
  private final Clock clock;
  private final Feed feed;
  private final Tenants tenants;
  private final boolean enabled;
  private final RetryPolicy retry;
  private final HttpClient http;
  private final Map<Long, String> tenantCodes = new ConcurrentHashMap<>();

  WebhookDispatcher(
      JdbcClient db,
      ObjectMapper json,
      Clock clock,
      Feed feed,
      Tenants tenants,
      @Value("${unitrace.channels.webhooks.enabled:true}") boolean enabled,
      @Value("${unitrace.channels.webhooks.backoff-ms:1000}") long backoffMillis,
      @Value("${unitrace.channels.webhooks.max-backoff-ms:3600000}") long maxBackoffMillis,
      @Value("${unitrace.channels.webhooks.max-attempts:8}") int maxAttempts) {
    this.db = db;
    this.json = json;
    this.clock = clock;
    this.feed = feed;
    this.tenants = tenants;
    this.enabled = enabled;
    this.retry = new RetryPolicy(backoffMillis, maxBackoffMillis, maxAttempts);
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  record Claimed(
      long id,
      long tenantId,
      long seq,
      int attempts,
      int attemptsBefore,
      String url,
      String secret,
      boolean subscriptionLive,
      long eventId,
      long claimedUntil) {}

  record Outcome(Integer status, String error) {
    boolean delivered() {
      return status != null && status >= 200 && status < 300;
    }
  }

  @Scheduled(
      fixedDelayString = "${unitrace.channels.webhooks.poll-ms:500}",
      initialDelayString = "${unitrace.channels.webhooks.poll-ms:500}")
  void dispatchDue() {
    if (!enabled) {
      return;
    }
    try {
      while (dispatchBatch() == BATCH) {
        // A full batch: there may be more due right now.
      }
    } catch (RuntimeException e) {
      log.warn("webhook dispatch failed; trying again at the next poll", e);
    }
  }

  /** Claims and sends up to one batch of due deliveries; answers how many it claimed. */
  int dispatchBatch() {
    long now = clock.millis();
    List<Long> due =
        db.sql(
                """
                SELECT id FROM webhook_delivery
                WHERE status = 'PENDING' AND next_attempt_at <= ?
                  AND (claimed_until IS NULL OR claimed_until < ?)
                ORDER BY next_attempt_at, id LIMIT ?""")
            .params(now, now, BATCH)
            .query(Long.class)
            .list();
    List<Claimed> mine = new ArrayList<>();
    for (long id : due) {
      claim(id, now).ifPresent(mine::add);
    }
    List<CompletableFuture<Void>> sending = new ArrayList<>();
    for (Claimed c : mine) {
      if (!c.subscriptionLive()) {
        cancel(c);
        continue;
      }
      sending.add(send(c).thenAccept(outcome -> record(c, outcome)));
    }
    for (CompletableFuture<Void> f : sending) {
      try {
        f.join();
      } catch (CompletionException e) {
        log.warn("recording a webhook attempt failed", e.getCause());
      }
    }
    return due.size();
  }

  private Optional<Claimed> claim(long id, long now) {
    long until = now + CLAIM_MILLIS;
    int taken =
        db.sql(
                """
                UPDATE webhook_delivery SET claimed_until = ?
                WHERE id = ? AND status = 'PENDING' AND (claimed_until IS NULL OR claimed_until < ?)""")
            .params(until, id, now)
            .update();
    if (taken == 0) {
      return Optional.empty();
    }
    return db.sql(
            """
            SELECT d.id, d.tenant_id, d.seq, d.attempts, d.attempts_before, d.event_id,
                   s.url, s.secret, s.deleted_at
            FROM webhook_delivery d JOIN webhook_subscription s ON s.id = d.subscription_id
            WHERE d.id = ?""")
        .param(id)
        .query(
            (rs, i) -> {
              rs.getLong("deleted_at");
              boolean live = rs.wasNull();
              return new Claimed(
                  rs.getLong("id"),
                  rs.getLong("tenant_id"),
                  rs.getLong("seq"),
                  rs.getInt("attempts"),
                  rs.getInt("attempts_before"),
                  rs.getString("url"),
                  rs.getString("secret"),
                  live,
                  rs.getLong("event_id"),
                  until);
            })
        .optional();
  }

  private CompletableFuture<Outcome> send(Claimed c) {
    String body;
    String type;
    try {
      FeedEvent event =
          db.sql(
                  """
                  SELECT seq, type, recorded_at, payload FROM outbox_event WHERE id = ?""")
              .param(c.eventId())
              .query(feed::event)
              .single()
              .of(tenantCode(c.tenantId()));
      body = json.writeValueAsString(event);
      type = event.type();
    } catch (RuntimeException e) {
      return CompletableFuture.completedFuture(new Outcome(null, "not sent: " + e.getMessage()));
    }
    HttpRequest request;
    try {
      request =
          HttpRequest.newBuilder(URI.create(c.url()))
              .timeout(TIMEOUT)
              .header("Content-Type", "application/json")
              .header("User-Agent", "Unitrace-Webhooks")
              .header("Unitrace-Event", type)
              .header("Unitrace-Delivery", Long.toString(c.id()))
              .header(
                  WebhookSignature.HEADER,
                  WebhookSignature.header(c.secret(), clock.instant().getEpochSecond(), body))
              .POST(HttpRequest.BodyPublishers.ofString(body))
              .build();
    } catch (IllegalArgumentException e) {
      return CompletableFuture.completedFuture(new Outcome(null, "bad url: " + e.getMessage()));
    }
    return http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
        .handle(
            (response, failure) ->
                failure == null
                    ? new Outcome(
                        response.statusCode(),
                        response.statusCode() / 100 == 2
                            ? null
                            : "answered HTTP " + response.statusCode())
                    : new Outcome(null, describe(failure)));
  }

  private static String describe(Throwable failure) {
    Throwable t =
        failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause()
            : failure;
    if (t instanceof HttpTimeoutException) {
      return "no answer within " + TIMEOUT.toSeconds() + " s";
    }
    String what =
        t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    return what.length() > 500 ? what.substring(0, 500) : what;
  }

  /** Writes the attempt into the row, under this server's claim only. */
  void record(Claimed c, Outcome outcome) {
    long now = clock.millis();
    int attempts = c.attempts() + 1;
    if (outcome.delivered()) {
      db.sql(
              """
              UPDATE webhook_delivery
              SET status = 'DELIVERED', attempts = ?, last_status = ?, last_error = NULL,
                  last_attempt_at = ?, delivered_at = ?, next_attempt_at = NULL, claimed_until = NULL
              WHERE id = ? AND claimed_until = ?""")
          .params(attempts, outcome.status(), now, now, c.id(), c.claimedUntil())
          .update();
      return;
    }
    int inRound = attempts - c.attemptsBefore();
    boolean failed = retry.exhausted(inRound);
    Long next = failed ? null : now + retry.delayAfter(inRound);
    db.sql(
            """
            UPDATE webhook_delivery
            SET status = ?, attempts = ?, last_status = ?, last_error = ?, last_attempt_at = ?,
                next_attempt_at = ?, claimed_until = NULL
            WHERE id = ? AND claimed_until = ?""")
        .params(
            failed ? "FAILED" : "PENDING",
            attempts,
            outcome.status(),
            outcome.error(),
            now,
            next,
            c.id(),
            c.claimedUntil())
        .update();
    if (failed) {
      log.info(
          "webhook delivery {} failed after {} attempts: {}", c.id(), inRound, outcome.error());
    }
  }

  private void cancel(Claimed c) {
    db.sql(
            """
            UPDATE webhook_delivery SET status = 'CANCELLED', next_attempt_at = NULL,
              claimed_until = NULL
            WHERE id = ? AND claimed_until = ?""")
        .params(c.id(), c.claimedUntil())
        .update();
  }

  private String tenantCode(long tenantId) {
    return tenantCodes.computeIfAbsent(
        tenantId, id -> tenants.byId(id).map(Tenants.Tenant::code).orElse(Long.toString(id)));
  }
}
