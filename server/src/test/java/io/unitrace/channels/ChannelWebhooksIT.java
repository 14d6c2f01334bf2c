package io.unitrace.channels;

import static io.unitrace.support.Api.list;
import static io.unitrace.support.Api.map;
import static io.unitrace.support.Site.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.unitrace.support.Api;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Webhooks: a client subscribes a URL, each event is POSTed to it signed with the subscription's
 * secret, failures are retried with backoff and logged, and a delivery is sent again on request.
 * The receiver is a real HTTP server on a local port.
 */
class ChannelWebhooksIT extends ChannelTest {

  static final String HOOKS = "/api/v1/channels/webhooks";

  @Autowired WebhookDispatcher dispatcher;

  @Test
  void anEventIsPostedToTheWebhookSignedWithItsSecret() throws Exception {
    Client c = newClient();
    try (Receiver receiver = Receiver.start()) {
      var created = c.api().post(HOOKS, map("url", receiver.url("/unitrace/events")));
      assertThat(created.status()).as(created.toString()).isEqualTo(201);
      long hook = created.at("/id").asLong();
      String secret = created.at("/secret").asString();
      assertThat(secret).startsWith("whsec_").hasSizeGreaterThan(40);
      var listed = ok(c.api().get(HOOKS));
      assertThat(listed.at("/0/id").asLong()).isEqualTo(hook);
      assertThat(listed.at("/0/url").asString()).isEqualTo(receiver.url("/unitrace/events"));
      assertThat(listed.body()).as("the secret is shown once").doesNotContain(secret);

      append(c, "availability.changed", map("sku", "PHONE-1", "available", 12));

      Receiver.Request request = receiver.await(1, PATIENCE).get(0);
      assertThat(request.path()).isEqualTo("/unitrace/events");
      assertThat(request.header("Content-Type")).startsWith("application/json");
      assertThat(request.header("Unitrace-Event")).isEqualTo("availability.changed");
      assertThat(
              WebhookSignature.verify(
                  secret,
                  request.header("Unitrace-Signature"),
                  request.body(),
                  Instant.now().getEpochSecond(),
                  300))
          .as("signature " + request.header("Unitrace-Signature"))
          .isTrue();
      JsonNode body = Api.JSON.readTree(request.body());
      assertThat(body.at("/tenant").asString()).isEqualTo(c.code());
      assertThat(body.at("/seq").asLong()).isEqualTo(1);
      assertThat(body.at("/type").asString()).isEqualTo("availability.changed");
      assertThat(body.at("/payload/sku").asString()).isEqualTo("PHONE-1");
      assertThat(body.at("/payload/available").asInt()).isEqualTo(12);

      JsonNode delivery = awaitDelivery(c, hook, "DELIVERED");
      assertThat(delivery.at("/id").asString()).isEqualTo(request.header("Unitrace-Delivery"));
      assertThat(delivery.at("/seq").asLong()).isEqualTo(1);
      assertThat(delivery.at("/type").asString()).isEqualTo("availability.changed");
      assertThat(delivery.at("/attempts").asInt()).isEqualTo(1);
      assertThat(delivery.at("/lastStatus").asInt()).isEqualTo(200);
      assertThat(delivery.at("/deliveredAt").isMissingNode()).isFalse();
      assertThat(delivery.at("/nextAttemptAt").isMissingNode()).isTrue();
    }
  }

  @Test
  void aReceiverThatFailsTwiceGetsTheEventOnTheThirdAttemptAfterBackingOff() {
    Client c = newClient();
    try (Receiver receiver = Receiver.answering(500, 500)) {
      long hook = subscribe(c, receiver.url("/hook"));
      append(c, "availability.changed", map("sku", "PHONE-2", "available", 0));

      JsonNode delivery = awaitDelivery(c, hook, "DELIVERED");
      assertThat(delivery.at("/attempts").asInt()).isEqualTo(3);
      assertThat(delivery.at("/lastStatus").asInt()).isEqualTo(200);
      assertThat(delivery.at("/lastError").isMissingNode()).isTrue();

      List<Receiver.Request> attempts = receiver.received();
      assertThat(attempts).hasSize(3);
      assertThat(attempts)
          .extracting(r -> r.header("Unitrace-Delivery"))
          .containsOnly(delivery.at("/id").asString());
      assertThat(attempts).extracting(Receiver.Request::body).containsOnly(attempts.get(0).body());
      // Backoff of 50 ms (the tests' setting), doubling: at least 50 ms, then at least 100 ms.
      assertThat(gap(attempts.get(0), attempts.get(1)))
          .isGreaterThanOrEqualTo(Duration.ofMillis(50));
      assertThat(gap(attempts.get(1), attempts.get(2)))
          .isGreaterThanOrEqualTo(Duration.ofMillis(100));
    }
  }

