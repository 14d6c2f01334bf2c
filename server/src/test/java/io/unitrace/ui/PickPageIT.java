package io.unitrace.ui;

import static io.unitrace.support.Api.list;
import static io.unitrace.support.Api.map;
import static io.unitrace.support.Site.ok;
import static io.unitrace.ui.FormSession.fields;
import static io.unitrace.ui.FormSession.htmx;
import static io.unitrace.ui.FormSession.key;
import static org.assertj.core.api.Assertions.assertThat;

import io.unitrace.support.IntegrationTest;
import io.unitrace.support.Site;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The pick screen over plain HTTP, as htmx and a browser without JavaScript see it: a list opened
 * or created, the next task shown, the location scanned and remembered, the goods scanned and
 * picked through Picking; refusals loud with their reason, nothing picked; a substitute said so; a
 * short pick with its reason.
 */
class PickPageIT extends IntegrationTest {

  private Site site;
  private Outbound floor;
  private FormSession handheld;

  @BeforeEach
  void signedInAtASite() {
    site = Site.create(admin);
    floor = new Outbound(site);
    handheld = new FormSession(port);
    assertThat(handheld.signIn("admin", ADMIN_PASSWORD).status()).isEqualTo(302);
    assertThat(handheld.get("/pick?tenant=" + site.tenant).status()).isEqualTo(200);
  }

