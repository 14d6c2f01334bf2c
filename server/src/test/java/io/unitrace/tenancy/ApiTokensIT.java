package io.unitrace.tenancy;

import static io.unitrace.support.Api.list;
import static io.unitrace.support.Api.map;
import static io.unitrace.support.Site.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.unitrace.support.Api;
import io.unitrace.support.IntegrationTest;
import io.unitrace.support.Site;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * API tokens: shown once, kept as a digest, bound to one client and one scope, dead the moment they
 * are revoked.
 */
class ApiTokensIT extends IntegrationTest {

  @Autowired JdbcClient db;

  @Test
  void aTokenIsShownOnceAtIssueAndListedAfterwardsOnlyByItsHint() {
    Site site = Site.create(admin);
    Api operator = person(site, "OPERATOR");
    var issued =
        operator.post(
            "/api/v1/tokens", map("name", "scanner 7", "tenant", site.tenant, "scope", "write"));
    assertThat(issued.status()).isEqualTo(201);
    String token = issued.at("/token").asString();
    assertThat(token).startsWith("ut_").hasSizeGreaterThan(40);

    var listed = ok(operator.get("/api/v1/tokens"));
    assertThat(listed.json().size()).isEqualTo(1);
    assertThat(listed.at("/0/name").asString()).isEqualTo("scanner 7");
    assertThat(listed.at("/0/tenant").asString()).isEqualTo(site.tenant);
    assertThat(listed.at("/0/scope").asString()).isEqualTo("write");
    assertThat(token).startsWith(listed.at("/0/hint").asString());
    assertThat(listed.at("/0/hint").asString().length()).isLessThan(10);
    assertThat(listed.body()).doesNotContain(token).doesNotContain(token.substring(3));
    assertThat(listed.at("/0/token").isMissingNode()).isTrue();
  }

  @Test
  void aTokenWorksAsBearerAndTheLedgerRecordsItAsTheActor() {
    Site site = Site.create(admin);
    Api operator = person(site, "OPERATOR");
    String token = issue(operator, site.tenant, "write", "dock scanner");
    Api scanner = Api.token(port, token);

    assertThat(scanner.get("/api/v1/me").at("/tenants/0/code").asString()).isEqualTo(site.tenant);
    String serial = unique("SN");
    // no X-Tenant: a token works in its own client
    ok(
        scanner.post(
            "/api/v1/units", map("location", site.dock, "units", list(site.unitKey(serial)))));
    var history = ok(site.api.get(site.unitPath(serial) + "/history"));
    assertThat(history.at("/items/0/who").asString())
        .startsWith("token:")
        .endsWith("/dock scanner");
  }

