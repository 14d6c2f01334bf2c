package io.unitrace.outbound;

import static io.unitrace.support.Api.list;
import static io.unitrace.support.Api.map;
import static io.unitrace.support.Site.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.unitrace.support.Api;
import io.unitrace.support.IntegrationTest;
import io.unitrace.support.Site;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * An order's whole way out over HTTP: imported from a channel, allocated by itself, picked by scan
 * (with a substitution), packed into a new SSCC carton, shipped; then the units' histories, the
 * dispatch advice and what is available to sell.
 */
class OutboundFlowIT extends IntegrationTest {

  /** A packing station, and the client's SSCC numbering its cartons are numbered from. */
  static String packingStation(Site site) {
    ok(
        site.api.put(
            "/api/v1/tenants/" + site.tenant + "/sscc",
            map(
                "companyPrefix",
                "95" + (10000 + (int) (Math.random() * 89999)),
                "extensionDigit",
                1)));
    String code = site.warehouse + "-PACK";
    ok(
        site.api.post(
            "/api/v1/locations",
            map("warehouse", site.warehouse, "code", code, "type", "PACKING", "level", "AREA")));
    return code;
  }

  static void channel(Site site) {
    ok(site.api.put("/api/v1/sales-channels/WEB", map("name", "Web shop", "returnDays", 30)));
  }

  static long order(Site site, String id, List<Object> lines) {
    Api.Response r =
        ok(
            site.api.post(
                "/api/v1/orders",
                map(
                    "channel",
                    "WEB",
                    "channelOrderId",
                    id,
                    "warehouse",
                    site.warehouse,
                    "soldTo",
                    map("name", "Ann Buyer", "address", "1 Main St"),
                    "lines",
                    lines)));
    return r.at("/id").asLong();
  }

