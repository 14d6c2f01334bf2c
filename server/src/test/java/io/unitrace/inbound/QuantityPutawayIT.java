package io.unitrace.inbound;

import static io.unitrace.support.Api.map;
import static io.unitrace.support.Site.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.unitrace.support.Api;
import io.unitrace.support.CountedGoods;
import io.unitrace.support.IntegrationTest;
import io.unitrace.support.Site;
import io.unitrace.support.StartGate;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Counted goods go from the dock to storage by quantity: suggested where the lot already is,
 * confirmed by the bin's scan.
 */
class QuantityPutawayIT extends IntegrationTest {

  private static final String SUGGEST = "/api/v1/putaway/suggestions";
  private static final String PUTAWAY = "/api/v1/putaway";

  private static void found(
      CountedGoods g, String gtin, String lot, String location, int quantity) {
    ok(g.found(gtin, lot, location, quantity));
  }

  private static long stock(CountedGoods g, String sku, String location) {
    return g.stock(sku, location);
  }

  @Test
  void theScannedCountGoesWhereTheLotAlreadyIs() {
    CountedGoods g = CountedGoods.create(admin);
    Site s = g.site();
    found(g, g.saline(), "L1", s.bin2, 40);
    found(g, g.saline(), "L1", s.dock, 100);
    String label = "(01)" + g.saline() + "(10)L1(30)25";

    JsonNode suggested = ok(s.api.post(SUGGEST, map("scan", label))).json();
    assertThat(suggested.at("/stock/onDock").asLong()).isEqualTo(100);
    assertThat(suggested.at("/stock/moving").asLong()).isEqualTo(25);
    assertThat(suggested.at("/at").asString()).isEqualTo(s.dock);
    assertThat(suggested.at("/suggestions/0/code").asString()).isEqualTo(s.bin2);
    assertThat(suggested.at("/suggestions/0/reason").asString()).isEqualTo("SAME_SKU_AND_LOT");
    assertThat(suggested.path("suggestions").toString())
        .as("an empty bin is one without stock")
        .doesNotContain(s.bin2 + "\",\"reason\":\"EMPTY_BIN");

    JsonNode done = ok(s.api.post(PUTAWAY, map("scan", label, "location", s.bin2))).json();
    assertThat(done.path("followedSuggestion").asBoolean()).isTrue();
    assertThat(done.at("/receipt/stock").size()).isEqualTo(2);
    assertThat(stock(g, g.salineSku(), s.dock)).isEqualTo(75);
    assertThat(stock(g, g.salineSku(), s.bin2)).isEqualTo(65);
    JsonNode line =
        ok(s.api.get("/api/v1/stock?sku=" + g.salineSku() + "&location=" + s.bin2))
            .json()
            .at("/items/0");
    assertThat(line.path("available").asLong()).isEqualTo(65);
    assertThat(ok(s.api.post("/api/v1/ledger/verify", null)).at("/intact").asBoolean()).isTrue();
  }

  @Test
  void withoutACountEverythingOnTheDockGoesAndARepeatMovesNothingMore() {
    CountedGoods g = CountedGoods.create(admin);
    Site s = g.site();
    found(g, g.gloves(), null, s.dock, 30);
    JsonNode first =
        ok(s.api.post(PUTAWAY, map("gtin", g.gloves(), "location", s.bin1), "putaway-gloves-1"))
            .json();
    assertThat(first.at("/receipt/stock/1/quantity").asLong()).isEqualTo(30);
    found(g, g.gloves(), null, s.dock, 5);
    JsonNode again =
        ok(s.api.post(PUTAWAY, map("gtin", g.gloves(), "location", s.bin1), "putaway-gloves-1"))
            .json();
    assertThat(again.at("/receipt/repeated").asBoolean()).isTrue();
    assertThat(again.at("/receipt/eventId").asLong())
        .isEqualTo(first.at("/receipt/eventId").asLong());
    assertThat(stock(g, g.glovesSku(), s.bin1)).isEqualTo(30);
    assertThat(stock(g, g.glovesSku(), s.dock)).isEqualTo(5);
  }

