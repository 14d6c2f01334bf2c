package io.unitrace.support;

import static io.unitrace.support.Api.list;
import static io.unitrace.support.Api.map;
import static io.unitrace.support.Site.ok;

import tools.jackson.databind.JsonNode;

/**
 * A client whose goods are counted, not serialized: saline (tracked by lot, with expiry) and gloves
 * (untracked), beside the site's serialized phone.
 */
public record CountedGoods(
    Site site, String salineSku, String saline, String glovesSku, String gloves) {

  /** Expiry of the lots this fixture enters. */
  public static final String EXPIRY = "2030-01-31";

  public static CountedGoods create(Api admin) {
    Site site = Site.create(admin);
    String salineSku = IntegrationTest.unique("SAL");
    String saline = Site.randomGtin();
    ok(
        site.api.post(
            "/api/v1/products",
            map(
                "sku",
                salineSku,
                "name",
                "Saline 500 ml",
                "gtins",
                list(saline),
                "tracking",
                "LOT",
                "expiryTracked",
                true)));
    String glovesSku = IntegrationTest.unique("GLV");
    String gloves = Site.randomGtin();
    ok(
        site.api.post(
            "/api/v1/products",
            map(
                "sku",
                glovesSku,
                "name",
                "Gloves, box",
                "gtins",
                list(gloves),
                "tracking",
                "NONE")));
    return new CountedGoods(site, salineSku, saline, glovesSku, gloves);
  }

  /**
   * Stock found at a location (a supervisor's correction, and how opening stock is entered); lots
   * expire on {@link #EXPIRY}.
   */
  public Api.Response found(String gtin, String lot, String location, long quantity) {
    return site.api.post(
        "/api/v1/stock/adjustments",
        map(
            "gtin",
            gtin,
            "lot",
            lot,
            "expiry",
            lot == null ? null : EXPIRY,
            "location",
            location,
            "kind",
            "FOUND",
            "quantity",
            quantity,
            "reason",
            "opening stock"));
  }

  /** How many of the product are at the location (and below it), all lots and holds together. */
  public long stock(String sku, String location) {
    long total = 0;
    for (JsonNode line :
        ok(site.api.get("/api/v1/stock?sku=" + sku + "&location=" + location))
            .json()
            .path("items")) {
      total += line.path("quantity").asLong();
    }
    return total;
  }
}
