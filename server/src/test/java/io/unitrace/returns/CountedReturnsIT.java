package io.unitrace.returns;

import static io.unitrace.support.Api.list;
import static io.unitrace.support.Api.map;
import static io.unitrace.support.Site.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.unitrace.support.Api;
import io.unitrace.support.IntegrationTest;
import io.unitrace.support.Shipped;
import io.unitrace.support.Site;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Counted goods come back by lot and quantity against what their order shipped, never more: into a
 * bucket on QC hold on the dock, then restocked (the hold released) or scrapped (out of the books).
 */
class CountedReturnsIT extends IntegrationTest {

  @Test
  void lotGoodsComeBackByQuantityNeverMoreThanShippedThenRestockedOrScrapped() {
    ReturnsDock dock = ReturnsDock.open(admin);
    Site site = dock.site;
    String sku = unique("SYRUP");
    String gtin = Site.randomGtin();
    ok(
        site.api.post(
            "/api/v1/products",
            map("sku", sku, "name", "Syrup", "gtins", list(gtin), "tracking", "LOT")));
    ok(site.api.post("/api/v1/products/" + sku + "/lots", map("code", "L1")));
    ok(
        site.api.post(
            "/api/v1/stock/adjustments",
            map(
                "gtin",
                gtin,
                "lot",
                "L1",
                "location",
                site.bin1,
                "kind",
                "FOUND",
                "quantity",
                10,
                "reason",
                "opening stock")));
    Shipped order =
        Shipped.order(site, dock.pack, dock.customer, list(map("sku", sku, "quantity", 6)), null);

    JsonNode rma =
        ok(site.api.post(
                "/api/v1/rmas",
                map(
                    "order",
                    map("channel", Shipped.CHANNEL, "id", order.channelOrderId()),
                    "reason",
                    "CHANGED_MIND")))
            .json();
    assertThat(rma.at("/lines/0/quantity").asLong()).isEqualTo(6);
    assertThat(rma.at("/lines/0/lot").asString()).isEqualTo("L1");
    String number = rma.at("/number").asString();
    String scan = "(01)" + gtin + "(10)L1";

    Api.Response four = dock.receive(counted(scan, number, 4, site.dock));
    assertThat(four.status()).as(four.toString()).isEqualTo(201);
    long first = four.at("/ret/id").asLong();
    assertThat(four.at("/ret/quantity").asLong()).isEqualTo(4);
    assertThat(dockStock(site, sku).path("held").asLong()).isEqualTo(4);

    Api.Response tooMany = dock.receive(counted(scan, number, 3, site.dock));
    assertThat(tooMany.status()).isEqualTo(409);
    assertThat(tooMany.problemCode()).isEqualTo("more-than-authorised");
    assertThat(tooMany.at("/returnable").asLong()).isEqualTo(2);
    assertThat(dockStock(site, sku).path("held").asLong()).as("nothing written").isEqualTo(4);

    assertThat(ok(site.api.get("/api/v1/rmas/" + number)).at("/status").asString())
        .isEqualTo("OPEN");
    Api.Response two = dock.receive(counted(scan, number, 2, site.dock));
    assertThat(two.status()).as(two.toString()).isEqualTo(201);
    long second = two.at("/ret/id").asLong();
    assertThat(ok(site.api.get("/api/v1/rmas/" + number)).at("/lines/0/received").asLong())
        .isEqualTo(6);
    assertThat(ok(site.api.get("/api/v1/rmas/" + number)).at("/status").asString())
        .as("the whole authorised quantity is back: the RMA closed with the receipt")
        .isEqualTo("CLOSED");

    // everything the order shipped is back: no new authorisation for it
    Api.Response again =
        site.api.post(
            "/api/v1/rmas",
            map(
                "order",
                map("channel", Shipped.CHANNEL, "id", order.channelOrderId()),
                "reason",
                "CHANGED_MIND"));
    assertThat(again.status()).isEqualTo(422);
    assertThat(again.problemCode()).isEqualTo("already-returned");

    ok(dock.inspect(first, "GOOD"));
    ok(dock.route(first, "RESTOCK", null));
    JsonNode restocked = dockStock(site, sku);
    assertThat(restocked.path("held").asLong()).isEqualTo(2);
    assertThat(restocked.path("quantity").asLong()).isEqualTo(6);

    ok(dock.inspect(second, "DAMAGED"));
    Api.Response repair = dock.route(second, "REPAIR", null, "fix the caps");
    assertThat(repair.status()).isEqualTo(422);
    assertThat(repair.problemCode()).isEqualTo("route-not-allowed");
    ok(dock.route(second, "SCRAP", null, "crushed bottles"));
    JsonNode after = dockStock(site, sku);
    assertThat(after.path("held").asLong()).isZero();
    assertThat(after.path("quantity").asLong()).isEqualTo(4);
    assertThat(ok(site.api.post("/api/v1/ledger/verify", null)).at("/intact").asBoolean()).isTrue();
  }

  private static java.util.Map<String, Object> counted(
      String scan, String rma, int quantity, String location) {
    return map("scan", scan, "rma", rma, "quantity", quantity, "location", location);
  }

  /** The product's stock line on the site's dock. */
  private static JsonNode dockStock(Site site, String sku) {
    for (JsonNode line : ok(site.api.get("/api/v1/stock?sku=" + sku)).at("/items")) {
      if (line.path("location").asString().equals(site.dock)) {
        return line;
      }
    }
    return tools.jackson.databind.node.JsonNodeFactory.instance.objectNode();
  }
}
