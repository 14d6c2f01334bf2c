package io.unitrace.returns;

import static io.unitrace.support.Api.map;
import static io.unitrace.support.Site.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.unitrace.support.IntegrationTest;
import io.unitrace.support.Shipped;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Is it the unit we shipped, under the right authorisation? The dock's identity checks over HTTP: a
 * unit its RMA does not list, a serial under another product's GTIN, another lot or expiry, another
 * IMEI. Each is suspicious, not refused: it is taken in only into quarantine, and a return that
 * names no quarantine writes nothing.
 */
class ReturnIdentityChecksIT extends IntegrationTest {

  @Test
  void aUnitItsRmaDoesNotListIsNotAuthorisedAndComesInOnlyToQuarantine() {
    ReturnsDock d = ReturnsDock.open(admin);
    String listed = ReturnsDock.serial();
    String other = ReturnsDock.serial();
    Shipped.units(d.site, d.pack, d.customer, listed, other);
    String rma = d.rma("DEFECTIVE", listed);
    int events = d.history(other).size();

    var verdict = ok(d.verdict(map("scan", d.dm(other), "rma", rma)));
    assertThat(verdict.at("/refused").asBoolean()).isFalse();
    assertThat(verdict.at("/suspicious").asBoolean()).isTrue();
    assertThat(message(verdict.at("/checks"), "not-authorised")).contains(rma, listed, other);
    assertThat(ReturnsFlowIT.codes(verdict.at("/checks"))).doesNotContain("authorised");

    var refused = d.receive(map("scan", d.dm(other), "rma", rma, "location", d.site.dock));
    assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
    assertThat(refused.problemCode()).isEqualTo("quarantine-required");
    assertThat(refused.json().path("field").asString()).isEqualTo("quarantine");
    assertThat(refused.json().path("detail").asString()).contains("not-authorised");
    assertThat(ReturnsFlowIT.codes(refused.at("/verdict/checks"))).contains("not-authorised");
    assertThat(d.state(other)).isEqualTo("SHIPPED");
    assertThat(d.history(other)).hasSize(events);
    assertThat(ok(d.api.get("/api/v1/rmas/" + rma)).at("/lines/0/received").asLong()).isZero();
    assertThat(ok(d.api.get("/api/v1/returns?status=AWAITING_INSPECTION")).at("/items").size())
        .isZero();

    var quarantined =
        d.receive(
            map(
                "scan",
                d.dm(other),
                "rma",
                rma,
                "location",
                d.site.dock,
                "quarantine",
                d.site.quarantine));
    assertThat(quarantined.status()).as(quarantined.toString()).isEqualTo(201);
    assertThat(quarantined.at("/ret/suspectCase/status").asString()).isEqualTo("OPEN");
    assertThat(ReturnsFlowIT.codes(quarantined.at("/ret/suspectCase/checks")))
        .contains("not-authorised");
    JsonNode unit = d.unit(other);
    assertThat(unit.path("state").asString()).isEqualTo("RETURNED");
    assertThat(unit.path("location").asString()).isEqualTo(d.site.quarantine);
    assertThat(unit.path("holds").toString()).contains("SUSPECT");
    // the RMA still waits for the unit it does list
    assertThat(ok(d.api.get("/api/v1/rmas/" + rma)).at("/lines/0/received").asLong()).isZero();
    var authorised = ok(d.verdict(map("scan", d.dm(listed), "rma", rma)));
    assertThat(ReturnsFlowIT.codes(authorised.at("/checks"))).contains("authorised");
    assertThat(authorised.at("/suspicious").asBoolean()).isFalse();
  }