  @Test
  void theDatabaseKeepsOnlyTheSha256OfATokenNeverItsText() throws Exception {
    Site site = Site.create(admin);
    String token = issue(admin, site.tenant, "read", unique("integration "));
    String secret = token.substring(3);

    List<Map<String, Object>> rows = db.sql("SELECT * FROM api_token").query().listOfRows();
    assertThat(rows).isNotEmpty();
    for (Map<String, Object> row : rows) {
      for (Object value : row.values()) {
        assertThat(String.valueOf(value)).doesNotContain(secret);
      }
    }
    String sha256 =
        HexFormat.of()
            .formatHex(
                MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
    assertThat(
            db.sql("SELECT count(*) FROM api_token WHERE digest = ?")
                .param(sha256)
                .query(Integer.class)
                .single())
        .isEqualTo(1);
  }

  @Test
  void aRevokedTokenIsRefusedAtOnce() {
    Site site = Site.create(admin);
    Api operator = person(site, "OPERATOR");
    var issued =
        ok(
            operator.post(
                "/api/v1/tokens",
                map("name", "to revoke", "tenant", site.tenant, "scope", "read")));
    Api scanner = Api.token(port, issued.at("/token").asString());
    assertThat(scanner.get("/api/v1/products").status()).isEqualTo(200);

    assertThat(operator.delete("/api/v1/tokens/" + issued.at("/id").asLong()).status())
        .isEqualTo(204);

    var refused = scanner.get("/api/v1/products");
    assertThat(refused.status()).isEqualTo(401);
    assertThat(refused.contentType()).startsWith("application/problem+json");
    assertThat(refused.problemCode()).isEqualTo("unauthenticated");
    assertThat(ok(operator.get("/api/v1/tokens")).at("/0/revokedAt").isNumber()).isTrue();
    // a second revocation finds no live token
    assertThat(operator.delete("/api/v1/tokens/" + issued.at("/id").asLong()).status())
        .isEqualTo(404);
  }

  @Test
  void aTokenBeingRevokedWhileInUseIsRefusedForEveryRequestAfterTheRevocation() throws Exception {
    Site site = Site.create(admin);
    var issued =
        ok(
            admin.post(
                "/api/v1/tokens",
                map("name", "busy scanner", "tenant", site.tenant, "scope", "read")));
    Api scanner = Api.token(port, issued.at("/token").asString());
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Integer>> before = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        before.add(pool.submit(() -> scanner.get("/api/v1/products").status()));
      }
      for (Future<Integer> f : before) {
        assertThat(f.get()).isEqualTo(200);
      }
      assertThat(admin.delete("/api/v1/tokens/" + issued.at("/id").asLong()).status())
          .isEqualTo(204);
      List<Callable<Integer>> after = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        after.add(() -> scanner.get("/api/v1/products").status());
      }
      for (Future<Integer> f : pool.invokeAll(after)) {
        assertThat(f.get()).isEqualTo(401);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aReadScopedTokenCannotWrite() {
    Site site = Site.create(admin);
    String serial = unique("SN");
    site.register(site.dock, serial);
    Api reader = Api.token(port, issue(admin, site.tenant, "read", "reporting"));

    assertThat(reader.get(site.unitPath(serial)).status()).isEqualTo(200);
    var move = reader.post(site.unitPath(serial) + "/move", map("location", site.bin1));
    assertThat(move.status()).isEqualTo(403);
    assertThat(move.problemCode()).isEqualTo("forbidden");
    String other = unique("SN");
    assertThat(
            reader
                .post(
                    "/api/v1/units", map("location", site.dock, "units", list(site.unitKey(other))))
                .status())
        .isEqualTo(403);
    assertThat(
            reader
                .post(
                    "/api/v1/products", map("sku", unique("SKU"), "name", "n", "tracking", "NONE"))
                .status())
        .isEqualTo(403);
    assertThat(reader.post("/api/v1/warehouses", map("code", unique("WH"), "name", "n")).status())
        .isEqualTo(403);

    assertThat(site.api.get(site.unitPath(serial)).at("/state").asString()).isEqualTo("RECEIVED");
    assertThat(site.api.get(site.unitPath(serial) + "/history").at("/items").size()).isEqualTo(1);
    assertThat(site.api.get(site.unitPath(other)).status()).isEqualTo(404);
  }

  @Test
  void anUnknownOrGarbageBearerIsRefusedNotTreatedAsAnonymous() {
    for (String bearer :
        List.of("garbage", "ut_", "ut_" + "A".repeat(43), "ut_" + unique("x").toLowerCase())) {
      var r = Api.token(port, bearer).get("/api/v1/me");
      assertThat(r.status()).as(bearer).isEqualTo(401);
      assertThat(r.contentType()).startsWith("application/problem+json");
      assertThat(r.problemCode()).isEqualTo("unauthenticated");
    }
    var noCredentials = Api.anonymous(port).get("/api/v1/me");
    assertThat(noCredentials.status()).isEqualTo(401);
    assertThat(noCredentials.problemCode()).isEqualTo("unauthenticated");
  }

  @Test
  void aTokenOfOneClientAskingForAnotherIsForbidden() {
    Site a = Site.create(admin);
    Site b = Site.create(admin);
    b.register(b.dock, "SN-B");
    Api tokenOfA = Api.token(port, issue(admin, a.tenant, "write", "a only"));

    var asB = tokenOfA.in(b.tenant).get(b.unitPath("SN-B"));
    assertThat(asB.status()).isEqualTo(403);
    assertThat(asB.problemCode()).isEqualTo("forbidden");
    assertThat(tokenOfA.in(a.tenant).get(b.unitPath("SN-B")).status()).isEqualTo(404);
    assertThat(
            tokenOfA
                .in(b.tenant)
                .post(b.unitPath("SN-B") + "/move", map("location", b.bin1))
                .status())
        .isEqualTo(403);
    assertThat(b.api.get(b.unitPath("SN-B")).at("/state").asString()).isEqualTo("RECEIVED");
  }

  @Test
  void aTokenCannotIssueTokens() {
    Site site = Site.create(admin);
    Api token = Api.token(port, issue(admin, site.tenant, "write", "integration"));
    String child = unique("child-");
    var r =
        token.post("/api/v1/tokens", map("name", child, "tenant", site.tenant, "scope", "write"));
    assertThat(r.status()).isEqualTo(403);
    assertThat(
            db.sql("SELECT count(*) FROM api_token WHERE name = ?")
                .param(child)
                .query(Integer.class)
                .single())
        .isZero();
  }

  @Test
  void aTokenNeitherListsNorRevokesTokensOfAnotherClientEvenWhenTheyShareAnOwner() {
    Site a = Site.create(admin);
    Site b = Site.create(admin);
    String nameOfB = unique("b-token-");
    var ofB =
        ok(
            admin.post(
                "/api/v1/tokens", map("name", nameOfB, "tenant", b.tenant, "scope", "write")));
    Api tokenOfA = Api.token(port, issue(admin, a.tenant, "write", unique("a-token-")));

    var listed = ok(tokenOfA.get("/api/v1/tokens"));
    assertThat(listed.body()).doesNotContain(nameOfB).doesNotContain(b.tenant);
    assertThat(listed.json().size()).isEqualTo(1);

    var revoke = tokenOfA.delete("/api/v1/tokens/" + ofB.at("/id").asLong());
    assertThat(revoke.status()).isEqualTo(404);
    assertThat(Api.token(port, ofB.at("/token").asString()).get("/api/v1/me").status())
        .isEqualTo(200);
  }

  @Test
  void nobodyGetsATokenForMoreThanTheyMayDoThemselves() {
    Site a = Site.create(admin);
    Site b = Site.create(admin);
    Api client = person(a, "CLIENT");
    var write =
        client.post(
            "/api/v1/tokens", map("name", "client write", "tenant", a.tenant, "scope", "write"));
    assertThat(write.status()).isEqualTo(403);
    assertThat(
            client
                .post(
                    "/api/v1/tokens",
                    map("name", "client read", "tenant", a.tenant, "scope", "read"))
                .status())
        .isEqualTo(201);
    Api operator = person(a, "OPERATOR");
    assertThat(
            operator
                .post(
                    "/api/v1/tokens",
                    map("name", "other client", "tenant", b.tenant, "scope", "read"))
                .status())
        .isEqualTo(403);
    var badScope =
        operator.post("/api/v1/tokens", map("name", "x", "tenant", a.tenant, "scope", "admin"));
    assertThat(badScope.status()).isEqualTo(400);
    assertThat(badScope.at("/field").asString()).isEqualTo("scope");
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
                list(site.tenant))));
    return Api.basic(port, username, password);
  }

  private static String issue(Api person, String tenant, String scope, String name) {
    return ok(person.post("/api/v1/tokens", map("name", name, "tenant", tenant, "scope", scope)))
        .at("/token")
        .asString();
  }
}
