package io.unitrace.ui;

import static io.unitrace.support.Api.map;
import static io.unitrace.ui.FormSession.fields;
import static org.assertj.core.api.Assertions.assertThat;

import io.unitrace.support.IntegrationTest;
import io.unitrace.support.Site;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The setup screens over real HTTP, as a supervisor's browser posts them: products with GTINs and
 * custom fields, the product CSV import, locations with their labels, purchase orders with their
 * progress. Every refusal is shown on the form and writes nothing; an operator is refused.
 */
class SetupPagesIT extends IntegrationTest {

  private Site site;
  private FormSession supervisor;

  @BeforeEach
  void supervisorAtASite() {
    site = Site.create(admin);
    supervisor = new FormSession(port);
    supervisor.signIn(site.person(admin, "SUPERVISOR"), Site.PERSON_PASSWORD);
    assertThat(supervisor.get("/setup/products?tenant=" + site.tenant).status()).isEqualTo(200);
  }

  @Test
  void supervisorCreatesAProductWithAGtinAndACustomField() {
    String sku = unique("TAB");
    String gtin = Site.randomGtin();
    supervisor.get("/setup/products/new");

    var created =
        supervisor.post(
            "/setup/products/new",
            product(
                sku,
                gtin,
                "fieldCount",
                "1",
                "fields[0].name",
                "IMEI",
                "fields[0].type",
                "TEXT",
                "fields[0].required",
                "on",
                "fields[0].unique",
                "on"),
            Map.of());

    assertThat(created.status()).as(created.toString()).isEqualTo(302);
    assertThat(created.location()).contains("/setup/products/edit?sku=" + sku);
    JsonNode p = Site.ok(site.api.get("/api/v1/products/" + sku)).json();
    assertThat(p.at("/gtins/0").asString()).isEqualTo(gtin);
    assertThat(p.at("/tracking").asString()).isEqualTo("SERIAL");
    assertThat(p.at("/customFields/0/name").asString()).isEqualTo("IMEI");
    assertThat(p.at("/customFields/0/required").asBoolean()).isTrue();
    assertThat(p.at("/customFields/0/unique").asBoolean()).isTrue();
    assertThat(supervisor.get("/setup/products?q=" + gtin).body())
        .contains("data-sku=\"" + sku + "\"")
        .doesNotContain("data-sku=\"" + site.sku + "\"");
    // By SKU in any case; a LIKE wildcard typed is a character, not "anything".
    assertThat(supervisor.get("/setup/products?q=" + sku.toLowerCase()).body())
        .contains("data-sku=\"" + sku + "\"");
    assertThat(supervisor.get("/setup/products?q=%25").body())
        .doesNotContain("data-sku=\"" + sku + "\"");
  }

