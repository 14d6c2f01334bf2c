package io.unitrace.inbound;

import static io.unitrace.support.Api.list;
import static io.unitrace.support.Api.map;
import static io.unitrace.support.Site.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.unitrace.gs1.Sscc;
import io.unitrace.support.Api;
import io.unitrace.support.IntegrationTest;
import io.unitrace.support.Site;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/** Every answer a dock gives to a scan, and what each one leaves in the ledger and the report. */
class ReceivingIT extends IntegrationTest {

  private static final String EXPIRY = LocalDate.now().plusYears(2).toString();

  /**
   * A PO ordering {@code ordered} of the site's product, with an ASN announcing the given serials.
   */
  private record Inbound(Site site, String po, String asn) {}

  private Inbound inbound(Site site, int ordered, String... serials) {
    String po = unique("PO");
    ok(
        site.api.post(
            "/api/v1/purchase-orders",
            map(
                "number",
                po,
                "vendor",
                "Acme Phones",
                "lines",
                list(map("sku", site.sku, "quantity", ordered)))));
    String asn = unique("ASN");
    List<Object> items = new ArrayList<>();
    for (String s : serials) {
      items.add(map("gtin", site.gtin, "serial", s));
    }
    ok(site.api.post("/api/v1/asns", map("number", asn, "purchaseOrder", po, "items", items)));
    return new Inbound(site, po, asn);
  }

  private long open(Site site, Map<String, Object> body) {
    var r = site.api.post("/api/v1/receipts", body);
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    return r.at("/id").asLong();
  }

  private long openFor(Inbound in) {
    return open(in.site(), map("dock", in.site().dock, "asn", in.asn()));
  }

  private Api.Response scan(Site site, long receipt, Object body) {
    var r = site.api.post("/api/v1/receipts/" + receipt + "/scans", body);
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    return r;
  }

  private Api.Response scanUnit(Site site, long receipt, String serial) {
    return scan(site, receipt, map("scan", "(01)" + site.gtin + "(21)" + serial));
  }

  @Test
  void receivesAnAnnouncedSerialOnTheDockUnderThePoAndAsn() {
    Site site = Site.create(admin);
    Inbound in = inbound(site, 3, "R-1", "R-2", "R-3");
    long receipt = openFor(in);
    var answer = scan(site, receipt, map("scan", "]d201" + site.gtin + "21R-1", "device", "gun-7"));
    assertThat(answer.at("/outcome").asString()).isEqualTo("RECEIVED");
    assertThat(answer.at("/counters/expected").asInt()).isEqualTo(3);
    assertThat(answer.at("/counters/received").asInt()).isEqualTo(1);
    var unit = site.api.get(site.unitPath("R-1"));
    assertThat(unit.at("/state").asString()).isEqualTo("RECEIVED");
    assertThat(unit.at("/location").asString()).isEqualTo(site.dock);
    var first = site.api.get(site.unitPath("R-1") + "/history").at("/items/0");
    assertThat(first.at("/type").asString()).isEqualTo("RECEIVED");
    assertThat(first.at("/bizStep").asString()).isEqualTo("receiving");
    assertThat(first.at("/device").asString()).isEqualTo("gun-7");
    assertThat(first.at("/scan").asString()).isEqualTo("]d201" + site.gtin + "21R-1");
    assertThat(first.toString()).contains(in.po()).contains(in.asn()).contains("Acme Phones");
  }

  @Test
  void aUnitCommissionedAsExpectedIsReceivedNotTakenForADuplicate() {
    Site site = Site.create(admin);
    ok(
        site.api.post(
            "/api/v1/units",
            map("expected", true, "reason", "COMMISSIONING", "units", list(site.unitKey("E-1")))));
    Inbound in = inbound(site, 2, "E-1", "E-2");
    long receipt = openFor(in);
    assertThat(scanUnit(site, receipt, "E-1").at("/outcome").asString()).isEqualTo("RECEIVED");
    var unit = site.api.get(site.unitPath("E-1"));
    assertThat(unit.at("/state").asString()).isEqualTo("RECEIVED");
    assertThat(unit.at("/location").asString()).isEqualTo(site.dock);
    var history = site.api.get(site.unitPath("E-1") + "/history").at("/items");
    assertThat(history.size()).isEqualTo(2);
    assertThat(history.get(1).at("/type").asString()).isEqualTo("RECEIVED");
    assertIntact(site);
  }

