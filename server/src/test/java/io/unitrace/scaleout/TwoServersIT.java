package io.unitrace.scaleout;

import static io.unitrace.support.Api.list;
import static io.unitrace.support.Api.map;
import static org.assertj.core.api.Assertions.assertThat;

import io.unitrace.Unitrace;
import io.unitrace.support.Api;
import io.unitrace.support.IntegrationTest;
import io.unitrace.support.Site;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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
 * Several servers share one database, and nothing in any one of them decides alone: two clerks on
 * two servers race for the same units and serials, and the ledger stays one consistent history.
 */
class TwoServersIT extends IntegrationTest {

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
    // Command-line arguments: they outrank application.yml, as the first server's test properties
    // do.
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

  @Test
  void clerksOnTwoServersMovingTheSameUnitsLeaveOneUnbrokenHistoryPerUnit() throws Exception {
    startSecondServer();
    Site site = Site.create(admin);
    site.register(site.dock, "M-1", "M-2", "M-3");
    Api one = site.api;
    Api two = Api.basic(secondPort, "admin", ADMIN_PASSWORD).in(site.tenant);

    int rounds = 10;
    List<Callable<Integer>> clerks = new ArrayList<>();
    CountDownLatch start = new CountDownLatch(1);
    for (Api server : List.of(one, two)) {
      for (String serial : List.of("M-1", "M-2", "M-3")) {
        clerks.add(
            () -> {
              start.await();
              int ok = 0;
              for (int i = 0; i < rounds; i++) {
                var r =
                    server.post(
                        site.unitPath(serial) + "/move",
                        map("location", i % 2 == 0 ? site.bin1 : site.bin2));
                assertThat(r.status()).as(r.toString()).isEqualTo(200);
                ok++;
              }
              return ok;
            });
      }
    }
    int moves = runAll(clerks, start);

    assertThat(moves).isEqualTo(2 * 3 * rounds);
    for (String serial : List.of("M-1", "M-2", "M-3")) {
      var history = one.get(site.unitPath(serial) + "/history?limit=1000").at("/items");
      assertThat(history.size()).isEqualTo(1 + 2 * rounds);
      for (int i = 0; i < history.size(); i++) {
        assertThat(history.get(i).path("seq").asInt()).isEqualTo(i + 1);
      }
    }
    assertThat(two.post("/api/v1/ledger/verify", null).at("/intact").asBoolean()).isTrue();
  }

  @Test
  void theSameSerialRegisteredOnTwoServersAtOnceExistsOnce() throws Exception {
    startSecondServer();
    Site site = Site.create(admin);
    Api two = Api.basic(secondPort, "admin", ADMIN_PASSWORD).in(site.tenant);
    CountDownLatch start = new CountDownLatch(1);
    List<Callable<Integer>> calls = new ArrayList<>();
    for (Api server : List.of(site.api, two, site.api, two)) {
      calls.add(
          () -> {
            start.await();
            return server
                .post(
                    "/api/v1/units",
                    map("location", site.dock, "units", list(site.unitKey("TWICE"))))
                .status();
          });
    }
    List<Integer> statuses = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(calls.size());
    try {
      List<Future<Integer>> futures = new ArrayList<>();
      for (Callable<Integer> c : calls) {
        futures.add(pool.submit(c));
      }
      start.countDown();
      for (Future<Integer> f : futures) {
        statuses.add(f.get(60, TimeUnit.SECONDS));
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(statuses).containsOnly(201, 409);
    assertThat(statuses.stream().filter(s -> s == 201).count()).isEqualTo(1);
    long tenantId =
        db.sql("SELECT id FROM tenant WHERE code = ?")
            .param(site.tenant)
            .query(Long.class)
            .single();
    assertThat(
            db.sql("SELECT count(*) FROM unit WHERE tenant_id = ? AND serial = 'TWICE'")
                .param(tenantId)
                .query(Long.class)
                .single())
        .isEqualTo(1);
  }

  @Test
  void twoServersClosingTheSameCheckpointCloseItOnce() throws Exception {
    startSecondServer();
    Site site = Site.create(admin);
    site.register(site.dock, "C-1", "C-2");
    Api two = Api.basic(secondPort, "admin", ADMIN_PASSWORD).in(site.tenant);
    CountDownLatch start = new CountDownLatch(1);
    List<Callable<Integer>> calls =
        List.of(
            () -> {
              start.await();
              return site.api.post("/api/v1/ledger/checkpoints", null).status();
            },
            () -> {
              start.await();
              return two.post("/api/v1/ledger/checkpoints", null).status();
            });
    runAll(calls, start);
    var checkpoints = site.api.get("/api/v1/ledger/checkpoints").json();
    assertThat(checkpoints.size()).as("one of the unit book, one of the event book").isEqualTo(2);
    assertThat(checkpoints.get(0).path("book").asString()).isEqualTo("UNITS");
    assertThat(checkpoints.get(0).path("entryCount").asInt()).isEqualTo(2);
    assertThat(checkpoints.get(1).path("book").asString()).isEqualTo("EVENTS");
    assertThat(site.api.post("/api/v1/ledger/verify", null).at("/intact").asBoolean()).isTrue();
  }

  private static int runAll(List<Callable<Integer>> calls, CountDownLatch start) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(calls.size());
    try {
      List<Future<Integer>> futures = new ArrayList<>();
      for (Callable<Integer> c : calls) {
        futures.add(pool.submit(c));
      }
      start.countDown();
      int sum = 0;
      for (Future<Integer> f : futures) {
        sum += f.get(120, TimeUnit.SECONDS);
      }
      return sum;
    } finally {
      pool.shutdownNow();
    }
  }
}
