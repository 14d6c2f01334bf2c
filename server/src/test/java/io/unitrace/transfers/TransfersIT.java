package io.unitrace.transfers;

import static io.unitrace.support.Api.list;
import static io.unitrace.support.Api.map;
import static io.unitrace.support.Site.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.unitrace.support.Api;
import io.unitrace.support.CountedGoods;
import io.unitrace.support.IntegrationTest;
import io.unitrace.support.OtherBuilding;
import io.unitrace.support.Site;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Goods change warehouse only by a transfer: shipped from one (IN_TRANSIT, in no location),
 * received on a dock of the other, in parts or at once, each a ledger event; every refusal writes
 * nothing.
 */
class TransfersIT extends IntegrationTest {

  @Autowired JdbcClient db;

  /** Ships the site's units named, from warehouse {@code from} to {@code to}. */
  private static Api.Response ship(Site s, String from, String to, String... serials) {
    return s.api.post("/api/v1/transfers", body(s, from, to, serials));
  }

  private static Api.Response shipWithKey(
      Site s, String from, String to, String key, String... serials) {
    return s.api.post("/api/v1/transfers", body(s, from, to, serials), key);
  }

  private static Object body(Site s, String from, String to, String... serials) {
    List<Object> units = new ArrayList<>();
    for (String serial : serials) {
      units.add(s.unitKey(serial));
    }
    return map("from", from, "to", to, "units", units);
  }

  private long events(Site s) {
    return db.sql(
            "SELECT count(*) FROM ledger_event e JOIN tenant t ON t.id = e.tenant_id WHERE t.code = ?")
        .param(s.tenant)
        .query(Long.class)
        .single();
  }

  @Test
  void aTransferShipsFromOneWarehouseAndIsReceivedAtTheOtherInParts() {
    Site s = Site.create(admin);
    OtherBuilding b = OtherBuilding.create(admin);
    s.register(s.bin1, "T1", "T2");
    s.register(s.dock, "T3");

    var shipped = shipWithKey(s, s.warehouse, b.warehouse(), "trf-1", "T1", "T2", "T3");
    assertThat(shipped.status()).as(shipped.toString()).isEqualTo(201);
    String number = shipped.at("/number").asString();
    assertThat(number).startsWith("TRF-");
    assertThat(shipped.at("/status").asString()).isEqualTo("IN_TRANSIT");
    assertThat(shipped.at("/onTheWay").asInt()).isEqualTo(3);
    assertThat(shipped.at("/lines/0/sku").asString()).isEqualTo(s.sku);
    JsonNode t1 = ok(s.api.get(s.unitPath("T1"))).json();
    assertThat(t1.path("state").asString()).isEqualTo("IN_TRANSIT");
    assertThat(t1.path("location").isMissingNode() || t1.path("location").isNull()).isTrue();

    // The same request again answers with the same transfer and writes nothing.
    long before = events(s);
    var again = shipWithKey(s, s.warehouse, b.warehouse(), "trf-1", "T1", "T2", "T3");
    assertThat(again.status()).as(again.toString()).isEqualTo(200);
    assertThat(again.at("/number").asString()).isEqualTo(number);
    assertThat(events(s)).isEqualTo(before);

    // In transit nothing moves it; it arrives only by the transfer.
    var moved = s.api.post(s.unitPath("T1") + "/move", map("location", s.bin2));
    assertThat(moved.status()).as(moved.toString()).isEqualTo(409);

    var part =
        ok(
            s.api.post(
                "/api/v1/transfers/" + number + "/receive",
                map("dock", b.dock(), "units", list(s.unitKey("T1")))));
    assertThat(part.at("/status").asString()).isEqualTo("IN_TRANSIT");
    assertThat(part.at("/onTheWay").asInt()).isEqualTo(2);
    JsonNode arrived = ok(s.api.get(s.unitPath("T1"))).json();
    assertThat(arrived.path("state").asString()).isEqualTo("RECEIVED");
    assertThat(arrived.path("location").asString()).isEqualTo(b.dock());
    // Now it is in the other building, and put away there.
    ok(s.api.post(s.unitPath("T1") + "/move", map("location", b.bin())));
    assertThat(ok(s.api.get(s.unitPath("T1"))).at("/state").asString()).isEqualTo("STORED");

    var rest = ok(s.api.post("/api/v1/transfers/" + number + "/receive", map("dock", b.dock())));
    assertThat(rest.at("/status").asString()).isEqualTo("RECEIVED");
    assertThat(rest.at("/onTheWay").asInt()).isZero();
    assertThat(ok(s.api.get(s.unitPath("T3"))).at("/location").asString()).isEqualTo(b.dock());

    JsonNode items = ok(s.api.get(s.unitPath("T2") + "/history")).json().path("items");
    List<String> types = new ArrayList<>();
    items.forEach(i -> types.add(i.path("type").asString()));
    assertThat(types).containsSubsequence("TRANSFER_SHIPPED", "TRANSFER_RECEIVED");
    assertThat(items.get(items.size() - 1).at("/details/transfer").asString()).isEqualTo(number);
    assertThat(ok(s.api.post("/api/v1/ledger/verify", null)).at("/intact").asBoolean()).isTrue();
    assertThat(ok(s.api.get("/api/v1/transfers")).at("/items").size()).isEqualTo(1);
  }