  @Test
  void theLocationIsScannedFirstThenTheAllocatedUnitIsPickedAndTheNextTaskShown() {
    String a = unique("SN");
    String b = unique("SN");
    site.register(site.bin1, a, b);
    long order = floor.order(2);
    long listId = floor.pickList(order);
    List<JsonNode> tasks = floor.tasks(listId);
    String first = tasks.get(0).path("serial").asString();
    String second = tasks.get(1).path("serial").asString();

    var screen = handheld.get("/pick/" + listId);
    assertThat(screen.status()).isEqualTo(200);
    assertThat(screen.body())
        .contains(
            "id=\"scan\"",
            "autofocus",
            "data-step=\"1\"",
            "Scan the location",
            "0 / 2 picked",
            "data-test=\"task-location\">" + site.bin1 + "<",
            "data-test=\"task-sku\">" + site.sku + "<",
            "data-test=\"task-serial\">" + first + "<",
            "data-test=\"task-order\">" + floor.channelOrderId(order) + "<");

    var early = scan(listId, floor.dm(first), null);
    assertThat(early.status()).as(early.toString()).isEqualTo(409);
    assertThat(early.header("X-Unitrace-Fragment")).isEqualTo("scan-answer");
    assertThat(early.body())
        .contains(
            "outcome-REFUSED loud",
            "role=\"alert\"",
            "Scan the location first",
            "Go to " + site.bin1);

    var here = scan(listId, site.bin1, null);
    assertThat(here.status()).as(here.toString()).isEqualTo(200);
    assertThat(here.body())
        .doesNotContain("<html")
        .contains(
            "data-outcome=\"LOCATION\"",
            "At " + site.bin1,
            "2 tasks here",
            "id=\"step\" hx-swap-oob=\"true\"",
            "data-step=\"2\"",
            "name=\"location\" value=\"" + site.bin1 + "\"");

    var picked = scan(listId, floor.dm(first), site.bin1);
    assertThat(picked.status()).as(picked.toString()).isEqualTo(200);
    assertThat(picked.body())
        .contains(
            "data-outcome=\"PICKED\"",
            "role=\"status\"",
            site.sku + " " + first + " for order " + floor.channelOrderId(order),
            "1 / 2 picked",
            "id=\"task\" class=\"task\" hx-swap-oob=\"true\"",
            "data-test=\"task-serial\">" + second + "<")
        .as("the next task is at the same location: it stays remembered")
        .contains("data-step=\"2\"", "name=\"location\" value=\"" + site.bin1 + "\"");
    assertThat(floor.state(first)).isEqualTo("PICKED");

    var last = scan(listId, floor.dm(second), site.bin1);
    assertThat(last.body())
        .contains(
            "data-outcome=\"PICKED\"",
            "2 / 2 picked",
            "All picked: take the goods to " + floor.station,
            "data-test=\"all-picked\"",
            "data-step=\"1\"");
    assertThat(floor.orderStatus(order)).isEqualTo("PICKED");

    var again = scan(listId, floor.dm(second), site.bin1);
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.body()).contains("outcome-REFUSED loud", "Already picked");
  }

  @Test
  void aUnitInAnotherLocationIsRefusedLoudlyWithItsReasonAndNothingIsPicked() {
    String a = unique("SN");
    String b = unique("SN");
    site.register(site.bin1, a);
    site.register(site.bin2, b);
    long listId = floor.pickList(floor.order(2));

    var refused = scan(listId, floor.dm(b), site.bin1);

    assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
    assertThat(refused.header("X-Unitrace-Fragment")).isEqualTo("scan-answer");
    assertThat(refused.body())
        .contains(
            "outcome-REFUSED loud",
            "role=\"alert\"",
            "Not in this location",
            "this unit is not in " + site.bin1 + ": it is recorded in " + site.bin2,
            "0 / 2 picked")
        .as("still at the location scanned")
        .contains("data-step=\"2\"", "name=\"location\" value=\"" + site.bin1 + "\"");
    assertThat(floor.state(b)).isEqualTo("ALLOCATED");

    var elsewhere = scan(listId, site.quarantine, site.bin1);
    assertThat(elsewhere.status()).isEqualTo(409);
    assertThat(elsewhere.body())
        .contains(
            "outcome-REFUSED loud",
            "Not on this list",
            "Nothing on this list is to be picked at " + site.quarantine)
        .as("the location remembered stays")
        .contains("name=\"location\" value=\"" + site.bin1 + "\"");
  }

  @Test
  void aFreeUnitOfTheSameSkuHereIsPickedInPlaceOfTheAllocatedOneAndSaidSo() {
    String allocated = unique("SN");
    String free = unique("SN");
    site.register(site.bin1, allocated);
    site.register(site.bin1, free);
    long listId = floor.pickList(floor.order(1));

    var sub = scan(listId, floor.dm(free), site.bin1);

    assertThat(sub.status()).as(sub.toString()).isEqualTo(200);
    assertThat(sub.body())
        .contains(
            "data-outcome=\"SUBSTITUTED\"",
            "Substituted for " + allocated,
            site.sku + " " + free + " for order",
            "1 / 1 picked");
    assertThat(floor.state(free)).isEqualTo("PICKED");
    assertThat(floor.state(allocated)).isEqualTo("STORED");
  }

  @Test
  void aShortPickBooksTheUnitMissingWithItsReasonAndTheLineIsAllocatedAgain() {
    String gone = unique("SN");
    String spare = unique("SN");
    site.register(site.bin1, gone);
    site.register(site.bin2, spare);
    long listId = floor.pickList(floor.order(1));
    long allocation = floor.tasks(listId).get(0).path("allocation").asLong();

    var noReason =
        handheld.post(
            "/pick/" + listId + "/short",
            fields("allocation", String.valueOf(allocation), "reason", " ", "key", key()),
            htmx());
    assertThat(noReason.status()).isEqualTo(400);
    assertThat(noReason.body()).contains("outcome-REFUSED loud", "Reason required");
    assertThat(floor.state(gone)).isEqualTo("ALLOCATED");

    var shorted =
        handheld.post(
            "/pick/" + listId + "/short",
            fields(
                "allocation",
                String.valueOf(allocation),
                "reason",
                "Not found",
                "location",
                site.bin1,
                "key",
                key()),
            htmx());

    assertThat(shorted.status()).as(shorted.toString()).isEqualTo(200);
    assertThat(shorted.body())
        .contains(
            "data-outcome=\"SHORT\"",
            "Short picked",
            site.sku + " " + gone + " of order",
            "booked missing: Not found.",
            "allocated again",
            "data-test=\"task-location\">" + site.bin2 + "<",
            "data-test=\"task-serial\">" + spare + "<")
        .as("the next task is elsewhere: the location is asked again")
        .contains("data-step=\"1\"");
    assertThat(floor.state(gone)).isEqualTo("MISSING");
    assertThat(floor.state(spare)).isEqualTo("ALLOCATED");
  }

  @Test
  void countedGoodsArePickedByTheirLabelAndTheQtyTypedNeverMoreThanTheTaskWants() {
    String sku = unique("SYRUP");
    String gtin = Site.randomGtin();
    ok(
        site.api.post(
            "/api/v1/products",
            map("sku", sku, "name", "Syrup", "gtins", list(gtin), "tracking", "LOT")));
    ok(
        site.api.post(
            "/api/v1/stock/adjustments",
            map(
                "gtin",
                gtin,
                "lot",
                "L1",
                "location",
                site.bin1,
                "kind",
                "FOUND",
                "quantity",
                10,
                "reason",
                "opening stock")));
    long listId = floor.pickList(floor.order(sku, 3));
    assertThat(handheld.get("/pick/" + listId).body())
        .contains("3 ×", "data-test=\"task-sku\">" + sku + "<", "data-test=\"task-lot\">L1<");
    String label = "(01)" + gtin + "(10)L1";

    var noQty = scan(listId, label, site.bin1);
    assertThat(noQty.status()).isEqualTo(400);
    assertThat(noQty.body()).contains("outcome-REFUSED loud", "Qty refused", "need a quantity");

    var over =
        handheld.post(
            "/pick/" + listId + "/scans",
            fields("scan", label, "quantity", "5", "location", site.bin1, "key", key()),
            htmx());
    assertThat(over.status()).isEqualTo(409);
    assertThat(over.body())
        .contains(
            "outcome-REFUSED loud",
            "Over quantity",
            "only 3 of " + sku + " are to be picked here, not 5");

    var picked =
        handheld.post(
            "/pick/" + listId + "/scans",
            fields("scan", label, "quantity", "3", "location", site.bin1, "key", key()),
            htmx());
    assertThat(picked.status()).as(picked.toString()).isEqualTo(200);
    assertThat(picked.body())
        .contains("data-outcome=\"PICKED\"", "3 × " + sku + " lot L1 for order", "1 / 1 picked");
  }

  @Test
  void aNewListTakesTheWarehousesAllocatedOrdersAndAListIsOpenedByItsNumber() {
    site.register(site.bin1, unique("SN"));
    floor.order(1);

    var made =
        handheld.post(
            "/pick", fields("warehouse", site.warehouse, "destination", floor.station), htmx());
    assertThat(made.status()).as(made.toString()).isEqualTo(302);
    assertThat(made.location()).matches(".*/pick/[0-9]+");
    String listId = made.location().replaceAll(".*/pick/", "");
    assertThat(handheld.get("/pick/" + listId).body()).contains("0 / 1 picked", site.bin1);

    var none =
        handheld.post(
            "/pick", fields("warehouse", site.warehouse, "destination", floor.station), htmx());
    assertThat(none.status()).isEqualTo(409);
    assertThat(none.body())
        .contains("data-test=\"new-list-error\"", "Nothing to pick", "waits for picking");

    var opened = handheld.get("/pick?list=" + listId);
    assertThat(opened.status()).isEqualTo(302);
    assertThat(opened.location()).endsWith("/pick/" + listId);
    assertThat(handheld.get("/pick?list=abc").body())
        .contains("data-test=\"list-error\"", "whole number");
  }

  private FormSession.Page scan(long listId, String text, String location) {
    var f = fields("scan", text, "key", key());
    if (location != null) {
      f.put("location", location);
    }
    return handheld.post("/pick/" + listId + "/scans", f, htmx());
  }
}