  @Test
  void aSerialScannedUnderAnotherProductsGtinIsASwappedUnit() {
    ReturnsDock d = ReturnsDock.open(admin);
    ReturnsDock.Item other = d.product("SERIAL");
    String serial = d.shipOne().serial();
    int events = d.history(serial).size();

    var verdict = ok(d.verdict(map("scan", other.dm(serial))));
    assertThat(verdict.at("/refused").asBoolean()).isFalse();
    assertThat(verdict.at("/suspicious").asBoolean()).isTrue();
    assertThat(verdict.at("/gtin").asString()).isEqualTo(d.site.gtin);
    assertThat(verdict.at("/sku").asString()).isEqualTo(d.site.sku);
    assertThat(message(verdict.at("/checks"), "swapped-unit"))
        .contains(d.site.gtin, other.gtin(), serial);

    var refused =
        d.receive(map("scan", other.dm(serial), "reason", "DEFECTIVE", "location", d.site.dock));
    assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
    assertThat(refused.problemCode()).isEqualTo("quarantine-required");
    assertThat(ReturnsFlowIT.codes(refused.at("/verdict/checks"))).contains("swapped-unit");
    assertThat(d.state(serial)).isEqualTo("SHIPPED");
    assertThat(d.history(serial)).hasSize(events);
    assertThat(d.api.get("/api/v1/units/01/" + other.gtin() + "/21/" + serial).status())
        .isEqualTo(404);

    var quarantined =
        d.receive(
            map(
                "scan",
                other.dm(serial),
                "reason",
                "DEFECTIVE",
                "location",
                d.site.dock,
                "quarantine",
                d.site.quarantine));
    assertThat(quarantined.status()).as(quarantined.toString()).isEqualTo(201);
    assertThat(quarantined.at("/ret/gtin").asString()).isEqualTo(d.site.gtin);
    assertThat(d.unit(serial).path("location").asString()).isEqualTo(d.site.quarantine);
    assertThat(d.unit(serial).path("holds").toString()).contains("SUSPECT");
    assertThat(d.history(serial)).hasSize(events + 1);
  }

  @Test
  void aUnitScannedWithAnotherLotOrExpiryIsASwappedUnit() {
    ReturnsDock d = ReturnsDock.open(admin);
    ReturnsDock.Item lotted = d.product("LOT_AND_SERIAL", "expiryTracked", true);
    String serial = ReturnsDock.serial();
    d.stock(map("gtin", lotted.gtin(), "serial", serial, "lot", "L1", "expiry", "2030-06-30"));
    d.ship(null, lotted, serial);
    int events = d.history(lotted, serial).size();

    var same = ok(d.verdict(map("scan", full(lotted, "300630", "L1", serial))));
    assertThat(same.at("/suspicious").asBoolean()).as(same.toString()).isFalse();
    assertThat(same.at("/lot").asString()).isEqualTo("L1");
    assertThat(same.at("/expiry").asString()).isEqualTo("2030-06-30");
    assertThat(ReturnsFlowIT.codes(same.at("/checks"))).doesNotContain("swapped-unit");

    var otherLot = ok(d.verdict(map("scan", full(lotted, "300630", "L2", serial))));
    assertThat(otherLot.at("/suspicious").asBoolean()).isTrue();
    assertThat(message(otherLot.at("/checks"), "swapped-unit")).contains("L2", "L1", serial);

    var otherExpiry = ok(d.verdict(map("scan", full(lotted, "300731", "L1", serial))));
    assertThat(otherExpiry.at("/suspicious").asBoolean()).isTrue();
    assertThat(message(otherExpiry.at("/checks"), "swapped-unit"))
        .contains("2030-07-31", "2030-06-30");

    for (String scan :
        new String[] {full(lotted, "300630", "L2", serial), full(lotted, "300731", "L1", serial)}) {
      var refused = d.receive(map("scan", scan, "reason", "DEFECTIVE", "location", d.site.dock));
      assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
      assertThat(refused.problemCode()).isEqualTo("quarantine-required");
      assertThat(ReturnsFlowIT.codes(refused.at("/verdict/checks"))).contains("swapped-unit");
    }
    assertThat(d.unit(lotted, serial).path("state").asString()).isEqualTo("SHIPPED");
    assertThat(d.history(lotted, serial)).hasSize(events);
    assertThat(ok(d.api.get("/api/v1/returns?status=AWAITING_INSPECTION")).at("/items").size())
        .isZero();
  }

