package io.unitrace.recalls;

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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Recall campaigns over HTTP: targeting, opening, customers, closing. */
class RecallCampaignsIT extends IntegrationTest {

  @Test
  void aLotRecallHoldsWhatIsInTheBuildingReleasesItsAllocationsAndListsTheCustomers() {
    RecallFloor f = RecallFloor.open(admin);
    String l1 = unique("L1-");
    String l2 = unique("L2-");
    f.register(l1, "A1", "A2", "A3", "A4");
    f.register(l2, "B1", "B2");
    Shipped shipped = f.ship(2);
    assertThat(shipped.serials()).containsExactlyInAnyOrder("A1", "A2");
    long order = f.order(1);
    assertThat(f.state("A3")).isEqualTo("ALLOCATED");

    JsonNode draft = f.draftLots(l1);
    assertThat(draft.path("status").asString()).isEqualTo("DRAFT");
    assertThat(draft.path("number").asString()).startsWith("RCL-");
    assertThat(draft.at("/affected/AT_CUSTOMER").asLong()).isEqualTo(2);
    assertThat(draft.at("/affected/ALLOCATED").asLong()).isEqualTo(1);
    assertThat(draft.at("/affected/IN_STOCK").asLong()).isEqualTo(1);
    assertThat(f.holds("A4")).isEmpty();

    JsonNode open = f.openRecall(draft);
    assertThat(open.path("status").asString()).isEqualTo("OPEN");
    for (String s : List.of("A3", "A4")) {
      assertThat(f.holds(s)).as(s).containsExactly("RECALL");
      assertThat(f.state(s)).as(s).isEqualTo("STORED");
    }
    assertThat(f.holds("B1")).isEmpty();
    assertThat(f.holds("A1")).as("shipped units are reached by notice").isEmpty();
    // The order's line went back to allocation and was served from the unaffected lot.
    assertThat(Shipped.settled(f.site, order)).isEqualTo("ALLOCATED");
    assertThat(f.state("B1")).isEqualTo("ALLOCATED");
    assertThat(open.at("/figures/affected").asLong()).isEqualTo(4);
    assertThat(open.at("/figures/held").asLong()).isEqualTo(2);
    assertThat(open.at("/figures/atCustomersAtOpening").asLong()).isEqualTo(2);
    assertThat(open.at("/figures/customers").asInt()).isEqualTo(1);

    JsonNode customers =
        ok(f.api.get("/api/v1/recalls/" + open.path("id").asLong() + "/customers")).json();
    assertThat(customers.at("/items").size()).isEqualTo(1);
    JsonNode c = customers.at("/items/0");
    assertThat(c.path("customer").asString()).isEqualTo(shipped.customer());
    assertThat(c.path("channel").asString()).isEqualTo(Shipped.CHANNEL);
    assertThat(c.path("units").asInt()).isEqualTo(2);
    assertThat(c.path("orders").get(0).asString()).isEqualTo(shipped.channelOrderId());

    // One outbox event per customer, on the same feed as availability.
    List<JsonNode> notices = new ArrayList<>();
    ok(f.api.get("/api/v1/channels/feed?after=0&limit=1000"))
        .at("/events")
        .forEach(
            e -> {
              if (e.path("type").asString().equals("recall.notice")) {
                notices.add(e);
              }
            });
    assertThat(notices).hasSize(1);
    assertThat(notices.get(0).at("/payload/customer").asString()).isEqualTo(shipped.customer());
    assertThat(notices.get(0).at("/payload/units").size()).isEqualTo(2);
    assertThat(notices.get(0).at("/payload/campaign").asString())
        .isEqualTo(open.path("number").asString());

    // Opening again notifies nobody twice and holds nothing twice.
    f.openRecall(draft);
    assertThat(
            ok(f.api.get("/api/v1/recalls/" + open.path("id").asLong() + "/customers"))
                .at("/items")
                .size())
        .isEqualTo(1);
  }

