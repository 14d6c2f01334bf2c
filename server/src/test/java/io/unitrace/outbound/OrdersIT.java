package io.unitrace.outbound;

import static io.unitrace.support.Api.list;
import static io.unitrace.support.Api.map;
import static io.unitrace.support.Site.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.unitrace.support.Api;
import io.unitrace.support.IntegrationTest;
import io.unitrace.support.Shop;
import io.unitrace.support.Site;
import io.unitrace.support.StartGate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Channel orders taken in by JSON and CSV: checked against the client's channels, customers and
 * catalog, idempotent on the channel's order id, read back, and cancelled before they are packed.
 */
class OrdersIT extends IntegrationTest {

  private static final String GLN = "9506000000008";

  @Autowired JdbcClient db;

  @Test
  void aJsonOrderIsPlacedOpenWithEveryKindOfLineAndReadBackByIdAndByChannelOrderId() {
    Shop shop = Shop.open(Site.create(admin));
    Site site = shop.site;
    String id = unique("W-");
    Map<String, Object> order =
        map(
            "channel",
            "WEB",
            "channelOrderId",
            id,
            "warehouse",
            site.warehouse,
            "customer",
            shop.customer,
            "soldTo",
            map("name", "Ann Buyer", "address", "1 Main St", "gln", GLN),
            "shipTo",
            map("name", "Ann's depot", "address", "9 Dock Rd"),
            "requestedShipDate",
            "2031-03-01",
            "minShelfLifeDays",
            60,
            "lines",
            list(
                map("sku", shop.plainSku, "quantity", 5),
                map("sku", shop.lotSku, "lot", shop.lot, "quantity", 2, "minShelfLifeDays", 30),
                map("sku", site.sku, "serial", "SN-1"),
                map("gtin", site.gtin, "serial", "SN-2", "quantity", 1),
                map("gtin", shop.lotGtin, "quantity", 1)));
    var placed = site.api.post("/api/v1/orders", order);
    assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
    long orderId = placed.at("/id").asLong();
    assertThat(placed.at("/status").asString()).isEqualTo("OPEN");

    var read = ok(site.api.get("/api/v1/orders/" + orderId));
    assertThat(read.at("/channel").asString()).isEqualTo("WEB");
    assertThat(read.at("/channelOrderId").asString()).isEqualTo(id);
    assertThat(read.at("/warehouse").asString()).isEqualTo(site.warehouse);
    assertThat(read.at("/customer").asString()).isEqualTo(shop.customer);
    assertThat(read.at("/soldTo/gln").asString()).isEqualTo(GLN);
    assertThat(read.at("/shipTo/name").asString()).isEqualTo("Ann's depot");
    assertThat(read.at("/requestedShipDate").asString()).isEqualTo("2031-03-01");
    var lines = read.at("/lines");
    assertThat(lines.size()).isEqualTo(5);
    assertThat(lines.get(0).path("sku").asString()).isEqualTo(shop.plainSku);
    assertThat(lines.get(0).path("quantity").asLong()).isEqualTo(5);
    assertThat(lines.get(0).path("effectiveMinShelfLifeDays").asInt()).isEqualTo(60);
    assertThat(lines.get(0).path("status").asString()).isEqualTo("OPEN");
    assertThat(lines.get(1).path("lot").asString()).isEqualTo(shop.lot);
    assertThat(lines.get(1).path("effectiveMinShelfLifeDays").asInt()).isEqualTo(30);
    assertThat(lines.get(2).path("sku").asString()).isEqualTo(site.sku);
    assertThat(lines.get(2).path("gtin").asString())
        .as("a serial named with its SKU gets the product's first GTIN")
        .isEqualTo(site.gtin);
    assertThat(lines.get(2).path("serial").asString()).isEqualTo("SN-1");
    assertThat(lines.get(2).path("quantity").asLong()).isEqualTo(1);
    assertThat(lines.get(3).path("serial").asString()).isEqualTo("SN-2");
    assertThat(lines.get(4).path("sku").asString()).isEqualTo(shop.lotSku);
    assertThat(lines.get(4).path("lineNo").asInt()).isEqualTo(5);

    var byChannel = ok(site.api.get("/api/v1/orders/by-channel/WEB/" + id));
    assertThat(byChannel.at("/id").asLong()).isEqualTo(orderId);
    assertThat(site.api.get("/api/v1/orders/by-channel/WEB/nope").status()).isEqualTo(404);
  }

