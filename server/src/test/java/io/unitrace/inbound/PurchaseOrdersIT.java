package io.unitrace.inbound;

import static io.unitrace.support.Api.list;
import static io.unitrace.support.Api.map;
import static io.unitrace.support.Site.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.unitrace.support.Api;
import io.unitrace.support.IntegrationTest;
import io.unitrace.support.Site;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Purchase orders from JSON and CSV: lines name products by SKU or GTIN, and a refusal writes
 * nothing.
 */
class PurchaseOrdersIT extends IntegrationTest {

  @Autowired Purchasing purchasing;
  @Autowired JdbcClient db;

  private static final String GLN = "9506000000008";

  @Test
  void aPurchaseOrderIsCreatedOpenWithLinesBySkuAndByGtinAndReadBack() {
    Site site = Site.create(admin);
    String other = lotProduct(site);
    String number = unique("PO");
    var created =
        site.api.post(
            "/api/v1/purchase-orders",
            map(
                "number",
                number,
                "vendor",
                "Acme Phones",
                "vendorGln",
                GLN,
                "expectedOn",
                "2031-03-01",
                "lines",
                list(map("sku", site.sku, "quantity", 40), map("gtin", other, "quantity", 7))));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    assertThat(created.at("/status").asString()).isEqualTo("OPEN");

    var po = ok(site.api.get("/api/v1/purchase-orders/" + number));
    assertThat(po.at("/vendor").asString()).isEqualTo("Acme Phones");
    assertThat(po.at("/vendorGln").asString()).isEqualTo(GLN);
    assertThat(po.at("/expectedOn").asString()).isEqualTo("2031-03-01");
    assertThat(po.at("/status").asString()).isEqualTo("OPEN");
    assertThat(po.at("/lines").size()).isEqualTo(2);
    assertThat(po.at("/lines/0/lineNo").asInt()).isEqualTo(1);
    assertThat(po.at("/lines/0/sku").asString()).isEqualTo(site.sku);
    assertThat(po.at("/lines/0/gtins/0").asString()).isEqualTo(site.gtin);
    assertThat(po.at("/lines/0/quantity").asInt()).isEqualTo(40);
    assertThat(po.at("/lines/1/lineNo").asInt()).isEqualTo(2);
    assertThat(po.at("/lines/1/gtins/0").asString()).isEqualTo(other);
    assertThat(po.at("/lines/1/quantity").asInt()).isEqualTo(7);
  }

  @Test
  void purchaseOrdersAreListedPageByPageWithACursor() {
    Site site = Site.create(admin);
    for (int i = 1; i <= 3; i++) {
      ok(
          site.api.post(
              "/api/v1/purchase-orders", order("PO-" + i + "-" + site.tenant, site.sku, 1)));
    }
    var first = ok(site.api.get("/api/v1/purchase-orders?limit=2"));
    assertThat(first.at("/items").size()).isEqualTo(2);
    assertThat(first.at("/items/0/number").asString()).isEqualTo("PO-1-" + site.tenant);
    assertThat(first.at("/items/0/lines").asInt()).isEqualTo(1);
    var second =
        ok(site.api.get("/api/v1/purchase-orders?limit=2&cursor=" + first.at("/next").asString()));
    assertThat(second.at("/items").size()).isEqualTo(1);
    assertThat(second.at("/items/0/number").asString()).isEqualTo("PO-3-" + site.tenant);
    assertThat(second.at("/next").isMissingNode() || second.at("/next").isNull()).isTrue();
  }

