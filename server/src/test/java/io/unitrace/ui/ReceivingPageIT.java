package io.unitrace.ui;

import static io.unitrace.support.Api.list;
import static io.unitrace.support.Api.map;
import static io.unitrace.ui.FormSession.fields;
import static io.unitrace.ui.FormSession.htmx;
import static io.unitrace.ui.FormSession.key;
import static org.assertj.core.api.Assertions.assertThat;

import io.unitrace.support.IntegrationTest;
import io.unitrace.support.Site;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The receiving screens over plain HTTP, as a browser without JavaScript and as htmx see them: a
 * receipt opened at a dock, scans answered with their outcome and the counter, refusals shown where
 * they belong, and a closed receipt that takes no more scans and shows its report. Counted goods
 * (by lot, or untracked) are received by the Qty typed with the scan or by the label's count.
 */
class ReceivingPageIT extends IntegrationTest {

  @Autowired JdbcClient db;

  private Site site;
  private FormSession handheld;

  @BeforeEach
  void signedInAtASite() {
    site = Site.create(admin);
    handheld = new FormSession(port);
    assertThat(handheld.signIn("admin", ADMIN_PASSWORD).status()).isEqualTo(302);
    assertThat(handheld.get("/receiving?tenant=" + site.tenant).status()).isEqualTo(200);
  }

  @Test
  void aScanBeforeAClientIsPickedSendsTheBrowserBackToPickOne() {
    long id = open(site.dock);
    FormSession other = new FormSession(port);
    assertThat(other.signIn("admin", ADMIN_PASSWORD).status()).isEqualTo(302);
    assertThat(other.get("/").status()).isEqualTo(200);

    var fragment =
        other.post(
            "/receiving/" + id + "/scans",
            fields("scan", "(01)" + site.gtin + "(21)" + unique("SN"), "key", key()),
            htmx());
    assertThat(fragment.status()).isEqualTo(200);
    assertThat(fragment.header("HX-Redirect")).endsWith("/receiving");
    assertThat(fragment.header("Vary")).contains("HX-Request");
    var page =
        other.post(
            "/receiving/" + id + "/scans",
            fields("scan", "(01)" + site.gtin + "(21)" + unique("SN"), "key", key()),
            Map.of());
    assertThat(page.status()).isEqualTo(302);
    assertThat(page.header("Location")).endsWith("/receiving");
    assertThat(site.api.get("/api/v1/receipts/" + id).at("/counters/received").asInt())
        .as("nothing was received")
        .isZero();
  }

  @Test
  void opensABlindReceiptAtTheDockAndListsItAsOpen() {
    var empty = handheld.get("/receiving");
    assertThat(empty.body()).contains("data-test=\"open-form\"", "data-test=\"no-receipts\"");

    long id = open(site.dock);

    var screen = handheld.get("/receiving/" + id);
    assertThat(screen.status()).isEqualTo(200);
    assertThat(screen.body())
        .contains(
            "id=\"scan\"",
            "autofocus",
            "name=\"key\"",
            "data-test=\"dock\">" + site.dock + "<",
            "Blind receipt",
            "data-test=\"received\">0<",
            "data-test=\"expected\">0<",
            "data-test=\"close-form\"");
    var listed = handheld.get("/receiving");
    assertThat(listed.body())
        .contains("/receiving/" + id, site.dock, "blind")
        .doesNotContain("data-test=\"no-receipts\"");
  }

