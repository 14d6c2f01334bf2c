package io.unitrace.returns;

import static io.unitrace.support.Api.map;
import static io.unitrace.support.Site.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.unitrace.support.Api;
import io.unitrace.support.IntegrationTest;
import io.unitrace.support.Shipped;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * An RMA closes once: by itself when everything it authorised is back, or by a supervisor's hand
 * with a reason; nothing more comes back under a closed RMA, and the refusal writes nothing.
 */
class RmaClosingIT extends IntegrationTest {

  @Test
  void anRmaClosesByItselfWithTheReceiptThatBringsBackItsLastUnit() {
    ReturnsDock d = ReturnsDock.open(admin);
    String a = ReturnsDock.serial();
    String b = ReturnsDock.serial();
    Shipped sold = Shipped.units(d.site, d.pack, d.customer, a, b);
    String rma = ok(d.rmaOfOrder(sold.channelOrderId(), "WRONG_ITEM")).at("/number").asString();

    d.received(sold.serials().get(0), rma);
    JsonNode half = ok(d.api.get("/api/v1/rmas/" + rma)).json();
    assertThat(half.path("status").asString()).as("one of two back").isEqualTo("OPEN");
    assertThat(half.path("closedAt").asString(null)).isNull();

    d.received(sold.serials().get(1), rma);
    JsonNode closed = ok(d.api.get("/api/v1/rmas/" + rma)).json();
    assertThat(closed.path("status").asString()).isEqualTo("CLOSED");
    assertThat(closed.path("closedAt").asString()).isNotBlank();
    assertThat(closed.path("closedBy").asString()).isNotBlank();
    assertThat(closed.path("closeReason").asString()).contains("back");
    assertThat(closed.path("reason").asString())
        .as("the return reason stays")
        .isEqualTo("WRONG_ITEM");

    // an unrelated unit of the same customer, scanned against the closed RMA
    String other = d.shipOne().serial();
    int events = d.history(other).size();
    var refused = d.receive(map("scan", d.dm(other), "rma", rma, "location", d.site.dock));
    assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
    assertThat(refused.problemCode()).isEqualTo("rma-closed");
    assertThat(refused.json().path("field").asString()).isEqualTo("rma");
    assertThat(refused.json().path("detail").asString()).contains(rma);
    assertThat(d.state(other)).isEqualTo("SHIPPED");
    assertThat(d.history(other)).as("a refusal writes nothing").hasSize(events);

    // a unit that is back already is told so, not that its RMA is closed
    var again = d.receive(map("scan", d.dm(a), "rma", rma, "location", d.site.dock));
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.problemCode()).isEqualTo("already-returned");
    assertThat(d.ledgerIntact()).isTrue();
  }

  @Test
  void aSupervisorClosesAnOpenRmaWithAReasonAndNothingComesBackUnderIt() {
    ReturnsDock d = ReturnsDock.open(admin);
    String serial = d.shipOne().serial();
    String rma = d.rma("DEFECTIVE", serial);
    Api clerk = d.person(admin, port, "OPERATOR");
    Api supervisor = d.person(admin, port, "SUPERVISOR");

    var byClerk = d.closeRma(clerk, rma, "customer kept it");
    assertThat(byClerk.status()).as(byClerk.toString()).isEqualTo(403);
    assertThat(byClerk.contentType()).startsWith("application/problem+json");
    assertThat(ok(d.api.get("/api/v1/rmas/" + rma)).at("/status").asString()).isEqualTo("OPEN");

    var noReason = supervisor.post("/api/v1/rmas/" + rma + "/close", map("reason", " "));
    assertThat(noReason.status()).isEqualTo(400);
    assertThat(noReason.json().path("field").asString()).isEqualTo("reason");
    var noBody = supervisor.post("/api/v1/rmas/" + rma + "/close", null);
    assertThat(noBody.status()).isEqualTo(400);
    assertThat(noBody.json().path("field").asString()).isEqualTo("reason");
    assertThat(ok(d.api.get("/api/v1/rmas/" + rma)).at("/status").asString()).isEqualTo("OPEN");

    var unknown = d.closeRma(supervisor, "RMA-NOPE", "no such");
    assertThat(unknown.status()).isEqualTo(404);

    var closed = d.closeRma(supervisor, rma, "customer kept it, refunded in store");
    assertThat(closed.status()).as(closed.toString()).isEqualTo(200);
    assertThat(closed.at("/status").asString()).isEqualTo("CLOSED");
    assertThat(closed.at("/closeReason").asString())
        .isEqualTo("customer kept it, refunded in store");
    assertThat(closed.at("/closedBy").asString()).startsWith("user:supervisor");
    assertThat(closed.at("/closedAt").asString()).isNotBlank();
    JsonNode read = ok(d.api.get("/api/v1/rmas/" + rma)).json();
    assertThat(read.path("status").asString()).isEqualTo("CLOSED");
    assertThat(read.path("closeReason").asString())
        .isEqualTo("customer kept it, refunded in store");
    assertThat(read.at("/lines/0/received").asLong()).isZero();

    int events = d.history(serial).size();
    var refused = d.receive(map("scan", d.dm(serial), "rma", rma, "location", d.site.dock));
    assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
    assertThat(refused.problemCode()).isEqualTo("rma-closed");
    assertThat(refused.json().path("detail").asString())
        .contains(rma, "customer kept it, refunded in store");
    assertThat(d.state(serial)).isEqualTo("SHIPPED");
    assertThat(d.history(serial)).hasSize(events);
    assertThat(ok(d.api.get("/api/v1/returns?status=AWAITING_INSPECTION")).at("/items").size())
        .isZero();

    var twice = d.closeRma(supervisor, rma, "again");
    assertThat(twice.status()).isEqualTo(409);
    assertThat(twice.problemCode()).isEqualTo("rma-closed");
    assertThat(twice.json().path("detail").asString()).contains(rma, "customer kept it");
    assertThat(ok(d.api.get("/api/v1/rmas/" + rma)).at("/closeReason").asString())
        .as("the first closing stands")
        .isEqualTo("customer kept it, refunded in store");

    // with its RMA closed, the unit may still come back blind, with a reason
    var blind =
        d.receive(map("scan", d.dm(serial), "reason", "DEFECTIVE", "location", d.site.dock));
    assertThat(blind.status()).as(blind.toString()).isEqualTo(201);
    assertThat(d.state(serial)).isEqualTo("RETURNED");
  }

  @Test
  void aBlindAuthorisationClosesWithTheOneReturnItWasMadeFor() {
    ReturnsDock d = ReturnsDock.open(admin);
    String serial = d.shipOne().serial();
    var blind =
        d.receive(map("scan", d.dm(serial), "reason", "CHANGED_MIND", "location", d.site.dock));
    assertThat(blind.status()).as(blind.toString()).isEqualTo(201);
    String number = blind.at("/ret/rma").asString();
    JsonNode rma = ok(d.api.get("/api/v1/rmas/" + number)).json();
    assertThat(rma.path("kind").asString()).isEqualTo("BLIND");
    assertThat(rma.path("status").asString()).isEqualTo("CLOSED");

    String other = d.shipOne().serial();
    var reused = d.receive(map("scan", d.dm(other), "rma", number, "location", d.site.dock));
    assertThat(reused.status()).isEqualTo(409);
    assertThat(reused.problemCode()).isEqualTo("rma-closed");
    assertThat(d.state(other)).isEqualTo("SHIPPED");
  }

  @Test
  void anRmaForSomeOfAnOrdersUnitsClosesWhenThoseAreBack() {
    ReturnsDock d = ReturnsDock.open(admin);
    String a = ReturnsDock.serial();
    String b = ReturnsDock.serial();
    Shipped sold = Shipped.units(d.site, d.pack, d.customer, a, b);
    String rma =
        ok(d.rmaOfOrder(sold.channelOrderId(), "DEFECTIVE", sold.serials().get(0)))
            .at("/number")
            .asString();
    d.received(sold.serials().get(0), rma);
    assertThat(ok(d.api.get("/api/v1/rmas/" + rma)).at("/status").asString())
        .as("its one line is back, though the order shipped two")
        .isEqualTo("CLOSED");
  }
}
