package io.unitrace.inbound;

import static io.unitrace.support.Api.list;
import static io.unitrace.support.Api.map;
import static io.unitrace.support.Site.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.unitrace.gs1.Sscc;
import io.unitrace.support.Api;
import io.unitrace.support.CountedGoods;
import io.unitrace.support.IntegrationTest;
import io.unitrace.support.Site;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Lot-tracked and untracked goods are received by quantity: the scan's count (AI 30) or a typed
 * quantity, judged against the ASN's announced lots and the PO's ordered quantity, taken into the
 * ledger's stock book, and reported short, over or as exceptions per product and lot.
 */
class QuantityReceivingIT extends IntegrationTest {

  private static final LocalDate GOOD = LocalDate.now().plusYears(2);

  /** A client with saline and gloves, and a PO for both. */
  private record Goods(CountedGoods counted, String po) {

    Site site() {
      return counted.site();
    }

    String saline() {
      return counted.saline();
    }

    String salineSku() {
      return counted.salineSku();
    }

    String gloves() {
      return counted.gloves();
    }

    String glovesSku() {
      return counted.glovesSku();
    }
  }

  private Goods goods(int salineOrdered, int glovesOrdered) {
    CountedGoods c = CountedGoods.create(admin);
    String po = unique("PO");
    List<Object> lines =
        new ArrayList<>(List.of(map("sku", c.salineSku(), "quantity", salineOrdered)));
    if (glovesOrdered > 0) {
      lines.add(map("sku", c.glovesSku(), "quantity", glovesOrdered));
    }
    ok(
        c.site()
            .api
            .post(
                "/api/v1/purchase-orders",
                map("number", po, "vendor", "MedSupply", "lines", lines)));
    return new Goods(c, po);
  }

  private String asn(Goods g, Object containers, Object items) {
    String asn = unique("ASN");
    ok(
        g.site()
            .api
            .post(
                "/api/v1/asns",
                map(
                    "number",
                    asn,
                    "purchaseOrder",
                    g.po(),
                    "containers",
                    containers,
                    "items",
                    items)));
    return asn;
  }

  private long open(Goods g, String asn) {
    var r =
        g.site()
            .api
            .post(
                "/api/v1/receipts",
                asn == null
                    ? map("dock", g.site().dock, "purchaseOrder", g.po())
                    : map("dock", g.site().dock, "asn", asn));
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    return r.at("/id").asLong();
  }

  private static Api.Response scan(Goods g, long receipt, Object body) {
    var r = g.site().api.post("/api/v1/receipts/" + receipt + "/scans", body);
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    return r;
  }

  private static String label(String gtin, LocalDate expiry, String lot, Integer count) {
    return "(01)"
        + gtin
        + (expiry == null ? "" : "(17)" + expiry.format(DateTimeFormatter.ofPattern("yyMMdd")))
        + "(10)"
        + lot
        + (count == null ? "" : "(30)" + count);
  }

  private static long stock(Goods g, String sku, String location) {
    return g.counted().stock(sku, location);
  }

  private static void assertIntact(Site site) {
    var report = ok(site.api.post("/api/v1/ledger/verify", null));
    assertThat(report.at("/intact").asBoolean()).as(report.toString()).isTrue();
  }

