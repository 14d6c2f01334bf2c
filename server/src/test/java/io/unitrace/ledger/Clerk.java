package io.unitrace.ledger;

import static io.unitrace.support.Api.list;
import static io.unitrace.support.Api.map;
import static io.unitrace.support.Site.ok;

import io.unitrace.support.Api;
import io.unitrace.support.Site;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One test's clerk: a client of its own (or a product of its own in a shared client, so serials
 * never collide) at a warehouse that {@link Site#create} built once for the whole suite, worked
 * through an API token. Why not a Site per test: HTTP Basic checks the bcrypt hash on every
 * request, about 0.3 s each on the 2-core test machine, and a Site costs eight of them; a token is
 * one SHA-256. Locations belong to the operator and are shared by all clients anyway.
 */
final class Clerk {

  /** The warehouse every test works in, per server (one Spring context, one port, one database). */
  private static final Map<Integer, Site> WAREHOUSES = new HashMap<>();

  private static final Map<Integer, Clerk> SHARED_CLIENTS = new HashMap<>();

  /** The site that built the shared warehouse; use its locations, not its client. */
  final Site site;

  final String tenant;

  /** The admin's API token for {@link #tenant}: who is "token:admin/{name}". */
  final Api api;

  final String tokenName;
  final String gtin;
  final String sku;
  final String dock;
  final String bin1;
  final String bin2;
  final String quarantine;

  /** The storage zone holding bin1 and bin2. */
  final String zone;

  private Clerk(Site site, String tenant, Api api, String tokenName, String gtin, String sku) {
    this.site = site;
    this.tenant = tenant;
    this.api = api;
    this.tokenName = tokenName;
    this.gtin = gtin;
    this.sku = sku;
    this.dock = site.dock;
    this.bin1 = site.bin1;
    this.bin2 = site.bin2;
    this.quarantine = site.quarantine;
    this.zone = Floor.zone(site);
  }

  /**
   * A clerk of a brand-new client: nothing else in the ledger belongs to it, so counts and searches
   * are its own.
   */
  static Clerk forNewClient(Api admin, int port) {
    Site site = warehouse(admin, port);
    String tenant = Floor.unique("T");
    ok(admin.post("/api/v1/tenants", map("code", tenant, "name", "Client " + tenant)));
    String tokenName = Floor.unique("handheld-").toLowerCase();
    Api api = token(admin, port, tenant, tokenName);
    return new Clerk(site, tenant, api, tokenName, null, null).withNewProduct();
  }

  /**
   * A clerk of the client all such tests share, with a product of its own: for rules about one unit
   * at a time.
   */
  static Clerk inSharedClient(Api admin, int port) {
    Clerk shared;
    synchronized (SHARED_CLIENTS) {
      shared = SHARED_CLIENTS.get(port);
      if (shared == null) {
        shared = forNewClient(admin, port);
        SHARED_CLIENTS.put(port, shared);
      }
    }
    return shared.withNewProduct();
  }

  /**
   * The same clerk and client with a fresh serialized product carrying an optional, unique IMEI
   * field.
   */
  Clerk withNewProduct() {
    String sku = Floor.unique("SKU");
    String gtin = Site.randomGtin();
    ok(
        api.post(
            "/api/v1/products",
            map(
                "sku",
                sku,
                "name",
                "Phone " + sku,
                "gtins",
                list(gtin),
                "tracking",
                "SERIAL",
                "customFields",
                list(map("name", "IMEI", "type", "TEXT", "required", false, "unique", true)))));
    return new Clerk(site, tenant, api, tokenName, gtin, sku);
  }

  /** Another token of the admin for the same client: a second clerk scanning at the same time. */
  Api colleague(Api admin, int port, String name) {
    return token(admin, port, tenant, name);
  }

  private static Site warehouse(Api admin, int port) {
    synchronized (WAREHOUSES) {
      return WAREHOUSES.computeIfAbsent(port, p -> Site.create(admin));
    }
  }

  private static Api token(Api admin, int port, String tenant, String name) {
    Api.Response issued =
        ok(admin.post("/api/v1/tokens", map("name", name, "tenant", tenant, "scope", "write")));
    return Api.token(port, issued.at("/token").asString());
  }

  String unitPath(String serial) {
    return Floor.path(gtin, serial);
  }

  Map<String, Object> unitKey(String serial) {
    return Floor.unit(gtin, serial);
  }

  /** Registers units of this clerk's product at {@code location}; asserts it worked. */
  Api.Response register(String location, String... serials) {
    return ok(api.post("/api/v1/units", registration(location, List.of(serials))));
  }

  Map<String, Object> registration(String location, List<String> serials) {
    List<Object> units = new ArrayList<>(serials.size());
    serials.forEach(s -> units.add(unitKey(s)));
    return map("location", location, "units", units);
  }

  /** Creates a container of {@code kind} at {@code location}; returns its SSCC. */
  String container(String kind, String location) {
    String sscc = Floor.newSscc();
    ok(api.post("/api/v1/containers", map("sscc", sscc, "kind", kind, "location", location)));
    return sscc;
  }

  /** A product tracked by lot and serial whose lots carry an expiry date; returns its GTIN. */
  String medicine() {
    String gtin = Site.randomGtin();
    ok(
        api.post(
            "/api/v1/products",
            map(
                "sku",
                Floor.unique("MED"),
                "name",
                "Vaccine",
                "gtins",
                list(gtin),
                "tracking",
                "LOT_AND_SERIAL",
                "expiryTracked",
                true)));
    return gtin;
  }

  /**
   * A serialized product whose units must carry an IMEI (unique) and may carry a firmware version;
   * returns its GTIN.
   */
  String handset() {
    String gtin = Site.randomGtin();
    ok(
        api.post(
            "/api/v1/products",
            map(
                "sku",
                Floor.unique("HS"),
                "name",
                "Handset",
                "gtins",
                list(gtin),
                "tracking",
                "SERIAL",
                "customFields",
                list(
                    map("name", "IMEI", "type", "TEXT", "required", true, "unique", true),
                    map("name", "firmware", "type", "TEXT", "required", false, "unique", false)))));
    return gtin;
  }

  /** A new zone with two storage bins of this test's own, for questions asked by location. */
  String[] newZoneWithTwoBins() {
    String zone = Floor.unique(site.warehouse + "-Z");
    ok(
        api.post(
            "/api/v1/locations",
            map("warehouse", site.warehouse, "code", zone, "type", "STORAGE", "level", "ZONE")));
    String first = zone + "-B1";
    String second = zone + "-B2";
    ok(
        api.post(
            "/api/v1/locations",
            map(
                "warehouse",
                site.warehouse,
                "parent",
                zone,
                "code",
                first,
                "type",
                "STORAGE",
                "level",
                "BIN")));
    ok(
        api.post(
            "/api/v1/locations",
            map(
                "warehouse",
                site.warehouse,
                "parent",
                zone,
                "code",
                second,
                "type",
                "STORAGE",
                "level",
                "BIN")));
    return new String[] {zone, first, second};
  }

  String who() {
    return "token:admin/" + tokenName;
  }
}