  @Test
  void aFailedAttemptIsLoggedWithTheReceiversStatusAndWhenItIsTriedAgain() {
    Client c = newClient();
    try (Receiver receiver = Receiver.answering(503, 503, 503, 503, 503, 503, 503, 503, 503)) {
      long hook = subscribe(c, receiver.url("/hook"));
      append(c, "availability.changed", map("sku", "PHONE-3"));
      receiver.await(1, PATIENCE);
      JsonNode pending = awaitDelivery(c, hook, "PENDING", d -> d.at("/attempts").asInt() >= 1);
      assertThat(pending.at("/lastStatus").asInt()).isEqualTo(503);
      assertThat(pending.at("/lastError").asString()).contains("503");
      assertThat(pending.at("/lastAttemptAt").isMissingNode()).isFalse();

      JsonNode failed = awaitDelivery(c, hook, "FAILED");
      assertThat(failed.at("/attempts").asInt()).as("max-attempts, 8 by default").isEqualTo(8);
      assertThat(failed.at("/nextAttemptAt").isMissingNode()).isTrue();
      assertThat(receiver.received()).hasSize(8);

      var again =
          ok(c.api().post(HOOKS + "/deliveries/" + failed.at("/id").asLong() + "/redeliver", null));
      assertThat(again.at("/status").asString()).isEqualTo("PENDING");
      JsonNode delivered = awaitDelivery(c, hook, "DELIVERED");
      assertThat(delivered.at("/attempts").asInt()).as("attempts of every round").isEqualTo(10);
      assertThat(receiver.received()).hasSize(10);
    }
  }

  @Test
  void aDeliveredEventIsSentAgainOnRequest() {
    Client c = newClient();
    try (Receiver receiver = Receiver.start()) {
      long hook = subscribe(c, receiver.url("/hook"));
      append(c, "availability.changed", map("sku", "PHONE-4", "available", 3));
      JsonNode delivered = awaitDelivery(c, hook, "DELIVERED");
      long id = delivered.at("/id").asLong();

      var again = ok(c.api().post(HOOKS + "/deliveries/" + id + "/redeliver", null));
      assertThat(again.at("/id").asLong()).isEqualTo(id);
      assertThat(again.at("/status").asString()).isEqualTo("PENDING");

      List<Receiver.Request> requests = receiver.await(2, PATIENCE);
      assertThat(requests.get(1).header("Unitrace-Delivery")).isEqualTo(Long.toString(id));
      assertThat(Api.JSON.readTree(requests.get(1).body()).at("/payload/sku").asString())
          .isEqualTo("PHONE-4");
      JsonNode twice = awaitDelivery(c, hook, "DELIVERED", d -> d.at("/attempts").asInt() == 2);
      assertThat(twice.at("/lastStatus").asInt()).isEqualTo(200);
    }
  }

  @Test
  void aWebhookReceivesOnlyTheTypesItSubscribedTo() {
    Client c = newClient();
    try (Receiver shipped = Receiver.start();
        Receiver everything = Receiver.start()) {
      var created =
          ok(c.api().post(HOOKS, map("url", shipped.url("/s"), "types", list("order.shipped"))));
      assertThat(created.at("/types/0").asString()).isEqualTo("order.shipped");
      subscribe(c, everything.url("/all"));

      append(c, "availability.changed", map("sku", "A"));
      append(c, "order.shipped", map("order", "SO-1"));
      append(c, "availability.changed", map("sku", "B"));

      everything.await(3, PATIENCE);
      List<Receiver.Request> got = shipped.await(1, PATIENCE);
      assertThat(got).hasSize(1);
      assertThat(got.get(0).header("Unitrace-Event")).isEqualTo("order.shipped");
      assertThat(Api.JSON.readTree(got.get(0).body()).at("/seq").asLong()).isEqualTo(2);
    }
  }

