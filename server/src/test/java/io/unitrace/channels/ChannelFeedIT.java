package io.unitrace.channels;

import static io.unitrace.support.Api.map;
import static io.unitrace.support.Site.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.unitrace.support.Api;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.IllegalTransactionStateException;
import tools.jackson.databind.JsonNode;

/**
 * The change feed: a client's outbox events in sequence order, paged by the cursor {@code next},
 * with a long poll; numbers are gap-free and in commit order, so a cursor never skips an event.
 */
class ChannelFeedIT extends ChannelTest {

  static final String FEED = "/api/v1/channels/feed";

  @Test
  void theFeedAnswersAClientsEventsInOrderAndPagesWithItsCursor() {
    Client c = newClient();
    for (int i = 1; i <= 5; i++) {
      assertThat(append(c, "availability.changed", map("sku", "SKU-" + i, "available", i * 10)))
          .isEqualTo(i);
    }

    var first = ok(c.api().get(FEED + "?limit=2"));
    assertThat(seqs(first)).containsExactly(1L, 2L);
    assertThat(first.at("/events/0/type").asString()).isEqualTo("availability.changed");
    assertThat(first.at("/events/0/payload/sku").asString()).isEqualTo("SKU-1");
    assertThat(first.at("/events/0/payload/available").asInt()).isEqualTo(10);
    assertThat(Instant.parse(first.at("/events/0/recordedAt").asString()))
        .isBefore(Instant.now().plusSeconds(1));
    assertThat(first.at("/events/0/tenant").isMissingNode()).isTrue();
    assertThat(first.at("/next").asLong()).isEqualTo(2);

    var second = ok(c.api().get(FEED + "?limit=2&after=2"));
    assertThat(seqs(second)).containsExactly(3L, 4L);
    assertThat(second.at("/next").asLong()).isEqualTo(4);

    var third = ok(c.api().get(FEED + "?after=4"));
    assertThat(seqs(third)).containsExactly(5L);
    assertThat(third.at("/events/0/payload/sku").asString()).isEqualTo("SKU-5");

    var caughtUp = ok(c.api().get(FEED + "?after=5"));
    assertThat(caughtUp.at("/events").size()).isZero();
    assertThat(caughtUp.at("/next").asLong()).isEqualTo(5);
  }

  @Test
  void eventsAppendedInOneTransactionGetConsecutiveNumbers() {
    Client c = newClient();
    List<Long> seqs =
        tx.execute(
            s ->
                List.of(
                    outbox.append(c.id(), "availability.changed", map("sku", "A")),
                    outbox.append(c.id(), "availability.changed", map("sku", "B")),
                    outbox.append(c.id(), "order.shipped", map("order", "SO-1"))));
    assertThat(seqs).containsExactly(1L, 2L, 3L);
    var feed = ok(c.api().get(FEED));
    assertThat(seqs(feed)).containsExactly(1L, 2L, 3L);
    assertThat(feed.at("/events/2/type").asString()).isEqualTo("order.shipped");
  }

  @Test
  void anEventOfARolledBackTransactionNeverAppearsAndLeavesNoGap() {
    Client c = newClient();
    append(c, "availability.changed", map("sku", "KEPT-1"));
    tx.executeWithoutResult(
        s -> {
          outbox.append(c.id(), "availability.changed", map("sku", "ROLLED-BACK"));
          s.setRollbackOnly();
        });
    assertThat(append(c, "availability.changed", map("sku", "KEPT-2"))).isEqualTo(2);

    var feed = ok(c.api().get(FEED));
    assertThat(seqs(feed)).containsExactly(1L, 2L);
    assertThat(feed.body()).doesNotContain("ROLLED-BACK");
    assertThat(feed.at("/events/1/payload/sku").asString()).isEqualTo("KEPT-2");
  }

  @Test
  void aClientSeesOnlyItsOwnEvents() {
    Client shop = newClient();
    Client other = newClient();
    append(shop, "availability.changed", map("sku", "MINE"));
    append(shop, "availability.changed", map("sku", "MINE-TOO"));

    var theirs = ok(other.api().get(FEED));
    assertThat(theirs.at("/events").size()).isZero();
    assertThat(theirs.at("/next").asLong()).isZero();
    assertThat(append(other, "availability.changed", map("sku", "THEIRS"))).isEqualTo(1);
    assertThat(ok(other.api().get(FEED)).body()).doesNotContain("MINE");
    assertThat(seqs(ok(shop.api().get(FEED)))).containsExactly(1L, 2L);
  }

