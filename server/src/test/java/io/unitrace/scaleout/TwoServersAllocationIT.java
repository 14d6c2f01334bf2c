package io.unitrace.scaleout;

import static io.unitrace.support.Api.list;
import static io.unitrace.support.Api.map;
import static io.unitrace.support.Site.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.unitrace.Unitrace;
import io.unitrace.support.Api;
import io.unitrace.support.IntegrationTest;
import io.unitrace.support.Site;
import io.unitrace.support.StartGate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two servers on one database allocating at once: orders for the last unit and for the last cases
 * of a lot come in through both servers' APIs, and each server's allocation worker and explicit
 * runs reach for the same goods. Nothing in either server decides alone: the ledger's conditional
 * updates give the last unit to one order and never reserve a lot beyond its quantity.
 */
class TwoServersAllocationIT extends IntegrationTest {

  private static final int ORDERS = 8;

  private static ConfigurableApplicationContext second;
  private static int secondPort;

  @Autowired Environment env;

  @Autowired JdbcClient db;

  @BeforeAll
  static void noSecondYet() {
    second = null;
  }

  private void startSecondServer() {
    if (second != null) {
      return;
    }
    second =
        new SpringApplicationBuilder(Unitrace.class)
            .run(
                "--server.port=0",
                "--spring.datasource.url=" + env.getProperty("spring.datasource.url"),
                "--spring.datasource.username=" + env.getProperty("spring.datasource.username", ""),
                "--spring.datasource.password=" + env.getProperty("spring.datasource.password", ""),
                "--unitrace.admin.password=" + ADMIN_PASSWORD,
                "--unitrace.ledger.checkpoint-settle-ms=0",
                "--unitrace.ledger.checkpoint-interval-ms=3600000",
                "--spring.jmx.enabled=false");
    secondPort = ((WebServerApplicationContext) second).getWebServer().getPort();
  }

  @AfterAll
  static void stopSecondServer() {
    if (second != null) {
      second.close();
    }
  }

  private List<Api> bothServers(Site s) {
    startSecondServer();
    return List.of(s.api, Api.basic(secondPort, "admin", ADMIN_PASSWORD).in(s.tenant));
  }

  private static Site shop(Api admin) {
    Site s = Site.create(admin);
    ok(s.api.put("/api/v1/sales-channels/WEB", map("name", "Web shop", "returnDays", 30)));
    return s;
  }

  /** Orders for {@code quantity} of {@code sku}, imported at once, alternately on each server. */
  private static List<Long> importTogether(List<Api> servers, Site s, String sku, int quantity)
      throws Exception {
    List<Callable<Api.Response>> imports = new ArrayList<>();
    for (int i = 0; i < ORDERS; i++) {
      Api api = servers.get(i % servers.size());
      Map<String, Object> order =
          map(
              "channel",
              "WEB",
              "channelOrderId",
              unique("RACE-"),
              "warehouse",
              s.warehouse,
              "soldTo",
              map("name", "Buyer " + i, "address", i + " Main St"),
              "lines",
              list(map("sku", sku, "quantity", quantity)));
      imports.add(() -> api.post("/api/v1/orders", order));
    }
    List<Long> ids = new ArrayList<>();
    for (Api.Response r : StartGate.together(imports)) {
      assertThat(r.status()).as(r.toString()).isEqualTo(201);
      ids.add(r.at("/id").asLong());
    }
    return ids;
  }

  /** Explicit allocation of every order at once through both servers, racing their workers. */
  private static void allocateTogether(List<Api> servers, List<Long> orders) throws Exception {
    List<Callable<Api.Response>> runs = new ArrayList<>();
    for (int i = 0; i < orders.size(); i++) {
      Api api = servers.get(i % servers.size());
      long id = orders.get(i);
      runs.add(() -> api.post("/api/v1/orders/" + id + "/allocate", null));
    }
    for (Api.Response r : StartGate.together(runs)) {
      if (r.status() != 200) {
        // Lost the race for a row (the other server's run changed it), or lost the goods to it:
        // either is a clean refusal; what was reserved is checked after.
        assertThat(r.status()).as(r.toString()).isEqualTo(409);
        assertThat(r.problemCode())
            .as(r.toString())
            .isIn("concurrent-change", "insufficient-stock");
      }
    }
  }

  private static String status(Site s, long order) {
    return ok(s.api.get("/api/v1/orders/" + order)).at("/status").asString();
  }

