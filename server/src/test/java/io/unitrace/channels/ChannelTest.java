package io.unitrace.channels;

import static io.unitrace.support.Api.map;
import static io.unitrace.support.Site.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.unitrace.support.Api;
import io.unitrace.support.IntegrationTest;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Integration tests of the channels: a fresh client per test, and events appended as another module
 * appends them, through the {@link Outbox} inside a transaction of its own.
 */
abstract class ChannelTest extends IntegrationTest {

  static final Duration PATIENCE = Duration.ofSeconds(20);

  @Autowired protected Outbox outbox;
  @Autowired protected TransactionTemplate tx;

  /** A client of the installation, and admin working in it. */
  record Client(long id, String code, Api api) {}

  protected Client newClient() {
    String code = unique("CH");
    var created = ok(admin.post("/api/v1/tenants", map("code", code, "name", "Shop " + code)));
    return new Client(created.at("/id").asLong(), code, admin.in(code));
  }

  /** Appends one event in a transaction of its own, committed; answers its sequence number. */
  protected long append(Client c, String type, Map<String, Object> payload) {
    Long seq = tx.execute(status -> outbox.append(c.id(), type, payload));
    assertThat(seq).isNotNull();
    return seq;
  }

  /** Waits until {@code condition} holds, failing after {@link #PATIENCE}. */
  protected static void eventually(String what, Supplier<Boolean> condition) {
    long until = System.nanoTime() + PATIENCE.toNanos();
    while (!condition.get()) {
      if (System.nanoTime() > until) {
        throw new AssertionError("waited " + PATIENCE.toSeconds() + " s for: " + what);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for: " + what);
      }
    }
  }
}