  @Test
  void itemsAppendedToTheAsnAfterTheReceiptOpenedAreExpectedToo() {
    Site site = Site.create(admin);
    Inbound in = inbound(site, 5, "A-1");
    long receipt = openFor(in);
    assertThat(site.api.get("/api/v1/receipts/" + receipt).at("/counters/expected").asInt())
        .isEqualTo(1);
    ok(
        site.api.postCsv(
            "/api/v1/asns/" + in.asn() + "/items",
            "gtin,serial\n" + site.gtin + ",A-2\n" + site.gtin + ",A-3\n"));
    assertThat(site.api.get("/api/v1/receipts/" + receipt).at("/counters/expected").asInt())
        .isEqualTo(3);
    assertThat(scanUnit(site, receipt, "A-3").at("/outcome").asString()).isEqualTo("RECEIVED");
  }

  /**
   * The ledger verifies: every chain recomputed, every unit's commands replayed through the state
   * machine.
   */
  private static void assertIntact(Site site) {
    var report = ok(site.api.post("/api/v1/ledger/verify", null));
    assertThat(report.at("/intact").asBoolean()).as(report.toString()).isTrue();
  }

  @Test
  void receivesASerialTheAsnDidNotAnnounceAsUnexpected() {
    Site site = Site.create(admin);
    Inbound in = inbound(site, 5, "U-1");
    long receipt = openFor(in);
    var answer = scanUnit(site, receipt, "U-9");
    assertThat(answer.at("/outcome").asString()).isEqualTo("UNEXPECTED");
    assertThat(answer.at("/received").asBoolean()).isTrue();
    assertThat(site.api.get(site.unitPath("U-9")).at("/location").asString()).isEqualTo(site.dock);
  }

  @Test
  void aSerialAlreadyInStockIsADuplicateThatPutsTheExistingUnitOnSuspectHold() {
    Site site = Site.create(admin);
    site.register(site.bin1, "D-1");
    Inbound in = inbound(site, 2, "D-1");
    long receipt = openFor(in);
    var answer = scanUnit(site, receipt, "D-1");
    assertThat(answer.at("/outcome").asString()).isEqualTo("DUPLICATE");
    assertThat(answer.at("/received").asBoolean()).isFalse();
    assertThat(answer.at("/lines/0/location").asString()).isEqualTo(site.quarantine);
    var unit = site.api.get(site.unitPath("D-1"));
    assertThat(unit.at("/location").asString())
        .as("never merged: the existing unit stays where it was")
        .isEqualTo(site.bin1);
    assertThat(unit.at("/holds").toString()).contains("SUSPECT");
    assertThat(answer.at("/counters/received").asInt()).isZero();
  }

  @Test
  void aProductThePoDoesNotOrderIsReceivedIntoQuarantineOnQcHold() {
    Site site = Site.create(admin);
    Inbound in = inbound(site, 1, "W-0");
    String otherGtin = Site.randomGtin();
    ok(
        site.api.post(
            "/api/v1/products",
            map(
                "sku",
                unique("SKU"),
                "name",
                "Charger",
                "gtins",
                list(otherGtin),
                "tracking",
                "SERIAL")));
    long receipt = openFor(in);
    var answer = scan(site, receipt, map("scan", "(01)" + otherGtin + "(21)W-1"));
    assertThat(answer.at("/outcome").asString()).isEqualTo("WRONG_PRODUCT");
    var unit = site.api.get("/api/v1/units/01/" + otherGtin + "/21/W-1");
    assertThat(unit.at("/location").asString()).isEqualTo(site.quarantine);
    assertThat(unit.at("/holds").toString()).contains("QC");
  }

