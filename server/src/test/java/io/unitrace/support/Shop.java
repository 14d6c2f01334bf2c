package io.unitrace.support;

import static io.unitrace.support.Api.list;
import static io.unitrace.support.Api.map;
import static io.unitrace.support.Site.ok;

import java.util.Map;

/**
 * What a site needs to take channel orders, built through the API on top of a {@link Site}: the
 * sales channel WEB, a customer with a minimum shelf life, an untracked product and a lot-tracked
 * product with one lot. The site's own product is the serialized one.
 */
public final class Shop {

  public static final String CHANNEL = "WEB";

  public final Site site;
  public final String customer;
  public final String plainSku;
  public final String lotSku;
  public final String lotGtin;
  public final String lot;

  private Shop(
      Site site, String customer, String plainSku, String lotSku, String lotGtin, String lot) {
    this.site = site;
    this.customer = customer;
    this.plainSku = plainSku;
    this.lotSku = lotSku;
    this.lotGtin = lotGtin;
    this.lot = lot;
  }

  public static Shop open(Site site) {
    ok(
        site.api.put(
            "/api/v1/sales-channels/" + CHANNEL, map("name", "Web shop", "returnDays", 30)));
    String customer = IntegrationTest.unique("CUST");
    ok(
        site.api.put(
            "/api/v1/customers/" + customer, map("name", "Pharmacy", "minShelfLifeDays", 120)));
    String plain = IntegrationTest.unique("CABLE");
    ok(
        site.api.post(
            "/api/v1/products",
            map(
                "sku",
                plain,
                "name",
                "Cable",
                "gtins",
                list(Site.randomGtin()),
                "tracking",
                "NONE")));
    String lotSku = IntegrationTest.unique("SYRUP");
    String lotGtin = Site.randomGtin();
    ok(
        site.api.post(
            "/api/v1/products",
            map(
                "sku",
                lotSku,
                "name",
                "Syrup",
                "gtins",
                list(lotGtin),
                "tracking",
                "LOT",
                "expiryTracked",
                true)));
    String lot = "L" + IntegrationTest.unique("").substring(0, 6);
    ok(
        site.api.post(
            "/api/v1/products/" + lotSku + "/lots", map("code", lot, "expiresOn", "2031-06-30")));
    return new Shop(site, customer, plain, lotSku, lotGtin, lot);
  }

  /** An order on channel WEB with one line of {@code quantity} of the untracked product. */
  public Map<String, Object> order(String channelOrderId, int quantity) {
    return map(
        "channel",
        CHANNEL,
        "channelOrderId",
        channelOrderId,
        "warehouse",
        site.warehouse,
        "soldTo",
        map("name", "Ann Buyer", "address", "1 Main St, Springfield"),
        "lines",
        list(map("sku", plainSku, "quantity", quantity)));
  }
}