  @Test
  void twoClerksPuttingAwayMostOfALotAtOnceCannotBothTakeIt() throws Exception {
    for (int round = 0; round < 3; round++) {
      CountedGoods g = CountedGoods.create(admin);
      Site s = g.site();
      found(g, g.saline(), "L1", s.dock, 100);
      List<Api.Response> answers =
          StartGate.together(
              () ->
                  s.api.post(
                      PUTAWAY,
                      map("gtin", g.saline(), "lot", "L1", "quantity", 60, "location", s.bin1)),
              () ->
                  s.api.post(
                      PUTAWAY,
                      map("gtin", g.saline(), "lot", "L1", "quantity", 60, "location", s.bin2)));
      assertThat(answers.stream().filter(a -> a.status() == 200).count())
          .as(answers.toString())
          .isEqualTo(1);
      assertThat(answers.stream().filter(a -> "insufficient-stock".equals(a.problemCode())).count())
          .as(answers.toString())
          .isEqualTo(1);
      assertThat(stock(g, g.salineSku(), s.dock)).isEqualTo(40);
      assertThat(stock(g, g.salineSku(), s.bin1) + stock(g, g.salineSku(), s.bin2)).isEqualTo(60);
    }
  }

  @Test
  void refusalsNameWhatIsWrong() {
    CountedGoods g = CountedGoods.create(admin);
    Site s = g.site();
    found(g, g.saline(), "L1", s.dock, 10);
    found(g, g.saline(), "L1", s.bin1, 10);
    assertThat(s.api.post(SUGGEST, map("gtin", s.gtin)).problemCode())
        .as("serialized goods are put away by unit")
        .isEqualTo("serial-required");
    Api.Response noLot = s.api.post(SUGGEST, map("gtin", g.saline()));
    assertThat(noLot.problemCode()).isEqualTo("lot-required");
    assertThat(noLot.at("/field").asString()).isEqualTo("lot");
    assertThat(s.api.post(SUGGEST, map("gtin", g.gloves())).problemCode()).isEqualTo("not-on-dock");
    Api.Response tooMany =
        s.api.post(
            PUTAWAY, map("gtin", g.saline(), "lot", "L1", "quantity", 11, "location", s.bin1));
    assertThat(tooMany.problemCode()).isEqualTo("insufficient-stock");
    assertThat(tooMany.at("/available").asLong()).isEqualTo(10);
    Api.Response toDock =
        s.api.post(PUTAWAY, map("gtin", g.saline(), "lot", "L1", "location", s.quarantine));
    assertThat(toDock.problemCode()).isEqualTo("wrong-location-type");
    assertThat(
            s.api
                .post(
                    PUTAWAY,
                    map("gtin", g.saline(), "lot", "L1", "quantity", 0, "location", s.bin1))
                .at("/field")
                .asString())
        .isEqualTo("quantity");

    String dock2 = s.warehouse + "-DOCK2";
    ok(
        admin.post(
            "/api/v1/locations",
            map("warehouse", s.warehouse, "code", dock2, "type", "DOCK", "level", "AREA")));
    found(g, g.saline(), "L1", dock2, 5);
    Api.Response twoDocks = s.api.post(SUGGEST, map("gtin", g.saline(), "lot", "L1"));
    assertThat(twoDocks.problemCode()).isEqualTo("on-several-docks");
    assertThat(twoDocks.at("/field").asString()).isEqualTo("from");
    assertThat(
            ok(s.api.post(SUGGEST, map("gtin", g.saline(), "lot", "L1", "from", dock2)))
                .at("/stock/onDock")
                .asLong())
        .isEqualTo(5);
    assertThat(stock(g, g.salineSku(), s.dock)).isEqualTo(10);
  }

  @Test
  void theSamePutawaySentTwiceAtOnceMovesOnceAndAnswersBoth() throws Exception {
    for (int round = 0; round < 3; round++) {
      CountedGoods g = CountedGoods.create(admin);
      Site s = g.site();
      found(g, g.gloves(), null, s.dock, 30);
      String key = "twin-" + round;
      List<Api.Response> answers =
          StartGate.together(
              () -> s.api.post(PUTAWAY, map("gtin", g.gloves(), "location", s.bin1), key),
              () -> s.api.post(PUTAWAY, map("gtin", g.gloves(), "location", s.bin1), key));
      assertThat(answers).as(answers.toString()).allMatch(a -> a.status() == 200);
      assertThat(answers.get(0).at("/receipt/eventId").asLong())
          .isEqualTo(answers.get(1).at("/receipt/eventId").asLong());
      assertThat(answers.get(0).at("/location").asString()).isEqualTo(s.bin1);
      assertThat(answers.get(1).at("/location").asString()).isEqualTo(s.bin1);
      assertThat(stock(g, g.glovesSku(), s.bin1)).isEqualTo(30);
    }
  }
}
