package io.unitrace.channels;

import static io.unitrace.support.Api.map;
import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import io.unitrace.support.Api;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The relay publishes every committed outbox event to RabbitMQ: the topic exchange {@code
 * unitrace.channels}, routed by client code and event type, in sequence order, persistent, and it
 * remembers how far it got. Runs against the local broker (skipped loudly without one, see {@link
 * RabbitBroker}); the only test with the relay switched on, so the only one with a context of its
 * own.
 */
@ExtendWith(RabbitBroker.class)
@TestPropertySource(
    properties = {
      "unitrace.channels.rabbitmq.uri=${unitrace.rabbitmq.uri:" + RabbitBroker.URI + "}",
      "unitrace.channels.rabbitmq.poll-ms=100"
    })
class ChannelRabbitMqIT extends ChannelTest {

  @Autowired JdbcClient db;

  @Test
  void everyEventIsPublishedToTheTopicExchangeRoutedByClientAndTypeInSequenceOrder()
      throws Exception {
    Client c = newClient();
    try (Connection connection = RabbitBroker.connect();
        Channel channel = connection.createChannel()) {
      channel.exchangeDeclare(RabbitRelay.EXCHANGE, BuiltinExchangeType.TOPIC, true);
      String queue = channel.queueDeclare().getQueue();
      channel.queueBind(queue, RabbitRelay.EXCHANGE, c.code() + ".#");

      append(c, "availability.changed", map("sku", "PHONE-1", "available", 12));
      tx.executeWithoutResult(
          s -> {
            outbox.append(c.id(), "availability.changed", map("sku", "NEVER"));
            s.setRollbackOnly();
          });
      append(c, "availability.changed", map("sku", "PHONE-1", "available", 11));
      append(c, "order.shipped", map("order", "SO-1"));

      List<GetResponse> messages = take(channel, queue, 3);

      assertThat(messages)
          .extracting(m -> m.getEnvelope().getRoutingKey())
          .containsExactly(
              c.code() + ".availability.changed",
              c.code() + ".availability.changed",
              c.code() + ".order.shipped");
      List<JsonNode> bodies = new ArrayList<>();
      for (GetResponse m : messages) {
        bodies.add(Api.JSON.readTree(new String(m.getBody(), StandardCharsets.UTF_8)));
        assertThat(m.getProps().getDeliveryMode()).as("persistent").isEqualTo(2);
        assertThat(m.getProps().getContentType()).isEqualTo("application/json");
      }
      assertThat(bodies).extracting(b -> b.at("/seq").asLong()).containsExactly(1L, 2L, 3L);
      assertThat(bodies).extracting(b -> b.at("/tenant").asString()).containsOnly(c.code());
      assertThat(bodies.get(0).at("/type").asString()).isEqualTo("availability.changed");
      assertThat(bodies.get(0).at("/payload/available").asInt()).isEqualTo(12);
      assertThat(bodies.get(1).at("/payload/available").asInt()).isEqualTo(11);
      assertThat(bodies.get(2).at("/payload/order").asString()).isEqualTo("SO-1");
      assertThat(bodies.get(0).at("/recordedAt").asString()).isNotBlank();
      assertThat(messages.get(0).getProps().getMessageId()).isEqualTo(c.code() + ":1");
      // Each body is the feed's event plus the client.
      JsonNode feed = c.api().get("/api/v1/channels/feed").at("/events");
      for (int i = 0; i < 3; i++) {
        ObjectNode withoutClient = (ObjectNode) bodies.get(i).deepCopy();
        withoutClient.remove("tenant");
        assertThat(withoutClient).isEqualTo(feed.get(i));
      }

      awaitPosition(c, 3);
      Thread.sleep(400);
      assertThat(channel.basicGet(queue, true)).as("each event once").isNull();
    }
  }

  @Test
  void aClientLeasedToAnotherServerIsLeftToItUntilTheLeaseLapsesThenContinuesWhereItStopped()
      throws Exception {
    Client c = newClient();
    try (Connection connection = RabbitBroker.connect();
        Channel channel = connection.createChannel()) {
      channel.exchangeDeclare(RabbitRelay.EXCHANGE, BuiltinExchangeType.TOPIC, true);
      String queue = channel.queueDeclare().getQueue();
      channel.queueBind(queue, RabbitRelay.EXCHANGE, c.code() + ".#");
      append(c, "availability.changed", map("sku", "A"));
      append(c, "availability.changed", map("sku", "B"));
      List<GetResponse> first = take(channel, queue, 2);
      assertThat(first).extracting(m -> seq(m)).containsExactly(1L, 2L);
      awaitPosition(c, 2);

      // Another server holds this client's lease: this one leaves the client alone.
      db.sql(
              "UPDATE outbox_relay SET lease_owner = 'another-server', lease_until = ? WHERE tenant_id = ?")
          .params(System.currentTimeMillis() + 60_000, c.id())
          .update();
      append(c, "availability.changed", map("sku", "C"));
      Thread.sleep(800);
      assertThat(channel.basicGet(queue, true)).as("left to the lease holder").isNull();

      // That server is gone: its lease lapses, this one takes over from the confirmed position.
      db.sql("UPDATE outbox_relay SET lease_until = 0 WHERE tenant_id = ?").param(c.id()).update();
      List<GetResponse> rest = take(channel, queue, 1);
      assertThat(rest).extracting(m -> seq(m)).containsExactly(3L);
      awaitPosition(c, 3);
      Thread.sleep(400);
      assertThat(channel.basicGet(queue, true)).as("nothing published twice").isNull();
    }
  }

  private static List<GetResponse> take(Channel channel, String queue, int n) {
    List<GetResponse> messages = new ArrayList<>();
    eventually(
        n + " messages on " + queue,
        () -> {
          try {
            GetResponse m = channel.basicGet(queue, true);
            if (m != null) {
              messages.add(m);
            }
            return messages.size() >= n;
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
    return messages;
  }

  private static long seq(GetResponse m) {
    return Api.JSON.readTree(new String(m.getBody(), StandardCharsets.UTF_8)).at("/seq").asLong();
  }

  private void awaitPosition(Client c, long seq) {
    eventually(
        "the relay's position at " + seq,
        () ->
            db.sql("SELECT published_seq FROM outbox_relay WHERE tenant_id = ?")
                .param(c.id())
                .query(Long.class)
                .optional()
                .orElse(0L)
                .equals(seq));
  }
}
