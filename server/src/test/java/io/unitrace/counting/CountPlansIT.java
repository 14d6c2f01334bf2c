package io.unitrace.counting;

import static io.unitrace.support.Api.map;
import static io.unitrace.support.Site.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.unitrace.support.Api;
import io.unitrace.support.CountedGoods;
import io.unitrace.support.IntegrationTest;
import io.unitrace.support.Site;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * ABC classes and count plans over HTTP: classes computed from the ledger's movements and set by a
 * supervisor, a plan run opening a count of its class's SKUs where they are, and a due plan opened
 * once by the scheduler even when two servers claim it at the same moment.
 */
class CountPlansIT extends IntegrationTest {

  @Autowired CountPlans plans;

  @Test
  void abcClassesComeFromMovementsAndASupervisorsClassWinsUntilCleared() {
    CountedGoods g = CountedGoods.create(admin);
    Site s = g.site();
    // Gloves move 8 times, saline once, the phone never: 8 of 9 movements are the gloves'.
    for (int i = 0; i < 8; i++) {
      ok(g.found(g.gloves(), null, s.bin1, 1));
    }
    ok(g.found(g.saline(), unique("L"), s.bin1, 1));

    Map<String, JsonNode> abc = abc(s);
    assertThat(abc.get(g.glovesSku()).path("abcClass").asString()).isEqualTo("A");
    assertThat(abc.get(g.glovesSku()).path("movements").asLong()).isEqualTo(8);
    assertThat(abc.get(g.glovesSku()).path("source").asString()).isEqualTo("COMPUTED");
    assertThat(abc.get(g.salineSku()).path("abcClass").asString()).isEqualTo("B");
    assertThat(abc.get(s.sku).path("abcClass").asString()).isEqualTo("C");
    assertThat(abc.get(s.sku).path("movements").asLong()).isZero();

    JsonNode set = ok(s.api.put("/api/v1/counts/abc/" + s.sku, map("abcClass", "A"))).json();
    assertThat(set.path("abcClass").asString()).isEqualTo("A");
    assertThat(set.path("source").asString()).isEqualTo("SET");
    assertThat(abc(s).get(s.sku).path("abcClass").asString()).isEqualTo("A");
    JsonNode cleared = ok(s.api.put("/api/v1/counts/abc/" + s.sku, map("abcClass", null))).json();
    assertThat(cleared.path("abcClass").asString()).isEqualTo("C");
    assertThat(cleared.path("source").asString()).isEqualTo("COMPUTED");

    Api.Response bad = s.api.put("/api/v1/counts/abc/" + s.sku, map("abcClass", "D"));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().path("field").asString()).isEqualTo("abcClass");
    assertThat(s.api.put("/api/v1/counts/abc/" + unique("NOSKU"), map("abcClass", "A")).status())
        .isEqualTo(404);
    assertThat(abc(s).get(s.sku).path("source").asString()).isEqualTo("COMPUTED");
    Api counter = s.personApi(admin, port, "OPERATOR");
    assertThat(counter.get("/api/v1/counts/abc").status()).isEqualTo(403);
  }

  @Test
  void aPlanRunOpensACountOfItsClassesSkusWhereTheyAreAndMovesItsDueDateOn() {
    CountedGoods g = CountedGoods.create(admin);
    Site s = g.site();
    // Gloves are A (10 of 11 movements), the phone B; both are in bin 1.
    for (int i = 0; i < 5; i++) {
      ok(g.found(g.gloves(), null, s.bin1, 2));
      ok(g.found(g.gloves(), null, s.bin2, 1));
    }
    String phone = unique("P");
    s.register(s.bin1, phone);

    String code = unique("PLAN");
    JsonNode plan =
        ok(s.api.put("/api/v1/count-plans/" + code, map("warehouse", s.warehouse, "abcClass", "A")))
            .json();
    assertThat(plan.path("everyDays").asInt()).isEqualTo(30);
    assertThat(plan.path("abcClass").asString()).isEqualTo("A");

    Instant before = Instant.now();
    JsonNode run = ok(s.api.post("/api/v1/count-plans/" + code + "/run", map())).json();
    long id = run.path("countId").asLong();
    assertThat(run.path("number").asString()).matches("CNT-\\d{6}");
    assertThat(Instant.parse(run.path("nextDue").asString()))
        .isAfterOrEqualTo(before.plus(Duration.ofDays(30)).minusSeconds(1));

    JsonNode count = ok(s.api.get("/api/v1/counts/" + id)).json();
    assertThat(count.path("planCode").asString()).isEqualTo(code);
    assertThat(count.path("abcClass").asString()).isEqualTo("A");
    assertThat(count.path("counts").size()).isEqualTo(1);
    assertThat(count.at("/counts/0/sku").asString()).isEqualTo(g.glovesSku());
    List<String> walk = new ArrayList<>();
    count.path("locations").forEach(l -> walk.add(l.path("location").asString()));
    assertThat(walk).containsExactly(s.bin1, s.bin2);
    JsonNode notCounted =
        ok(s.api.post("/api/v1/counts/" + id + "/locations/" + s.bin1 + "/scans", s.unitKey(phone)))
            .json();
    assertThat(notCounted.path("kind").asString()).isEqualTo("NOT_IN_COUNT");

    JsonNode listed = ok(s.api.get("/api/v1/count-plans")).json();
    assertThat(listed.size()).isEqualTo(1);
    assertThat(listed.at("/0/lastCountId").asLong()).isEqualTo(id);
    assertThat(listed.at("/0/nextDue").asString()).isEqualTo(run.path("nextDue").asString());

    // Refusals name the field; a plan deleted is gone.
    problem(
        s.api.put("/api/v1/count-plans/" + code, map("warehouse", s.warehouse, "abcClass", "X")),
        400,
        "abcClass");
    problem(
        s.api.put(
            "/api/v1/count-plans/" + code,
            map("warehouse", s.warehouse, "abcClass", "B", "everyDays", 0)),
        400,
        "everyDays");
    problem(
        s.api.put("/api/v1/count-plans/" + code, map("warehouse", unique("NOWH"), "abcClass", "B")),
        422,
        "warehouse");
    problem(
        s.api.put("/api/v1/count-plans/-bad", map("warehouse", s.warehouse, "abcClass", "B")),
        400,
        "code");
    assertThat(ok(s.api.get("/api/v1/count-plans")).json().at("/0/abcClass").asString())
        .isEqualTo("A");
    assertThat(s.api.delete("/api/v1/count-plans/" + code).status()).isEqualTo(204);
    assertThat(s.api.delete("/api/v1/count-plans/" + code).status()).isEqualTo(404);
    assertThat(s.api.post("/api/v1/count-plans/" + code + "/run", map()).status()).isEqualTo(404);
  }

  @Test
  void aDuePlanIsOpenedOnceEvenWhenTwoServersClaimItAtTheSameMoment() throws Exception {
    CountedGoods g = CountedGoods.create(admin);
    Site s = g.site();
    ok(g.found(g.gloves(), null, s.bin2, 4));
    String code = unique("PLAN");
    // A new plan is due at once.
    ok(
        s.api.put(
            "/api/v1/count-plans/" + code,
            map("warehouse", s.warehouse, "abcClass", "A", "everyDays", 7)));

    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      CountDownLatch gate = new CountDownLatch(1);
      List<Future<?>> runs = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        runs.add(
            pool.submit(
                () -> {
                  gate.await();
                  plans.runDue();
                  return null;
                }));
      }
      gate.countDown();
      for (Future<?> f : runs) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    plans.runDue();

    List<JsonNode> opened = new ArrayList<>();
    ok(s.api.get("/api/v1/counts")).json().path("items").forEach(opened::add);
    assertThat(opened).hasSize(1);
    assertThat(opened.get(0).path("planCode").asString()).isEqualTo(code);
    JsonNode count = ok(s.api.get("/api/v1/counts/" + opened.get(0).path("id").asLong())).json();
    assertThat(count.at("/locations/0/location").asString()).isEqualTo(s.bin2);
    assertThat(count.path("createdBy").asString()).endsWith("count-plan " + code);
    JsonNode plan = ok(s.api.get("/api/v1/count-plans")).json().get(0);
    assertThat(plan.path("lastCountId").asLong()).isEqualTo(count.path("id").asLong());
    assertThat(Instant.parse(plan.path("nextDue").asString()))
        .isAfter(Instant.now().plus(Duration.ofDays(6)));
  }

  private static Map<String, JsonNode> abc(Site s) {
    Map<String, JsonNode> out = new HashMap<>();
    ok(s.api.get("/api/v1/counts/abc")).json().forEach(n -> out.put(n.path("sku").asString(), n));
    return out;
  }

  private static void problem(Api.Response r, int status, String field) {
    assertThat(r.status()).as(r.toString()).isEqualTo(status);
    assertThat(r.contentType()).startsWith("application/problem+json");
    assertThat(r.json().path("field").asString()).as(r.toString()).isEqualTo(field);
  }
}
