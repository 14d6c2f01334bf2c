package io.unitrace.outbound;

import static io.unitrace.outbound.OutboundFlowIT.channel;
import static io.unitrace.outbound.OutboundFlowIT.dm;
import static io.unitrace.outbound.OutboundFlowIT.order;
import static io.unitrace.outbound.OutboundFlowIT.packingStation;
import static io.unitrace.outbound.OutboundFlowIT.settled;
import static io.unitrace.support.Api.list;
import static io.unitrace.support.Api.map;
import static io.unitrace.support.Site.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.unitrace.support.Api;
import io.unitrace.support.IntegrationTest;
import io.unitrace.support.Site;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * A pick scan the rules refuse answers 409 with a problem naming the rule, and writes nothing: not
 * a ledger event, not a unit's state or history, not an allocation. What the rules accept — a
 * substitute, a whole container, a short pick — shows in the books the same moment.
 */
class PickingRefusalsIT extends IntegrationTest {

  @Autowired JdbcClient db;

  /** A site taking web orders, with a packing station pick lists bring the goods to. */
  record Floor(Site site, String pack) {

    static Floor open(Api admin) {
      Site site = Site.create(admin);
      channel(site);
      return new Floor(site, packingStation(site));
    }

    /** An order for {@code quantity} of the site's phone, waited for until allocated. */
    long allocatedOrder(String id, int quantity) {
      long order = order(site, id, list(map("sku", site.sku, "quantity", quantity)));
      assertThat(settled(site, order)).isEqualTo("ALLOCATED");
      return order;
    }

    long pickList(long... orders) {
      List<Object> ids = new ArrayList<>();
      for (long o : orders) {
        ids.add(o);
      }
      return ok(site.api.post(
              "/api/v1/pick-lists",
              map("warehouse", site.warehouse, "orders", ids, "destination", pack)))
          .at("/id")
          .asLong();
    }

    Api.Response scan(long list, String location, Map<String, Object> body) {
      Map<String, Object> b = new java.util.LinkedHashMap<>(body);
      b.put("location", location);
      return site.api.post("/api/v1/pick-lists/" + list + "/scans", b);
    }

    Api.Response scanUnit(long list, String location, String serial) {
      return scan(list, location, map("scan", dm(site, serial)));
    }

    /** The serials of the list's tasks still to be picked. */
    List<String> open(long list) {
      List<String> serials = new ArrayList<>();
      for (JsonNode t : ok(site.api.get("/api/v1/pick-lists/" + list)).at("/tasks")) {
        if (t.path("status").asString().equals("ALLOCATED")) {
          serials.add(t.path("serial").asString());
        }
      }
      return serials;
    }

    JsonNode unit(String serial) {
      return ok(site.api.get(site.unitPath(serial))).json();
    }

    JsonNode history(String serial) {
      return ok(site.api.get(site.unitPath(serial) + "/history?limit=1000")).at("/items");
    }
  }

  /** What a refused scan must leave as it was: the client's events, allocations and units. */
  private record Books(long events, List<String> allocations, List<String> units) {}

  /** The books around the site's own units, named by serial. */
  private Books books(Floor f, String... serials) {
    String[] paths = new String[serials.length];
    for (int i = 0; i < serials.length; i++) {
      paths[i] = f.site().unitPath(serials[i]);
    }
    return booksAt(f, paths);
  }

  /** The books around the units at these paths. */
  private Books booksAt(Floor f, String... paths) {
    long tenant =
        db.sql("SELECT id FROM tenant WHERE code = ?")
            .param(f.site().tenant)
            .query(Long.class)
            .single();
    List<String> units = new ArrayList<>();
    for (String s : paths) {
      JsonNode u = ok(f.site().api.get(s)).json();
      units.add(
          s
              + " "
              + u.path("state").asString()
              + " v"
              + u.path("version").asInt()
              + " "
              + u.path("location").asString()
              + " "
              + u.path("holds")
              + " history "
              + ok(f.site().api.get(s + "/history?limit=1000")).at("/items").size());
    }
    return new Books(
        db.sql("SELECT count(*) FROM ledger_event WHERE tenant_id = ?")
            .param(tenant)
            .query(Long.class)
            .single(),
        db.sql(
                "SELECT id, status, unit_id, pick_list_id FROM allocation WHERE tenant_id = ? ORDER BY id")
            .param(tenant)
            .query(
                (rs, n) ->
                    rs.getLong(1)
                        + " "
                        + rs.getString(2)
                        + " "
                        + rs.getString(3)
                        + " "
                        + rs.getString(4))
            .list(),
        units);
  }