  @Test
  void lotGoodsAreReceivedByTheirLabelsCountAgainstTheAsnAndTheRestIsReportedShort() {
    Goods g = goods(100, 0);
    String asn =
        asn(
            g,
            list(),
            list(
                map("gtin", g.saline(), "lot", "L1", "expiry", GOOD.toString(), "quantity", 60),
                map("gtin", g.saline(), "lot", "L2", "expiry", GOOD.toString(), "quantity", 40)));
    long receipt = open(g, asn);

    var first = scan(g, receipt, map("scan", label(g.saline(), GOOD, "L1", 24), "device", "gun-3"));
    assertThat(first.at("/outcome").asString()).isEqualTo("RECEIVED");
    assertThat(first.at("/lines/0/quantity").asInt()).isEqualTo(24);
    assertThat(first.at("/message").asString()).startsWith("24 × " + g.salineSku() + " lot L1");
    assertThat(first.at("/counters/expected").asInt()).isEqualTo(100);
    assertThat(first.at("/counters/received").asInt()).isEqualTo(24);
    var typed = scan(g, receipt, map("gtin", g.saline(), "lot", "L1", "quantity", 36));
    assertThat(typed.at("/outcome").asString()).isEqualTo("RECEIVED");
    assertThat(typed.at("/counters/received").asInt()).isEqualTo(60);
    assertThat(stock(g, g.salineSku(), g.site().dock)).isEqualTo(60);

    JsonNode history =
        ok(g.site().api.get("/api/v1/stock/history?sku=" + g.salineSku() + "&lot=L1"))
            .json()
            .path("items");
    assertThat(history.size()).isEqualTo(2);
    assertThat(history.get(0).path("bizStep").asString()).isEqualTo("receiving");
    assertThat(history.get(0).path("device").asString()).isEqualTo("gun-3");
    assertThat(history.get(0).path("scan").asString()).isEqualTo(label(g.saline(), GOOD, "L1", 24));
    assertThat(history.get(0).toString()).contains(g.po()).contains(asn).contains("MedSupply");

    JsonNode report = ok(g.site().api.post("/api/v1/receipts/" + receipt + "/close", null)).json();
    assertThat(report.path("received").asInt()).isEqualTo(60);
    assertThat(report.path("shortLines").size()).isEqualTo(1);
    assertThat(report.at("/shortLines/0/lot").asString()).isEqualTo("L2");
    assertThat(report.at("/shortLines/0/count").asInt()).isEqualTo(40);
    assertThat(
            ok(g.site().api.get("/api/v1/purchase-orders/" + g.po()))
                .json()
                .at("/lines/0/received")
                .asInt())
        .isEqualTo(60);
    assertIntact(g.site());
  }

  @Test
  void everyExceptionOfCountedGoodsGoesToQuarantineOnItsHoldAndIntoTheReport() {
    Goods g = goods(100, 10);
    String asn =
        asn(
            g,
            list(),
            list(map("gtin", g.saline(), "lot", "L1", "expiry", GOOD.toString(), "quantity", 50)));
    long receipt = open(g, asn);
    String quarantine = g.site().quarantine;

    assertThat(
            scan(g, receipt, map("scan", label(g.saline(), GOOD, "L9", 5)))
                .at("/outcome")
                .asString())
        .isEqualTo("LOT_MISMATCH");
    assertThat(
            scan(g, receipt, map("scan", label(g.saline(), LocalDate.now().minusDays(3), "L8", 4)))
                .at("/outcome")
                .asString())
        .isEqualTo("EXPIRED");
    assertThat(
            scan(g, receipt, map("scan", label(g.saline(), GOOD, "L1", 3), "damaged", true))
                .at("/outcome")
                .asString())
        .isEqualTo("DAMAGED");
    assertThat(scan(g, receipt, map("gtin", g.gloves(), "quantity", 4)).at("/outcome").asString())
        .as("on the PO, not on the ASN")
        .isEqualTo("UNEXPECTED");
    var over = scan(g, receipt, map("gtin", g.gloves(), "quantity", 9));
    assertThat(over.at("/outcomes/UNEXPECTED").asInt())
        .as("what the PO still had open")
        .isEqualTo(6);
    assertThat(over.at("/outcomes/OVER_QUANTITY").asInt()).as("the rest").isEqualTo(3);

    assertThat(stock(g, g.salineSku(), quarantine)).isEqualTo(12);
    assertThat(stock(g, g.glovesSku(), quarantine)).isEqualTo(3);
    assertThat(stock(g, g.glovesSku(), g.site().dock)).isEqualTo(10);
    JsonNode held =
        ok(g.site().api.get("/api/v1/stock?sku=" + g.salineSku() + "&location=" + quarantine))
            .json()
            .path("items");
    long heldTotal = 0;
    for (JsonNode l : held) {
      heldTotal += l.path("held").asLong();
    }
    assertThat(heldTotal).as("everything in quarantine is on hold").isEqualTo(12);

    JsonNode report = ok(g.site().api.get("/api/v1/receipts/" + receipt + "/report")).json();
    assertThat(report.at("/over/0/count").asInt()).isEqualTo(3);
    assertThat(report.at("/damaged/0/count").asInt()).isEqualTo(3);
    assertThat(report.at("/damaged/0/lot").asString()).isEqualTo("L1");
    assertThat(report.path("quality").toString())
        .contains("LOT_MISMATCH")
        .contains("L9")
        .contains("EXPIRED")
        .contains("L8");
    assertThat(report.at("/unexpected/0/count").asInt()).isEqualTo(10);
    assertIntact(g.site());
  }

