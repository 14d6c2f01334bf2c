package io.unitrace.shared;

import static io.unitrace.support.Api.list;
import static io.unitrace.support.Api.map;
import static io.unitrace.support.Site.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.unitrace.support.Api;
import io.unitrace.support.IntegrationTest;
import io.unitrace.support.Site;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Input that used to fail differently on the two databases (PostgreSQL refusing with a 500 what
 * SQLite stored) is refused before it reaches either, as a problem naming the field, and writes
 * nothing.
 */
class InputRefusalsIT extends IntegrationTest {

  @Autowired JdbcClient db;

  @Test
  void nulInAnyStringIsRefusedAtItsPath() {
    Site site = Site.create(admin);
    String sku = unique("S");
    var r =
        site.api.post(
            "/api/v1/products", map("sku", sku, "name", "Phone\u0000X", "tracking", "NONE"));
    assertRefused(r, "control-character", "name");
    assertThat(site.api.get("/api/v1/products/" + sku).status()).isEqualTo(404);

    var nested =
        site.api.post(
            "/api/v1/units",
            map(
                "location",
                site.dock,
                "units",
                list(site.unitKey("A1"), site.unitKey("A\u00002"))));
    assertRefused(nested, "control-character", "units[1].serial");
    assertThat(events(site)).isZero();
  }

  @Test
  void namesAndCodesRefuseControlCharactersWhileFreeTextKeepsItsLineBreaks() {
    Site site = Site.create(admin);
    String code = unique("WH");
    var r = admin.post("/api/v1/warehouses", map("code", code, "name", "North\tside"));
    assertRefused(r, "control-character", "name");
    assertThat(
            db.sql("SELECT count(*) FROM warehouse WHERE code = ?")
                .param(code)
                .query(Long.class)
                .single())
        .isZero();

    site.register(site.dock, "H1");
    var bell =
        site.api.post(
            site.unitPath("H1") + "/holds", map("hold", "QC", "reason", "ring\u0007 the bell"));
    assertRefused(bell, "control-character", "reason");
    long before = events(site);
    ok(
        site.api.post(
            site.unitPath("H1") + "/holds",
            map("hold", "QC", "reason", "scratched case\n\tfront and back")));
    assertThat(events(site)).isEqualTo(before + 1);
  }

  @Test
  void aDeviceLongerThanItsColumnIsRefusedWithTheLimitOnBothDatabases() {
    Site site = Site.create(admin);
    site.register(site.dock, "D1");
    long before = events(site);
    var r =
        site.api.post(
            site.unitPath("D1") + "/move", map("location", site.bin1, "device", "d".repeat(121)));
    assertRefused(r, "too-long", "device");
    assertThat(r.at("/limit").asInt()).isEqualTo(120);

    var huge =
        site.api.post(
            "/api/v1/units",
            map(
                "location",
                site.dock,
                "units",
                list(site.unitKey("D2")),
                "device",
                "x".repeat(1_000_000)));
    assertRefused(huge, "too-long", "device");
    assertThat(events(site)).isEqualTo(before);
    assertThat(site.api.get(site.unitPath("D2")).status()).isEqualTo(404);

    var key =
        site.api.send(
            "POST",
            site.unitPath("D1") + "/move",
            map("location", site.bin1),
            java.util.Map.of("Idempotency-Key", "k".repeat(101)));
    assertRefused(key, "invalid-header", "Idempotency-Key");
    assertThat(events(site)).isEqualTo(before);
  }

  @Test
  void aStockReasonLongerThanItsLimitIsRefusedAndWritesNothing() {
    Site site = Site.create(admin);
    long before = events(site);
    for (String path : new String[] {"/api/v1/stock/adjustments", "/api/v1/stock/holds"}) {
      var r =
          site.api.post(
              path,
              map(
                  "gtin",
                  site.gtin,
                  "location",
                  site.bin1,
                  "kind",
                  "FOUND",
                  "hold",
                  "QC",
                  "quantity",
                  1,
                  "reason",
                  "r".repeat(1001)));
      assertRefused(r, "too-long", "reason");
      assertThat(r.at("/limit").asInt()).isEqualTo(1000);
    }
    assertThat(events(site)).isEqualTo(before);
  }

  @Test
  void aNameLongerThanItsColumnIsRefused() {
    Site site = Site.create(admin);
    String sku = unique("S");
    var r =
        site.api.post(
            "/api/v1/products",
            map("sku", sku, "name", "n", "tracking", "NONE", "manufacturer", "m".repeat(201)));
    assertRefused(r, "too-long", "manufacturer");
    assertThat(r.at("/limit").asInt()).isEqualTo(200);
    assertThat(site.api.get("/api/v1/products/" + sku).status()).isEqualTo(404);
  }