  @Test
  void aLotOrExpiryOtherThanAnnouncedIsQuarantinedAndAnExpiredUnitGoesOnExpiredHold() {
    Site site = Site.create(admin);
    String gtin = Site.randomGtin();
    String sku = unique("SKU");
    ok(
        site.api.post(
            "/api/v1/products",
            map(
                "sku",
                sku,
                "name",
                "Insulin pen",
                "gtins",
                list(gtin),
                "tracking",
                "LOT_AND_SERIAL",
                "expiryTracked",
                true)));
    String po = unique("PO");
    ok(
        site.api.post(
            "/api/v1/purchase-orders",
            map("number", po, "vendor", "Pharma", "lines", list(map("sku", sku, "quantity", 10)))));
    String asn = unique("ASN");
    ok(
        site.api.post(
            "/api/v1/asns",
            map(
                "number",
                asn,
                "purchaseOrder",
                po,
                "items",
                list(
                    map("gtin", gtin, "serial", "L-1", "lot", "LOT-A", "expiry", EXPIRY),
                    map("gtin", gtin, "serial", "L-2", "lot", "LOT-A", "expiry", EXPIRY),
                    map("gtin", gtin, "serial", "L-3", "lot", "LOT-A", "expiry", EXPIRY)))));
    long receipt = open(site, map("dock", site.dock, "asn", asn));
    String yymmdd = EXPIRY.substring(2, 4) + EXPIRY.substring(5, 7) + EXPIRY.substring(8, 10);
    var ok = scan(site, receipt, map("scan", "(01)" + gtin + "(17)" + yymmdd + "(10)LOT-A(21)L-1"));
    assertThat(ok.at("/outcome").asString()).as(ok.toString()).isEqualTo("RECEIVED");
    var otherLot =
        scan(site, receipt, map("scan", "(01)" + gtin + "(17)" + yymmdd + "(10)LOT-B(21)L-2"));
    assertThat(otherLot.at("/outcome").asString()).isEqualTo("LOT_MISMATCH");
    var unit = site.api.get("/api/v1/units/01/" + gtin + "/21/L-2");
    assertThat(unit.at("/lot").asString()).as("the scan is the physical truth").isEqualTo("LOT-B");
    assertThat(unit.at("/holds").toString()).contains("QC");
    var expired = scan(site, receipt, map("scan", "(01)" + gtin + "(17)200101(10)LOT-A(21)L-3"));
    assertThat(expired.at("/outcome").asString()).isEqualTo("EXPIRED");
    assertThat(site.api.get("/api/v1/units/01/" + gtin + "/21/L-3").at("/holds").toString())
        .contains("EXPIRED");
    var report = site.api.get("/api/v1/receipts/" + receipt + "/report");
    assertThat(report.at("/quality").toString())
        .contains("LOT_MISMATCH")
        .contains("L-2")
        .contains("EXPIRED")
        .contains("L-3");
    assertIntact(site);
  }

  @Test
  void aUnitExpiringSoonerThanTheProductsMinimumShelfLifeIsQuarantined() {
    Site site = Site.create(admin);
    String gtin = Site.randomGtin();
    ok(
        site.api.post(
            "/api/v1/products",
            map(
                "sku",
                unique("SKU"),
                "name",
                "Vaccine",
                "gtins",
                list(gtin),
                "tracking",
                "LOT_AND_SERIAL",
                "expiryTracked",
                true,
                "minShelfLifeDays",
                90)));
    long receipt = open(site, map("dock", site.dock));
    String soon = LocalDate.now().plusDays(30).toString();
    String later = LocalDate.now().plusDays(200).toString();
    var shortLife =
        scan(site, receipt, map("scan", "(01)" + gtin + "(17)" + yymmdd(soon) + "(10)V1(21)S-1"));
    assertThat(shortLife.at("/outcome").asString()).isEqualTo("SHORT_SHELF_LIFE");
    assertThat(shortLife.at("/message").asString()).contains("90 days");
    assertThat(site.api.get("/api/v1/units/01/" + gtin + "/21/S-1").at("/location").asString())
        .isEqualTo(site.quarantine);
    var fine =
        scan(site, receipt, map("scan", "(01)" + gtin + "(17)" + yymmdd(later) + "(10)V2(21)S-2"));
    assertThat(fine.at("/outcome").asString()).isEqualTo("RECEIVED");
  }

  private static String yymmdd(String iso) {
    return iso.substring(2, 4) + iso.substring(5, 7) + iso.substring(8, 10);
  }

