package io.unitrace.inbound;

import static io.unitrace.support.Api.list;
import static io.unitrace.support.Api.map;
import static io.unitrace.support.Site.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.unitrace.gs1.CheckDigit;
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
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Putaway from the dock: what is suggested and why, and what a confirmed putaway may and may not
 * do.
 */
class PutawayIT extends IntegrationTest {

  private static final String SUGGEST = "/api/v1/putaway/suggestions";
  private static final String PUTAWAY = "/api/v1/putaway";

  @Test
  void theProductsFixedBinIsSuggestedFirstAndFollowingItIsRecorded() {
    Site site = Site.create(admin);
    ok(
        site.api.put(
            "/api/v1/products/" + site.sku,
            map(
                "sku",
                site.sku,
                "name",
                "Phone",
                "gtins",
                list(site.gtin),
                "tracking",
                "SERIAL",
                "fixedBin",
                site.bin2)));
    String first = unique("SN");
    String second = unique("SN");
    site.register(site.dock, first, second);

    var s = ok(site.api.post(SUGGEST, map("scan", scan(site, first))));
    assertThat(s.at("/units/0/serial").asString()).isEqualTo(first);
    assertThat(s.at("/units/0/state").asString()).isEqualTo("RECEIVED");
    assertThat(s.at("/at").asString()).isEqualTo(site.dock);
    assertThat(suggestions(s)).containsExactly(site.bin2 + " FIXED_BIN", site.bin1 + " EMPTY_BIN");

    var followed =
        ok(site.api.post(PUTAWAY, map("gtin", site.gtin, "serial", first, "location", site.bin2)));
    assertThat(followed.at("/followedSuggestion").asBoolean()).isTrue();
    assertThat(followed.at("/suggested").asString()).isEqualTo(site.bin2);
    assertThat(followed.at("/receipt/units/0/state").asString()).isEqualTo("STORED");
    var ignored =
        ok(site.api.post(PUTAWAY, map("scan", scan(site, second), "location", site.bin1)));
    assertThat(ignored.at("/followedSuggestion").asBoolean()).isFalse();
    assertThat(ignored.at("/suggested").asString()).isEqualTo(site.bin2);
    assertThat(unit(site, site.gtin, second).at("/location").asString()).isEqualTo(site.bin1);
  }

  @Test
  void binsHoldingTheSameProductAndLotComeMostUnitsFirstThenTheFirstEmptyBinOfTheirZone() {
    Site site = Site.create(admin);
    String bin3 = location(site, site.warehouse + "-Z1", site.warehouse + "-B3", "BIN");
    String bin4 = location(site, site.warehouse + "-Z1", site.warehouse + "-B4", "BIN");
    // earlier by code than any bin of zone 1, but in another zone: not the nearest
    location(site, null, site.warehouse + "-A0", "ZONE");
    location(site, site.warehouse + "-A0", site.warehouse + "-A0-1", "BIN");
    String sku = unique("SKU");
    String gtin = Site.randomGtin();
    ok(
        site.api.post(
            "/api/v1/products",
            map("sku", sku, "name", "Serum", "gtins", list(gtin), "tracking", "LOT_AND_SERIAL")));
    registerLotted(site, gtin, "L1", site.bin1, unique("SN"));
    registerLotted(site, gtin, "L1", bin3, unique("SN"), unique("SN"));
    registerLotted(site, gtin, "L2", site.bin2, unique("SN"), unique("SN"), unique("SN"));
    String arriving = unique("SN");
    registerLotted(site, gtin, "L1", site.dock, arriving);

    var s = ok(site.api.post(SUGGEST, map("gtin", gtin, "serial", arriving)));
    assertThat(s.at("/units/0/lot").asString()).isEqualTo("L1");
    assertThat(s.at("/units/0/sku").asString()).isEqualTo(sku);
    assertThat(suggestions(s))
        .containsExactly(
            bin3 + " SAME_SKU_AND_LOT", site.bin1 + " SAME_SKU_AND_LOT", bin4 + " EMPTY_BIN");
  }