  @Test
  void scansAreAnsweredWithTheirOutcomeAndTheCounterAsAnHtmxFragment() {
    long id = open(site.dock);
    String serial = unique("SN");

    var received = scan(id, "(01)" + site.gtin + "(21)" + serial);
    assertThat(received.status()).isEqualTo(200);
    assertThat(received.header("Vary")).contains("HX-Request");
    assertThat(received.body())
        .doesNotContain("<html", "id=\"scan\"")
        .contains(
            "data-outcome=\"RECEIVED\"",
            "role=\"status\"",
            "answer outcome-RECEIVED quiet",
            "(21)" + serial)
        .contains("id=\"counter\"", "hx-swap-oob=\"true\"", "data-test=\"received\">1<")
        .contains("id=\"recent\"", "data-outcome=\"RECEIVED\"");

    var repeat = scan(id, "(01)" + site.gtin + "(21)" + serial);
    assertThat(repeat.body())
        .contains(
            "data-outcome=\"REPEAT\"",
            "outcome-REPEAT loud",
            "role=\"alert\"",
            "Repeat scan",
            "already received on this receipt",
            "data-test=\"received\">1<");

    String strangeGtin = Site.randomGtin();
    var unknown = scan(id, "(01)" + strangeGtin + "(21)" + unique("SN"));
    assertThat(unknown.body())
        .contains(
            "data-outcome=\"UNKNOWN_GTIN\"",
            "outcome-UNKNOWN_GTIN loud",
            "role=\"alert\"",
            "unknown GTIN: no product of this client has it",
            "data-test=\"received\">1<");

    var damaged =
        handheld.post(
            "/receiving/" + id + "/scans",
            fields(
                "scan",
                "(01)" + site.gtin + "(21)" + unique("SN"),
                "damaged",
                "true",
                "key",
                key()),
            htmx());
    assertThat(damaged.body())
        .contains(
            "data-outcome=\"DAMAGED\"",
            "outcome-DAMAGED loud",
            "DAMAGED: received on DAMAGED hold",
            // Taken in, but not as expected: the counter keeps it apart.
            "data-test=\"received\">1<",
            "data-section=\"damaged\">1 damaged<",
            "2 taken in, exceptions included");

    var duplicate = scan(id, "(01)" + site.gtin + "(21)" + registeredElsewhere());
    assertThat(duplicate.body())
        .contains("data-outcome=\"DUPLICATE\"", "outcome-DUPLICATE loud", "DUPLICATE serial");
  }

  @Test
  void aProductGtinSelectsTheProductForThePlainSerialsThatFollow() {
    long id = open(site.dock);

    var product = scan(id, site.gtin);
    assertThat(product.body())
        .contains(
            "data-outcome=\"PRODUCT\"",
            "Product selected",
            site.sku + " selected",
            "data-test=\"product-selected\"",
            "name=\"product\" value=\"" + site.gtin + "\"",
            "id=\"product-pick\" hx-swap-oob=\"true\"");

    String serial = unique("SN");
    var plain =
        handheld.post(
            "/receiving/" + id + "/scans",
            fields("scan", serial, "product", site.gtin, "key", key()),
            htmx());
    assertThat(plain.body())
        .contains("data-outcome=\"RECEIVED\"", "(21)" + serial, "data-test=\"received\">1<")
        .as("the product stays selected for the next serial")
        .contains("name=\"product\" value=\"" + site.gtin + "\"");
    Site.ok(site.api.get(site.unitPath(serial)));
  }

  @Test
  void aPlainSerialWithoutAProductIsRefusedLoudlyInPlace() {
    long id = open(site.dock);

    var refused = scan(id, unique("SN"));

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.header("X-Unitrace-Fragment")).isEqualTo("scan-answer");
    assertThat(refused.body())
        .contains(
            "outcome-REFUSED loud",
            "role=\"alert\"",
            "Scan refused",
            "not valid GS1 data",
            "data-test=\"answer-hint\">A plain serial needs its product: scan the product&#39;s GTIN first",
            "data-test=\"received\">0<")
        .doesNotContain("<html");

