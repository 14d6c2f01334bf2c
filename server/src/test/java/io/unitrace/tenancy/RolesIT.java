package io.unitrace.tenancy;

import static io.unitrace.support.Api.list;
import static io.unitrace.support.Api.map;
import static io.unitrace.support.Site.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.unitrace.support.Api;
import io.unitrace.support.IntegrationTest;
import io.unitrace.support.Site;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Who may do what: roles, passwords, and the first administrator. */
class RolesIT extends IntegrationTest {

  @Autowired JdbcClient db;

  @Autowired AdminBootstrap bootstrap;

  @Autowired Accounts accounts;

  @Test
  void anOperatorMovesAndHoldsUnitsButNeitherReleasesHoldsNorAdjustsStock() {
    Site site = Site.create(admin);
    String serial = unique("SN");
    site.register(site.dock, serial);
    Api operator = person(site, "OPERATOR");

    ok(operator.post(site.unitPath(serial) + "/move", map("location", site.bin1)));
    ok(
        operator.post(
            site.unitPath(serial) + "/holds", map("hold", "DAMAGED", "reason", "dented box")));

    var release =
        operator.post(
            site.unitPath(serial) + "/holds/release",
            map("hold", "DAMAGED", "reason", "looks fine"));
    assertThat(release.status()).isEqualTo(403);
    assertThat(release.problemCode()).isEqualTo("forbidden");
    assertThat(release.at("/detail").asString()).contains("SUPERVISOR");
    var lost =
        operator.post(
            site.unitPath(serial) + "/adjustments",
            map("kind", "LOST", "reason", "not on the shelf"));
    assertThat(lost.status()).isEqualTo(403);
    assertThat(lost.at("/detail").asString()).contains("SUPERVISOR");

    var unit = site.api.get(site.unitPath(serial));
    assertThat(unit.at("/state").asString()).isEqualTo("STORED");
    assertThat(unit.at("/holds/0").asString()).isEqualTo("DAMAGED");
    assertThat(site.api.get(site.unitPath(serial) + "/history").at("/items").size()).isEqualTo(3);

    String gloves = Site.randomGtin();
    String glovesSku = unique("GLV");
    ok(
        site.api.post(
            "/api/v1/products",
            map("sku", glovesSku, "name", "Gloves", "gtins", list(gloves), "tracking", "NONE")));
    var found =
        operator.post(
            "/api/v1/stock/adjustments",
            map(
                "gtin",
                gloves,
                "location",
                site.dock,
                "kind",
                "FOUND",
                "quantity",
                5,
                "reason",
                "extra box"));
    assertThat(found.status()).as("counted stock is corrected by a supervisor too").isEqualTo(403);
    assertThat(site.api.get("/api/v1/stock?sku=" + glovesSku).at("/items").size()).isZero();
    ok(
        site.api.post(
            "/api/v1/stock/adjustments",
            map(
                "gtin",
                gloves,
                "location",
                site.dock,
                "kind",
                "FOUND",
                "quantity",
                5,
                "reason",
                "count")));
    ok(
        operator.post(
            "/api/v1/stock/holds",
            map(
                "gtin",
                gloves,
                "location",
                site.dock,
                "quantity",
                2,
                "hold",
                "DAMAGED",
                "reason",
                "torn")));
    var releaseCounted =
        operator.post(
            "/api/v1/stock/holds/release",
            map(
                "gtin",
                gloves,
                "location",
                site.dock,
                "quantity",
                2,
                "hold",
                "DAMAGED",
                "reason",
                "fine"));
    assertThat(releaseCounted.status()).as("and its holds released by one").isEqualTo(403);
    assertThat(site.api.get("/api/v1/stock?sku=" + glovesSku).at("/items/0/held").asLong())
        .isEqualTo(2);

    Api supervisor = person(site, "SUPERVISOR");
    ok(
        supervisor
            .in(site.tenant)
            .post(
                site.unitPath(serial) + "/holds/release",
                map("hold", "DAMAGED", "reason", "looks fine")));
    ok(
        supervisor
            .in(site.tenant)
            .post(
                site.unitPath(serial) + "/adjustments",
                map("kind", "LOST", "reason", "not on the shelf")));
    assertThat(site.api.get(site.unitPath(serial)).at("/state").asString()).isEqualTo("MISSING");
  }

