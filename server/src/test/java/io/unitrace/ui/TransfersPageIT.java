package io.unitrace.ui;

import static io.unitrace.support.Site.ok;
import static io.unitrace.ui.FormSession.fields;
import static org.assertj.core.api.Assertions.assertThat;

import io.unitrace.support.Api;
import io.unitrace.support.CountedGoods;
import io.unitrace.support.IntegrationTest;
import io.unitrace.support.OtherBuilding;
import io.unitrace.support.Site;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The transfer screens over plain HTTP: a load built by scans and a counted line, shipped in one
 * tap (twice: once); received at the other building by scans, by a quantity and all the rest, each
 * answered at once; every refusal shown where it belongs, writing nothing; a client's person reads
 * and is refused the rest.
 */
class TransfersPageIT extends IntegrationTest {

  private static final Pattern HIDDEN =
      Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"");
  private static final Pattern NUMBER = Pattern.compile("/transfers/(TRF-[0-9]+)\\?shipped=(\\w+)");

  private CountedGoods goods;
  private Site site;
  private OtherBuilding other;
  private FormSession handheld;

  @BeforeEach
  void twoBuildingsAndAClerkSignedIn() {
    goods = CountedGoods.create(admin);
    site = goods.site();
    other = OtherBuilding.create(admin);
    handheld = new FormSession(port);
    assertThat(handheld.signIn("admin", ADMIN_PASSWORD).status()).isEqualTo(302);
    assertThat(handheld.get("/transfers?tenant=" + site.tenant).status()).isEqualTo(200);
  }

  /**
   * The page's own hidden fields (the load, the key) and what the clerk typed, as a browser posts.
   */
  private FormSession.Page post(FormSession.Page page, String path, Map<String, String> typed) {
    Map<String, String> form = new LinkedHashMap<>();
    Matcher m = HIDDEN.matcher(page.body());
    while (m.find()) {
      if (!m.group(1).equals("_csrf")) {
        form.put(m.group(1), m.group(2).replace("&amp;", "&").replace("&#39;", "'"));
      }
    }
    form.putAll(typed);
    return handheld.post(path, form, Map.of());
  }

  private FormSession.Page scan(FormSession.Page page, String scan) {
    return post(page, "/transfers/new", fields("action", "scan", "scan", scan));
  }

  private String unitScan(String serial) {
    return "(01)" + site.gtin + "(21)" + serial;
  }

  private JsonNode transfer(String number) {
    return ok(site.api.get("/api/v1/transfers/" + number)).json();
  }

  @Test
  void unitsAndACountedLotShipByScansAndArrivePartByScanPartByQuantity() {
    site.register(site.bin1, "U1", "U2", "U3");
    ok(goods.found(goods.saline(), "L1", site.bin1, 40));

    var start = handheld.get("/transfers/new");
    assertThat(start.body()).contains("data-test=\"route-form\"", other.warehouse());
    var page = handheld.get("/transfers/new?from=" + site.warehouse + "&to=" + other.warehouse());
    assertThat(page.body()).contains("data-test=\"load-form\"", "data-test=\"empty-load\"");

    page = scan(page, unitScan("U1"));
    assertThat(page.status()).as(page.toString()).isEqualTo(200);
    assertThat(page.body()).contains("On the load: unit U1", "data-outcome=\"GOODS\"");
    page = scan(page, "U2");
    assertThat(page.body()).as("a serial typed plain").contains("On the load: unit U2");
    var twice = scan(page, unitScan("U2"));
    assertThat(twice.status()).isEqualTo(409);
    assertThat(twice.body())
        .contains("On the load already", "role=\"alert\"")
        .contains("name=\"unit1\"")
        .doesNotContain("name=\"unit2\"");
    page =
        post(
            twice,
            "/transfers/new",
            fields(
                "action",
                "line",
                "product",
                goods.salineSku(),
                "lot",
                "L1",
                "quantity",
                "25",
                "location",
                site.bin1));
    assertThat(page.status()).as(page.toString()).isEqualTo(200);
    assertThat(page.body())
        .contains(
            "On the load: 25 × " + goods.saline() + " lot L1", "3 lines to " + other.warehouse());

    var shipped = post(page, "/transfers/new", fields("action", "ship"));
    assertThat(shipped.status()).as(shipped.toString()).isEqualTo(302);
    Matcher n = NUMBER.matcher(shipped.location());
    assertThat(n.find()).as(shipped.location()).isTrue();
    String number = n.group(1);
    assertThat(n.group(2)).isEqualTo("new");
    var again = post(page, "/transfers/new", fields("action", "ship"));
    assertThat(again.location())
        .as("the same form twice ships once")
        .endsWith(number + "?shipped=again");
    assertThat(ok(site.api.get("/api/v1/transfers")).at("/items").size()).isEqualTo(1);

    JsonNode t = transfer(number);
    assertThat(t.path("status").asString()).isEqualTo("IN_TRANSIT");
    assertThat(t.path("from").asString()).isEqualTo(site.warehouse);
    assertThat(t.path("to").asString()).isEqualTo(other.warehouse());
    assertThat(t.path("lines").size()).isEqualTo(2);
    assertThat(t.at("/stock/0/lot").asString()).isEqualTo("L1");
    assertThat(t.at("/stock/0/quantity").asLong()).isEqualTo(25);
    assertThat(t.path("onTheWay").asInt()).isEqualTo(3);
    assertThat(goods.stock(goods.salineSku(), site.bin1)).isEqualTo(15);
    assertThat(ok(site.api.get(site.unitPath("U1"))).at("/state").asString())
        .isEqualTo("IN_TRANSIT");

    var opened = handheld.get(shipped.location().replaceFirst("^https?://[^/]+", ""));
    assertThat(opened.body())
        .contains("Shipped: " + number, "data-test=\"receive-form\"")
        .as("lines named by SKU")
        .contains(">" + goods.salineSku() + "</strong>");
    assertThat(opened.body())
        .as("its one dock, picked")
        .contains("value=\"" + other.dock() + "\" selected");
    String receive = "/transfers/" + number + "/receive";

    var received =
        post(
            opened,
            receive,
            fields("action", "scan", "scan", unitScan("U1"), "dock", other.dock()));
    assertThat(received.status()).as(received.toString()).isEqualTo(200);
    assertThat(received.body())
        .contains("Received: unit U1", "data-outcome=\"RECEIVED\"", "2 lines still on its way");
    var repeated =
        post(
            received,
            receive,
            fields("action", "scan", "scan", unitScan("U1"), "dock", other.dock()));
    assertThat(repeated.status()).isEqualTo(409);
    assertThat(repeated.body()).contains("Arrived already", "data-outcome=\"REPEAT\"");

    var bytQuantity =
        post(repeated, receive, fields("action", "line:0", "qty-0", "20", "dock", other.dock()));
    assertThat(bytQuantity.status()).as(bytQuantity.toString()).isEqualTo(200);
    assertThat(bytQuantity.body())
        .contains(
            "Received 20 × " + goods.salineSku() + " lot L1",
            "20 of 25 arrived, 5 still on its way");
    t = transfer(number);
    assertThat(t.at("/stock/0/arrived").asLong()).isEqualTo(20);
    assertThat(t.path("onTheWay").asInt()).isEqualTo(2);
    assertThat(goods.stock(goods.salineSku(), other.dock())).isEqualTo(20);
    JsonNode u1 = ok(site.api.get(site.unitPath("U1"))).json();
    assertThat(u1.path("state").asString()).isEqualTo("RECEIVED");
    assertThat(u1.path("location").asString()).isEqualTo(other.dock());

    var rest = post(bytQuantity, receive, fields("action", "all", "dock", other.dock()));
    assertThat(rest.status()).as(rest.toString()).isEqualTo(200);
    assertThat(rest.body())
        .contains("Received everything still on its way", "everything arrived")
        .doesNotContain("data-test=\"receive-form\"");
    t = transfer(number);
    assertThat(t.path("status").asString()).isEqualTo("RECEIVED");
    assertThat(t.at("/stock/0/arrived").asLong()).isEqualTo(25);
    assertThat(ok(site.api.get(site.unitPath("U2"))).at("/location").asString())
        .isEqualTo(other.dock());
    assertThat(handheld.get("/transfers").body())
        .contains(number, site.warehouse + " → " + other.warehouse());
  }

  @Test
  void aPalletScannedByItsSsccTravelsWholeAndArrivesByTheSameScan() {
    String pallet = Site.randomSscc();
    ok(
        site.api.post(
            "/api/v1/containers",
            Api.map("sscc", pallet, "kind", "PALLET", "location", site.bin1)));
    site.register(site.bin1, "P1");
    ok(
        site.api.post(
            "/api/v1/units/pack", Api.map("units", Api.list(site.unitKey("P1")), "into", pallet)));

    var page = handheld.get("/transfers/new?from=" + site.warehouse + "&to=" + other.warehouse());
    page = scan(page, "(00)" + pallet);
    assertThat(page.body()).contains("On the load: container " + pallet, "name=\"container0\"");
    assertThat(scan(page, "(00)" + pallet).body()).contains("On the load already");
    var shipped = post(page, "/transfers/new", fields("action", "ship"));
    assertThat(shipped.status()).as(shipped.toString()).isEqualTo(302);
    Matcher n = NUMBER.matcher(shipped.location());
    assertThat(n.find()).isTrue();
    String number = n.group(1);
    assertThat(transfer(number).at("/containers/0/sscc").asString()).isEqualTo(pallet);
    assertThat(ok(site.api.get(site.unitPath("P1"))).at("/state").asString())
        .isEqualTo("IN_TRANSIT");

    var opened = handheld.get("/transfers/" + number);
    var received =
        post(
            opened,
            "/transfers/" + number + "/receive",
            fields("action", "scan", "scan", "(00)" + pallet, "dock", other.dock()));
    assertThat(received.status()).as(received.toString()).isEqualTo(200);
    assertThat(received.body()).contains("Received: container " + pallet, "everything arrived");
    assertThat(transfer(number).path("status").asString()).isEqualTo("RECEIVED");
    assertThat(ok(site.api.get(site.unitPath("P1"))).at("/location").asString())
        .isEqualTo(other.dock());
  }

  @Test
  void refusalsAreShownWhereTheyBelongAndWriteNothing() {
    site.register(site.bin1, "R1", "R3");
    site.register(other.bin(), "R2");
    ok(goods.found(goods.saline(), "L1", site.bin1, 10));

    var same = handheld.get("/transfers/new?from=" + site.warehouse + "&to=" + site.warehouse);
    assertThat(same.status()).isEqualTo(422);
    assertThat(same.body())
        .contains("data-test=\"to-error\"", "a transfer goes to another warehouse");

    // A unit in the other building cannot leave this one: refused at its line of the load.
    var page = handheld.get("/transfers/new?from=" + site.warehouse + "&to=" + other.warehouse());
    page = scan(scan(page, unitScan("R1")), unitScan("R2"));
    var refused = post(page, "/transfers/new", fields("action", "ship"));
    assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
    assertThat(refused.body())
        .contains("outcome-REFUSED loud", "data-test=\"line-error\"", "name=\"unit1\"");
    assertThat(refused.body().indexOf("data-test=\"line-error\""))
        .as("next to the unit it names, after R1's line")
        .isGreaterThan(refused.body().indexOf("data-serial=\"R2\""));
    assertThat(ok(site.api.get("/api/v1/transfers")).at("/items").size()).isZero();
    assertThat(ok(site.api.get(site.unitPath("R1"))).at("/state").asString()).isEqualTo("STORED");

    var removed = post(refused, "/transfers/new", fields("remove", "unit:1"));
    assertThat(removed.body())
        .contains("Taken off the load", "name=\"unit0\" value=\"" + site.gtin + "/R1\"")
        .doesNotContain("name=\"unit1\"");

    var unreadable = scan(page, "(01)123");
    assertThat(unreadable.status()).isEqualTo(400);
    assertThat(unreadable.body()).contains("This barcode could not be read", "Technical detail");

    // Shipped through the API; received through the screen.
    String number =
        other.sent(
            site,
            List.of("R1"),
            List.of(OtherBuilding.leaving(goods.saline(), "L1", site.bin1, 10)));
    String receive = "/transfers/" + number + "/receive";
    var opened = handheld.get("/transfers/" + number);
    var notOnIt =
        post(
            opened,
            receive,
            fields("action", "scan", "scan", unitScan("R3"), "dock", other.dock()));
    assertThat(notOnIt.status()).isEqualTo(422);
    assertThat(notOnIt.body())
        .contains("Not on this transfer", "Unit R3 is not on this transfer", "Set it aside");
    var tooMany =
        post(opened, receive, fields("action", "line:0", "qty-0", "11", "dock", other.dock()));
    assertThat(tooMany.status()).isEqualTo(409);
    assertThat(tooMany.body())
        .contains("More than is on its way", "data-test=\"line-error\"", "only 10 of")
        .contains("0 of 10 arrived");
    var wrongDock =
        post(opened, receive, fields("action", "scan", "scan", unitScan("R1"), "dock", site.dock));
    assertThat(wrongDock.status()).isEqualTo(409);
    assertThat(wrongDock.body()).contains("data-test=\"dock-error\"", "Another warehouse");

    JsonNode t = transfer(number);
    assertThat(t.path("onTheWay").asInt()).as("nothing arrived").isEqualTo(2);
    assertThat(t.at("/stock/0/arrived").asLong()).isZero();
    assertThat(t.at("/lines/0/arrived").asBoolean()).isFalse();
    assertThat(ok(site.api.get(site.unitPath("R1"))).at("/state").asString())
        .isEqualTo("IN_TRANSIT");
    assertThat(goods.stock(goods.salineSku(), other.dock())).isZero();
  }

  @Test
  void aSupervisorClosesATransferShortWithAReasonAndAnOperatorMayNot() {
    site.register(site.bin1, "L1", "L2");
    String number = other.sent(site, List.of("L1", "L2"), List.of());
    ok(
        site.api.post(
            "/api/v1/transfers/" + number + "/receive",
            Api.map("dock", other.dock(), "units", Api.list(site.unitKey("L1")))));

    // An operator receives, but does not decide a loss: no form, and a post is refused.
    FormSession operator = new FormSession(port);
    assertThat(operator.signIn(site.person(admin, "OPERATOR"), Site.PERSON_PASSWORD).status())
        .isEqualTo(302);
    assertThat(operator.get("/transfers/" + number).body())
        .contains("receive-form")
        .doesNotContain("close-form");
    var refused =
        operator.post(
            "/transfers/" + number + "/close",
            fields("reason", "gone", "key", FormSession.key()),
            Map.of());
    assertThat(refused.status()).isEqualTo(403);

    FormSession.Page page = handheld.get("/transfers/" + number);
    assertThat(page.body()).contains("data-test=\"close-form\"");
    var noReason = post(page, "/transfers/" + number + "/close", Map.of("reason", ""));
    assertThat(noReason.status()).isEqualTo(400);
    assertThat(noReason.body()).contains("data-test=\"reason-error\"");
    assertThat(transfer(number).path("status").asString()).isEqualTo("IN_TRANSIT");

    var closed =
        post(noReason, "/transfers/" + number + "/close", Map.of("reason", "pallet wrap cut open"));
    assertThat(closed.status()).as(closed.body()).isEqualTo(200);
    assertThat(closed.body())
        .contains("Closed short: " + number, "1 lost on the way", "pallet wrap cut open")
        .doesNotContain("receive-form", "close-form");
    assertThat(transfer(number).path("status").asString()).isEqualTo("CLOSED");
    assertThat(ok(site.api.get(site.unitPath("L2"))).at("/state").asString()).isEqualTo("MISSING");
    assertThat(ok(site.api.get(site.unitPath("L1"))).at("/state").asString()).isEqualTo("RECEIVED");
    assertThat(handheld.get("/transfers").body()).contains("closed short");
  }

  @Test
  void aClientsPersonReadsTransfersButNeitherShipsNorReceives() {
    site.register(site.bin1, "C1");
    String number = other.sent(site, List.of("C1"), List.of());
    assertThat(handheld.get("/stock").body()).contains(">Transfers</a>");

    FormSession client = new FormSession(port);
    assertThat(client.signIn(site.person(admin, "CLIENT"), Site.PERSON_PASSWORD).status())
        .isEqualTo(302);
    var list = client.get("/transfers");
    assertThat(list.status()).isEqualTo(200);
    assertThat(list.body())
        .contains(number, "data-test=\"read-only\"")
        .doesNotContain("data-test=\"new-transfer\"")
        .as("no menu link for a client")
        .doesNotContain(">Transfers</a>");
    assertThat(client.get("/transfers/new").status()).isEqualTo(403);
    var page = client.get("/transfers/" + number);
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body()).contains("data-test=\"read-only\"").doesNotContain("receive-form");

    var refused =
        client.post(
            "/transfers/" + number + "/receive",
            fields("action", "all", "dock", other.dock(), "key", FormSession.key()),
            Map.of());
    assertThat(refused.status()).isEqualTo(403);
    var ship =
        client.post(
            "/transfers/new",
            fields(
                "from",
                site.warehouse,
                "to",
                other.warehouse(),
                "unit0",
                site.gtin + "/C1",
                "action",
                "ship"),
            Map.of());
    assertThat(ship.status()).isEqualTo(403);
    assertThat(transfer(number).path("status").asString()).isEqualTo("IN_TRANSIT");
    assertThat(ok(site.api.get("/api/v1/transfers")).at("/items").size()).isEqualTo(1);
  }
}