  @Test
  void aLineWithoutItsOwnMinimumShelfLifeTakesTheCustomersWhenTheOrderSetsNone() {
    Shop shop = Shop.open(Site.create(admin));
    Map<String, Object> order = shop.order(unique("W-"), 1);
    order.put("customer", shop.customer);
    var placed = ok(shop.site.api.post("/api/v1/orders", order));
    assertThat(
            placed.at("/lines/0/minShelfLifeDays").isMissingNode()
                || placed.at("/lines/0/minShelfLifeDays").isNull())
        .isTrue();
    assertThat(placed.at("/lines/0/effectiveMinShelfLifeDays").asInt()).isEqualTo(120);
  }

  @Test
  void anIdenticalRepeatAnswersTheFirstOrderAndAChangedRepeatIsRefused() {
    Shop shop = Shop.open(Site.create(admin));
    String id = unique("W-");
    var first = shop.site.api.post("/api/v1/orders", shop.order(id, 3));
    assertThat(first.status()).isEqualTo(201);
    var again = shop.site.api.post("/api/v1/orders", shop.order(id, 3));
    assertThat(again.status()).as(again.toString()).isEqualTo(200);
    assertThat(again.at("/id").asLong()).isEqualTo(first.at("/id").asLong());

    var changed = shop.site.api.post("/api/v1/orders", shop.order(id, 4));
    assertThat(changed.status()).as(changed.toString()).isEqualTo(409);
    assertThat(changed.problemCode()).isEqualTo("order-changed");
    assertThat(changed.at("/field").asString()).isEqualTo("channelOrderId");
    assertThat(ok(shop.site.api.get("/api/v1/orders")).at("/items").size()).isEqualTo(1);
    assertThat(
            ok(shop.site.api.get("/api/v1/orders/" + first.at("/id").asLong()))
                .at("/lines/0/quantity")
                .asLong())
        .isEqualTo(3);
  }

  @Test
  void aNewOrderIsAnnouncedToAllocationOnceAndARepeatIsNot() {
    Shop shop = Shop.open(Site.create(admin));
    String id = unique("W-");
    long orderId = ok(shop.site.api.post("/api/v1/orders", shop.order(id, 1))).at("/id").asLong();
    ok(shop.site.api.post("/api/v1/orders", shop.order(id, 1)));
    assertThat(PlacementsHeard.ORDERS.stream().filter(o -> o == orderId)).hasSize(1);
  }

  @Test
  void fourClerksImportingTheSameOrderAtOnceCreateOneOrder() throws Exception {
    Shop shop = Shop.open(Site.create(admin));
    Map<String, Object> order = shop.order(unique("W-"), 2);
    List<Api.Response> answers =
        StartGate.times(4, () -> shop.site.api.post("/api/v1/orders", order));
    assertThat(answers).allSatisfy(r -> assertThat(r.status()).as(r.toString()).isIn(200, 201));
    assertThat(answers.stream().filter(r -> r.status() == 201)).hasSize(1);
    assertThat(answers.stream().map(r -> r.at("/id").asLong()).distinct()).hasSize(1);
    assertThat(ok(shop.site.api.get("/api/v1/orders")).at("/items").size()).isEqualTo(1);
  }