  @Test
  void aDeletedWebhookReceivesNothingMore() throws Exception {
    Client c = newClient();
    try (Receiver receiver = Receiver.start()) {
      long hook = subscribe(c, receiver.url("/hook"));
      append(c, "availability.changed", map("sku", "BEFORE"));
      JsonNode first = awaitDelivery(c, hook, "DELIVERED");

      var deleted = c.api().delete(HOOKS + "/" + hook);
      assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);
      assertThat(ok(c.api().get(HOOKS)).json().size()).isZero();
      assertThat(c.api().delete(HOOKS + "/" + hook).status()).isEqualTo(404);

      append(c, "availability.changed", map("sku", "AFTER"));
      Thread.sleep(600);
      assertThat(receiver.received()).hasSize(1);
      var log = ok(c.api().get(HOOKS + "/" + hook + "/deliveries"));
      assertThat(log.at("/items").size()).as("the log of a deleted webhook stays").isEqualTo(1);
      var again =
          c.api().post(HOOKS + "/deliveries/" + first.at("/id").asLong() + "/redeliver", null);
      assertThat(again.status()).isEqualTo(409);
      assertThat(again.problemCode()).isEqualTo("webhook-deleted");
    }
  }

  @Test
  void anotherClientNeitherSeesNorRedeliversAClientsWebhooks() {
    Client c = newClient();
    Client other = newClient();
    try (Receiver receiver = Receiver.start()) {
      long hook = subscribe(c, receiver.url("/hook"));
      append(c, "availability.changed", map("sku", "X"));
      long delivery = awaitDelivery(c, hook, "DELIVERED").at("/id").asLong();

      assertThat(ok(other.api().get(HOOKS)).json().size()).isZero();
      assertThat(other.api().get(HOOKS + "/" + hook + "/deliveries").problemCode())
          .isEqualTo("unknown-webhook");
      assertThat(other.api().delete(HOOKS + "/" + hook).status()).isEqualTo(404);
      var redeliver = other.api().post(HOOKS + "/deliveries/" + delivery + "/redeliver", null);
      assertThat(redeliver.status()).isEqualTo(404);
      assertThat(redeliver.problemCode()).isEqualTo("unknown-delivery");
    }
  }

  @Test
  void severalDispatchersAtOnceSendEachDeliveryOnce() throws Exception {
    Client c = newClient();
    try (Receiver receiver = Receiver.slow(Duration.ofMillis(150))) {
      long hook = subscribe(c, receiver.url("/hook"));
      int events = 12;
      tx.executeWithoutResult(
          s -> {
            for (int i = 1; i <= events; i++) {
              outbox.append(c.id(), "availability.changed", map("sku", "SKU-" + i));
            }
          });
      // Three more dispatchers besides the scheduled one, as on servers sharing the database.
      ExecutorService servers = Executors.newFixedThreadPool(3);
      try {
        List<Future<?>> running = new ArrayList<>();
        for (int s = 0; s < 3; s++) {
          running.add(
              servers.submit(
                  () -> {
                    for (int round = 0; round < 5; round++) {
                      dispatcher.dispatchBatch();
                    }
                  }));
        }
        for (Future<?> f : running) {
          f.get(60, TimeUnit.SECONDS);
        }
      } finally {
        servers.shutdownNow();
      }
      eventually(
          "all deliveries delivered",
          () ->
              ok(c.api().get(HOOKS + "/" + hook + "/deliveries"))
                      .at("/items")
                      .findValues("status")
                      .stream()
                      .filter(st -> st.asString().equals("DELIVERED"))
                      .count()
                  == events);
      Thread.sleep(300);
      List<Receiver.Request> got = receiver.received();
      assertThat(got).extracting(r -> r.header("Unitrace-Delivery")).doesNotHaveDuplicates();
      assertThat(got).hasSize(events);
      for (JsonNode d : ok(c.api().get(HOOKS + "/" + hook + "/deliveries")).at("/items")) {
        assertThat(d.at("/attempts").asInt()).isEqualTo(1);
      }
    }
  }

  @Test
  void onlyASupervisorManagesWebhooksAndAClientUserOnlyReads() {
    Client c = newClient();
    Api operator = person(c, "OPERATOR");
    Api clientUser = person(c, "CLIENT");
    try (Receiver receiver = Receiver.start()) {
      var byOperator = operator.post(HOOKS, map("url", receiver.url("/hook")));
      assertThat(byOperator.status()).isEqualTo(403);
      assertThat(byOperator.at("/detail").asString()).contains("SUPERVISOR");
      long hook = subscribe(c, receiver.url("/hook"));
      assertThat(operator.delete(HOOKS + "/" + hook).status()).isEqualTo(403);
      assertThat(clientUser.post(HOOKS, map("url", receiver.url("/hook"))).status()).isEqualTo(403);

      append(c, "availability.changed", map("sku", "X"));
      long delivery = awaitDelivery(c, hook, "DELIVERED").at("/id").asLong();
      assertThat(ok(clientUser.get(HOOKS)).json().size()).isEqualTo(1);
      assertThat(ok(clientUser.get("/api/v1/channels/feed")).at("/events").size()).isEqualTo(1);
      assertThat(clientUser.post(HOOKS + "/deliveries/" + delivery + "/redeliver", null).status())
          .isEqualTo(403);
      assertThat(
              ok(operator.post(HOOKS + "/deliveries/" + delivery + "/redeliver", null))
                  .at("/status")
                  .asString())
          .isEqualTo("PENDING");
    }
  }

  private Api person(Client c, String role) {
    String username = unique(role.toLowerCase() + "-");
    String password = "pw-" + unique("");
    ok(
        admin.post(
            "/api/v1/users",
            map(
                "username",
                username,
                "password",
                password,
                "role",
                role,
                "tenants",
                list(c.code()))));
    return Api.basic(port, username, password).in(c.code());
  }

  @Test
  void badSubscriptionsAreRefusedNamingTheFieldAndWriteNothing() {
    Client c = newClient();
    refused(c, map("types", list("availability.changed")), "url");
    refused(c, map("url", "  "), "url");
    refused(c, map("url", "ftp://example.com/hook"), "url");
    refused(c, map("url", "mailto:ops@example.com"), "url");
    refused(c, map("url", "http://"), "url");
    refused(c, map("url", "not a url"), "url");
    refused(c, map("url", "https://example.com/" + "x".repeat(2000)), "url");
    refused(
        c, map("url", "https://example.com/hook", "types", list("order.shipped", " ")), "types[1]");
    refused(
        c, map("url", "https://example.com/hook", "types", list("no spaces please")), "types[0]");
    refused(c, map("url", 42), "url");
    assertThat(ok(c.api().get(HOOKS)).json().size()).isZero();
  }

  private static void refused(Client c, Object body, String field) {
    var r = c.api().post(HOOKS, body);
    assertThat(r.status()).as(body + " → " + r).isEqualTo(400);
    assertThat(r.contentType()).startsWith("application/problem+json");
    assertThat(r.at("/field").asString()).as(body.toString()).isEqualTo(field);
  }

  private long subscribe(Client c, String url) {
    var created = c.api().post(HOOKS, map("url", url));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return created.at("/id").asLong();
  }

  private JsonNode awaitDelivery(Client c, long hook, String status) {
    return awaitDelivery(c, hook, status, d -> true);
  }

  /** The webhook's only delivery once it has {@code status} and passes {@code also}. */
  private JsonNode awaitDelivery(
      Client c, long hook, String status, java.util.function.Predicate<JsonNode> also) {
    JsonNode[] found = new JsonNode[1];
    eventually(
        "a delivery of webhook " + hook + " in status " + status,
        () -> {
          var log = ok(c.api().get(HOOKS + "/" + hook + "/deliveries"));
          JsonNode d = log.at("/items/0");
          found[0] = d;
          return log.at("/items").size() == 1
              && status.equals(d.at("/status").asString())
              && also.test(d);
        });
    return found[0];
  }

  private static Duration gap(Receiver.Request a, Receiver.Request b) {
    return Duration.ofNanos(b.receivedAtNanos() - a.receivedAtNanos());
  }
}
