package io.unitrace.facility;

import static io.unitrace.support.Api.map;
import static org.assertj.core.api.Assertions.assertThat;

import io.unitrace.gs1.CheckDigit;
import io.unitrace.gs1.Sscc;
import io.unitrace.support.Api;
import io.unitrace.support.IntegrationTest;
import io.unitrace.support.Site;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * SSCCs are never issued twice: not to concurrent scanners, not after a restart, not by two servers
 * on one database; and a client without a company prefix gets none.
 */
class SsccAllocatorIT extends IntegrationTest {

  @Autowired JdbcClient db;

  @Test
  void eightScannersAllocatingAtOnceGetSixteenHundredDistinctValidSsccs() throws Exception {
    Site site = Site.create(admin);
    String prefix = randomPrefix(9);
    Site.ok(
        admin.put(
            "/api/v1/tenants/" + site.tenant + "/sscc",
            map("companyPrefix", prefix, "extensionDigit", 3)));
    // API tokens: a password check per request would make this a test of BCrypt.
    List<Api> scanners = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      String token =
          Site.ok(
                  admin.post(
                      "/api/v1/tokens",
                      map("name", "scanner-" + i, "tenant", site.tenant, "scope", "write")))
              .at("/token")
              .asString();
      scanners.add(Api.token(port, token));
    }
    CyclicBarrier start = new CyclicBarrier(8);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<List<String>>> results = new ArrayList<>();
      for (Api scanner : scanners) {
        Callable<List<String>> task =
            () -> {
              start.await(30, TimeUnit.SECONDS);
              List<String> mine = new ArrayList<>(200);
              for (int i = 0; i < 200; i++) {
                Api.Response r = scanner.post("/api/v1/sscc", map("count", 1));
                assertThat(r.status()).as(r.toString()).isEqualTo(201);
                mine.add(r.at("/ssccs/0").asString());
              }
              return mine;
            };
        results.add(pool.submit(task));
      }
      List<String> all = new ArrayList<>();
      for (Future<List<String>> f : results) {
        all.addAll(f.get(5, TimeUnit.MINUTES));
      }
      assertThat(all).hasSize(1600).doesNotHaveDuplicates();
      assertThat(all)
          .allSatisfy(
              s -> {
                assertThat(new Sscc(s).value()).startsWith("3" + prefix);
                assertThat(CheckDigit.isValid(s)).isTrue();
              });
      assertThat(
              all.stream()
                  .map(s -> Long.parseLong(s.substring(1 + prefix.length(), 17)))
                  .sorted()
                  .toList())
          .as("no gaps either: every request got one and only one reference")
          .isEqualTo(LongStream.rangeClosed(1, 1600).boxed().toList());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aRestartedServerContinuesAfterTheLastSsccItHandedOut() {
    Site site = Site.create(admin);
    String prefix = randomPrefix(7);
    Site.ok(admin.put("/api/v1/tenants/" + site.tenant + "/sscc", map("companyPrefix", prefix)));
    List<String> before = ssccs(Site.ok(site.api.post("/api/v1/sscc", map("count", 5))));

    SsccAllocator restarted = new SsccAllocator(db, "", 0);
    List<Sscc> after = restarted.allocate(tenantId(site), 3);

    assertThat(before)
        .containsExactly(
            Sscc.of(0, prefix, 1).value(),
            Sscc.of(0, prefix, 2).value(),
            Sscc.of(0, prefix, 3).value(),
            Sscc.of(0, prefix, 4).value(),
            Sscc.of(0, prefix, 5).value());
    assertThat(after)
        .containsExactly(Sscc.of(0, prefix, 6), Sscc.of(0, prefix, 7), Sscc.of(0, prefix, 8));
  }

