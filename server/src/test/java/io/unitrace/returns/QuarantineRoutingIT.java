package io.unitrace.returns;

import static io.unitrace.support.Api.list;
import static io.unitrace.support.Api.map;
import static io.unitrace.support.Site.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.unitrace.support.Api;
import io.unitrace.support.IntegrationTest;
import org.junit.jupiter.api.Test;

/**
 * Quarantine is not a dead end: a supervisor routes a quarantined return onward (to stock, repair,
 * refurbishment, the vendor or scrap) with a reason; a clerk may not, and an open suspect case
 * blocks it until it is resolved.
 */
class QuarantineRoutingIT extends IntegrationTest {

  /** A clean return routed to quarantine by the client's rules; answers the return's id. */
  private static long quarantined(ReturnsDock d, String serial) {
    ok(
        d.api.put(
            "/api/v1/return-routing-rules",
            list(map("reason", "*", "condition", "*", "disposition", "QUARANTINE"))));
    long ret = d.received(serial, d.rma("CHANGED_MIND", serial));
    ok(d.inspect(ret, "GOOD"));
    ok(d.route(ret, "QUARANTINE", d.site.quarantine));
    assertThat(d.state(serial)).isEqualTo("RETURNED");
    assertThat(d.unit(serial).path("location").asString()).isEqualTo(d.site.quarantine);
    return ret;
  }

  @Test
  void aSupervisorRestocksAQuarantinedReturnWithAReason() {
    ReturnsDock d = ReturnsDock.open(admin);
    String serial = d.shipOne().serial();
    long ret = quarantined(d, serial);

    var noReason = d.route(ret, "RESTOCK", d.site.bin1);
    assertThat(noReason.status()).as(noReason.toString()).isEqualTo(400);
    assertThat(noReason.json().path("field").asString()).isEqualTo("reason");
    assertThat(d.state(serial)).isEqualTo("RETURNED");

    var again = d.route(ret, "QUARANTINE", d.site.quarantine, "keep it there");
    assertThat(again.status()).isEqualTo(422);
    assertThat(again.problemCode()).isEqualTo("route-not-allowed");

    var toCustomer = d.route(ret, "RETURN_TO_CUSTOMER", null, "send it home");
    assertThat(toCustomer.status()).isEqualTo(422);
    assertThat(toCustomer.problemCode()).isEqualTo("route-not-allowed");
    assertThat(d.state(serial)).isEqualTo("RETURNED");

    var restocked = d.route(ret, "RESTOCK", d.site.bin1, "tested: works like new");
    assertThat(restocked.status()).as(restocked.toString()).isEqualTo(200);
    assertThat(restocked.at("/ret/disposition").asString()).isEqualTo("RESTOCK");
    assertThat(restocked.at("/ret/overrideReason").asString()).isEqualTo("tested: works like new");
    assertThat(d.state(serial)).isEqualTo("STORED");
    assertThat(d.unit(serial).path("location").asString()).isEqualTo(d.site.bin1);
    assertThat(d.history(serial)).last().isEqualTo("storing/sellable_accessible");

    var afterStock = d.route(ret, "SCRAP", null, "changed my mind");
    assertThat(afterStock.status()).isEqualTo(409);
    assertThat(afterStock.problemCode()).isEqualTo("already-routed");
    assertThat(d.ledgerIntact()).isTrue();
  }

  @Test
  void aQuarantinedReturnRestockedToTheDockIsReceivedThereForPutaway() {
    ReturnsDock d = ReturnsDock.open(admin);
    String serial = d.shipOne().serial();
    long ret = quarantined(d, serial);
    var restocked = d.route(ret, "RESTOCK", d.site.dock, "tested: works like new");
    assertThat(restocked.status()).as(restocked.toString()).isEqualTo(200);
    assertThat(restocked.at("/next").asString()).contains("Put it away");
    assertThat(d.state(serial)).isEqualTo("RECEIVED");
    assertThat(d.unit(serial).path("location").asString()).isEqualTo(d.site.dock);
  }

