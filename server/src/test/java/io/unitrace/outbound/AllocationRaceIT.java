package io.unitrace.outbound;

import static io.unitrace.outbound.OutboundFlowIT.channel;
import static io.unitrace.outbound.OutboundFlowIT.dm;
import static io.unitrace.outbound.OutboundFlowIT.packingStation;
import static io.unitrace.outbound.OutboundFlowIT.settled;
import static io.unitrace.outbound.OutboundFlowIT.sleep;
import static io.unitrace.support.Api.list;
import static io.unitrace.support.Api.map;
import static io.unitrace.support.Site.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.unitrace.support.Api;
import io.unitrace.support.IntegrationTest;
import io.unitrace.support.Site;
import io.unitrace.support.StartGate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Many orders reaching for the last goods at the same moment, on real threads over real HTTP: the
 * last unit goes to exactly one order, the last cases of a lot are never reserved beyond what is
 * there, the others stay back orders, and the ledger stays intact. Two pickers scanning one unit
 * pick it once.
 */
class AllocationRaceIT extends IntegrationTest {

  private static final int ORDERS = 8;

  @Autowired JdbcClient db;

  /** Imports {@code ORDERS} orders at once, each for {@code quantity} of {@code sku}. */
  static List<Long> importTogether(List<Api> servers, Site s, String sku, int quantity)
      throws Exception {
    return importTogether(servers, s, sku, quantity, ORDERS);
  }