  @Test
  void aPickScanOfAnAffectedUnitAfterOpeningIsRefusedAsHeld() {
    RecallFloor f = RecallFloor.open(admin);
    String l1 = unique("L1-");
    f.register(l1, "A1");
    f.register(unique("L2-"), "B1");
    long order = f.order(1);
    assertThat(f.state("A1")).isEqualTo("ALLOCATED");
    f.openRecall(f.draftLots(l1));
    assertThat(Shipped.settled(f.site, order)).isEqualTo("ALLOCATED");
    long listId =
        ok(f.api.post(
                "/api/v1/pick-lists",
                map("warehouse", f.site.warehouse, "orders", list(order), "destination", f.pack)))
            .at("/id")
            .asLong();
    Api.Response scan =
        f.api.post(
            "/api/v1/pick-lists/" + listId + "/scans",
            map("location", f.site.bin1, "scan", f.dm("A1")));
    assertThat(scan.status()).as(scan.toString()).isEqualTo(409);
    assertThat(scan.json().path("rule").asString()).isEqualTo("held");
    assertThat(f.state("A1")).isEqualTo("STORED");
  }

  @Test
  void closingLiftsOnlyTheHoldsTheCampaignPlacedAndNoOtherOpenCampaignNeeds() {
    RecallFloor f = RecallFloor.open(admin);
    String lot = unique("L-");
    f.register(lot, "S1", "S2", "S3", "S4");
    ok(
        f.api.post(
            "/api/v1/units/01/" + f.gtin + "/21/S1/holds",
            map("hold", "SUSPECT", "reason", "duplicate serial seen")));
    ok(
        f.api.post(
            "/api/v1/units/01/" + f.gtin + "/21/S4/holds",
            map("hold", "RECALL", "reason", "held by hand before the campaign")));
    JsonNode a = f.openRecall(f.draftSerials("S1", "S2", "S3", "S4"));
    JsonNode b = f.openRecall(f.draftSerials("S2"));
    assertThat(f.holds("S1")).containsExactlyInAnyOrder("SUSPECT", "RECALL");
    assertThat(f.holds("S2")).containsExactly("RECALL");

    // S1 and S3 would go back on sale: closing says so and changes nothing.
    Api.Response refused = f.close(a, admin, "supplier confirmed the fault is fixed");
    assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
    assertThat(refused.problemCode()).isEqualTo("recall-unresolved");
    assertThat(refused.json().path("field").asString()).isEqualTo("release");
    assertThat(refused.json().path("detail").asString()).contains("2 affected units");
    assertThat(ok(f.api.get("/api/v1/recalls/" + a.path("id").asLong())).at("/status").asString())
        .isEqualTo("OPEN");
    assertThat(f.holds("S3")).containsExactly("RECALL");

    JsonNode closed = ok(f.release(a, admin, "false alarm: the supplier withdrew it")).json();
    assertThat(closed.at("/figures/releasedUnits").asLong()).isEqualTo(2);
    assertThat(f.holds("S1")).as("another reason stays").containsExactly("SUSPECT");
    assertThat(f.holds("S2")).as("still needed by the other campaign").containsExactly("RECALL");
    assertThat(f.holds("S3")).isEmpty();
    assertThat(f.holds("S4")).as("not placed by the campaign").containsExactly("RECALL");

    ok(f.release(b, admin, "false alarm too"));
    assertThat(f.holds("S2")).isEmpty();
    assertThat(f.holds("S4")).containsExactly("RECALL");
  }

