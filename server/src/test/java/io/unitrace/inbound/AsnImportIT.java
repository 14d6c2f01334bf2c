package io.unitrace.inbound;

import static io.unitrace.support.Api.list;
import static io.unitrace.support.Api.map;
import static io.unitrace.support.Site.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.unitrace.support.IntegrationTest;
import io.unitrace.support.Site;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * ASNs against a purchase order: the containers and items they announce are checked in full (SSCCs,
 * the container tree, products, serials, lots, expiry) before anything is written; items are
 * appended by CSV, 100,000 serials in one request.
 */
class AsnImportIT extends IntegrationTest {

  /**
   * A client with a serialized phone (site.sku), a lot-and-serial vaccine with expiry, an untracked
   * cable and a PO.
   */
  record Inbound(Site site, String vaccine, String cable, String patterned, String po) {}

  private Inbound inbound() {
    Site site = Site.create(admin);
    String vaccine = Site.randomGtin();
    ok(
        site.api.post(
            "/api/v1/products",
            map(
                "sku",
                unique("VAX"),
                "name",
                "Vaccine",
                "gtins",
                list(vaccine),
                "tracking",
                "LOT_AND_SERIAL",
                "expiryTracked",
                true)));
    String cable = Site.randomGtin();
    ok(
        site.api.post(
            "/api/v1/products",
            map("sku", unique("CBL"), "name", "Cable", "gtins", list(cable), "tracking", "NONE")));
    String patterned = Site.randomGtin();
    ok(
        site.api.post(
            "/api/v1/products",
            map(
                "sku",
                unique("PAT"),
                "name",
                "Router",
                "gtins",
                list(patterned),
                "tracking",
                "SERIAL",
                "serialPattern",
                "[0-9]{6}")));
    String po = unique("PO");
    ok(site.api.post("/api/v1/purchase-orders", PurchaseOrdersIT.order(po, site.sku, 100)));
    return new Inbound(site, vaccine, cable, patterned, po);
  }

  @Test
  void anAsnAnnouncesPalletsCasesAndItemsAndReportsTheTree() {
    Inbound in = inbound();
    String pallet = Site.randomSscc();
    String case1 = Site.randomSscc();
    String case2 = Site.randomSscc();
    String number = unique("ASN");
    var r =
        in.site()
            .api
            .post(
                "/api/v1/asns",
                map(
                    "number",
                    number,
                    "purchaseOrder",
                    in.po(),
                    "shippedOn",
                    "2031-02-01",
                    "containers",
                    list(
                        map("sscc", pallet, "kind", "PALLET"),
                        map("sscc", case1, "parent", pallet, "kind", "CASE"),
                        map("sscc", case2, "parent", pallet, "kind", "CASE")),
                    "items",
                    list(
                        map("gtin", in.site().gtin, "serial", "P-1", "sscc", case1),
                        map("gtin", in.site().gtin, "serial", "P-2", "sscc", case1),
                        map(
                            "scan",
                            "(01)" + in.vaccine() + "(17)311231(10)LOT7(21)V-1",
                            "sscc",
                            case2),
                        map("gtin", in.cable(), "quantity", 25, "sscc", pallet),
                        map("gtin", in.cable(), "quantity", 5))));
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    var asn = ok(in.site().api.get("/api/v1/asns/" + number));
    assertThat(asn.at("/purchaseOrder").asString()).isEqualTo(in.po());
    assertThat(asn.at("/shippedOn").asString()).isEqualTo("2031-02-01");
    assertThat(asn.at("/items").asInt()).isEqualTo(5);
    assertThat(asn.at("/units").asInt()).isEqualTo(33);
    assertThat(asn.at("/containers/total").asInt()).isEqualTo(3);
    assertThat(asn.at("/containers/topLevel").asInt()).isEqualTo(1);
    assertThat(asn.at("/containers/byKind/CASE").asInt()).isEqualTo(2);
    assertThat(asn.at("/containers/tree/0/sscc").asString()).isEqualTo(pallet);
    assertThat(asn.at("/containers/tree/0/containers").asInt()).isEqualTo(2);
    assertThat(asn.at("/containers/tree/0/items").asInt()).isEqualTo(4);

    var inCase2 = ok(in.site().api.get("/api/v1/asns/" + number + "/items?sscc=" + case2));
    assertThat(inCase2.at("/items").size()).isEqualTo(1);
    assertThat(inCase2.at("/items/0/gtin").asString()).isEqualTo(in.vaccine());
    assertThat(inCase2.at("/items/0/serial").asString()).isEqualTo("V-1");
    assertThat(inCase2.at("/items/0/lot").asString()).isEqualTo("LOT7");
    assertThat(inCase2.at("/items/0/expiry").asString()).isEqualTo("2031-12-31");
    assertThat(inCase2.at("/items/0/quantity").asInt()).isEqualTo(1);

    var page1 = ok(in.site().api.get("/api/v1/asns/" + number + "/items?limit=3"));
    assertThat(page1.at("/items").size()).isEqualTo(3);
    assertThat(page1.at("/items/0/serial").asString()).isEqualTo("P-1");
    var page2 =
        ok(
            in.site()
                .api
                .get(
                    "/api/v1/asns/"
                        + number
                        + "/items?limit=3&cursor="
                        + page1.at("/next").asString()));
    assertThat(page2.at("/items").size()).isEqualTo(2);
    assertThat(page2.at("/items/1/quantity").asInt()).isEqualTo(5);
  }