  @Test
  void aPalletTravelsWholeWithItsCasesAndArrivesPacked() {
    Site s = Site.create(admin);
    OtherBuilding b = OtherBuilding.create(admin);
    String pallet = Site.randomSscc();
    String kase = Site.randomSscc();
    ok(s.api.post("/api/v1/containers", map("sscc", pallet, "kind", "PALLET", "location", s.bin1)));
    ok(s.api.post("/api/v1/containers", map("sscc", kase, "kind", "CASE", "location", s.bin1)));
    s.register(s.bin1, "P1", "P2");
    ok(s.api.post("/api/v1/units/pack", map("units", list(s.unitKey("P1")), "into", kase)));
    ok(s.api.post("/api/v1/units/pack", map("units", list(s.unitKey("P2")), "into", pallet)));
    ok(s.api.post("/api/v1/containers/" + kase + "/pack", map("into", pallet)));

    // A case on the pallet travels with it, not alone; a packed unit not alone either.
    var nested =
        s.api.post(
            "/api/v1/transfers",
            map("from", s.warehouse, "to", b.warehouse(), "containers", list(kase)));
    assertThat(nested.status()).as(nested.toString()).isEqualTo(409);
    assertThat(nested.at("/field").asString()).isEqualTo("containers[0]");
    var packedUnit = ship(s, s.warehouse, b.warehouse(), "P1");
    assertThat(packedUnit.status()).as(packedUnit.toString()).isEqualTo(409);

    var shipped =
        s.api.post(
            "/api/v1/transfers",
            map("from", s.warehouse, "to", b.warehouse(), "containers", list(pallet)));
    assertThat(shipped.status()).as(shipped.toString()).isEqualTo(201);
    String number = shipped.at("/number").asString();
    assertThat(shipped.at("/containers/0/sscc").asString()).isEqualTo(pallet);
    assertThat(shipped.at("/onTheWay").asInt()).isEqualTo(1);
    for (String serial : List.of("P1", "P2")) {
      assertThat(ok(s.api.get(s.unitPath(serial))).at("/state").asString()).isEqualTo("IN_TRANSIT");
    }

    var notOnIt =
        s.api.post(
            "/api/v1/transfers/" + number + "/receive",
            map("dock", b.dock(), "units", list(s.unitKey("P1"))));
    assertThat(notOnIt.problemCode()).isEqualTo("not-on-transfer");
    var arrived =
        ok(
            s.api.post(
                "/api/v1/transfers/" + number + "/receive",
                map("dock", b.dock(), "containers", list(pallet))));
    assertThat(arrived.at("/status").asString()).isEqualTo("RECEIVED");
    for (String serial : List.of("P1", "P2")) {
      JsonNode u = ok(s.api.get(s.unitPath(serial))).json();
      assertThat(u.path("state").asString()).isEqualTo("RECEIVED");
      assertThat(u.path("location").asString()).isEqualTo(b.dock());
    }
    // Still packed: the pallet is put away whole at the destination, the case on it.
    ok(
        s.api.post(
            "/api/v1/putaway",
            map("scan", "(00)" + pallet, "from", b.dock(), "location", b.bin())));
    assertThat(ok(s.api.get(s.unitPath("P1"))).at("/location").asString()).isEqualTo(b.bin());
    assertThat(ok(s.api.get("/api/v1/containers/" + kase)).at("/parentId").isNumber()).isTrue();
    assertThat(ok(s.api.post("/api/v1/ledger/verify", null)).at("/intact").asBoolean()).isTrue();
  }