  @Test
  void unitsBeyondTheOrderedQuantityAreOverAndQuarantined() {
    Site site = Site.create(admin);
    Inbound in = inbound(site, 1, "O-1", "O-2");
    long receipt = openFor(in);
    assertThat(scanUnit(site, receipt, "O-1").at("/outcome").asString()).isEqualTo("RECEIVED");
    var over = scanUnit(site, receipt, "O-2");
    assertThat(over.at("/outcome").asString()).isEqualTo("OVER_QUANTITY");
    assertThat(site.api.get(site.unitPath("O-2")).at("/location").asString())
        .isEqualTo(site.quarantine);
    assertThat(
            site.api
                .get("/api/v1/receipts/" + receipt + "/report")
                .at("/over/0/serials")
                .toString())
        .contains("O-2");
  }

  @Test
  void anUnknownGtinIsAnsweredAndNothingIsRegistered() {
    Site site = Site.create(admin);
    long receipt = open(site, map("dock", site.dock));
    String stranger = Site.randomGtin();
    var answer = scan(site, receipt, map("scan", "(01)" + stranger + "(21)X-1"));
    assertThat(answer.at("/outcome").asString()).isEqualTo("UNKNOWN_GTIN");
    assertThat(answer.at("/received").asBoolean()).isFalse();
    assertThat(site.api.get("/api/v1/units/01/" + stranger + "/21/X-1").status()).isEqualTo(404);
    assertThat(
            site.api
                .get("/api/v1/receipts/" + receipt + "/report")
                .at("/unexpected/0/outcome")
                .asString())
        .isEqualTo("UNKNOWN_GTIN");
  }

  @Test
  void aSecondScanOfTheSameItemIsARepeatAndARetriedRequestAnswersAsTheFirst() {
    Site site = Site.create(admin);
    long receipt = open(site, map("dock", site.dock));
    var first =
        site.api.post(
            "/api/v1/receipts/" + receipt + "/scans",
            map("scan", "(01)" + site.gtin + "(21)RP-1"),
            "scan-1");
    assertThat(first.at("/outcome").asString()).isEqualTo("RECEIVED");
    var retried =
        site.api.post(
            "/api/v1/receipts/" + receipt + "/scans",
            map("scan", "(01)" + site.gtin + "(21)RP-1"),
            "scan-1");
    assertThat(retried.at("/outcome").asString()).isEqualTo("RECEIVED");
    assertThat(retried.at("/repeated").asBoolean()).isTrue();
    var again =
        site.api.post(
            "/api/v1/receipts/" + receipt + "/scans",
            map("scan", "(01)" + site.gtin + "(21)RP-1"),
            "scan-2");
    assertThat(again.at("/outcome").asString()).isEqualTo("REPEAT");
    assertThat(again.at("/counters/received").asInt()).isEqualTo(1);
    assertThat(site.api.get(site.unitPath("RP-1") + "/history").at("/items").size()).isEqualTo(1);
  }

  @Test
  void aPlainSerialIsReceivedAfterAProductScan() {
    Site site = Site.create(admin);
    long receipt = open(site, map("dock", site.dock));
    var product = scan(site, receipt, map("scan", site.gtin));
    assertThat(product.at("/kind").asString()).isEqualTo("PRODUCT");
    assertThat(product.at("/product").asString()).isEqualTo(site.gtin);
    var answer = scan(site, receipt, map("scan", "12345678", "product", site.gtin));
    assertThat(answer.at("/outcome").asString()).as(answer.toString()).isEqualTo("RECEIVED");
    assertThat(site.api.get(site.unitPath("12345678")).at("/state").asString())
        .isEqualTo("RECEIVED");
    var noProduct =
        site.api.post("/api/v1/receipts/" + receipt + "/scans", map("scan", "SN-WITHOUT-PRODUCT"));
    assertThat(noProduct.status()).isEqualTo(400);
    assertThat(noProduct.at("/field").asString()).isEqualTo("scan");
  }