  /** Waits for the allocation that follows an order's import, and answers the order's status. */
  static String settled(Site site, long orderId) {
    String status = null;
    for (int i = 0; i < 100; i++) {
      status = ok(site.api.get("/api/v1/orders/" + orderId)).at("/status").asString();
      if (!status.equals("OPEN")) {
        return status;
      }
      sleep(50);
    }
    return status;
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static String dm(Site site, String serial) {
    return "(01)" + site.gtin + "(21)" + serial;
  }

  @Test
  void aSerializedOrderIsAllocatedPickedWithASubstitutionPackedAndShipped() {
    Site site = Site.create(admin);
    channel(site);
    String pack = packingStation(site);
    String a = unique("SN");
    String b = unique("SN");
    final String c = unique("SN");
    site.register(site.bin1, a, b, c);

    long orderId = order(site, unique("WEB-"), list(map("sku", site.sku, "quantity", 2)));
    assertThat(settled(site, orderId)).isEqualTo("ALLOCATED");

    var availability = ok(site.api.get("/api/v1/availability?sku=" + site.sku));
    assertThat(availability.at("/items/0/onHand").asLong()).isEqualTo(3);
    assertThat(availability.at("/items/0/allocated").asLong()).isEqualTo(2);
    assertThat(availability.at("/items/0/available").asLong()).isEqualTo(1);
    // every channel hears of it from the client's change feed, in the allocation's transaction
    JsonNode last = null;
    for (JsonNode e : ok(site.api.get("/api/v1/channels/feed?after=0&limit=1000")).at("/events")) {
      assertThat(e.path("type").asString()).isEqualTo("availability.changed");
      last = e.path("payload");
    }
    assertThat(last.path("sku").asString()).isEqualTo(site.sku);
    assertThat(last.path("cause").asString()).isEqualTo("ALLOCATED");
    assertThat(last.path("allocated").asLong()).isEqualTo(2);
    assertThat(last.path("available").asLong()).isEqualTo(1);

    var pickList =
        ok(
            site.api.post(
                "/api/v1/pick-lists",
                map("warehouse", site.warehouse, "orders", list(orderId), "destination", pack)));
    long listId = pickList.at("/id").asLong();
    assertThat(pickList.at("/open").asInt()).isEqualTo(2);
    List<String> allocated = new ArrayList<>();
    for (JsonNode t : pickList.at("/tasks")) {
      allocated.add(t.path("serial").asString());
      assertThat(t.path("location").asString()).isEqualTo(site.bin1);
    }
    // FIFO: the two registered first; listed by serial within their bin
    assertThat(allocated).containsExactlyInAnyOrder(a, b);
    a = allocated.get(0);
    b = allocated.get(1);

    var first =
        ok(
            site.api.post(
                "/api/v1/pick-lists/" + listId + "/scans",
                map("location", site.bin1, "scan", dm(site, a))));
    assertThat(first.at("/outcome").asString()).isEqualTo("PICKED");
    assertThat(first.at("/next/serial").asString()).isEqualTo(b);

    // c was not allocated: same SKU, free, here — it takes b's place
    var sub =
        ok(
            site.api.post(
                "/api/v1/pick-lists/" + listId + "/scans",
                map("location", site.bin1, "scan", dm(site, c))));
    assertThat(sub.at("/outcome").asString()).isEqualTo("SUBSTITUTED");
    assertThat(sub.at("/substitutedFor").asString()).isEqualTo(b);
    assertThat(ok(site.api.get(site.unitPath(b))).at("/state").asString()).isEqualTo("STORED");
    assertThat(ok(site.api.get(site.unitPath(c))).at("/state").asString()).isEqualTo("PICKED");
    assertThat(ok(site.api.get("/api/v1/orders/" + orderId)).at("/status").asString())
        .isEqualTo("PICKED");

    var carton = ok(site.api.post("/api/v1/orders/" + orderId + "/cartons", map("station", pack)));
    String sscc = carton.at("/sscc").asString();
    assertThat(sscc).hasSize(18);
    var notThis = site.api.post("/api/v1/cartons/" + sscc + "/scans", map("scan", dm(site, b)));
    assertThat(notThis.status()).isEqualTo(409);
    assertThat(notThis.problemCode()).isEqualTo("not-this-order");
    var packed = ok(site.api.post("/api/v1/cartons/" + sscc + "/scans", map("scan", dm(site, a))));
    assertThat(packed.at("/progress/lines/0/missing").asLong()).isEqualTo(1);
    var early = site.api.post("/api/v1/orders/" + orderId + "/packing/close", map());
    assertThat(early.status()).isEqualTo(409);
    assertThat(early.problemCode()).isEqualTo("order-incomplete");
    ok(site.api.post("/api/v1/cartons/" + sscc + "/scans", map("scan", dm(site, c))));
    var closed = ok(site.api.post("/api/v1/orders/" + orderId + "/packing/close", map()));
    assertThat(closed.at("/status").asString()).isEqualTo("PACKED");
    assertThat(ok(site.api.get(site.unitPath(a))).at("/state").asString()).isEqualTo("PACKED");

    var slip = site.api.get("/api/v1/orders/" + orderId + "/packing-slip");
    assertThat(slip.status()).isEqualTo(200);
    assertThat(slip.body()).contains(sscc, a, c).doesNotContain(b);

    var shipped =
        site.api.post(
            "/api/v1/orders/" + orderId + "/shipments",
            map("carrier", "DHL", "service", "Express", "tracking", "JD0001"));
    assertThat(shipped.status()).as(shipped.toString()).isEqualTo(201);
    assertThat(shipped.at("/units").asInt()).isEqualTo(2);
    assertThat(ok(site.api.get("/api/v1/orders/" + orderId)).at("/status").asString())
        .isEqualTo("SHIPPED");
    var unit = ok(site.api.get(site.unitPath(c)));
    assertThat(unit.at("/state").asString()).isEqualTo("SHIPPED");
    var history = ok(site.api.get(site.unitPath(c) + "/history"));
    assertThat(history.body()).contains("shipping", "in_transit", "picking");

    long shipment = shipped.at("/shipment").asLong();
    var advice = ok(site.api.get("/api/v1/shipments/" + shipment + "/dispatch-advice"));
    assertThat(advice.at("/cartons/0/sscc").asString()).isEqualTo(sscc);
    assertThat(advice.at("/cartons/0/items/0/serials").toString()).contains(a, c);
    assertThat(advice.at("/soldTo/name").asString()).isEqualTo("Ann Buyer");

    var after = ok(site.api.get("/api/v1/availability?sku=" + site.sku));
    assertThat(after.at("/items/0/onHand").asLong()).isEqualTo(1);
    assertThat(after.at("/items/0/available").asLong()).isEqualTo(1);
    var verify = ok(site.api.post("/api/v1/ledger/verify", null));
    assertThat(verify.at("/intact").asBoolean()).as(verify.toString()).isTrue();
  }

  @Test
  void countedGoodsAreReservedByLotPickedAndShippedByQuantity() {
    Site site = Site.create(admin);
    channel(site);
    String pack = packingStation(site);
    String sku = unique("SYRUP");
    String gtin = Site.randomGtin();
    ok(
        site.api.post(
            "/api/v1/products",
            map(
                "sku",
                sku,
                "name",
                "Syrup",
                "gtins",
                list(gtin),
                "tracking",
                "LOT",
                "expiryTracked",
                true)));
    ok(
        site.api.post(
            "/api/v1/products/" + sku + "/lots", map("code", "EARLY", "expiresOn", "2030-01-31")));
    ok(
        site.api.post(
            "/api/v1/products/" + sku + "/lots", map("code", "LATE", "expiresOn", "2031-01-31")));
    ok(
        site.api.post(
            "/api/v1/stock/adjustments",
            map(
                "gtin",
                gtin,
                "lot",
                "LATE",
                "location",
                site.bin1,
                "kind",
                "FOUND",
                "quantity",
                10,
                "reason",
                "opening stock")));
    ok(
        site.api.post(
            "/api/v1/stock/adjustments",
            map(
                "gtin",
                gtin,
                "lot",
                "EARLY",
                "location",
                site.bin2,
                "kind",
                "FOUND",
                "quantity",
                4,
                "reason",
                "opening stock")));

    long orderId = order(site, unique("WEB-"), list(map("sku", sku, "quantity", 6)));
    assertThat(settled(site, orderId)).isEqualTo("ALLOCATED");
    var figures = ok(site.api.get("/api/v1/availability?sku=" + sku));
    assertThat(figures.at("/items/0/allocated").asLong()).isEqualTo(6);
    assertThat(figures.at("/items/0/available").asLong()).isEqualTo(8);

    long listId =
        ok(site.api.post(
                "/api/v1/pick-lists",
                map("warehouse", site.warehouse, "orders", list(orderId), "destination", pack)))
            .at("/id")
            .asLong();
    var list = ok(site.api.get("/api/v1/pick-lists/" + listId));
    // FEFO: all 4 of the early lot, then 2 of the late one; in walking order (bin 1 first)
    List<String> tasks = new ArrayList<>();
    list.at("/tasks")
        .forEach(
            t ->
                tasks.add(
                    t.path("location").asString()
                        + " "
                        + t.path("lot").asString()
                        + " "
                        + t.path("quantity").asLong()));
    assertThat(tasks).containsExactly(site.bin1 + " LATE 2", site.bin2 + " EARLY 4");
    var wrongLot =
        site.api.post(
            "/api/v1/pick-lists/" + listId + "/scans",
            map("location", site.bin1, "gtin", gtin, "lot", "EARLY", "quantity", 2));
    assertThat(wrongLot.problemCode()).isEqualTo("wrong-lot");
    ok(
        site.api.post(
            "/api/v1/pick-lists/" + listId + "/scans",
            map("location", site.bin2, "scan", "(01)" + gtin + "(10)EARLY(30)4")));
    ok(
        site.api.post(
            "/api/v1/pick-lists/" + listId + "/scans",
            map("location", site.bin1, "gtin", gtin, "lot", "LATE", "quantity", 2)));
    String sscc =
        ok(site.api.post("/api/v1/orders/" + orderId + "/cartons", map("station", pack)))
            .at("/sscc")
            .asString();
    ok(
        site.api.post(
            "/api/v1/cartons/" + sscc + "/scans",
            map("gtin", gtin, "lot", "EARLY", "quantity", 4)));
    ok(
        site.api.post(
            "/api/v1/cartons/" + sscc + "/scans", map("gtin", gtin, "lot", "LATE", "quantity", 2)));
    ok(site.api.post("/api/v1/orders/" + orderId + "/packing/close", map()));
    var shipped = site.api.post("/api/v1/orders/" + orderId + "/shipments", map("carrier", "UPS"));
    assertThat(shipped.status()).as(shipped.toString()).isEqualTo(201);
    assertThat(shipped.at("/quantity").asLong()).isEqualTo(6);
    var after = ok(site.api.get("/api/v1/availability?sku=" + sku));
    assertThat(after.at("/items/0/onHand").asLong()).isEqualTo(8);
    assertThat(after.at("/items/0/allocated").asLong()).isEqualTo(0);
    assertThat(after.at("/items/0/available").asLong()).isEqualTo(8);
  }
}
