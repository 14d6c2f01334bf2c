package io.unitrace.recalls;

import static io.unitrace.support.Api.list;
import static io.unitrace.support.Api.map;
import static io.unitrace.support.Site.ok;

import io.unitrace.support.Api;
import io.unitrace.support.Shipped;
import io.unitrace.support.Site;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * A client ready to sell and recall: a phone tracked by lot and serial (its own GTIN), channel WEB,
 * a packing station. Units are registered by lot into the first bin, in the order given, so that
 * allocation (first in, first out) takes the first ones first.
 */
final class RecallFloor {

  final Site site;
  final Api api;
  final String sku;
  final String gtin;
  final String pack;

  private RecallFloor(Site site, String sku, String gtin, String pack) {
    this.site = site;
    this.api = site.api;
    this.sku = sku;
    this.gtin = gtin;
    this.pack = pack;
  }

  static String unique(String prefix) {
    return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase();
  }

  static RecallFloor open(Api admin) {
    Site site = Site.create(admin);
    String sku = unique("RPH");
    String gtin = Site.randomGtin();
    ok(
        site.api.post(
            "/api/v1/products",
            map(
                "sku",
                sku,
                "name",
                "Recallable phone",
                "gtins",
                list(gtin),
                "tracking",
                "LOT_AND_SERIAL")));
    return new RecallFloor(site, sku, gtin, Shipped.prepare(site, 30));
  }

  /** Registers units of {@code lot} in the first bin. */
  void register(String lot, String... serials) {
    List<Object> units = new ArrayList<>();
    for (String s : serials) {
      units.add(map("gtin", gtin, "serial", s, "lot", lot));
    }
    ok(api.post("/api/v1/units", map("location", site.bin1, "units", units)));
  }

  /** Ships {@code quantity} units (first in, first out) to a new customer, answering its code. */
  Shipped ship(int quantity) {
    String customer = Shipped.customer(site);
    return Shipped.order(site, pack, customer, list(map("sku", sku, "quantity", quantity)), null);
  }

  /** Places an order of {@code quantity} units and waits for its allocation; answers its id. */
  long order(int quantity) {
    long id =
        ok(api.post(
                "/api/v1/orders",
                map(
                    "channel",
                    Shipped.CHANNEL,
                    "channelOrderId",
                    unique("WEB-"),
                    "warehouse",
                    site.warehouse,
                    "soldTo",
                    map("name", "Bob Buyer", "address", "2 Side St"),
                    "lines",
                    list(map("sku", sku, "quantity", quantity)))))
            .at("/id")
            .asLong();
    Shipped.settled(site, id);
    return id;
  }

  JsonNode unit(String serial) {
    return ok(api.get("/api/v1/units/01/" + gtin + "/21/" + serial)).json();
  }

  String state(String serial) {
    return unit(serial).path("state").asString();
  }

  List<String> holds(String serial) {
    List<String> holds = new ArrayList<>();
    unit(serial).path("holds").forEach(h -> holds.add(h.asString()));
    return holds;
  }

  List<JsonNode> history(String serial) {
    List<JsonNode> entries = new ArrayList<>();
    ok(api.get("/api/v1/units/01/" + gtin + "/21/" + serial + "/history?limit=1000"))
        .at("/items")
        .forEach(entries::add);
    return entries;
  }

  Api.Response draft(Object body) {
    return api.post("/api/v1/recalls", body);
  }

  JsonNode draftLots(String... lots) {
    Api.Response r =
        draft(
            map(
                "title",
                "Battery swelling",
                "mode",
                "LOTS",
                "product",
                sku,
                "lots",
                list((Object[]) lots)));
    return ok(r).json();
  }

  JsonNode draftSerials(String... serials) {
    List<Object> units = new ArrayList<>();
    for (String s : serials) {
      units.add(map("gtin", gtin, "serial", s));
    }
    return ok(draft(map("title", "Faulty units", "mode", "SERIALS", "units", units))).json();
  }

  JsonNode openRecall(JsonNode campaign) {
    return ok(api.post("/api/v1/recalls/" + campaign.path("id").asLong() + "/open", map())).json();
  }

  Api.Response close(JsonNode campaign, Api as, String reason) {
    return as.in(site.tenant)
        .post(
            "/api/v1/recalls/" + campaign.path("id").asLong() + "/close",
            reason == null ? map() : map("reason", reason));
  }

  /**
   * Closes declaring the recall a false alarm: goods still held in the building go back on sale.
   */
  Api.Response release(JsonNode campaign, Api as, String reason) {
    return as.in(site.tenant)
        .post(
            "/api/v1/recalls/" + campaign.path("id").asLong() + "/close",
            map("reason", reason, "release", true));
  }

  /** The unit's key in a request body. */
  Map<String, Object> key(String serial) {
    return map("gtin", gtin, "serial", serial);
  }

  String dm(String serial) {
    return "(01)" + gtin + "(21)" + serial;
  }
}
