package io.unitrace.ui;

import static io.unitrace.ui.FormSession.fields;
import static org.assertj.core.api.Assertions.assertThat;

import io.unitrace.support.Api;
import io.unitrace.support.IntegrationTest;
import io.unitrace.support.Site;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Users, roles and API tokens over plain HTTP: an ADMIN creates, changes and disables people with
 * the API's rules; nobody else sees the page; a token's secret is shown once and works at once.
 */
class AdminPagesIT extends IntegrationTest {

  private Site site;

  @BeforeEach
  void aClient() {
    site = Site.create(admin);
  }

  @Test
  void adminCreatesAPersonGivesThemAnotherRoleAndDisablesThem() {
    FormSession browser = new FormSession(port);
    browser.signIn("admin", ADMIN_PASSWORD);
    assertThat(browser.get("/admin/users").body())
        .contains("data-test=\"create-form\"", site.tenant);
    String name = unique("clerk");

    var tooShort =
        browser.post(
            "/admin/users",
            fields(
                "username", name, "password", "short", "role", "OPERATOR", "clients", site.tenant),
            Map.of());
    assertThat(tooShort.status()).isEqualTo(400);
    assertThat(tooShort.body()).contains("data-test=\"password-error\"", "at least 10 characters");
    assertThat(admin.get("/api/v1/users").body()).doesNotContain(name);

    var created =
        browser.post(
            "/admin/users",
            fields(
                "username",
                name,
                "password",
                Site.PERSON_PASSWORD,
                "role",
                "OPERATOR",
                "clients",
                site.tenant),
            Map.of());
    assertThat(created.status()).isEqualTo(200);
    assertThat(created.body()).contains("Done: " + name + " created", "data-user=\"" + name + "\"");
    long id = userId(name);
    Api person = Api.basic(port, name, Site.PERSON_PASSWORD).in(site.tenant);
    assertThat(person.get("/api/v1/stock").status()).isEqualTo(200);

    var changed =
        browser.post(
            "/admin/users/" + id, fields("role", "CLIENT", "clients", site.tenant), Map.of());
    assertThat(changed.body())
        .contains("Done: " + name + " is CLIENT", "Their clients: " + site.tenant);
    assertThat(person.get("/api/v1/me").at("/role").asString()).isEqualTo("CLIENT");

    var disabled =
        browser.post("/admin/users/" + id + "/enabled", fields("enabled", "false"), Map.of());
    assertThat(disabled.body()).contains("Done: " + name + " disabled");
    assertThat(person.get("/api/v1/stock").status()).isEqualTo(401);
  }

  @Test
  void anAdminCannotDemoteThemselvesAndASupervisorSeesNoUsers() {
    FormSession browser = new FormSession(port);
    browser.signIn("admin", ADMIN_PASSWORD);
    browser.get("/admin/users");
    var demoted =
        browser.post("/admin/users/" + userId("admin"), fields("role", "OPERATOR"), Map.of());
    assertThat(demoted.status()).isEqualTo(409);
    assertThat(demoted.body()).contains("cannot take away your own ADMIN role");
    assertThat(admin.get("/api/v1/me").at("/role").asString()).isEqualTo("ADMIN");

    FormSession supervisor = new FormSession(port);
    supervisor.signIn(site.person(admin, "SUPERVISOR"), Site.PERSON_PASSWORD);
    assertThat(supervisor.get("/admin/users").status()).isEqualTo(403);
    supervisor.get("/stock");
    String name = unique("sneaky");
    var create =
        supervisor.post(
            "/admin/users",
            fields("username", name, "password", Site.PERSON_PASSWORD, "role", "ADMIN"),
            Map.of());
    assertThat(create.status()).isEqualTo(403);
    assertThat(admin.get("/api/v1/users").body()).doesNotContain(name);
  }

  @Test
  void aTokensSecretIsShownOnceWorksAndStopsWhenRevoked() {
    FormSession browser = new FormSession(port);
    browser.signIn("admin", ADMIN_PASSWORD);
    assertThat(browser.get("/admin/tokens?tenant=" + site.tenant).status()).isEqualTo(200);

    var created =
        browser.post("/admin/tokens", fields("name", "scanner-7", "scope", "write"), Map.of());
    assertThat(created.status()).isEqualTo(200);
    Matcher secret =
        Pattern.compile("data-test=\"secret\">(ut_[A-Za-z0-9_-]+)<").matcher(created.body());
    assertThat(secret.find()).as(created.body()).isTrue();
    String token = secret.group(1);
    assertThat(Api.token(port, token).get("/api/v1/stock").status()).isEqualTo(200);

    var again = browser.get("/admin/tokens");
    assertThat(again.body())
        .contains("data-token=\"scanner-7\"", token.substring(0, 7))
        .doesNotContain(token);

    Matcher revoke = Pattern.compile("/admin/tokens/([0-9]+)/revoke").matcher(again.body());
    assertThat(revoke.find()).isTrue();
    var revoked = browser.post("/admin/tokens/" + revoke.group(1) + "/revoke", Map.of(), Map.of());
    assertThat(revoked.body()).contains("Done: token revoked", "data-test=\"revoked\"");
    assertThat(Api.token(port, token).get("/api/v1/stock").status()).isEqualTo(401);
  }

  @Test
  void aClientUserGetsAReadTokenButNoWriteTokenAndAnAdminRevokesIt() {
    String person = site.person(admin, "CLIENT");
    FormSession client = new FormSession(port);
    client.signIn(person, Site.PERSON_PASSWORD);
    var page = client.get("/admin/tokens");
    assertThat(page.body()).contains("value=\"read\"").doesNotContain("value=\"write\"");

    var write = client.post("/admin/tokens", fields("name", "erp", "scope", "write"), Map.of());
    assertThat(write.status()).isEqualTo(403);
    assertThat(write.body())
        .contains("data-outcome=\"refused\"")
        .doesNotContain("data-test=\"secret\"");
    assertThat(write.body()).contains("data-test=\"no-tokens\"");

    var read = client.post("/admin/tokens", fields("name", "erp", "scope", "read"), Map.of());
    assertThat(read.body()).contains("data-test=\"secret\"", "data-token=\"erp\"");
    Matcher secret =
        Pattern.compile("data-test=\"secret\">(ut_[A-Za-z0-9_-]+)<").matcher(read.body());
    assertThat(secret.find()).isTrue();
    assertThat(Api.token(port, secret.group(1)).get("/api/v1/stock").status()).isEqualTo(200);

    FormSession browser = new FormSession(port);
    browser.signIn("admin", ADMIN_PASSWORD);
    var everyones = browser.get("/admin/tokens?tenant=" + site.tenant);
    assertThat(everyones.body())
        .contains("data-token=\"erp\"", "data-test=\"owner\">" + person + "<");
    Matcher revoke = Pattern.compile("/admin/tokens/([0-9]+)/revoke").matcher(everyones.body());
    assertThat(revoke.find()).isTrue();
    assertThat(
            browser.post("/admin/tokens/" + revoke.group(1) + "/revoke", Map.of(), Map.of()).body())
        .contains("Done: token revoked");
    assertThat(Api.token(port, secret.group(1)).get("/api/v1/stock").status()).isEqualTo(401);
  }

  private long userId(String username) {
    for (var u : admin.get("/api/v1/users").json()) {
      if (u.path("username").asString().equals(username)) {
        return u.path("id").asLong();
      }
    }
    throw new AssertionError("no user " + username);
  }
}