  @Test
  void anEmptyBinHoldsNoUnitOfAnyClientAndNoContainer() {
    Site site = Site.create(admin);
    String bin3 = location(site, site.warehouse + "-Z1", site.warehouse + "-B3", "BIN");
    String bin4 = location(site, site.warehouse + "-Z1", site.warehouse + "-B4", "BIN");
    Site other = Site.create(admin);
    other.register(site.bin1, unique("SNO"));
    ok(site.api.post("/api/v1/containers", map("sscc", randomSscc(), "location", site.bin2)));
    String serial = unique("SN");
    site.register(site.dock, serial);

    var s = ok(site.api.post(SUGGEST, map("scan", "(01)" + site.gtin + "(21)" + serial)));
    assertThat(suggestions(s)).containsExactly(bin3 + " EMPTY_BIN", bin4 + " EMPTY_BIN");
  }

  @Test
  void aHeldUnitIsSentToQuarantineAndRefusedInStorage() {
    Site site = Site.create(admin);
    String serial = unique("SN");
    site.register(site.dock, serial);
    ok(site.api.post(site.unitPath(serial) + "/holds", map("hold", "QC", "reason", "dented box")));

    var s = ok(site.api.post(SUGGEST, map("scan", scan(site, serial))));
    assertThat(s.at("/held").asBoolean()).isTrue();
    assertThat(suggestions(s)).containsExactly(site.quarantine + " HELD");

    var refused = site.api.post(PUTAWAY, map("scan", scan(site, serial), "location", site.bin1));
    assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
    assertThat(refused.problemCode()).isEqualTo("wrong-location-type");
    assertThat(refused.at("/field").asString()).isEqualTo("location");
    assertThat(history(site, serial)).isEqualTo(2);

    var done =
        ok(site.api.post(PUTAWAY, map("scan", scan(site, serial), "location", site.quarantine)));
    assertThat(done.at("/followedSuggestion").asBoolean()).isTrue();
    assertThat(unit(site, site.gtin, serial).at("/location").asString()).isEqualTo(site.quarantine);
  }

