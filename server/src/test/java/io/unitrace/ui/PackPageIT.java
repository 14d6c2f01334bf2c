package io.unitrace.ui;

import static io.unitrace.ui.FormSession.fields;
import static io.unitrace.ui.FormSession.htmx;
import static io.unitrace.ui.FormSession.key;
import static org.assertj.core.api.Assertions.assertThat;

import io.unitrace.support.IntegrationTest;
import io.unitrace.support.Site;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The packing screen over plain HTTP: an order opened by its number, a new carton under a new SSCC
 * with its label, the order's picked units scanned into it through Packing, a unit of another order
 * refused loudly, the order closed complete — or refused while incomplete and closed short by a
 * supervisor with a reason.
 */
class PackPageIT extends IntegrationTest {

  private Site site;
  private Outbound floor;
  private FormSession handheld;

  @BeforeEach
  void signedInAtASite() {
    site = Site.create(admin);
    floor = new Outbound(site);
    handheld = new FormSession(port);
    assertThat(handheld.signIn("admin", ADMIN_PASSWORD).status()).isEqualTo(302);
    assertThat(handheld.get("/pack?tenant=" + site.tenant).status()).isEqualTo(200);
  }

  @Test
  void aPickedUnitIsPackedIntoANewCartonAUnitOfAnotherOrderIsRefusedAndTheOrderIsClosed() {
    String mine = unique("SN");
    site.register(site.bin1, mine);
    long order = floor.order(1);
    String theirs = unique("SN");
    site.register(site.bin1, theirs);
    long other = floor.order(1);
    floor.pickAll(floor.pickList(order, other));

    var opened = handheld.get("/pack?order=" + order);
    assertThat(opened.location()).endsWith("/pack/" + order);
    var screen = handheld.get("/pack/" + order);
    assertThat(screen.status()).isEqualTo(200);
    assertThat(screen.body())
        .contains(
            floor.channelOrderId(order),
            "data-test=\"new-carton\"",
            "0 / 1 packed",
            "1 missing",
            "/api/v1/orders/" + order + "/packing-slip?tenant=" + site.tenant)
        .as("no carton yet: nothing to scan into")
        .doesNotContain("id=\"scan\"");

    var made =
        handheld.post("/pack/" + order + "/cartons", fields("station", floor.station), Map.of());
    assertThat(made.status()).as(made.toString()).isEqualTo(302);
    String sscc = made.location().replaceAll(".*carton=([0-9]{18}).*", "$1");
    assertThat(sscc).hasSize(18);
    var carton = handheld.get(made.location().replaceAll("^https?://[^/]+", ""));
    assertThat(carton.body())
        .contains(
            "data-outcome=\"CARTON\"",
            "New carton " + sscc,
            "data-test=\"carton-sscc\">" + sscc + "<",
            "/api/v1/labels/containers/" + sscc + "?format=png&amp;tenant=" + site.tenant,
            "id=\"scan\"",
            "name=\"carton\" value=\"" + sscc + "\"");

    var refused = scan(order, floor.dm(theirs), sscc);
    assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
    assertThat(refused.header("X-Unitrace-Fragment")).isEqualTo("scan-answer");
    assertThat(refused.body())
        .contains(
            "outcome-REFUSED loud",
            "role=\"alert\"",
            "Not this order",
            "this unit is not for order "
                + floor.channelOrderId(order)
                + ": it is for order "
                + floor.channelOrderId(other));
    assertThat(floor.state(theirs)).isEqualTo("PICKED");

    var packed = scan(order, floor.dm(mine), sscc);
    assertThat(packed.status()).as(packed.toString()).isEqualTo(200);
    assertThat(packed.body())
        .contains(
            "data-outcome=\"PACKED\"",
            site.sku + " " + mine + " into carton " + sscc,
            "Everything is packed: close the order.",
            "id=\"contents\" class=\"outbound-section\" hx-swap-oob=\"true\"",
            "1 / 1 packed");
    assertThat(floor.state(mine)).isEqualTo("PACKED");

    var twice = scan(order, floor.dm(mine), sscc);
    assertThat(twice.status()).isEqualTo(409);
    assertThat(twice.body()).contains("outcome-REFUSED loud", "Already packed");

    var closed = handheld.post("/pack/" + order + "/close", fields(), Map.of());
    assertThat(closed.status()).as(closed.toString()).isEqualTo(200);
    assertThat(closed.body())
        .contains(
            "data-outcome=\"CLOSED\"",
            "Packing closed",
            "is PACKED in 1 carton.",
            "data-test=\"ship-link\"");
    assertThat(floor.orderStatus(order)).isEqualTo("PACKED");
  }

  @Test
  void anIncompleteOrderIsNotClosedButASupervisorClosesItShortWithAReason() {
    String a = unique("SN");
    String b = unique("SN");
    site.register(site.bin1, a, b);
    long order = floor.order(2);
    long listId = floor.pickList(order);
    String first = floor.tasks(listId).get(0).path("serial").asString();
    site.api.post(
        "/api/v1/pick-lists/" + listId + "/scans",
        io.unitrace.support.Api.map("location", site.bin1, "scan", floor.dm(first)));
    handheld.get("/pack/" + order);
    String sscc =
        handheld
            .post("/pack/" + order + "/cartons", fields("station", floor.station), Map.of())
            .location()
            .replaceAll(".*carton=([0-9]{18}).*", "$1");
    handheld.get("/pack/" + order + "?carton=" + sscc);
    var packed = scan(order, floor.dm(first), sscc);
    assertThat(packed.body()).contains("Still missing: 1 × " + site.sku);
    String second = first.equals(a) ? b : a;
    var notPicked = scan(order, floor.dm(second), sscc);
    assertThat(notPicked.status()).isEqualTo(409);
    assertThat(notPicked.body()).contains("Not picked yet");

    var early = handheld.post("/pack/" + order + "/close", fields(), Map.of());
    assertThat(early.status()).as(early.toString()).isEqualTo(409);
    assertThat(early.body())
        .contains(
            "outcome-REFUSED loud",
            "Not packed in full",
            "1 × " + site.sku + " missing",
            "data-test=\"close-short-form\"");
    assertThat(floor.orderStatus(order)).isNotEqualTo("PACKED");

    var noReason =
        handheld.post("/pack/" + order + "/close", fields("shortClose", "true"), Map.of());
    assertThat(noReason.status()).isEqualTo(400);
    assertThat(noReason.body()).contains("Reason required");

    var shortClosed =
        handheld.post(
            "/pack/" + order + "/close",
            fields("shortClose", "true", "reason", "customer takes one"),
            Map.of());
    assertThat(shortClosed.status()).as(shortClosed.toString()).isEqualTo(200);
    assertThat(shortClosed.body())
        .contains("Packing closed", "is PACKED in 1 carton.", "Closed short: customer takes one.");
    assertThat(floor.orderStatus(order)).isEqualTo("PACKED");
    assertThat(floor.state(second)).isEqualTo("STORED");
    assertThat(key()).isNotBlank();
  }

  private FormSession.Page scan(long order, String text, String carton) {
    return handheld.post(
        "/pack/" + order + "/scans", fields("scan", text, "carton", carton, "key", key()), htmx());
  }
}
