package io.unitrace.returns;

import static io.unitrace.support.Api.list;
import static io.unitrace.support.Api.map;
import static io.unitrace.support.Site.ok;

import io.unitrace.support.Api;
import io.unitrace.support.Shipped;
import io.unitrace.support.Site;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A client's returns dock for one test, built through the API on a {@link Site}: channel WEB with a
 * 30-day return window, a packing station, a customer and a REPAIR location; and the calls the dock
 * makes, spelled once.
 */
final class ReturnsDock {

  final Site site;
  final Api api;
  final String pack;
  final String customer;
  final String repair;

  private ReturnsDock(Site site, String pack, String customer, String repair) {
    this.site = site;
    this.api = site.api;
    this.pack = pack;
    this.customer = customer;
    this.repair = repair;
  }

  static ReturnsDock open(Api admin, int returnDays) {
    Site site = Site.create(admin);
    String pack = Shipped.prepare(site, returnDays);
    String customer = Shipped.customer(site);
    String repair = site.warehouse + "-REPAIR";
    ok(
        site.api.post(
            "/api/v1/locations",
            map("warehouse", site.warehouse, "code", repair, "type", "REPAIR", "level", "AREA")));
    return new ReturnsDock(site, pack, customer, repair);
  }

  static ReturnsDock open(Api admin) {
    return open(admin, 30);
  }

  /** One unit of the site's product shipped to the dock's customer today. */
  Shipped shipOne() {
    return Shipped.units(site, pack, customer, serial());
  }

  /** A product of the dock's client: its SKU and its one GTIN. */
  record Item(String sku, String gtin) {

    String dm(String serial) {
      return "(01)" + gtin + "(21)" + serial;
    }
  }

  /**
   * A new product of the client tracked as {@code tracking}, with {@code more} (name, value pairs:
   * "regulated", "expiryTracked", "warrantyMonths", ...) added to its spec.
   */
  Item product(String tracking, Object... more) {
    Item item = new Item("SKU" + serial(), Site.randomGtin());
    Map<String, Object> spec =
        map("sku", item.sku(), "name", "Item " + item.sku(), "gtins", list(item.gtin()));
    spec.put("tracking", tracking);
    spec.putAll(map(more));
    ok(api.post("/api/v1/products", spec));
    return item;
  }

  /** Registers one unit in the first bin: its GTIN and serial, and any lot, expiry and fields. */
  void stock(Map<String, Object> unit) {
    ok(api.post("/api/v1/units", map("location", site.bin1, "units", list(unit))));
  }

  /** Ships these stored units (GTIN, serial) to the dock's customer in one order on a date. */
  Shipped ship(String shipDate, Item item, String... serials) {
    List<Object> lines = new ArrayList<>();
    for (String s : serials) {
      lines.add(map("gtin", item.gtin(), "serial", s));
    }
    return Shipped.order(site, pack, customer, lines, shipDate);
  }

  /** The site's own product, as an {@link Item}. */
  Item phone() {
    return new Item(site.sku, site.gtin);
  }

  /** A serial no other test uses. */
  static String serial() {
    return "SN"
        + java.util.UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase();
  }

  String dm(String serial) {
    return "(01)" + site.gtin + "(21)" + serial;
  }

  /** An RMA for these units' scans with {@code reason}; answers its number. */
  String rma(String reason, String... serials) {
    List<Object> units = new ArrayList<>();
    for (String s : serials) {
      units.add(dm(s));
    }
    var r = api.post("/api/v1/rmas", map("units", units, "reason", reason));
    if (r.status() != 201) {
      throw new AssertionError(r.toString());
    }
    return r.at("/number").asString();
  }

  /**
   * Asks for an RMA of the order as channel WEB names it, with {@code reason}: all it shipped, or
   * only {@code serials} when some are named.
   */
  Api.Response rmaOfOrder(String channelOrderId, String reason, String... serials) {
    Map<String, Object> body =
        map("order", map("channel", Shipped.CHANNEL, "id", channelOrderId), "reason", reason);
    if (serials.length > 0) {
      body.put("serials", list((Object[]) serials));
    }
    return api.post("/api/v1/rmas", body);
  }

  /** A return brought back by someone other than its customer, so suspicious, into quarantine. */
  Api.Response receiveFromAStranger(String serial) {
    return receive(
        map(
            "scan",
            dm(serial),
            "reason",
            "DEFECTIVE",
            "returnedBy",
            "Mallory",
            "location",
            site.dock,
            "quarantine",
            site.quarantine));
  }

  Api.Response receive(Map<String, Object> body) {
    return api.post("/api/v1/returns", body);
  }

  /** A clean return of {@code serial} under {@code rma} on the dock; answers the return's id. */
  long received(String serial, String rma) {
    var r = receive(map("scan", dm(serial), "rma", rma, "location", site.dock));
    if (r.status() != 201) {
      throw new AssertionError(r.toString());
    }
    return r.at("/ret/id").asLong();
  }

  Api.Response inspect(long ret, String condition) {
    return api.post(
        "/api/v1/returns/" + ret + "/inspection",
        map("condition", condition, "findings", "looked at it"));
  }

  Api.Response route(long ret, String disposition, String location) {
    return api.post(
        "/api/v1/returns/" + ret + "/route", map("disposition", disposition, "location", location));
  }

  Api.Response route(long ret, String disposition, String location, String reason) {
    return api.post(
        "/api/v1/returns/" + ret + "/route",
        map("disposition", disposition, "location", location, "reason", reason));
  }

  JsonNode unit(Item item, String serial) {
    return ok(api.get("/api/v1/units/01/" + item.gtin() + "/21/" + serial)).json();
  }

  /** The unit's history (see {@link #history(String)}) under another product's GTIN. */
  List<String> history(Item item, String serial) {
    List<String> steps = new ArrayList<>();
    for (JsonNode e :
        ok(api.get("/api/v1/units/01/" + item.gtin() + "/21/" + serial + "/history?limit=100"))
            .at("/items")) {
      steps.add(e.path("bizStep").asString() + "/" + e.path("disposition").asString(null));
    }
    return steps;
  }

  Api.Response verdict(Map<String, Object> body) {
    return api.post("/api/v1/returns/verdict", body);
  }

  JsonNode unit(String serial) {
    return ok(api.get(site.unitPath(serial))).json();
  }

  String state(String serial) {
    return unit(serial).path("state").asString();
  }

  /** The unit's history as "bizStep/disposition" per event, oldest first. */
  List<String> history(String serial) {
    List<String> steps = new ArrayList<>();
    for (JsonNode e : ok(api.get(site.unitPath(serial) + "/history?limit=100")).at("/items")) {
      steps.add(e.path("bizStep").asString() + "/" + e.path("disposition").asString(null));
    }
    return steps;
  }

  boolean ledgerIntact() {
    return ok(api.post("/api/v1/ledger/verify", null)).at("/intact").asBoolean();
  }

  /** A person with {@code role} who works for the dock's client; answers their API. */
  Api person(Api admin, int port, String role) {
    return site.personApi(admin, port, role);
  }

  Api.Response closeRma(Api as, String rma, String reason) {
    return as.post("/api/v1/rmas/" + rma + "/close", map("reason", reason));
  }

  static List<Object> rules(Object... rules) {
    return list(rules);
  }
}
