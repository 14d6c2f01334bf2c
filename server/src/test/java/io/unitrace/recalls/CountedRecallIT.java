package io.unitrace.recalls;

import static io.unitrace.support.Api.list;
import static io.unitrace.support.Api.map;
import static io.unitrace.support.Site.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.unitrace.support.CountedGoods;
import io.unitrace.support.IntegrationTest;
import io.unitrace.support.OtherBuilding;
import io.unitrace.support.Shipped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A recall of a lot of counted goods: its buckets held, its reservations taken back, the customers
 * who received some of it listed.
 */
class CountedRecallIT extends IntegrationTest {

  @Test
  void aLotRecallHoldsEveryBucketOfTheLotAndTheOrderIsServedFromAnotherLot() {
    CountedGoods g = CountedGoods.create(admin);
    String pack = Shipped.prepare(g.site(), 30);
    String bad = unique("X-");
    String good = unique("Y-");
    ok(g.found(g.saline(), bad, g.site().bin1, 12));
    ok(g.found(g.saline(), good, g.site().bin2, 10));
    Shipped clinic =
        Shipped.order(
            g.site(),
            pack,
            Shipped.customer(g.site()),
            list(map("sku", g.salineSku(), "quantity", 2, "lot", bad)),
            null);
    long order =
        ok(g.site()
                .api
                .post(
                    "/api/v1/orders",
                    map(
                        "channel",
                        Shipped.CHANNEL,
                        "channelOrderId",
                        unique("WEB-"),
                        "warehouse",
                        g.site().warehouse,
                        "soldTo",
                        map("name", "Clinic", "address", "3 Low St"),
                        "lines",
                        list(map("sku", g.salineSku(), "quantity", 4, "lot", bad)))))
            .at("/id")
            .asLong();
    assertThat(Shipped.settled(g.site(), order)).isEqualTo("ALLOCATED");
    assertThat(buckets(g, bad)).containsExactlyInAnyOrder("RESERVED:4", ":6");

    JsonNode campaign = draft(g, bad);
    assertThat(campaign.at("/stock/free").asLong()).isEqualTo(6);
    assertThat(campaign.at("/stock/onOrders").asLong()).isEqualTo(4);
    long id = campaign.path("id").asLong();
    JsonNode open = ok(g.site().api.post("/api/v1/recalls/" + id + "/open", map())).json();
    assertThat(open.at("/stock/held").asLong()).isEqualTo(10);
    assertThat(open.at("/stock/free").asLong()).isZero();
    assertThat(buckets(g, bad)).containsExactly("RECALL:10");
    assertThat(buckets(g, good)).containsExactly(":10");
    // The line names the recalled lot, so it stays a back order: nothing else will do.
    assertThat(Shipped.settled(g.site(), order)).isEqualTo("OPEN");

    // The clinic that received two of the lot is a customer to notify, with the quantity.
    JsonNode customers = ok(g.site().api.get("/api/v1/recalls/" + id + "/customers")).json();
    assertThat(customers.at("/items").size()).as(customers.toString()).isEqualTo(1);
    assertThat(customers.at("/items/0/customer").asString()).isEqualTo(clinic.customer());
    assertThat(customers.at("/items/0/units").asInt()).isEqualTo(2);
    assertThat(customers.at("/items/0/orders/0").asString()).isEqualTo(clinic.channelOrderId());
    String csv = g.site().api.get("/api/v1/recalls/" + id + "/customers.csv").body();
    assertThat(csv).contains(clinic.customer() + ",Ann Buyer," + clinic.channelOrderId() + ",2,");

    // Ten are still held in the building: closing without releasing them is refused.
    var refused =
        g.site().api.post("/api/v1/recalls/" + id + "/close", map("reason", "lot cleared by QA"));
    assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
    assertThat(refused.problemCode()).isEqualTo("recall-unresolved");
    assertThat(refused.json().path("detail").asString()).contains("10 counted goods");
    assertThat(buckets(g, bad)).containsExactly("RECALL:10");
    JsonNode closed = closeReleasing(g, id);
    assertThat(closed.at("/figures/releasedQuantity").asLong()).isEqualTo(10);
    List<String> after = buckets(g, bad);
    assertThat(after).doesNotContain("RECALL:10");
    long total = 0;
    for (String b : after) {
      total += Long.parseLong(b.substring(b.indexOf(':') + 1));
    }
    assertThat(total).isEqualTo(10);
  }

  @Test
  void heldGoodsThatMovedToAnotherBuildingStillKeepTheCampaignOpenAndAreReleasedWhereTheyAre() {
    CountedGoods g = CountedGoods.create(admin);
    String bad = unique("X-");
    ok(g.found(g.saline(), bad, g.site().bin1, 12));
    OtherBuilding returns = OtherBuilding.create(admin);
    long id = draft(g, bad).path("id").asLong();
    ok(g.site().api.post("/api/v1/recalls/" + id + "/open", map()));
    assertThat(buckets(g, bad)).containsExactly("RECALL:12");

    // The held lot goes to the returns centre, held all the way, and arrives there held.
    Map<String, Object> held = OtherBuilding.leaving(g.saline(), bad, g.site().bin1, 12);
    held.put("holds", list("RECALL"));
    String number = returns.sent(g.site(), List.of(held));
    ok(g.site().api.post("/api/v1/transfers/" + number + "/receive", map("dock", returns.dock())));
    assertThat(g.stock(g.salineSku(), returns.dock())).isEqualTo(12);
    assertThat(buckets(g, bad)).containsExactly("RECALL:12");

    // Not where the campaign held them, but still held for it: closing is refused.
    var refused =
        g.site().api.post("/api/v1/recalls/" + id + "/close", map("reason", "lot cleared by QA"));
    assertThat(refused.problemCode()).as(refused.toString()).isEqualTo("recall-unresolved");
    assertThat(refused.json().path("detail").asString()).contains("12 counted goods");
    JsonNode closed = closeReleasing(g, id);
    assertThat(closed.at("/figures/releasedQuantity").asLong()).isEqualTo(12);
    assertThat(buckets(g, bad)).containsExactly(":12");
  }

  /** A draft campaign recalling {@code lot} of the saline. */
  private static JsonNode draft(CountedGoods g, String lot) {
    return ok(g.site()
            .api
            .post(
                "/api/v1/recalls",
                map(
                    "title",
                    "Saline",
                    "mode",
                    "LOTS",
                    "product",
                    g.salineSku(),
                    "lots",
                    list(lot))))
        .json();
  }

  /** Closes the campaign as a false alarm, releasing what it holds. */
  private static JsonNode closeReleasing(CountedGoods g, long id) {
    return ok(g.site()
            .api
            .post(
                "/api/v1/recalls/" + id + "/close",
                map("reason", "false alarm: lot cleared by QA", "release", true)))
        .json();
  }

  /** The lot's buckets as "HOLDS:quantity" ("RESERVED" for goods on an order). */
  private static List<String> buckets(CountedGoods g, String lot) {
    List<String> out = new ArrayList<>();
    ok(g.site().api.get("/api/v1/trace/lots?product=" + g.salineSku() + "&lot=" + lot))
        .at("/stock")
        .forEach(
            s -> {
              List<String> holds = new ArrayList<>();
              if (s.path("reserved").asBoolean()) {
                holds.add("RESERVED");
              }
              s.path("holds").forEach(h -> holds.add(h.asString()));
              out.add(String.join(" ", holds) + ":" + s.path("quantity").asLong());
            });
    return out;
  }
}