  @Test
  void aGtinWithAWrongCheckDigitIsRefusedOnItsFieldAndNothingIsSaved() {
    String sku = unique("TAB");
    String good = Site.randomGtin();
    String bad = good.substring(0, 13) + ((good.charAt(13) - '0' + 1) % 10);
    supervisor.get("/setup/products/new");

    var refused =
        supervisor.post(
            "/setup/products/new",
            product(
                sku,
                good + " " + bad,
                "fieldCount",
                "1",
                "fields[0].name",
                "IMEI",
                "fields[0].type",
                "TEXT"),
            Map.of());

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.body())
        .contains("data-test=\"error-gtins\"", "check digit")
        .contains("value=\"" + good + " " + bad + "\"")
        .contains("value=\"IMEI\"");
    assertThat(site.api.get("/api/v1/products/" + sku).status()).isEqualTo(404);
  }

  @Test
  void aCsvImportWithOneBadRowShowsTheRowAndImportsNothing() {
    String first = unique("IMP");
    String second = unique("IMP");
    supervisor.get("/setup/products/import");
    String csv =
        "sku,name,gtins,tracking\n"
            + first
            + ",Cable,"
            + Site.randomGtin()
            + ",NONE\n"
            + second
            + ",Charger,,"
            + "SOMETIMES\n";

    var refused = supervisor.post("/setup/products/import", fields("csv", csv), Map.of());

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.body())
        .contains("data-test=\"row-error\"", "row 3: tracking", "SOMETIMES")
        .contains(first);
    assertThat(site.api.get("/api/v1/products/" + first).status()).isEqualTo(404);
    assertThat(site.api.get("/api/v1/products/" + second).status()).isEqualTo(404);

    var imported =
        supervisor.post(
            "/setup/products/import", fields("csv", csv.replace("SOMETIMES", "LOT")), Map.of());
    assertThat(imported.status()).isEqualTo(200);
    assertThat(imported.body()).contains("data-test=\"imported\"", "2 created, 0 updated");
  }

  @Test
  void aLocationIsCreatedAndListedUnderItsParentWithItsLabelLink() {
    String bin = site.warehouse + "-B9";
    supervisor.get("/setup/locations?warehouse=" + site.warehouse);

    var refused =
        supervisor.post(
            "/setup/locations?warehouse=" + site.warehouse,
            fields("code", bin, "type", "STORAGE", "level", "BIN", "parent", "NO-SUCH-ZONE"),
            Map.of());
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.body()).contains("data-test=\"error-location-parent\"", "NO-SUCH-ZONE");
    assertThat(admin.get("/api/v1/locations/" + bin).status()).isEqualTo(404);

    var created =
        supervisor.post(
            "/setup/locations?warehouse=" + site.warehouse,
            fields(
                "code", bin, "type", "STORAGE", "level", "BIN", "parent", site.warehouse + "-Z1"),
            Map.of());
    assertThat(created.status()).as(created.toString()).isEqualTo(302);

    var page = supervisor.get(created.location().replaceFirst("^https?://[^/]+", ""));
    assertThat(page.body())
        .contains("data-test=\"location-created\"")
        .contains("data-code=\"" + bin + "\" data-depth=\"1\"")
        .contains("href=\"/api/v1/labels/locations/" + bin + "?format=png\"");
    assertThat(Site.ok(admin.get("/api/v1/locations/" + bin)).at("/type").asString())
        .isEqualTo("STORAGE");
  }

  @Test
  void aPurchaseOrderIsCreatedAndItsProgressShown() {
    String po = unique("PO");
    supervisor.get("/setup/inbound");

    var refused =
        supervisor.post(
            "/setup/inbound/po",
            fields(
                "number",
                po,
                "vendor",
                "Acme",
                "lineCount",
                "2",
                "lines[0].sku",
                "",
                "lines[0].quantity",
                "",
                "lines[1].sku",
                "NO-SUCH-SKU",
                "lines[1].quantity",
                "2"),
            Map.of());
    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.body()).contains("data-test=\"error-line-sku\"", "NO-SUCH-SKU");
    assertThat(site.api.get("/api/v1/purchase-orders/" + po).status()).isEqualTo(404);

    var created =
        supervisor.post(
            "/setup/inbound/po",
            fields(
                "number",
                po,
                "vendor",
                "Acme",
                "lineCount",
                "1",
                "lines[0].sku",
                site.sku,
                "lines[0].quantity",
                "3"),
            Map.of());
    assertThat(created.status()).as(created.toString()).isEqualTo(302);

    long receipt =
        Site.ok(site.api.post("/api/v1/receipts", map("dock", site.dock, "purchaseOrder", po)))
            .at("/id")
            .asLong();
    Site.ok(
        site.api.post(
            "/api/v1/receipts/" + receipt + "/scans",
            map("scan", "(01)" + site.gtin + "(21)" + unique("SN"))));

    assertThat(supervisor.get("/setup/inbound").body())
        .contains("data-number=\"" + po + "\"")
        .containsPattern("(?s)data-number=\"" + po + "\".*?<span>1 / 3</span>");
    assertThat(supervisor.get("/setup/inbound/po?number=" + po).body())
        .containsPattern("(?s)data-sku=\"" + site.sku + "\".*?<span>1 / 3</span>");
  }

  @Test
  void anAsnIsCreatedAgainstAPoAndItsItemsImportedAllOrNothing() {
    String po = unique("PO");
    String asn = unique("ASN");
    Site.ok(
        site.api.post(
            "/api/v1/purchase-orders",
            map(
                "number",
                po,
                "vendor",
                "Acme",
                "lines",
                java.util.List.of(map("sku", site.sku, "quantity", 2)))));
    supervisor.get("/setup/inbound");
    var created =
        supervisor.post("/setup/inbound/asn", fields("number", asn, "purchaseOrder", po), Map.of());
    assertThat(created.status()).as(created.toString()).isEqualTo(302);

    String bad = site.gtin.substring(0, 13) + ((site.gtin.charAt(13) - '0' + 1) % 10);
    String csv =
        "gtin,serial\n" + site.gtin + "," + unique("SN") + "\n" + bad + "," + unique("SN") + "\n";
    var refused =
        supervisor.post("/setup/inbound/asn/items?number=" + asn, fields("csv", csv), Map.of());
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.body()).contains("data-test=\"row-error\"", "row 3: gtin");
    assertThat(Site.ok(site.api.get("/api/v1/asns/" + asn)).at("/items").asInt()).isZero();

    String good = csv.replace(bad, site.gtin);
    var imported =
        supervisor.post("/setup/inbound/asn/items?number=" + asn, fields("csv", good), Map.of());
    assertThat(imported.status()).isEqualTo(200);
    assertThat(imported.body()).contains("data-test=\"items-imported\"", "2 items");
    assertThat(supervisor.get("/setup/inbound").body())
        .containsPattern("(?s)data-number=\"" + asn + "\".*?<span>0 / 2</span>");
  }

  @Test
  void anOperatorSeesNoSetupAndIsRefused() {
    FormSession operator = new FormSession(port);
    operator.signIn(site.person(admin, "OPERATOR"), Site.PERSON_PASSWORD);
    var home = operator.get("/?tenant=" + site.tenant);
    assertThat(home.status()).isEqualTo(200);
    assertThat(home.body()).doesNotContain("data-test=\"setup-link\"", "data-test=\"setup-tile\"");
    assertThat(supervisor.get("/").body()).contains("data-test=\"setup-link\"");

    assertThat(operator.get("/setup/products").status()).isEqualTo(403);
    assertThat(operator.get("/setup/locations").status()).isEqualTo(403);
    assertThat(operator.get("/setup/inbound").status()).isEqualTo(403);
    String sku = unique("OP");
    var refused =
        operator.post(
            "/setup/products/new", product(sku, Site.randomGtin(), "fieldCount", "0"), Map.of());
    assertThat(refused.status()).isEqualTo(403);
    assertThat(site.api.get("/api/v1/products/" + sku).status()).isEqualTo(404);
  }

  private static Map<String, String> product(String sku, String gtins, String... more) {
    Map<String, String> f =
        fields(
            "sku",
            sku,
            "name",
            "Tablet " + sku,
            "gtins",
            gtins,
            "tracking",
            "SERIAL",
            "serialScope",
            "GTIN");
    f.putAll(fields(more));
    return f;
  }
}