  @Test
  void anSsccReceivesItsCountedContentAndAShortfallFoundLaterIsCorrected() {
    Goods g = goods(100, 100);
    long base = ThreadLocalRandom.current().nextLong(1_000_000_000L);
    String pallet = Sscc.of(0, "0614141", base).value();
    String case1 = Sscc.of(0, "0614141", base + 1).value();
    String asn =
        asn(
            g,
            list(
                map("sscc", pallet, "kind", "PALLET"),
                map("sscc", case1, "parent", pallet, "kind", "CASE")),
            list(
                map(
                    "gtin",
                    g.saline(),
                    "lot",
                    "L1",
                    "expiry",
                    GOOD.toString(),
                    "quantity",
                    30,
                    "sscc",
                    case1),
                map("gtin", g.gloves(), "quantity", 20, "sscc", pallet)));
    long receipt = open(g, asn);

    var answer = scan(g, receipt, map("scan", "(00)" + pallet));
    assertThat(answer.at("/kind").asString()).isEqualTo("CONTAINER");
    assertThat(answer.at("/outcomes/RECEIVED").asInt()).isEqualTo(50);
    assertThat(answer.at("/counters/received").asInt()).isEqualTo(50);
    assertThat(stock(g, g.salineSku(), g.site().dock)).isEqualTo(30);
    assertThat(stock(g, g.glovesSku(), g.site().dock)).isEqualTo(20);
    assertThat(
            g.site()
                .api
                .post("/api/v1/receipts/" + receipt + "/scans", map("scan", "(00)" + pallet))
                .problemCode())
        .as("nothing left pending in it")
        .isEqualTo("nothing-pending");

    var missing =
        scan(g, receipt, map("gtin", g.saline(), "lot", "L1", "quantity", 4, "missing", true));
    assertThat(missing.at("/outcome").asString()).isEqualTo("NOT_FOUND");
    assertThat(missing.at("/counters/received").asInt()).isEqualTo(46);
    assertThat(stock(g, g.salineSku(), g.site().dock)).isEqualTo(26);
    var tooMany =
        g.site()
            .api
            .post(
                "/api/v1/receipts/" + receipt + "/scans",
                map("gtin", g.gloves(), "quantity", 21, "missing", true));
    assertThat(tooMany.status()).isEqualTo(409);
    assertThat(tooMany.problemCode()).isEqualTo("not-received-here");

    JsonNode report = ok(g.site().api.get("/api/v1/receipts/" + receipt + "/report")).json();
    assertThat(report.path("shortLines").toString()).contains("NOT_FOUND").contains("\"count\":4");
    assertIntact(g.site());
  }

