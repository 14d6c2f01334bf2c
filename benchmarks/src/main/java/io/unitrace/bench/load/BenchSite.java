package io.unitrace.bench.load;

import io.unitrace.gs1.CheckDigit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A fresh client (tenant) with its own warehouse, built through the API as an admin would: a
 * receiving dock, storage bins, one serialized product with a GTIN nobody else uses, and a write
 * token for the scanners. Each phase works in its own site, so phases never see each other's rows.
 */
record BenchSite(
    String tenant,
    long tenantId,
    String warehouse,
    String dock,
    List<String> bins,
    String sku,
    String gtin,
    String token) {

  static final JsonMapper JSON = JsonMapper.builder().build();

  static BenchSite create(Terminal admin, String label, int binCount) {
    String suffix =
        Long.toString(System.currentTimeMillis(), 36).toUpperCase()
            + ThreadLocalRandom.current().nextInt(100, 1000);
    String tenant = label + "-" + suffix;
    JsonNode t =
        read(
            admin.postOk(
                "/api/v1/tenants",
                json(Map.of("code", tenant, "name", "Benchmark client " + tenant))));
    String wh = "W" + label + suffix;
    admin.postOk(
        "/api/v1/warehouses", json(Map.of("code", wh, "name", "Benchmark warehouse " + wh)));
    String dock = wh + "-DOCK";
    admin.postOk(
        "/api/v1/locations",
        json(Map.of("warehouse", wh, "code", dock, "type", "DOCK", "level", "AREA")));
    String zone = wh + "-Z1";
    admin.postOk(
        "/api/v1/locations",
        json(Map.of("warehouse", wh, "code", zone, "type", "STORAGE", "level", "ZONE")));
    List<String> bins = new ArrayList<>();
    for (int i = 1; i <= binCount; i++) {
      String bin = wh + "-B" + i;
      admin.postOk(
          "/api/v1/locations",
          json(
              Map.of(
                  "warehouse",
                  wh,
                  "parent",
                  zone,
                  "code",
                  bin,
                  "type",
                  "STORAGE",
                  "level",
                  "BIN")));
      bins.add(bin);
    }
    String sku = "PHONE-" + suffix;
    String gtin = randomGtin();
    admin
        .in(tenant)
        .postOk(
            "/api/v1/products",
            json(
                Map.of(
                    "sku",
                    sku,
                    "name",
                    "Benchmark phone " + sku,
                    "gtins",
                    List.of(gtin),
                    "tracking",
                    "SERIAL")));
    JsonNode token =
        read(
            admin.postOk(
                "/api/v1/tokens",
                json(Map.of("name", "scanner-" + label, "tenant", tenant, "scope", "write"))));
    return new BenchSite(
        tenant,
        t.path("id").asLong(),
        wh,
        dock,
        List.copyOf(bins),
        sku,
        gtin,
        token.path("token").asString());
  }

  /**
   * Gets the site ready to ship: its own SSCC numbering, a packing area and the WEB sales channel
   * (returns within 30 days). Answers the packing area's code.
   */
  String prepareOutbound(Terminal admin) {
    admin.putOk(
        "/api/v1/tenants/" + tenant + "/sscc",
        json(
            Map.of(
                "companyPrefix",
                "95" + ThreadLocalRandom.current().nextInt(10000, 99999),
                "extensionDigit",
                1)));
    String packing = warehouse + "-PACK";
    admin.postOk(
        "/api/v1/locations",
        json(Map.of("warehouse", warehouse, "code", packing, "type", "PACKING", "level", "AREA")));
    admin
        .in(tenant)
        .putOk("/api/v1/sales-channels/WEB", json(Map.of("name", "Web shop", "returnDays", 30)));
    return packing;
  }

  /** The path of a unit in the API, its GS1 Digital Link. */
  String unitPath(String serial) {
    return "/api/v1/units/01/" + gtin + "/21/" + serial;
  }

  /** A GTIN-14 with a valid check digit and a random item reference. */
  static String randomGtin() {
    String body =
        "0" + String.format("%012d", ThreadLocalRandom.current().nextLong(1_000_000_000_000L));
    return body + CheckDigit.compute(body);
  }

  static String json(Object value) {
    return JSON.writeValueAsString(value);
  }

  static JsonNode read(Terminal.Reply reply) {
    return JSON.readTree(reply.body());
  }
}
