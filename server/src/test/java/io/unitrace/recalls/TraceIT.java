package io.unitrace.recalls;

import static io.unitrace.support.Api.map;
import static io.unitrace.support.Site.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.unitrace.support.Api;
import io.unitrace.support.IntegrationTest;
import io.unitrace.support.Shipped;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Where every unit of a lot is now, and where a unit came from. */
class TraceIT extends IntegrationTest {

  @Test
  void theForwardTraceOfALotShowsEachUnitInStockOnAnOrderOrAtItsCustomer() {
    RecallFloor f = RecallFloor.open(admin);
    String lot = unique("L-");
    f.register(lot, "T1", "T2", "T3", "T4");
    Shipped shipped = f.ship(1);
    assertThat(shipped.serial()).isEqualTo("T1");
    f.order(1);
    ok(
        f.api.post(
            "/api/v1/units/01/" + f.gtin + "/21/T3/holds",
            map("hold", "SUSPECT", "reason", "seen twice")));

    JsonNode trace = ok(f.api.get("/api/v1/trace/lots?product=" + f.sku + "&lot=" + lot)).json();
    assertThat(trace.path("lot").asString()).isEqualTo(lot);
    Map<String, JsonNode> bySerial = new HashMap<>();
    trace.at("/units/items").forEach(u -> bySerial.put(u.path("serial").asString(), u));
    assertThat(bySerial).containsOnlyKeys("T1", "T2", "T3", "T4");
    JsonNode t1 = bySerial.get("T1");
    assertThat(t1.path("where").asString()).isEqualTo("AT_CUSTOMER");
    assertThat(t1.path("customer").asString()).isEqualTo(shipped.customer());
    assertThat(t1.path("order").asString()).isEqualTo(shipped.channelOrderId());
    assertThat(t1.path("channel").asString()).isEqualTo(Shipped.CHANNEL);
    assertThat(t1.path("shipped").asString()).isEqualTo(LocalDate.now(ZoneOffset.UTC).toString());
    assertThat(bySerial.get("T2").path("where").asString()).isEqualTo("ALLOCATED");
    assertThat(bySerial.get("T2").path("order").isNull()).isFalse();
    assertThat(bySerial.get("T3").path("holds").get(0).asString()).isEqualTo("SUSPECT");
    assertThat(bySerial.get("T4").path("location").asString()).isEqualTo(f.site.bin1);
    assertThat(bySerial.get("T4").path("where").asString()).isEqualTo("IN_STOCK");

    JsonNode firstPage =
        ok(f.api.get("/api/v1/trace/lots?product=" + f.sku + "&lot=" + lot + "&limit=3")).json();
    assertThat(firstPage.at("/units/items").size()).isEqualTo(3);
    JsonNode second =
        ok(f.api.get(
                "/api/v1/trace/lots?product="
                    + f.sku
                    + "&lot="
                    + lot
                    + "&limit=3&cursor="
                    + firstPage.at("/units/next").asString()))
            .json();
    assertThat(second.at("/units/items").size()).isEqualTo(1);

    Api.Response csv = f.api.get("/api/v1/trace/lots.csv?product=" + f.sku + "&lot=" + lot);
    assertThat(csv.status()).isEqualTo(200);
    assertThat(csv.contentType()).startsWith("text/csv");
    String[] lines = csv.body().split("\n");
    assertThat(lines).hasSize(5);
    assertThat(csv.body())
        .contains(
            "T1,"
                + lot
                + ",SHIPPED,AT_CUSTOMER,,,"
                + shipped.channelOrderId()
                + ","
                + Shipped.CHANNEL
                + ","
                + shipped.customer());
  }

  @Test
  void theBackwardTraceOfAUnitNamesItsProductLotAndFirstSighting() {
    RecallFloor f = RecallFloor.open(admin);
    String lot = unique("L-");
    f.register(lot, "W1");
    JsonNode origin = ok(f.api.get("/api/v1/trace/units/01/" + f.gtin + "/21/W1")).json();
    assertThat(origin.path("sku").asString()).isEqualTo(f.sku);
    assertThat(origin.path("lot").asString()).isEqualTo(lot);
    assertThat(origin.path("firstEvent").asString()).isEqualTo("REGISTERED");
    assertThat(origin.path("firstSeenAt").asString()).isEqualTo(f.site.bin1);
  }

  @Test
  void aTraceOfAnUnknownLotNamesTheField() {
    RecallFloor f = RecallFloor.open(admin);
    Api.Response r = f.api.get("/api/v1/trace/lots?product=" + f.sku + "&lot=NOPE");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().path("field").asString()).isEqualTo("lot");
    Api.Response csv = f.api.get("/api/v1/trace/lots.csv?product=NOPE&lot=NOPE");
    assertThat(csv.status()).isEqualTo(400);
    assertThat(csv.json().path("field").asString()).isEqualTo("product");
  }
}
