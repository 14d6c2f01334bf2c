package io.unitrace.ledger;

import static io.unitrace.support.Api.list;
import static io.unitrace.support.Api.map;
import static io.unitrace.support.Site.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.unitrace.ledger.domain.HashChain;
import io.unitrace.support.Api;
import io.unitrace.support.IntegrationTest;
import io.unitrace.support.StartGate;
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

  @Autowired JdbcClient db;

  record Entry(int seq, String prevHash, String hash, String location) {}

  @Test
  void twoClerksMovingTheSameUnitToDifferentBinsLeaveOneUnbrokenHistory() throws Exception {
    Clerk clerk = Clerk.forNewClient(admin, port);
    Api clerkA = clerk.api;
    Api clerkB = clerk.colleague(admin, port, "clerk-b");
    clerk.register(clerk.dock, "SN-1");
    int recorded = 1;

    for (int round = 0; round < ROUNDS; round++) {
      List<Api.Response> answers =
          StartGate.together(
              () -> clerkA.post(clerk.unitPath("SN-1") + "/move", map("location", clerk.bin1)),
              () -> clerkB.post(clerk.unitPath("SN-1") + "/move", map("location", clerk.bin2)));
      for (Api.Response r : answers) {
        if (r.status() == 200) {
          recorded++;
        } else {
          assertThat(r.status()).as(r.toString()).isEqualTo(409);
          assertThat(r.problemCode()).as(r.toString()).isEqualTo("concurrent-change");
        }
      }
    }

    List<Entry> history = history(clerk, "SN-1");
    assertThat(history).hasSize(recorded);
    assertUnbroken(history);
    JsonNode unit = ok(clerk.api.get(clerk.unitPath("SN-1"))).json();
    assertThat(unit.path("version").asInt()).isEqualTo(recorded);
    assertThat(unit.path("lastHash").asString()).isEqualTo(history.get(history.size() - 1).hash());
    assertThat(unit.path("location").asString())
        .as("the unit is where its last entry put it")
        .isEqualTo(history.get(history.size() - 1).location());
    assertThat(Footprint.events(db, clerk.tenant)).isEqualTo(recorded);
    assertIntact(clerk);
  }

  @Test
  void twoClerksRegisteringTheSameSerialAtOnceGetOneUnitAndOneConflict() throws Exception {
    Clerk clerk = Clerk.forNewClient(admin, port);
    Api clerkA = clerk.api;
    Api clerkB = clerk.colleague(admin, port, "clerk-b");

    for (int round = 0; round < ROUNDS; round++) {
      String serial = "SN-" + round;
      List<Api.Response> answers =
          StartGate.together(
              () ->
                  clerkA.post(
                      "/api/v1/units",
                      map("location", clerk.dock, "units", list(clerk.unitKey(serial)))),
              () ->
                  clerkB.post(
                      "/api/v1/units",
                      map("location", clerk.bin1, "units", list(clerk.unitKey(serial)))));

      assertThat(answers)
          .extracting(Api.Response::status)
          .as(answers.toString())
          .containsExactlyInAnyOrder(201, 409);
      Api.Response conflict =
          answers.stream().filter(r -> r.status() == 409).findFirst().orElseThrow();
      assertThat(conflict.problemCode()).isEqualTo("duplicate-serial");
      assertThat(conflict.at("/field").asString()).isEqualTo("units[0].serial");
      assertThat(conflict.at("/serials/0").asString()).isEqualTo(serial);
      assertThat(history(clerk, serial)).hasSize(1);
    }
    assertThat(Footprint.of(db, clerk.tenant).units()).isEqualTo(ROUNDS);
    assertThat(Footprint.events(db, clerk.tenant)).isEqualTo(ROUNDS);
    assertIntact(clerk);
  }

  @Test
  void palletMovedWhileAUnitIsPackedOntoItTakesTheUnitAlongOrLeavesItBehindButNeverHalfway()
      throws Exception {
    Clerk clerk = Clerk.forNewClient(admin, port);
    Api mover = clerk.api;
    Api packer = clerk.colleague(admin, port, "packing-bench");
    String pallet = clerk.container("PALLET", clerk.bin1);
    clerk.register(clerk.bin1, "FIRST");
    ok(
        clerk.api.post(
            "/api/v1/units/pack", map("units", list(clerk.unitKey("FIRST")), "into", pallet)));

    for (int round = 0; round < ROUNDS; round++) {
      String serial = "LATE-" + round;
      String to = round % 2 == 0 ? clerk.bin2 : clerk.bin1;
      clerk.register(clerk.quarantine, serial);

      List<Api.Response> answers =
          StartGate.together(
              () -> mover.post("/api/v1/containers/" + pallet + "/move", map("location", to)),
              () ->
                  packer.post(
                      "/api/v1/units/pack",
                      map("units", list(clerk.unitKey(serial)), "into", pallet)));

      assertThat(answers)
          .as(answers.toString())
          .allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
      JsonNode unit = ok(clerk.api.get(clerk.unitPath(serial))).json();
      assertThat(unit.path("container").asString()).isEqualTo(pallet);
      assertThat(unit.path("location").asString())
          .as("round %d: a unit on the pallet is where the pallet is", round)
          .isEqualTo(to);
    }

    long palletLocation =
        ok(clerk.api.get("/api/v1/containers/" + pallet)).at("/locationId").asLong();
    List<String> elsewhere =
        db.sql(
                """
            SELECT u.serial FROM unit u JOIN container c ON c.id = u.container_id
            WHERE u.tenant_id = ? AND (u.location_id IS NULL OR u.location_id <> c.location_id)""")
            .param(Footprint.tenantId(db, clerk.tenant))
            .query(String.class)
            .list();
    assertThat(elsewhere).as("units not where their pallet is").isEmpty();
    assertThat(
            ok(clerk.api.get("/api/v1/units?container=" + pallet + "&limit=1000"))
                .at("/items")
                .size())
        .isEqualTo(ROUNDS + 1);
    assertThat(palletLocation).isPositive();
    assertIntact(clerk);
  }

  @Test
  void caseNestedOnAPalletWhileThePalletMovesEndsUpWhereThePalletIs() throws Exception {
    Clerk clerk = Clerk.forNewClient(admin, port);
    Api mover = clerk.api;
    Api packer = clerk.colleague(admin, port, "palletiser");
    String pallet = clerk.container("PALLET", clerk.bin1);

    for (int round = 0; round < ROUNDS; round++) {
      String to = round % 2 == 0 ? clerk.bin2 : clerk.bin1;
      String kase = clerk.container("CASE", clerk.quarantine);
      String serial = "IN-CASE-" + round;
      clerk.register(clerk.quarantine, serial);
      ok(
          clerk.api.post(
              "/api/v1/units/pack", map("units", list(clerk.unitKey(serial)), "into", kase)));

      List<Api.Response> answers =
          StartGate.together(
              () -> mover.post("/api/v1/containers/" + pallet + "/move", map("location", to)),
              () -> packer.post("/api/v1/containers/" + kase + "/pack", map("into", pallet)));

      assertThat(answers)
          .as(answers.toString())
          .allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
      assertThat(ok(clerk.api.get(clerk.unitPath(serial))).at("/location").asString())
          .as("round %d: a unit in a case on the pallet is where the pallet is", round)
          .isEqualTo(to);
    }
    assertIntact(clerk);
  }

  private List<Entry> history(Clerk clerk, String serial) {
    return db.sql(
            """
            SELECT e.seq, e.prev_hash, e.hash, l.code
            FROM ledger_entry e JOIN unit u ON u.id = e.unit_id LEFT JOIN location l ON l.id = e.location_id
            WHERE u.tenant_id = ? AND u.gtin = ? AND u.serial = ?
            ORDER BY e.seq, e.id""")
        .params(Footprint.tenantId(db, clerk.tenant), clerk.gtin, serial)
        .query(
            (rs, n) -> new Entry(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4)))
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

  private static void assertIntact(Clerk clerk) {
    JsonNode report = ok(clerk.api.post("/api/v1/ledger/verify", null)).json();
    assertThat(report.path("intact").asBoolean()).as(report.toString()).isTrue();
  }
}
