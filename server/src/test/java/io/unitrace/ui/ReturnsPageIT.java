package io.unitrace.ui;

import static io.unitrace.support.Site.ok;
import static io.unitrace.ui.FormSession.fields;
import static org.assertj.core.api.Assertions.assertThat;

import io.unitrace.support.Api;
import io.unitrace.support.IntegrationTest;
import io.unitrace.support.Site;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The returns screens over plain HTTP: a shipped unit's verdict with its sale and checks, received
 * (a double tap records one return), inspected, routed back to the dock; an unknown serial refused
 * with its check named and nothing written; a suspicious return quarantined and its case cleared; a
 * closed RMA shown and refused at the check; a quarantined return routed onward by a supervisor,
 * and only offered to one.
 */
class ReturnsPageIT extends IntegrationTest {

  private Site site;
  private Outbound floor;
  private FormSession handheld;

  @BeforeEach
  void signedInAtASite() {
    site = Site.create(admin);
    floor = new Outbound(site);
    handheld = new FormSession(port);
    assertThat(handheld.signIn("admin", ADMIN_PASSWORD).status()).isEqualTo(302);
    assertThat(handheld.get("/returns?tenant=" + site.tenant).status()).isEqualTo(200);
  }

  /** Ships one unit with that serial through the API; the order's channel id. */
  static String shipped(Site site, Outbound floor, String serial) {
    site.register(site.bin1, serial);
    long order = floor.order(1);
    floor.pickAll(floor.pickList(order));
    floor.packAll(order, List.of(serial));
    ok(site.api.post("/api/v1/orders/" + order + "/shipments", Api.map("carrier", "DHL")));
    return floor.channelOrderId(order);
  }

  @Test
  void aCleanReturnIsCheckedReceivedInspectedAndRoutedBackToTheDock() {
    String serial = unique("SN");
    String order = shipped(site, floor, serial);
    String scan = "(01)" + site.gtin + "(21)" + serial;

    var check =
        handheld.post(
            "/returns/check",
            fields("scan", scan, "reason", "CHANGED_MIND", "dock", site.dock),
            Map.of());
    assertThat(check.status()).as(check.toString()).isEqualTo(200);
    assertThat(check.body())
        .contains(
            "data-outcome=\"ACCEPTED\"",
            "order " + order + " on WEB",
            "Ann Buyer",
            "data-kind=\"RETURN_WINDOW\"",
            "data-code=\"shipped-by-us\"",
            "data-test=\"receive-form\"");
    assertThat(floor.state(serial)).isEqualTo("SHIPPED");

    Map<String, String> receive =
        fields("scan", scan, "reason", "CHANGED_MIND", "dock", site.dock, "key", FormSession.key());
    var received = handheld.post("/returns/receive", receive, Map.of());
    assertThat(received.status()).as(received.toString()).isEqualTo(200);
    assertThat(received.body()).contains("data-outcome=\"RECEIVED\"", "AWAITING_INSPECTION");
    long id = Long.parseLong(received.body().replaceAll("(?s).*Received: return ([0-9]+).*", "$1"));
    var again = handheld.post("/returns/receive", receive, Map.of());
    assertThat(again.body()).contains("Received: return " + id);
    assertThat(floor.state(serial)).isEqualTo("RETURNED");
    assertThat(ok(site.api.get("/api/v1/returns?status=AWAITING_INSPECTION")).at("/items").size())
        .isEqualTo(1);

    var inspected =
        handheld.post(
            "/returns/" + id + "/inspect",
            fields("condition", "GOOD", "findings", "sealed box", "key", FormSession.key()),
            Map.of());
    assertThat(inspected.status()).as(inspected.toString()).isEqualTo(200);
    assertThat(inspected.body())
        .contains("The rules route it to RESTOCK", "data-test=\"route-form\"");

    var routed =
        handheld.post(
            "/returns/" + id + "/route",
            fields("disposition", "RESTOCK", "location", site.dock, "key", FormSession.key()),
            Map.of());
    assertThat(routed.status()).as(routed.toString()).isEqualTo(200);
    assertThat(routed.body()).contains("data-outcome=\"ROUTED\"", "Put it away from " + site.dock);
    assertThat(routed.body())
        .as("restocked: no route left to take")
        .doesNotContain("data-test=\"route-form\"");
    assertThat(floor.state(serial)).isEqualTo("RECEIVED");
  }

