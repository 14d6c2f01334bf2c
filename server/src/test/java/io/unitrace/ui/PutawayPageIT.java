package io.unitrace.ui;

import static io.unitrace.support.Api.list;
import static io.unitrace.support.Api.map;
import static io.unitrace.support.Site.ok;
import static io.unitrace.ui.FormSession.fields;
import static io.unitrace.ui.FormSession.htmx;
import static io.unitrace.ui.FormSession.key;
import static org.assertj.core.api.Assertions.assertThat;

import io.unitrace.gs1.CheckDigit;
import io.unitrace.support.IntegrationTest;
import io.unitrace.support.Site;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The putaway screen over plain HTTP, as htmx and a browser without JavaScript see it: the goods
 * scanned are shown with the suggested places, the location scanned confirms the move through
 * Putaway, refusals are loud and move nothing, and a pallet goes away by its SSCC. Counted goods
 * (by lot, or untracked) go by their label or GTIN, by the Qty typed, the label's count or all on
 * the dock, from the dock picked when they lie on several.
 */
class PutawayPageIT extends IntegrationTest {

  @Autowired JdbcClient db;

  private Site site;
  private FormSession handheld;

  @BeforeEach
  void signedInAtASite() {
    site = Site.create(admin);
    handheld = new FormSession(port);
    assertThat(handheld.signIn("admin", ADMIN_PASSWORD).status()).isEqualTo(302);
    var screen = handheld.get("/putaway?tenant=" + site.tenant);
    assertThat(screen.status()).isEqualTo(200);
    assertThat(screen.body())
        .contains(
            "id=\"scan\"",
            "autofocus",
            "data-step=\"1\"",
            "Scan a unit or an SSCC",
            "name=\"key\"");
  }

  @Test
  void aScannedUnitIsShownWithItsSuggestionsTheFixedBinFirstAndHighlighted() {
    fixedBin(site.bin2);
    String serial = unique("SN");
    site.register(site.dock, serial);

    var shown = scan(unitScan(serial));

    assertThat(shown.status()).as(shown.toString()).isEqualTo(200);
    assertThat(shown.header("Vary")).contains("HX-Request");
    assertThat(shown.body())
        .doesNotContain("<html", "id=\"scan\"")
        .contains(
            "data-outcome=\"GOODS\"",
            "role=\"status\"",
            "Unit on " + site.dock,
            site.bin2 + " is suggested")
        .contains(
            "id=\"step\" hx-swap-oob=\"true\"",
            "data-step=\"2\"",
            "Scan the location",
            "name=\"gtin\" value=\"" + site.gtin + "\"",
            "name=\"serial\" value=\"" + serial + "\"")
        .contains(
            "id=\"goods\" class=\"goods\" hx-swap-oob=\"true\"",
            "data-test=\"goods-sku\">" + site.sku + "<",
            "data-test=\"goods-serial\">" + serial + "<",
            "data-test=\"goods-at\">" + site.dock + "<");
    assertThat(shown.body())
        .as("the fixed bin first and highlighted, then an empty bin")
        .containsSubsequence(
            "<li data-code=\"" + site.bin2 + "\" data-reason=\"FIXED_BIN\" class=\"first\">",
            "Fixed bin of the product",
            "<li data-code=\"" + site.bin1 + "\" data-reason=\"EMPTY_BIN\">",
            "Empty bin nearby");
    assertThat(location(serial)).as("a scan of the goods moves nothing").isEqualTo(site.dock);
  }