  private static void refused(Api.Response r, String code) {
    assertThat(r.status()).as(r.toString()).isEqualTo(409);
    assertThat(r.contentType()).contains("application/problem+json");
    assertThat(r.problemCode()).as(r.toString()).isEqualTo(code);
  }

  @Test
  void refusesPickOfUnitAllocatedToAnotherOrderAndNamesThatOrder() {
    Floor f = Floor.open(admin);
    f.site().register(f.site().bin1, "A-1", "A-2");
    String mine = unique("WEB-");
    String theirs = unique("WEB-");
    long first = f.allocatedOrder(mine, 1);
    f.allocatedOrder(theirs, 1);
    long list = f.pickList(first);
    String other = f.open(list).contains("A-1") ? "A-2" : "A-1";
    Books before = books(f, "A-1", "A-2");

    var r = f.scanUnit(list, f.site().bin1, other);

    refused(r, "allocated-elsewhere");
    assertThat(r.at("/detail").asString()).contains(theirs);
    assertThat(books(f, "A-1", "A-2")).isEqualTo(before);
  }

  @Test
  void refusesPickOfUnitPutOnHoldAfterAllocationAndNamesTheHold() {
    Floor f = Floor.open(admin);
    f.site().register(f.site().bin1, "H-1");
    long list = f.pickList(f.allocatedOrder(unique("WEB-"), 1));
    ok(
        f.site()
            .api
            .post(f.site().unitPath("H-1") + "/holds", map("hold", "QC", "reason", "dented box")));
    Books before = books(f, "H-1");

    var r = f.scanUnit(list, f.site().bin1, "H-1");

    refused(r, "held");
    assertThat(r.at("/detail").asString()).contains("QC");
    assertThat(books(f, "H-1")).isEqualTo(before);
    assertThat(f.unit("H-1").path("state").asString()).isEqualTo("ALLOCATED");
  }

  @Test
  void refusesPickOfUnitLyingInAnotherLocationAndSaysWhereItIs() {
    Floor f = Floor.open(admin);
    Site s = f.site();
    s.register(s.bin1, "P-1");
    long list = f.pickList(f.allocatedOrder(unique("WEB-"), 1));
    s.register(s.bin2, "P-2");
    Books before = books(f, "P-1", "P-2");

    var allocatedOne = f.scanUnit(list, s.bin2, "P-1");
    refused(allocatedOne, "not-here");
    assertThat(allocatedOne.at("/detail").asString()).contains(s.bin2, s.bin1);
    var freeOneElsewhere = f.scanUnit(list, s.bin1, "P-2");
    refused(freeOneElsewhere, "not-here");
    assertThat(freeOneElsewhere.at("/detail").asString()).contains(s.bin2);

    assertThat(books(f, "P-1", "P-2")).isEqualTo(before);
  }

  @Test
  void refusesPickOfUnitInsideAContainerAndPicksTheWholeContainerBySscc() {
    Floor f = Floor.open(admin);
    Site s = f.site();
    s.register(s.bin1, "C-1", "C-2");
    String sscc =
        ok(s.api.post("/api/v1/containers", map("kind", "CASE", "location", s.bin1)))
            .at("/sscc")
            .asString();
    ok(
        s.api.post(
            "/api/v1/units/pack",
            map("units", list(s.unitKey("C-1"), s.unitKey("C-2")), "into", sscc)));
    long order = f.allocatedOrder(unique("WEB-"), 2);
    long list = f.pickList(order);
    Books before = books(f, "C-1", "C-2");

    var loose = f.scanUnit(list, s.bin1, "C-1");
    refused(loose, "in-container");
    assertThat(books(f, "C-1", "C-2")).isEqualTo(before);

    var whole = ok(f.scan(list, s.bin1, map("scan", "(00)" + sscc)));
    assertThat(whole.at("/sscc").asString()).isEqualTo(sscc);
    assertThat(whole.at("/quantity").asLong()).isEqualTo(2);
    for (String serial : List.of("C-1", "C-2")) {
      JsonNode u = f.unit(serial);
      assertThat(u.path("state").asString()).isEqualTo("PACKED");
      assertThat(u.path("container").asString()).isEqualTo(sscc);
      assertThat(u.path("location").asString()).isEqualTo(f.pack());
    }
    assertThat(f.open(list)).isEmpty();
    assertThat(ok(s.api.get("/api/v1/orders/" + order)).at("/status").asString())
        .isIn("PICKED", "PACKED");
  }