  @Test
  void aCsvOfSeveralOrdersPlacesEachAndARepeatOfItAnswersTheSameOrders() {
    Shop shop = Shop.open(Site.create(admin));
    Site site = shop.site;
    ok(site.api.put("/api/v1/sales-channels/AMAZON", map("name", "Amazon")));
    String a = unique("A-");
    String b = unique("B-");
    String wh = site.warehouse;
    String csv =
        "channel,channelOrderId,warehouse,customer,soldToName,soldToAddress,soldToGln,shipToName,requestedShipDate,sku,lot,gtin,serial,quantity,lineMinShelfLifeDays\n"
            + "WEB,%s,%s,%s,Ann,\"1 Main St, Springfield\",%s,,2031-03-01,%s,,,,4,\n"
                .formatted(a, wh, shop.customer, GLN, shop.plainSku)
            + "WEB,%s,,,,,,,,%s,%s,,,2,200\n".formatted(a, shop.lotSku, shop.lot)
            + "AMAZON,%s,%s,,Bob,,,Bob's office,,,,%s,SN-9,,\n".formatted(a, wh, site.gtin)
            + "WEB,%s,%s,,Cid,,,,,%s,,,,1,\n".formatted(b, wh, shop.plainSku);
    var imported = site.api.postCsv("/api/v1/orders", csv);
    assertThat(imported.status()).as(imported.toString()).isEqualTo(201);
    assertThat(imported.at("/created").asInt()).isEqualTo(3);
    assertThat(imported.at("/orders/0/channelOrderId").asString()).isEqualTo(a);
    assertThat(imported.at("/orders/0/outcome").asString()).isEqualTo("CREATED");
    assertThat(imported.at("/orders/1/channel").asString()).isEqualTo("AMAZON");
    assertThat(imported.at("/orders/2/channelOrderId").asString()).isEqualTo(b);

    var webA = ok(site.api.get("/api/v1/orders/" + imported.at("/orders/0/id").asLong()));
    assertThat(webA.at("/lines").size()).isEqualTo(2);
    assertThat(webA.at("/soldTo/address").asString()).isEqualTo("1 Main St, Springfield");
    assertThat(webA.at("/lines/1/lot").asString()).isEqualTo(shop.lot);
    assertThat(webA.at("/lines/1/effectiveMinShelfLifeDays").asInt()).isEqualTo(200);
    assertThat(webA.at("/lines/0/effectiveMinShelfLifeDays").asInt()).isEqualTo(120);
    var amazonA = ok(site.api.get("/api/v1/orders/by-channel/AMAZON/" + a));
    assertThat(amazonA.at("/shipTo/name").asString()).isEqualTo("Bob's office");
    assertThat(amazonA.at("/lines/0/serial").asString()).isEqualTo("SN-9");

    var repeat = site.api.postCsv("/api/v1/orders", csv);
    assertThat(repeat.status()).as(repeat.toString()).isEqualTo(200);
    assertThat(repeat.at("/repeated").asInt()).isEqualTo(3);
    for (int i = 0; i < 3; i++) {
      assertThat(repeat.at("/orders/" + i + "/id").asLong())
          .isEqualTo(imported.at("/orders/" + i + "/id").asLong());
      assertThat(repeat.at("/orders/" + i + "/outcome").asString()).isEqualTo("REPEATED");
    }
    // The same order sent as JSON is the same request: it answers the CSV's order.
    Map<String, Object> asJson = shop.order(b, 1);
    asJson.put("soldTo", map("name", "Cid"));
    var json = site.api.post("/api/v1/orders", asJson);
    assertThat(json.status()).as(json.toString()).isEqualTo(200);
    assertThat(json.at("/id").asLong()).isEqualTo(imported.at("/orders/2/id").asLong());
  }

  @Test
  void aCsvWithOneBadOrderIsRefusedNamingRowAndColumnAndWritesNoOrder() {
    Shop shop = Shop.open(Site.create(admin));
    String wh = shop.site.warehouse;
    String csv =
        "channel,channelOrderId,warehouse,soldToName,sku,quantity\n"
            + "WEB,W-1,%s,Ann,%s,1\n".formatted(wh, shop.plainSku)
            + "WEB,W-2,%s,Bob,NO-SUCH-SKU,1\n".formatted(wh);
    var r = shop.site.api.postCsv("/api/v1/orders", csv);
    assertThat(r.status()).as(r.toString()).isEqualTo(422);
    assertThat(r.problemCode()).isEqualTo("unknown-sku");
    assertThat(r.at("/field").asString()).isEqualTo("row 3: sku");
    assertThat(ok(shop.site.api.get("/api/v1/orders")).at("/items").size()).isZero();
  }

