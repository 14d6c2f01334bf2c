package io.unitrace.tenancy;

import static io.unitrace.support.Api.list;
import static io.unitrace.support.Api.map;
import static org.assertj.core.api.Assertions.assertThat;

import io.unitrace.support.Api;
import io.unitrace.support.IntegrationTest;
import org.junit.jupiter.api.Test;

/** Names and passwords are refused with the field named, before the database sees them. */
class AccountInputIT extends IntegrationTest {

  private Api.Response newUser(String username, String displayName, String password) {
    return admin.post(
        "/api/v1/users",
        map(
            "username",
            username,
            "displayName",
            displayName,
            "password",
            password,
            "role",
            "OPERATOR",
            "tenants",
            list()));
  }

  private boolean userExists(String username) {
    for (var u : admin.get("/api/v1/users").json()) {
      if (username.equals(u.path("username").asString())) {
        return true;
      }
    }
    return false;
  }

  private boolean tenantExists(String code) {
    return admin.get("/api/v1/tenants").body().contains("\"" + code + "\"");
  }

  @Test
  void aPasswordOverBcryptsSeventyTwoBytesIsRefusedNamingTheLimit() {
    String at72 = unique("pw").toLowerCase();
    assertThat(newUser(at72, null, "a".repeat(72)).status()).isEqualTo(201);
    assertThat(Api.basic(port, at72, "a".repeat(72)).get("/api/v1/me").status()).isEqualTo(200);

    String over = unique("pw").toLowerCase();
    var refused = newUser(over, null, "a".repeat(73));
    assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
    assertThat(refused.at("/field").asString()).isEqualTo("password");
    assertThat(refused.at("/detail").asString()).contains("72 bytes");
    // 37 characters, but 74 bytes in UTF-8.
    assertThat(newUser(over, null, "é".repeat(37)).status()).isEqualTo(400);
    assertThat(userExists(over)).isFalse();
  }

  @Test
  void aTenantNameOverTwoHundredCharactersIsRefused() {
    String code = unique("T");
    var refused = admin.post("/api/v1/tenants", map("code", code, "name", "n".repeat(201)));
    assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
    assertThat(refused.at("/field").asString()).isEqualTo("name");
    assertThat(refused.at("/max").asInt()).isEqualTo(200);
    assertThat(tenantExists(code)).isFalse();
    assertThat(admin.post("/api/v1/tenants", map("code", code, "name", "n".repeat(200))).status())
        .isEqualTo(201);
  }

  @Test
  void controlCharactersAreRefusedInTenantCodesNamesAndUserNames() {
    String code = unique("T");
    var nulName = admin.post("/api/v1/tenants", map("code", code, "name", "Acme\u0000Ltd"));
    assertThat(nulName.status()).as(nulName.toString()).isEqualTo(400);
    assertThat(nulName.at("/field").asString()).isEqualTo("name");
    var nulCode = admin.post("/api/v1/tenants", map("code", code + "\u0000", "name", "Acme"));
    assertThat(nulCode.status()).isEqualTo(400);
    assertThat(nulCode.at("/field").asString()).isEqualTo("code");
    assertThat(tenantExists(code)).isFalse();

    String user = unique("u").toLowerCase();
    var nulUser = newUser(user + "\u0000", null, "long-enough-password");
    assertThat(nulUser.status()).isEqualTo(400);
    assertThat(nulUser.at("/field").asString()).isEqualTo("username");
    var breakInName = newUser(user, "Ann\nadmin signed in", "long-enough-password");
    assertThat(breakInName.status()).isEqualTo(400);
    assertThat(breakInName.at("/field").asString()).isEqualTo("displayName");
    var longName = newUser(user, "d".repeat(201), "long-enough-password");
    assertThat(longName.status()).isEqualTo(400);
    assertThat(longName.at("/field").asString()).isEqualTo("displayName");
    assertThat(userExists(user)).isFalse();
  }
}