  @Test
  void refusesAnExpiredOrShortDatedSubstituteForACustomerWithAMinimumShelfLife() {
    Floor f = Floor.open(admin);
    Site s = f.site();
    String sku = unique("INSULIN");
    String gtin = Site.randomGtin();
    ok(
        s.api.post(
            "/api/v1/products",
            map(
                "sku",
                sku,
                "name",
                "Insulin pen",
                "gtins",
                list(gtin),
                "tracking",
                "LOT_AND_SERIAL",
                "expiryTracked",
                true)));
    LocalDate today = LocalDate.now();
    lot(s, sku, "GONE", today.minusDays(2));
    lot(s, sku, "SHORT", today.plusDays(30));
    lot(s, sku, "LONG", today.plusDays(400));
    String customer = unique("CUST");
    ok(
        s.api.put(
            "/api/v1/customers/" + customer, map("name", "Pharmacy", "minShelfLifeDays", 120)));
    registerOfLot(s, gtin, "LONG", "I-LONG");
    registerOfLot(s, gtin, "SHORT", "I-SHORT");
    registerOfLot(s, gtin, "GONE", "I-GONE");
    var o =
        ok(
            s.api.post(
                "/api/v1/orders",
                map(
                    "channel",
                    "WEB",
                    "channelOrderId",
                    unique("WEB-"),
                    "warehouse",
                    s.warehouse,
                    "customer",
                    customer,
                    "soldTo",
                    map("name", "Pharmacy", "address", "2 Main St"),
                    "lines",
                    list(map("sku", sku, "quantity", 1)))));
    long order = o.at("/id").asLong();
    assertThat(settled(s, order)).isEqualTo("ALLOCATED");
    long list = f.pickList(order);
    assertThat(f.open(list)).as("only the long-dated lot is eligible").containsExactly("I-LONG");
    String units = "/api/v1/units/01/" + gtin + "/21/";
    Books before = booksAt(f, units + "I-LONG", units + "I-SHORT", units + "I-GONE");

    var shortDated = f.scan(list, s.bin1, map("scan", "(01)" + gtin + "(21)I-SHORT"));
    refused(shortDated, "short-shelf-life");
    assertThat(shortDated.at("/detail").asString()).contains("SHORT", "120 days");
    var expired = f.scan(list, s.bin1, map("scan", "(01)" + gtin + "(21)I-GONE"));
    refused(expired, "expired");
    assertThat(expired.at("/detail").asString()).contains("GONE");

    assertThat(booksAt(f, units + "I-LONG", units + "I-SHORT", units + "I-GONE")).isEqualTo(before);
  }

  private static void lot(Site s, String sku, String code, LocalDate expiresOn) {
    ok(
        s.api.post(
            "/api/v1/products/" + sku + "/lots",
            map("code", code, "expiresOn", expiresOn.toString())));
  }

  private static void registerOfLot(Site s, String gtin, String lot, String serial) {
    ok(
        s.api.post(
            "/api/v1/units",
            map(
                "location",
                s.bin1,
                "units",
                list(map("gtin", gtin, "serial", serial, "lot", lot)))));
  }

  @Test
  void refusesAUnitOfAnotherSku() {
    Floor f = Floor.open(admin);
    Site s = f.site();
    s.register(s.bin1, "W-1");
    String gtin = Site.randomGtin();
    ok(
        s.api.post(
            "/api/v1/products",
            map(
                "sku",
                unique("TABLET"),
                "name",
                "Tablet",
                "gtins",
                list(gtin),
                "tracking",
                "SERIAL")));
    ok(
        s.api.post(
            "/api/v1/units",
            map("location", s.bin1, "units", list(map("gtin", gtin, "serial", "T-1")))));
    long list = f.pickList(f.allocatedOrder(unique("WEB-"), 1));
    Books before = books(f, "W-1");

    var r = f.scan(list, s.bin1, map("scan", "(01)" + gtin + "(21)T-1"));

    refused(r, "wrong-sku");
    assertThat(r.at("/detail").asString()).contains(s.sku);
    assertThat(books(f, "W-1")).isEqualTo(before);
  }