  @Test
  void theLocationScannedConfirmsTheMoveAndTheUnitIsStoredThere() {
    fixedBin(site.bin2);
    String serial = unique("SN");
    site.register(site.dock, serial);
    scan(unitScan(serial));

    Map<String, String> confirm =
        fields("scan", site.bin2, "gtin", site.gtin, "serial", serial, "key", key());
    var done = handheld.post("/putaway/scans", confirm, htmx());

    assertThat(done.status()).as(done.toString()).isEqualTo(200);
    assertThat(done.body())
        .contains(
            "data-outcome=\"PUT_AWAY\"",
            "role=\"status\"",
            "Put away to " + site.bin2,
            "As suggested.")
        .as("back at the first step")
        .contains("data-step=\"1\"", "Scan a unit or an SSCC")
        .doesNotContain("name=\"gtin\"", "data-test=\"goods-card\"");
    JsonNode unit = ok(site.api.get(site.unitPath(serial))).json();
    assertThat(unit.at("/state").asString()).isEqualTo("STORED");
    assertThat(unit.at("/location").asString()).isEqualTo(site.bin2);
    assertThat(
            db.sql(
                    "SELECT l.code FROM unit u JOIN location l ON l.id = u.location_id WHERE u.gtin = ? AND u.serial = ? AND u.state = 'STORED'")
                .params(site.gtin, serial)
                .query(String.class)
                .single())
        .isEqualTo(site.bin2);

    var again = handheld.post("/putaway/scans", confirm, htmx());
    assertThat(again.status()).as("the same form posted twice is one move").isEqualTo(200);
    assertThat(again.body())
        .contains(
            "data-outcome=\"PUT_AWAY\"", "Put away to " + site.bin2, "The same request again");
    assertThat(history(serial)).as("received, then put away once").isEqualTo(2);
  }

  @Test
  void aLocationThatIsNotTheSuggestionIsTakenAndSaidSo() {
    fixedBin(site.bin2);
    String serial = unique("SN");
    site.register(site.dock, serial);

    var done =
        handheld.post(
            "/putaway/scans",
            fields("scan", site.bin1, "gtin", site.gtin, "serial", serial, "key", key()),
            htmx());

    assertThat(done.body())
        .contains(
            "Put away to " + site.bin1, "Not the suggestion: " + site.bin2 + " was suggested.");
    assertThat(location(serial)).isEqualTo(site.bin1);
  }

  @Test
  void aWrongLocationTypeIsRefusedLoudlyNothingMovesAndTheGoodsStayOnScreen() {
    String serial = unique("SN");
    site.register(site.dock, serial);

    for (String wrong : new String[] {site.quarantine, site.dock}) {
      var refused =
          handheld.post(
              "/putaway/scans",
              fields("scan", wrong, "gtin", site.gtin, "serial", serial, "key", key()),
              htmx());
      assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
      assertThat(refused.header("X-Unitrace-Fragment")).isEqualTo("scan-answer");
      assertThat(refused.body())
          .contains(
              "outcome-REFUSED loud",
              "role=\"alert\"",
              "Wrong location type",
              wrong + " is a ",
              "putaway goes to a STORAGE location")
          .as("still at the second step for another location")
          .contains("data-step=\"2\"", "name=\"serial\" value=\"" + serial + "\"");
    }
    var unknown =
        handheld.post(
            "/putaway/scans",
            fields("scan", "NO-SUCH-BIN", "gtin", site.gtin, "serial", serial, "key", key()),
            htmx());
    assertThat(unknown.status()).isEqualTo(422);
    assertThat(unknown.body())
        .contains("outcome-REFUSED loud", "Unknown location", "no location with code NO-SUCH-BIN");

    JsonNode unit = ok(site.api.get(site.unitPath(serial))).json();
    assertThat(unit.at("/state").asString()).isEqualTo("RECEIVED");
    assertThat(unit.at("/location").asString()).isEqualTo(site.dock);
    assertThat(history(serial)).as("nothing recorded but the receipt").isEqualTo(1);
  }

  @Test
  void goodsThatCannotBePutAwayAreRefusedLoudlyAtTheFirstScan() {
    String stored = unique("SN");
    site.register(site.bin1, stored);

    var notOnDock = scan(unitScan(stored));
    assertThat(notOnDock.status()).isEqualTo(409);
    assertThat(notOnDock.body())
        .contains(
            "outcome-REFUSED loud",
            "role=\"alert\"",
            "Not on a dock",
            "is STORED at " + site.bin1,
            "data-step=\"1\"");

    String nobody = unique("SN");
    var unknown = scan(unitScan(nobody));
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.body())
        .contains("outcome-REFUSED loud", "Unknown unit", "has no unit", nobody);

