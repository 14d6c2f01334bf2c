package io.unitrace.recalls;

import static io.unitrace.support.Api.list;
import static io.unitrace.support.Api.map;
import static io.unitrace.support.Site.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.unitrace.support.Api;
import io.unitrace.support.CountedGoods;
import io.unitrace.support.IntegrationTest;
import io.unitrace.support.Shipped;
import io.unitrace.support.Site;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Where every unit of a lot is now, up the genealogy to the finished units that contain it, and
 * where a unit came from.
 */
class TraceIT extends IntegrationTest {

  /** The class's floor, for the tests that do not ship its phone first in, first out. */
  private static RecallFloor shared;

  private RecallFloor floor() {
    if (shared == null) {
      shared = RecallFloor.open(admin);
    }
    return shared;
  }

  private static String product(RecallFloor f, String name, String tracking, boolean expiry) {
    String sku = unique("P");
    String gtin = Site.randomGtin();
    ok(
        f.api.post(
            "/api/v1/products",
            map(
                "sku",
                sku,
                "name",
                name,
                "gtins",
                list(gtin),
                "tracking",
                tracking,
                "expiryTracked",
                expiry)));
    return sku + " " + gtin;
  }

  private static Object unitKey(String gtin, String serial) {
    return map("gtin", gtin, "serial", serial);
  }