  @Test
  void aNullInsideAListOrAMapIsRefusedByItsPath() {
    Site site = Site.create(admin);
    site.register(site.dock, "P1", "P2");
    String sscc = Site.randomSscc();
    ok(
        site.api.post(
            "/api/v1/containers", map("sscc", sscc, "kind", "CASE", "location", site.dock)));
    long before = events(site);
    var pack =
        site.api.post(
            "/api/v1/units/pack",
            map(
                "into",
                sscc,
                "units",
                Arrays.asList(site.unitKey("P1"), site.unitKey("P2"), null)));
    assertRefused(pack, "missing-value", "units[2]");
    var unpack =
        site.api.post(
            "/api/v1/units/unpack", map("units", Arrays.asList(null, site.unitKey("P1"))));
    assertRefused(unpack, "missing-value", "units[0]");

    var fields = new java.util.HashMap<String, Object>();
    fields.put("IMEI", null);
    var register =
        site.api.post(
            "/api/v1/units",
            map(
                "location",
                site.dock,
                "units",
                list(map("gtin", site.gtin, "serial", "P3", "fields", fields))));
    assertRefused(register, "missing-value", "units[0].fields.IMEI");
    assertThat(events(site)).isEqualTo(before);

    String sku = unique("S");
    var product =
        site.api.post(
            "/api/v1/products",
            map(
                "sku",
                sku,
                "name",
                "n",
                "tracking",
                "SERIAL",
                "customFields",
                Arrays.asList(
                    map("name", "IMEI", "type", "TEXT", "required", false, "unique", true), null)));
    assertRefused(product, "missing-value", "customFields[1]");
    assertThat(site.api.get("/api/v1/products/" + sku).status()).isEqualTo(404);
  }

  @Test
  void aGs1ScanWithNeitherGtinNorSsccIsNothingToReceive() {
    Site site = Site.create(admin);
    var receipt = site.api.post("/api/v1/receipts", map("dock", site.dock));
    assertThat(receipt.status()).as(receipt.toString()).isEqualTo(201);
    String scans = "/api/v1/receipts/" + receipt.at("/id").asLong() + "/scans";
    for (String scan : List.of("(8004)0950600013435212345", "(92)ABC123", "(400)PO123")) {
      var r = site.api.post(scans, map("scan", scan));
      assertRefused(r, "scan-not-receivable", "scan");
      assertThat(r.at("/detail").asString()).contains("no GTIN").contains("no SSCC");
    }
    assertThat(events(site)).isZero();
  }

  @Test
  void aCursorThisServerDidNotIssueIsABadRequest() {
    Site site = Site.create(admin);
    for (String cursor :
        new String[] {"%zz", "%25zz", "!!!", "zzzzzzzzzzzzzzzzzzzzzz", "-", "%00"}) {
      for (String path : new String[] {"/api/v1/products", "/api/v1/locations", "/api/v1/units"}) {
        var r = RawHttp.get(port, path + "?cursor=" + cursor, site.tenant);
        assertThat(r.status()).as(path + "?cursor=" + cursor + " → " + r).isEqualTo(400);
        assertThat(r.contentType()).contains("application/problem+json");
        assertThat(r.body()).contains("\"field\":\"cursor\"");
      }
    }
    var r = site.api.get("/api/v1/products?cursor=!!!");
    assertRefused(r, "invalid-cursor", "cursor");
  }

  @Test
  void aRecallDraftWithoutContentTypeIsARefusalNotAnAmbiguity() {
    Site site = Site.create(admin);
    var r = site.api.send("POST", "/api/v1/recalls", null, java.util.Map.of());
    assertThat(r.status()).as(r.toString()).isBetween(400, 499);
    assertThat(r.contentType()).contains("application/problem+json");
    assertThat(r.problemCode()).isNotNull();
  }

  @Test
  void aNumberOrBooleanIsNotAString() {
    String code = unique("WH");
    var r = admin.post("/api/v1/warehouses", "{\"code\": 123, \"name\": true}");
    assertRefused(r, "malformed-body", "code");
    assertThat(r.at("/expected").asString()).isEqualTo("a string");
    assertThat(r.at("/detail").asString()).contains("'code' must be a string");

    var flag = admin.post("/api/v1/warehouses", "{\"code\": \"" + code + "\", \"name\": true}");
    assertRefused(flag, "malformed-body", "name");
    assertThat(
            db.sql("SELECT count(*) FROM warehouse WHERE code = ?")
                .param(code)
                .query(Long.class)
                .single())
        .isZero();

    var tenant = admin.post("/api/v1/tenants", "{\"code\": 123, \"name\": true}");
    assertRefused(tenant, "malformed-body", "code");
    assertThat(db.sql("SELECT count(*) FROM tenant WHERE code = '123'").query(Long.class).single())
        .isZero();
  }