  @Test
  void twoServersOnOneDatabaseNeverHandOutTheSameSscc() throws Exception {
    Site site = Site.create(admin);
    Site.ok(
        admin.put(
            "/api/v1/tenants/" + site.tenant + "/sscc", map("companyPrefix", randomPrefix(8))));
    long tenantId = tenantId(site);
    List<SsccAllocator> servers =
        List.of(new SsccAllocator(db, "", 0), new SsccAllocator(db, "", 0));
    CyclicBarrier start = new CyclicBarrier(6);
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      List<Future<List<Sscc>>> results = new ArrayList<>();
      for (int t = 0; t < 6; t++) {
        SsccAllocator server = servers.get(t % 2);
        int block = 1 + t * 7;
        results.add(
            pool.submit(
                () -> {
                  start.await(30, TimeUnit.SECONDS);
                  List<Sscc> mine = new ArrayList<>();
                  for (int i = 0; i < 40; i++) {
                    mine.addAll(server.allocate(tenantId, block));
                  }
                  return mine;
                }));
      }
      Set<Sscc> all = new HashSet<>();
      int total = 0;
      for (Future<List<Sscc>> f : results) {
        List<Sscc> mine = f.get(5, TimeUnit.MINUTES);
        total += mine.size();
        all.addAll(mine);
      }
      assertThat(total).isEqualTo(40 * (1 + 8 + 15 + 22 + 29 + 36));
      assertThat(all).hasSize(total);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aClientWithoutItsOwnPrefixUsesTheInstallationsAndSharesItsCounter() {
    Site first = Site.create(admin);
    Site second = Site.create(admin);
    String installationPrefix = randomPrefix(10);
    SsccAllocator server = new SsccAllocator(db, installationPrefix, 5);

    assertThat(server.numbering(tenantId(first)).orElseThrow().source())
        .isEqualTo(SsccAllocator.Source.INSTALLATION);
    Sscc a = server.allocate(tenantId(first));
    Sscc b = server.allocate(tenantId(second));

    assertThat(a).isEqualTo(Sscc.of(5, installationPrefix, 1));
    assertThat(b)
        .as("clients sharing a prefix share its counter")
        .isEqualTo(Sscc.of(5, installationPrefix, 2));
  }

  @Test
  void noSsccIsAllocatedWhileNeitherTheClientNorTheInstallationHasAPrefix() {
    Site site = Site.create(admin);

    Api.Response numbering = Site.ok(admin.get("/api/v1/tenants/" + site.tenant + "/sscc"));
    Api.Response allocation = site.api.post("/api/v1/sscc", map("count", 2));
    Api.Response container =
        site.api.post("/api/v1/containers", map("kind", "PALLET", "location", site.dock));

    assertThat(
            numbering.at("/companyPrefix").isMissingNode()
                || numbering.at("/companyPrefix").isNull())
        .isTrue();
    assertThat(allocation.status()).isEqualTo(409);
    assertThat(allocation.contentType()).startsWith("application/problem+json");
    assertThat(allocation.problemCode()).isEqualTo("sscc-not-configured");
    assertThat(container.status()).isEqualTo(409);
    assertThat(container.problemCode()).isEqualTo("sscc-not-configured");
  }

  @Test
  void whenThePrefixRunsOutABlockIsRefusedWholeAndNothingIsSpent() {
    Site site = Site.create(admin);
    String prefix = randomPrefix(12); // four digits of serial reference: 1 to 9999
    Site.ok(admin.put("/api/v1/tenants/" + site.tenant + "/sscc", map("companyPrefix", prefix)));
    for (int i = 0; i < 9; i++) {
      Site.ok(site.api.post("/api/v1/sscc", map("count", 1000)));
    }

    Api.Response tooMany = site.api.post("/api/v1/sscc", map("count", 1000));
    Api.Response rest = site.api.post("/api/v1/sscc", map("count", 999));
    Api.Response none = site.api.post("/api/v1/sscc", map("count", 1));

    assertThat(tooMany.status()).isEqualTo(409);
    assertThat(tooMany.problemCode()).isEqualTo("sscc-exhausted");
    assertThat(tooMany.at("/field").asString()).isEqualTo("count");
    assertThat(tooMany.at("/remaining").asLong()).isEqualTo(999);
    assertThat(rest.status()).isEqualTo(201);
    assertThat(ssccs(rest)).hasSize(999).first().isEqualTo(Sscc.of(0, prefix, 9001).value());
    assertThat(ssccs(rest).get(998)).isEqualTo(Sscc.of(0, prefix, 9999).value());
    assertThat(none.status()).isEqualTo(409);
    assertThat(none.at("/remaining").asLong()).isZero();
  }

  @Test
  void aContainerCreatedWithoutAnSsccGetsTheNextOneAndBadInputSpendsNone() {
    Site site = Site.create(admin);
    String prefix = randomPrefix(9);
    Site.ok(
        admin.put(
            "/api/v1/tenants/" + site.tenant + "/sscc",
            map("companyPrefix", prefix, "extensionDigit", 1)));

    Api.Response badKind =
        site.api.post("/api/v1/containers", map("kind", "BARREL", "location", site.dock));
    Api.Response badLocation =
        site.api.post(
            "/api/v1/containers", map("kind", "PALLET", "location", "NO-SUCH-" + unique("L")));
    Api.Response created =
        site.api.post("/api/v1/containers", map("kind", "PALLET", "location", site.dock));
    Api.Response explicit =
        site.api.post(
            "/api/v1/containers",
            map("sscc", Sscc.of(1, prefix, 500).value(), "location", site.dock));

    assertThat(badKind.status()).isEqualTo(400);
    assertThat(badKind.at("/field").asString()).isEqualTo("kind");
    assertThat(badLocation.status()).isEqualTo(422);
    assertThat(badLocation.at("/field").asString()).isEqualTo("location");
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.at("/sscc").asString())
        .as("the refusals spent no reference")
        .isEqualTo(Sscc.of(1, prefix, 1).value());
    assertThat(explicit.status()).isEqualTo(201);
    assertThat(
            Site.ok(site.api.get("/api/v1/containers/" + created.at("/sscc").asString()))
                .at("/kind")
                .asString())
        .isEqualTo("PALLET");
  }