  @Test
  void everyBadOrderIsRefusedNamingTheFieldAndWritesNothing() {
    Shop shop = Shop.open(Site.create(admin));
    Site site = shop.site;
    refused(shop, o -> o.put("channel", "NOPE"), 422, "unknown-channel", "channel");
    refused(shop, o -> o.put("warehouse", "NO-WH"), 422, "unknown-warehouse", "warehouse");
    refused(shop, o -> o.put("customer", "NOBODY"), 422, "unknown-customer", "customer");
    refused(
        shop,
        o -> o.put("requestedShipDate", "2031-13-01"),
        400,
        "invalid-field",
        "requestedShipDate");
    refused(shop, o -> o.put("lines", list()), 400, "invalid-field", "lines");
    refused(
        shop,
        o -> o.put("soldTo", map("name", "Ann", "gln", "9506000000009")),
        400,
        "invalid-gln",
        "soldTo.gln");
    refused(
        shop, line(shop, map("sku", "NO-SUCH", "quantity", 1)), 422, "unknown-sku", "lines[2].sku");
    refused(
        shop,
        line(shop, map("gtin", Site.randomGtin(), "quantity", 1)),
        422,
        "unknown-gtin",
        "lines[2].gtin");
    refused(
        shop,
        line(shop, map("sku", shop.plainSku, "lot", "L1", "quantity", 1)),
        422,
        "not-lot-tracked",
        "lines[2].lot");
    refused(
        shop,
        line(shop, map("sku", shop.lotSku, "lot", "NOLOT", "quantity", 1)),
        422,
        "unknown-lot",
        "lines[2].lot");
    refused(
        shop,
        line(shop, map("sku", shop.plainSku, "serial", "SN-1")),
        422,
        "not-serialized",
        "lines[2].serial");
    refused(
        shop,
        line(shop, map("sku", shop.plainSku, "quantity", 0)),
        400,
        "invalid-field",
        "lines[2].quantity");
    refused(
        shop,
        line(shop, map("sku", site.sku, "serial", "SN-1", "quantity", 2)),
        400,
        "serial-quantity",
        "lines[2].quantity");
    assertThat(ok(site.api.get("/api/v1/orders")).at("/items").size()).isZero();
  }

  @Test
  void anOrderAndALineAreCancelledWithTheirReasonAndCancellingAgainAnswersTheSame() {
    Shop shop = Shop.open(Site.create(admin));
    Site site = shop.site;
    Map<String, Object> order = shop.order(unique("W-"), 2);
    order.put(
        "lines",
        list(
            map("sku", shop.plainSku, "quantity", 2),
            map("sku", shop.lotSku, "lot", shop.lot, "quantity", 1)));
    long id = ok(site.api.post("/api/v1/orders", order)).at("/id").asLong();

    var lineCancelled =
        ok(
            site.api.post(
                "/api/v1/orders/" + id + "/lines/1/cancel", map("reason", "out of stock")));
    assertThat(lineCancelled.at("/status").asString()).isEqualTo("OPEN");
    assertThat(lineCancelled.at("/lines/0/status").asString()).isEqualTo("CANCELLED");
    assertThat(lineCancelled.at("/lines/0/cancelReason").asString()).isEqualTo("out of stock");
    assertThat(lineCancelled.at("/lines/1/status").asString()).isEqualTo("OPEN");
    var again =
        ok(site.api.post("/api/v1/orders/" + id + "/lines/1/cancel", map("reason", "other")));
    assertThat(again.at("/lines/0/cancelReason").asString()).isEqualTo("out of stock");

    var cancelled =
        ok(
            site.api.post(
                "/api/v1/orders/" + id + "/cancel", map("reason", "customer changed mind")));
    assertThat(cancelled.at("/status").asString()).isEqualTo("CANCELLED");
    assertThat(cancelled.at("/cancelReason").asString()).isEqualTo("customer changed mind");
    assertThat(cancelled.at("/lines/1/status").asString()).isEqualTo("CANCELLED");
    var twice = ok(site.api.post("/api/v1/orders/" + id + "/cancel", map("reason", "again")));
    assertThat(twice.body()).isEqualTo(cancelled.body());

    var noReason = site.api.post("/api/v1/orders/" + id + "/cancel", map());
    assertThat(noReason.status()).isEqualTo(400);
    assertThat(noReason.at("/field").asString()).isEqualTo("reason");
    assertThat(
            site.api.post("/api/v1/orders/" + id + "/lines/9/cancel", map("reason", "x")).status())
        .isEqualTo(404);
  }