  @Test
  void aMisspeltPropertyIsRefusedNamingItAndWhatItMeant() {
    Site site = Site.create(admin);
    String sku = unique("S");
    var r =
        site.api.post(
            "/api/v1/products",
            map("sku", sku, "name", "Milk", "tracking", "LOT", "expiryTracking", true));
    assertRefused(r, "unknown-property", "expiryTracking");
    assertThat(r.at("/didYouMean").asString()).isEqualTo("expiryTracked");
    assertThat(r.at("/detail").asString()).contains("did you mean 'expiryTracked'?");
    assertThat(site.api.get("/api/v1/products/" + sku).status()).isEqualTo(404);

    // Inside a list, by its path; and a property nothing resembles is named without a guess.
    var nested =
        site.api.post(
            "/api/v1/units",
            "{\"location\": \""
                + site.dock
                + "\", \"units\": [{\"gtin\": \""
                + site.gtin
                + "\", \"serial\": \"P1\", \"colour\": \"red\"}]}");
    assertRefused(nested, "unknown-property", "units[0].colour");
    assertThat(nested.at("/didYouMean").isMissingNode()).isTrue();
    assertThat(events(site)).isZero();
  }

  @Test
  void aBadDateOrEnumSaysWhatIsExpected() {
    Site site = Site.create(admin);
    var date =
        site.api.post(
            "/api/v1/products/" + site.sku + "/lots", map("code", "L1", "expiresOn", "31.03.2027"));
    assertRefused(date, "malformed-body", "expiresOn");
    assertThat(date.at("/detail").asString())
        .contains("YYYY-MM-DD")
        .contains("2027-03-31")
        .contains("got '31.03.2027'");

    var state =
        site.api.post(
            "/api/v1/products", map("sku", unique("S"), "name", "Phone", "tracking", "SERIALISED"));
    assertRefused(state, "malformed-body", "tracking");
    assertThat(state.at("/expected").asString()).contains("NONE, LOT, SERIAL, LOT_AND_SERIAL");

    var param = site.api.get("/api/v1/stock?expiresBefore=2027-31-03");
    assertThat(param.status()).as(param.toString()).isEqualTo(400);
    assertThat(param.at("/field").asString()).isEqualTo("expiresBefore");
    assertThat(param.at("/detail").asString()).contains("YYYY-MM-DD");
  }

  @Test
  void aCsvSeparatedBySemicolonsIsReadAndAnotherSeparatorIsNamed() {
    Site site = Site.create(admin);
    String a = unique("S");
    var semicolons =
        site.api.postCsv(
            "/api/v1/products/import", "sku;name;tracking\n" + a + ";Semicolon tea;NONE\n");
    assertThat(semicolons.status()).as(semicolons.toString()).isBetween(200, 201);
    assertThat(site.api.get("/api/v1/products/" + a).at("/name").asString())
        .isEqualTo("Semicolon tea");

    String b = unique("S");
    var pipes =
        site.api.postCsv("/api/v1/products/import", "sku|name|tracking\n" + b + "|Pipe tea|NONE\n");
    assertRefused(pipes, "unknown-column", "header");
    assertThat(pipes.at("/separator").asString()).isEqualTo("|");
    assertThat(site.api.get("/api/v1/products/" + b).status()).isEqualTo(404);

    var typo =
        site.api.postCsv("/api/v1/products/import", "sku,nme,tracking\n" + b + ",Tea,NONE\n");
    assertRefused(typo, "unknown-column", "header");
    assertThat(typo.at("/didYouMean").asString()).isEqualTo("name");
  }

  private long events(Site site) {
    return db.sql(
            "SELECT count(*) FROM ledger_event e JOIN tenant t ON t.id = e.tenant_id WHERE t.code = ?")
        .param(site.tenant)
        .query(Long.class)
        .single();
  }

  static void assertRefused(Api.Response r, String code, String field) {
    assertThat(r.status()).as(r.toString()).isEqualTo(400);
    assertThat(r.contentType()).contains("application/problem+json");
    assertThat(r.problemCode()).as(r.toString()).isEqualTo(code);
    assertThat(r.at("/field").asString()).as(r.toString()).isEqualTo(field);
  }
}
