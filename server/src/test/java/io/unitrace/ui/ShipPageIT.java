package io.unitrace.ui;

import static io.unitrace.support.Site.ok;
import static io.unitrace.ui.FormSession.fields;
import static org.assertj.core.api.Assertions.assertThat;

import io.unitrace.support.IntegrationTest;
import io.unitrace.support.Site;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The shipping screen over plain HTTP: a packed order's cartons, the carrier and tracking number,
 * Confirm, and the shipment's number with a link to its dispatch advice; the form posted twice
 * ships once; an order not packed yet is refused loudly.
 */
class ShipPageIT extends IntegrationTest {

  private Site site;
  private Outbound floor;
  private FormSession handheld;

  @BeforeEach
  void signedInAtASite() {
    site = Site.create(admin);
    floor = new Outbound(site);
    handheld = new FormSession(port);
    assertThat(handheld.signIn("admin", ADMIN_PASSWORD).status()).isEqualTo(302);
    assertThat(handheld.get("/ship?tenant=" + site.tenant).status()).isEqualTo(200);
  }

  @Test
  void aPackedOrderIsShippedWithItsCarrierAndTheDispatchAdviceIsLinked() {
    String serial = unique("SN");
    site.register(site.bin1, serial);
    long order = floor.order(1);
    floor.pickAll(floor.pickList(order));
    String sscc = floor.packAll(order, List.of(serial));

    assertThat(handheld.get("/ship?order=" + order).location()).endsWith("/ship/" + order);
    var screen = handheld.get("/ship/" + order);
    assertThat(screen.status()).isEqualTo(200);
    assertThat(screen.body())
        .contains(floor.channelOrderId(order), "PACKED", sscc, "data-test=\"ship-form\"");

    Map<String, String> confirm =
        fields(
            "carrier", "DHL", "service", "Express", "tracking", "JD0001", "key", FormSession.key());
    var shipped = handheld.post("/ship/" + order, confirm, Map.of());

    assertThat(shipped.status()).as(shipped.toString()).isEqualTo(200);
    long shipment =
        Long.parseLong(shipped.body().replaceAll("(?s).*Shipped: shipment ([0-9]+).*", "$1"));
    assertThat(shipped.body())
        .contains(
            "data-outcome=\"SHIPPED\"",
            "role=\"status\"",
            "Order " + floor.channelOrderId(order) + " left with DHL in 1 carton (1 unit).",
            "/api/v1/shipments/" + shipment + "/dispatch-advice?tenant=" + site.tenant)
        .as("shipped: nothing more to confirm")
        .doesNotContain("data-test=\"ship-form\"");
    assertThat(floor.orderStatus(order)).isEqualTo("SHIPPED");
    assertThat(floor.state(serial)).isEqualTo("SHIPPED");
    var advice = ok(site.api.get("/api/v1/shipments/" + shipment + "/dispatch-advice"));
    assertThat(advice.at("/tracking").asString()).isEqualTo("JD0001");
    assertThat(advice.at("/cartons/0/sscc").asString()).isEqualTo(sscc);

    var again = handheld.post("/ship/" + order, confirm, Map.of());
    assertThat(again.status()).as("the same form posted twice ships once").isEqualTo(200);
    assertThat(again.body()).contains("Shipped: shipment " + shipment);
  }

  @Test
  void anOrderNotPackedYetIsRefusedLoudlyAndNothingShips() {
    String serial = unique("SN");
    site.register(site.bin1, serial);
    long order = floor.order(1);

    var refused =
        handheld.post(
            "/ship/" + order, fields("carrier", "DHL", "key", FormSession.key()), Map.of());

    assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
    assertThat(refused.body())
        .contains(
            "outcome-REFUSED loud",
            "role=\"alert\"",
            "Not packed yet",
            "is ALLOCATED: close its packing first",
            "Close the order&#39;s packing first");
    assertThat(floor.state(serial)).isEqualTo("ALLOCATED");
  }
}