  @Test
  void cancellingTheLastOpenLineCancelsTheOrder() {
    Shop shop = Shop.open(Site.create(admin));
    long id =
        ok(shop.site.api.post("/api/v1/orders", shop.order(unique("W-"), 1))).at("/id").asLong();
    var r = ok(shop.site.api.post("/api/v1/orders/" + id + "/lines/1/cancel", map("reason", "x")));
    assertThat(r.at("/status").asString()).isEqualTo("CANCELLED");
    assertThat(ok(shop.site.api.get("/api/v1/orders?status=CANCELLED")).at("/items/0/id").asLong())
        .isEqualTo(id);
  }

  @Test
  void aPackedOrAShippedOrderCannotBeCancelled() {
    Shop shop = Shop.open(Site.create(admin));
    for (String status : List.of("PACKED", "SHIPPED")) {
      long id =
          ok(shop.site.api.post("/api/v1/orders", shop.order(unique("W-"), 1))).at("/id").asLong();
      db.sql("UPDATE sales_order SET status = ? WHERE id = ?").params(status, id).update();
      var r = shop.site.api.post("/api/v1/orders/" + id + "/cancel", map("reason", "too late"));
      assertThat(r.status()).as(r.toString()).isEqualTo(409);
      assertThat(r.problemCode()).isEqualTo("order-" + status.toLowerCase());
      assertThat(r.at("/rule").asString()).isEqualTo("packed-or-shipped-order-cannot-be-cancelled");
      var line = shop.site.api.post("/api/v1/orders/" + id + "/lines/1/cancel", map("reason", "x"));
      assertThat(line.status()).isEqualTo(409);
      assertThat(ok(shop.site.api.get("/api/v1/orders/" + id)).at("/status").asString())
          .isEqualTo(status);
    }
  }

  @Test
  void ordersAreListedPageByPageAndFilteredByStatusAndChannel() {
    Shop shop = Shop.open(Site.create(admin));
    Site site = shop.site;
    ok(site.api.put("/api/v1/sales-channels/EBAY", map("name", "eBay")));
    List<Long> ids = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      ids.add(ok(site.api.post("/api/v1/orders", shop.order("W-" + i, i))).at("/id").asLong());
    }
    Map<String, Object> ebay = shop.order("E-1", 1);
    ebay.put("channel", "EBAY");
    long ebayId = ok(site.api.post("/api/v1/orders", ebay)).at("/id").asLong();
    ok(site.api.post("/api/v1/orders/" + ids.get(1) + "/cancel", map("reason", "fraud")));

    var first = ok(site.api.get("/api/v1/orders?limit=2"));
    assertThat(first.at("/items").size()).isEqualTo(2);
    assertThat(first.at("/items/0/id").asLong()).isEqualTo(ids.get(0));
    assertThat(first.at("/items/0/channelOrderId").asString()).isEqualTo("W-1");
    assertThat(first.at("/items/0/lines").asInt()).isEqualTo(1);
    assertThat(first.at("/items/0/warehouse").asString()).isEqualTo(site.warehouse);
    var second = ok(site.api.get("/api/v1/orders?limit=2&cursor=" + first.at("/next").asString()));
    assertThat(second.at("/items").size()).isEqualTo(2);
    assertThat(second.at("/items/1/id").asLong()).isEqualTo(ebayId);
    assertThat(second.at("/next").isMissingNode() || second.at("/next").isNull()).isTrue();

