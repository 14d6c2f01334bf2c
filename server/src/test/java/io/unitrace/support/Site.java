package io.unitrace.support;

import static io.unitrace.support.Api.list;
import static io.unitrace.support.Api.map;
import static org.assertj.core.api.Assertions.assertThat;

import io.unitrace.gs1.CheckDigit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A fresh client with its own warehouse for one test: a tenant, a dock, two storage bins, a
 * quarantine bin and a serialized product whose GTIN no other test uses. Built through the API.
 */
public final class Site {

  public final String tenant;
  public final String warehouse;
  public final String dock;
  public final String bin1;
  public final String bin2;
  public final String quarantine;
  public final String sku;
  public final String gtin;

  /** Admin working in this tenant. */
  public final Api api;

  private Site(
      Api admin,
      String tenant,
      String warehouse,
      String dock,
      String bin1,
      String bin2,
      String quarantine,
      String sku,
      String gtin) {
    this.tenant = tenant;
    this.warehouse = warehouse;
    this.dock = dock;
    this.bin1 = bin1;
    this.bin2 = bin2;
    this.quarantine = quarantine;
    this.sku = sku;
    this.gtin = gtin;
    this.api = admin.in(tenant);
  }

  public static Site create(Api admin) {
    String t = IntegrationTest.unique("T");
    ok(admin.post("/api/v1/tenants", map("code", t, "name", "Client " + t)));
    String wh = IntegrationTest.unique("WH");
    ok(admin.post("/api/v1/warehouses", map("code", wh, "name", "Warehouse " + wh)));
    String dock = wh + "-DOCK";
    ok(
        admin.post(
            "/api/v1/locations",
            map("warehouse", wh, "code", dock, "type", "DOCK", "level", "AREA")));
    String zone = wh + "-Z1";
    ok(
        admin.post(
            "/api/v1/locations",
            map("warehouse", wh, "code", zone, "type", "STORAGE", "level", "ZONE")));
    String bin1 = wh + "-B1";
    ok(
        admin.post(
            "/api/v1/locations",
            map("warehouse", wh, "parent", zone, "code", bin1, "type", "STORAGE", "level", "BIN")));
    String bin2 = wh + "-B2";
    ok(
        admin.post(
            "/api/v1/locations",
            map("warehouse", wh, "parent", zone, "code", bin2, "type", "STORAGE", "level", "BIN")));
    String q = wh + "-Q";
    ok(
        admin.post(
            "/api/v1/locations",
            map("warehouse", wh, "code", q, "type", "QUARANTINE", "level", "AREA")));
    String sku = IntegrationTest.unique("SKU");
    String gtin = randomGtin();
    ok(
        admin
            .in(t)
            .post(
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
    return new Site(admin, t, wh, dock, bin1, bin2, q, sku, gtin);
  }

  /** A valid GTIN-14 that is, with overwhelming likelihood, used by no other test. */
  public static String randomGtin() {
    String body =
        "0" + String.format("%012d", ThreadLocalRandom.current().nextLong(1_000_000_000_000L));
    return body + CheckDigit.compute(body);
  }

  /** A valid SSCC that is, with overwhelming likelihood, used by no other test. */
  public static String randomSscc() {
    String body =
        "0" + String.format("%016d", ThreadLocalRandom.current().nextLong(10_000_000_000_000_000L));
    return body + CheckDigit.compute(body);
  }

  /** Registers units with the given serials at {@code location}; asserts it worked. */
  public Api.Response register(String location, String... serials) {
    List<Object> units = new ArrayList<>();
    for (String s : serials) {
      units.add(map("gtin", gtin, "serial", s));
    }
    return ok(api.post("/api/v1/units", map("location", location, "units", units)));
  }

  /** The password of the people {@link #person} makes. */
  public static final String PERSON_PASSWORD = "long-enough-pw";

  /** A person with {@code role} who works for this site's client; answers their username. */
  public String person(Api admin, String role) {
    String name = IntegrationTest.unique(role.toLowerCase(java.util.Locale.ROOT));
    ok(
        admin.post(
            "/api/v1/users",
            map(
                "username",
                name,
                "password",
                PERSON_PASSWORD,
                "role",
                role,
                "tenants",
                list(tenant))));
    return name;
  }

  /** A {@link #person} with {@code role}, signed in with HTTP Basic, working in this client. */
  public Api personApi(Api admin, int port, String role) {
    return Api.basic(port, person(admin, role), PERSON_PASSWORD).in(tenant);
  }

  public String unitPath(String serial) {
    return "/api/v1/units/01/" + gtin + "/21/" + serial;
  }

  public Map<String, Object> unitKey(String serial) {
    return map("gtin", gtin, "serial", serial);
  }

  public static Api.Response ok(Api.Response r) {
    assertThat(r.status()).as(r.toString()).isBetween(200, 299);
    return r;
  }
}