  /**
   * Cell C-1 of a bad lot and two of a counted lot of glue went into pack P-1, the pack into phone
   * PH-1, and the phone was shipped; the lot's spare cell is on the shelf. The trace of either lot
   * names the pack and the phone, the depth and path they were reached by, and the phone's
   * customer.
   */
  @Test
  void theForwardTraceWalksUpSubassembliesToTheFinishedUnitAndItsCustomer() {
    RecallFloor f = floor();
    String[] cell = product(f, "Battery cell", "LOT_AND_SERIAL", false).split(" ");
    String[] glue = product(f, "Glue", "LOT", true).split(" ");
    String[] pack = product(f, "Battery pack", "SERIAL", false).split(" ");
    String[] phone = product(f, "Phone", "SERIAL", false).split(" ");
    String cellLot = unique("C");
    String glueLot = unique("G");
    ok(
        f.api.post(
            "/api/v1/units",
            map(
                "location",
                f.site.bin1,
                "units",
                list(
                    map("gtin", cell[1], "serial", "C-1", "lot", cellLot),
                    map("gtin", cell[1], "serial", "C-2", "lot", cellLot),
                    map("gtin", pack[1], "serial", "P-1"),
                    map("gtin", phone[1], "serial", "PH-1")))));
    ok(
        new CountedGoods(f.site, glue[0], glue[1], null, null)
            .found(glue[1], glueLot, f.site.bin1, 5));
    ok(
        f.api.post(
            "/api/v1/assemblies",
            map(
                "unit",
                unitKey(pack[1], "P-1"),
                "components",
                list(unitKey(cell[1], "C-1")),
                "stock",
                list(
                    map(
                        "gtin",
                        glue[1],
                        "lot",
                        glueLot,
                        "location",
                        f.site.bin1,
                        "quantity",
                        2)))));
    ok(
        f.api.post(
            "/api/v1/assemblies",
            map("unit", unitKey(phone[1], "PH-1"), "components", list(unitKey(pack[1], "P-1")))));
    Shipped shipped =
        Shipped.order(
            f.site,
            f.pack,
            Shipped.customer(f.site),
            list(map("sku", phone[0], "quantity", 1)),
            null);
    assertThat(shipped.serial()).isEqualTo("PH-1");

    JsonNode trace =
        ok(f.api.get("/api/v1/trace/lots?product=" + cell[0] + "&lot=" + cellLot)).json();
    Map<String, JsonNode> bySerial = new HashMap<>();
    trace.at("/units/items").forEach(u -> bySerial.put(u.path("serial").asString(), u));
    assertThat(bySerial).containsOnlyKeys("C-1", "C-2", "P-1", "PH-1");
    assertThat(bySerial.get("C-1").path("where").asString()).isEqualTo("CONSUMED");
    assertThat(bySerial.get("C-1").path("depth").asInt()).isZero();
    assertThat(bySerial.get("C-2").path("where").asString()).isEqualTo("IN_STOCK");
    assertThat(bySerial.get("P-1").path("depth").asInt()).isEqualTo(1);
    assertThat(bySerial.get("P-1").path("via").asString()).isEqualTo("C-1");
    assertThat(bySerial.get("P-1").path("where").asString()).isEqualTo("CONSUMED");
    JsonNode finished = bySerial.get("PH-1");
    assertThat(finished.path("gtin").asString()).isEqualTo(phone[1]);
    assertThat(finished.path("sku").asString()).isEqualTo(phone[0]);
    assertThat(finished.path("depth").asInt()).isEqualTo(2);
    assertThat(finished.path("via").asString()).isEqualTo("C-1 > P-1");
    assertThat(finished.path("where").asString()).isEqualTo("AT_CUSTOMER");
    assertThat(finished.path("customer").asString()).isEqualTo(shipped.customer());
    assertThat(finished.path("order").asString()).isEqualTo(shipped.channelOrderId());

    // Paged: one unit a page still reaches the finished unit, each unit once.
    List<String> paged = new ArrayList<>();
    String cursor = "";
    do {
      JsonNode page =
          ok(f.api.get(
                  "/api/v1/trace/lots?product="
                      + cell[0]
                      + "&lot="
                      + cellLot
                      + "&limit=1"
                      + (cursor.isEmpty() ? "" : "&cursor=" + cursor)))
              .json();
      page.at("/units/items").forEach(u -> paged.add(u.path("serial").asString()));
      cursor = page.at("/units/next").asString("");
    } while (!cursor.isEmpty());
    assertThat(paged).containsExactlyInAnyOrder("C-1", "C-2", "P-1", "PH-1");

    String csv =
        ok(f.api.get("/api/v1/trace/lots.csv?product=" + cell[0] + "&lot=" + cellLot)).body();
    assertThat(csv.split("\n")[0]).endsWith(",quantity,depth,via");
    assertThat(csv)
        .contains(
            phone[1]
                + ",PH-1,,SHIPPED,AT_CUSTOMER,,,"
                + shipped.channelOrderId()
                + ","
                + Shipped.CHANNEL
                + ","
                + shipped.customer());
    assertThat(csv).contains(",1,2,C-1 > P-1\n");

    // The counted lot: its two in the pack, the pack in the shipped phone; three still on the
    // shelf.
    JsonNode glued =
        ok(f.api.get("/api/v1/trace/lots?product=" + glue[0] + "&lot=" + glueLot)).json();
    assertThat(glued.at("/stock/0/quantity").asLong()).isEqualTo(3);
    Map<String, JsonNode> up = new HashMap<>();
    glued.at("/units/items").forEach(u -> up.put(u.path("serial").asString(), u));
    assertThat(up).containsOnlyKeys("P-1", "PH-1");
    assertThat(up.get("P-1").path("via").asString()).isEqualTo(glueLot + " x2");
    assertThat(up.get("PH-1").path("via").asString()).isEqualTo(glueLot + " x2 > P-1");
    assertThat(up.get("PH-1").path("customer").asString()).isEqualTo(shipped.customer());
    String glueCsv =
        ok(f.api.get("/api/v1/trace/lots.csv?product=" + glue[0] + "&lot=" + glueLot)).body();
    assertThat(glueCsv).contains(",PH-1,").contains(shipped.customer() + ",");
    assertThat(glueCsv).contains(",1,2," + glueLot + " x2 > P-1\n");
  }

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
    RecallFloor f = floor();
    String lot = unique("L-");
    String serial = unique("W");
    f.register(lot, serial);
    JsonNode origin = ok(f.api.get("/api/v1/trace/units/01/" + f.gtin + "/21/" + serial)).json();
    assertThat(origin.path("sku").asString()).isEqualTo(f.sku);
    assertThat(origin.path("lot").asString()).isEqualTo(lot);
    assertThat(origin.path("firstEvent").asString()).isEqualTo("REGISTERED");
    assertThat(origin.path("firstSeenAt").asString()).isEqualTo(f.site.bin1);
  }

  @Test
  void aTraceOfAnUnknownLotNamesTheField() {
    RecallFloor f = floor();
    Api.Response r = f.api.get("/api/v1/trace/lots?product=" + f.sku + "&lot=NOPE");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().path("field").asString()).isEqualTo("lot");
    Api.Response csv = f.api.get("/api/v1/trace/lots.csv?product=NOPE&lot=NOPE");
    assertThat(csv.status()).isEqualTo(400);
    assertThat(csv.json().path("field").asString()).isEqualTo("product");
  }
}
