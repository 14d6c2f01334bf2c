package io.unitrace.ui;

import static io.unitrace.support.Site.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.unitrace.support.IntegrationTest;
import io.unitrace.support.Site;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The screens link to documents served under /api (location and SSCC labels, packing slips,
 * dispatch advice). A person signed in on the screens opens them with their session, for reading
 * only: a write under /api with nothing but the session cookie (what a forged cross-site request
 * carries) is unauthenticated, and a disabled person's session opens nothing.
 */
class ScreenLinksIT extends IntegrationTest {

  @Test
  void aLabelLinkFromTheSetupScreenOpensWithTheScreenSession() {
    Site site = Site.create(admin);
    FormSession browser = new FormSession(port);
    browser.signIn("admin", ADMIN_PASSWORD);
    String locations = browser.get("/setup/locations?warehouse=" + site.warehouse).body();
    String link = "/api/v1/labels/locations/" + site.bin1 + "?format=zpl";
    assertThat(locations).contains("/api/v1/labels/locations/" + site.bin1);

    var label = browser.get(link, Map.of("Accept", "*/*"));

    assertThat(label.status()).as(label.toString()).isEqualTo(200);
    assertThat(label.body()).startsWith("^XA").contains(site.bin1);
    assertThat(label.header("Set-Cookie")).as("the API creates no session").isNull();
    var me = browser.get("/api/v1/me", Map.of("Accept", "application/json"));
    assertThat(me.body()).contains("\"username\":\"admin\"");
  }

  @Test
  void aWriteUnderApiWithOnlyTheSessionCookieIsUnauthenticatedAndWritesNothing() {
    FormSession browser = new FormSession(port);
    browser.signIn("admin", ADMIN_PASSWORD);
    String code = unique("forged").toLowerCase();

    var forged =
        browser.postForm("/api/v1/warehouses", Map.of("code", code, "name", "Forged building"));

    assertThat(forged.status()).as(forged.toString()).isEqualTo(401);
    assertThat(ok(admin.get("/api/v1/warehouses")).body()).doesNotContain(code);
  }

  @Test
  void aDisabledPersonsSessionOpensNothingUnderApi() {
    Site site = Site.create(admin);
    String name = site.person(admin, "OPERATOR");
    FormSession browser = new FormSession(port);
    browser.signIn(name, Site.PERSON_PASSWORD);
    assertThat(browser.get("/api/v1/me", Map.of("Accept", "application/json")).status())
        .isEqualTo(200);
    long id = 0;
    for (JsonNode u : ok(admin.get("/api/v1/users")).json()) {
      if (u.path("username").asString().equals(name)) {
        id = u.path("id").asLong();
      }
    }
    ok(admin.post("/api/v1/users/" + id + "/disable", null));

    assertThat(browser.get("/api/v1/me", Map.of("Accept", "application/json")).status())
        .isEqualTo(401);
  }
}