  @Test
  void aSupervisorScrapsAQuarantinedReturnAndThatEndsIt() {
    ReturnsDock d = ReturnsDock.open(admin);
    String serial = d.shipOne().serial();
    long ret = quarantined(d, serial);
    var scrapped = d.route(ret, "SCRAP", null, "water damage inside");
    assertThat(scrapped.status()).as(scrapped.toString()).isEqualTo(200);
    assertThat(d.state(serial)).isEqualTo("SCRAPPED");
    assertThat(d.history(serial)).last().isEqualTo("destroying/destroyed");
    var after = d.route(ret, "RESTOCK", d.site.bin1, "found it fine");
    assertThat(after.status()).isEqualTo(409);
    assertThat(after.problemCode()).isEqualTo("already-routed");
    assertThat(d.state(serial)).isEqualTo("SCRAPPED");
  }

  @Test
  void aClerkMayNotRouteAReturnOutOfQuarantine() {
    ReturnsDock d = ReturnsDock.open(admin);
    String serial = d.shipOne().serial();
    long ret = quarantined(d, serial);
    int events = d.history(serial).size();
    Api clerk = d.person(admin, port, "OPERATOR");
    var byClerk =
        clerk.post(
            "/api/v1/returns/" + ret + "/route",
            map("disposition", "RESTOCK", "location", d.site.bin1, "reason", "looks fine"));
    assertThat(byClerk.status()).as(byClerk.toString()).isEqualTo(403);
    assertThat(byClerk.contentType()).startsWith("application/problem+json");
    assertThat(d.state(serial)).isEqualTo("RETURNED");
    assertThat(d.unit(serial).path("location").asString()).isEqualTo(d.site.quarantine);
    assertThat(d.history(serial)).hasSize(events);

    Api supervisor = d.person(admin, port, "SUPERVISOR");
    var bySupervisor =
        supervisor.post(
            "/api/v1/returns/" + ret + "/route",
            map("disposition", "REPAIR", "location", d.repair, "reason", "the hinge is loose"));
    assertThat(bySupervisor.status()).as(bySupervisor.toString()).isEqualTo(200);
    assertThat(d.state(serial)).isEqualTo("IN_REPAIR");
  }

  @Test
  void aQuarantinedUnitWithAnOpenSuspectCaseWaitsForItsResolution() {
    ReturnsDock d = ReturnsDock.open(admin);
    String serial = d.shipOne().serial();
    var received = d.receiveFromAStranger(serial);
    assertThat(received.status()).as(received.toString()).isEqualTo(201);
    long ret = received.at("/ret/id").asLong();
    long caseId = received.at("/ret/suspectCase/id").asLong();
    assertThat(d.unit(serial).path("location").asString()).isEqualTo(d.site.quarantine);
    ok(d.inspect(ret, "GOOD"));
    int events = d.history(serial).size();
    for (String disposition : java.util.List.of("SCRAP", "RETURN_TO_VENDOR", "QUARANTINE")) {
      var blocked = d.route(ret, disposition, d.site.quarantine, "decided at the desk");
      assertThat(blocked.status()).as(blocked.toString()).isEqualTo(409);
      assertThat(blocked.problemCode()).isEqualTo("case-open");
    }
    assertThat(d.history(serial)).as("nothing written while the case is open").hasSize(events);
    assertThat(d.state(serial)).isEqualTo("RETURNED");

    ok(
        d.api.post(
            "/api/v1/return-cases/" + caseId + "/resolve",
            map("decision", "CONFIRM", "reason", "not her parcel")));
    ok(d.route(ret, "QUARANTINE", d.site.quarantine, "held for the police"));
    var restock = d.route(ret, "RESTOCK", d.site.bin1, "the police are done with it");
    assertThat(restock.status()).isEqualTo(409);
    assertThat(restock.problemCode())
        .as("a confirmed suspect is never restocked, from quarantine either")
        .isEqualTo("not-resaleable");
    var vendor = d.route(ret, "RETURN_TO_VENDOR", null, "the vendor takes it back");
    assertThat(vendor.status()).as(vendor.toString()).isEqualTo(200);
    assertThat(d.state(serial)).isEqualTo("RETURNED_TO_VENDOR");
    assertThat(d.ledgerIntact()).isTrue();
  }
}
