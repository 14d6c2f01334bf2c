package io.unitrace.returns;

import static io.unitrace.returns.ReturnIdentityChecksIT.full;
import static io.unitrace.returns.ReturnIdentityChecksIT.message;
import static io.unitrace.support.Api.map;
import static io.unitrace.support.Site.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.unitrace.support.IntegrationTest;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * May it come back, and be sold again? The dock's checks over HTTP for a unit recalled or marked
 * suspect while at the customer (quarantine, a SUSPECT hold, a case), a regulated product whose
 * identifier is or is not verified (never restocked unverified), and the return window and warranty
 * the sale gives it, with their end dates.
 */
class ReturnEligibilityIT extends IntegrationTest {

  @Test
  void aRecalledUnitGoesToQuarantineKeepingItsRecallWithASuspectHoldAndACase() {
    heldAtTheCustomerGoesToQuarantine("RECALL", "recalled");
  }

  @Test
  void aUnitMarkedSuspectAtTheCustomerGoesToQuarantineWithACase() {
    heldAtTheCustomerGoesToQuarantine("SUSPECT", "suspect");
  }

  private void heldAtTheCustomerGoesToQuarantine(String hold, String check) {
    ReturnsDock d = ReturnsDock.open(admin);
    String serial = d.shipOne().serial();
    ok(
        d.api.post(
            d.site.unitPath(serial) + "/holds", map("hold", hold, "reason", "supplier notice")));
    assertThat(d.state(serial)).isEqualTo("SHIPPED");
    int events = d.history(serial).size();

    var verdict = ok(d.verdict(map("scan", d.dm(serial))));
    assertThat(verdict.at("/refused").asBoolean()).isFalse();
    assertThat(verdict.at("/suspicious").asBoolean()).isTrue();
    assertThat(verdict.at("/resaleable").asBoolean()).isFalse();
    assertThat(verdict.at("/holds").toString()).contains(hold);
    assertThat(message(verdict.at("/checks"), check)).contains("quarantine");

    var refused =
        d.receive(map("scan", d.dm(serial), "reason", "DEFECTIVE", "location", d.site.dock));
    assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
    assertThat(refused.problemCode()).isEqualTo("quarantine-required");
    assertThat(refused.json().path("detail").asString()).contains(check);
    assertThat(ReturnsFlowIT.codes(refused.at("/verdict/checks"))).contains(check);
    assertThat(d.state(serial)).isEqualTo("SHIPPED");
    assertThat(d.history(serial)).hasSize(events);
    assertThat(ok(d.api.get("/api/v1/return-cases?status=OPEN")).at("/items").size()).isZero();

    var received =
        d.receive(
            map(
                "scan",
                d.dm(serial),
                "reason",
                "DEFECTIVE",
                "location",
                d.site.dock,
                "quarantine",
                d.site.quarantine));
    assertThat(received.status()).as(received.toString()).isEqualTo(201);
    assertThat(ReturnsFlowIT.codes(received.at("/verdict/checks"))).contains(check);
    assertThat(received.at("/ret/location").asString()).isEqualTo(d.site.quarantine);
    JsonNode unit = d.unit(serial);
    assertThat(unit.path("state").asString()).isEqualTo("RETURNED");
    assertThat(unit.path("location").asString()).isEqualTo(d.site.quarantine);
    assertThat(unit.path("holds").toString()).contains(hold, "SUSPECT");
    assertThat(d.history(serial)).hasSize(events + 1);
    long caseId = received.at("/ret/suspectCase/id").asLong();
    var open = ok(d.api.get("/api/v1/return-cases/" + caseId));
    assertThat(open.at("/status").asString()).isEqualTo("OPEN");
    assertThat(ReturnsFlowIT.codes(open.at("/checks"))).contains(check);
    assertThat(ReturnsFlowIT.ids(ok(d.api.get("/api/v1/return-cases?status=OPEN"))))
        .containsExactly(caseId);
    assertThat(d.ledgerIntact()).isTrue();
  }

