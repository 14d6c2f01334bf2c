package io.unitrace.ledger;

import static io.unitrace.support.Api.list;
import static io.unitrace.support.Api.map;
import static io.unitrace.support.Site.ok;

import io.unitrace.gs1.Sscc;
import io.unitrace.support.Api;
import io.unitrace.support.Site;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** What the ledger tests add to a {@link Site}: containers, more products, units of any product, people. */
final class Floor {

  private Floor() {}

  /** A name no other test uses. */
  static String unique(String prefix) {
    return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase();
  }

  /** The storage zone holding the site's two bins. */
  static String zone(Site site) {
    return site.warehouse + "-Z1";
  }

  /** A valid SSCC that, with overwhelming likelihood, no other test uses. */
  static String newSscc() {
    return Sscc.of(3, "4012345", ThreadLocalRandom.current().nextLong(1_000_000_000L)).value();
  }

  /** Creates a container of {@code kind} at {@code location}; returns its SSCC. */
  static String container(Site site, String kind, String location) {
    String sscc = newSscc();
    ok(site.api.post("/api/v1/containers", map("sscc", sscc, "kind", kind, "location", location)));
    return sscc;
  }

  /** A product tracked by lot and serial whose lots carry an expiry date; returns its GTIN. */
  static String medicine(Site site) {
    String gtin = Site.randomGtin();
    ok(site.api.post("/api/v1/products", map("sku", unique("MED"), "name", "Vaccine", "gtins", list(gtin),
        "tracking", "LOT_AND_SERIAL", "expiryTracked", true)));
    return gtin;
  }

  /** A serialized product whose units must carry an IMEI (unique) and may carry a firmware version; returns its GTIN. */
  static String handset(Site site) {
    String gtin = Site.randomGtin();
    ok(site.api.post("/api/v1/products", map("sku", unique("HS"), "name", "Handset", "gtins", list(gtin),
        "tracking", "SERIAL", "customFields", list(map("name", "IMEI", "type", "TEXT", "required", true, "unique", true),
            map("name", "firmware", "type", "TEXT", "required", false, "unique", false)))));
    return gtin;
  }

  static Map<String, Object> unit(String gtin, String serial) {
    return map("gtin", gtin, "serial", serial);
  }

  static String path(String gtin, String serial) {
    return "/api/v1/units/01/" + gtin + "/21/" + serial;
  }

  /** Serials PREFIX-0001 … in order. */
  static List<String> serials(String prefix, int count) {
    List<String> serials = new ArrayList<>(count);
    for (int i = 1; i <= count; i++) {
      serials.add(prefix + String.format("%04d", i));
    }
    return serials;
  }

  /** Registration body for the site's product at {@code location}. */
  static Map<String, Object> registration(Site site, String location, List<String> serials) {
    List<Object> units = new ArrayList<>(serials.size());
    serials.forEach(s -> units.add(site.unitKey(s)));
    return map("location", location, "units", units);
  }

  /** An API token of the admin for the site's client: as strong as the admin, but cheap to check on every request. */
  static Api clerk(Api admin, int port, Site site, String name) {
    Api.Response issued = ok(admin.post("/api/v1/tokens", map("name", name, "tenant", site.tenant, "scope", "write")));
    return Api.token(port, issued.at("/token").asString());
  }

  /** A person with {@code role} who may work only for the site's client, signed in with Basic. */
  static Api person(Api admin, int port, Site site, String role) {
    String username = unique("u").toLowerCase();
    ok(admin.post("/api/v1/users", map("username", username, "displayName", role + " " + username, "password", "secret-" + username,
        "role", role, "tenants", list(site.tenant))));
    return Api.basic(port, username, "secret-" + username).in(site.tenant);
  }
}