  /** Imports {@code count} orders at once, each for {@code quantity} of {@code sku}. */
  static List<Long> importTogether(List<Api> servers, Site s, String sku, int quantity, int count)
      throws Exception {
    List<Callable<Api.Response>> imports = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Api api = servers.get(i % servers.size());
      Map<String, Object> order =
          map(
              "channel",
              "WEB",
              "channelOrderId",
              unique("RACE-"),
              "warehouse",
              s.warehouse,
              "soldTo",
              map("name", "Buyer " + i, "address", i + " Main St"),
              "lines",
              list(map("sku", sku, "quantity", quantity)));
      imports.add(() -> api.post("/api/v1/orders", order));
    }
    List<Long> ids = new ArrayList<>();
    for (Api.Response r : StartGate.together(imports)) {
      assertThat(r.status()).as(r.toString()).isEqualTo(201);
      ids.add(r.at("/id").asLong());
    }
    return ids;
  }

  /** Runs an explicit allocation of every order at once; each is allocated or refused clearly. */
  static void allocateTogether(List<Api> servers, List<Long> orders) throws Exception {
    List<Callable<Api.Response>> runs = new ArrayList<>();
    for (int i = 0; i < orders.size(); i++) {
      Api api = servers.get(i % servers.size());
      long id = orders.get(i);
      runs.add(() -> api.post("/api/v1/orders/" + id + "/allocate", null));
    }
    for (Api.Response r : StartGate.together(runs)) {
      if (r.status() != 200) {
        assertThat(r.status()).as(r.toString()).isEqualTo(409);
        // lost the race for a row, or lost the goods to the other run: a clean refusal either way
        assertThat(r.problemCode())
            .as(r.toString())
            .isIn("concurrent-change", "insufficient-stock");
      }
    }
  }

  static String status(Site s, long order) {
    return ok(s.api.get("/api/v1/orders/" + order)).at("/status").asString();
  }

  /** Waits until the allocation worker has nothing left to do for these orders. */
  static void quiet(Site s, List<Long> orders) {
    var r = s.api.post("/api/v1/allocation/runs", map("orders", orders));
    if (r.status() != 200) {
      // the worker was running for the same goods: the run lost, and the goods are settled
      assertThat(r.problemCode()).as(r.toString()).isEqualTo("concurrent-change");
    }
    sleep(100);
  }

  static long tenant(JdbcClient db, Site s) {
    return db.sql("SELECT id FROM tenant WHERE code = ?")
        .param(s.tenant)
        .query(Long.class)
        .single();
  }

  /** The live allocations of a unit, whatever order holds them. */
  static long liveAllocations(JdbcClient db, Site s, String serial) {
    return db.sql(
            "SELECT count(*) FROM allocation WHERE tenant_id = ? AND serial = ? AND status IN ('ALLOCATED', 'PICKED', 'PACKED')")
        .params(tenant(db, s), serial)
        .query(Long.class)
        .single();
  }

  /** The quantity each order holds of the client's counted goods. */
  static List<Long> reservedPerOrder(JdbcClient db, Site s, List<Long> orders) {
    List<Long> each = new ArrayList<>();
    for (long o : orders) {
      each.add(
          db.sql(
                  "SELECT COALESCE(SUM(quantity), 0) FROM allocation WHERE tenant_id = ? AND order_id = ? AND unit_id IS NULL AND status IN ('ALLOCATED', 'PICKED', 'PACKED')")
              .params(tenant(db, s), o)
              .query(Long.class)
              .single());
    }
    return each;
  }

  /** The client's stock buckets: [free, reserved]; a bucket never below zero. */
  static long[] buckets(JdbcClient db, Site s) {
    long[] sums = new long[2];
    db.sql("SELECT holds, quantity FROM stock WHERE tenant_id = ?")
        .param(tenant(db, s))
        .query(
            (rs, n) -> {
              long q = rs.getLong(2);
              assertThat(q).as("a stock bucket").isNotNegative();
              sums[(rs.getInt(1) & (1 << 16)) != 0 ? 1 : 0] += q;
              return q;
            })
        .list();
    return sums;
  }

  static String lotProductWithCases(Site s, String gtin, String location, long cases) {
    String sku = unique("WATER");
    ok(
        s.api.post(
            "/api/v1/products",
            map("sku", sku, "name", "Water case", "gtins", list(gtin), "tracking", "LOT")));
    ok(s.api.post("/api/v1/products/" + sku + "/lots", map("code", "L1")));
    ok(
        s.api.post(
            "/api/v1/stock/adjustments",
            map(
                "gtin",
                gtin,
                "lot",
                "L1",
                "location",
                location,
                "kind",
                "FOUND",
                "quantity",
                cases,
                "reason",
                "opening stock")));
    return sku;
  }

  static void assertOneWinner(Site s, List<Long> orders, JdbcClient db, String serial) {
    long winners = orders.stream().filter(o -> status(s, o).equals("ALLOCATED")).count();
    assertThat(winners).as("orders holding the last unit").isEqualTo(1);
    assertThat(orders.stream().filter(o -> status(s, o).equals("OPEN")).count())
        .as("back orders")
        .isEqualTo(orders.size() - 1);
    assertThat(liveAllocations(db, s, serial)).isEqualTo(1);
    assertThat(ok(s.api.get(s.unitPath(serial))).at("/state").asString()).isEqualTo("ALLOCATED");
    assertThat(ok(s.api.post("/api/v1/ledger/verify", null)).at("/intact").asBoolean()).isTrue();
  }

  static void assertNeverOverReserved(
      Site s, List<Long> orders, JdbcClient db, String sku, long cases) {
    List<Long> each = reservedPerOrder(db, s, orders);
    long total = each.stream().mapToLong(Long::longValue).sum();
    long[] buckets = buckets(db, s);
    assertThat(total).as("reserved for orders " + each).isLessThanOrEqualTo(cases);
    assertThat(buckets[1]).as("the reserved bucket").isEqualTo(total);
    assertThat(buckets[0] + buckets[1]).as("free and reserved").isEqualTo(cases);
    var figures = ok(s.api.get("/api/v1/availability?sku=" + sku));
    assertThat(figures.at("/items/0/allocated").asLong()).isEqualTo(total);
    assertThat(figures.at("/items/0/available").asLong()).isEqualTo(cases - total);
    for (int i = 0; i < orders.size(); i++) {
      String st = status(s, orders.get(i));
      assertThat(st).isEqualTo(each.get(i) == 3 ? "ALLOCATED" : "OPEN");
    }
    assertThat(ok(s.api.post("/api/v1/ledger/verify", null)).at("/intact").asBoolean()).isTrue();
  }

  @Test
  void ordersImportedAtOnceForTheLastUnitGiveItToExactlyOneOrder() throws Exception {
    Site s = Site.create(admin);
    channel(s);
    s.register(s.bin1, "LAST-1");

    List<Long> orders = importTogether(List.of(s.api), s, s.sku, 1);

    long deadline = System.currentTimeMillis() + 10_000;
    while (orders.stream().noneMatch(o -> status(s, o).equals("ALLOCATED"))
        && System.currentTimeMillis() < deadline) {
      sleep(50);
    }
    quiet(s, orders);
    assertOneWinner(s, orders, db, "LAST-1");
  }

  @Test
  void allocationRunsRacingForTheLastUnitAndTheLastCasesReserveThemOnce() throws Exception {
    Site s = Site.create(admin);
    channel(s);
    // the goods wait in quarantine while the orders come in: nothing can be allocated yet
    s.register(s.quarantine, "LAST-2");
    String gtin = Site.randomGtin();
    String sku = lotProductWithCases(s, gtin, s.quarantine, 10);
    List<Long> unitOrders = importTogether(List.of(s.api), s, s.sku, 1);
    List<Long> caseOrders = importTogether(List.of(s.api), s, sku, 3);
    quiet(s, unitOrders);

    ok(s.api.post(s.unitPath("LAST-2") + "/move", map("location", s.bin1)));
    ok(
        s.api.post(
            "/api/v1/stock/moves",
            map("gtin", gtin, "lot", "L1", "from", s.quarantine, "to", s.bin2, "quantity", 10)));
    List<Long> all = new ArrayList<>(unitOrders);
    all.addAll(caseOrders);
    allocateTogether(List.of(s.api), all);
    quiet(s, all);

    assertOneWinner(s, unitOrders, db, "LAST-2");
    assertNeverOverReserved(s, caseOrders, db, sku, 10);
  }

  @Test
  void ordersImportedAtOnceForTheLastCasesOfALotNeverReserveMoreThanThereIs() throws Exception {
    Site s = Site.create(admin);
    channel(s);
    String sku = lotProductWithCases(s, Site.randomGtin(), s.bin1, 10);

    List<Long> orders = importTogether(List.of(s.api), s, sku, 3);

    long deadline = System.currentTimeMillis() + 10_000;
    while (orders.stream().filter(o -> status(s, o).equals("ALLOCATED")).count() < 3
        && System.currentTimeMillis() < deadline) {
      sleep(50);
    }
    quiet(s, orders);
    assertNeverOverReserved(s, orders, db, sku, 10);
    assertThat(buckets(db, s)[1]).as("every case is taken").isEqualTo(10);
  }

  @Test
  void runsAllocatingTheSameOrderAtOnceReserveItsQuantityOnce() throws Exception {
    Site s = Site.create(admin);
    channel(s);
    // plenty of cases: each run finds enough for the whole line, so only the line can stop them
    String sku = lotProductWithCases(s, Site.randomGtin(), s.bin1, 60);
    List<Long> orders = new ArrayList<>();
    for (int i = 0; i < ORDERS; i++) {
      // each order is allocated by the worker its import starts and by six explicit runs at once
      long order = importTogether(List.of(s.api), s, sku, 3, 1).get(0);
      orders.add(order);
      allocateTogether(List.of(s.api), java.util.Collections.nCopies(6, order));
    }
    quiet(s, orders);

    assertThat(reservedPerOrder(db, s, orders)).as("reserved per order").containsOnly(3L);
    assertThat(buckets(db, s)[1]).as("the reserved bucket").isEqualTo(3L * ORDERS);
    assertThat(ok(s.api.post("/api/v1/ledger/verify", null)).at("/intact").asBoolean()).isTrue();
  }

  @Test
  void twoPickersScanningTheSameUnitAtOncePickItOnce() throws Exception {
    Site s = Site.create(admin);
    channel(s);
    String pack = packingStation(s);
    List<String> serials = List.of("TWO-1", "TWO-2", "TWO-3", "TWO-4");
    s.register(s.bin1, serials.toArray(String[]::new));
    long order =
        OutboundFlowIT.order(
            s, unique("WEB-"), list(map("sku", s.sku, "quantity", serials.size())));
    assertThat(settled(s, order)).isEqualTo("ALLOCATED");
    long pickList =
        ok(s.api.post(
                "/api/v1/pick-lists",
                map("warehouse", s.warehouse, "orders", list(order), "destination", pack)))
            .at("/id")
            .asLong();
    Api second = admin.in(s.tenant);

    for (String serial : serials) {
      Map<String, Object> scan = map("location", s.bin1, "scan", dm(s, serial));
      List<Api.Response> answers =
          StartGate.together(
              () -> s.api.post("/api/v1/pick-lists/" + pickList + "/scans", scan),
              () -> second.post("/api/v1/pick-lists/" + pickList + "/scans", scan));
      long picked = answers.stream().filter(r -> r.status() == 200).count();
      assertThat(picked).as(answers.toString()).isEqualTo(1);
      for (Api.Response r : answers) {
        if (r.status() != 200) {
          assertThat(r.status()).as(r.toString()).isEqualTo(409);
          assertThat(r.problemCode()).isIn("already-picked", "concurrent-change");
        }
      }
      var history = ok(s.api.get(s.unitPath(serial) + "/history?limit=100")).at("/items");
      long picks = 0;
      for (var e : history) {
        if ("picking".equals(e.path("bizStep").asString(null))) {
          picks++;
        }
      }
      assertThat(picks).as("picking entries of " + serial).isEqualTo(1);
      assertThat(ok(s.api.get(s.unitPath(serial))).at("/state").asString()).isEqualTo("PICKED");
    }
    assertThat(status(s, order)).isEqualTo("PICKED");
    assertThat(ok(s.api.post("/api/v1/ledger/verify", null)).at("/intact").asBoolean()).isTrue();
  }

  @Test
  void aPickOfTheAllocatedUnitAndASubstituteForItAtOnceNeverBothGoThrough() throws Exception {
    Site s = Site.create(admin);
    channel(s);
    String pack = packingStation(s);
    List<String> own = List.of("OWN-1", "OWN-2", "OWN-3");
    List<String> spares = List.of("SPARE-1", "SPARE-2", "SPARE-3");
    s.register(s.bin1, own.toArray(String[]::new));
    s.register(s.bin1, spares.toArray(String[]::new));
    Api second = admin.in(s.tenant);

    for (int i = 0; i < own.size(); i++) {
      String mine = own.get(i);
      String spare = spares.get(i);
      long order = OutboundFlowIT.order(s, unique("WEB-"), list(map("sku", s.sku, "serial", mine)));
      assertThat(settled(s, order)).isEqualTo("ALLOCATED");
      long pickList =
          ok(s.api.post(
                  "/api/v1/pick-lists",
                  map("warehouse", s.warehouse, "orders", list(order), "destination", pack)))
              .at("/id")
              .asLong();
      String scans = "/api/v1/pick-lists/" + pickList + "/scans";

      List<Api.Response> answers =
          StartGate.together(
              () -> s.api.post(scans, map("location", s.bin1, "scan", dm(s, mine))),
              () -> second.post(scans, map("location", s.bin1, "scan", dm(s, spare))));

      assertThat(answers.stream().filter(r -> r.status() == 200).count())
          .as(answers.toString())
          .isEqualTo(1);
      for (Api.Response r : answers) {
        if (r.status() != 200) {
          assertThat(r.status()).as(r.toString()).isEqualTo(409);
        }
      }
      // the one picked is the order's; the other is where it was, free
      String pickedOne = answers.get(0).status() == 200 ? mine : spare;
      String leftOne = pickedOne.equals(mine) ? spare : mine;
      assertThat(ok(s.api.get(s.unitPath(pickedOne))).at("/state").asString()).isEqualTo("PICKED");
      assertThat(liveAllocations(db, s, pickedOne)).isOne();
      JsonNode left = ok(s.api.get(s.unitPath(leftOne))).json();
      assertThat(left.path("state").asString()).as(leftOne).isEqualTo("STORED");
      assertThat(left.path("location").asString()).as(leftOne).isEqualTo(s.bin1);
      assertThat(liveAllocations(db, s, leftOne)).isZero();
      assertThat(status(s, order)).isEqualTo("PICKED");
    }
    assertThat(ok(s.api.post("/api/v1/ledger/verify", null)).at("/intact").asBoolean()).isTrue();
  }
}
