package io.unitrace.returns;

import static io.unitrace.support.Api.map;
import static io.unitrace.support.Site.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.unitrace.support.IntegrationTest;
import org.junit.jupiter.api.Test;

/**
 * The dock's named checks over HTTP: refusals write nothing, suspicious returns are quarantined.
 */
class ReturnChecksIT extends IntegrationTest {

  @Test
  void aSerialNeverShippedIsRefusedAndWritesNothing() {
    ReturnsDock d = ReturnsDock.open(admin);
    var unknown =
        d.receive(map("scan", d.dm("NOPE123"), "reason", "DEFECTIVE", "location", d.site.dock));
    assertThat(unknown.status()).isEqualTo(409);
    assertThat(unknown.problemCode()).isEqualTo("never-shipped");
    String inStock = ReturnsDock.serial();
    d.site.register(d.site.bin1, inStock);
    var verdict = ok(d.api.post("/api/v1/returns/verdict", map("scan", d.dm(inStock))));
    assertThat(verdict.at("/refused").asBoolean()).isTrue();
    assertThat(ReturnsFlowIT.codes(verdict.at("/checks"))).contains("never-shipped");
    var stock =
        d.receive(map("scan", d.dm(inStock), "reason", "DEFECTIVE", "location", d.site.dock));
    assertThat(stock.status()).isEqualTo(409);
    assertThat(stock.problemCode()).isEqualTo("never-shipped");
    assertThat(d.state(inStock)).isEqualTo("STORED");
    assertThat(d.history(inStock)).hasSize(1);
    assertThat(ok(d.api.get("/api/v1/returns?status=AWAITING_INSPECTION")).at("/items").size())
        .isZero();
  }

  @Test
  void aUnitBackAlreadyIsRefused() {
    ReturnsDock d = ReturnsDock.open(admin);
    String serial = d.shipOne().serial();
    d.received(serial, d.rma("DEFECTIVE", serial));
    int events = d.history(serial).size();
    var again =
        d.receive(map("scan", d.dm(serial), "reason", "DEFECTIVE", "location", d.site.dock));
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.problemCode()).isEqualTo("already-returned");
    assertThat(d.history(serial)).hasSize(events);
  }

  @Test
  void anotherCustomersReturnIsQuarantinedHeldAndDecidedByASupervisor() {
    ReturnsDock d = ReturnsDock.open(admin);
    String serial = d.shipOne().serial();
    var body =
        map(
            "scan",
            d.dm(serial),
            "reason",
            "DEFECTIVE",
            "returnedBy",
            "Mallory",
            "location",
            d.site.dock);
    var noQuarantine = d.receive(body);
    assertThat(noQuarantine.status()).isEqualTo(422);
    assertThat(noQuarantine.problemCode()).isEqualTo("quarantine-required");
    assertThat(noQuarantine.json().path("field").asString()).isEqualTo("quarantine");
    assertThat(d.state(serial)).isEqualTo("SHIPPED");

    body.put("quarantine", d.site.quarantine);
    var received = d.receive(body);
    assertThat(received.status()).as(received.toString()).isEqualTo(201);
    assertThat(ReturnsFlowIT.codes(received.at("/verdict/checks"))).contains("other-customer");
    long ret = received.at("/ret/id").asLong();
    var unit = d.unit(serial);
    assertThat(unit.path("location").asString()).isEqualTo(d.site.quarantine);
    assertThat(unit.path("holds").toString()).contains("SUSPECT");
    long caseId = received.at("/ret/suspectCase/id").asLong();
    var open = ok(d.api.get("/api/v1/return-cases/" + caseId));
    assertThat(open.at("/status").asString()).isEqualTo("OPEN");
    assertThat(ReturnsFlowIT.ids(ok(d.api.get("/api/v1/return-cases?status=OPEN"))))
        .contains(caseId);

    ok(d.inspect(ret, "GOOD"));
    var blocked = d.route(ret, "RESTOCK", d.site.bin1);
    assertThat(blocked.status()).isEqualTo(409);
    assertThat(blocked.problemCode()).isEqualTo("case-open");

    var noReason =
        d.api.post("/api/v1/return-cases/" + caseId + "/resolve", map("decision", "CLEAR"));
    assertThat(noReason.status()).isEqualTo(400);
    int events = d.history(serial).size();
    var cleared =
        d.api.post(
            "/api/v1/return-cases/" + caseId + "/resolve",
            map("decision", "CLEAR", "reason", "her husband bought it"));
    assertThat(cleared.status()).as(cleared.toString()).isEqualTo(200);
    assertThat(cleared.at("/suspectCase/status").asString()).isEqualTo("CLEARED");
    assertThat(d.history(serial)).hasSize(events + 1);
    assertThat(d.unit(serial).path("holds").toString()).doesNotContain("SUSPECT");
    var twice =
        d.api.post(
            "/api/v1/return-cases/" + caseId + "/resolve",
            map("decision", "CONFIRM", "reason", "changed my mind"));
    assertThat(twice.status()).isEqualTo(409);
    ok(d.route(ret, "RESTOCK", d.site.bin1));
    assertThat(d.state(serial)).isEqualTo("STORED");
    assertThat(d.ledgerIntact()).isTrue();
  }

  @Test
  void aConfirmedSuspectKeepsItsHoldAndIsNeverRestocked() {
    ReturnsDock d = ReturnsDock.open(admin);
    String serial = d.shipOne().serial();
    var received = d.receiveFromAStranger(serial);
    long ret = received.at("/ret/id").asLong();
    long caseId = received.at("/ret/suspectCase/id").asLong();
    ok(
        d.api.post(
            "/api/v1/return-cases/" + caseId + "/resolve",
            map("decision", "CONFIRM", "reason", "not her parcel")));
    assertThat(d.unit(serial).path("holds").toString()).contains("SUSPECT");
    ok(d.inspect(ret, "AS_NEW"));
    var restock = d.route(ret, "RESTOCK", d.site.bin1, "looks fine");
    assertThat(restock.status()).isEqualTo(409);
    assertThat(restock.problemCode()).isEqualTo("not-resaleable");
    assertThat(d.state(serial)).isEqualTo("RETURNED");
  }

  @Test
  void badInputNamesTheFieldAndWritesNothing() {
    ReturnsDock d = ReturnsDock.open(admin);
    String serial = d.shipOne().serial();
    var reason = d.receive(map("scan", d.dm(serial), "reason", "BORED", "location", d.site.dock));
    assertThat(reason.status()).isEqualTo(400);
    assertThat(reason.problemCode()).isEqualTo("unknown-reason");
    assertThat(reason.json().path("allowed").toString()).contains("DEFECTIVE");
    var noLocation = d.receive(map("scan", d.dm(serial), "reason", "DEFECTIVE"));
    assertThat(noLocation.status()).isBetween(400, 422);
    assertThat(noLocation.json().path("field").asString()).isEqualTo("location");
    var wrongType =
        d.receive(map("scan", d.dm(serial), "reason", "DEFECTIVE", "location", d.site.bin1));
    assertThat(wrongType.status()).isEqualTo(422);
    assertThat(wrongType.problemCode()).isEqualTo("wrong-location-type");
    var unknownRma =
        d.receive(map("scan", d.dm(serial), "rma", "RMA-NOPE", "location", d.site.dock));
    assertThat(unknownRma.status()).isEqualTo(404);
    var malformed =
        d.receive(map("scan", "(01)12345(21)X", "reason", "DEFECTIVE", "location", d.site.dock));
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.json().path("field").asString()).isEqualTo("scan");
    assertThat(d.state(serial)).isEqualTo("SHIPPED");
  }
}
