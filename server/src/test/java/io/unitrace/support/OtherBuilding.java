package io.unitrace.support;

import static io.unitrace.support.Api.map;
import static io.unitrace.support.Site.ok;

import java.util.List;
import java.util.Map;

/** A second warehouse of the operator, with a dock and a storage bin: where transfers go. */
public record OtherBuilding(String warehouse, String dock, String bin) {

  public static OtherBuilding create(Api admin) {
    String wh = IntegrationTest.unique("WB");
    ok(admin.post("/api/v1/warehouses", map("code", wh, "name", "Other building")));
    OtherBuilding b = new OtherBuilding(wh, wh + "-D", wh + "-B1");
    ok(
        admin.post(
            "/api/v1/locations",
            map("warehouse", wh, "code", b.dock(), "type", "DOCK", "level", "AREA")));
    ok(
        admin.post(
            "/api/v1/locations",
            map("warehouse", wh, "code", b.bin(), "type", "STORAGE", "level", "BIN")));
    return b;
  }

  /** The quantity of counted goods leaving {@code from} on a transfer, as the API takes it. */
  public static Map<String, Object> leaving(String gtin, String lot, String from, long quantity) {
    return map("gtin", gtin, "lot", lot, "from", from, "quantity", quantity);
  }

  /** Ships counted goods from {@code site}'s warehouse to this building; the transfer's number. */
  public String sent(Site site, List<Map<String, Object>> stock) {
    return sent(site, List.of(), stock);
  }

  /**
   * Ships the site's units by serial, and counted goods, from {@code site}'s warehouse to this
   * building; the transfer's number.
   */
  public String sent(Site site, List<String> serials, List<Map<String, Object>> stock) {
    return ok(site.api.post(
            "/api/v1/transfers",
            map(
                "from",
                site.warehouse,
                "to",
                warehouse,
                "units",
                serials.stream().map(site::unitKey).toList(),
                "stock",
                stock)))
        .at("/number")
        .asString();
  }
}