  @Test
  void aClientUserReadsItsGoodsButCannotChangeAnything() {
    Site site = Site.create(admin);
    String serial = unique("SN");
    site.register(site.dock, serial);
    String sscc = TenantIsolationIT.randomSscc();
    ok(site.api.post("/api/v1/containers", map("sscc", sscc, "location", site.bin1)));
    Api client = person(site, "CLIENT");

    assertThat(client.get(site.unitPath(serial)).at("/state").asString()).isEqualTo("RECEIVED");
    assertThat(client.get("/api/v1/products").at("/items/0/sku").asString()).isEqualTo(site.sku);
    assertThat(client.get("/api/v1/stock").status()).isEqualTo(200);

    String unit = site.unitPath(serial);
    Map<String, Object[]> writes = new LinkedHashMap<>();
    writes.put(
        "register",
        new Object[] {
          "POST",
          "/api/v1/units",
          map("location", site.dock, "units", list(site.unitKey(unique("SN"))))
        });
    writes.put("move", new Object[] {"POST", unit + "/move", map("location", site.bin1)});
    writes.put(
        "observe", new Object[] {"POST", unit + "/observations", map("location", site.dock)});
    writes.put("hold", new Object[] {"POST", unit + "/holds", map("hold", "QC", "reason", "r")});
    writes.put(
        "fields",
        new Object[] {"POST", unit + "/fields", map("fields", map("IMEI", "356938035643809"))});
    writes.put(
        "pack",
        new Object[] {
          "POST", "/api/v1/units/pack", map("units", list(site.unitKey(serial)), "into", sscc)
        });
    writes.put(
        "container",
        new Object[] {
          "POST",
          "/api/v1/containers",
          map("sscc", TenantIsolationIT.randomSscc(), "location", site.bin1)
        });
    writes.put(
        "product",
        new Object[] {
          "POST", "/api/v1/products", map("sku", unique("SKU"), "name", "n", "tracking", "NONE")
        });
    writes.put(
        "replace product",
        new Object[] {
          "PUT",
          "/api/v1/products/" + site.sku,
          map("sku", site.sku, "name", "renamed", "gtins", list(site.gtin), "tracking", "SERIAL")
        });
    writes.put(
        "lot", new Object[] {"POST", "/api/v1/products/" + site.sku + "/lots", map("code", "L1")});
    writes.put("checkpoint", new Object[] {"POST", "/api/v1/ledger/checkpoints", null});
    writes.put(
        "stock move",
        new Object[] {
          "POST",
          "/api/v1/stock/moves",
          map("gtin", site.gtin, "from", site.dock, "to", site.bin1, "quantity", 1)
        });
    writes.put(
        "stock adjustment",
        new Object[] {
          "POST",
          "/api/v1/stock/adjustments",
          map(
              "gtin",
              site.gtin,
              "location",
              site.dock,
              "kind",
              "FOUND",
              "quantity",
              1,
              "reason",
              "r")
        });
    for (var w : writes.entrySet()) {
      Object[] call = w.getValue();
      var r = client.send((String) call[0], (String) call[1], call[2], Map.of());
      assertThat(r.status()).as(w.getKey() + " " + r).isEqualTo(403);
      assertThat(r.contentType()).startsWith("application/problem+json");
    }
    var csv =
        client.postCsv(
            "/api/v1/products/import", "sku,name,tracking\n" + unique("SKU") + ",n,NONE\n");
    assertThat(csv.status()).isEqualTo(403);

    assertThat(site.api.get(unit + "/history").at("/items").size()).isEqualTo(1);
    assertThat(site.api.get("/api/v1/products").at("/items").size()).isEqualTo(1);
    assertThat(site.api.get("/api/v1/products/" + site.sku).at("/name").asString())
        .isEqualTo("Phone " + site.sku);
    assertThat(site.api.get("/api/v1/units?container=" + sscc).at("/items").size()).isZero();
  }

  @Test
  void aWrongPasswordIsRefusedWithProblemDetails() {
    for (Api wrong :
        new Api[] {
          Api.basic(port, "admin", "not-the-password"),
          Api.basic(port, unique("nobody"), "whatever-password")
        }) {
      var r = wrong.get("/api/v1/me");
      assertThat(r.status()).isEqualTo(401);
      assertThat(r.contentType()).startsWith("application/problem+json");
      assertThat(r.problemCode()).isEqualTo("unauthenticated");
      assertThat(r.at("/type").asString()).isEqualTo("/problems/unauthenticated");
    }
    assertThat(admin.get("/api/v1/me").at("/role").asString()).isEqualTo("ADMIN");
  }

