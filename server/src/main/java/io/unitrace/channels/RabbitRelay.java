package io.unitrace.channels;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.unitrace.tenancy.Tenants;
import jakarta.annotation.PreDestroy;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import tools.jackson.databind.ObjectMapper;

/**
 * Publishes every outbox event, of every client, to RabbitMQ when {@code
 * unitrace.channels.rabbitmq.uri} is set: to the durable topic exchange {@value #EXCHANGE} with the
 * routing key {@code <client code>.<event type>}, persistent, as the JSON a webhook receives.
 * Without the property it never connects.
 *
 * <p>Design note. Each client's events go out in sequence order, and only committed ones (the relay
 * reads what has committed; sequence numbers commit in order, see {@link Outbox}). The relay keeps,
 * per client, the last sequence number the broker confirmed, in {@code outbox_relay}: it publishes
 * a batch, waits for the publisher confirms, then moves the position. A crash between the two
 * publishes the batch again after a restart (at least once: consumers deduplicate by client and
 * seq, the message id); nothing is lost. With several servers, a client is relayed by the one
 * holding its lease (a conditional update on the client's row that succeeds only for the holder or
 * once the lease has lapsed), so one client's events are never published by two servers in parallel
 * and keep their order; a dead server's clients pass to another when its leases lapse.
 */
@Service
class RabbitRelay {

  private static final Logger log = LoggerFactory.getLogger(RabbitRelay.class);

  static final String EXCHANGE = "unitrace.channels";
  static final int BATCH = 500;

  /** How long a server keeps a client's lease without renewing it (ms). */
  static final long LEASE_MILLIS = 30_000;

  static final long CONFIRM_TIMEOUT_MILLIS = 10_000;

  /** After a failure the relay waits before it tries again: doubling from 0.5 s up to this (ms). */
  static final long MAX_PAUSE_MILLIS = 30_000;

  private final JdbcClient db;
  private final ObjectMapper json;
  private final Clock clock;
  private final Feed feed;
  private final Tenants tenants;
  private final String uri;
  private final String owner = UUID.randomUUID().toString();
  private final Map<Long, String> tenantCodes = new ConcurrentHashMap<>();

  private Connection connection;
  private Channel channel;
  private int failures;
  private long pausedUntil;

  RabbitRelay(
      JdbcClient db,
      ObjectMapper json,
      Clock clock,
      Feed feed,
      Tenants tenants,
      @Value("${unitrace.channels.rabbitmq.uri:}") String uri) {
    this.db = db;
    this.json = json;
    this.clock = clock;
    this.feed = feed;
    this.tenants = tenants;
    this.uri = uri == null ? "" : uri.strip();
  }

  record Behind(long tenantId, long lastSeq) {}

  @Scheduled(
      fixedDelayString = "${unitrace.channels.rabbitmq.poll-ms:500}",
      initialDelayString = "${unitrace.channels.rabbitmq.poll-ms:500}")
  synchronized void relay() {
    if (uri.isEmpty() || clock.millis() < pausedUntil) {
      return;
    }
    try {
      Channel ch = channel();
      List<Behind> behind =
          db.sql(
                  """
                  SELECT q.tenant_id, q.last_seq FROM outbox_sequence q
                  LEFT JOIN outbox_relay r ON r.tenant_id = q.tenant_id
                  WHERE r.tenant_id IS NULL OR q.last_seq > r.published_seq
                  ORDER BY q.tenant_id""")
              .query(Behind.class)
              .list();
      for (Behind b : behind) {
        lease(b.tenantId()).ifPresent(position -> publish(ch, b.tenantId(), position));
      }
      if (failures > 0) {
        log.info("relaying the outbox to RabbitMQ again after {} failed tries", failures);
        failures = 0;
      }
    } catch (Exception e) {
      failures++;
      pausedUntil = clock.millis() + Math.min(MAX_PAUSE_MILLIS, 500L << Math.min(failures - 1, 10));
      if (failures == 1) {
        log.warn(
            "relaying the outbox to RabbitMQ failed; trying again, less often while it fails", e);
      } else {
        log.debug(
            "relaying the outbox to RabbitMQ failed again ({} tries): {}", failures, e.toString());
      }
      disconnect();
    }
  }

  /**
   * Takes or renews the client's lease; answers its published position when this server holds it.
   */
  private Optional<Long> lease(long tenantId) {
    long now = clock.millis();
    db.sql(
            """
            INSERT INTO outbox_relay (tenant_id, published_seq) VALUES (?, 0)
            ON CONFLICT (tenant_id) DO NOTHING""")
        .param(tenantId)
        .update();
    return db.sql(
            """
            UPDATE outbox_relay SET lease_owner = ?, lease_until = ?
            WHERE tenant_id = ? AND (lease_owner IS NULL OR lease_owner = ? OR lease_until < ?)
            RETURNING published_seq""")
        .params(owner, now + LEASE_MILLIS, tenantId, owner, now)
        .query(Long.class)
        .optional();
  }

  private void publish(Channel ch, long tenantId, long position) {
    String code = tenantCode(tenantId);
    List<FeedEvent> events = feed.read(tenantId, position, BATCH);
    if (events.isEmpty()) {
      return;
    }
    try {
      for (FeedEvent e : events) {
        FeedEvent body = e.of(code);
        AMQP.BasicProperties props =
            new AMQP.BasicProperties.Builder()
                .contentType("application/json")
                .contentEncoding("utf-8")
                .deliveryMode(2)
                .messageId(code + ":" + e.seq())
                .type(e.type())
                .appId("unitrace")
                .timestamp(Date.from(e.recordedAt()))
                .build();
        ch.basicPublish(
            EXCHANGE,
            code + "." + e.type(),
            props,
            json.writeValueAsString(body).getBytes(StandardCharsets.UTF_8));
      }
      ch.waitForConfirmsOrDie(CONFIRM_TIMEOUT_MILLIS);
    } catch (Exception e) {
      throw new IllegalStateException("publishing events of client " + code + " failed", e);
    }
    long last = events.get(events.size() - 1).seq();
    db.sql(
            """
            UPDATE outbox_relay SET published_seq = ?
            WHERE tenant_id = ? AND lease_owner = ? AND published_seq < ?""")
        .params(last, tenantId, owner, last)
        .update();
  }

  private Channel channel() throws Exception {
    if (channel != null && channel.isOpen()) {
      return channel;
    }
    disconnect();
    ConnectionFactory factory = new ConnectionFactory();
    factory.setUri(uri);
    factory.setConnectionTimeout(5_000);
    factory.setAutomaticRecoveryEnabled(false);
    connection = factory.newConnection("unitrace-channels-relay");
    Channel ch = connection.createChannel();
    ch.exchangeDeclare(EXCHANGE, BuiltinExchangeType.TOPIC, true);
    ch.confirmSelect();
    channel = ch;
    log.info("relaying the outbox to RabbitMQ exchange {} at {}", EXCHANGE, safe(uri));
    return ch;
  }

  @PreDestroy
  synchronized void disconnect() {
    try {
      if (connection != null && connection.isOpen()) {
        connection.close(2_000);
      }
    } catch (Exception e) {
      log.debug("closing the RabbitMQ connection", e);
    }
    connection = null;
    channel = null;
  }

  /** The URI without its password, for the log. */
  static String safe(String uri) {
    return uri.replaceAll("//([^:/@]+):[^@]*@", "//$1:***@");
  }

  private String tenantCode(long tenantId) {
    return tenantCodes.computeIfAbsent(
        tenantId, id -> tenants.byId(id).map(Tenants.Tenant::code).orElse(Long.toString(id)));
  }
}