    var plain = scan(unique("SN"));
    assertThat(plain.status()).isEqualTo(400);
    assertThat(plain.body())
        .contains(
            "outcome-REFUSED loud",
            "Scan refused",
            "data-test=\"answer-hint\">Scan the unit&#39;s GS1 code");
  }

  @Test
  void aPalletGoesAwayByItsSsccAndAUnitPackedOnItIsSentToTheSscc() {
    String first = unique("SN");
    String second = unique("SN");
    site.register(site.dock, first, second);
    String pallet = randomSscc();
    ok(
        site.api.post(
            "/api/v1/containers", map("sscc", pallet, "kind", "PALLET", "location", site.dock)));
    ok(
        site.api.post(
            "/api/v1/units/pack",
            map("units", list(site.unitKey(first), site.unitKey(second)), "into", pallet)));

    var packed = scan(unitScan(first));
    assertThat(packed.status()).isEqualTo(409);
    assertThat(packed.body())
        .contains(
            "outcome-REFUSED loud",
            "Packed in a container",
            "data-test=\"answer-hint\">Scan the SSCC " + pallet,
            "data-step=\"1\"");

    var shown = scan("(00)" + pallet);
    assertThat(shown.status()).as(shown.toString()).isEqualTo(200);
    assertThat(shown.body())
        .contains(
            "data-outcome=\"GOODS\"",
            "Container on " + site.dock,
            "data-test=\"goods-sscc\">" + pallet + "<",
            "data-test=\"goods-units\">2<",
            "name=\"sscc\" value=\"" + pallet + "\"",
            "data-reason=\"EMPTY_BIN\"");

    var done =
        handheld.post(
            "/putaway/scans", fields("scan", site.bin1, "sscc", pallet, "key", key()), htmx());
    assertThat(done.status()).as(done.toString()).isEqualTo(200);
    assertThat(done.body())
        .contains(
            "data-outcome=\"PUT_AWAY\"",
            "Put away to " + site.bin1,
            "Container " + pallet + " with 2 units");
    assertThat(location(first)).isEqualTo(site.bin1);
    assertThat(location(second)).isEqualTo(site.bin1);
    assertThat(
            db.sql(
                    "SELECT l.code FROM container c JOIN location l ON l.id = c.location_id WHERE c.sscc = ?")
                .param(pallet)
                .query(String.class)
                .single())
        .isEqualTo(site.bin1);
  }

  @Test
  void cancelGoesBackToTheFirstStepAndWithoutJavaScriptEveryAnswerIsAPage() {
    String serial = unique("SN");
    site.register(site.dock, serial);

    var page =
        handheld.post("/putaway/scans", fields("scan", unitScan(serial), "key", key()), Map.of());
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body())
        .contains(
            "<html",
            "id=\"scan\"",
            "data-outcome=\"GOODS\"",
            "data-step=\"2\"",
            "data-test=\"cancel\"")
        .doesNotContain("hx-swap-oob");

    var cancelled = handheld.get("/putaway", htmx());
    assertThat(cancelled.body())
        .doesNotContain("<html")
        .contains(
            "data-outcome=\"CANCELLED\"",
            "data-step=\"1\"",
            "id=\"goods\" class=\"goods\" hx-swap-oob=\"true\"")
        .doesNotContain("data-test=\"goods-card\"");
    assertThat(handheld.get("/putaway").body())
        .as("a plain link back is the first step")
        .contains("<html", "data-step=\"1\"");
    assertThat(handheld.get("/putaway/scans").location())
        .as("a reload of the POST lands on the screen")
        .endsWith("/putaway");

    var stored =
        handheld.post(
            "/putaway/scans",
            fields("scan", site.bin1, "gtin", site.gtin, "serial", serial, "key", key()),
            Map.of());
    assertThat(stored.body()).contains("<html", "data-outcome=\"PUT_AWAY\"", "data-step=\"1\"");
    assertThat(location(serial)).isEqualTo(site.bin1);
  }

  @Test
  void countedGoodsAreShownWithTheirLotWhatIsOnTheDockAndWhatMovesAndTheBinScannedMovesThatMany() {
    Counted saline = product("SAL", "LOT");
    found(saline, "L1", site.bin2, 40);
    found(saline, "L1", site.dock, 100);

    var shown = scan("(01)" + saline.gtin() + "(10)L1(30)25", "");

    assertThat(shown.status()).as(shown.toString()).isEqualTo(200);
    assertThat(shown.body())
        .contains(
            "data-outcome=\"GOODS\"",
            "role=\"status\"",
            "25 × " + saline.sku() + " lot L1 on " + site.dock,
            "Moving 25 of the 100 on "
                + site.dock
                + ". Scan the location you put them in: "
                + site.bin2
                + " is suggested.")
        .contains(
            "data-step=\"2\"",
            "name=\"gtin\" value=\"" + saline.gtin() + "\"",
            "name=\"lot\" value=\"L1\"",
            "name=\"moving\" value=\"25\"",
            "name=\"from\" value=\"" + site.dock + "\"")
        .contains(
            "Counted goods",
            "data-test=\"goods-sku\">" + saline.sku() + "<",
            "data-test=\"goods-lot\">L1<",
            "data-test=\"goods-on-dock\">100<",
            "data-test=\"goods-moving\">25<",
            "data-test=\"goods-at\">" + site.dock + "<")
        .containsSubsequence(
            "<li data-code=\"" + site.bin2 + "\" data-reason=\"SAME_SKU_AND_LOT\" class=\"first\">",
            "Same SKU and lot stored here")
        .doesNotContain("name=\"serial\"", "data-test=\"from-pick\"");
    assertThat(stock(saline, site.dock)).as("a scan of the goods moves nothing").isEqualTo(100);

    Map<String, String> confirm =
        fields(
            "scan",
            site.bin2,
            "gtin",
            saline.gtin(),
            "lot",
            "L1",
            "moving",
            "25",
            "from",
            site.dock,
            "key",
            key());
    var done = handheld.post("/putaway/scans", confirm, htmx());
    assertThat(done.status()).as(done.toString()).isEqualTo(200);
    assertThat(done.body())
        .contains(
            "data-outcome=\"PUT_AWAY\"",
            "Put away to " + site.bin2,
            "25 × " + saline.sku() + " lot L1 now at " + site.bin2 + ": 65 there in all.",
            "As suggested.")
        .as("back at the first step")
        .contains("data-step=\"1\"")
        .doesNotContain("name=\"moving\"", "data-test=\"goods-card\"");
    assertThat(stock(saline, site.dock)).isEqualTo(75);
    assertThat(stock(saline, site.bin2)).isEqualTo(65);

    var again = handheld.post("/putaway/scans", confirm, htmx());
    assertThat(again.body())
        .as("the same form posted twice is one move")
        .contains(
            "data-outcome=\"PUT_AWAY\"",
            "25 × " + saline.sku() + " lot L1 now at " + site.bin2 + ": 65 there in all.",
            "The same request again");
    assertThat(stock(saline, site.dock)).isEqualTo(75);
    assertThat(stock(saline, site.bin2)).isEqualTo(65);
  }

  @Test
  void theQtyTypedWinsOverTheLabelsCountAndWithNeitherAllOnTheDockMoves() {
    Counted saline = product("SAL", "LOT");
    found(saline, "L1", site.dock, 100);
    Counted gloves = product("GLV", "NONE");
    found(gloves, null, site.dock, 30);

    var part = scan("(01)" + saline.gtin() + "(10)L1(30)25", "10");
    assertThat(part.body())
        .contains(
            "10 × " + saline.sku() + " lot L1 on " + site.dock,
            "data-test=\"goods-moving\">10<",
            "name=\"moving\" value=\"10\"");

    var all = scan(gloves.gtin(), "");
    assertThat(all.status()).as(all.toString()).isEqualTo(200);
    assertThat(all.body())
        .contains(
            "30 × " + gloves.sku() + " on " + site.dock,
            "data-test=\"goods-on-dock\">30<",
            "data-test=\"goods-moving\">30<",
            "name=\"moving\" value=\"30\"")
        .doesNotContain("name=\"lot\"", "data-test=\"goods-lot\"");
    var typed = scan(gloves.gtin(), "12");
    assertThat(typed.body())
        .contains("data-test=\"goods-moving\">12<", "data-test=\"goods-on-dock\">30<");

    var done =
        handheld.post(
            "/putaway/scans",
            fields(
                "scan",
                site.bin1,
                "gtin",
                gloves.gtin(),
                "moving",
                "12",
                "from",
                site.dock,
                "key",
                key()),
            htmx());
    assertThat(done.body())
        .contains(
            "Put away to " + site.bin1,
            "12 × " + gloves.sku() + " now at " + site.bin1 + ": 12 there in all.");
    assertThat(stock(gloves, site.dock)).isEqualTo(18);
    assertThat(stock(gloves, site.bin1)).isEqualTo(12);
  }

  @Test
  void countedGoodsThatCannotGoAsScannedAreRefusedLoudlyAndSaySpecificallyWhy() {
    Counted saline = product("SAL", "LOT");
    found(saline, "L1", site.dock, 10);
    Counted gloves = product("GLV", "NONE");

    var tooMany = scan("(01)" + saline.gtin() + "(10)L1", "11");
    assertThat(tooMany.status()).as(tooMany.toString()).isEqualTo(409);
    assertThat(tooMany.header("X-Unitrace-Fragment")).isEqualTo("scan-answer");
    assertThat(tooMany.body())
        .contains(
            "outcome-REFUSED loud",
            "role=\"alert\"",
            "Not enough on the dock",
            "only 10 of " + saline.sku() + " lot L1 on " + site.dock + ", 11 asked for",
            "data-test=\"answer-hint\">Type a Qty of 10 or less and scan the label again.<",
            "data-step=\"1\"");

    var noLot = scan(saline.gtin(), "");
    assertThat(noLot.status()).isEqualTo(400);
    assertThat(noLot.body())
        .contains(
            "outcome-REFUSED loud",
            "Lot required",
            saline.sku() + " is tracked by lot",
            "data-test=\"answer-hint\">Scan the label that carries the lot (10)");

    var none = scan(gloves.gtin(), "");
    assertThat(none.status()).isEqualTo(409);
    assertThat(none.body())
        .contains(
            "outcome-REFUSED loud", "Not on a dock", "no " + gloves.sku() + " is on any dock");

    var badQty = scan("(01)" + saline.gtin() + "(10)L1", "ten");
    assertThat(badQty.status()).isEqualTo(400);
    assertThat(badQty.body())
        .contains(
            "outcome-REFUSED loud",
            "Qty refused",
            "Qty is a whole number of at least 1, not “ten”");

    String serial = unique("SN");
    site.register(site.dock, serial);
    var unitWithQty = scan(unitScan(serial), "3");
    assertThat(unitWithQty.status()).isEqualTo(400);
    assertThat(unitWithQty.body())
        .contains("outcome-REFUSED loud", "Qty refused", "a unit or a container moves whole");

    var serialized = scan(site.gtin, "");
    assertThat(serialized.status()).isEqualTo(400);
    assertThat(serialized.body())
        .contains("outcome-REFUSED loud", "Serial required", site.sku + " is tracked by serial");
    assertThat(stock(saline, site.dock)).isEqualTo(10);
    assertThat(location(serial)).isEqualTo(site.dock);
  }

  @Test
  void goodsOnSeveralDocksAskWhichDockAndTheDockPickedGoesWithTheNextScan() {
    Counted saline = product("SAL", "LOT");
    String dock2 = site.warehouse + "-DOCK2";
    ok(
        admin.post(
            "/api/v1/locations",
            map("warehouse", site.warehouse, "code", dock2, "type", "DOCK", "level", "AREA")));
    found(saline, "L1", site.dock, 10);
    found(saline, "L1", dock2, 5);
    String label = "(01)" + saline.gtin() + "(10)L1";

    var several = scan(label, "");
    assertThat(several.status()).as(several.toString()).isEqualTo(409);
    assertThat(several.body())
        .contains(
            "outcome-REFUSED loud",
            "role=\"alert\"",
            "On several docks",
            saline.sku()
                + " lot L1 is on "
                + site.dock
                + ", "
                + dock2
                + ": name the dock it is taken from",
            "data-test=\"answer-hint\">Pick the dock they are taken from, then scan the label again.<",
            "data-step=\"1\"")
        .contains(
            "id=\"from-pick\" hx-swap-oob=\"true\"",
            "data-test=\"from-pick\"",
            "Taken from which dock?")
        .containsSubsequence(
            "name=\"from\" value=\"" + site.dock + "\"", "name=\"from\" value=\"" + dock2 + "\"");

    var picked =
        handheld.post(
            "/putaway/scans",
            fields("scan", label, "quantity", "", "from", dock2, "key", key()),
            htmx());
    assertThat(picked.status()).as(picked.toString()).isEqualTo(200);
    assertThat(picked.body())
        .contains(
            "data-outcome=\"GOODS\"",
            "5 × " + saline.sku() + " lot L1 on " + dock2,
            "data-test=\"goods-on-dock\">5<",
            "data-test=\"goods-moving\">5<",
            "name=\"from\" value=\"" + dock2 + "\"")
        .as("the docks to pick from are gone")
        .contains("id=\"from-pick\" hx-swap-oob=\"true\"")
        .doesNotContain("data-test=\"from-pick\"");

    // Meanwhile a clerk takes 3 of them from the second dock: what the screen said no longer fits,
    // and it starts again.
    ok(
        site.api.post(
            "/api/v1/putaway",
            map(
                "gtin",
                saline.gtin(),
                "lot",
                "L1",
                "quantity",
                3,
                "from",
                dock2,
                "location",
                site.bin1)));
    var late =
        handheld.post(
            "/putaway/scans",
            fields(
                "scan",
                site.bin2,
                "gtin",
                saline.gtin(),
                "lot",
                "L1",
                "moving",
                "5",
                "from",
                dock2,
                "key",
                key()),
            htmx());
    assertThat(late.status()).as(late.toString()).isEqualTo(409);
    assertThat(late.body())
        .contains(
            "outcome-REFUSED loud",
            "Not enough on the dock",
            "only 2 of " + saline.sku() + " lot L1 on " + dock2,
            "data-test=\"answer-hint\">Type a Qty of 2 or less",
            "data-step=\"1\"")
        .doesNotContain("name=\"moving\"");
    assertThat(stock(saline, dock2)).isEqualTo(2);
    assertThat(stock(saline, site.dock)).isEqualTo(10);
    assertThat(stock(saline, site.bin2)).isZero();
  }

  // ---------------------------------------------------------------------------------------------

  private FormSession.Page scan(String text) {
    return handheld.post("/putaway/scans", fields("scan", text, "key", key()), htmx());
  }

  /** A scan with the Qty field as typed ("" when left empty), as the page's script sends it. */
  private FormSession.Page scan(String text, String quantity) {
    return handheld.post(
        "/putaway/scans", fields("scan", text, "quantity", quantity, "key", key()), htmx());
  }

  private record Counted(String sku, String gtin) {}

  /**
   * A product of the site's client counted by {@code tracking} (LOT or NONE), with a GTIN of its
   * own.
   */
  private Counted product(String prefix, String tracking) {
    Counted c = new Counted(unique(prefix), Site.randomGtin());
    ok(
        site.api.post(
            "/api/v1/products",
            map("sku", c.sku(), "name", c.sku(), "gtins", list(c.gtin()), "tracking", tracking)));
    return c;
  }

  /** Stock of the product (and lot) found at the location, by a stock adjustment. */
  private void found(Counted c, String lot, String location, int quantity) {
    ok(
        site.api.post(
            "/api/v1/stock/adjustments",
            map(
                "gtin",
                c.gtin(),
                "lot",
                lot,
                "location",
                location,
                "kind",
                "FOUND",
                "quantity",
                quantity,
                "reason",
                "test stock")));
  }

  /** How many of the product lie at the location, by the stock book. */
  private long stock(Counted c, String location) {
    long total = 0;
    for (JsonNode line :
        ok(site.api.get("/api/v1/stock?sku=" + c.sku() + "&location=" + location))
            .json()
            .path("items")) {
      total += line.path("quantity").asLong();
    }
    return total;
  }

  private void fixedBin(String bin) {
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
                bin)));
  }

  private String unitScan(String serial) {
    return "(01)" + site.gtin + "(21)" + serial;
  }

  private String location(String serial) {
    return ok(site.api.get(site.unitPath(serial))).at("/location").asString();
  }

  private int history(String serial) {
    return ok(site.api.get(site.unitPath(serial) + "/history")).at("/items").size();
  }

  private static String randomSscc() {
    String body =
        "0" + String.format("%016d", ThreadLocalRandom.current().nextLong(10_000_000_000_000_000L));
    return body + CheckDigit.compute(body);
  }
}