  @Test
  void bulkConfirmationTakesInThePendingQuantitiesWithTheSerials() {
    Goods g = goods(100, 100);
    String asn =
        asn(
            g,
            list(),
            list(
                map("gtin", g.saline(), "lot", "L1", "expiry", GOOD.toString(), "quantity", 30),
                map("gtin", g.gloves(), "quantity", 25)));
    long receipt = open(g, asn);
    scan(g, receipt, map("gtin", g.gloves(), "quantity", 5));

    JsonNode bulk = ok(g.site().api.post("/api/v1/receipts/" + receipt + "/confirm", map())).json();
    assertThat(bulk.at("/outcomes/RECEIVED").asInt())
        .as("30 saline and the 20 gloves still pending")
        .isEqualTo(50);
    assertThat(bulk.at("/counters/received").asInt()).isEqualTo(55);
    assertThat(stock(g, g.glovesSku(), g.site().dock)).isEqualTo(25);

    long blind = open(g, null);
    JsonNode listed =
        ok(g.site()
                .api
                .post(
                    "/api/v1/receipts/" + blind + "/confirm",
                    map(
                        "items",
                        list(
                            map("scan", label(g.saline(), GOOD, "L1", 7)),
                            map("gtin", g.gloves(), "quantity", 3)))))
            .json();
    assertThat(listed.at("/counters/received").asInt()).isEqualTo(10);
    assertThat(report(g, receipt).path("shortLines").size()).isZero();
    assertIntact(g.site());
  }

  private static JsonNode report(Goods g, long receipt) {
    return ok(g.site().api.get("/api/v1/receipts/" + receipt + "/report")).json();
  }

  @Test
  void badQuantitiesAreRefusedNamingTheFieldAndWriteNothing() {
    Goods g = goods(100, 100);
    long receipt = open(g, null);
    var zero =
        g.site()
            .api
            .post("/api/v1/receipts/" + receipt + "/scans", map("gtin", g.gloves(), "quantity", 0));
    assertThat(zero.status()).isEqualTo(400);
    assertThat(zero.at("/field").asString()).isEqualTo("quantity");
    var noLot =
        g.site()
            .api
            .post("/api/v1/receipts/" + receipt + "/scans", map("gtin", g.saline(), "quantity", 5));
    assertThat(noLot.problemCode()).isEqualTo("lot-required");
    assertThat(noLot.at("/field").asString()).isEqualTo("lot");
    var serialOfCounted =
        g.site()
            .api
            .post(
                "/api/v1/receipts/" + receipt + "/scans",
                map("scan", "(01)" + g.gloves() + "(21)X1"));
    assertThat(serialOfCounted.problemCode()).isEqualTo("not-serialized");
    var quantityOfSerialized =
        g.site()
            .api
            .post(
                "/api/v1/receipts/" + receipt + "/scans",
                map("gtin", g.site().gtin, "quantity", 5));
    assertThat(quantityOfSerialized.problemCode()).isEqualTo("serial-required");
    var badItem =
        g.site()
            .api
            .post(
                "/api/v1/receipts/" + receipt + "/confirm",
                map(
                    "items",
                    list(
                        map("gtin", g.gloves(), "quantity", 2),
                        map("gtin", g.gloves(), "quantity", -1))));
    assertThat(badItem.at("/field").asString()).isEqualTo("items[1].quantity");
    assertThat(
            ok(g.site().api.get("/api/v1/receipts/" + receipt))
                .json()
                .at("/counters/received")
                .asInt())
        .isZero();
    assertThat(stock(g, g.glovesSku(), g.site().dock)).isZero();
  }