  @Test
  void anSsccReceivesItsAnnouncedContentAndALaterExceptionScanCorrectsIt() {
    Site site = Site.create(admin);
    String po = unique("PO");
    ok(
        site.api.post(
            "/api/v1/purchase-orders",
            map(
                "number",
                po,
                "vendor",
                "Acme",
                "lines",
                list(map("sku", site.sku, "quantity", 4)))));
    long base = ThreadLocalRandom.current().nextLong(1_000_000_000L);
    String pallet = Sscc.of(0, "0614141", base).value();
    String case1 = Sscc.of(0, "0614141", base + 1).value();
    String case2 = Sscc.of(0, "0614141", base + 2).value();
    String asn = unique("ASN");
    ok(
        site.api.post(
            "/api/v1/asns",
            map(
                "number",
                asn,
                "purchaseOrder",
                po,
                "containers",
                list(
                    map("sscc", pallet, "kind", "PALLET"),
                    map("sscc", case1, "parent", pallet, "kind", "CASE"),
                    map("sscc", case2, "parent", pallet, "kind", "CASE")),
                "items",
                list(
                    map("gtin", site.gtin, "serial", "P-1", "sscc", case1),
                    map("gtin", site.gtin, "serial", "P-2", "sscc", case1),
                    map("gtin", site.gtin, "serial", "P-3", "sscc", case2),
                    map("gtin", site.gtin, "serial", "P-4", "sscc", case2)))));
    long receipt = open(site, map("dock", site.dock, "asn", asn));
    var answer = scan(site, receipt, map("scan", "(00)" + pallet));
    assertThat(answer.at("/kind").asString()).isEqualTo("CONTAINER");
    assertThat(answer.at("/outcomes/RECEIVED").asInt()).isEqualTo(4);
    assertThat(answer.at("/counters/received").asInt()).isEqualTo(4);
    var unit = site.api.get(site.unitPath("P-3"));
    assertThat(unit.at("/container").asString()).isEqualTo(case2);
    assertThat(unit.at("/state").asString()).isEqualTo("RECEIVED");

    var damaged = scan(site, receipt, map("scan", "(01)" + site.gtin + "(21)P-2", "damaged", true));
    assertThat(damaged.at("/outcome").asString()).isEqualTo("MARKED_DAMAGED");
    assertThat(site.api.get(site.unitPath("P-2")).at("/holds").toString()).contains("DAMAGED");
    var missing = scan(site, receipt, map("scan", "(01)" + site.gtin + "(21)P-4", "missing", true));
    assertThat(missing.at("/outcome").asString()).isEqualTo("NOT_FOUND");
    assertThat(site.api.get(site.unitPath("P-4")).at("/state").asString()).isEqualTo("MISSING");
    assertThat(missing.at("/counters/received").asInt()).isEqualTo(3);

    var report = site.api.get("/api/v1/receipts/" + receipt + "/report");
    assertThat(report.at("/damaged/0/serials").toString()).contains("P-2");
    assertThat(report.at("/shortLines/0/serials").toString()).contains("P-4");
    assertIntact(site);
  }

  @Test
  void bulkConfirmationReceivesTheWholeAsnWithTheSameChecksAndClosingFreezesTheReport() {
    Site site = Site.create(admin);
    site.register(site.bin1, "B-3");
    Inbound in = inbound(site, 4, "B-1", "B-2", "B-3", "B-4", "B-5");
    long receipt = openFor(in);
    var answer = site.api.post("/api/v1/receipts/" + receipt + "/confirm", map(), "conveyor-1");
    assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
    assertThat(answer.at("/outcomes/RECEIVED").asInt()).isEqualTo(4);
    assertThat(answer.at("/outcomes/DUPLICATE").asInt()).isEqualTo(1);
    var repeated = site.api.post("/api/v1/receipts/" + receipt + "/confirm", map(), "conveyor-1");
    assertThat(repeated.at("/repeated").asBoolean()).isTrue();
    assertThat(repeated.at("/outcomes/RECEIVED").asInt()).isEqualTo(4);

    var po = site.api.get("/api/v1/purchase-orders/" + in.po());
    assertThat(po.at("/lines/0/quantity").asInt()).isEqualTo(4);
    assertThat(po.at("/lines/0/received").asInt()).as("received against the PO line").isEqualTo(4);
    assertThat(site.api.get("/api/v1/receipts?status=OPEN").at("/items/0/id").asLong())
        .isEqualTo(receipt);

    var closed = site.api.post("/api/v1/receipts/" + receipt + "/close", map());
    assertThat(closed.status()).as(closed.toString()).isEqualTo(200);
    assertThat(closed.at("/status").asString()).isEqualTo("CLOSED");
    assertThat(closed.at("/suspect/0/serials").toString()).contains("B-3");
    assertThat(closed.at("/shortLines/0/serials").toString()).contains("B-3");
    assertThat(closed.at("/received").asInt()).isEqualTo(4);
    assertThat(site.api.get("/api/v1/receipts?status=OPEN").at("/items").size()).isZero();
    assertThat(site.api.get("/api/v1/receipts?status=CLOSED").at("/items/0/status").asString())
        .isEqualTo("CLOSED");
    assertThat(site.api.get("/api/v1/receipts?status=LOST").status()).isEqualTo(400);
    var late =
        site.api.post(
            "/api/v1/receipts/" + receipt + "/scans", map("scan", "(01)" + site.gtin + "(21)B-9"));
    assertThat(late.status()).isEqualTo(409);
    assertThat(late.problemCode()).isEqualTo("receipt-closed");
    assertThat(site.api.get(site.unitPath("B-9")).status()).isEqualTo(404);
  }