  @Test
  void aLongPollAnswersAsSoonAsAnEventCommits() throws Exception {
    Client c = newClient();
    append(c, "availability.changed", map("sku", "OLD"));
    CompletableFuture<Api.Response> poll =
        CompletableFuture.supplyAsync(() -> c.api().get(FEED + "?after=1&waitSeconds=25"));
    Thread.sleep(700);
    assertThat(poll).as("nothing new yet: the poll waits").isNotDone();

    long start = System.nanoTime();
    append(c, "availability.changed", map("sku", "NEW"));
    var answer = ok(poll.get(10, TimeUnit.SECONDS));
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    assertThat(seqs(answer)).containsExactly(2L);
    assertThat(answer.at("/events/0/payload/sku").asString()).isEqualTo("NEW");
    assertThat(answer.at("/next").asLong()).isEqualTo(2);
  }

  @Test
  void aLongPollWithNothingNewAnswersEmptyWhenItsWaitIsOver() {
    Client c = newClient();
    append(c, "availability.changed", map("sku", "OLD"));
    long start = System.nanoTime();
    var answer = ok(c.api().get(FEED + "?after=1&waitSeconds=1"));
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofMillis(900));
    assertThat(answer.at("/events").size()).isZero();
    assertThat(answer.at("/next").asLong()).isEqualTo(1);
  }

  @Test
  void concurrentWritersOfOneClientGetGapFreeNumbersInCommitOrder() throws Exception {
    Client c = newClient();
    int writers = 4;
    int each = 10;
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        int writer = w;
        done.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < each; i++) {
                    append(c, "availability.changed", map("writer", writer, "n", i));
                  }
                }));
      }
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    var feed = ok(c.api().get(FEED + "?limit=1000"));
    List<Long> expected = new ArrayList<>();
    for (long s = 1; s <= writers * each; s++) {
      expected.add(s);
    }
    assertThat(seqs(feed)).isEqualTo(expected);
    // Each writer's own events appear in the order it wrote them.
    int[] lastOf = {-1, -1, -1, -1};
    for (JsonNode e : feed.at("/events")) {
      int writer = e.at("/payload/writer").asInt();
      int n = e.at("/payload/n").asInt();
      assertThat(n).isGreaterThan(lastOf[writer]);
      lastOf[writer] = n;
    }
  }

  @Test
  void appendingOutsideATransactionIsRefused() {
    Client c = newClient();
    assertThatThrownBy(() -> outbox.append(c.id(), "availability.changed", map("sku", "X")))
        .isInstanceOf(IllegalTransactionStateException.class);
    assertThat(ok(c.api().get(FEED)).at("/events").size()).isZero();
  }

  @Test
  void anEventTypeThatCannotEndARoutingKeyIsRefusedAndNothingIsAppended() {
    Client c = newClient();
    for (String type : new String[] {"", "availability changed", "availability..changed", null}) {
      assertThatThrownBy(() -> tx.execute(s -> outbox.append(c.id(), type, map("sku", "X"))))
          .as(String.valueOf(type))
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(ok(c.api().get(FEED)).at("/events").size()).isZero();
    assertThat(append(c, "availability.changed", map("sku", "X"))).isEqualTo(1);
  }

  @Test
  void badFeedParametersAreRefusedNamingTheParameter() {
    Client c = newClient();
    refused(c, "?after=-1", "after");
    refused(c, "?after=soon", "after");
    refused(c, "?limit=0", "limit");
    refused(c, "?limit=1001", "limit");
    refused(c, "?waitSeconds=31", "waitSeconds");
    refused(c, "?waitSeconds=-1", "waitSeconds");
    assertThat(ok(c.api().get(FEED + "?limit=1000&waitSeconds=0")).at("/events").size()).isZero();
  }

  private static void refused(Client c, String query, String field) {
    var r = c.api().get(FEED + query);
    assertThat(r.status()).as(query + " → " + r).isEqualTo(400);
    assertThat(r.contentType()).startsWith("application/problem+json");
    assertThat(r.at("/field").asString()).as(query).isEqualTo(field);
  }

  static List<Long> seqs(Api.Response feed) {
    List<Long> out = new ArrayList<>();
    for (JsonNode e : feed.at("/events")) {
      out.add(e.at("/seq").asLong());
    }
    return out;
  }
}
