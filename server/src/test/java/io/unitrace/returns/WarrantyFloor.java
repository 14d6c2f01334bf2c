package io.unitrace.returns;

import static io.unitrace.support.Api.list;
import static io.unitrace.support.Api.map;
import static io.unitrace.support.Site.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.unitrace.support.Api;
import io.unitrace.support.Site;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A client that sells serialized phones with a warranty, set up through the REST API: its SSCC
 * numbering, a packing station, the channel WEB, and the site's product given {@code months} of
 * warranty. {@link #ship} sends units to a customer the whole way (order by serial, allocation,
 * pick, pack, shipment on a given date), so their sale is what outbound recorded.
 */
final class WarrantyFloor {

  final Site site;
  final String station;

  WarrantyFloor(Api admin, Integer months) {
    site = Site.create(admin);
    ok(
        site.api.put(
            "/api/v1/tenants/" + site.tenant + "/sscc",
            map(
                "companyPrefix",
                "95" + (10000 + ThreadLocalRandom.current().nextInt(89999)),
                "extensionDigit",
                1)));
    station = site.warehouse + "-PACK";
    ok(
        site.api.post(
            "/api/v1/locations",
            map("warehouse", site.warehouse, "code", station, "type", "PACKING", "level", "AREA")));
    ok(site.api.put("/api/v1/sales-channels/WEB", map("name", "Web shop", "returnDays", 30)));
    warrantyMonths(months);
  }

  /** Gives the site's product {@code months} of warranty (null: none). */
  void warrantyMonths(Integer months) {
    Map<String, Object> spec =
        map(
            "sku",
            site.sku,
            "name",
            "Phone " + site.sku,
            "gtins",
            list(site.gtin),
            "tracking",
            "SERIAL",
            "customFields",
            list(map("name", "IMEI", "type", "TEXT", "required", false, "unique", true)));
    spec.put("warrantyMonths", months);
    ok(site.api.put("/api/v1/products/" + site.sku, spec));
  }

  /** New units of the site's product in a storage bin; their serials. */
  List<String> stock(int count) {
    List<String> serials = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      serials.add(unique("SN"));
    }
    site.register(site.bin1, serials.toArray(String[]::new));
    return serials;
  }

  /** Stocks {@code count} new units and ships them on {@code shipDate} (null: today). */
  List<String> shipNew(int count, String shipDate) {
    List<String> serials = stock(count);
    ship(shipDate, serials);
    return serials;
  }

  /** Ships these stored units to Ann Buyer in one order, on {@code shipDate} (null: today). */
  void ship(String shipDate, List<String> serials) {
    List<Object> lines = new ArrayList<>();
    for (String s : serials) {
      lines.add(map("gtin", site.gtin, "serial", s));
    }
    long order =
        ok(site.api.post(
                "/api/v1/orders",
                map(
                    "channel",
                    "WEB",
                    "channelOrderId",
                    unique("WEB-"),
                    "warehouse",
                    site.warehouse,
                    "soldTo",
                    map("name", "Ann Buyer", "address", "1 Main St"),
                    "lines",
                    lines)))
            .at("/id")
            .asLong();
    ok(site.api.post("/api/v1/orders/" + order + "/allocate", null));
    assertThat(ok(site.api.get("/api/v1/orders/" + order)).at("/status").asString())
        .isEqualTo("ALLOCATED");
    long pickList =
        ok(site.api.post(
                "/api/v1/pick-lists",
                map("warehouse", site.warehouse, "orders", list(order), "destination", station)))
            .at("/id")
            .asLong();
    for (String s : serials) {
      ok(
          site.api.post(
              "/api/v1/pick-lists/" + pickList + "/scans",
              map("location", site.bin1, "scan", scan(s))));
    }
    String carton =
        ok(site.api.post("/api/v1/orders/" + order + "/cartons", map("station", station)))
            .at("/sscc")
            .asString();
    for (String s : serials) {
      ok(site.api.post("/api/v1/cartons/" + carton + "/scans", map("scan", scan(s))));
    }
    ok(site.api.post("/api/v1/orders/" + order + "/packing/close", null));
    Map<String, Object> shipment = map("carrier", "DHL");
    if (shipDate != null) {
      shipment.put("shipDate", shipDate);
    }
    ok(site.api.post("/api/v1/orders/" + order + "/shipments", shipment));
    for (String s : serials) {
      assertThat(ok(site.api.get(site.unitPath(s))).at("/state").asString()).isEqualTo("SHIPPED");
    }
  }

  static String unique(String prefix) {
    return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase();
  }

  String scan(String serial) {
    return "(01)" + site.gtin + "(21)" + serial;
  }

  String warrantyPath(String serial) {
    return "/api/v1/warranty/01/" + site.gtin + "/21/" + serial;
  }

  Api.Response warranty(String serial) {
    return site.api.get(warrantyPath(serial));
  }
}