    var typed =
        handheld.post("/receiving/" + id + "/scans", fields("scan", " ", "key", key()), htmx());
    assertThat(typed.status()).isEqualTo(400);
    assertThat(typed.body()).contains("outcome-REFUSED loud", "scan is required");
  }

  @Test
  void theSameFormPostedTwiceIsOneScan() {
    long id = open(site.dock);
    String serial = unique("SN");
    Map<String, String> form = fields("scan", "(01)" + site.gtin + "(21)" + serial, "key", key());

    var first = handheld.post("/receiving/" + id + "/scans", form, htmx());
    var again = handheld.post("/receiving/" + id + "/scans", form, htmx());

    assertThat(first.body()).contains("data-outcome=\"RECEIVED\"");
    assertThat(again.body())
        .as("answered as the first time, not as a repeat scan")
        .contains(
            "data-outcome=\"RECEIVED\"", "The same request again", "data-test=\"received\">1<")
        .doesNotContain("data-outcome=\"REPEAT\"");
    assertThat(count(handheld.get("/receiving/" + id).body(), "<li class=\"outcome-"))
        .as("one line in the last scans")
        .isEqualTo(1);
  }

  @Test
  void withoutJavaScriptAScanDrawsTheWholeScreenWithItsAnswer() {
    long id = open(site.dock);
    String serial = unique("SN");

    var page =
        handheld.post(
            "/receiving/" + id + "/scans",
            fields("scan", "(01)" + site.gtin + "(21)" + serial, "key", key()),
            Map.of());

    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body())
        .contains("<html", "id=\"scan\"", "data-outcome=\"RECEIVED\"", "data-test=\"received\">1<")
        .doesNotContain("hx-swap-oob");
    assertThat(handheld.get("/receiving/" + id + "/scans").location())
        .as("a reload of the POST lands on the screen")
        .endsWith("/receiving/" + id);
  }

  @Test
  void anUnknownDockIsShownNextToTheDockField() {
    var unknown = handheld.post("/receiving", fields("dock", "NO-SUCH-DOCK"), Map.of());
    assertThat(unknown.status()).isEqualTo(422);
    assertThat(unknown.body())
        .contains(
            "data-test=\"dock-error\"",
            "no location with code NO-SUCH-DOCK",
            "value=\"NO-SUCH-DOCK\"",
            "aria-invalid=\"true\"");

    var bin = handheld.post("/receiving", fields("dock", site.bin1), Map.of());
    assertThat(bin.status()).isEqualTo(422);
    assertThat(bin.body())
        .contains("data-test=\"dock-error\"", site.bin1 + " is a STORAGE location, not a DOCK");

    var blank = handheld.post("/receiving", fields("dock", " "), Map.of());
    assertThat(blank.status()).isEqualTo(400);
    assertThat(blank.body()).contains("data-test=\"dock-error\"", "dock is required");

    var asn =
        handheld.post("/receiving", fields("dock", site.dock, "asn", "NO-SUCH-ASN"), Map.of());
    assertThat(asn.status()).isEqualTo(422);
    assertThat(asn.body())
        .contains("data-test=\"asn-error\"", "has no ASN NO-SUCH-ASN")
        .doesNotContain("data-test=\"dock-error\"");
    assertThat(handheld.get("/receiving").body())
        .as("nothing was opened")
        .contains("data-test=\"no-receipts\"");
  }

  @Test
  void aClosedReceiptShowsItsReportAndRefusesScans() {
    long id = open(site.dock);
    String good = unique("SN");
    String broken = unique("SN");
    String strangeGtin = Site.randomGtin();
    scan(id, "(01)" + site.gtin + "(21)" + good);
    handheld.post(
        "/receiving/" + id + "/scans",
        fields("scan", "(01)" + site.gtin + "(21)" + broken, "damaged", "true", "key", key()),
        htmx());
    scan(id, "(01)" + strangeGtin + "(21)X1");

    var closed = handheld.post("/receiving/" + id + "/close", fields(), Map.of());
    assertThat(closed.status()).isEqualTo(302);
    assertThat(closed.location()).endsWith("/receiving/" + id);

    var report = handheld.get("/receiving/" + id);
    assertThat(report.body())
        .contains(
            "data-test=\"report\"",
            "data-test=\"status\">CLOSED<",
            "data-test=\"report-tally\">1 / 0<",
            "(2 taken in, exceptions included)",
            "data-section=\"damaged\"",
            broken,
            "data-section=\"unexpected\"",
            strangeGtin,
            "X1")
        .doesNotContain("id=\"scan\"", "data-test=\"close-form\"", "data-section=\"short\"");
    assertThat(handheld.get("/receiving").body())
        .as("no longer listed as open")
        .doesNotContain("/receiving/" + id + "\"");

    var refused = scan(id, "(01)" + site.gtin + "(21)" + unique("SN"));
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.body())
        .contains("outcome-REFUSED loud", "receipt " + id + " is closed: open a new one");
    var again = handheld.post("/receiving/" + id + "/close", fields(), Map.of());
    assertThat(again.location())
        .as("a second close shows the report all the same")
        .endsWith("/receiving/" + id);
  }

  @Test
  void aReceiptForAnAsnCountsAgainstWhatWasAnnouncedAndReportsWhatIsShort() {
    String asn = unique("ASN");
    String first = unique("SN");
    String second = unique("SN");
    announce(asn, first, second);
    var opened = handheld.post("/receiving", fields("dock", site.dock, "asn", asn), Map.of());
    assertThat(opened.status()).as(opened.toString()).isEqualTo(302);
    long id = Long.parseLong(opened.location().substring(opened.location().lastIndexOf('/') + 1));
    assertThat(handheld.get("/receiving/" + id).body())
        .contains(asn, "Acme Phones", "data-test=\"received\">0<", "data-test=\"expected\">2<");

    assertThat(scan(id, "(01)" + site.gtin + "(21)" + first).body())
        .contains(
            "data-outcome=\"RECEIVED\"", "data-test=\"received\">1<", "data-test=\"expected\">2<");
    assertThat(scan(id, "(01)" + site.gtin + "(21)" + unique("SN")).body())
        .contains(
            "data-outcome=\"UNEXPECTED\"",
            "outcome-UNEXPECTED loud",
            "NOT ON THE ASN",
            "data-test=\"received\">1<",
            "data-test=\"expected\">2<",
            "data-section=\"unexpected\">1 unexpected<");

    handheld.post("/receiving/" + id + "/close", fields(), Map.of());
    var report = handheld.get("/receiving/" + id).body();
    assertThat(report)
        .contains("data-section=\"short\"", second, "data-section=\"unexpected\"")
        .doesNotContain(">" + first + "<");
  }

  @Test
  void theCounterHoldsWhatCameAsExpectedAgainstTheAsnAndTheReportShowsTheApisLinesWithLots() {
    Counted saline = product("SAL", "LOT");
    String po = unique("PO");
    String asn = unique("ASN");
    Site.ok(
        site.api.post(
            "/api/v1/purchase-orders",
            map(
                "number",
                po,
                "vendor",
                "Acme Pharma",
                "lines",
                list(map("sku", saline.sku(), "quantity", 13)))));
    Site.ok(
        site.api.post(
            "/api/v1/asns",
            map(
                "number",
                asn,
                "purchaseOrder",
                po,
                "containers",
                list(),
                "items",
                list(
                    map("gtin", saline.gtin(), "lot", "L1", "quantity", 9),
                    map("gtin", saline.gtin(), "lot", "L2", "quantity", 4)))));
    var opened = handheld.post("/receiving", fields("dock", site.dock, "asn", asn), Map.of());
    long id = Long.parseLong(opened.location().substring(opened.location().lastIndexOf('/') + 1));

    assertThat(scan(id, "(01)" + saline.gtin() + "(10)L1", "9").body())
        .contains("data-test=\"received\">9<", "data-test=\"expected\">13<");
    // Four of a lot nobody announced: taken in, kept apart, and lot L2 is still short.
    assertThat(scan(id, "(01)" + saline.gtin() + "(10)L3", "4").body())
        .contains(
            "data-test=\"received\">9<",
            "data-test=\"expected\">13<",
            "data-section=\"quality\">4 lot / expiry<",
            "13 taken in, exceptions included");
    // One past the order: over, not received as expected either.
    assertThat(scan(id, "(01)" + saline.gtin() + "(10)L1", "1").body())
        .contains("data-test=\"received\">9<", "data-section=\"over\">1 over<");
    JsonNode counters = site.api.get("/api/v1/receipts/" + id).json().path("counters");
    assertThat(counters.path("asExpected").asInt()).isEqualTo(9);
    assertThat(counters.path("received").asInt()).isEqualTo(14);
    assertThat(counters.path("exceptions").path("quality").asInt()).isEqualTo(4);
    assertThat(counters.path("exceptions").path("over").asInt()).isEqualTo(1);

    handheld.post("/receiving/" + id + "/close", fields(), Map.of());
    String page = handheld.get("/receiving/" + id).body();
    assertThat(page).contains("data-test=\"report-tally\">9 / 13<");
    JsonNode report = Site.ok(site.api.get("/api/v1/receipts/" + id + "/report")).json();
    int lines = 0;
    for (String section :
        List.of("shortLines", "over", "unexpected", "damaged", "suspect", "quality")) {
      for (JsonNode l : report.path(section)) {
        lines++;
        // Every line of the API's report is on the screen with its outcome, count and lot.
        assertThat(page)
            .contains(
                "data-outcome=\"" + l.path("outcome").asString() + "\"",
                ">" + l.path("count").asInt() + "<",
                "<code>" + l.path("lot").asString() + "</code>");
      }
    }
    assertThat(lines).isEqualTo(3);
    assertThat(report.at("/shortLines/0/lot").asString()).isEqualTo("L2");
    assertThat(report.at("/shortLines/0/count").asInt()).isEqualTo(4);
    assertThat(report.at("/quality/0/lot").asString()).isEqualTo("L3");
  }

  @Test
  void countedGoodsAreReceivedByTheQtyTypedOrTheLabelsCountAndTheCounterCountsQuantities() {
    Counted salineProduct = product("SAL", "LOT");
    String saline = salineProduct.sku();
    String salineGtin = salineProduct.gtin();
    Counted glovesProduct = product("GLV", "NONE");
    String gloves = glovesProduct.sku();
    long id = open(site.dock);

    var typed = scan(id, "(01)" + salineGtin + "(10)L1", "24");
    assertThat(typed.status()).as(typed.toString()).isEqualTo(200);
    assertThat(typed.body())
        .contains(
            "data-outcome=\"RECEIVED\"",
            "answer outcome-RECEIVED quiet",
            "24 × " + saline + " lot L1: received",
            "data-test=\"answer-quantity\">24 ×<",
            "data-test=\"answer-lot\">(10)L1<")
        .contains("id=\"counter\"", "data-test=\"received\">24<")
        .as("the last scans say how many of which lot")
        .contains("id=\"recent\"", ">24 × " + saline + " lot L1: received<")
        .doesNotContain("data-test=\"answer-serial\"", "data-test=\"answer-hint\"");

    var label = scan(id, "(01)" + salineGtin + "(10)L2(30)12", "");
    assertThat(label.body())
        .as("the label's count, no Qty typed")
        .contains(
            "12 × " + saline + " lot L2: received",
            "data-test=\"answer-quantity\">12 ×<",
            "data-test=\"received\">36<");

    var both = scan(id, "(01)" + salineGtin + "(10)L2(30)12", "5");
    assertThat(both.body())
        .contains(
            "12 × " + saline + " lot L2: received",
            "data-test=\"received\">48<",
            "data-test=\"answer-hint\">The label&#39;s count (12) was taken, not the Qty typed (5).<");

    var untracked = scan(id, glovesProduct.gtin(), "10");
    assertThat(untracked.body())
        .contains(
            "data-outcome=\"RECEIVED\"",
            "10 × " + gloves + ": received",
            "data-test=\"answer-quantity\">10 ×<",
            "data-test=\"received\">58<")
        .doesNotContain("data-test=\"answer-lot\"");
    var one = scan(id, glovesProduct.gtin(), "");
    assertThat(one.body())
        .as("an empty Qty is one")
        .contains("1 × " + gloves + ": received", "data-test=\"received\">59<");

    assertThat(stock(saline, site.dock)).isEqualTo(48);
    assertThat(stock(gloves, site.dock)).isEqualTo(11);
    assertThat(handheld.get("/receiving/" + id).body())
        .as("the screen drawn anew counts the same")
        .contains("data-test=\"received\">59<");
  }

  @Test
  void aQtyThatIsNoCountIsRefusedLoudlyAndOneTheScanCannotUseIsSaidSo() {
    Counted gloves = product("GLV", "NONE");
    long id = open(site.dock);

    for (String wrong : new String[] {"2x", "0", "-3", "1.5"}) {
      var refused = scan(id, gloves.gtin(), wrong);
      assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
      assertThat(refused.header("X-Unitrace-Fragment")).isEqualTo("scan-answer");
      assertThat(refused.body())
          .contains(
              "outcome-REFUSED loud",
              "role=\"alert\"",
              "Qty refused",
              "Qty is a whole number of at least 1, not “" + wrong + "”",
              "data-test=\"answer-hint\">Type the Qty again",
              "data-test=\"received\">0<");
    }
    var tooMany = scan(id, gloves.gtin(), "2000000");
    assertThat(tooMany.status()).isEqualTo(400);
    assertThat(tooMany.body())
        .contains(
            "Qty refused", "a quantity is 1 to 1000000, not 2000000", "data-test=\"received\">0<");

    String serial = unique("SN");
    var unit = scan(id, "(01)" + site.gtin + "(21)" + serial, "5");
    assertThat(unit.body())
        .contains(
            "data-outcome=\"RECEIVED\"",
            "(21)" + serial,
            "data-test=\"received\">1<",
            "data-test=\"answer-hint\">The Qty typed (5) was not used: a unit with a serial is one, scan each.<")
        .doesNotContain("data-test=\"answer-quantity\"");
    assertThat(stock(gloves.sku(), site.dock)).isZero();
  }

  @Test
  void aReceiptOfAnotherClientIsNotFound() {
    Site other = Site.create(admin);
    var r = other.api.post("/api/v1/receipts", map("dock", other.dock));
    assertThat(r.status()).isEqualTo(201);
    long theirs = r.at("/id").asLong();

    assertThat(handheld.get("/receiving/" + theirs).status()).isEqualTo(404);
    var scan = scan(theirs, "(01)" + other.gtin + "(21)" + unique("SN"));
    assertThat(scan.status()).isEqualTo(404);
    assertThat(scan.body()).contains("outcome-REFUSED", "has no receipt " + theirs);
    assertThat(other.api.get("/api/v1/receipts/" + theirs).at("/counters/received").asInt())
        .isZero();
  }

  // ---------------------------------------------------------------------------------------------

  private long open(String dock) {
    var opened = handheld.post("/receiving", fields("dock", dock), Map.of());
    assertThat(opened.status()).as(opened.toString()).isEqualTo(302);
    assertThat(opened.location()).matches(".*/receiving/\\d+$");
    return Long.parseLong(opened.location().substring(opened.location().lastIndexOf('/') + 1));
  }

  private FormSession.Page scan(long receipt, String text) {
    return handheld.post(
        "/receiving/" + receipt + "/scans", fields("scan", text, "key", key()), htmx());
  }

  /** A scan with the Qty field as typed ("" when left empty), as the page's script sends it. */
  private FormSession.Page scan(long receipt, String text, String quantity) {
    return handheld.post(
        "/receiving/" + receipt + "/scans",
        fields("scan", text, "quantity", quantity, "key", key()),
        htmx());
  }

  private record Counted(String sku, String gtin) {}

  /**
   * A product of the site's client counted by {@code tracking} (LOT or NONE), with a GTIN of its
   * own.
   */
  private Counted product(String prefix, String tracking) {
    Counted c = new Counted(unique(prefix), Site.randomGtin());
    Site.ok(
        site.api.post(
            "/api/v1/products",
            map("sku", c.sku(), "name", c.sku(), "gtins", list(c.gtin()), "tracking", tracking)));
    return c;
  }

  /** How many of the product lie at the location, by the stock book. */
  private long stock(String sku, String location) {
    long total = 0;
    for (var line :
        Site.ok(site.api.get("/api/v1/stock?sku=" + sku + "&location=" + location))
            .json()
            .path("items")) {
      total += line.path("quantity").asLong();
    }
    return total;
  }

  /**
   * A serial already in the client's stock (registered on a bin), so receiving it again is a
   * duplicate.
   */
  private String registeredElsewhere() {
    String serial = unique("SN");
    site.register(site.bin1, serial);
    return serial;
  }

  /**
   * A PO of the site's product from Acme Phones, and an ASN announcing the serials (written
   * directly: the PO/ASN API is elsewhere).
   */
  private void announce(String asn, String... serials) {
    long tenant =
        db.sql("SELECT id FROM tenant WHERE code = ?")
            .param(site.tenant)
            .query(Long.class)
            .single();
    long product =
        db.sql("SELECT product_id FROM product_gtin WHERE tenant_id = ? AND gtin = ?")
            .params(tenant, site.gtin)
            .query(Long.class)
            .single();
    long now = System.currentTimeMillis();
    long po =
        db.sql(
                "INSERT INTO purchase_order (tenant_id, number, vendor, status, created_at) VALUES (?, ?, 'Acme Phones', 'OPEN', ?) RETURNING id")
            .params(tenant, unique("PO"), now)
            .query(Long.class)
            .single();
    db.sql(
            "INSERT INTO po_line (tenant_id, po_id, line_no, product_id, quantity) VALUES (?, ?, 1, ?, ?)")
        .params(tenant, po, product, serials.length + 5)
        .update();
    long asnId =
        db.sql(
                "INSERT INTO asn (tenant_id, po_id, number, created_at) VALUES (?, ?, ?, ?) RETURNING id")
            .params(tenant, po, asn, now)
            .query(Long.class)
            .single();
    for (String s : serials) {
      db.sql(
              "INSERT INTO asn_item (tenant_id, asn_id, product_id, gtin, serial, quantity) VALUES (?, ?, ?, ?, ?, 1)")
          .params(tenant, asnId, product, site.gtin, s)
          .update();
    }
  }

  private static int count(String text, String part) {
    int n = 0;
    for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
      n++;
    }
    return n;
  }
}
