package io.unitrace.transfers;

import static io.unitrace.support.Api.list;
import static io.unitrace.support.Api.map;
import static io.unitrace.support.Site.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.unitrace.support.Api;
import io.unitrace.support.IntegrationTest;
import io.unitrace.support.Site;
import java.util.ArrayList;
import java.util.List;
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

  private record Other(String warehouse, String dock, String bin) {}

  /** A second building of the operator, with a dock and a bin. */
  private Other otherWarehouse() {
    String wh = unique("WB");
    ok(admin.post("/api/v1/warehouses", map("code", wh, "name", "Other building")));
    String dock = wh + "-D";
    String bin = wh + "-B1";
    ok(
        admin.post(
            "/api/v1/locations",
            map("warehouse", wh, "code", dock, "type", "DOCK", "level", "AREA")));
    ok(
        admin.post(
            "/api/v1/locations",
            map("warehouse", wh, "code", bin, "type", "STORAGE", "level", "BIN")));
    return new Other(wh, dock, bin);
  }

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
    Other b = otherWarehouse();
    s.register(s.bin1, "T1", "T2");
    s.register(s.dock, "T3");

    var shipped = shipWithKey(s, s.warehouse, b.warehouse(), "trf-1", "T1", "T2", "T3");
    assertThat(shipped.status()).as(shipped.toString()).isEqualTo(201);
    String number = shipped.at("/number").asString();
    assertThat(number).startsWith("TRF-");
    assertThat(shipped.at("/status").asString()).isEqualTo("IN_TRANSIT");
    assertThat(shipped.at("/onTheWay").asInt()).isEqualTo(3);
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
    Other b = otherWarehouse();
    String pallet = sscc();
    String kase = sscc();
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

  private static String sscc() {
    String body =
        "0"
            + String.format(
                "%016d",
                java.util.concurrent.ThreadLocalRandom.current().nextLong(10_000_000_000_000_000L));
    return body + io.unitrace.gs1.CheckDigit.compute(body);
  }

  @Test
  void everyRefusalNamesItsFieldAndWritesNothing() {
    Site s = Site.create(admin);
    Other b = otherWarehouse();
    Other c = otherWarehouse();
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
    Other b = otherWarehouse();
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
}
