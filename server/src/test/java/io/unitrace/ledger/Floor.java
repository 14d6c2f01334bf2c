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

/**
 * Small things the ledger tests need beside a {@link Clerk}: names, SSCCs, Digital Link paths,
 * people.
 */
final class Floor {

  private Floor() {}

  /** A name no other test uses. */
  static String unique(String prefix) {
    return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase();
  }

  /** A 15-digit IMEI-like identifier that no other test uses (IMEIs are unique per client). */
  static String imei() {
    return String.format("%015d", ThreadLocalRandom.current().nextLong(1_000_000_000_000_000L));
  }

  /** The storage zone holding a site's two bins. */
  static String zone(Site site) {
    return site.warehouse + "-Z1";
  }

  /** A valid SSCC that, with overwhelming likelihood, no other test uses. */
  static String newSscc() {
    return Sscc.of(3, "4012345", ThreadLocalRandom.current().nextLong(1_000_000_000L)).value();
  }

  static Map<String, Object> unit(String gtin, String serial) {
    return map("gtin", gtin, "serial", serial);
  }

  static String path(String gtin, String serial) {
    return "/api/v1/units/01/" + gtin + "/21/" + serial;
  }

  /** Serials PREFIX0001 … in order. */
  static List<String> serials(String prefix, int count) {
    List<String> serials = new ArrayList<>(count);
    for (int i = 1; i <= count; i++) {
      serials.add(prefix + String.format("%04d", i));
    }
    return serials;
  }

  /**
   * A person with {@code role} who may work only for client {@code tenant}, signed in with HTTP
   * Basic.
   */
  static Api person(Api admin, int port, String tenant, String role) {
    String username = unique("u").toLowerCase();
    ok(
        admin.post(
            "/api/v1/users",
            map(
                "username",
                username,
                "displayName",
                role + " " + username,
                "password",
                "secret-" + username,
                "role",
                role,
                "tenants",
                list(tenant))));
    return Api.basic(port, username, "secret-" + username).in(tenant);
  }
}
