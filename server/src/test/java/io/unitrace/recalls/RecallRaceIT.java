package io.unitrace.recalls;

import static io.unitrace.support.Api.list;
import static io.unitrace.support.Api.map;
import static io.unitrace.support.Site.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.unitrace.support.Api;
import io.unitrace.support.IntegrationTest;
import io.unitrace.support.StartGate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A recall opened while pickers scan the affected units. */
class RecallRaceIT extends IntegrationTest {

  private record Scan(long startedAt, String serial, Api.Response answer) {}

  @Test
  void noAffectedUnitIsPickedAfterTheRecallCommits() throws Exception {
    RecallFloor f = RecallFloor.open(admin);
    String lot = unique("L-");
    int count = 24;
    String[] serials = new String[count];
    for (int i = 0; i < count; i++) {
      serials[i] = "P" + (100 + i);
    }
    f.register(lot, serials);
    long order = f.order(count);
    long listId =
        ok(f.api.post(
                "/api/v1/pick-lists",
                map("warehouse", f.site.warehouse, "orders", list(order), "destination", f.pack)))
            .at("/id")
            .asLong();
    JsonNode draft = f.draftLots(lot);

    int pickers = 3;
    List<Scan> scans = new CopyOnWriteArrayList<>();
    AtomicLong recallCommitted = new AtomicLong(Long.MAX_VALUE);
    List<Callable<Api.Response>> work = new ArrayList<>();
    for (int p = 0; p < pickers; p++) {
      int first = p;
      work.add(
          () -> {
            Api.Response last = null;
            for (int i = first; i < count; i += pickers) {
              long started = System.nanoTime();
              last =
                  f.api.post(
                      "/api/v1/pick-lists/" + listId + "/scans",
                      map("location", f.site.bin1, "scan", f.dm(serials[i])));
              scans.add(new Scan(started, serials[i], last));
            }
            return last;
          });
    }
    work.add(
        () -> {
          Thread.sleep(150);
          Api.Response r =
              f.api.post("/api/v1/recalls/" + draft.path("id").asLong() + "/open", map());
          recallCommitted.set(System.nanoTime());
          return r;
        });
    List<Api.Response> answers = StartGate.together(work);
    assertThat(answers.get(pickers).status()).as(answers.get(pickers).toString()).isEqualTo(200);

    assertThat(scans).hasSize(count);
    for (Scan s : scans) {
      if (s.startedAt() > recallCommitted.get()) {
        assertThat(s.answer().status()).as(s.serial() + " " + s.answer()).isEqualTo(409);
      } else {
        assertThat(s.answer().status()).as(s.serial() + " " + s.answer()).isIn(200, 409);
      }
    }
    for (String serial : serials) {
      assertThat(f.holds(serial)).as(serial).containsExactly("RECALL");
      assertThat(f.state(serial)).as(serial).isEqualTo("STORED");
      List<JsonNode> history = f.history(serial);
      int held = -1;
      for (int i = 0; i < history.size(); i++) {
        String type = history.get(i).path("type").asString();
        if (type.equals("HOLD_PLACED")) {
          held = i;
        }
        if (type.equals("PICKED")) {
          assertThat(held).as(serial + " picked after its recall hold").isLessThan(0);
        }
      }
      assertThat(held).as(serial).isGreaterThanOrEqualTo(0);
    }
  }
}
