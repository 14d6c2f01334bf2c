package io.unitrace.returns;

import static io.unitrace.support.Api.list;
import static io.unitrace.support.Api.map;
import static io.unitrace.support.Site.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.unitrace.support.Api;
import io.unitrace.support.IntegrationTest;
import io.unitrace.support.Shipped;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A return's whole way back over HTTP: authorised, judged at the dock, received, inspected and
 * routed (to stock, repair, refurbishment, quarantine, scrap, the vendor, back to the customer),
 * with the client's rules choosing the default and a supervisor overriding it.
 */
class ReturnsFlowIT extends IntegrationTest {

  @Test
  void aCleanReturnBySerialIsJudgedReceivedInspectedRestockedAndPutAway() {
    ReturnsDock d = ReturnsDock.open(admin);
    Shipped sold = d.shipOne();
    String serial = sold.serial();
    var created =
        d.api.post(
            "/api/v1/rmas",
            map("units", list(d.dm(serial)), "reason", "DEFECTIVE", "customer", d.customer));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    String rma = created.at("/number").asString();
    assertThat(created.at("/kind").asString()).isEqualTo("SERIAL");
    var read = ok(d.api.get("/api/v1/rmas/" + rma));
    assertThat(read.at("/lines/0/serial").asString()).isEqualTo(serial);
    assertThat(read.at("/status").asString()).isEqualTo("OPEN");
    int eventsBefore = d.history(serial).size();

    var verdict = ok(d.api.post("/api/v1/returns/verdict", map("scan", d.dm(serial), "rma", rma)));
    assertThat(verdict.at("/refused").asBoolean()).isFalse();
    assertThat(verdict.at("/suspicious").asBoolean()).as(verdict.toString()).isFalse();
    assertThat(verdict.at("/resaleable").asBoolean()).isTrue();
    assertThat(verdict.at("/sale/order").asString()).isEqualTo(sold.channelOrderId());
    assertThat(verdict.at("/sale/channel").asString()).isEqualTo("WEB");
    assertThat(verdict.at("/sale/customer").asString()).isEqualTo(d.customer);
    assertThat(verdict.at("/sale/soldTo").asString()).isEqualTo("Ann Buyer");
    assertThat(verdict.at("/sale/shipDate").asString())
        .isEqualTo(LocalDate.now(ZoneOffset.UTC).toString());
    assertThat(verdict.at("/sale/creditTo").asString()).contains("WEB", sold.channelOrderId());
    assertThat(verdict.at("/eligibility/kind").asString()).isEqualTo("RETURN_WINDOW");
    assertThat(verdict.at("/eligibility/until").asString())
        .isEqualTo(LocalDate.now(ZoneOffset.UTC).plusDays(30).toString());
    assertThat(codes(verdict.at("/checks"))).contains("shipped-by-us", "authorised");
    assertThat(d.history(serial)).as("a verdict writes nothing").hasSize(eventsBefore);
    assertThat(d.state(serial)).isEqualTo("SHIPPED");

    var received = d.receive(map("scan", d.dm(serial), "rma", rma, "location", d.site.dock));
    assertThat(received.status()).as(received.toString()).isEqualTo(201);
    long ret = received.at("/ret/id").asLong();
    assertThat(received.at("/ret/status").asString()).isEqualTo("AWAITING_INSPECTION");
    assertThat(received.at("/ret/rma").asString()).isEqualTo(rma);
    assertThat(received.at("/ret/reason").asString()).isEqualTo("DEFECTIVE");
    assertThat(received.at("/ret/eligibility").asString()).isEqualTo("RETURN_WINDOW");
    assertThat(received.at("/event/eventId").asLong()).isPositive();
    JsonNode unit = d.unit(serial);
    assertThat(unit.path("state").asString()).isEqualTo("RETURNED");
    assertThat(unit.path("location").asString()).isEqualTo(d.site.dock);
    assertThat(d.history(serial)).last().isEqualTo("receiving/returned");
    assertThat(ok(d.api.get("/api/v1/rmas/" + rma)).at("/lines/0/received").asLong()).isEqualTo(1);
    assertThat(ids(ok(d.api.get("/api/v1/returns?status=AWAITING_INSPECTION")))).contains(ret);
    assertThat(ok(d.api.get("/api/v1/returns/" + ret)).at("/serial").asString()).isEqualTo(serial);

    // the order stays shipped, its unit is not allocated to it again
    var order = ok(d.api.get("/api/v1/orders/" + sold.orderId()));
    assertThat(order.at("/status").asString()).isEqualTo("SHIPPED");
    assertThat(d.state(serial)).isNotEqualTo("ALLOCATED");

    var inspected = d.inspect(ret, "GOOD");
    assertThat(inspected.status()).as(inspected.toString()).isEqualTo(200);
    assertThat(inspected.at("/suggested").asString()).isEqualTo("RESTOCK");
    assertThat(inspected.at("/why").asString()).isNotBlank();
    assertThat(inspected.at("/ret/status").asString()).isEqualTo("INSPECTED");
    assertThat(inspected.at("/ret/condition").asString()).isEqualTo("GOOD");
    assertThat(d.history(serial)).last().isEqualTo("inspecting/conformant");
    assertThat(d.state(serial)).isEqualTo("RETURNED");

    var routed = d.route(ret, "RESTOCK", d.site.dock);
    assertThat(routed.status()).as(routed.toString()).isEqualTo(200);
    assertThat(routed.at("/ret/status").asString()).isEqualTo("ROUTED");
    assertThat(routed.at("/ret/disposition").asString()).isEqualTo("RESTOCK");
    assertThat(routed.at("/next").asString()).contains("Put it away");
    assertThat(d.state(serial)).isEqualTo("RECEIVED");
    assertThat(d.unit(serial).path("location").asString()).isEqualTo(d.site.dock);
    assertThat(ids(ok(d.api.get("/api/v1/returns?status=ROUTED")))).contains(ret);

    var putaway = d.api.post("/api/v1/putaway", map("scan", d.dm(serial), "location", d.site.bin2));
    assertThat(putaway.status()).as(putaway.toString()).isBetween(200, 201);
    assertThat(d.state(serial)).isEqualTo("STORED");
    assertThat(d.unit(serial).path("location").asString()).isEqualTo(d.site.bin2);

    var again = d.route(ret, "SCRAP", null);
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.problemCode()).isEqualTo("already-routed");
    assertThat(d.ledgerIntact()).isTrue();
  }

  @Test
  void aBlindReturnNeedsAReasonAndMakesItsOwnAuthorisation() {
    ReturnsDock d = ReturnsDock.open(admin);
    String serial = d.shipOne().serial();
    var noReason = d.receive(map("scan", d.dm(serial), "location", d.site.dock));
    assertThat(noReason.status()).isEqualTo(400);
    assertThat(noReason.json().path("field").asString()).isEqualTo("reason");
    assertThat(d.state(serial)).isEqualTo("SHIPPED");

    var blind =
        d.receive(map("scan", d.dm(serial), "reason", "changed_mind", "location", d.site.dock));
    assertThat(blind.status()).as(blind.toString()).isEqualTo(201);
    String number = blind.at("/ret/rma").asString();
    assertThat(number).startsWith("BLIND-");
    assertThat(blind.at("/ret/reason").asString()).isEqualTo("CHANGED_MIND");
    var rma = ok(d.api.get("/api/v1/rmas/" + number));
    assertThat(rma.at("/kind").asString()).isEqualTo("BLIND");
    assertThat(d.state(serial)).isEqualTo("RETURNED");
    assertThat(d.history(serial)).last().isEqualTo("receiving/returned");
  }

  @Test
  void anRmaByOrderAuthorisesItsShippedSerialsAndNamesItsCustomer() {
    ReturnsDock d = ReturnsDock.open(admin);
    String a = ReturnsDock.serial();
    String b = ReturnsDock.serial();
    Shipped sold = Shipped.units(d.site, d.pack, d.customer, a, b);
    var all = d.rmaOfOrder(sold.channelOrderId(), "WRONG_ITEM");
    assertThat(all.status()).as(all.toString()).isEqualTo(201);
    assertThat(all.at("/kind").asString()).isEqualTo("ORDER");
    assertThat(all.at("/customer").asString()).isEqualTo(d.customer);
    List<String> serials = new ArrayList<>();
    all.at("/lines").forEach(l -> serials.add(l.path("serial").asString()));
    assertThat(serials).containsExactlyInAnyOrderElementsOf(sold.serials());

    String first = sold.serials().get(0);
    var one = d.rmaOfOrder(sold.channelOrderId(), "WRONG_ITEM", first);
    assertThat(one.status()).as(one.toString()).isEqualTo(201);
    assertThat(one.at("/lines").size()).isEqualTo(1);

    var notOnOrder = d.rmaOfOrder(sold.channelOrderId(), "WRONG_ITEM", "NOT-OURS");
    assertThat(notOnOrder.status()).isEqualTo(422);
    assertThat(notOnOrder.problemCode()).isEqualTo("not-on-order");

    var received =
        d.receive(
            map("scan", d.dm(first), "rma", all.at("/number").asString(), "location", d.site.dock));
    assertThat(received.status()).as(received.toString()).isEqualTo(201);
    assertThat(received.at("/verdict/suspicious").asBoolean()).isFalse();
    assertThat(codes(received.at("/verdict/checks"))).contains("authorised", "same-customer");
    assertThat(received.at("/ret/returnedBy").asString()).isEqualTo(d.customer);
    assertThat(ok(d.api.get("/api/v1/orders/" + sold.orderId())).at("/status").asString())
        .isEqualTo("SHIPPED");
  }

  @Test
  void aDefectiveUnitGoesToRepairAndFromThereBackToStock() {
    ReturnsDock d = ReturnsDock.open(admin);
    String serial = d.shipOne().serial();
    long ret = d.received(serial, d.rma("DEFECTIVE", serial));
    var inspected = ok(d.inspect(ret, "DEFECTIVE"));
    assertThat(inspected.at("/suggested").asString()).isEqualTo("REPAIR");
    assertThat(d.history(serial)).last().isEqualTo("inspecting/non_sellable_other");

    var wrongPlace = d.route(ret, "REPAIR", d.site.bin1);
    assertThat(wrongPlace.status()).isEqualTo(422);
    assertThat(wrongPlace.problemCode()).isEqualTo("wrong-location-type");
    assertThat(d.state(serial)).isEqualTo("RETURNED");

    ok(d.route(ret, "REPAIR", d.repair));
    assertThat(d.state(serial)).isEqualTo("IN_REPAIR");
    assertThat(d.unit(serial).path("location").asString()).isEqualTo(d.repair);
    assertThat(d.history(serial)).last().isEqualTo("repairing/non_sellable_other");

    var notAgain = d.route(ret, "REFURBISH", d.repair);
    assertThat(notAgain.status()).isEqualTo(422);
    assertThat(notAgain.problemCode()).isEqualTo("route-not-allowed");

    var back = d.route(ret, "RESTOCK", d.site.bin1);
    assertThat(back.status()).as(back.toString()).isEqualTo(200);
    assertThat(d.state(serial)).isEqualTo("STORED");
    assertThat(d.unit(serial).path("location").asString()).isEqualTo(d.site.bin1);
    assertThat(d.history(serial)).last().isEqualTo("repairing/sellable_accessible");
    var done = d.route(ret, "SCRAP", null);
    assertThat(done.status()).isEqualTo(409);
    assertThat(done.problemCode()).isEqualTo("already-routed");
    assertThat(d.ledgerIntact()).isTrue();
  }

  @Test
  void aRepairedUnitGoesBackToItsCustomer() {
    ReturnsDock d = ReturnsDock.open(admin);
    String serial = d.shipOne().serial();
    long ret = d.received(serial, d.rma("WARRANTY_REPAIR", serial));
    var inspected = ok(d.inspect(ret, "GOOD"));
    assertThat(inspected.at("/suggested").asString()).isEqualTo("REPAIR");
    var early = d.route(ret, "RETURN_TO_CUSTOMER", null, "the customer wants it back");
    assertThat(early.status()).isEqualTo(422);
    assertThat(early.problemCode()).isEqualTo("route-not-allowed");
    ok(d.route(ret, "REPAIR", d.repair));
    var home = d.route(ret, "RETURN_TO_CUSTOMER", null);
    assertThat(home.status()).as(home.toString()).isEqualTo(200);
    JsonNode unit = d.unit(serial);
    assertThat(unit.path("state").asString()).isEqualTo("SHIPPED");
    assertThat(d.history(serial)).last().isEqualTo("shipping/in_transit");
    assertThat(d.ledgerIntact()).isTrue();
  }

  @Test
  void aDamagedUnitIsRefurbishedByDefault() {
    ReturnsDock d = ReturnsDock.open(admin);
    String serial = d.shipOne().serial();
    long ret = d.received(serial, d.rma("DAMAGED_IN_TRANSIT", serial));
    var inspected = ok(d.inspect(ret, "DAMAGED"));
    assertThat(inspected.at("/suggested").asString()).isEqualTo("REFURBISH");
    assertThat(d.history(serial)).last().isEqualTo("inspecting/damaged");
    var routed = ok(d.route(ret, "REFURBISH", d.repair));
    assertThat(routed.at("/ret/overrideReason").asString(null)).isNull();
    assertThat(d.state(serial)).isEqualTo("IN_REPAIR");
  }

  @Test
  void quarantineScrapAndReturnToVendorAreRoutesAndTheLastTwoEndTheUnit() {
    ReturnsDock d = ReturnsDock.open(admin);
    ok(
        d.api.put(
            "/api/v1/return-routing-rules",
            list(
                map("reason", "*", "condition", "DAMAGED", "disposition", "SCRAP"),
                map("reason", "WRONG_ITEM", "condition", "*", "disposition", "RETURN_TO_VENDOR"),
                map("reason", "*", "condition", "*", "disposition", "QUARANTINE"))));
    String q = d.shipOne().serial();
    long qRet = d.received(q, d.rma("CHANGED_MIND", q));
    assertThat(ok(d.inspect(qRet, "AS_NEW")).at("/suggested").asString()).isEqualTo("QUARANTINE");
    assertThat(d.history(q)).last().isEqualTo("inspecting/sellable_accessible");
    var wrongPlace = d.route(qRet, "QUARANTINE", d.site.dock);
    assertThat(wrongPlace.problemCode()).isEqualTo("wrong-location-type");
    ok(d.route(qRet, "QUARANTINE", d.site.quarantine));
    assertThat(d.state(q)).isEqualTo("RETURNED");
    assertThat(d.unit(q).path("location").asString()).isEqualTo(d.site.quarantine);
    assertThat(d.history(q)).last().isEqualTo("holding/non_sellable_other");

    String s = d.shipOne().serial();
    long sRet = d.received(s, d.rma("CHANGED_MIND", s));
    assertThat(ok(d.inspect(sRet, "DAMAGED")).at("/suggested").asString()).isEqualTo("SCRAP");
    ok(d.route(sRet, "SCRAP", null));
    assertThat(d.state(s)).isEqualTo("SCRAPPED");
    assertThat(d.history(s)).last().isEqualTo("destroying/destroyed");
    var afterScrap = d.route(sRet, "RESTOCK", d.site.bin1);
    assertThat(afterScrap.status()).isEqualTo(409);
    assertThat(d.state(s)).isEqualTo("SCRAPPED");

    String v = d.shipOne().serial();
    long vRet = d.received(v, d.rma("WRONG_ITEM", v));
    assertThat(ok(d.inspect(vRet, "GOOD")).at("/suggested").asString())
        .isEqualTo("RETURN_TO_VENDOR");
    ok(d.route(vRet, "RETURN_TO_VENDOR", null));
    assertThat(d.state(v)).isEqualTo("RETURNED_TO_VENDOR");
    var afterVendor = d.route(vRet, "SCRAP", null);
    assertThat(afterVendor.status()).isEqualTo(409);
    assertThat(d.state(v)).isEqualTo("RETURNED_TO_VENDOR");
    assertThat(d.ledgerIntact()).isTrue();
  }

  @Test
  void aRouteOtherThanTheDefaultNeedsASupervisorAndAReason() {
    ReturnsDock d = ReturnsDock.open(admin);
    String serial = d.shipOne().serial();
    long ret = d.received(serial, d.rma("CHANGED_MIND", serial));
    assertThat(ok(d.inspect(ret, "AS_NEW")).at("/suggested").asString()).isEqualTo("RESTOCK");

    Api operator = operator(d);
    var byOperator =
        operator.post(
            "/api/v1/returns/" + ret + "/route",
            map("disposition", "SCRAP", "reason", "looks worn"));
    assertThat(byOperator.status()).as(byOperator.toString()).isEqualTo(403);
    assertThat(d.state(serial)).isEqualTo("RETURNED");

    var noReason = d.route(ret, "SCRAP", null);
    assertThat(noReason.status()).isEqualTo(400);
    assertThat(noReason.problemCode()).isEqualTo("override-reason");
    assertThat(noReason.json().path("field").asString()).isEqualTo("reason");
    assertThat(d.state(serial)).isEqualTo("RETURNED");

    var routed = d.route(ret, "SCRAP", null, "screen cracked under the film");
    assertThat(routed.status()).as(routed.toString()).isEqualTo(200);
    assertThat(routed.at("/ret/overrideReason").asString())
        .isEqualTo("screen cracked under the film");
    assertThat(d.state(serial)).isEqualTo("SCRAPPED");

    // the default route needs neither
    String other = d.shipOne().serial();
    long ret2 = d.received(other, d.rma("CHANGED_MIND", other));
    ok(d.inspect(ret2, "GOOD"));
    var byDefault =
        operator.post(
            "/api/v1/returns/" + ret2 + "/route",
            map("disposition", "RESTOCK", "location", d.site.bin1));
    assertThat(byDefault.status()).as(byDefault.toString()).isEqualTo(200);
    assertThat(d.state(other)).isEqualTo("STORED");
  }

  @Test
  void theClientsRuleChangesTheDefaultRoute() {
    ReturnsDock d = ReturnsDock.open(admin);
    var none = ok(d.api.get("/api/v1/return-routing-rules"));
    assertThat(none.json().size()).isZero();
    var put =
        d.api.put(
            "/api/v1/return-routing-rules",
            list(map("reason", "CHANGED_MIND", "condition", "GOOD", "disposition", "REFURBISH")));
    assertThat(put.status()).as(put.toString()).isEqualTo(200);
    assertThat(put.at("/0/disposition").asString()).isEqualTo("REFURBISH");
    assertThat(ok(d.api.get("/api/v1/return-routing-rules")).json().size()).isEqualTo(1);

    String serial = d.shipOne().serial();
    long ret = d.received(serial, d.rma("CHANGED_MIND", serial));
    var inspected = ok(d.inspect(ret, "GOOD"));
    assertThat(inspected.at("/suggested").asString()).isEqualTo("REFURBISH");
    assertThat(inspected.at("/why").asString()).contains("CHANGED_MIND");
    // restocking is now the override
    var restock = d.route(ret, "RESTOCK", d.site.bin1);
    assertThat(restock.problemCode()).isEqualTo("override-reason");
    ok(d.route(ret, "REFURBISH", d.repair));
    assertThat(d.state(serial)).isEqualTo("IN_REPAIR");

    var twice =
        d.api.put(
            "/api/v1/return-routing-rules",
            list(
                map("reason", "*", "condition", "*", "disposition", "SCRAP"),
                map("reason", null, "condition", "*", "disposition", "RESTOCK")));
    assertThat(twice.status()).isEqualTo(400);
    var unknownReason =
        d.api.put(
            "/api/v1/return-routing-rules",
            list(map("reason", "NO_SUCH", "condition", "*", "disposition", "SCRAP")));
    assertThat(unknownReason.status()).isEqualTo(400);
    assertThat(unknownReason.problemCode()).isEqualTo("unknown-reason");
    assertThat(ok(d.api.get("/api/v1/return-routing-rules")).json().size()).isEqualTo(1);
  }

  @Test
  void aClientsOwnReasonIsListedAndUsable() {
    ReturnsDock d = ReturnsDock.open(admin);
    var put = d.api.put("/api/v1/return-reasons/too_small", map("label", "Too small"));
    assertThat(put.status()).as(put.toString()).isEqualTo(200);
    assertThat(put.at("/code").asString()).isEqualTo("TOO_SMALL");
    List<String> codes = new ArrayList<>();
    ok(d.api.get("/api/v1/return-reasons"))
        .json()
        .forEach(r -> codes.add(r.path("code").asString()));
    assertThat(codes).contains("DEFECTIVE", "WARRANTY_REPAIR", "TOO_SMALL");
    var builtIn = d.api.put("/api/v1/return-reasons/DEFECTIVE", map("label", "Broken"));
    assertThat(builtIn.status()).isEqualTo(409);
    String serial = d.shipOne().serial();
    long ret = d.received(serial, d.rma("TOO_SMALL", serial));
    assertThat(ok(d.api.get("/api/v1/returns/" + ret)).at("/reason").asString())
        .isEqualTo("TOO_SMALL");
  }

  /** An OPERATOR of the dock's client: may receive and route by default, not override. */
  private Api operator(ReturnsDock d) {
    return d.person(admin, port, "OPERATOR");
  }

  static List<String> codes(JsonNode checks) {
    List<String> codes = new ArrayList<>();
    checks.forEach(c -> codes.add(c.path("code").asString()));
    return codes;
  }

  static List<Long> ids(Api.Response page) {
    List<Long> ids = new ArrayList<>();
    page.at("/items").forEach(r -> ids.add(r.path("id").asLong()));
    return ids;
  }
}
