package io.unitrace.tenancy;

import static io.unitrace.support.Api.list;
import static io.unitrace.support.Api.map;
import static io.unitrace.support.Site.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.unitrace.support.Api;
import io.unitrace.support.IntegrationTest;
import io.unitrace.support.Site;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * An ADMIN changes a person's role and clients, and disables and enables them, over the API: what
 * the person may do follows at once; an ADMIN never demotes or disables themselves, and nobody else
 * (not an admin's token, not a supervisor) manages users.
 */
class UsersApiIT extends IntegrationTest {

  private long idOf(String username) {
    for (JsonNode u : ok(admin.get("/api/v1/users")).json()) {
      if (u.path("username").asString().equals(username)) {
        return u.path("id").asLong();
      }
    }
    throw new AssertionError("no user " + username);
  }

  /** A stock correction at a bin that does not exist: who may make it shows before the bin does. */
  private static Object correction(Site s) {
    return map(
        "gtin", s.gtin, "location", "NOWHERE", "kind", "FOUND", "quantity", 1, "reason", "found");
  }

  @Test
  void aRoleAndClientsChangedTakeEffectAtOnceAndGrantsNotNamedAreWithdrawn() {
    Site a = Site.create(admin);
    Site b = Site.create(admin);
    String name = a.person(admin, "OPERATOR");
    Api person = Api.basic(port, name, Site.PERSON_PASSWORD);
    long id = idOf(name);
    assertThat(person.in(a.tenant).get("/api/v1/stock").status()).isEqualTo(200);
    assertThat(person.in(b.tenant).get("/api/v1/stock").status()).isEqualTo(403);

    var moved =
        ok(admin.put("/api/v1/users/" + id, map("role", "OPERATOR", "tenants", list(b.tenant))));
    assertThat(moved.at("/tenants").size()).isEqualTo(1);
    assertThat(person.in(b.tenant).get("/api/v1/stock").status()).isEqualTo(200);
    assertThat(person.in(a.tenant).get("/api/v1/stock").status())
        .as("the grant not named is withdrawn")
        .isEqualTo(403);
    assertThat(person.in(b.tenant).post("/api/v1/stock/adjustments", correction(b)).status())
        .as("an operator does not correct stock")
        .isEqualTo(403);

    // A supervisor sees every client and corrects stock (refused here for the unknown bin only).
    var changed =
        ok(admin.put("/api/v1/users/" + id, map("role", "SUPERVISOR", "tenants", list())));
    assertThat(changed.at("/role").asString()).isEqualTo("SUPERVISOR");
    assertThat(person.in(a.tenant).get("/api/v1/stock").status()).isEqualTo(200);
    var corrected = person.in(b.tenant).post("/api/v1/stock/adjustments", correction(b));
    assertThat(corrected.problemCode()).as(corrected.toString()).isEqualTo("unknown-location");

    var unknown =
        admin.put(
            "/api/v1/users/" + id, map("role", "OPERATOR", "tenants", list(b.tenant, "NOPE")));
    assertThat(unknown.status()).as(unknown.toString()).isEqualTo(400);
    assertThat(unknown.at("/field").asString()).isEqualTo("tenants[1]");
    assertThat(ok(person.get("/api/v1/me")).at("/role").asString())
        .as("a refused change changes nothing")
        .isEqualTo("SUPERVISOR");
    assertThat(admin.put("/api/v1/users/999999", map("role", "OPERATOR")).status()).isEqualTo(404);
  }

  @Test
  void aDisabledPersonIsShutOutUntilEnabledAndNoAdminLocksThemselvesOut() {
    Site a = Site.create(admin);
    String name = a.person(admin, "OPERATOR");
    Api person = Api.basic(port, name, Site.PERSON_PASSWORD);
    long id = idOf(name);

    assertThat(ok(admin.post("/api/v1/users/" + id + "/disable", null)).at("/enabled").asBoolean())
        .isFalse();
    assertThat(person.get("/api/v1/me").status()).isEqualTo(401);
    ok(admin.post("/api/v1/users/" + id + "/enable", null));
    assertThat(person.get("/api/v1/me").status()).isEqualTo(200);

    long self = idOf("admin");
    var demote = admin.put("/api/v1/users/" + self, map("role", "OPERATOR", "tenants", list()));
    assertThat(demote.status()).as(demote.toString()).isEqualTo(409);
    assertThat(demote.problemCode()).isEqualTo("own-admin-role");
    assertThat(admin.post("/api/v1/users/" + self + "/disable", null).problemCode())
        .isEqualTo("own-account");

    Api supervisor = a.personApi(admin, port, "SUPERVISOR");
    assertThat(supervisor.post("/api/v1/users/" + id + "/disable", null).status()).isEqualTo(403);
    String adminToken =
        ok(admin.post("/api/v1/tokens", map("name", "t", "tenant", a.tenant, "scope", "write")))
            .at("/token")
            .asString();
    assertThat(Api.token(port, adminToken).post("/api/v1/users/" + id + "/disable", null).status())
        .as("an admin's token does not manage users")
        .isEqualTo(403);
    assertThat(person.get("/api/v1/me").status()).isEqualTo(200);
  }
}
