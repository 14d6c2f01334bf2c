package io.unitrace.support;

import static io.unitrace.support.Api.list;
import static io.unitrace.support.Api.map;
import static io.unitrace.support.Site.ok;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Goods that left the building, for the returns desk to take back: an order on channel WEB placed
 * for a customer, allocated, picked task by task, packed into one carton and shipped, all through
 * the API. {@code serials} are the units that shipped (allocation chooses them, first in first
 * out), {@code channelOrderId} is the order as the channel names it.
 */
public record Shipped(long orderId, String channelOrderId, String customer, List<String> serials) {

  public static final String CHANNEL = "WEB";

  /**
   * Makes the site ready to sell and ship: channel WEB with a return window of {@code returnDays},
   * the client's SSCC numbering and a packing station, whose code it answers.
   */
  public static String prepare(Site site, int returnDays) {
    ok(
        site.api.put(
            "/api/v1/sales-channels/" + CHANNEL,
            map("name", "Web shop", "returnDays", returnDays)));
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

  /** A customer of the client, by its code. */
  public static String customer(Site site) {
    String code = IntegrationTest.unique("CUST");
    ok(site.api.put("/api/v1/customers/" + code, map("name", "Customer " + code)));
    return code;
  }

  /**
   * Registers {@code serials} of the site's product in its first bin and ships that many to {@code
   * customer} today.
   */
  public static Shipped units(Site site, String pack, String customer, String... serials) {
    site.register(site.bin1, serials);
    return order(
        site, pack, customer, list(map("sku", site.sku, "quantity", serials.length)), null);
  }

  /**
   * Ships an order of {@code lines} (sku and quantity) to {@code customer} on {@code shipDate}
   * (yyyy-MM-dd; null: today), from stock already in the building.
   */
  public static Shipped order(
      Site site, String pack, String customer, List<Object> lines, String shipDate) {
    String id = IntegrationTest.unique("WEB-");
    long orderId =
        ok(site.api.post(
                "/api/v1/orders",
                map(
                    "channel",
                    CHANNEL,
                    "channelOrderId",
                    id,
                    "warehouse",
                    site.warehouse,
                    "customer",
                    customer,
                    "soldTo",
                    map("name", "Ann Buyer", "address", "1 Main St"),
                    "lines",
                    lines)))
            .at("/id")
            .asLong();
    assertThat(settled(site, orderId)).isEqualTo("ALLOCATED");
    JsonNode pickList =
        ok(site.api.post(
                "/api/v1/pick-lists",
                map("warehouse", site.warehouse, "orders", list(orderId), "destination", pack)))
            .json();
    long listId = pickList.path("id").asLong();
    List<JsonNode> tasks = new ArrayList<>();
    pickList.path("tasks").forEach(tasks::add);
    List<String> serials = new ArrayList<>();
    for (JsonNode t : tasks) {
      String at = t.path("location").asString();
      if (!t.path("serial").isNull() && !t.path("serial").isMissingNode()) {
        serials.add(t.path("serial").asString());
        ok(
            site.api.post(
                "/api/v1/pick-lists/" + listId + "/scans",
                map("location", at, "scan", dm(t.path("gtin").asString(), t.path("serial")))));
      } else {
        ok(
            site.api.post(
                "/api/v1/pick-lists/" + listId + "/scans",
                map(
                    "location",
                    at,
                    "scan",
                    "(01)"
                        + gtinOf(site, t)
                        + (t.path("lot").isNull() || t.path("lot").isMissingNode()
                            ? ""
                            : "(10)" + t.path("lot").asString()),
                    "quantity",
                    t.path("quantity").asLong())));
      }
    }
    String sscc =
        ok(site.api.post("/api/v1/orders/" + orderId + "/cartons", map("station", pack)))
            .at("/sscc")
            .asString();
    for (JsonNode t : tasks) {
      if (!t.path("serial").isNull() && !t.path("serial").isMissingNode()) {
        ok(
            site.api.post(
                "/api/v1/cartons/" + sscc + "/scans",
                map("scan", dm(t.path("gtin").asString(), t.path("serial")))));
      } else {
        ok(
            site.api.post(
                "/api/v1/cartons/" + sscc + "/scans",
                map(
                    "gtin",
                    gtinOf(site, t),
                    "lot",
                    t.path("lot").asString(null),
                    "quantity",
                    t.path("quantity").asLong())));
      }
    }
    ok(site.api.post("/api/v1/orders/" + orderId + "/packing/close", map()));
    Api.Response shipped =
        site.api.post(
            "/api/v1/orders/" + orderId + "/shipments",
            map("carrier", "DHL", "tracking", "JD" + orderId, "shipDate", shipDate));
    assertThat(shipped.status()).as(shipped.toString()).isEqualTo(201);
    return new Shipped(orderId, id, customer, List.copyOf(serials));
  }

  /** A task's GTIN: the unit's, or for counted goods the first of its product's. */
  private static String gtinOf(Site site, JsonNode task) {
    String gtin = task.path("gtin").asString(null);
    return gtin != null
        ? gtin
        : ok(site.api.get("/api/v1/products/" + task.path("sku").asString()))
            .at("/gtins/0")
            .asString();
  }

  /** The one unit this order shipped. */
  public String serial() {
    assertThat(serials).hasSize(1);
    return serials.get(0);
  }

  private static String dm(String gtin, JsonNode serial) {
    return "(01)" + gtin + "(21)" + serial.asString();
  }

  /** Waits for the allocation that follows an order's import, and answers the order's status. */
  public static String settled(Site site, long orderId) {
    String status = null;
    for (int i = 0; i < 100; i++) {
      status = ok(site.api.get("/api/v1/orders/" + orderId)).at("/status").asString();
      if (!status.equals("OPEN")) {
        return status;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    return status;
  }
}
