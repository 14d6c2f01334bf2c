package io.unitrace.counting;

import static io.unitrace.support.Api.list;
import static io.unitrace.support.Api.map;
import static io.unitrace.support.Site.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.unitrace.support.Api;
import io.unitrace.support.CountedGoods;
import io.unitrace.support.IntegrationTest;
import io.unitrace.support.Site;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Counts by SKU or by lot over HTTP: the locations of the warehouse where the books hold the
 * product (or lot), in walking order, each counted only for it — other products there are not part
 * of the count — and refusals that name the field and open nothing.
 */
class CountBySkuIT extends IntegrationTest {

  @Test
  void aCountBySkuWalksItsLocationsAndOtherProductsInTheBinAreNotDiscrepancies() {
    CountedGoods g = CountedGoods.create(admin);
    Site s = g.site();
    String a = unique("A");
    String b = unique("B");
    String c = unique("C");
    s.register(s.bin2, c);
    s.register(s.bin1, a, b);
    ok(g.found(g.gloves(), null, s.bin1, 20));
    ok(g.found(g.saline(), unique("L"), s.dock, 3));
    noRecounts(s);

    JsonNode count =
        ok(s.api.post("/api/v1/counts", map("warehouse", s.warehouse, "sku", s.sku))).json();
    long id = count.path("id").asLong();
    assertThat(count.path("counts").size()).isEqualTo(1);
    assertThat(count.at("/counts/0/sku").asString()).isEqualTo(s.sku);
    assertThat(count.path("abcClass").asString()).isEqualTo("A");
    assertThat(count.path("locations").size()).isEqualTo(2);

    // The counter sees the locations in walking order and the SKU to count, never quantities.
    Api counter = s.personApi(admin, port, "OPERATOR");
    JsonNode task = ok(counter.get("/api/v1/counts/" + id + "/task")).json();
    assertThat(task.at("/locations/0/location").asString()).isEqualTo(s.bin1);
    assertThat(task.at("/locations/1/location").asString()).isEqualTo(s.bin2);
    assertThat(task.at("/counts/0/sku").asString()).isEqualTo(s.sku);
    assertThat(task.toString()).doesNotContain(a).doesNotContain("expected");

    String bin1 = "/api/v1/counts/" + id + "/locations/" + s.bin1;
    ok(counter.post(bin1 + "/scans", s.unitKey(a)));
    JsonNode gloves =
        ok(counter.post(bin1 + "/scans", map("gtin", g.gloves(), "quantity", 3))).json();
    assertThat(gloves.path("kind").asString()).isEqualTo("NOT_IN_COUNT");
    assertThat(gloves.path("counted").asLong()).isZero();
    assertThat(gloves.path("message").asString()).contains("not in this count");
    ok(counter.post(bin1 + "/done", map()));
    String bin2 = "/api/v1/counts/" + id + "/locations/" + s.bin2;
    ok(counter.post(bin2 + "/scans", s.unitKey(c)));
    ok(counter.post(bin2 + "/done", map()));

    JsonNode view = ok(s.api.get("/api/v1/counts/" + id)).json();
    assertThat(view.path("discrepancies").size()).as(view.toString()).isEqualTo(1);
    assertThat(view.at("/discrepancies/0/kind").asString()).isEqualTo("MISSING");
    assertThat(view.at("/discrepancies/0/serial").asString()).isEqualTo(b);
    assertThat(view.at("/locations/0/expectedUnits").asInt()).isEqualTo(2);
    assertThat(view.at("/locations/0/expectedQuantity").asLong()).isZero();
    assertThat(view.at("/locations/0/countedQuantity").asLong()).isZero();

    ok(s.api.post("/api/v1/counts/" + id + "/approve", map()));
    assertThat(ok(s.api.get(s.unitPath(b))).json().path("state").asString()).isEqualTo("MISSING");
    assertThat(g.stock(g.glovesSku(), s.bin1)).isEqualTo(20);
  }