  @Test
  void anotherImeiForTheSerialIsAMismatchAndTheImeiAloneFindsTheUnit() {
    ReturnsDock d = ReturnsDock.open(admin);
    ReturnsDock.Item phone = d.phone();
    String serial = ReturnsDock.serial();
    String imei = imei();
    String otherImei = imei();
    d.stock(map("gtin", phone.gtin(), "serial", serial, "fields", map("IMEI", imei)));
    d.ship(null, phone, serial);
    int events = d.history(serial).size();

    var mismatch = ok(d.verdict(map("scan", d.dm(serial), "identifiers", map("IMEI", otherImei))));
    assertThat(mismatch.at("/suspicious").asBoolean()).isTrue();
    assertThat(message(mismatch.at("/checks"), "identifier-mismatch"))
        .contains(otherImei, imei, serial);

    var refused =
        d.receive(
            map(
                "scan",
                d.dm(serial),
                "identifiers",
                map("IMEI", otherImei),
                "reason",
                "DEFECTIVE",
                "location",
                d.site.dock));
    assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
    assertThat(refused.problemCode()).isEqualTo("quarantine-required");
    assertThat(ReturnsFlowIT.codes(refused.at("/verdict/checks"))).contains("identifier-mismatch");
    assertThat(d.state(serial)).isEqualTo("SHIPPED");
    assertThat(d.history(serial)).hasSize(events);

    var byImei = ok(d.verdict(map("scan", imei)));
    assertThat(byImei.at("/serial").asString()).isEqualTo(serial);
    assertThat(byImei.at("/gtin").asString()).isEqualTo(phone.gtin());
    assertThat(byImei.at("/suspicious").asBoolean()).as(byImei.toString()).isFalse();
    assertThat(ReturnsFlowIT.codes(byImei.at("/checks"))).contains("shipped-by-us");

    // the dock may type the field's name in any case
    var matches = ok(d.verdict(map("scan", d.dm(serial), "identifiers", map("imei", imei))));
    assertThat(ReturnsFlowIT.codes(matches.at("/checks")))
        .contains("identifier-matches")
        .doesNotContain("identifier-mismatch");
    assertThat(matches.at("/suspicious").asBoolean()).isFalse();

    var received =
        d.receive(
            map(
                "scan",
                imei,
                "identifiers",
                map("imei", imei),
                "reason",
                "DEFECTIVE",
                "location",
                d.site.dock));
    assertThat(received.status()).as(received.toString()).isEqualTo(201);
    assertThat(received.at("/ret/serial").asString()).isEqualTo(serial);
    assertThat(received.at("/ret/suspectCase/id").isMissingNode()).isTrue();
    assertThat(d.state(serial)).isEqualTo("RETURNED");
    assertThat(d.unit(serial).path("location").asString()).isEqualTo(d.site.dock);
  }

  /** A GS1 element string with GTIN, expiry (yyMMdd), lot and serial. */
  static String full(ReturnsDock.Item item, String expiry, String lot, String serial) {
    return "(01)" + item.gtin() + "(17)" + expiry + "(10)" + lot + "(21)" + serial;
  }

  /** The message of the first check named {@code code}; fails if there is none. */
  static String message(JsonNode checks, String code) {
    for (JsonNode c : checks) {
      if (c.path("code").asString().equals(code)) {
        return c.path("message").asString();
      }
    }
    throw new AssertionError("no check " + code + " in " + checks);
  }

  /** A 15-digit IMEI no other test uses. */
  static String imei() {
    return "35" + String.format("%013d", ThreadLocalRandom.current().nextLong(10_000_000_000_000L));
  }
}
