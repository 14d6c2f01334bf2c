package io.unitrace.ledger;

import static io.unitrace.support.Api.list;
import static io.unitrace.support.Api.map;
import static io.unitrace.support.Site.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.unitrace.ledger.domain.HashChain;
import io.unitrace.support.Api;
import io.unitrace.support.IntegrationTest;
import io.unitrace.support.Site;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Two clerks scanning the same thing at the same moment, on real threads over real HTTP. Whatever
 * the interleaving, each request succeeds or is refused clearly, and the ledger stays one line per
 * unit: no lost update, no fork, no gap, and the projection agrees with the history.
 */
class ConcurrencyIT extends IntegrationTest {

  private static final int ROUNDS = 12;

  @Autowired
  JdbcClient db;

  record Entry(int seq, String prevHash, String hash, String location) {}

  @Test
  void twoClerksMovingTheSameUnitToDifferentBinsLeaveOneUnbrokenHistory() throws Exception {
    Site site = Site.create(admin);
    Api clerkA = Floor.clerk(admin, port, site, "clerk-a");
    Api clerkB = Floor.clerk(admin, port, site, "clerk-b");
    site.register(site.dock, "SN-1");
    int recorded = 1;

    for (int round = 0; round < ROUNDS; round++) {
      List<Api.Response> answers = StartGate.together(
          () -> clerkA.post(site.unitPath("SN-1") + "/move", map("location", site.bin1)),
          () -> clerkB.post(site.unitPath("SN-1") + "/move", map("location", site.bin2)));
      for (Api.Response r : answers) {
        if (r.status() == 200) {
          recorded++;
        } else {
          assertThat(r.status()).as(r.toString()).isEqualTo(409);
          assertThat(r.problemCode()).as(r.toString()).isEqualTo("concurrent-change");
        }
      }
    }

    List<Entry> history = history(site, "SN-1");
    assertThat(history).hasSize(recorded);
    assertUnbroken(history);
    JsonNode unit = ok(site.api.get(site.unitPath("SN-1"))).json();
    assertThat(unit.path("version").asInt()).isEqualTo(recorded);
    assertThat(unit.path("lastHash").asString()).isEqualTo(history.get(history.size() - 1).hash());
    assertThat(unit.path("location").asString()).as("the unit is where its last entry put it")
        .isEqualTo(history.get(history.size() - 1).location());
    assertThat(Footprint.events(db, site.tenant)).isEqualTo(recorded);
    assertIntact(site);
  }

  @Test
  void twoClerksRegisteringTheSameSerialAtOnceGetOneUnitAndOneConflict() throws Exception {
    Site site = Site.create(admin);
    Api clerkA = Floor.clerk(admin, port, site, "clerk-a");
    Api clerkB = Floor.clerk(admin, port, site, "clerk-b");

    for (int round = 0; round < ROUNDS; round++) {
      String serial = "SN-" + round;
      List<Api.Response> answers = StartGate.together(
          () -> clerkA.post("/api/v1/units", map("location", site.dock, "units", list(site.unitKey(serial)))),
          () -> clerkB.post("/api/v1/units", map("location", site.bin1, "units", list(site.unitKey(serial)))));

      assertThat(answers).extracting(Api.Response::status).as(answers.toString()).containsExactlyInAnyOrder(201, 409);
      Api.Response conflict = answers.stream().filter(r -> r.status() == 409).findFirst().orElseThrow();
      assertThat(conflict.problemCode()).isEqualTo("duplicate-serial");
      assertThat(conflict.at("/field").asString()).isEqualTo("units[0].serial");
      assertThat(conflict.at("/serials/0").asString()).isEqualTo(serial);
      assertThat(history(site, serial)).hasSize(1);
    }
    assertThat(Footprint.of(db, site.tenant).units()).isEqualTo(ROUNDS);
    assertThat(Footprint.events(db, site.tenant)).isEqualTo(ROUNDS);
    assertIntact(site);
  }