  @Test
  void aCountByLotComparesOnlyThatLotOfCountedGoods() {
    CountedGoods g = CountedGoods.create(admin);
    Site s = g.site();
    String l1 = unique("L1-");
    String l2 = unique("L2-");
    ok(g.found(g.saline(), l1, s.bin1, 10));
    ok(g.found(g.saline(), l2, s.bin1, 5));
    ok(g.found(g.saline(), l1, s.bin2, 4));
    ok(g.found(g.saline(), l2, s.dock, 9));
    ok(g.found(g.gloves(), null, s.bin2, 7));
    noRecounts(s);

    JsonNode count =
        ok(s.api.post(
                "/api/v1/counts", map("warehouse", s.warehouse, "sku", g.salineSku(), "lot", l1)))
            .json();
    long id = count.path("id").asLong();
    assertThat(count.at("/counts/0/lot").asString()).isEqualTo(l1);
    List<String> walk = new ArrayList<>();
    count.path("locations").forEach(l -> walk.add(l.path("location").asString()));
    assertThat(walk).containsExactly(s.bin1, s.bin2);

    String bin1 = "/api/v1/counts/" + id + "/locations/" + s.bin1;
    ok(s.api.post(bin1 + "/scans", map("gtin", g.saline(), "lot", l1, "quantity", 8)));
    JsonNode other =
        ok(s.api.post(bin1 + "/scans", map("gtin", g.saline(), "lot", l2, "quantity", 5))).json();
    assertThat(other.path("kind").asString()).isEqualTo("NOT_IN_COUNT");
    ok(s.api.post(bin1 + "/done", map()));
    String bin2 = "/api/v1/counts/" + id + "/locations/" + s.bin2;
    ok(s.api.post(bin2 + "/scans", map("gtin", g.saline(), "lot", l1, "quantity", 4)));
    ok(s.api.post(bin2 + "/done", map()));

    JsonNode view = ok(s.api.get("/api/v1/counts/" + id)).json();
    assertThat(view.path("discrepancies").size()).as(view.toString()).isEqualTo(1);
    JsonNode d = view.at("/discrepancies/0");
    assertThat(d.path("kind").asString()).isEqualTo("SHORT");
    assertThat(d.path("lot").asString()).isEqualTo(l1);
    assertThat(d.path("location").asString()).isEqualTo(s.bin1);
    assertThat(d.path("expected").asLong()).isEqualTo(10);
    assertThat(d.path("counted").asLong()).isEqualTo(8);
    assertThat(view.at("/locations/0/expectedQuantity").asLong()).isEqualTo(10);

    ok(s.api.post("/api/v1/counts/" + id + "/approve", map()));
    // Lot 1 as counted; lot 2 in the same bin untouched.
    assertThat(g.stock(g.salineSku(), s.bin1)).isEqualTo(13);
    assertThat(g.stock(g.glovesSku(), s.bin2)).isEqualTo(7);
  }

  @Test
  void refusalsNameTheFieldAndOpenNothing() {
    CountedGoods g = CountedGoods.create(admin);
    Site s = g.site();
    s.register(s.bin1, unique("A"));
    ok(g.found(g.saline(), unique("L"), s.bin1, 2));
    String at = "/api/v1/counts";
    problem(
        s.api.post(at, map("warehouse", s.warehouse, "sku", s.sku, "locations", list(s.bin1))),
        400,
        "sku");
    problem(s.api.post(at, map("warehouse", s.warehouse, "lot", "L1")), 400, "sku");
    problem(s.api.post(at, map("warehouse", s.warehouse, "sku", unique("NOSKU"))), 422, "sku");
    problem(s.api.post(at, map("warehouse", s.warehouse, "sku", s.sku, "lot", "L1")), 422, "lot");
    problem(
        s.api.post(at, map("warehouse", s.warehouse, "sku", g.salineSku(), "lot", unique("NL"))),
        422,
        "lot");
    problem(s.api.post(at, map("warehouse", s.warehouse, "sku", g.glovesSku())), 422, "sku");
    assertThat(ok(s.api.get(at)).json().path("items").size()).isZero();
  }

  private static void noRecounts(Site s) {
    ok(
        s.api.put(
            "/api/v1/counts/settings",
            map(
                "recountOnUnitVariance",
                false,
                "recountAboveUnits",
                null,
                "recountAbovePercent",
                null)));
  }

  private static void problem(Api.Response r, int status, String field) {
    assertThat(r.status()).as(r.toString()).isEqualTo(status);
    assertThat(r.contentType()).startsWith("application/problem+json");
    assertThat(r.json().path("field").asString()).as(r.toString()).isEqualTo(field);
  }
}