  @Test
  void unitsWithoutALabelAndContainersBuiltOnTheDockGetTheirLabelsPrinted() {
    Site site = Site.create(admin);
    ok(
        admin.put(
            "/api/v1/tenants/" + site.tenant + "/sscc",
            map("companyPrefix", "9506000", "extensionDigit", 3)));
    long receipt = open(site, map("dock", site.dock));
    scan(site, receipt, map("scan", "LBL-1", "product", site.gtin));
    scan(site, receipt, map("scan", "LBL-2", "product", site.gtin));
    scan(site, receipt, map("scan", "(01)" + site.gtin + "(21)LBL-3"));
    var built =
        site.api.post(
            "/api/v1/receipts/" + receipt + "/containers",
            map(
                "kind",
                "PALLET",
                "units",
                list(
                    map("gtin", site.gtin, "serial", "LBL-1"),
                    map("scan", "(01)" + site.gtin + "(21)LBL-3"))),
            "pallet-1");
    assertThat(built.status()).as(built.toString()).isEqualTo(201);
    String sscc = built.at("/sscc").asString();
    assertThat(sscc).hasSize(18);
    var again =
        site.api.post(
            "/api/v1/receipts/" + receipt + "/containers",
            map("kind", "PALLET", "units", list(map("gtin", site.gtin, "serial", "LBL-1"))),
            "pallet-1");
    assertThat(again.at("/sscc").asString())
        .as("a retried request builds nothing more")
        .isEqualTo(sscc);
    assertThat(site.api.get(site.unitPath("LBL-3")).at("/container").asString()).isEqualTo(sscc);

    var unitLabels = site.api.get("/api/v1/labels/receipts/" + receipt + "/units");
    assertThat(unitLabels.status()).isEqualTo(200);
    assertThat(unitLabels.body()).contains("LBL-1").contains("LBL-2").doesNotContain("LBL-3");
    assertThat(unitLabels.body().split("\\^XA", -1)).hasSize(3);
    var containerLabels = site.api.get("/api/v1/labels/receipts/" + receipt + "/containers");
    assertThat(containerLabels.body()).contains(sscc);

    var notHere =
        site.api.post(
            "/api/v1/receipts/" + receipt + "/containers",
            map("units", list(map("gtin", site.gtin, "serial", "NOPE"))));
    assertThat(notHere.status()).isEqualTo(422);
    assertThat(notHere.at("/field").asString()).isEqualTo("units[0]");
  }