  @Test
  void refusesAUnitAlreadyPickedAndAUnitNeverReceived() {
    Floor f = Floor.open(admin);
    Site s = f.site();
    s.register(s.bin1, "K-1");
    long list = f.pickList(f.allocatedOrder(unique("WEB-"), 1));
    ok(f.scanUnit(list, s.bin1, "K-1"));
    Books before = books(f, "K-1");

    refused(f.scanUnit(list, s.bin1, "K-1"), "already-picked");
    refused(f.scanUnit(list, f.pack(), "K-1"), "already-picked");
    refused(f.scanUnit(list, s.bin1, "NEVER-SEEN"), "unknown-unit");

    assertThat(books(f, "K-1")).isEqualTo(before);
    assertThat(f.unit("K-1").path("state").asString()).isEqualTo("PICKED");
  }

  @Test
  void aSubstituteIsPickedAndTheAllocatedUnitReleasedInOneEventBothHistoriesShow() {
    Floor f = Floor.open(admin);
    Site s = f.site();
    s.register(s.bin1, "S-1");
    long order = f.allocatedOrder(unique("WEB-"), 1);
    long list = f.pickList(order);
    s.register(s.bin1, "S-2");

    var sub = ok(f.scanUnit(list, s.bin1, "S-2"));

    assertThat(sub.at("/outcome").asString()).isEqualTo("SUBSTITUTED");
    assertThat(sub.at("/substitutedFor").asString()).isEqualTo("S-1");
    JsonNode released = last(f.history("S-1"));
    JsonNode picked = last(f.history("S-2"));
    assertThat(released.path("eventId").asLong()).isEqualTo(picked.path("eventId").asLong());
    assertThat(picked.path("bizStep").asString()).isEqualTo("picking");
    assertThat(released.path("state").asString()).isEqualTo("STORED");
    assertThat(picked.path("state").asString()).isEqualTo("PICKED");
    assertThat(picked.path("location").asString()).isEqualTo(f.pack());
    assertThat(f.open(list)).isEmpty();
    assertThat(ok(s.api.get("/api/v1/orders/" + order)).at("/status").asString())
        .isEqualTo("PICKED");
  }

  private static JsonNode last(JsonNode history) {
    return history.get(history.size() - 1);
  }

  @Test
  void aShortPickSendsTheUnitMissingAndPutsAnotherUnitOnTheSameList() {
    Floor f = Floor.open(admin);
    Site s = f.site();
    s.register(s.bin1, "M-1");
    long order = f.allocatedOrder(unique("WEB-"), 1);
    long list = f.pickList(order);
    s.register(s.bin2, "M-2");

    var shortPick =
        ok(
            s.api.post(
                "/api/v1/pick-lists/" + list + "/shorts",
                map("location", s.bin1, "scan", dm(s, "M-1"), "reason", "not in the bin")));

    assertThat(shortPick.at("/outcome").asString()).isEqualTo("SHORT");
    assertThat(f.unit("M-1").path("state").asString()).isEqualTo("MISSING");
    assertThat(f.unit("M-2").path("state").asString()).isEqualTo("ALLOCATED");
    assertThat(f.open(list)).containsExactly("M-2");
    assertThat(shortPick.at("/next/serial").asString()).isEqualTo("M-2");
    assertThat(shortPick.at("/next/location").asString()).isEqualTo(s.bin2);
    assertThat(ok(f.scanUnit(list, s.bin2, "M-2")).at("/outcome").asString()).isEqualTo("PICKED");
    assertThat(ok(s.api.get("/api/v1/orders/" + order)).at("/status").asString())
        .isEqualTo("PICKED");
  }

  @Test
  void cancellingAnAllocatedOrderReleasesItsUnitsInTheSameRequest() {
    Floor f = Floor.open(admin);
    Site s = f.site();
    s.register(s.bin1, "X-1", "X-2");
    long order = f.allocatedOrder(unique("WEB-"), 2);

    var cancelled =
        ok(
            s.api.post(
                "/api/v1/orders/" + order + "/cancel", map("reason", "customer changed mind")));

    assertThat(cancelled.at("/status").asString()).isEqualTo("CANCELLED");
    assertThat(f.unit("X-1").path("state").asString()).isEqualTo("STORED");
    assertThat(f.unit("X-2").path("state").asString()).isEqualTo("STORED");
    var figures = ok(s.api.get("/api/v1/availability?sku=" + s.sku));
    assertThat(figures.at("/items/0/allocated").asLong()).isZero();
    assertThat(figures.at("/items/0/available").asLong()).isEqualTo(2);
  }
}