  /** Waits (up to ten seconds) until {@code enough} orders are allocated, then a little more. */
  private static void settle(Site s, List<Long> orders, long enough) {
    Predicate<Long> allocated = o -> status(s, o).equals("ALLOCATED");
    long deadline = System.currentTimeMillis() + 10_000;
    while (orders.stream().filter(allocated).count() < enough
        && System.currentTimeMillis() < deadline) {
      pause(50);
    }
    pause(300);
  }

  private static void pause(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private long tenant(Site s) {
    return db.sql("SELECT id FROM tenant WHERE code = ?")
        .param(s.tenant)
        .query(Long.class)
        .single();
  }

  @Test
  void ordersForTheLastUnitOnTwoServersGiveItToExactlyOneOrder() throws Exception {
    Site s = shop(admin);
    List<Api> servers = bothServers(s);
    s.register(s.bin1, "LAST");

    List<Long> orders = importTogether(servers, s, s.sku, 1);
    allocateTogether(servers, orders);
    settle(s, orders, 1);

    assertThat(orders.stream().filter(o -> status(s, o).equals("ALLOCATED")).count())
        .as("orders holding the last unit")
        .isEqualTo(1);
    assertThat(orders.stream().filter(o -> status(s, o).equals("OPEN")).count())
        .isEqualTo(ORDERS - 1);
    assertThat(
            db.sql(
                    "SELECT count(*) FROM allocation WHERE tenant_id = ? AND serial = 'LAST' AND status IN ('ALLOCATED', 'PICKED', 'PACKED')")
                .param(tenant(s))
                .query(Long.class)
                .single())
        .isEqualTo(1);
    assertThat(ok(s.api.get(s.unitPath("LAST"))).at("/state").asString()).isEqualTo("ALLOCATED");
    assertThat(
            ok(servers.get(1).get(s.unitPath("LAST") + "/history?limit=100")).at("/items").size())
        .as("registered, then allocated once")
        .isEqualTo(2);
    assertThat(servers.get(1).post("/api/v1/ledger/verify", null).at("/intact").asBoolean())
        .isTrue();
  }

  @Test
  void ordersForTheLastCasesOfALotOnTwoServersNeverReserveMoreThanThereIs() throws Exception {
    Site s = shop(admin);
    List<Api> servers = bothServers(s);
    String sku = unique("WATER");
    String gtin = Site.randomGtin();
    ok(
        s.api.post(
            "/api/v1/products",
            map("sku", sku, "name", "Water case", "gtins", list(gtin), "tracking", "LOT")));
    ok(s.api.post("/api/v1/products/" + sku + "/lots", map("code", "L1")));
    ok(
        s.api.post(
            "/api/v1/stock/adjustments",
            map(
                "gtin",
                gtin,
                "lot",
                "L1",
                "location",
                s.bin1,
                "kind",
                "FOUND",
                "quantity",
                10,
                "reason",
                "opening stock")));

    List<Long> orders = importTogether(servers, s, sku, 3);
    allocateTogether(servers, orders);
    settle(s, orders, 3);

    long t = tenant(s);
    long allocated = 0;
    for (long o : orders) {
      long held =
          db.sql(
                  "SELECT COALESCE(SUM(quantity), 0) FROM allocation WHERE tenant_id = ? AND order_id = ? AND status IN ('ALLOCATED', 'PICKED', 'PACKED')")
              .params(t, o)
              .query(Long.class)
              .single();
      assertThat(held).isBetween(0L, 3L);
      assertThat(status(s, o)).isEqualTo(held == 3 ? "ALLOCATED" : "OPEN");
      allocated += held;
    }
    long[] buckets = new long[2];
    db.sql("SELECT holds, quantity FROM stock WHERE tenant_id = ?")
        .param(t)
        .query(
            (rs, n) -> {
              assertThat(rs.getLong(2)).as("a stock bucket").isNotNegative();
              buckets[(rs.getInt(1) & (1 << 16)) != 0 ? 1 : 0] += rs.getLong(2);
              return n;
            })
        .list();
    assertThat(allocated).isLessThanOrEqualTo(10);
    assertThat(buckets[1]).as("the reserved bucket").isEqualTo(allocated);
    assertThat(buckets[0] + buckets[1]).isEqualTo(10);
    var figures = ok(servers.get(1).get("/api/v1/availability?sku=" + sku));
    assertThat(figures.at("/items/0/allocated").asLong()).isEqualTo(allocated);
    assertThat(figures.at("/items/0/available").asLong()).isEqualTo(10 - allocated);
    assertThat(servers.get(1).post("/api/v1/ledger/verify", null).at("/intact").asBoolean())
        .isTrue();
  }
}