  @Test
  void clerksScanningTheSameGoodsAtOnceLoseNoneOfThem() throws Exception {
    Goods g = goods(1000, 1000);
    long receipt = open(g, null);
    int clerks = 6;
    int scans = 5;
    CyclicBarrier start = new CyclicBarrier(clerks);
    ExecutorService pool = Executors.newFixedThreadPool(clerks);
    try {
      List<Future<List<String>>> done = new ArrayList<>();
      for (int c = 0; c < clerks; c++) {
        done.add(
            pool.submit(
                () -> {
                  start.await();
                  List<String> outcomes = new ArrayList<>();
                  for (int i = 0; i < scans; i++) {
                    Map<String, Object> body =
                        i % 2 == 0
                            ? map("scan", label(g.saline(), GOOD, "L1", 3))
                            : map("gtin", g.gloves(), "quantity", 3);
                    outcomes.add(
                        g.site()
                            .api
                            .post("/api/v1/receipts/" + receipt + "/scans", body)
                            .at("/outcome")
                            .asString());
                  }
                  return outcomes;
                }));
      }
      for (Future<List<String>> f : done) {
        assertThat(f.get()).containsOnly("RECEIVED");
      }
    } finally {
      pool.shutdownNow();
    }
    long total = clerks * scans * 3L;
    assertThat(stock(g, g.salineSku(), g.site().dock) + stock(g, g.glovesSku(), g.site().dock))
        .isEqualTo(total);
    assertThat(
            ok(g.site().api.get("/api/v1/receipts/" + receipt))
                .json()
                .at("/counters/received")
                .asLong())
        .isEqualTo(total);
    assertIntact(g.site());
  }

  @Test
  void aCaseIsReceivedOnceWhetherScannedTwiceOutOfOrderOrAfterItsContentsWentInLoose() {
    Goods g = goods(100, 0);
    long base = ThreadLocalRandom.current().nextLong(1_000_000_000L);
    String pallet = Sscc.of(0, "0614141", base).value();
    List<String> cases =
        List.of(
            Sscc.of(0, "0614141", base + 1).value(),
            Sscc.of(0, "0614141", base + 2).value(),
            Sscc.of(0, "0614141", base + 3).value());
    List<Object> containers = new ArrayList<>(List.of(map("sscc", pallet, "kind", "PALLET")));
    List<Object> items = new ArrayList<>();
    for (String c : cases) {
      containers.add(map("sscc", c, "parent", pallet, "kind", "CASE"));
      items.add(
          map(
              "gtin",
              g.saline(),
              "lot",
              "L1",
              "expiry",
              GOOD.toString(),
              "quantity",
              10,
              "sscc",
              c));
    }
    long receipt = open(g, asn(g, containers, items));

    assertThat(
            scan(g, receipt, map("scan", "(00)" + cases.get(2))).at("/outcomes/RECEIVED").asInt())
        .isEqualTo(10);
    var again =
        g.site()
            .api
            .post("/api/v1/receipts/" + receipt + "/scans", map("scan", "(00)" + cases.get(2)));
    assertThat(again.problemCode())
        .as("the third case again, under a new key")
        .isEqualTo("nothing-pending");
    assertThat(
            scan(g, receipt, map("scan", "(00)" + cases.get(0))).at("/outcomes/RECEIVED").asInt())
        .as("the first, out of order")
        .isEqualTo(10);
    scan(g, receipt, map("scan", label(g.saline(), GOOD, "L1", 10)));
    var loose =
        g.site()
            .api
            .post("/api/v1/receipts/" + receipt + "/scans", map("scan", "(00)" + cases.get(1)));
    assertThat(loose.problemCode())
        .as("its contents were scanned loose already")
        .isEqualTo("nothing-pending");
    assertThat(stock(g, g.salineSku(), g.site().dock)).isEqualTo(30);
    assertThat(report(g, receipt).path("shortLines").size()).isZero();
  }

