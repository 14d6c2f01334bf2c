package io.unitrace.returns;

import static io.unitrace.support.Api.map;
import static io.unitrace.support.Site.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.unitrace.support.Api;
import io.unitrace.support.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Clerks receiving the same returned serial at once give one return. */
class ReturnRaceIT extends IntegrationTest {

  @Test
  void eightClerksReceivingOneSerialAtOnceGiveOneReturn() throws Exception {
    ReturnsDock d = ReturnsDock.open(admin);
    String serial = d.shipOne().serial();
    String rma = d.rma("DEFECTIVE", serial);
    int before = d.history(serial).size();
    int clerks = 8;
    ExecutorService pool = Executors.newFixedThreadPool(clerks);
    List<Api.Response> answers = new ArrayList<>();
    try {
      List<Callable<Api.Response>> calls = new ArrayList<>();
      for (int i = 0; i < clerks; i++) {
        calls.add(() -> d.receive(map("scan", d.dm(serial), "rma", rma, "location", d.site.dock)));
      }
      for (Future<Api.Response> f : pool.invokeAll(calls)) {
        answers.add(f.get());
      }
    } finally {
      pool.shutdown();
    }
    assertThat(answers.stream().filter(r -> r.status() == 201)).hasSize(1);
    for (Api.Response r : answers) {
      if (r.status() != 201) {
        assertThat(r.status()).as(r.toString()).isEqualTo(409);
        assertThat(r.json().path("rule").asString()).as(r.toString()).isEqualTo("already-returned");
      }
    }
    var list = ok(d.api.get("/api/v1/returns?status=AWAITING_INSPECTION"));
    assertThat(list.at("/items").size()).isEqualTo(1);
    assertThat(d.history(serial)).hasSize(before + 1);
    assertThat(ok(d.api.get("/api/v1/rmas/" + rma)).at("/lines/0/received").asLong()).isEqualTo(1);
    assertThat(d.ledgerIntact()).isTrue();
  }
}