  @Test
  void everyBadAsnIsRefusedNamingTheFieldAndWritesNothing() {
    Inbound in = inbound();
    String gtin = in.site().gtin;
    String pallet = Site.randomSscc();
    String number = unique("ASN");
    refused(
        in,
        asn(number, "NO-SUCH-PO", list(), list(map("gtin", gtin, "serial", "A"))),
        422,
        "unknown-purchase-order",
        "purchaseOrder");
    String badSscc = pallet.substring(0, 17) + ((pallet.charAt(17) - '0' + 1) % 10);
    refused(
        in,
        asn(
            number,
            in.po(),
            list(map("sscc", pallet), map("sscc", badSscc, "parent", pallet)),
            list()),
        400,
        "invalid-sscc",
        "containers[1].sscc");
    refused(
        in,
        asn(
            number,
            in.po(),
            list(map("sscc", pallet), map("sscc", Site.randomSscc(), "parent", Site.randomSscc())),
            list()),
        400,
        "undeclared-container",
        "containers[1].parent");
    String x = Site.randomSscc();
    String y = Site.randomSscc();
    refused(
        in,
        asn(
            number,
            in.po(),
            list(map("sscc", pallet), map("sscc", x, "parent", y), map("sscc", y, "parent", x)),
            list()),
        400,
        "container-cycle",
        "containers[2].parent");
    refused(
        in,
        asn(number, in.po(), list(map("sscc", pallet), map("sscc", pallet)), list()),
        400,
        "duplicate-in-request",
        "containers[1].sscc");
    refused(
        in,
        asn(
            number,
            in.po(),
            list(map("sscc", pallet)),
            list(map("gtin", gtin, "serial", "A", "sscc", Site.randomSscc()))),
        400,
        "undeclared-container",
        "items[0].sscc");
    refused(
        in,
        asn(
            number,
            in.po(),
            list(),
            list(map("gtin", gtin, "serial", "A"), map("gtin", Site.randomGtin(), "serial", "B"))),
        422,
        "unknown-gtin",
        "items[1].gtin");
    refused(
        in,
        asn(number, in.po(), list(), list(map("gtin", gtin))),
        400,
        "serial-required",
        "items[0].serial");
    refused(
        in,
        asn(number, in.po(), list(), list(map("gtin", gtin, "serial", "A", "quantity", 2))),
        400,
        "invalid-field",
        "items[0].quantity");
    refused(
        in,
        asn(number, in.po(), list(), list(map("gtin", gtin, "serial", "bad serial"))),
        400,
        "invalid-serial",
        "items[0].serial");
    refused(
        in,
        asn(number, in.po(), list(), list(map("gtin", in.patterned(), "serial", "12345X"))),
        400,
        "serial-format",
        "items[0].serial");
    refused(
        in,
        asn(
            number,
            in.po(),
            list(),
            list(map("gtin", in.vaccine(), "serial", "V1", "expiry", "2031-01-01"))),
        400,
        "lot-required",
        "items[0].lot");
    refused(
        in,
        asn(number, in.po(), list(), list(map("gtin", in.vaccine(), "serial", "V1", "lot", "L1"))),
        400,
        "expiry-required",
        "items[0].expiry");
    refused(
        in,
        asn(number, in.po(), list(), list(map("gtin", in.cable(), "serial", "C1", "quantity", 1))),
        400,
        "not-serialized",
        "items[0].serial");
    refused(
        in,
        asn(number, in.po(), list(), list(map("gtin", in.cable(), "quantity", 0))),
        400,
        "invalid-field",
        "items[0].quantity");
    refused(
        in,
        asn(number, in.po(), list(), list(map("gtin", in.cable(), "lot", "L1", "quantity", 3))),
        400,
        "not-lot-tracked",
        "items[0].lot");
    refused(
        in,
        asn(
            number,
            in.po(),
            list(),
            list(
                map("gtin", gtin, "serial", "A"),
                map("gtin", gtin, "serial", "B"),
                map("gtin", gtin, "serial", "A"))),
        400,
        "duplicate-in-request",
        "items[2].serial");
    refused(
        in,
        asn(number, in.po(), list(), list(map("scan", "(01)" + in.vaccine() + "(21)V9"))),
        400,
        "lot-required",
        "items[0].scan");
    refused(
        in,
        asn(number, in.po(), list(), list(map("scan", "(01)12345"))),
        400,
        "gs1-",
        "items[0].scan");
    assertThat(in.site().api.get("/api/v1/asns/" + number).status()).isEqualTo(404);

    ok(
        in.site()
            .api
            .post(
                "/api/v1/asns",
                asn(number, in.po(), list(), list(map("gtin", gtin, "serial", "A")))));
    var again =
        in.site()
            .api
            .post(
                "/api/v1/asns",
                asn(
                    number,
                    in.po(),
                    list(),
                    list(map("gtin", gtin, "serial", "B"), map("gtin", gtin, "serial", "C"))));
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.problemCode()).isEqualTo("duplicate-asn");
    assertThat(ok(in.site().api.get("/api/v1/asns/" + number)).at("/items").asInt()).isEqualTo(1);
  }

  @Test
  void aCsvAppendsItemsAndCreatesCasesAndPalletsOnFirstMention() {
    Inbound in = inbound();
    String number = emptyAsn(in);
    String pallet = Site.randomSscc();
    String case1 = Site.randomSscc();
    String case2 = Site.randomSscc();
    String g = in.site().gtin;
    String csv =
        "gtin,serial,lot,expiry,manufactured,sscc,parent_sscc,quantity\n"
            + g
            + ",S-1,,,,"
            + case1
            + ","
            + pallet
            + ",\n"
            + g
            + ",S-2,,,,"
            + case1
            + ",,\n"
            + in.vaccine()
            + ",V-1,L9,2032-06-30,2030-06-30,"
            + case2
            + ","
            + pallet
            + ",1\n"
            + in.cable()
            + ",,,,,,,12\n";
    var r = in.site().api.postCsv("/api/v1/asns/" + number + "/items", csv);
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    assertThat(r.at("/items").asInt()).isEqualTo(4);
    assertThat(r.at("/containers").asInt()).isEqualTo(3);
    var asn = ok(in.site().api.get("/api/v1/asns/" + number));
    assertThat(asn.at("/containers/byKind/PALLET").asInt()).isEqualTo(1);
    assertThat(asn.at("/containers/byKind/CASE").asInt()).isEqualTo(2);
    assertThat(asn.at("/containers/tree/0/sscc").asString()).isEqualTo(pallet);
    assertThat(asn.at("/containers/tree/0/items").asInt()).isEqualTo(3);
    assertThat(asn.at("/units").asInt()).isEqualTo(15);
    var vaccine = ok(in.site().api.get("/api/v1/asns/" + number + "/items?sscc=" + case2));
    assertThat(vaccine.at("/items/0/manufactured").asString()).isEqualTo("2030-06-30");

    // a second file adds to the same pallet; a serial already announced is refused
    String case3 = Site.randomSscc();
    var more =
        in.site()
            .api
            .postCsv(
                "/api/v1/asns/" + number + "/items",
                "gtin,serial,sscc,parent_sscc\n" + g + ",S-3," + case3 + "," + pallet + "\n");
    assertThat(more.status()).as(more.toString()).isEqualTo(200);
    assertThat(
            ok(in.site().api.get("/api/v1/asns/" + number))
                .at("/containers/tree/0/containers")
                .asInt())
        .isEqualTo(3);
    var dup =
        in.site()
            .api
            .postCsv(
                "/api/v1/asns/" + number + "/items", "gtin,serial\n" + g + ",S-9\n" + g + ",S-2\n");
    assertThat(dup.status()).isEqualTo(409);
    assertThat(dup.problemCode()).isEqualTo("duplicate-in-asn");
    assertThat(dup.at("/field").asString()).isEqualTo("row 3: serial");
    assertThat(ok(in.site().api.get("/api/v1/asns/" + number)).at("/items").asInt()).isEqualTo(5);
  }

  @Test
  void aBadCsvRowRefusesTheWholeFileNamingRowAndColumn() {
    Inbound in = inbound();
    String number = emptyAsn(in);
    String g = in.site().gtin;
    String header = "gtin,serial,lot,expiry,manufactured,sscc,parent_sscc,quantity\n";
    String pallet = Site.randomSscc();
    String kase = Site.randomSscc();
    String good = g + ",S-1,,,," + kase + "," + pallet + ",\n";
    csvRefused(
        in,
        number,
        header + good + g + ",S-1,,,,,,\n",
        400,
        "duplicate-in-request",
        "row 3: serial");
    csvRefused(
        in,
        number,
        header + good + Site.randomGtin() + ",S-2,,,,,,\n",
        422,
        "unknown-gtin",
        "row 3: gtin");
    csvRefused(
        in,
        number,
        header + good + g + ",S-2,,,,,," + "\n" + in.vaccine() + ",V-1,L1,31-12-2031,,,,\n",
        400,
        "invalid-field",
        "row 4: expiry");
    csvRefused(
        in,
        number,
        header + good + g + ",S-2,,,," + kase + "," + Site.randomSscc() + ",\n",
        422,
        "container-conflict",
        "row 3: parent_sscc");
    csvRefused(
        in, number, header + good + g + ",S-2,,,,123,,\n", 400, "invalid-sscc", "row 3: sscc");
    csvRefused(
        in,
        number,
        header + good + g + ",S-2,,,," + pallet + "," + kase + ",\n",
        400,
        "container-cycle",
        "row 3: parent_sscc");
    csvRefused(
        in,
        number,
        header + good + in.cable() + ",,,,,,,none\n",
        400,
        "invalid-field",
        "row 3: quantity");
    csvRefused(in, number, "gtin,colour\n" + g + ",red\n", 400, "unknown-column", "header");
    var asn = ok(in.site().api.get("/api/v1/asns/" + number));
    assertThat(asn.at("/items").asInt()).isZero();
    assertThat(asn.at("/containers/total").asInt()).isZero();
    assertThat(in.site().api.postCsv("/api/v1/asns/NO-SUCH-ASN/items", header + good).status())
        .isEqualTo(404);
  }

  @Test
  void aHundredThousandExpectedSerialsImportInOneRequest() {
    Inbound in = inbound();
    String number = emptyAsn(in);
    int pallets = 10;
    int casesPerPallet = 50;
    int perCase = 200;
    StringBuilder csv =
        new StringBuilder(7_000_000)
            .append("gtin,serial,lot,expiry,manufactured,sscc,parent_sscc,quantity\n");
    List<String> cases = new ArrayList<>();
    int serial = 0;
    for (int p = 0; p < pallets; p++) {
      String pallet = Site.randomSscc();
      for (int c = 0; c < casesPerPallet; c++) {
        String kase = Site.randomSscc();
        cases.add(kase);
        for (int i = 0; i < perCase; i++) {
          csv.append(in.site().gtin)
              .append(",SN")
              .append(serial++)
              .append(",,,,")
              .append(kase)
              .append(',')
              .append(pallet)
              .append(",1\n");
        }
      }
    }
    assertThat(serial).isEqualTo(100_000);
    long started = System.nanoTime();
    var r = in.site().api.postCsv("/api/v1/asns/" + number + "/items", csv.toString());
    long ms = (System.nanoTime() - started) / 1_000_000;
    System.out.println(
        "100,000-row ASN import ("
            + csv.length() / 1024
            + " KiB) took "
            + ms
            + " ms on "
            + (onPostgres() ? "PostgreSQL" : "SQLite"));
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    assertThat(r.at("/items").asInt()).isEqualTo(100_000);
    var asn = ok(in.site().api.get("/api/v1/asns/" + number));
    assertThat(asn.at("/items").asInt()).isEqualTo(100_000);
    assertThat(asn.at("/containers/total").asInt()).isEqualTo(pallets + pallets * casesPerPallet);
    assertThat(asn.at("/containers/byKind/PALLET").asInt()).isEqualTo(pallets);
    assertThat(asn.at("/containers/tree/3/items").asInt()).isEqualTo(casesPerPallet * perCase);
    var lastCase =
        ok(
            in.site()
                .api
                .get(
                    "/api/v1/asns/"
                        + number
                        + "/items?limit=1000&sscc="
                        + cases.get(cases.size() - 1)));
    assertThat(lastCase.at("/items").size()).isEqualTo(perCase);
    assertThat(lastCase.at("/items/199/serial").asString()).isEqualTo("SN99999");
  }

  @Test
  void anotherClientCannotReadOrAppendToTheAsn() {
    Inbound a = inbound();
    Site b = Site.create(admin);
    String number = unique("ASN");
    ok(
        a.site()
            .api
            .post(
                "/api/v1/asns",
                asn(number, a.po(), list(), list(map("gtin", a.site().gtin, "serial", "A-1")))));
    var read = b.api.get("/api/v1/asns/" + number);
    assertThat(read.status()).isEqualTo(404);
    assertThat(read.problemCode()).isEqualTo("unknown-asn");
    assertThat(b.api.get("/api/v1/asns/" + number + "/items").status()).isEqualTo(404);
    assertThat(
            b.api
                .postCsv("/api/v1/asns/" + number + "/items", "gtin,serial\n" + b.gtin + ",B-1\n")
                .status())
        .isEqualTo(404);
    // B's ASN cannot ship against A's purchase order, nor announce A's products
    var onA = b.api.post("/api/v1/asns", asn(unique("ASN"), a.po(), list(), list()));
    assertThat(onA.status()).isEqualTo(422);
    assertThat(onA.problemCode()).isEqualTo("unknown-purchase-order");
    String poB = unique("PO");
    ok(b.api.post("/api/v1/purchase-orders", PurchaseOrdersIT.order(poB, b.sku, 1)));
    var foreign =
        b.api.post(
            "/api/v1/asns",
            asn(unique("ASN"), poB, list(), list(map("gtin", a.site().gtin, "serial", "X"))));
    assertThat(foreign.status()).isEqualTo(422);
    assertThat(foreign.problemCode()).isEqualTo("unknown-gtin");
    assertThat(ok(a.site().api.get("/api/v1/asns/" + number + "/items")).at("/items").size())
        .isEqualTo(1);
  }

  private String emptyAsn(Inbound in) {
    String number = unique("ASN");
    ok(in.site().api.post("/api/v1/asns", map("number", number, "purchaseOrder", in.po())));
    return number;
  }

  private static Map<String, Object> asn(
      String number, String po, List<Object> containers, List<Object> items) {
    return map("number", number, "purchaseOrder", po, "containers", containers, "items", items);
  }

  private void refused(
      Inbound in, Map<String, Object> body, int status, String code, String field) {
    var r = in.site().api.post("/api/v1/asns", body);
    assertThat(r.status()).as(r.toString()).isEqualTo(status);
    assertThat(r.contentType()).startsWith("application/problem+json");
    assertThat(r.problemCode()).as(r.toString()).startsWith(code);
    assertThat(r.at("/field").asString()).as(r.toString()).isEqualTo(field);
  }

  private void csvRefused(
      Inbound in, String number, String csv, int status, String code, String field) {
    var r = in.site().api.postCsv("/api/v1/asns/" + number + "/items", csv);
    assertThat(r.status()).as(r.toString()).isEqualTo(status);
    assertThat(r.problemCode()).as(r.toString()).isEqualTo(code);
    assertThat(r.at("/field").asString()).as(r.toString()).isEqualTo(field);
  }
}