    var open = ok(site.api.get("/api/v1/orders?status=OPEN&channel=WEB"));
    assertThat(open.at("/items").size()).isEqualTo(2);
    assertThat(open.at("/items/1/id").asLong()).isEqualTo(ids.get(2));
    assertThat(ok(site.api.get("/api/v1/orders?channel=EBAY")).at("/items/0/id").asLong())
        .isEqualTo(ebayId);
    assertThat(site.api.get("/api/v1/orders?status=LOST").status()).isEqualTo(400);
  }

  @Test
  void aClientSeesOnlyItsOwnChannelsCustomersAndOrders() {
    Shop a = Shop.open(Site.create(admin));
    Shop b = Shop.open(Site.create(admin));
    long id = ok(a.site.api.post("/api/v1/orders", a.order("SAME-1", 1))).at("/id").asLong();
    assertThat(b.site.api.get("/api/v1/orders/" + id).status()).isEqualTo(404);
    assertThat(b.site.api.get("/api/v1/orders/by-channel/WEB/SAME-1").status()).isEqualTo(404);
    assertThat(ok(b.site.api.get("/api/v1/orders")).at("/items").size()).isZero();
    assertThat(b.site.api.post("/api/v1/orders/" + id + "/cancel", map("reason", "x")).status())
        .isEqualTo(404);
    // The same channel order id is free in B: ids are per client and channel.
    var inB = b.site.api.post("/api/v1/orders", b.order("SAME-1", 1));
    assertThat(inB.status()).as(inB.toString()).isEqualTo(201);
    assertThat(inB.at("/id").asLong()).isNotEqualTo(id);
    // B's customer and products are not A's.
    Map<String, Object> order = a.order("X-1", 1);
    order.put("customer", b.customer);
    assertThat(a.site.api.post("/api/v1/orders", order).problemCode())
        .isEqualTo("unknown-customer");
    order = a.order("X-2", 1);
    order.put("lines", list(map("sku", b.plainSku, "quantity", 1)));
    assertThat(a.site.api.post("/api/v1/orders", order).problemCode()).isEqualTo("unknown-sku");
    assertThat(ok(a.site.api.get("/api/v1/customers")).json().size()).isEqualTo(1);
  }

  @Test
  void salesChannelsAndCustomersAreCreatedAndUpdatedByCode() {
    Site site = Site.create(admin);
    var created = ok(site.api.put("/api/v1/sales-channels/WHOLESALE", map("name", "Trade")));
    assertThat(created.at("/code").asString()).isEqualTo("WHOLESALE");
    assertThat(created.at("/returnDays").isMissingNode() || created.at("/returnDays").isNull())
        .isTrue();
    ok(
        site.api.put(
            "/api/v1/sales-channels/WHOLESALE", map("name", "Trade desk", "returnDays", 14)));
    ok(site.api.put("/api/v1/sales-channels/AMAZON", map("name", "Amazon")));
    var channels = ok(site.api.get("/api/v1/sales-channels"));
    assertThat(channels.json().size()).isEqualTo(2);
    assertThat(channels.at("/1/name").asString()).isEqualTo("Trade desk");
    assertThat(channels.at("/1/returnDays").asInt()).isEqualTo(14);

    ok(site.api.put("/api/v1/customers/C-1", map("name", "Clinic", "minShelfLifeDays", 90)));
    ok(site.api.put("/api/v1/customers/C-1", map("name", "Clinic North", "minShelfLifeDays", 60)));
    var customers = ok(site.api.get("/api/v1/customers"));
    assertThat(customers.json().size()).isEqualTo(1);
    assertThat(customers.at("/0/name").asString()).isEqualTo("Clinic North");
    assertThat(customers.at("/0/minShelfLifeDays").asInt()).isEqualTo(60);

    var noName = site.api.put("/api/v1/sales-channels/EBAY", map("returnDays", 3));
    assertThat(noName.status()).isEqualTo(400);
    assertThat(noName.at("/field").asString()).isEqualTo("name");
    var negative = site.api.put("/api/v1/customers/C-2", map("name", "X", "minShelfLifeDays", -1));
    assertThat(negative.at("/field").asString()).isEqualTo("minShelfLifeDays");
  }

  private static Consumer<Map<String, Object>> line(Shop shop, Map<String, Object> bad) {
    return o ->
        o.put(
            "lines",
            list(
                map("sku", shop.plainSku, "quantity", 1),
                map("sku", shop.lotSku, "lot", shop.lot, "quantity", 1),
                bad));
  }

  private void refused(
      Shop shop, Consumer<Map<String, Object>> change, int status, String code, String field) {
    Map<String, Object> order = shop.order(unique("W-"), 1);
    change.accept(order);
    var r = shop.site.api.post("/api/v1/orders", order);
    assertThat(r.status()).as(r.toString()).isEqualTo(status);
    assertThat(r.contentType()).startsWith("application/problem+json");
    assertThat(r.problemCode()).as(r.toString()).isEqualTo(code);
    assertThat(r.at("/field").asString()).as(r.toString()).isEqualTo(field);
  }
}