  @Test
  void aRegulatedUnitIsResaleableOnlyWithItsWholeIdentifierVerified() {
    ReturnsDock d = ReturnsDock.open(admin);
    ReturnsDock.Item drug = d.product("LOT_AND_SERIAL", "expiryTracked", true, "regulated", true);
    String verified = ReturnsDock.serial();
    String bare = ReturnsDock.serial();
    for (String s : new String[] {verified, bare}) {
      d.stock(map("gtin", drug.gtin(), "serial", s, "lot", "L7", "expiry", "2030-06-30"));
    }
    d.ship(null, drug, verified, bare);

    var whole = ok(d.verdict(map("scan", full(drug, "300630", "L7", verified))));
    assertThat(whole.at("/resaleable").asBoolean()).as(whole.toString()).isTrue();
    assertThat(whole.at("/suspicious").asBoolean()).isFalse();
    assertThat(ReturnsFlowIT.codes(whole.at("/checks")))
        .contains("regulated-verified")
        .doesNotContain("regulated-unverified");
    long clean =
        ok(d.receive(
                map(
                    "scan",
                    full(drug, "300630", "L7", verified),
                    "reason",
                    "DEFECTIVE",
                    "location",
                    d.site.dock)))
            .at("/ret/id")
            .asLong();
    ok(d.inspect(clean, "AS_NEW"));
    ok(d.route(clean, "RESTOCK", d.site.bin1, "sealed, as new"));
    assertThat(d.unit(drug, verified).path("state").asString()).isEqualTo("STORED");

    var partial = ok(d.verdict(map("scan", drug.dm(bare))));
    assertThat(partial.at("/refused").asBoolean()).isFalse();
    assertThat(partial.at("/suspicious").asBoolean()).isFalse();
    assertThat(partial.at("/resaleable").asBoolean()).isFalse();
    assertThat(message(partial.at("/checks"), "regulated-unverified")).contains("lot", "expiry");
    var received =
        d.receive(map("scan", drug.dm(bare), "reason", "DEFECTIVE", "location", d.site.dock));
    assertThat(received.status()).as(received.toString()).isEqualTo(201);
    assertThat(ReturnsFlowIT.codes(received.at("/ret/checks"))).contains("regulated-unverified");
    long ret = received.at("/ret/id").asLong();
    ok(d.inspect(ret, "AS_NEW"));
    int events = d.history(drug, bare).size();
    var restock = d.route(ret, "RESTOCK", d.site.bin1, "sealed, as new");
    assertThat(restock.status()).as(restock.toString()).isEqualTo(409);
    assertThat(restock.problemCode()).isEqualTo("not-resaleable");
    assertThat(restock.json().path("field").asString()).isEqualTo("disposition");
    assertThat(d.unit(drug, bare).path("state").asString()).isEqualTo("RETURNED");
    assertThat(d.unit(drug, bare).path("location").asString()).isEqualTo(d.site.dock);
    assertThat(d.history(drug, bare)).hasSize(events);
    assertThat(ok(d.api.get("/api/v1/returns/" + ret)).at("/status").asString())
        .isEqualTo("INSPECTED");
  }

  @Test
  void theSaleGivesAReturnWindowThenAWarrantyThenNothingWithTheirEndDates() {
    ReturnsDock d = ReturnsDock.open(admin, 30);
    ReturnsDock.Item gadget = d.product("SERIAL", "warrantyMonths", 12);
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    LocalDate recently = today.minusDays(10);
    LocalDate months = today.minusDays(100);
    LocalDate years = today.minusDays(800);
    String recent = ReturnsDock.serial();
    String older = ReturnsDock.serial();
    String old = ReturnsDock.serial();
    for (String s : new String[] {recent, older, old}) {
      d.stock(map("gtin", gadget.gtin(), "serial", s));
    }
    d.ship(recently.toString(), gadget, recent);
    d.ship(months.toString(), gadget, older);
    d.ship(years.toString(), gadget, old);

    var window = ok(d.verdict(map("scan", gadget.dm(recent))));
    assertThat(window.at("/sale/shipDate").asString()).isEqualTo(recently.toString());
    assertThat(window.at("/sale/warrantyUntil").asString())
        .isEqualTo(recently.plusMonths(12).toString());
    assertThat(window.at("/eligibility/kind").asString()).isEqualTo("RETURN_WINDOW");
    assertThat(window.at("/eligibility/until").asString())
        .isEqualTo(recently.plusDays(30).toString());
    assertThat(message(window.at("/checks"), "eligibility"))
        .contains(recently.plusDays(30).toString());

    var warranty = ok(d.verdict(map("scan", gadget.dm(older))));
    assertThat(warranty.at("/eligibility/kind").asString()).isEqualTo("WARRANTY");
    assertThat(warranty.at("/eligibility/until").asString())
        .isEqualTo(months.plusMonths(12).toString());
    assertThat(message(warranty.at("/checks"), "eligibility"))
        .contains(months.plusMonths(12).toString());

    var none = ok(d.verdict(map("scan", gadget.dm(old))));
    assertThat(none.at("/eligibility/kind").asString()).isEqualTo("NONE");
    assertThat(none.at("/eligibility/until").asString(null)).isNull();
    assertThat(none.at("/sale/warrantyUntil").asString())
        .isEqualTo(years.plusMonths(12).toString());
    assertThat(message(none.at("/checks"), "eligibility"))
        .contains(years.plusMonths(12).toString());
    assertThat(none.at("/refused").asBoolean()).isFalse();

    var back =
        d.receive(map("scan", gadget.dm(older), "reason", "DEFECTIVE", "location", d.site.dock));
    assertThat(back.status()).as(back.toString()).isEqualTo(201);
    assertThat(back.at("/ret/eligibility").asString()).isEqualTo("WARRANTY");
  }
}