  @Test
  void everyRefusalNamesItsFieldAndWritesNothing() {
    Site s = Site.create(admin);
    OtherBuilding b = OtherBuilding.create(admin);
    OtherBuilding c = OtherBuilding.create(admin);
    s.register(s.bin1, "R1", "R2");
    long before = events(s);

    Api.Response same = ship(s, s.warehouse, s.warehouse, "R1");
    assertThat(same.status()).isEqualTo(422);
    assertThat(same.at("/field").asString()).isEqualTo("to");
    Api.Response unknown = ship(s, s.warehouse, "NOWHERE", "R1");
    assertThat(unknown.problemCode()).isEqualTo("unknown-warehouse");
    Api.Response wrongSide = ship(s, b.warehouse(), c.warehouse(), "R1");
    assertThat(wrongSide.status()).as(wrongSide.toString()).isEqualTo(409);
    assertThat(wrongSide.problemCode()).isEqualTo("another-warehouse");
    Api.Response twice = ship(s, s.warehouse, b.warehouse(), "R1", "R1");
    assertThat(twice.at("/field").asString()).isEqualTo("units[1]");
    assertThat(events(s)).as("nothing written").isEqualTo(before);

    String number = ok(ship(s, s.warehouse, b.warehouse(), "R1")).at("/number").asString();
    long shipped = events(s);
    Api.Response wrongDock =
        s.api.post("/api/v1/transfers/" + number + "/receive", map("dock", c.dock()));
    assertThat(wrongDock.status()).isEqualTo(409);
    assertThat(wrongDock.at("/field").asString()).isEqualTo("dock");
    Api.Response notADock =
        s.api.post("/api/v1/transfers/" + number + "/receive", map("dock", b.bin()));
    assertThat(notADock.problemCode()).isEqualTo("not-a-dock");
    Api.Response notOnIt =
        s.api.post(
            "/api/v1/transfers/" + number + "/receive",
            map("dock", b.dock(), "units", list(s.unitKey("R2"))));
    assertThat(notOnIt.problemCode()).isEqualTo("not-on-transfer");
    assertThat(notOnIt.at("/field").asString()).isEqualTo("units[0]");
    assertThat(events(s)).as("nothing written").isEqualTo(shipped);
    assertThat(ok(s.api.get(s.unitPath("R1"))).at("/state").asString()).isEqualTo("IN_TRANSIT");
    assertThat(s.api.get("/api/v1/transfers/TRF-999999").status()).isEqualTo(404);
  }