  @Test
  void aPalletIsPutAwayWithEverythingOnItAndIsSuggestedByItsDominantProduct() {
    Site site = Site.create(admin);
    String sku = unique("SKU");
    String gtin = Site.randomGtin();
    ok(
        site.api.post(
            "/api/v1/products",
            map(
                "sku",
                sku,
                "name",
                "Tablet",
                "gtins",
                list(gtin),
                "tracking",
                "SERIAL",
                "fixedBin",
                site.bin2)));
    String t1 = unique("SN");
    String t2 = unique("SN");
    ok(
        site.api.post(
            "/api/v1/units",
            map(
                "location",
                site.dock,
                "units",
                list(map("gtin", gtin, "serial", t1), map("gtin", gtin, "serial", t2)))));
    String phone = unique("SN");
    site.register(site.dock, phone);
    String pallet = randomSscc();
    String kase = randomSscc();
    ok(
        site.api.post(
            "/api/v1/containers", map("sscc", pallet, "kind", "PALLET", "location", site.dock)));
    ok(
        site.api.post(
            "/api/v1/containers", map("sscc", kase, "kind", "CASE", "location", site.dock)));
    ok(
        site.api.post(
            "/api/v1/units/pack",
            map(
                "units",
                list(map("gtin", gtin, "serial", t1), map("gtin", gtin, "serial", t2)),
                "into",
                kase)));
    ok(
        site.api.post(
            "/api/v1/units/pack", map("units", list(site.unitKey(phone)), "into", pallet)));
    ok(site.api.post("/api/v1/containers/" + kase + "/pack", map("into", pallet)));

    var s = ok(site.api.post(SUGGEST, map("scan", "(00)" + pallet)));
    assertThat(s.at("/container/sscc").asString()).isEqualTo(pallet);
    assertThat(s.at("/container/unitCount").asInt()).isEqualTo(3);
    assertThat(s.at("/units").size()).isEqualTo(3);
    assertThat(suggestions(s)).first().isEqualTo(site.bin2 + " FIXED_BIN");

    var nested = ok(site.api.post(SUGGEST, map("sscc", kase)));
    assertThat(nested.at("/container/sscc").asString()).isEqualTo(kase);
    assertThat(nested.at("/container/inside").asString()).isEqualTo(pallet);
    assertThat(nested.at("/container/unitCount").asInt()).isEqualTo(2);
    var packed =
        site.api.post(PUTAWAY, map("scan", "(01)" + gtin + "(21)" + t1, "location", site.bin2));
    assertThat(packed.status()).as(packed.toString()).isEqualTo(409);
    assertThat(packed.problemCode()).isEqualTo("unit-in-container");
    assertThat(packed.at("/detail").asString()).contains(pallet).contains("unpack");
    assertThat(unit(site, gtin, t1).at("/location").asString()).isEqualTo(site.dock);

    var done = ok(site.api.post(PUTAWAY, map("scan", "(00)" + pallet, "location", site.bin2)));
    assertThat(done.at("/followedSuggestion").asBoolean()).isTrue();
    assertThat(done.at("/receipt/unitCount").asInt()).isEqualTo(3);
    for (JsonNode u :
        List.of(unit(site, gtin, t1), unit(site, gtin, t2), unit(site, site.gtin, phone))) {
      assertThat(u.at("/state").asString()).isEqualTo("STORED");
      assertThat(u.at("/location").asString()).isEqualTo(site.bin2);
    }
    assertThat(ok(site.api.get("/api/v1/containers/" + kase)).at("/parentId").isNumber()).isTrue();
    var again = site.api.post(SUGGEST, map("scan", "(00)" + pallet));
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.problemCode()).isEqualTo("not-on-dock");
  }

  @Test
  void aCaseIsTakenOffItsPalletAndPutAwayByItsOwnSsccInOneEvent() {
    Site site = Site.create(admin);
    String pallet = randomSscc();
    String caseA = randomSscc();
    String caseB = randomSscc();
    ok(
        site.api.post(
            "/api/v1/containers", map("sscc", pallet, "kind", "PALLET", "location", site.dock)));
    String a1 = unique("SN");
    String a2 = unique("SN");
    String b1 = unique("SN");
    for (String kase : List.of(caseA, caseB)) {
      ok(
          site.api.post(
              "/api/v1/containers", map("sscc", kase, "kind", "CASE", "location", site.dock)));
    }
    site.register(site.dock, a1, a2, b1);
    ok(
        site.api.post(
            "/api/v1/units/pack",
            map("units", list(site.unitKey(a1), site.unitKey(a2)), "into", caseA)));
    ok(site.api.post("/api/v1/units/pack", map("units", list(site.unitKey(b1)), "into", caseB)));
    for (String kase : List.of(caseA, caseB)) {
      ok(site.api.post("/api/v1/containers/" + kase + "/pack", map("into", pallet)));
    }

    var done =
        ok(site.api.post(PUTAWAY, map("scan", "(00)" + caseA, "location", site.bin1), "bd-1"));
    assertThat(done.at("/receipt/unitCount").asInt()).isEqualTo(2);
    for (String serial : List.of(a1, a2)) {
      JsonNode u = unit(site, site.gtin, serial);
      assertThat(u.at("/state").asString()).isEqualTo("STORED");
      assertThat(u.at("/location").asString()).isEqualTo(site.bin1);
    }
    // The case came off the pallet in the same event: one event, naming the pallet.
    assertThat(ok(site.api.get("/api/v1/containers/" + caseA)).at("/parentId").isNumber())
        .isFalse();
    assertThat(ok(site.api.get("/api/v1/containers/" + caseB)).at("/parentId").isNumber()).isTrue();
    JsonNode items = ok(site.api.get(site.unitPath(a1) + "/history")).json().path("items");
    JsonNode last = items.get(items.size() - 1);
    assertThat(last.at("/details/fromContainer").asString()).as(last.toString()).isEqualTo(pallet);
    assertThat(last.at("/details/container").asString()).isEqualTo(caseA);

    // The rest of the pallet is still on the dock, and goes away whole without case A.
    JsonNode b = unit(site, site.gtin, b1);
    assertThat(b.at("/state").asString()).isEqualTo("RECEIVED");
    assertThat(b.at("/location").asString()).isEqualTo(site.dock);
    var rest = ok(site.api.post(PUTAWAY, map("scan", "(00)" + pallet, "location", site.bin2)));
    assertThat(rest.at("/receipt/unitCount").asInt()).isEqualTo(1);
    assertThat(unit(site, site.gtin, b1).at("/location").asString()).isEqualTo(site.bin2);
    assertThat(unit(site, site.gtin, a1).at("/location").asString()).isEqualTo(site.bin1);

    // A repeat of the breakdown answers as the first and writes nothing.
    var again =
        ok(site.api.post(PUTAWAY, map("scan", "(00)" + caseA, "location", site.bin1), "bd-1"));
    assertThat(again.at("/receipt/eventId").asLong())
        .isEqualTo(done.at("/receipt/eventId").asLong());
    assertThat(ok(site.api.post("/api/v1/ledger/verify", null)).at("/intact").asBoolean()).isTrue();
  }

  @Test
  void aTargetThatIsNotStorageIsRefusedAndNothingIsWritten() {
    Site site = Site.create(admin);
    String serial = unique("SN");
    site.register(site.dock, serial);
    for (String wrong : List.of(site.quarantine, site.dock)) {
      var r =
          site.api.post(
              PUTAWAY, map("scan", scan(site, serial), "location", wrong), unique("key-"));
      assertThat(r.status()).as(r.toString()).isEqualTo(422);
      assertThat(r.problemCode()).isEqualTo("wrong-location-type");
      assertThat(r.at("/field").asString()).isEqualTo("location");
    }
    var unknown =
        site.api.post(PUTAWAY, map("scan", scan(site, serial), "location", unique("NOWHERE")));
    assertThat(unknown.status()).isEqualTo(422);
    assertThat(unknown.at("/field").asString()).isEqualTo("location");
    var v = unit(site, site.gtin, serial);
    assertThat(v.at("/state").asString()).isEqualTo("RECEIVED");
    assertThat(v.at("/location").asString()).isEqualTo(site.dock);
    assertThat(history(site, serial)).isEqualTo(1);

    var noUnit = site.api.post(SUGGEST, map("gtin", site.gtin, "serial", unique("NONE")));
    assertThat(noUnit.status()).isEqualTo(404);
    assertThat(noUnit.problemCode()).isEqualTo("unknown-unit");
    var notAScan = site.api.post(SUGGEST, map("scan", "(01)" + site.gtin));
    assertThat(notAScan.status()).isEqualTo(400);
    assertThat(notAScan.at("/field").asString()).isEqualTo("scan");

    ok(site.api.post(PUTAWAY, map("scan", scan(site, serial), "location", site.bin1)));
    var stored = site.api.post(SUGGEST, map("scan", scan(site, serial)));
    assertThat(stored.status()).isEqualTo(409);
    assertThat(stored.problemCode()).isEqualTo("not-on-dock");
    assertThat(stored.at("/state").asString()).isEqualTo("STORED");
    assertThat(stored.at("/location").asString()).isEqualTo(site.bin1);
  }

  @Test
  void aRepeatWithTheSameIdempotencyKeyAnswersTheFirstPutawayAndMovesNothingMore() {
    Site site = Site.create(admin);
    String serial = unique("SN");
    site.register(site.dock, serial);
    String key = unique("putaway-");
    var first =
        ok(site.api.post(PUTAWAY, map("scan", scan(site, serial), "location", site.bin1), key));
    var second =
        ok(site.api.post(PUTAWAY, map("scan", scan(site, serial), "location", site.bin1), key));
    assertThat(first.at("/receipt/repeated").asBoolean()).isFalse();
    assertThat(second.at("/receipt/repeated").asBoolean()).isTrue();
    assertThat(second.at("/receipt/eventId").asLong())
        .isEqualTo(first.at("/receipt/eventId").asLong());
    assertThat(history(site, serial)).isEqualTo(2);

    var reused =
        site.api.post(PUTAWAY, map("scan", scan(site, serial), "location", site.bin2), key);
    assertThat(reused.status()).as(reused.toString()).isEqualTo(422);
    assertThat(reused.problemCode()).isEqualTo("idempotency-key-reused");
    assertThat(unit(site, site.gtin, serial).at("/location").asString()).isEqualTo(site.bin1);
  }

  @Test
  void aKeyReusedForAnotherPalletToTheSamePlaceIsRefusedAndMovesNothing() {
    Site site = Site.create(admin);
    String first = randomSscc();
    String second = randomSscc();
    String onFirst = unique("SN");
    String onSecond = unique("SN");
    for (String[] pallet :
        List.of(new String[] {first, onFirst}, new String[] {second, onSecond})) {
      ok(
          site.api.post(
              "/api/v1/containers",
              map("sscc", pallet[0], "kind", "PALLET", "location", site.dock)));
      site.register(site.dock, pallet[1]);
      ok(
          site.api.post(
              "/api/v1/units/pack",
              map("units", list(site.unitKey(pallet[1])), "into", pallet[0])));
    }
    long dockId = ok(site.api.get("/api/v1/containers/" + second)).at("/locationId").asLong();
    String key = unique("putaway-");
    ok(site.api.post(PUTAWAY, map("scan", "(00)" + first, "location", site.bin1), key));

    var reused = site.api.post(PUTAWAY, map("scan", "(00)" + second, "location", site.bin1), key);
    assertThat(reused.status()).as(reused.toString()).isEqualTo(422);
    assertThat(reused.problemCode()).isEqualTo("idempotency-key-reused");
    assertThat(ok(site.api.get("/api/v1/containers/" + second)).at("/locationId").asLong())
        .isEqualTo(dockId);
    assertThat(unit(site, site.gtin, onSecond).at("/state").asString()).isEqualTo("RECEIVED");
    assertThat(unit(site, site.gtin, onSecond).at("/location").asString()).isEqualTo(site.dock);
    var repeat =
        ok(site.api.post(PUTAWAY, map("scan", "(00)" + first, "location", site.bin1), key));
    assertThat(repeat.at("/receipt/repeated").asBoolean()).isTrue();
  }

  @Test
  void twoClerksPuttingAwayTheSameUnitAtOnceIntoDifferentBinsLeaveOneWinner() throws Exception {
    Site site = Site.create(admin);
    for (int round = 0; round < 5; round++) {
      String serial = unique("SN");
      site.register(site.dock, serial);
      List<Api.Response> answers =
          together(
              () ->
                  site.api.post(
                      PUTAWAY,
                      map("scan", scan(site, serial), "location", site.bin1),
                      unique("clerk1-")),
              () ->
                  site.api.post(
                      PUTAWAY,
                      map("scan", scan(site, serial), "location", site.bin2),
                      unique("clerk2-")));
      List<Api.Response> won = answers.stream().filter(r -> r.status() == 200).toList();
      List<Api.Response> lost = answers.stream().filter(r -> r.status() != 200).toList();
      assertThat(won).as(answers.toString()).hasSize(1);
      assertThat(lost.get(0).status()).as(lost.toString()).isEqualTo(409);
      assertThat(lost.get(0).problemCode()).isEqualTo("not-on-dock");
      assertThat(lost.get(0).at("/state").asString()).isEqualTo("STORED");
      String winner = won.get(0).at("/location").asString();
      assertThat(lost.get(0).at("/location").asString()).isEqualTo(winner);
      assertThat(unit(site, site.gtin, serial).at("/location").asString()).isEqualTo(winner);
      assertThat(history(site, serial)).isEqualTo(2);
    }
  }

  @Test
  void aClientsUserCannotPutAwayAnotherClientsUnit() {
    Site a = Site.create(admin);
    Site b = Site.create(admin);
    String serial = unique("SNB");
    b.register(b.dock, serial);
    var suggested = a.api.post(SUGGEST, map("scan", scan(b, serial)));
    assertThat(suggested.status()).isEqualTo(404);
    assertThat(suggested.problemCode()).isEqualTo("unknown-unit");
    var moved = a.api.post(PUTAWAY, map("scan", scan(b, serial), "location", b.bin1));
    assertThat(moved.status()).isEqualTo(404);
    assertThat(moved.body()).doesNotContain(b.tenant);
    var v = unit(b, b.gtin, serial);
    assertThat(v.at("/location").asString()).isEqualTo(b.dock);
    assertThat(history(b, serial)).isEqualTo(1);
  }

  // Fixture

  private static String scan(Site site, String serial) {
    return "(01)" + site.gtin + "(21)" + serial;
  }

  private static List<String> suggestions(Api.Response r) {
    List<String> out = new ArrayList<>();
    r.at("/suggestions")
        .forEach(s -> out.add(s.path("code").asString() + " " + s.path("reason").asString()));
    return out;
  }

  private static JsonNode unit(Site site, String gtin, String serial) {
    return ok(site.api.get("/api/v1/units/01/" + gtin + "/21/" + serial)).json();
  }

  private static int history(Site site, String serial) {
    return ok(site.api.get(site.unitPath(serial) + "/history")).at("/items").size();
  }

  private String location(Site site, String parent, String code, String level) {
    Api.Response r =
        ok(
            admin.post(
                "/api/v1/locations",
                parent == null
                    ? map(
                        "warehouse",
                        site.warehouse,
                        "code",
                        code,
                        "type",
                        "STORAGE",
                        "level",
                        level)
                    : map(
                        "warehouse",
                        site.warehouse,
                        "parent",
                        parent,
                        "code",
                        code,
                        "type",
                        "STORAGE",
                        "level",
                        level)));
    return r.at("/code").asString();
  }

  private static void registerLotted(
      Site site, String gtin, String lot, String location, String... serials) {
    List<Object> units = new ArrayList<>();
    for (String s : serials) {
      units.add(map("gtin", gtin, "serial", s, "lot", lot));
    }
    ok(site.api.post("/api/v1/units", map("location", location, "units", units)));
  }

  private static String randomSscc() {
    String body =
        "0" + String.format("%016d", ThreadLocalRandom.current().nextLong(10_000_000_000_000_000L));
    return body + CheckDigit.compute(body);
  }

  /**
   * Sends the requests on their own threads, released together so that they reach the server at the
   * same moment.
   */
  @SafeVarargs
  private static List<Api.Response> together(Callable<Api.Response>... requests) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(requests.length);
    try {
      CountDownLatch ready = new CountDownLatch(requests.length);
      CountDownLatch gate = new CountDownLatch(1);
      List<Future<Api.Response>> futures = new ArrayList<>();
      for (Callable<Api.Response> request : requests) {
        futures.add(
            pool.submit(
                () -> {
                  ready.countDown();
                  gate.await();
                  return request.call();
                }));
      }
      assertThat(ready.await(10, TimeUnit.SECONDS)).isTrue();
      gate.countDown();
      List<Api.Response> answers = new ArrayList<>();
      for (Future<Api.Response> f : futures) {
        answers.add(f.get(60, TimeUnit.SECONDS));
      }
      return answers;
    } finally {
      pool.shutdownNow();
    }
  }
}