  @Test
  void passwordsAreStoredAsBcryptHashes() {
    Site site = Site.create(admin);
    String username = unique("op-");
    String password = "a-password-" + unique("");
    ok(
        admin.post(
            "/api/v1/users",
            map(
                "username",
                username,
                "password",
                password,
                "role",
                "OPERATOR",
                "tenants",
                list(site.tenant))));

    String hash =
        db.sql("SELECT password_hash FROM app_user WHERE username = ?")
            .param(username)
            .query(String.class)
            .single();
    assertThat(hash).startsWith("{bcrypt}$2").doesNotContain(password);
    assertThat(
            db.sql("SELECT password_hash FROM app_user WHERE username = 'admin'")
                .query(String.class)
                .single())
        .startsWith("{bcrypt}$2")
        .doesNotContain(ADMIN_PASSWORD);
    assertThat(Api.basic(port, username, password).get("/api/v1/me").status()).isEqualTo(200);
  }

  @Test
  void aShortPasswordOrADuplicateUsernameIsRefusedAndNothingIsCreated() {
    Site site = Site.create(admin);
    String username = unique("op-");
    var shortPassword =
        admin.post(
            "/api/v1/users",
            map(
                "username",
                username,
                "password",
                "short",
                "role",
                "OPERATOR",
                "tenants",
                list(site.tenant)));
    assertThat(shortPassword.status()).isEqualTo(400);
    assertThat(shortPassword.at("/field").asString()).isEqualTo("password");
    assertThat(
            db.sql("SELECT count(*) FROM app_user WHERE username = ?")
                .param(username)
                .query(Integer.class)
                .single())
        .isZero();

    var duplicate =
        admin.post(
            "/api/v1/users",
            map("username", "admin", "password", "long-enough-pw", "role", "OPERATOR"));
    assertThat(duplicate.status()).isEqualTo(409);
    assertThat(duplicate.at("/field").asString()).isEqualTo("username");
    var twoClients =
        admin.post(
            "/api/v1/users",
            map(
                "username",
                username,
                "password",
                "long-enough-pw",
                "role",
                "CLIENT",
                "tenants",
                list(site.tenant, Site.create(admin).tenant)));
    assertThat(twoClients.status()).isEqualTo(400);
    assertThat(twoClients.at("/field").asString()).isEqualTo("tenants");
    assertThat(
            db.sql("SELECT count(*) FROM app_user WHERE username = ?")
                .param(username)
                .query(Integer.class)
                .single())
        .isZero();
  }

  @Test
  void theFirstStartCreatedTheAdministratorOnceAndLaterStartsLeaveItAlone() throws Exception {
    assertThat(
            db.sql("SELECT count(*) FROM app_user WHERE username = 'admin'")
                .query(Integer.class)
                .single())
        .isEqualTo(1);
    String hash =
        db.sql("SELECT password_hash FROM app_user WHERE username = 'admin'")
            .query(String.class)
            .single();

    // a restart (with or without a configured password) must neither duplicate nor reset the
    // administrator
    bootstrap.run(new DefaultApplicationArguments());
    new AdminBootstrap(accounts, "another-password-entirely")
        .run(new DefaultApplicationArguments());

    assertThat(
            db.sql("SELECT count(*) FROM app_user WHERE username = 'admin'")
                .query(Integer.class)
                .single())
        .isEqualTo(1);
    assertThat(
            db.sql("SELECT password_hash FROM app_user WHERE username = 'admin'")
                .query(String.class)
                .single())
        .isEqualTo(hash);
    assertThat(admin.get("/api/v1/me").status()).isEqualTo(200);
    assertThat(Api.basic(port, "admin", "another-password-entirely").get("/api/v1/me").status())
        .isEqualTo(401);
  }

  private Api person(Site site, String role) {
    String username = unique(role.toLowerCase() + "-");
    String password = "pw-" + unique("");
    ok(
        admin.post(
            "/api/v1/users",
            map(
                "username",
                username,
                "password",
                password,
                "role",
                role,
                "tenants",
                role.equals("CLIENT") || role.equals("OPERATOR") ? list(site.tenant) : list())));
    return Api.basic(port, username, password);
  }
}