  @Test
  void palletMovedWhileAUnitIsPackedOntoItTakesTheUnitAlongOrLeavesItBehindButNeverHalfway() throws Exception {
    Site site = Site.create(admin);
    Api mover = Floor.clerk(admin, port, site, "forklift");
    Api packer = Floor.clerk(admin, port, site, "packing-bench");
    String pallet = Floor.container(site, "PALLET", site.bin1);
    site.register(site.bin1, "FIRST");
    ok(site.api.post("/api/v1/units/pack", map("units", list(site.unitKey("FIRST")), "into", pallet)));

    for (int round = 0; round < ROUNDS; round++) {
      String serial = "LATE-" + round;
      String to = round % 2 == 0 ? site.bin2 : site.bin1;
      site.register(site.quarantine, serial);

      List<Api.Response> answers = StartGate.together(
          () -> mover.post("/api/v1/containers/" + pallet + "/move", map("location", to)),
          () -> packer.post("/api/v1/units/pack", map("units", list(site.unitKey(serial)), "into", pallet)));

      assertThat(answers).as(answers.toString()).allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
      JsonNode unit = ok(site.api.get(site.unitPath(serial))).json();
      assertThat(unit.path("container").asString()).isEqualTo(pallet);
      assertThat(unit.path("location").asString()).as("round %d: a unit on the pallet is where the pallet is", round).isEqualTo(to);
    }

    long palletLocation = ok(site.api.get("/api/v1/containers/" + pallet)).at("/locationId").asLong();
    List<String> elsewhere = db.sql("""
            SELECT u.serial FROM unit u JOIN container c ON c.id = u.container_id
            WHERE u.tenant_id = ? AND (u.location_id IS NULL OR u.location_id <> c.location_id)""")
        .param(Footprint.tenantId(db, site.tenant)).query(String.class).list();
    assertThat(elsewhere).as("units not where their pallet is").isEmpty();
    assertThat(ok(site.api.get("/api/v1/units?container=" + pallet + "&limit=1000")).at("/items").size()).isEqualTo(ROUNDS + 1);
    assertThat(palletLocation).isPositive();
    assertIntact(site);
  }

  @Test
  void caseNestedOnAPalletWhileThePalletMovesEndsUpWhereThePalletIs() throws Exception {
    Site site = Site.create(admin);
    Api mover = Floor.clerk(admin, port, site, "forklift");
    Api packer = Floor.clerk(admin, port, site, "palletiser");
    String pallet = Floor.container(site, "PALLET", site.bin1);

    for (int round = 0; round < ROUNDS; round++) {
      String to = round % 2 == 0 ? site.bin2 : site.bin1;
      String kase = Floor.container(site, "CASE", site.quarantine);
      String serial = "IN-CASE-" + round;
      site.register(site.quarantine, serial);
      ok(site.api.post("/api/v1/units/pack", map("units", list(site.unitKey(serial)), "into", kase)));

      List<Api.Response> answers = StartGate.together(
          () -> mover.post("/api/v1/containers/" + pallet + "/move", map("location", to)),
          () -> packer.post("/api/v1/containers/" + kase + "/pack", map("into", pallet)));

      assertThat(answers).as(answers.toString()).allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
      assertThat(ok(site.api.get(site.unitPath(serial))).at("/location").asString())
          .as("round %d: a unit in a case on the pallet is where the pallet is", round).isEqualTo(to);
    }
    assertIntact(site);
  }

  private List<Entry> history(Site site, String serial) {
    return db.sql("""
            SELECT e.seq, e.prev_hash, e.hash, l.code
            FROM ledger_entry e JOIN unit u ON u.id = e.unit_id LEFT JOIN location l ON l.id = e.location_id
            WHERE u.tenant_id = ? AND u.gtin = ? AND u.serial = ?
            ORDER BY e.seq, e.id""")
        .params(Footprint.tenantId(db, site.tenant), site.gtin, serial)
        .query((rs, n) -> new Entry(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4)))
        .list();
  }

  /** Seq 1..n without gaps or repeats, each entry linked to the one before: a line, not a tree. */
  private static void assertUnbroken(List<Entry> history) {
    String previous = HashChain.GENESIS;
    for (int i = 0; i < history.size(); i++) {
      Entry e = history.get(i);
      assertThat(e.seq()).as("entry %d", i).isEqualTo(i + 1);
      assertThat(e.prevHash()).as("entry %d links to the one before", e.seq()).isEqualTo(previous);
      previous = e.hash();
    }
  }

  private static void assertIntact(Site site) {
    JsonNode report = ok(site.api.post("/api/v1/ledger/verify", null)).json();
    assertThat(report.path("intact").asBoolean()).as(report.toString()).isTrue();
  }
}
