package io.unitrace.catalog;

import static io.unitrace.support.Api.list;
import static io.unitrace.support.Api.map;
import static io.unitrace.support.Site.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.unitrace.support.Api;
import io.unitrace.support.IntegrationTest;
import io.unitrace.support.Site;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Products and lots of one client, through the REST API. */
class CatalogIT extends IntegrationTest {

  @Test
  void aCreatedProductReadsBackBySkuWithItsGtinsInFourteenDigits() {
    Site site = Site.create(admin);
    String sku = unique("SKU");
    String gtin13 = Site.randomGtin().substring(1);
    var created =
        site.api.post(
            "/api/v1/products",
            map(
                "sku",
                sku,
                "name",
                " Drill 18V ",
                "gtins",
                list(gtin13),
                "tracking",
                "LOT",
                "expiryTracked",
                true,
                "shelfLifeDays",
                720,
                "warrantyMonths",
                24,
                "serialPattern",
                "[A-Z]{2}[0-9]{6}"));
    assertThat(created.status()).isEqualTo(201);

    var read = ok(site.api.get("/api/v1/products/" + sku));
    assertThat(read.at("/sku").asString()).isEqualTo(sku);
    assertThat(read.at("/name").asString()).isEqualTo("Drill 18V");
    assertThat(read.at("/gtins/0").asString()).isEqualTo("0" + gtin13);
    assertThat(read.at("/tracking").asString()).isEqualTo("LOT");
    assertThat(read.at("/expiryTracked").asBoolean()).isTrue();
    assertThat(read.at("/shelfLifeDays").asInt()).isEqualTo(720);
    assertThat(read.at("/warrantyMonths").asInt()).isEqualTo(24);
    assertThat(read.at("/serialScope").asString()).isEqualTo("GTIN");
    assertThat(read.json()).isEqualTo(created.json());

    var unknown = site.api.get("/api/v1/products/" + unique("NOPE"));
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.problemCode()).isEqualTo("unknown-sku");
  }

  @Test
  void theProductListPagesWithoutDuplicatesOrGapsAndPicksUpProductsAddedMeanwhile() {
    Site site = Site.create(admin);
    Set<String> expected = new HashSet<>(List.of(site.sku));
    for (int i = 0; i < 24; i++) {
      expected.add(product(site, "NONE"));
    }
    List<String> seen = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      var page =
          ok(
              site.api.get(
                  "/api/v1/products?limit=7" + (cursor == null ? "" : "&cursor=" + cursor)));
      pages++;
      for (JsonNode p : page.at("/items")) {
        seen.add(p.path("sku").asString());
      }
      assertThat(page.at("/items").size()).isLessThanOrEqualTo(7);
      if (pages == 2) {
        expected.add(product(site, "NONE"));
      }
      cursor =
          page.at("/next").isMissingNode() || page.at("/next").isNull()
              ? null
              : page.at("/next").asString();
    } while (cursor != null && pages < 20);

    assertThat(seen).doesNotHaveDuplicates();
    assertThat(seen).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(pages).isEqualTo(4);
  }

  @Test
  void aBadPageRequestIsRefusedNamingTheParameter() {
    Site site = Site.create(admin);
    var zero = site.api.get("/api/v1/products?limit=0");
    assertThat(zero.status()).isEqualTo(400);
    assertThat(zero.at("/field").asString()).isEqualTo("limit");
    var tooMany = site.api.get("/api/v1/products?limit=1001");
    assertThat(tooMany.status()).isEqualTo(400);
    var forged = site.api.get("/api/v1/products?cursor=not*a*cursor");
    assertThat(forged.status()).isEqualTo(400);
    assertThat(forged.problemCode()).isEqualTo("invalid-cursor");
    assertThat(forged.at("/field").asString()).isEqualTo("cursor");
  }

  @Test
  void aGtinWithAWrongCheckDigitIsRefusedNamingItsPositionAndNothingIsCreated() {
    Site site = Site.create(admin);
    String good = Site.randomGtin();
    String bad = good.substring(0, 13) + ((good.charAt(13) - '0' + 1) % 10);
    String sku = unique("SKU");

    var first =
        site.api.post(
            "/api/v1/products",
            map("sku", sku, "name", "n", "gtins", list(bad), "tracking", "SERIAL"));
    assertThat(first.status()).isEqualTo(400);
    assertThat(first.contentType()).startsWith("application/problem+json");
    assertThat(first.problemCode()).isEqualTo("invalid-gtin");
    assertThat(first.at("/type").asString()).isEqualTo("/problems/invalid-gtin");
    assertThat(first.at("/field").asString()).isEqualTo("gtins[0]");

    var second =
        site.api.post(
            "/api/v1/products",
            map("sku", sku, "name", "n", "gtins", list(good, bad), "tracking", "SERIAL"));
    assertThat(second.at("/field").asString()).isEqualTo("gtins[1]");

    assertThat(site.api.get("/api/v1/products/" + sku).status()).isEqualTo(404);
    assertThat(
            site.api
                .post(
                    "/api/v1/products",
                    map(
                        "sku",
                        unique("SKU"),
                        "name",
                        "n",
                        "gtins",
                        list(good),
                        "tracking",
                        "SERIAL"))
                .status())
        .as("the good GTIN was not taken by the refused product")
        .isEqualTo(201);
  }

  @Test
  void aSecondProductWithTheSameSkuIsAConflictAndTheFirstStaysAsItWas() {
    Site site = Site.create(admin);
    var dup =
        site.api.post(
            "/api/v1/products", map("sku", site.sku, "name", "Impostor", "tracking", "NONE"));
    assertThat(dup.status()).isEqualTo(409);
    assertThat(dup.problemCode()).isEqualTo("duplicate-sku");
    assertThat(dup.at("/field").asString()).isEqualTo("sku");
    assertThat(site.api.get("/api/v1/products/" + site.sku).at("/name").asString())
        .isEqualTo("Phone " + site.sku);
  }

  @Test
  void aGtinBelongsToOneProductOfAClientButTwoClientsMayStockTheSameArticle() {
    Site site = Site.create(admin);
    String sku = unique("SKU");
    var dup =
        site.api.post(
            "/api/v1/products",
            map("sku", sku, "name", "n", "gtins", list(site.gtin), "tracking", "SERIAL"));
    assertThat(dup.status()).isEqualTo(409);
    assertThat(dup.problemCode()).isEqualTo("duplicate-gtin");
    assertThat(dup.at("/field").asString()).startsWith("gtins");
    assertThat(site.api.get("/api/v1/products/" + sku).status())
        .as("the product row was rolled back with its GTIN")
        .isEqualTo(404);

    Site other = Site.create(admin);
    assertThat(
            other
                .api
                .post(
                    "/api/v1/products",
                    map("sku", sku, "name", "n", "gtins", list(site.gtin), "tracking", "SERIAL"))
                .status())
        .isEqualTo(201);
  }

  @Test
  void concurrentCreatesOfOneGtinLeaveExactlyOneProduct() throws Exception {
    Site site = Site.create(admin);
    String gtin = Site.randomGtin();
    int threads = 6;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Callable<Api.Response>> attempts = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      String sku = unique("RACE");
      attempts.add(
          () ->
              site.api.post(
                  "/api/v1/products",
                  map("sku", sku, "name", "n", "gtins", list(gtin), "tracking", "SERIAL")));
    }
    List<Integer> statuses = new ArrayList<>();
    try {
      for (Future<Api.Response> f : pool.invokeAll(attempts)) {
        statuses.add(f.get().status());
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
    assertThat(statuses).filteredOn(s -> s == 409).hasSize(threads - 1);
    var all = ok(site.api.get("/api/v1/products?limit=1000"));
    long holders = 0;
    for (JsonNode p : all.at("/items")) {
      if (p.path("gtins").toString().contains(gtin)) {
        holders++;
      }
    }
    assertThat(holders).isEqualTo(1);
    assertThat(all.at("/items").size()).isEqualTo(2);
  }

  @Test
  void trackingChangesFreelyUntilTheFirstUnitExistsAndNotAfter() {
    Site site = Site.create(admin);
    var lotted = site.api.put("/api/v1/products/" + site.sku, spec(site, "LOT_AND_SERIAL"));
    assertThat(lotted.status()).isEqualTo(200);
    ok(site.api.put("/api/v1/products/" + site.sku, spec(site, "SERIAL")));
    site.register(site.dock, unique("SN"));

    var refused = site.api.put("/api/v1/products/" + site.sku, spec(site, "NONE"));
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.problemCode()).isEqualTo("product-in-use");
    assertThat(refused.at("/field").asString()).isEqualTo("tracking");
    assertThat(site.api.get("/api/v1/products/" + site.sku).at("/tracking").asString())
        .isEqualTo("SERIAL");

    var gtinGone =
        site.api.put(
            "/api/v1/products/" + site.sku,
            map(
                "sku",
                site.sku,
                "name",
                "n",
                "gtins",
                list(Site.randomGtin()),
                "tracking",
                "SERIAL"));
    assertThat(gtinGone.status()).isEqualTo(409);
    assertThat(gtinGone.problemCode()).isEqualTo("gtin-in-use");
    var after = site.api.get("/api/v1/products/" + site.sku);
    assertThat(after.at("/gtins").size()).isEqualTo(1);
    assertThat(after.at("/gtins/0").asString()).isEqualTo(site.gtin);
    assertThat(after.at("/name").asString())
        .as("the refused replace wrote nothing")
        .isEqualTo("Phone " + site.sku);
  }

  @Test
  void lotsCarryTheirDatesAndAreUniquePerProduct() {
    Site site = Site.create(admin);
    String sku = unique("SKU");
    ok(
        site.api.post(
            "/api/v1/products",
            map(
                "sku",
                sku,
                "name",
                "Insulin",
                "gtins",
                list(Site.randomGtin()),
                "tracking",
                "LOT",
                "expiryTracked",
                true)));

    var lot =
        site.api.post(
            "/api/v1/products/" + sku + "/lots",
            map("code", "B2025-07", "manufacturedOn", "2025-07-01", "expiresOn", "2027-06-30"));
    assertThat(lot.status()).isEqualTo(201);
    ok(
        site.api.post(
            "/api/v1/products/" + sku + "/lots",
            map("code", "A2025-01", "expiresOn", "2026-12-31")));
    var lots = ok(site.api.get("/api/v1/products/" + sku + "/lots"));
    assertThat(lots.json().size()).isEqualTo(2);
    assertThat(lots.at("/0/code").asString()).isEqualTo("A2025-01");
    assertThat(lots.at("/1/manufacturedOn").asString()).isEqualTo("2025-07-01");
    assertThat(lots.at("/1/expiresOn").asString()).isEqualTo("2027-06-30");

    var dup =
        site.api.post(
            "/api/v1/products/" + sku + "/lots",
            map("code", "B2025-07", "expiresOn", "2027-06-30"));
    assertThat(dup.status()).isEqualTo(409);
    assertThat(dup.problemCode()).isEqualTo("duplicate-lot");

    assertThat(ok(site.api.get("/api/v1/products/" + sku + "/lots")).json().size()).isEqualTo(2);
  }

  @Test
  void aUnitWhoseScanGivesAnotherExpiryThanItsLotIsRefusedAndNotRegistered() {
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
                "Pacemaker",
                "gtins",
                list(gtin),
                "tracking",
                "LOT_AND_SERIAL",
                "expiryTracked",
                true)));
    ok(
        site.api.post(
            "/api/v1/products/" + sku + "/lots", map("code", "L77", "expiresOn", "2028-03-31")));

    var mismatch =
        site.api.post(
            "/api/v1/units",
            map(
                "location",
                site.dock,
                "units",
                list(map("gtin", gtin, "serial", "PM-1", "lot", "L77", "expiry", "2028-04-30"))));
    assertThat(mismatch.status()).isEqualTo(422);
    assertThat(mismatch.problemCode()).isEqualTo("lot-expiry-mismatch");
    assertThat(mismatch.at("/field").asString()).isEqualTo("units[0].expiry");
    assertThat(site.api.get("/api/v1/units/01/" + gtin + "/21/PM-1").status()).isEqualTo(404);

    ok(
        site.api.post(
            "/api/v1/units",
            map(
                "location",
                site.dock,
                "units",
                list(map("gtin", gtin, "serial", "PM-1", "lot", "L77", "expiry", "2028-03-31")))));
    var unit = ok(site.api.get("/api/v1/units/01/" + gtin + "/21/PM-1"));
    assertThat(unit.at("/lot").asString()).isEqualTo("L77");
    assertThat(unit.at("/expiry").asString()).isEqualTo("2028-03-31");

    // a lot seen for the first time on a scan is created with the scanned dates
    ok(
        site.api.post(
            "/api/v1/units",
            map(
                "location",
                site.dock,
                "units",
                list(map("gtin", gtin, "serial", "PM-2", "lot", "L78", "expiry", "2029-01-31")))));
    var lots = ok(site.api.get("/api/v1/products/" + sku + "/lots"));
    assertThat(lots.json().size()).isEqualTo(2);
    assertThat(lots.at("/1/code").asString()).isEqualTo("L78");
    assertThat(lots.at("/1/expiresOn").asString()).isEqualTo("2029-01-31");
  }

  @Test
  void aCustomFieldWithABadNameIsRefusedNamingItsPlaceInTheList() {
    String tenant = unique("T");
    ok(admin.post("/api/v1/tenants", map("code", tenant, "name", "Client " + tenant)));
    Api api = admin.in(tenant);

    var r =
        api.post(
            "/api/v1/products",
            map(
                "sku",
                unique("S"),
                "name",
                "n",
                "tracking",
                "SERIAL",
                "customFields",
                list(
                    map("name", "IMEI", "type", "TEXT", "required", false, "unique", true),
                    map("name", "9lives", "type", "TEXT", "required", false, "unique", false))));

    assertThat(r.status()).as(r.toString()).isEqualTo(400);
    assertThat(r.contentType()).startsWith("application/problem+json");
    assertThat(r.problemCode()).isEqualTo("invalid-field");
    assertThat(r.at("/field").asString()).as(r.toString()).isEqualTo("customFields[1].name");
    assertThat(ok(api.get("/api/v1/products")).at("/items").size()).isZero();
  }

  @Test
  void aProductKeepsItsFixedStorageBinAndMinimumShelfLifeAcrossCreateReplaceAndList() {
    Site site = Site.create(admin);
    String sku = unique("SKU");
    var created =
        site.api.post(
            "/api/v1/products",
            map(
                "sku",
                sku,
                "name",
                "Vaccine",
                "gtins",
                list(Site.randomGtin()),
                "tracking",
                "LOT",
                "expiryTracked",
                true,
                "fixedBin",
                site.bin1,
                "minShelfLifeDays",
                90));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    assertThat(created.at("/fixedBin").asString()).isEqualTo(site.bin1);
    assertThat(created.at("/minShelfLifeDays").asInt()).isEqualTo(90);
    assertThat(ok(site.api.get("/api/v1/products/" + sku)).json()).isEqualTo(created.json());

    var replaced =
        ok(
            site.api.put(
                "/api/v1/products/" + sku,
                map(
                    "sku",
                    sku,
                    "name",
                    "Vaccine",
                    "tracking",
                    "LOT",
                    "expiryTracked",
                    true,
                    "fixedBin",
                    site.bin2,
                    "minShelfLifeDays",
                    0)));
    assertThat(replaced.at("/fixedBin").asString()).isEqualTo(site.bin2);
    assertThat(replaced.at("/minShelfLifeDays").asInt()).isZero();
    JsonNode listed = null;
    for (JsonNode p : ok(site.api.get("/api/v1/products")).at("/items")) {
      if (p.path("sku").asString().equals(sku)) {
        listed = p;
      }
    }
    assertThat(listed).isNotNull();
    assertThat(listed.path("fixedBin").asString()).isEqualTo(site.bin2);

    var cleared =
        ok(
            site.api.put(
                "/api/v1/products/" + sku, map("sku", sku, "name", "Vaccine", "tracking", "LOT")));
    assertThat(cleared.at("/fixedBin").isMissingNode()).as(cleared.toString()).isTrue();
    assertThat(cleared.at("/minShelfLifeDays").isMissingNode()).as(cleared.toString()).isTrue();
  }

  private static String product(Site site, String tracking) {
    String sku = unique("SKU");
    ok(
        site.api.post(
            "/api/v1/products",
            map(
                "sku",
                sku,
                "name",
                "Item " + sku,
                "gtins",
                list(Site.randomGtin()),
                "tracking",
                tracking)));
    return sku;
  }

  private static Object spec(Site site, String tracking) {
    return map(
        "sku",
        site.sku,
        "name",
        "Phone " + site.sku,
        "gtins",
        list(site.gtin),
        "tracking",
        tracking,
        "customFields",
        list(map("name", "IMEI", "type", "TEXT", "required", false, "unique", true)));
  }
}