  @Test
  void twoDocksScanningTheSameSerialAtTheSameMomentReceiveItOnceAndTheOtherAnswersDuplicate()
      throws Exception {
    Site site = Site.create(admin);
    String dock2 = site.warehouse + "-DOCK2";
    ok(
        admin.post(
            "/api/v1/locations",
            map("warehouse", site.warehouse, "code", dock2, "type", "DOCK", "level", "AREA")));
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 5; round++) {
        long a = open(site, map("dock", site.dock));
        long b = open(site, map("dock", dock2));
        String serial = "RACE-" + round;
        CyclicBarrier gate = new CyclicBarrier(2);
        List<Future<Api.Response>> answers = new ArrayList<>();
        for (long receipt : List.of(a, b)) {
          answers.add(
              pool.submit(
                  () -> {
                    gate.await();
                    return site.api.post(
                        "/api/v1/receipts/" + receipt + "/scans",
                        map("scan", "(01)" + site.gtin + "(21)" + serial));
                  }));
        }
        List<String> outcomes = new ArrayList<>();
        for (Future<Api.Response> f : answers) {
          Api.Response r = f.get();
          assertThat(r.status()).as(r.toString()).isEqualTo(200);
          outcomes.add(r.at("/outcome").asString());
        }
        assertThat(outcomes).containsExactlyInAnyOrder("RECEIVED", "DUPLICATE");
        assertThat(site.api.get(site.unitPath(serial) + "/history").at("/items").size())
            .as("one receipt and one SUSPECT hold")
            .isEqualTo(2);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void badInputIsRefusedNamingTheFieldAndWritesNothing() {
    Site site = Site.create(admin);
    var notADock = site.api.post("/api/v1/receipts", map("dock", site.bin1));
    assertThat(notADock.status()).isEqualTo(422);
    assertThat(notADock.at("/field").asString()).isEqualTo("dock");
    var noAsn = site.api.post("/api/v1/receipts", map("dock", site.dock, "asn", "NOPE"));
    assertThat(noAsn.status()).isEqualTo(422);
    assertThat(noAsn.at("/field").asString()).isEqualTo("asn");
    long receipt = open(site, map("dock", site.dock));
    String bad = site.gtin.substring(0, 13) + ((site.gtin.charAt(13) - '0' + 1) % 10);
    var badScan =
        site.api.post(
            "/api/v1/receipts/" + receipt + "/scans", map("scan", "(01)" + bad + "(21)Z-1"));
    assertThat(badScan.status()).isEqualTo(400);
    assertThat(badScan.problemCode()).isEqualTo("gs1-check-digit");
    assertThat(badScan.at("/position").isNumber()).isTrue();
    var badItem =
        site.api.post(
            "/api/v1/receipts/" + receipt + "/confirm",
            map(
                "items",
                list(map("scan", "(01)" + site.gtin + "(21)OK-1"), map("gtin", site.gtin))));
    assertThat(badItem.status()).isEqualTo(400);
    assertThat(badItem.at("/field").asString()).isEqualTo("items[1].serial");
    assertThat(site.api.get(site.unitPath("OK-1")).status()).isEqualTo(404);
    assertThat(site.api.get("/api/v1/receipts/" + receipt).at("/counters/received").asInt())
        .isZero();
    var otherClient = Site.create(admin);
    assertThat(otherClient.api.get("/api/v1/receipts/" + receipt).status()).isEqualTo(404);
  }

  @Test
  void aReceiptClosedWhileDocksAreScanningReportsEveryScanItAccepted() throws Exception {
    Site site = Site.create(admin);
    long receipt = open(site, map("dock", site.dock));
    int docks = 4;
    CyclicBarrier start = new CyclicBarrier(docks + 1);
    ExecutorService pool = Executors.newFixedThreadPool(docks);
    try {
      List<Future<int[]>> done = new ArrayList<>();
      for (int d = 0; d < docks; d++) {
        String prefix = "CL" + d + "-";
        done.add(
            pool.submit(
                () -> {
                  start.await();
                  int accepted = 0;
                  int refused = 0;
                  for (int i = 0; i < 200 && refused == 0; i++) {
                    var r =
                        site.api.post(
                            "/api/v1/receipts/" + receipt + "/scans",
                            map("scan", "(01)" + site.gtin + "(21)" + prefix + i));
                    if (r.status() == 200) {
                      accepted++;
                    } else {
                      assertThat(r.problemCode()).as(r.toString()).isEqualTo("receipt-closed");
                      refused++;
                    }
                  }
                  return new int[] {accepted, refused};
                }));
      }
      start.await();
      Thread.sleep(400);
      var report = site.api.post("/api/v1/receipts/" + receipt + "/close", null);
      assertThat(report.status()).as(report.toString()).isEqualTo(200);
      int accepted = 0;
      for (Future<int[]> f : done) {
        int[] r = f.get();
        accepted += r[0];
        assertThat(r[1]).as("every dock was refused once the receipt closed").isEqualTo(1);
      }
      assertThat(accepted).as("some scans went in before the close").isPositive();
      assertThat(report.at("/received").asInt())
          .as("the frozen report has every scan that was answered RECEIVED")
          .isEqualTo(accepted);
      assertThat(
              site.api.get("/api/v1/receipts/" + receipt + "/scans?limit=1000").at("/items").size())
          .isEqualTo(accepted);
    } finally {
      pool.shutdownNow();
    }
  }
}