  @Test
  void everyBadOrderIsRefusedNamingTheFieldAndWritesNothing() {
    Site site = Site.create(admin);
    String n = unique("PO");
    refused(
        site,
        map(
            "number",
            n,
            "vendor",
            "V",
            "lines",
            list(map("sku", site.sku, "quantity", 1), map("sku", "NOPE", "quantity", 1))),
        422,
        "unknown-sku",
        "lines[1].sku");
    refused(
        site,
        map(
            "number",
            n,
            "vendor",
            "V",
            "lines",
            list(map("gtin", Site.randomGtin(), "quantity", 1))),
        422,
        "unknown-gtin",
        "lines[0].gtin");
    refused(
        site,
        map("number", n, "vendor", "V", "lines", list(map("sku", site.sku, "quantity", 0))),
        400,
        "invalid-field",
        "lines[0].quantity");
    refused(
        site,
        map("number", n, "vendor", "V", "lines", list(map("quantity", 3))),
        400,
        "invalid-field",
        "lines[0].sku");
    refused(site, map("number", n, "vendor", "V", "lines", list()), 400, "invalid-field", "lines");
    refused(
        site,
        map(
            "number",
            n,
            "vendor",
            "V",
            "vendorGln",
            "9506000000004",
            "lines",
            list(map("sku", site.sku, "quantity", 1))),
        400,
        "invalid-gln",
        "vendorGln");
    refused(
        site,
        map("number", n, "lines", list(map("sku", site.sku, "quantity", 1))),
        400,
        "invalid-field",
        "vendor");
    refused(
        site,
        map(
            "number",
            "bad/number",
            "vendor",
            "V",
            "lines",
            list(map("sku", site.sku, "quantity", 1))),
        400,
        "invalid-field",
        "number");
    assertThat(site.api.get("/api/v1/purchase-orders/" + n).status()).isEqualTo(404);
    assertThat(ok(site.api.get("/api/v1/purchase-orders")).at("/items").size()).isZero();

    ok(site.api.post("/api/v1/purchase-orders", order(n, site.sku, 5)));
    var again = site.api.post("/api/v1/purchase-orders", order(n, site.sku, 9));
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.problemCode()).isEqualTo("duplicate-purchase-order");
    assertThat(again.at("/field").asString()).isEqualTo("number");
    assertThat(ok(site.api.get("/api/v1/purchase-orders/" + n)).at("/lines/0/quantity").asInt())
        .isEqualTo(5);
  }

  @Test
  void aCsvFileCreatesOneOrderPerNumber() {
    Site site = Site.create(admin);
    String other = lotProduct(site);
    String a = unique("POA");
    String b = unique("POB");
    String csv =
        "number,vendor,vendor_gln,expected_on,sku,quantity\n"
            + a
            + ",Acme,"
            + GLN
            + ",2031-01-15,"
            + site.sku
            + ",10\n"
            + b
            + ",\"Globex, Inc.\",,,"
            + site.sku
            + ",3\n"
            + a
            + ",Acme,,,"
            + skuOf(site, other)
            + ",20\n";
    var r = site.api.postCsv("/api/v1/purchase-orders", csv);
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    assertThat(r.at("/created").asInt()).isEqualTo(2);
    var poA = ok(site.api.get("/api/v1/purchase-orders/" + a));
    assertThat(poA.at("/vendorGln").asString()).isEqualTo(GLN);
    assertThat(poA.at("/expectedOn").asString()).isEqualTo("2031-01-15");
    assertThat(poA.at("/lines").size()).isEqualTo(2);
    assertThat(poA.at("/lines/1/lineNo").asInt()).isEqualTo(2);
    assertThat(poA.at("/lines/1/gtins/0").asString()).isEqualTo(other);
    assertThat(poA.at("/lines/1/quantity").asInt()).isEqualTo(20);
    var poB = ok(site.api.get("/api/v1/purchase-orders/" + b));
    assertThat(poB.at("/vendor").asString()).isEqualTo("Globex, Inc.");
    assertThat(poB.at("/lines/0/quantity").asInt()).isEqualTo(3);
  }

  @Test
  void aBadCsvRowRefusesTheWholeFileNamingRowAndColumn() {
    Site site = Site.create(admin);
    String a = unique("POA");
    String b = unique("POB");
    String header = "number,vendor,vendor_gln,expected_on,sku,quantity\n";
    String good = a + ",Acme,,," + site.sku + ",10\n";
    csvRefused(site, header + good + b + ",Acme,,,NOPE,1\n", 422, "unknown-sku", "row 3: sku");
    csvRefused(
        site,
        header + good + b + ",Acme,,," + site.sku + ",many\n",
        400,
        "invalid-field",
        "row 3: quantity");
    csvRefused(
        site,
        header + good + b + ",Acme,,2031-02-30," + site.sku + ",1\n",
        400,
        "invalid-field",
        "row 3: expected_on");
    csvRefused(
        site,
        header + good + a + ",Other,,," + site.sku + ",1\n",
        400,
        "inconsistent-purchase-order",
        "row 3: vendor");
    csvRefused(
        site,
        header + good + b + ",Acme,,," + site.sku + ",0\n",
        400,
        "invalid-field",
        "row 3: quantity");
    csvRefused(site, "number,vendor,colour\n", 400, "unknown-column", "header");
    assertThat(site.api.get("/api/v1/purchase-orders/" + a).status()).isEqualTo(404);

    ok(site.api.post("/api/v1/purchase-orders", order(b, site.sku, 1)));
    csvRefused(
        site,
        header + good + b + ",Acme,,," + site.sku + ",1\n",
        409,
        "duplicate-purchase-order",
        "row 3: number");
    assertThat(site.api.get("/api/v1/purchase-orders/" + a).status()).isEqualTo(404);
  }

  @Test
  void anotherClientCannotReadOrListThePurchaseOrder() {
    Site a = Site.create(admin);
    Site b = Site.create(admin);
    String number = unique("PO");
    ok(a.api.post("/api/v1/purchase-orders", order(number, a.sku, 2)));
    var asB = b.api.get("/api/v1/purchase-orders/" + number);
    assertThat(asB.status()).isEqualTo(404);
    assertThat(asB.problemCode()).isEqualTo("unknown-purchase-order");
    assertThat(ok(b.api.get("/api/v1/purchase-orders")).body()).doesNotContain(number);
    // the same number is free in B: numbers are per client
    ok(b.api.post("/api/v1/purchase-orders", order(number, b.sku, 9)));
    assertThat(ok(a.api.get("/api/v1/purchase-orders/" + number)).at("/lines/0/quantity").asInt())
        .isEqualTo(2);

    String username = unique("operator-");
    ok(
        admin.post(
            "/api/v1/users",
            map(
                "username",
                username,
                "password",
                "pw-" + username,
                "role",
                "OPERATOR",
                "tenants",
                list(b.tenant))));
    Api operatorOfB = Api.basic(port, username, "pw-" + username);
    assertThat(operatorOfB.in(a.tenant).get("/api/v1/purchase-orders/" + number).status())
        .isEqualTo(403);
    assertThat(
            operatorOfB
                .in(b.tenant)
                .get("/api/v1/purchase-orders/" + number)
                .at("/lines/0/quantity")
                .asInt())
        .isEqualTo(9);
  }

  @Test
  void thePurchaseOrderListsProgressIsWhatEachOrderViewSumsCappedPerLine() {
    Site site = Site.create(admin);
    String split = unique("PO");
    String idle = unique("PO");
    ok(
        site.api.post(
            "/api/v1/purchase-orders",
            map(
                "number",
                split,
                "vendor",
                "Acme",
                "lines",
                list(map("sku", site.sku, "quantity", 2), map("sku", site.sku, "quantity", 1)))));
    ok(site.api.post("/api/v1/purchase-orders", order(idle, site.sku, 5)));
    long receipt =
        ok(site.api.post("/api/v1/receipts", map("dock", site.dock, "purchaseOrder", split)))
            .at("/id")
            .asLong();
    for (int i = 0; i < 4; i++) {
      ok(
          site.api.post(
              "/api/v1/receipts/" + receipt + "/scans",
              map("scan", "(01)" + site.gtin + "(21)" + unique("SN"))));
    }
    long tenant =
        db.sql("SELECT id FROM tenant WHERE code = ?")
            .params(site.tenant)
            .query(Long.class)
            .single();

    Map<String, Purchasing.Progress> progress =
        purchasing.progress(tenant, List.of(split, idle, "NO-SUCH-PO"));

    assertThat(progress).containsOnlyKeys(split, idle);
    for (String number : List.of(split, idle)) {
      var lines = ok(site.api.get("/api/v1/purchase-orders/" + number)).at("/lines");
      int received = 0;
      int ordered = 0;
      for (var l : lines) {
        received += l.path("received").asInt();
        ordered += l.path("quantity").asInt();
      }
      assertThat(progress.get(number)).isEqualTo(new Purchasing.Progress(received, ordered));
    }
    assertThat(progress.get(split)).isEqualTo(new Purchasing.Progress(3, 3));
    assertThat(progress.get(idle)).isEqualTo(new Purchasing.Progress(0, 5));
  }

  private void refused(Site site, Map<String, Object> body, int status, String code, String field) {
    var r = site.api.post("/api/v1/purchase-orders", body);
    assertThat(r.status()).as(r.toString()).isEqualTo(status);
    assertThat(r.contentType()).startsWith("application/problem+json");
    assertThat(r.problemCode()).as(r.toString()).isEqualTo(code);
    assertThat(r.at("/field").asString()).as(r.toString()).isEqualTo(field);
  }

  private void csvRefused(Site site, String csv, int status, String code, String field) {
    var r = site.api.postCsv("/api/v1/purchase-orders", csv);
    assertThat(r.status()).as(r.toString()).isEqualTo(status);
    assertThat(r.problemCode()).as(r.toString()).isEqualTo(code);
    assertThat(r.at("/field").asString()).as(r.toString()).isEqualTo(field);
  }

  static Map<String, Object> order(String number, String sku, int quantity) {
    return map(
        "number", number, "vendor", "Acme", "lines", list(map("sku", sku, "quantity", quantity)));
  }

  /** A lot-tracked product of the site; returns its GTIN. */
  static String lotProduct(Site site) {
    String gtin = Site.randomGtin();
    ok(
        site.api.post(
            "/api/v1/products",
            map("sku", unique("LOT"), "name", "Syrup", "gtins", list(gtin), "tracking", "LOT")));
    return gtin;
  }

  private static String skuOf(Site site, String gtin) {
    for (var p : ok(site.api.get("/api/v1/products")).at("/items")) {
      if (p.at("/gtins/0").asString("").equals(gtin)) {
        return p.at("/sku").asString();
      }
    }
    throw new AssertionError("no product with GTIN " + gtin);
  }
}