  @Test
  void aSupervisorClosesWithTheFiguresFrozenAndAClerkCannot() {
    RecallFloor f = RecallFloor.open(admin);
    String lot = unique("L-");
    f.register(lot, "C1", "C2");
    Shipped shipped = f.ship(1);
    JsonNode open = f.openRecall(f.draftLots(lot));
    long id = open.path("id").asLong();
    long customer =
        ok(f.api.get("/api/v1/recalls/" + id + "/customers")).at("/items/0/id").asLong();
    ok(f.api.post("/api/v1/recalls/" + id + "/customers/" + customer + "/contacted", map()));

    Api clerk = f.site.personApi(admin, port, "OPERATOR");
    Api.Response refused = f.close(open, clerk, "clerk tries");
    assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
    assertThat(ok(f.api.get("/api/v1/recalls/" + id)).at("/status").asString()).isEqualTo("OPEN");
    assertThat(f.holds(shipped.serial().equals("C1") ? "C2" : "C1")).containsExactly("RECALL");

    Api.Response noReason = f.close(open, admin, null);
    assertThat(noReason.status()).isEqualTo(400);
    assertThat(noReason.json().path("field").asString()).isEqualTo("reason");

    JsonNode closed = ok(f.release(open, admin, "false alarm: all units accounted for")).json();
    assertThat(closed.path("status").asString()).isEqualTo("CLOSED");
    assertThat(closed.path("closeReason").asString())
        .isEqualTo("false alarm: all units accounted for");
    assertThat(closed.at("/figures/releasedUnits").asLong()).isEqualTo(1);
    assertThat(closed.at("/figures/customersContacted").asInt()).isEqualTo(1);
    assertThat(closed.at("/figures/affected").asLong()).isEqualTo(2);
    assertThat(closed.at("/figures/now/IN_STOCK").asLong()).isEqualTo(1);

    // The unit left in stock is sold after closing: the frozen figures do not move.
    String inStock = shipped.serial().equals("C1") ? "C2" : "C1";
    assertThat(f.holds(inStock)).isEmpty();
    f.order(1);
    assertThat(f.state(inStock)).isEqualTo("ALLOCATED");
    JsonNode later = ok(f.api.get("/api/v1/recalls/" + id)).json();
    assertThat(later.at("/figures")).isEqualTo(closed.at("/figures"));
    Api.Response contactAgain =
        f.api.post("/api/v1/recalls/" + id + "/customers/" + customer + "/contacted", map());
    assertThat(contactAgain.status()).isEqualTo(409);
  }

  @Test
  void aUnitReturnedByItsCustomerIsRecoveredForTheOpenCampaign() {
    RecallFloor f = RecallFloor.open(admin);
    String lot = unique("L-");
    f.register(lot, "E1", "E2", "E3");
    Shipped shipped = f.ship(2);
    JsonNode open = f.openRecall(f.draftLots(lot));
    long id = open.path("id").asLong();
    assertThat(open.at("/figures/recovered").asLong()).isZero();
    assertThat(open.at("/figures/percentComplete").asDouble()).isZero();

    String back = shipped.serials().get(0);
    String rma =
        ok(f.api.post("/api/v1/rmas", map("units", list(f.dm(back)), "reason", "DEFECTIVE")))
            .at("/number")
            .asString();
    ok(f.api.post("/api/v1/returns", map("scan", f.dm(back), "rma", rma, "location", f.site.dock)));

    JsonNode now = ok(f.api.get("/api/v1/recalls/" + id)).json();
    assertThat(now.at("/figures/recovered").asLong()).isEqualTo(1);
    assertThat(now.at("/figures/percentComplete").asDouble()).isEqualTo(33.3);
    assertThat(now.at("/affected/RETURNED").asLong()).isEqualTo(1);
    assertThat(now.at("/affected/AT_CUSTOMER").asLong()).isEqualTo(1);
  }

  @Test
  void aUnitSoldTwiceIsNoticedToItsLastCustomerOnly() {
    RecallFloor f = RecallFloor.open(admin);
    String lot = unique("L-");
    f.register(lot, "R1");
    Shipped first = f.ship(1);
    String rma =
        ok(f.api.post("/api/v1/rmas", map("units", list(f.dm("R1")), "reason", "CHANGED_MIND")))
            .at("/number")
            .asString();
    long ret =
        ok(f.api.post(
                "/api/v1/returns", map("scan", f.dm("R1"), "rma", rma, "location", f.site.dock)))
            .at("/ret/id")
            .asLong();
    ok(f.api.post("/api/v1/returns/" + ret + "/inspection", map("condition", "AS_NEW")));
    ok(
        f.api.post(
            "/api/v1/returns/" + ret + "/route",
            map("disposition", "RESTOCK", "location", f.site.bin1)));
    Shipped second = f.ship(1);
    assertThat(second.customer()).isNotEqualTo(first.customer());

    JsonNode open = f.openRecall(f.draftLots(lot));
    JsonNode customers =
        ok(f.api.get("/api/v1/recalls/" + open.path("id").asLong() + "/customers")).json();
    assertThat(customers.at("/items").size()).as(customers.toString()).isEqualTo(1);
    assertThat(customers.at("/items/0/customer").asString()).isEqualTo(second.customer());
    assertThat(customers.at("/items/0/units").asInt()).isEqualTo(1);

    // Nothing affected is left in the building: closing needs no release and puts nothing on sale.
    JsonNode closed = ok(f.close(open, admin, "the customer was told to return it")).json();
    assertThat(closed.path("status").asString()).isEqualTo("CLOSED");
    assertThat(closed.at("/figures/releasedUnits").asLong()).isZero();
  }