  @Test
  void aSerialNeverShippedIsRefusedWithItsCheckNamedAndNothingWritten() {
    String serial = unique("SN");
    site.register(site.bin1, serial);
    var check =
        handheld.post(
            "/returns/check",
            fields("scan", "(01)" + site.gtin + "(21)" + serial, "dock", site.dock),
            Map.of());
    assertThat(check.body())
        .contains("data-outcome=\"REFUSED\"", "data-code=\"never-shipped\"", "never shipped")
        .doesNotContain("data-test=\"receive-form\"");
    var received =
        handheld.post(
            "/returns/receive",
            fields(
                "scan",
                "(01)" + site.gtin + "(21)" + serial,
                "reason",
                "DEFECTIVE",
                "dock",
                site.dock,
                "key",
                FormSession.key()),
            Map.of());
    assertThat(received.status()).isEqualTo(409);
    assertThat(received.body()).contains("data-outcome=\"REFUSED\"", "never shipped");
    assertThat(floor.state(serial)).isEqualTo("STORED");
  }

  @Test
  void aReturnFromAnotherCustomerIsQuarantinedAndItsCaseClearedByASupervisor() {
    String serial = unique("SN");
    shipped(site, floor, serial);
    Map<String, String> form =
        fields(
            "scan",
            "(01)" + site.gtin + "(21)" + serial,
            "reason",
            "DEFECTIVE",
            "returnedBy",
            "Mallory",
            "dock",
            site.dock,
            "quarantine",
            site.quarantine,
            "key",
            FormSession.key());
    var received = handheld.post("/returns/receive", form, Map.of());
    assertThat(received.status()).as(received.toString()).isEqualTo(200);
    assertThat(received.body())
        .contains("data-outcome=\"SUSPECT\"", "data-code=\"other-customer\"", "Mallory");
    var unit = ok(site.api.get(site.unitPath(serial)));
    assertThat(unit.at("/holds").toString()).contains("SUSPECT");
    assertThat(unit.at("/location").asString()).isEqualTo(site.quarantine);

    var cases = handheld.get("/returns/cases");
    assertThat(cases.body()).contains(serial, "data-code=\"other-customer\"");
    long caseId = Long.parseLong(cases.body().replaceAll("(?s).*data-case=\"([0-9]+)\".*", "$1"));
    var cleared =
        handheld.post(
            "/returns/cases/" + caseId + "/resolve",
            fields("decision", "CLEAR", "reason", "spouse of the buyer", "key", FormSession.key()),
            Map.of());
    assertThat(cleared.status()).as(cleared.toString()).isEqualTo(200);
    assertThat(cleared.body()).contains("Case " + caseId + " cleared", "data-test=\"no-cases\"");
    assertThat(ok(site.api.get(site.unitPath(serial))).at("/holds").size()).isZero();
  }

  @Test
  void anRmasStatusIsShownAndAClosedOneIsRefusedAtTheCheck() {
    String serial = unique("SN");
    shipped(site, floor, serial);
    String scan = "(01)" + site.gtin + "(21)" + serial;
    String rma =
        ok(site.api.post("/api/v1/rmas", Api.map("units", Api.list(scan), "reason", "DEFECTIVE")))
            .at("/number")
            .asString();
    var open =
        handheld.post(
            "/returns/check", fields("scan", scan, "rma", rma, "dock", site.dock), Map.of());
    assertThat(open.status()).as(open.toString()).isEqualTo(200);
    assertThat(open.body())
        .contains("data-test=\"rma-status\">OPEN<", "data-test=\"receive-form\"")
        .doesNotContain("data-test=\"rma-closed\"");

    ok(site.api.post("/api/v1/rmas/" + rma + "/close", Api.map("reason", "customer kept it")));
    var closed =
        handheld.post(
            "/returns/check",
            fields("scan", " " + scan + " ", "rma", rma, "dock", site.dock),
            Map.of());
    assertThat(closed.status()).as(closed.toString()).isEqualTo(409);
    assertThat(closed.body())
        .contains(
            "data-outcome=\"REFUSED\"",
            "data-test=\"rma-status\">CLOSED<",
            "data-test=\"rma-closed\"",
            "customer kept it")
        .doesNotContain("data-test=\"receive-form\"");
    var received =
        handheld.post(
            "/returns/receive",
            fields("scan", scan, "rma", rma, "dock", site.dock, "key", FormSession.key()),
            Map.of());
    assertThat(received.status()).isEqualTo(409);
    assertThat(received.body()).contains("data-outcome=\"REFUSED\"", "Refused: rma closed", rma);
    assertThat(floor.state(serial)).isEqualTo("SHIPPED");
  }