  @Test
  void onlyAnAdminSetsAClientsNumberingAndBadValuesAreRefusedNamingTheField() {
    Site site = Site.create(admin);
    String operator = unique("op");
    Site.ok(
        admin.post(
            "/api/v1/users",
            map(
                "username",
                operator,
                "password",
                "operator-password",
                "role",
                "SUPERVISOR",
                "tenants",
                List.of(site.tenant))));
    String path = "/api/v1/tenants/" + site.tenant + "/sscc";

    Api.Response byOperator =
        Api.basic(port, operator, "operator-password").put(path, map("companyPrefix", "9506000"));
    Api.Response letters = admin.put(path, map("companyPrefix", "95O6000"));
    Api.Response tooLong = admin.put(path, map("companyPrefix", "9506000123456"));
    Api.Response badDigit = admin.put(path, map("companyPrefix", "9506000", "extensionDigit", 10));
    Api.Response digitWithoutPrefix = admin.put(path, map("extensionDigit", 2));
    Api.Response unknown =
        admin.put("/api/v1/tenants/" + unique("NOPE") + "/sscc", map("companyPrefix", "9506000"));
    Api.Response afterRefusals = Site.ok(admin.get(path));
    Api.Response set = admin.put(path, map("companyPrefix", " 9506000 ", "extensionDigit", 7));
    Api.Response cleared = admin.put(path, map("companyPrefix", null));

    assertThat(byOperator.status()).isEqualTo(403);
    assertThat(List.of(letters, tooLong))
        .allSatisfy(
            r -> {
              assertThat(r.status()).isEqualTo(400);
              assertThat(r.at("/field").asString()).isEqualTo("companyPrefix");
            });
    assertThat(badDigit.status()).isEqualTo(400);
    assertThat(badDigit.at("/field").asString()).isEqualTo("extensionDigit");
    assertThat(digitWithoutPrefix.status()).isEqualTo(400);
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(afterRefusals.at("/companyPrefix").isMissingNode())
        .as("refusals wrote nothing")
        .isTrue();
    assertThat(set.status()).isEqualTo(200);
    assertThat(set.at("/companyPrefix").asString()).isEqualTo("9506000");
    assertThat(set.at("/extensionDigit").asInt()).isEqualTo(7);
    assertThat(set.at("/source").asString()).isEqualTo("TENANT");
    assertThat(set.at("/capacity").asLong()).isEqualTo(1_000_000_000L);
    assertThat(cleared.at("/companyPrefix").isMissingNode()).isTrue();
  }

  @Test
  void aBlockIsOneToAThousandSsccsAndAReadOnlyClientGetsNone() {
    Site site = Site.create(admin);
    Site.ok(
        admin.put(
            "/api/v1/tenants/" + site.tenant + "/sscc", map("companyPrefix", randomPrefix(9))));
    String reader =
        Site.ok(
                admin.post(
                    "/api/v1/tokens",
                    map("name", "reader", "tenant", site.tenant, "scope", "read")))
            .at("/token")
            .asString();

    Api.Response zero = site.api.post("/api/v1/sscc", map("count", 0));
    Api.Response tooMany = site.api.post("/api/v1/sscc", map("count", 1001));
    Api.Response readOnly = Api.token(port, reader).post("/api/v1/sscc", map("count", 1));
    Api.Response noBody = site.api.post("/api/v1/sscc", null);

    assertThat(List.of(zero, tooMany))
        .allSatisfy(
            r -> {
              assertThat(r.status()).isEqualTo(400);
              assertThat(r.at("/field").asString()).isEqualTo("count");
            });
    assertThat(readOnly.status()).isEqualTo(403);
    assertThat(noBody.status()).isEqualTo(201);
    assertThat(ssccs(noBody)).as("the refusals spent nothing").containsExactly(ssccsOf(site, 1));
  }

  private String ssccsOf(Site site, long reference) {
    Api.Response numbering = Site.ok(admin.get("/api/v1/tenants/" + site.tenant + "/sscc"));
    return Sscc.of(
            numbering.at("/extensionDigit").asInt(),
            numbering.at("/companyPrefix").asString(),
            reference)
        .value();
  }

  private long tenantId(Site site) {
    return db.sql("SELECT id FROM tenant WHERE code = ?")
        .param(site.tenant)
        .query(Long.class)
        .single();
  }

  private static List<String> ssccs(Api.Response r) {
    List<String> out = new ArrayList<>();
    r.at("/ssccs").forEach(n -> out.add(n.asString()));
    return Collections.unmodifiableList(out);
  }

  /**
   * A company prefix of {@code digits} digits no other test (or earlier run on the same database)
   * uses.
   */
  private static String randomPrefix(int digits) {
    StringBuilder sb = new StringBuilder().append(1 + ThreadLocalRandom.current().nextInt(9));
    while (sb.length() < digits) {
      sb.append(ThreadLocalRandom.current().nextInt(10));
    }
    return sb.toString();
  }
}