  @Test
  void moreOfALotThanTheAsnAnnouncesIsUnexpectedAndShortfallsAreReportedOnce() {
    Goods g = goods(100, 0);
    String asn =
        asn(
            g,
            list(),
            list(map("gtin", g.saline(), "lot", "L1", "expiry", GOOD.toString(), "quantity", 10)));
    long receipt = open(g, asn);
    Object fourteen = map("scan", label(g.saline(), GOOD, "L1", 14));
    var answer =
        ok(g.site().api.post("/api/v1/receipts/" + receipt + "/scans", fourteen, "fourteen"));
    assertThat(answer.at("/kind").asString()).isEqualTo("UNIT");
    assertThat(answer.at("/outcomes/RECEIVED").asInt()).isEqualTo(10);
    assertThat(answer.at("/outcomes/UNEXPECTED").asInt()).isEqualTo(4);
    var repeat =
        ok(g.site().api.post("/api/v1/receipts/" + receipt + "/scans", fourteen, "fourteen"));
    assertThat(repeat.at("/repeated").asBoolean()).isTrue();
    assertThat(repeat.at("/kind").asString())
        .as("a repeat answers as the first did")
        .isEqualTo("UNIT");
    assertThat(repeat.at("/outcomes")).isEqualTo(answer.at("/outcomes"));
    scan(g, receipt, map("scan", label(g.saline(), GOOD, "L1", 1)));

    ok(
        g.site()
            .api
            .post(
                "/api/v1/receipts/" + receipt + "/scans",
                map("gtin", g.saline(), "lot", "L1", "quantity", 6, "missing", true)));
    var twice =
        g.site()
            .api
            .post(
                "/api/v1/receipts/" + receipt + "/scans",
                map("gtin", g.saline(), "lot", "L1", "quantity", 10, "missing", true));
    assertThat(twice.problemCode())
        .as("15 taken in, 6 already reported missing")
        .isEqualTo("not-received-here");
    assertThat(twice.at("/field").asString()).isEqualTo("quantity");
    assertThat(stock(g, g.salineSku(), g.site().dock)).isEqualTo(9);
    assertIntact(g.site());
  }

  @Test
  void aBulkConfirmationMayCarrySeveralCorrectionsAndNamesTheItemItRefuses() {
    Goods g = goods(100, 100);
    long receipt = open(g, null);
    scan(g, receipt, map("gtin", g.gloves(), "quantity", 10));
    scan(g, receipt, map("scan", label(g.saline(), GOOD, "L1", 10)));
    JsonNode bulk =
        ok(g.site()
                .api
                .post(
                    "/api/v1/receipts/" + receipt + "/confirm",
                    map(
                        "items",
                        list(
                            map("gtin", g.gloves(), "quantity", 2, "missing", true),
                            map("gtin", g.saline(), "lot", "L1", "quantity", 3, "missing", true),
                            map("gtin", g.gloves(), "quantity", 5)))))
            .json();
    assertThat(bulk.at("/outcomes/NOT_FOUND").asInt()).isEqualTo(5);
    assertThat(bulk.at("/outcomes/RECEIVED").asInt()).isEqualTo(5);
    assertThat(stock(g, g.glovesSku(), g.site().dock)).isEqualTo(13);
    assertThat(stock(g, g.salineSku(), g.site().dock)).isEqualTo(7);
    JsonNode shortLines = report(g, receipt).path("shortLines");
    long short_ = 0;
    for (JsonNode l : shortLines) {
      short_ += l.path("count").asLong();
    }
    assertThat(short_)
        .as("200 ordered, 20 here: 175 never scanned and 5 reported not found, each counted once")
        .isEqualTo(180);

    var noLot =
        g.site()
            .api
            .post(
                "/api/v1/receipts/" + receipt + "/confirm",
                map(
                    "items",
                    list(
                        map("gtin", g.gloves(), "quantity", 1),
                        map("gtin", g.saline(), "quantity", 1))));
    assertThat(noLot.problemCode()).isEqualTo("lot-required");
    assertThat(noLot.at("/field").asString()).isEqualTo("items[1].lot");
    var lotOfUntracked =
        g.site()
            .api
            .post(
                "/api/v1/receipts/" + receipt + "/scans",
                map("scan", label(g.gloves(), null, "X1", 3)));
    assertThat(lotOfUntracked.problemCode()).isEqualTo("not-lot-tracked");
    assertThat(lotOfUntracked.at("/field").asString()).isEqualTo("scan");
    assertThat(stock(g, g.glovesSku(), g.site().dock)).isEqualTo(13);
    assertIntact(g.site());
  }
}