  @Test
  void customersComeAsAStreamedCsv() {
    RecallFloor f = RecallFloor.open(admin);
    String lot = unique("L-");
    f.register(lot, "D1", "D2", "D3");
    Shipped first = f.ship(2);
    Shipped second = f.ship(1);
    JsonNode open = f.openRecall(f.draftLots(lot));
    Api.Response csv = f.api.get("/api/v1/recalls/" + open.path("id").asLong() + "/customers.csv");
    assertThat(csv.status()).isEqualTo(200);
    assertThat(csv.contentType()).startsWith("text/csv");
    String[] lines = csv.body().split("\n");
    assertThat(lines[0])
        .isEqualTo("campaign,channel,customer,sold_to,orders,units,last_shipped,contacted_at");
    assertThat(lines).hasSize(3);
    String all = csv.body();
    assertThat(all).contains(first.customer() + ",Ann Buyer," + first.channelOrderId() + ",2,");
    assertThat(all).contains(second.customer() + ",Ann Buyer," + second.channelOrderId() + ",1,");
    assertThat(all).contains(LocalDate.now(ZoneOffset.UTC).toString());
  }

  @Test
  void aRecallByReceiptDatesReachesTheUnitsFirstSeenInThoseDays() {
    RecallFloor f = RecallFloor.open(admin);
    f.register(unique("L-"), "R1", "R2");
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    JsonNode none =
        ok(f.draft(
                map(
                    "title",
                    "Last year",
                    "mode",
                    "RECEIPT_DATES",
                    "product",
                    f.gtin,
                    "receivedFrom",
                    today.minusYears(1).toString(),
                    "receivedTo",
                    today.minusDays(2).toString())))
            .json();
    assertThat(none.path("affected").size()).isZero();
    JsonNode draft =
        ok(f.draft(
                map(
                    "title",
                    "This week",
                    "mode",
                    "RECEIPT_DATES",
                    "product",
                    f.sku,
                    "receivedFrom",
                    today.minusDays(1).toString(),
                    "receivedTo",
                    today.toString())))
            .json();
    assertThat(draft.at("/affected/IN_STOCK").asLong()).isEqualTo(2);
    f.openRecall(draft);
    assertThat(f.holds("R1")).containsExactly("RECALL");
    assertThat(f.holds("R2")).containsExactly("RECALL");
  }

