package io.unitrace.ui;

import static io.unitrace.support.Api.list;
import static io.unitrace.support.Api.map;
import static io.unitrace.support.Site.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.unitrace.support.Site;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * An outbound floor for the pick, pack and ship screens, set up through the REST API as in
 * OutboundFlowIT: the client's SSCC numbering, a packing station, the channel WEB, orders of the
 * site's serialized product allocated by themselves, pick lists and picks.
 */
final class Outbound {

  final Site site;
  final String station;

  Outbound(Site site) {
    this.site = site;
    ok(
        site.api.put(
            "/api/v1/tenants/" + site.tenant + "/sscc",
            map(
                "companyPrefix",
                "95" + (10000 + (int) (Math.random() * 89999)),
                "extensionDigit",
                1)));
    station = site.warehouse + "-PACK";
    ok(
        site.api.post(
            "/api/v1/locations",
            map("warehouse", site.warehouse, "code", station, "type", "PACKING", "level", "AREA")));
    ok(site.api.put("/api/v1/sales-channels/WEB", map("name", "Web shop", "returnDays", 30)));
  }

  /** An order of {@code quantity} of the site's product, waited for until it is allocated. */
  long order(int quantity) {
    return order(site.sku, quantity);
  }

  /** An order of {@code quantity} of {@code sku}, waited for until it is allocated. */
  long order(String sku, int quantity) {
    long id =
        ok(site.api.post(
                "/api/v1/orders",
                map(
                    "channel",
                    "WEB",
                    "channelOrderId",
                    "WEB-" + java.util.UUID.randomUUID().toString().substring(0, 12),
                    "warehouse",
                    site.warehouse,
                    "soldTo",
                    map("name", "Ann Buyer", "address", "1 Main St"),
                    "lines",
                    list(map("sku", sku, "quantity", quantity)))))
            .at("/id")
            .asLong();
    String status = null;
    for (int i = 0; i < 200 && !"ALLOCATED".equals(status); i++) {
      status = ok(site.api.get("/api/v1/orders/" + id)).at("/status").asString();
      if (!"ALLOCATED".equals(status)) {
        sleep(50);
      }
    }
    assertThat(status).as("order " + id + " allocated").isEqualTo("ALLOCATED");
    return id;
  }

  String channelOrderId(long orderId) {
    return ok(site.api.get("/api/v1/orders/" + orderId)).at("/channelOrderId").asString();
  }

  long pickList(long... orders) {
    List<Object> ids = new ArrayList<>();
    for (long o : orders) {
      ids.add(o);
    }
    return ok(site.api.post(
            "/api/v1/pick-lists",
            map("warehouse", site.warehouse, "orders", ids, "destination", station)))
        .at("/id")
        .asLong();
  }

  /** The serials allocated to the list, in its walking order, with their locations. */
  List<JsonNode> tasks(long listId) {
    List<JsonNode> out = new ArrayList<>();
    ok(site.api.get("/api/v1/pick-lists/" + listId)).at("/tasks").forEach(out::add);
    return out;
  }

  /** Picks every task of the list through the API, as a picker would by scan. */
  void pickAll(long listId) {
    for (JsonNode t : tasks(listId)) {
      if (t.path("status").asString().equals("ALLOCATED")) {
        ok(
            site.api.post(
                "/api/v1/pick-lists/" + listId + "/scans",
                map(
                    "location",
                    t.path("location").asString(),
                    "scan",
                    dm(t.path("serial").asString()))));
      }
    }
  }

  /** Packs every picked unit of the order into one new carton and closes its packing; the SSCC. */
  String packAll(long orderId, List<String> serials) {
    String sscc =
        ok(site.api.post("/api/v1/orders/" + orderId + "/cartons", map("station", station)))
            .at("/sscc")
            .asString();
    for (String s : serials) {
      ok(site.api.post("/api/v1/cartons/" + sscc + "/scans", map("scan", dm(s))));
    }
    ok(site.api.post("/api/v1/orders/" + orderId + "/packing/close", map()));
    return sscc;
  }

  String state(String serial) {
    return ok(site.api.get(site.unitPath(serial))).at("/state").asString();
  }

  String orderStatus(long orderId) {
    return ok(site.api.get("/api/v1/orders/" + orderId)).at("/status").asString();
  }

  String dm(String serial) {
    return "(01)" + site.gtin + "(21)" + serial;
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