  @Test
  void aQuarantinedReturnIsOfferedOnwardToASupervisorOnlyAndRoutedWithAReason() {
    String serial = unique("SN");
    shipped(site, floor, serial);
    ok(
        site.api.put(
            "/api/v1/return-routing-rules",
            Api.list(Api.map("reason", "*", "condition", "*", "disposition", "QUARANTINE"))));
    long id =
        ok(site.api.post(
                "/api/v1/returns",
                Api.map(
                    "scan",
                    "(01)" + site.gtin + "(21)" + serial,
                    "reason",
                    "CHANGED_MIND",
                    "location",
                    site.dock)))
            .at("/ret/id")
            .asLong();
    ok(site.api.post("/api/v1/returns/" + id + "/inspection", Api.map("condition", "GOOD")));
    ok(
        site.api.post(
            "/api/v1/returns/" + id + "/route",
            Api.map("disposition", "QUARANTINE", "location", site.quarantine)));

    var shown = handheld.get("/returns/" + id);
    assertThat(shown.status()).isEqualTo(200);
    assertThat(shown.body())
        .contains(
            "data-test=\"quarantine-route-form\"",
            "value=\"RESTOCK\"",
            "value=\"REPAIR\"",
            "value=\"REFURBISH\"",
            "value=\"RETURN_TO_VENDOR\"",
            "value=\"SCRAP\"",
            "data-test=\"rma-status\">CLOSED<")
        .doesNotContain("data-test=\"route-form\"", "value=\"QUARANTINE\"");

    String name = site.person(admin, "OPERATOR");
    FormSession clerk = new FormSession(port);
    assertThat(clerk.signIn(name, Site.PERSON_PASSWORD).status()).isEqualTo(302);
    assertThat(clerk.get("/returns?tenant=" + site.tenant).status()).isEqualTo(200);
    var clerkSees = clerk.get("/returns/" + id);
    assertThat(clerkSees.body())
        .contains("data-test=\"quarantine-note\"")
        .doesNotContain("data-test=\"quarantine-route-form\"", "data-test=\"route-form\"");
    var byClerk = restockOnScreen(clerk, id, "looks fine");
    assertThat(byClerk.status()).isEqualTo(403);
    assertThat(byClerk.body()).contains("data-outcome=\"REFUSED\"");
    assertThat(floor.state(serial)).isEqualTo("RETURNED");

    var routed = restockOnScreen(handheld, id, "tested, works");
    assertThat(routed.status()).as(routed.toString()).isEqualTo(200);
    assertThat(routed.body())
        .contains("data-outcome=\"ROUTED\"", "Back in stock at " + site.bin1)
        .doesNotContain("data-test=\"quarantine-route-form\"");
    assertThat(floor.state(serial)).isEqualTo("STORED");
  }

  /** Routes return {@code id} to the site's first bin from its screen, saying why. */
  private FormSession.Page restockOnScreen(FormSession who, long id, String reason) {
    return who.post(
        "/returns/" + id + "/route",
        fields(
            "disposition",
            "RESTOCK",
            "location",
            site.bin1,
            "reason",
            reason,
            "key",
            FormSession.key()),
        Map.of());
  }
}
