package io.unitrace.ui;

import static io.unitrace.support.Api.list;
import static io.unitrace.support.Api.map;
import static io.unitrace.support.Site.ok;

import io.unitrace.support.Api;
import io.unitrace.support.Shipped;
import io.unitrace.support.Site;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * A client for the recall screens, made once per test class: a phone tracked by lot and serial and
 * a battery cell tracked the same way, channel WEB and a packing station. Each test registers its
 * own lots, so that tests sharing the client never reach each other's units; units ship by serial,
 * so allocation never takes another test's unit.
 */
final class RecallShop {

  final Site site;
  final Api api;
  final String sku;
  final String gtin;
  final String cellSku;
  final String cellGtin;
  final String pack;

  private RecallShop(
      Site site, String sku, String gtin, String cellSku, String cellGtin, String pack) {
    this.site = site;
    this.api = site.api;
    this.sku = sku;
    this.gtin = gtin;
    this.cellSku = cellSku;
    this.cellGtin = cellGtin;
    this.pack = pack;
  }

  static RecallShop open(Api admin) {
    Site site = Site.create(admin);
    String sku = unique("RPH");
    String gtin = Site.randomGtin();
    product(site, sku, "Recallable phone", gtin);
    String cellSku = unique("CELL");
    String cellGtin = Site.randomGtin();
    product(site, cellSku, "Battery cell", cellGtin);
    return new RecallShop(site, sku, gtin, cellSku, cellGtin, Shipped.prepare(site, 30));
  }

  private static String unique(String prefix) {
    return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase();
  }

  private static void product(Site site, String sku, String name, String gtin) {
    ok(
        site.api.post(
            "/api/v1/products",
            map("sku", sku, "name", name, "gtins", list(gtin), "tracking", "LOT_AND_SERIAL")));
  }

  /** Registers phones of {@code lot} in the first bin. */
  void phones(String lot, String... serials) {
    register(gtin, lot, serials);
  }

  /** Registers cells of {@code lot} in the first bin. */
  void cells(String lot, String... serials) {
    register(cellGtin, lot, serials);
  }

  private void register(String gtin, String lot, String... serials) {
    List<Object> units = new ArrayList<>();
    for (String s : serials) {
      units.add(map("gtin", gtin, "serial", s, "lot", lot));
    }
    ok(api.post("/api/v1/units", map("location", site.bin1, "units", units)));
  }

  /** Ships the phone {@code serial} to a new customer today. */
  Shipped ship(String serial) {
    return Shipped.order(
        site, pack, Shipped.customer(site), list(map("sku", sku, "serial", serial)), null);
  }

  /** Builds the cell {@code cell} into the phone {@code phone}. */
  void assemble(String phone, String cell) {
    ok(
        api.post(
            "/api/v1/assemblies",
            map(
                "unit",
                map("gtin", gtin, "serial", phone),
                "components",
                list(map("gtin", cellGtin, "serial", cell)))));
  }

  /** Drafts a campaign of the phones of {@code lot}; answers it as the API does. */
  JsonNode draft(String title, String lot) {
    return ok(api.post(
            "/api/v1/recalls",
            map(
                "title",
                title,
                "reason",
                "Swelling",
                "mode",
                "LOTS",
                "product",
                sku,
                "lots",
                list(lot))))
        .json();
  }

  JsonNode campaign(long id) {
    return ok(api.get("/api/v1/recalls/" + id)).json();
  }

  JsonNode openCampaign(long id) {
    return ok(api.post("/api/v1/recalls/" + id + "/open", map())).json();
  }

  JsonNode closeCampaign(long id, String reason) {
    // release: what is still in the building goes back on sale (the recall was a false alarm)
    return ok(api.post("/api/v1/recalls/" + id + "/close", map("reason", reason, "release", true)))
        .json();
  }

  List<String> holds(String serial) {
    List<String> holds = new ArrayList<>();
    ok(api.get("/api/v1/units/01/" + gtin + "/21/" + serial))
        .at("/holds")
        .forEach(h -> holds.add(h.asString()));
    return holds;
  }
}