  @Test
  void twoClerksReceivingTheSameTransferAtOnceReceiveEachUnitOnce() throws Exception {
    Site s = Site.create(admin);
    OtherBuilding b = OtherBuilding.create(admin);
    s.register(s.bin1, "C1", "C2", "C3");
    String number =
        ok(ship(s, s.warehouse, b.warehouse(), "C1", "C2", "C3")).at("/number").asString();
    long before = events(s);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<Api.Response>> answers = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        Callable<Api.Response> receive =
            () -> s.api.post("/api/v1/transfers/" + number + "/receive", map("dock", b.dock()));
        answers.add(pool.submit(receive));
      }
      int received = 0;
      for (Future<Api.Response> f : answers) {
        Api.Response r = f.get();
        if (r.status() == 200) {
          received++;
        } else {
          assertThat(r.status()).as(r.toString()).isEqualTo(409);
        }
      }
      assertThat(received).isGreaterThanOrEqualTo(1);
    } finally {
      pool.shutdown();
    }
    assertThat(events(s)).as("one arrival event").isEqualTo(before + 1);
    JsonNode t = ok(s.api.get("/api/v1/transfers/" + number)).json();
    assertThat(t.path("status").asString()).isEqualTo("RECEIVED");
    for (String serial : List.of("C1", "C2", "C3")) {
      assertThat(ok(s.api.get(s.unitPath(serial))).at("/location").asString()).isEqualTo(b.dock());
    }
  }

  @Test
  void aTransferClosedShortReportsWhatNeverArrivedLostInOneEventAndReceivesNothingMore() {
    CountedGoods g = CountedGoods.create(admin);
    Site s = g.site();
    OtherBuilding b = OtherBuilding.create(admin);
    Counted saline = new Counted(g.salineSku(), g.saline());
    ok(g.found(saline.gtin(), "L1", s.bin1, 10));
    s.register(s.bin1, "S1", "S2");
    String pallet = Site.randomSscc();
    ok(s.api.post("/api/v1/containers", map("sscc", pallet, "kind", "PALLET", "location", s.bin1)));
    s.register(s.bin1, "S3");
    ok(s.api.post("/api/v1/units/pack", map("units", list(s.unitKey("S3")), "into", pallet)));
    String number =
        ok(s.api.post(
                "/api/v1/transfers",
                map(
                    "from",
                    s.warehouse,
                    "to",
                    b.warehouse(),
                    "units",
                    list(s.unitKey("S1"), s.unitKey("S2")),
                    "containers",
                    list(pallet),
                    "stock",
                    list(out(saline, "L1", s.bin1, 10)))))
            .at("/number")
            .asString();
    ok(
        s.api.post(
            "/api/v1/transfers/" + number + "/receive",
            map(
                "dock",
                b.dock(),
                "units",
                list(s.unitKey("S1")),
                "stock",
                list(in(saline, "L1", 4)))));
    String close = "/api/v1/transfers/" + number + "/close";

    // A reason is required, and an operator may not decide a loss: neither writes anything.
    long before = events(s);
    var noReason = s.api.post(close, map("reason", " "));
    assertThat(noReason.status()).as(noReason.toString()).isEqualTo(400);
    assertThat(noReason.at("/field").asString()).isEqualTo("reason");
    var operator = s.personApi(admin, port, "OPERATOR").post(close, map("reason", "gone"));
    assertThat(operator.status()).as(operator.toString()).isEqualTo(403);
    assertThat(events(s)).isEqualTo(before);

    var closed = s.api.post(close, map("reason", "lorry broken into on the A1"), "close-1");
    assertThat(closed.status()).as(closed.toString()).isEqualTo(200);
    assertThat(closed.at("/status").asString()).isEqualTo("CLOSED");
    assertThat(closed.at("/onTheWay").asInt()).isZero();
    assertThat(closed.at("/lost").asInt()).isEqualTo(3); // S2, the pallet, 6 of lot L1
    assertThat(closed.at("/closedReason").asString()).isEqualTo("lorry broken into on the A1");
    assertThat(events(s)).isEqualTo(before + 1);
    for (String serial : List.of("S2", "S3")) {
      JsonNode u = ok(s.api.get(s.unitPath(serial))).json();
      assertThat(u.path("state").asString()).as(serial).isEqualTo("MISSING");
      assertThat(u.path("location").isMissingNode() || u.path("location").isNull()).isTrue();
    }
    assertThat(ok(s.api.get(s.unitPath("S1"))).at("/state").asString()).isEqualTo("RECEIVED");
    assertThat(quantity(s, saline, "TRANSIT:" + b.warehouse())).isZero();
    assertThat(quantity(s, saline, b.dock())).isEqualTo(4);
    JsonNode items = ok(s.api.get(s.unitPath("S2") + "/history")).json().path("items");
    JsonNode last = items.get(items.size() - 1);
    assertThat(last.path("type").asString()).isEqualTo("LOST");
    assertThat(last.at("/details/transfer").asString()).isEqualTo(number);
    assertThat(last.at("/details/reason").asString()).isEqualTo("lorry broken into on the A1");

    // The same request again answers as before; a second close and any arrival are refused.
    var again = s.api.post(close, map("reason", "lorry broken into on the A1"), "close-1");
    assertThat(again.status()).as(again.toString()).isEqualTo(200);
    assertThat(events(s)).isEqualTo(before + 1);
    var twice = s.api.post(close, map("reason", "again"));
    assertThat(twice.status()).as(twice.toString()).isEqualTo(409);
    assertThat(twice.problemCode()).isEqualTo("transfer-closed");
    var late =
        s.api.post(
            "/api/v1/transfers/" + number + "/receive",
            map("dock", b.dock(), "units", list(s.unitKey("S2"))));
    assertThat(late.status()).as(late.toString()).isEqualTo(409);
    assertThat(late.problemCode()).isEqualTo("transfer-closed");
    assertThat(events(s)).isEqualTo(before + 1);

    // A lost unit that turns up is recorded found where it is.
    ok(
        s.api.post(
            s.unitPath("S2") + "/adjustments",
            map("kind", "FOUND", "location", b.bin(), "reason", "found in the yard")));
    assertThat(ok(s.api.get(s.unitPath("S2"))).at("/state").asString()).isEqualTo("STORED");
    assertThat(ok(s.api.post("/api/v1/ledger/verify", null)).at("/intact").asBoolean()).isTrue();

    // A transfer that has wholly arrived is not closed short.
    s.register(s.bin1, "S4");
    String whole = ship(s, s.warehouse, b.warehouse(), "S4").at("/number").asString();
    ok(s.api.post("/api/v1/transfers/" + whole + "/receive", map("dock", b.dock())));
    var arrived = s.api.post("/api/v1/transfers/" + whole + "/close", map("reason", "why"));
    assertThat(arrived.problemCode()).as(arrived.toString()).isEqualTo("transfer-received");
  }

  private record Counted(String sku, String gtin) {}

  /** The stock lines of the product at the location: quantity, available, held, location type. */
  private static List<JsonNode> stock(Site s, Counted c, String location) {
    List<JsonNode> lines = new ArrayList<>();
    ok(s.api.get("/api/v1/stock?sku=" + c.sku() + "&location=" + location))
        .json()
        .path("items")
        .forEach(lines::add);
    return lines;
  }

  private static long quantity(Site s, Counted c, String location) {
    return stock(s, c, location).stream().mapToLong(l -> l.path("quantity").asLong()).sum();
  }

  private static Map<String, Object> out(Counted c, String lot, String from, int quantity) {
    return OtherBuilding.leaving(c.gtin(), lot, from, quantity);
  }

  private static Map<String, Object> in(Counted c, String lot, Integer quantity) {
    return map("gtin", c.gtin(), "lot", lot, "quantity", quantity);
  }

  @Test
  void countedGoodsTravelByQuantityOnTheWayInNoBuildingAndArriveInParts() {
    CountedGoods g = CountedGoods.create(admin);
    Site s = g.site();
    OtherBuilding b = OtherBuilding.create(admin);
    Counted saline = new Counted(g.salineSku(), g.saline());
    Counted gloves = new Counted(g.glovesSku(), g.gloves());
    ok(g.found(saline.gtin(), "L1", s.bin1, 40));
    ok(g.found(saline.gtin(), "L1", s.bin2, 30));
    ok(g.found(gloves.gtin(), null, s.bin1, 20));
    s.register(s.bin1, "M1");

    // One lot from two bins is one line; a serialized unit travels on the same transfer.
    var shipped =
        s.api.post(
            "/api/v1/transfers",
            map(
                "from", s.warehouse,
                "to", b.warehouse(),
                "units", list(s.unitKey("M1")),
                "stock",
                    list(
                        out(saline, "L1", s.bin1, 25),
                        out(saline, "L1", s.bin2, 30),
                        out(gloves, null, s.bin1, 20))));
    assertThat(shipped.status()).as(shipped.toString()).isEqualTo(201);
    String number = shipped.at("/number").asString();
    assertThat(shipped.at("/stock").size()).isEqualTo(2);
    assertThat(shipped.at("/stock/0/lot").asString()).isEqualTo("L1");
    assertThat(shipped.at("/stock/0/sku").asString()).isEqualTo(saline.sku());
    assertThat(shipped.at("/stock/0/quantity").asLong()).isEqualTo(55);
    assertThat(shipped.at("/stock/0/arrived").asLong()).isZero();
    assertThat(shipped.at("/stock/1/quantity").asLong()).isEqualTo(20);
    assertThat(shipped.at("/onTheWay").asInt()).isEqualTo(3);
    assertThat(quantity(s, saline, s.bin1)).isEqualTo(15);
    assertThat(quantity(s, saline, s.bin2)).isZero();
    assertThat(quantity(s, gloves, s.bin1)).isZero();

    // On the way: in the books at the destination's TRANSIT location, not available, and said so.
    String transit = "TRANSIT:" + b.warehouse();
    List<JsonNode> onTheWay = stock(s, saline, transit);
    assertThat(onTheWay).hasSize(1);
    assertThat(onTheWay.get(0).path("quantity").asLong()).isEqualTo(55);
    assertThat(onTheWay.get(0).path("available").asLong()).isZero();
    assertThat(onTheWay.get(0).path("locationType").asString()).isEqualTo("TRANSIT");

    // Nothing moves, corrects or counts goods on the way; they arrive only by their transfer.
    long before = events(s);
    var moved =
        s.api.post(
            "/api/v1/stock/moves",
            map("gtin", saline.gtin(), "lot", "L1", "from", transit, "to", b.bin(), "quantity", 5));
    assertThat(moved.status()).as(moved.toString()).isEqualTo(409);
    assertThat(moved.problemCode()).isEqualTo("in-transit");
    assertThat(moved.at("/field").asString()).isEqualTo("from");
    var lost =
        s.api.post(
            "/api/v1/stock/adjustments",
            map(
                "gtin",
                saline.gtin(),
                "lot",
                "L1",
                "location",
                transit,
                "kind",
                "LOST",
                "quantity",
                5,
                "reason",
                "fell off"));
    assertThat(lost.problemCode()).isEqualTo("in-transit");
    var counted =
        s.api.post("/api/v1/counts", map("warehouse", b.warehouse(), "sku", saline.sku()));
    assertThat(counted.problemCode()).as(counted.toString()).isEqualTo("nothing-to-count");
    var located =
        s.api.post(
            "/api/v1/locations",
            map("warehouse", b.warehouse(), "code", unique("X"), "type", "TRANSIT"));
    assertThat(located.at("/field").asString()).as(located.toString()).isEqualTo("type");

    // More than is on its way, or a lot not on the transfer, is refused by its position.
    String receive = "/api/v1/transfers/" + number + "/receive";
    var tooMany = s.api.post(receive, map("dock", b.dock(), "stock", list(in(saline, "L1", 56))));
    assertThat(tooMany.status()).as(tooMany.toString()).isEqualTo(409);
    assertThat(tooMany.problemCode()).isEqualTo("more-than-on-the-way");
    assertThat(tooMany.at("/field").asString()).isEqualTo("stock[0].quantity");
    var otherLot =
        s.api.post(
            receive,
            map("dock", b.dock(), "stock", list(in(saline, "L1", 1), in(saline, "L9", 1))));
    assertThat(otherLot.problemCode()).isEqualTo("not-on-transfer");
    assertThat(otherLot.at("/field").asString()).isEqualTo("stock[1]");
    assertThat(events(s)).as("nothing written").isEqualTo(before);

    var part = ok(s.api.post(receive, map("dock", b.dock(), "stock", list(in(saline, "L1", 20)))));
    assertThat(part.at("/stock/0/arrived").asLong()).isEqualTo(20);
    assertThat(part.at("/status").asString()).isEqualTo("IN_TRANSIT");
    assertThat(quantity(s, saline, b.dock())).isEqualTo(20);
    assertThat(quantity(s, saline, transit)).isEqualTo(35);

    var rest = ok(s.api.post(receive, map("dock", b.dock())));
    assertThat(rest.at("/status").asString()).isEqualTo("RECEIVED");
    assertThat(rest.at("/onTheWay").asInt()).isZero();
    assertThat(rest.at("/stock/0/arrived").asLong()).isEqualTo(55);
    assertThat(quantity(s, saline, b.dock())).isEqualTo(55);
    assertThat(quantity(s, gloves, b.dock())).isEqualTo(20);
    assertThat(quantity(s, saline, transit)).isZero();
    assertThat(ok(s.api.get(s.unitPath("M1"))).at("/location").asString()).isEqualTo(b.dock());
    // Put away at the destination like any goods received there.
    ok(
        s.api.post(
            "/api/v1/stock/moves",
            map(
                "gtin",
                saline.gtin(),
                "lot",
                "L1",
                "from",
                b.dock(),
                "to",
                b.bin(),
                "quantity",
                55)));
    assertThat(quantity(s, saline, b.bin())).isEqualTo(55);

    List<String> types = new ArrayList<>();
    ok(s.api.get("/api/v1/stock/history?sku=" + saline.sku() + "&lot=L1"))
        .json()
        .path("items")
        .forEach(e -> types.add(e.path("type").asString()));
    assertThat(types)
        .containsSubsequence("TRANSFER_SHIPPED", "TRANSFER_RECEIVED", "TRANSFER_RECEIVED", "MOVED");
    assertThat(ok(s.api.post("/api/v1/ledger/verify", null)).at("/intact").asBoolean()).isTrue();
  }

  @Test
  void heldCountedGoodsTravelHeldAndTwoClerksNeverReceiveMoreThanWasShipped() throws Exception {
    CountedGoods g = CountedGoods.create(admin);
    Site s = g.site();
    OtherBuilding b = OtherBuilding.create(admin);
    Counted saline = new Counted(g.salineSku(), g.saline());
    ok(g.found(saline.gtin(), "L1", s.bin1, 50));
    ok(
        s.api.post(
            "/api/v1/stock/holds",
            map(
                "gtin",
                saline.gtin(),
                "lot",
                "L1",
                "location",
                s.bin1,
                "quantity",
                10,
                "hold",
                "QC",
                "reason",
                "inspect")));
    Map<String, Object> held = out(saline, "L1", s.bin1, 10);
    held.put("holds", list("QC"));
    String number = b.sent(s, List.of(out(saline, "L1", s.bin1, 40), held));
    long before = events(s);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    int received = 0;
    try {
      List<Future<Api.Response>> answers = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        Callable<Api.Response> receive =
            () ->
                s.api.post(
                    "/api/v1/transfers/" + number + "/receive",
                    map("dock", b.dock(), "stock", list(in(saline, "L1", 30))));
        answers.add(pool.submit(receive));
      }
      for (Future<Api.Response> f : answers) {
        Api.Response r = f.get();
        if (r.status() == 200) {
          received++;
        } else {
          assertThat(r.status()).as(r.toString()).isEqualTo(409);
        }
      }
    } finally {
      pool.shutdown();
    }
    assertThat(received).isEqualTo(1);
    assertThat(events(s)).as("one arrival event").isEqualTo(before + 1);
    JsonNode t = ok(s.api.get("/api/v1/transfers/" + number)).json();
    assertThat(t.at("/stock/0/arrived").asLong()).isEqualTo(30);
    // The held ten arrive first, still held: a hold placed before or on the way is never lost.
    List<JsonNode> dock = stock(s, saline, b.dock());
    assertThat(dock.stream().mapToLong(l -> l.path("quantity").asLong()).sum()).isEqualTo(30);
    assertThat(dock.stream().mapToLong(l -> l.path("held").asLong()).sum()).isEqualTo(10);
    assertThat(quantity(s, saline, "TRANSIT:" + b.warehouse())).isEqualTo(20);
    assertThat(ok(s.api.post("/api/v1/ledger/verify", null)).at("/intact").asBoolean()).isTrue();
  }
}