  @Test
  void aRecallByAnUploadedListOfSerialsReachesExactlyThoseUnits() throws Exception {
    RecallFloor f = RecallFloor.open(admin);
    f.register(unique("L-"), "U1", "U2", "U3");
    Api.Response r =
        f.api.send(
            "POST",
            "/api/v1/recalls?title=Listed",
            "gtin,serial\n" + f.gtin + ",U1\n\n" + f.dm("U3") + "\n",
            java.util.Map.of("Content-Type", "text/csv"));
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    assertThat(r.json().path("units").asInt()).isEqualTo(2);
    f.openRecall(r.json());

    // A draft repeated under its Idempotency-Key answers the first campaign and drafts no other.
    String key = unique("draft-");
    Object body = map("title", unique("Keyed "), "mode", "SERIALS", "units", list(f.key("U2")));
    Api.Response first = f.api.post("/api/v1/recalls", body, key);
    assertThat(first.status()).as(first.toString()).isEqualTo(201);
    Api.Response again = f.api.post("/api/v1/recalls", body, key);
    assertThat(again.status()).as(again.toString()).isEqualTo(200);
    assertThat(again.json().path("id").asLong()).isEqualTo(first.json().path("id").asLong());
    assertThat(again.json().path("number").asString())
        .isEqualTo(first.json().path("number").asString());
    JsonNode drafts = ok(f.api.get("/api/v1/recalls?status=DRAFT")).json();
    assertThat(drafts.at("/items").size()).as(drafts.toString()).isEqualTo(1);
    Api.Response other = f.api.post("/api/v1/recalls", body, unique("draft-"));
    assertThat(other.status()).isEqualTo(201);
    assertThat(other.json().path("id").asLong()).isNotEqualTo(first.json().path("id").asLong());

    // Two clerks' double tap at the same moment: one campaign, the same answer to both.
    String racing = unique("draft-");
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<Api.Response>> both = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        both.add(pool.submit(() -> f.api.post("/api/v1/recalls", body, racing)));
      }
      Api.Response one = both.get(0).get(30, TimeUnit.SECONDS);
      Api.Response two = both.get(1).get(30, TimeUnit.SECONDS);
      assertThat(List.of(one.status(), two.status())).containsExactlyInAnyOrder(201, 200);
      assertThat(one.json().path("id").asLong()).isEqualTo(two.json().path("id").asLong());
    } finally {
      pool.shutdownNow();
    }
    assertThat(ok(f.api.get("/api/v1/recalls?status=DRAFT")).at("/items").size()).isEqualTo(3);
    assertThat(f.holds("U1")).containsExactly("RECALL");
    assertThat(f.holds("U2")).isEmpty();
    assertThat(f.holds("U3")).containsExactly("RECALL");
  }

  @Test
  void badInputNamesTheFieldAndWritesNothing() {
    RecallFloor f = RecallFloor.open(admin);
    String lot = unique("L-");
    f.register(lot, "V1");
    assertField(f.draft(map("title", "x")), "mode");
    assertField(f.draft(map("mode", "LOTS", "product", f.sku, "lots", list(lot))), "title");
    assertField(f.draft(map("title", "x", "mode", "SOMETIMES")), "mode");
    assertField(f.draft(map("title", "x", "mode", "LOTS", "lots", list(lot))), "product");
    assertField(
        f.draft(map("title", "x", "mode", "LOTS", "product", "NO-SUCH", "lots", list(lot))),
        "product");
    assertField(
        f.draft(map("title", "x", "mode", "LOTS", "product", f.sku, "lots", list(lot, "NOPE"))),
        "lots[1]");
    assertField(
        f.draft(
            map(
                "title",
                "x",
                "mode",
                "RECEIPT_DATES",
                "product",
                f.sku,
                "receivedFrom",
                "2026-02-01",
                "receivedTo",
                "2026-01-01")),
        "receivedTo");
    assertField(
        f.draft(
            map(
                "title",
                "x",
                "mode",
                "SERIALS",
                "units",
                list(map("gtin", f.gtin, "serial", "V1"), map("gtin", f.gtin, "serial", "GHOST")))),
        "units[1]");
    assertField(
        f.draft(
            map(
                "title",
                "x",
                "mode",
                "SERIALS",
                "units",
                list(map("gtin", "123", "serial", "V1")))),
        "units[0].gtin");
    Api.Response csv =
        f.api.send(
            "POST",
            "/api/v1/recalls?title=Listed",
            f.gtin + ",V1\nnot a scan\n",
            java.util.Map.of("Content-Type", "text/csv"));
    assertThat(csv.status()).as(csv.toString()).isEqualTo(400);
    assertThat(csv.json().path("field").asString()).startsWith("line 2");
    assertField(
        f.draft(
            map("title", "x", "mode", "COMPONENT_LOT", "product", f.sku, "lots", list(lot, lot))),
        "lots");

    assertThat(ok(f.api.get("/api/v1/recalls")).at("/items").size()).isZero();
    assertThat(f.holds("V1")).isEmpty();
  }

  private static void assertField(Api.Response r, String field) {
    assertThat(r.status()).as(r.toString()).isEqualTo(400);
    assertThat(r.contentType()).startsWith("application/problem+json");
    assertThat(r.json().path("field").asString()).as(r.toString()).isEqualTo(field);
  }
}
