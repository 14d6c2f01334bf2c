package io.unitrace.recalls;

import static io.unitrace.support.Api.map;
import static io.unitrace.support.Site.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.unitrace.support.Api;
import io.unitrace.support.IntegrationTest;
import io.unitrace.support.Shipped;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Recalled stock that never left is taken out of the books from the shelf, a supervisor's decision
 * with a reason: destroyed, or sent back to the supplier. Each is one ledger event on the unit's
 * chain; the campaign counts it as resolved and closes without releasing anything. Refusals name
 * their rule and write nothing.
 */
class RecalledStockDisposalIT extends IntegrationTest {

  @Test
  void recalledUnitsOnTheShelfAreDestroyedOrSentBackAndTheCampaignCloses() {
    RecallFloor f = RecallFloor.open(admin);
    String lot = unique("D");
    f.register(lot, "D-1", "D-2", "D-3");
    Shipped shipped = f.ship(1);
    assertThat(shipped.serials()).containsExactly("D-1");
    JsonNode campaign = f.openRecall(f.draftLots(lot));
    String id = campaign.path("id").asString();
    assertThat(f.holds("D-2")).containsExactly("RECALL");

    Api supervisor = f.site.personApi(admin, port, "SUPERVISOR");
    JsonNode scrapped =
        ok(supervisor.post(
                "/api/v1/units/01/" + f.gtin + "/21/D-2/disposal",
                map("to", "SCRAPPED", "reason", "recall: crushed on site")))
            .json();
    assertThat(scrapped.path("type").asString()).isEqualTo("SCRAPPED");
    ok(
        supervisor.post(
            "/api/v1/units/01/" + f.gtin + "/21/D-3/disposal",
            map("to", "RETURNED_TO_VENDOR", "reason", "recall: back to the supplier")));
    assertThat(f.state("D-2")).isEqualTo("SCRAPPED");
    assertThat(f.state("D-3")).isEqualTo("RETURNED_TO_VENDOR");
    assertThat(f.holds("D-2")).as("the hold stays on record").containsExactly("RECALL");
    assertThat(f.history("D-2").get(f.history("D-2").size() - 1).path("type").asString())
        .isEqualTo("SCRAPPED");

    JsonNode now = ok(f.api.get("/api/v1/recalls/" + id)).json();
    assertThat(now.at("/figures/destroyed").asLong()).isEqualTo(2);
    JsonNode closed =
        ok(f.close(campaign, supervisor, "stock destroyed or returned; D-1 customer notified"))
            .json();
    assertThat(closed.path("status").asString()).isEqualTo("CLOSED");
    assertThat(closed.at("/figures/releasedUnits").asLong()).isZero();
    assertThat(ok(f.api.post("/api/v1/ledger/verify", null)).at("/intact").asBoolean()).isTrue();
  }

  @Test
  void aDisposalIsASupervisorsWithAReasonOfStockOnlyAndAWrongOneWritesNothing() {
    RecallFloor f = RecallFloor.open(admin);
    String lot = unique("E");
    f.register(lot, "E-1", "E-2");
    Shipped shipped = f.ship(1);
    assertThat(shipped.serials()).containsExactly("E-1");
    Api supervisor = f.site.personApi(admin, port, "SUPERVISOR");
    Api operator = f.site.personApi(admin, port, "OPERATOR");
    String e2 = "/api/v1/units/01/" + f.gtin + "/21/E-2/disposal";
    int before = f.history("E-2").size();

    assertThat(operator.post(e2, map("to", "SCRAPPED", "reason", "broken")).status())
        .isEqualTo(403);
    var noReason = supervisor.post(e2, map("to", "SCRAPPED"));
    assertThat(noReason.status()).isEqualTo(400);
    assertThat(noReason.at("/field").asString()).isEqualTo("reason");
    var wrongTo = supervisor.post(e2, map("to", "SHIPPED", "reason", "broken"));
    assertThat(wrongTo.status()).isEqualTo(400);
    assertThat(wrongTo.at("/field").asString()).isEqualTo("to");
    var shippedOne =
        supervisor.post(
            "/api/v1/units/01/" + f.gtin + "/21/E-1/disposal",
            map("to", "SCRAPPED", "reason", "broken"));
    assertThat(shippedOne.status()).as(shippedOne.toString()).isEqualTo(409);
    assertThat(shippedOne.at("/rule").asString()).isEqualTo("unit-not-in-stock");

    assertThat(f.state("E-2")).isEqualTo("STORED");
    assertThat(f.history("E-2")).hasSize(before);
    assertThat(f.state("E-1")).isEqualTo("SHIPPED");
  }
}
