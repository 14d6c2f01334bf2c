package io.unitrace.ui;

import static io.unitrace.support.Api.list;
import static io.unitrace.support.Api.map;
import static io.unitrace.ui.FormSession.encode;
import static org.assertj.core.api.Assertions.assertThat;

import io.unitrace.gs1.CheckDigit;
import io.unitrace.support.IntegrationTest;
import io.unitrace.support.Site;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The lookup page over plain HTTP, as a browser without JavaScript and as htmx see it: every form a
 * scanner sends finds the unit, and whatever is not a unit says what it is instead.
 */
class UnitLookupPageIT extends IntegrationTest {

  private Site site;
  private FormSession browser;

  @BeforeEach
  void signedInAtASite() {
    site = Site.create(admin);
    browser = new FormSession(port);
    browser.signIn("admin", ADMIN_PASSWORD);
    assertThat(browser.get("/units/lookup?tenant=" + site.tenant).status()).isEqualTo(200);
  }

  @Test
  void scanWithoutJavaScriptDrawsTheWholePageWithTheUnitCard() {
    String serial = unique("SN");
    site.register(site.dock, serial);
    Site.ok(
        site.api.post(
            site.unitPath(serial) + "/move", map("location", site.bin1, "device", "scanner-7")));

    var page = lookup("(01)" + site.gtin + "(21)" + serial);

    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body())
        .contains(
            "<html",
            "id=\"q\"",
            "data-test=\"unit-card\"",
            serial,
            site.sku,
            "Phone " + site.sku,
            ">STORED<",
            site.bin1,
            "scanner-7",
            "user:admin");
    int moved = page.body().indexOf("class=\"event-type\">Moved<");
    int registered = page.body().indexOf("class=\"event-type\">Registered<");
    assertThat(moved).as("the move is on the timeline").isPositive();
    assertThat(moved).as("newest event first").isLessThan(registered);
  }

  @Test
  void htmxAsksForTheResultOnlyAndAHistoryRestoreForTheWholePage() {
    String serial = unique("SN");
    site.register(site.bin1, serial);
    String path = "/units/lookup?q=" + encode(serial);

    var fragment = browser.get(path, Map.of("HX-Request", "true"));
    assertThat(fragment.status()).isEqualTo(200);
    assertThat(fragment.body())
        .contains("data-test=\"unit-card\"", serial)
        .doesNotContain("<html", "id=\"q\"");
    assertThat(fragment.header("Vary")).contains("HX-Request");

    var restored =
        browser.get(path, Map.of("HX-Request", "true", "HX-History-Restore-Request", "true"));
    assertThat(restored.body()).contains("<html", "id=\"q\"", "data-test=\"unit-card\"");
  }

  @Test
  void everyFormAScannerSendsFindsTheSameUnit() {
    String serial = unique("SN");
    site.register(site.bin1, serial);
    String gs = "\u001d";

    for (String scan :
        new String[] {
          "(01)" + site.gtin + "(21)" + serial,
          "01" + site.gtin + "21" + serial,
          "]d2" + "21" + serial + gs + "01" + site.gtin,
          "]C1" + "01" + site.gtin + "21" + serial + "\r\n",
          "https://id.gs1.org/01/" + site.gtin + "/21/" + serial,
          "]Q1https://example.com/01/" + site.gtin + "/21/" + serial + "?17=301231",
        }) {
      var page = lookup(scan);
      assertThat(page.body())
          .as(scan)
          .contains("data-test=\"unit-card\"", "data-test=\"serial\">" + serial + "<");
    }
  }

  @Test
  void typedSerialOrCustomIdentifierFindsTheUnit() {
    String serial = unique("SN");
    String imei =
        "35" + String.format("%013d", ThreadLocalRandom.current().nextLong(10_000_000_000_000L));
    Site.ok(
        site.api.post(
            "/api/v1/units",
            map(
                "location",
                site.bin2,
                "units",
                list(map("gtin", site.gtin, "serial", serial, "fields", map("IMEI", imei))))));

    assertThat(lookup(serial).body()).contains("data-test=\"unit-card\"", serial, site.bin2);
    assertThat(lookup("  " + serial + " ").body())
        .as("spaces around typed text")
        .contains("data-test=\"unit-card\"");
    var byImei = lookup(imei);
    assertThat(byImei.body())
        .contains(
            "data-test=\"unit-card\"",
            "data-test=\"serial\">" + serial + "<",
            "data-field=\"IMEI\"",
            imei);
  }

  @Test
  void severalUnitsWithTheSameSerialAreListedToChooseOne() {
    String serial = unique("SN");
    String otherGtin = Site.randomGtin();
    Site.ok(
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
    site.register(site.bin1, serial);
    Site.ok(
        site.api.post(
            "/api/v1/units",
            map("location", site.bin2, "units", list(map("gtin", otherGtin, "serial", serial)))));

    var choices = lookup(serial);
    assertThat(choices.body())
        .contains("data-test=\"choices\"", "Charger", "Phone " + site.sku)
        .doesNotContain("data-test=\"unit-card\"");
    String link = "/units/lookup?gtin=" + otherGtin + "&amp;serial=" + serial;
    assertThat(choices.body()).contains(link);

    var chosen = browser.get(link.replace("&amp;", "&"));
    assertThat(chosen.body())
        .contains("data-test=\"unit-card\"", "data-test=\"gtin\">" + otherGtin + "<", site.bin2);
  }

  @Test
  void unknownSerialSaysNoUnitOfTheClientHasIt() {
    String serial = unique("NOPE");

    var page = lookup(serial);

    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body())
        .contains("data-test=\"not-found\"", "No unit of client " + site.tenant, serial)
        .doesNotContain("data-test=\"unit-card\"");
  }

  @Test
  void unknownUnitScannedAsGs1IsNamedByGtinAndSerial() {
    var page = lookup("(01)" + site.gtin + "(21)NEVER-SEEN");

    assertThat(page.body())
        .contains("data-test=\"not-found\"", "has no unit (01)" + site.gtin + "(21)NEVER-SEEN");
  }

  @Test
  void malformedGs1NamesTheRuleTheAiAndThePosition() {
    String wrongCheckDigit = site.gtin.substring(0, 13) + ((site.gtin.charAt(13) - '0' + 1) % 10);

    var page = lookup("(01)" + wrongCheckDigit + "(21)SN1");

    assertThat(page.body())
        .contains(
            "data-test=\"unreadable\"",
            "data-test=\"gs1-code\">check-digit<",
            "data-test=\"gs1-ai\">(01)<",
            "data-test=\"gs1-position\">")
        .doesNotContain("data-test=\"unit-card\"");

    var unknownAi = lookup("(99999)X");
    assertThat(unknownAi.body()).contains("data-test=\"unreadable\"", "data-test=\"gs1-code\">");
  }

  @Test
  void digitsThatAreNeitherASerialNorGs1SayBoth() {
    var page = lookup("12ABC");

    assertThat(page.body())
        .contains("data-test=\"not-found\"", "12ABC", "Read as GS1 data it is not valid either");
  }

  @Test
  void productBarcodeWithoutSerialIsNotTakenForAUnit() {
    var page = lookup(site.gtin);

    assertThat(page.body())
        .contains(
            "data-test=\"not-found\"", "GTIN " + site.gtin + " names a product, not one unit");
  }

  @Test
  void containerScanListsTheUnitsInside() {
    String a = unique("SN");
    String b = unique("SN");
    site.register(site.bin1, a, b);
    String sscc = randomSscc();
    Site.ok(
        site.api.post(
            "/api/v1/containers", map("sscc", sscc, "kind", "CASE", "location", site.bin1)));
    Site.ok(
        site.api.post(
            "/api/v1/units/pack",
            map("units", list(site.unitKey(a), site.unitKey(b)), "into", sscc)));

    var page = lookup("(00)" + sscc);

    assertThat(page.body()).contains("data-test=\"choices\"", "Units in container " + sscc, a, b);
  }

  @Test
  void personWithSeveralClientsIsAskedToChooseOneFirst() {
    FormSession fresh = new FormSession(port);
    fresh.signIn("admin", ADMIN_PASSWORD);

    var page = fresh.get("/units/lookup?q=" + encode("anything"));

    assertThat(page.body())
        .contains("Choose a client", "/units/lookup?tenant=" + site.tenant)
        .doesNotContain("id=\"q\"");
    var picked = fresh.get("/units/lookup?tenant=" + site.tenant);
    assertThat(picked.body())
        .contains("id=\"q\"", "selected=\"selected\"")
        .doesNotContain("Choose a client");
    assertThat(fresh.get("/stock").body())
        .as("the pick is kept in the session")
        .contains("data-test=\"no-stock\"");
  }

  @Test
  void clientUserSeesOnlyTheirOwnGoodsAndCannotSwitchToAnotherClient() {
    Site other = Site.create(admin);
    String mine = unique("SN");
    String theirs = unique("SN");
    site.register(site.bin1, mine);
    other.register(other.bin1, theirs);
    String user = unique("client");
    Site.ok(
        admin.post(
            "/api/v1/users",
            map(
                "username",
                user,
                "displayName",
                "Client user",
                "password",
                "client-password-1",
                "role",
                "CLIENT",
                "tenants",
                list(site.tenant))));
    FormSession client = new FormSession(port);
    assertThat(client.signIn(user, "client-password-1").status()).isEqualTo(302);

    var own = client.get("/units/lookup?q=" + encode(mine));
    assertThat(own.body())
        .contains("data-test=\"unit-card\"", mine)
        .doesNotContain("name=\"tenant\"");

    var foreign = client.get("/units/lookup?q=" + encode(theirs));
    assertThat(foreign.body())
        .contains("data-test=\"not-found\"")
        .doesNotContain("data-test=\"unit-card\"");

    var switchAttempt = client.get("/units/lookup?tenant=" + other.tenant + "&q=" + encode(theirs));
    assertThat(switchAttempt.status()).isEqualTo(403);
    assertThat(switchAttempt.body())
        .contains("has no access to client " + other.tenant)
        .doesNotContain("data-test=\"unit-card\"");
  }

  private FormSession.Page lookup(String scan) {
    return browser.get("/units/lookup?q=" + encode(scan));
  }

  static String randomSscc() {
    String body =
        "0" + String.format("%016d", ThreadLocalRandom.current().nextLong(10_000_000_000_000_000L));
    return body + CheckDigit.compute(body);
  }
}
