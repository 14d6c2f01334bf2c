package io.unitrace.ledger;

import static io.unitrace.support.Api.list;
import static io.unitrace.support.Api.map;
import static io.unitrace.support.Site.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.unitrace.shared.Rows;
import io.unitrace.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Tamper evidence. Someone with write access to the database edits the ledger behind the
 * application's back, in a different way for each client; verification names the first broken link:
 * what kind of break, which unit, which entry.
 */
class VerificationIT extends IntegrationTest {

  @Autowired JdbcClient db;

  record Entry(
      long id, long eventId, String state, Long location, Long container, int holds, String hash) {}

  @Test
  void untouchedLedgerIsIntactWithItsCheckpoints() {
    Clerk clerk = history(Clerk.forNewClient(admin, port));
    ok(clerk.api.post("/api/v1/ledger/checkpoints", null));
    ok(clerk.api.post(clerk.unitPath("SN-1") + "/move", map("location", clerk.bin1)));
    ok(clerk.api.post("/api/v1/ledger/checkpoints", null));

    JsonNode report = verify(clerk);

    assertThat(report.path("intact").asBoolean()).as(report.toString()).isTrue();
    assertThat(report.path("firstBreak").isMissingNode()).isTrue();
    assertThat(report.path("units").asInt()).isEqualTo(3);
    assertThat(report.path("entries").asInt()).isEqualTo(8);
    assertThat(report.path("checkpoints").asInt())
        .as("two closes of the unit book and of the event book")
        .isEqualTo(4);
    assertThat(report.path("signedCheckpoints").asInt()).isEqualTo(4);
  }

  @Test
  void entryPointingToAnotherLocationIsContentAltered() {
    Clerk clerk = history(Clerk.forNewClient(admin, port));
    Entry second = entry(clerk, "SN-1", 2);

    db.sql("UPDATE ledger_entry SET location_id = ? WHERE id = ?")
        .params(locationId(clerk.quarantine), second.id())
        .update();

    JsonNode broken = firstBreak(clerk);
    assertThat(broken.path("kind").asString()).isEqualTo("content-altered");
    assertThat(broken.path("unit").asString()).isEqualTo("(01)" + clerk.gtin + "(21)SN-1");
    assertThat(broken.path("seq").asInt()).isEqualTo(2);
    assertThat(broken.path("entryId").asLong()).isEqualTo(second.id());
    assertThat(broken.path("found").asString()).isEqualTo(second.hash());
  }

  @Test
  void eventWithAnotherActorIsContentAlteredForTheFirstUnitItTouched() {
    Clerk clerk = history(Clerk.forNewClient(admin, port));
    Entry packed = entry(clerk, "SN-2", 2);
    assertThat(entry(clerk, "SN-3", 2).eventId())
        .as("SN-2 and SN-3 were packed in one event")
        .isEqualTo(packed.eventId());

    db.sql("UPDATE ledger_event SET actor = ? WHERE id = ?")
        .params("user:someone-else", packed.eventId())
        .update();

    JsonNode broken = firstBreak(clerk);
    assertThat(broken.path("kind").asString()).isEqualTo("content-altered");
    assertThat(broken.path("unit").asString()).isEqualTo("(01)" + clerk.gtin + "(21)SN-2");
    assertThat(broken.path("seq").asInt()).isEqualTo(2);
    assertThat(broken.path("eventId").asLong()).isEqualTo(packed.eventId());
  }

  @Test
  void eventWithAnotherTimeIsContentAltered() {
    Clerk clerk = history(Clerk.forNewClient(admin, port));
    Entry moved = entry(clerk, "SN-1", 3);

    db.sql("UPDATE ledger_event SET event_time = event_time - 3600000 WHERE id = ?")
        .param(moved.eventId())
        .update();

    JsonNode broken = firstBreak(clerk);
    assertThat(broken.path("kind").asString()).isEqualTo("content-altered");
    assertThat(broken.path("unit").asString()).endsWith("(21)SN-1");
    assertThat(broken.path("seq").asInt()).isEqualTo(3);
  }

  @Test
  void lastEntryRemovedWithItsUnitRolledBackIsCaughtByTheCheckpoint() {
    Clerk clerk = history(Clerk.forNewClient(admin, port));
    Entry last = entry(clerk, "SN-1", 3);
    JsonNode checkpoint = ok(clerk.api.post("/api/v1/ledger/checkpoints", null)).json();
    assertThat(checkpoint.path("lastEntryId").asLong())
        .as("the checkpoint covers the last move")
        .isGreaterThanOrEqualTo(last.id());
    assertThat(verify(clerk).path("intact").asBoolean()).isTrue();
    Entry before = entry(clerk, "SN-1", 2);

    db.sql("DELETE FROM ledger_entry WHERE id = ?").param(last.id()).update();
    db.sql("DELETE FROM ledger_event WHERE id = ?").param(last.eventId()).update();
    db.sql(
            "UPDATE unit SET version = 2, last_hash = ?, state = ?, location_id = ?, container_id = ?, holds = ? WHERE id = ?")
        .params(
            before.hash(),
            before.state(),
            before.location(),
            before.container(),
            before.holds(),
            unitId(clerk, "SN-1"))
        .update();

    JsonNode broken = firstBreak(clerk);
    assertThat(broken.path("kind").asString()).isEqualTo("checkpoint-mismatch");
    assertThat(broken.path("checkpointId").asLong()).isEqualTo(checkpoint.path("id").asLong());
    assertThat(broken.path("unit").isMissingNode()).as("the unit's own chain looks whole").isTrue();
  }

  @Test
  void lastEntryRemovedAloneLeavesTheUnitAheadOfItsHistory() {
    Clerk clerk = history(Clerk.forNewClient(admin, port));
    Entry last = entry(clerk, "SN-1", 3);

    db.sql("DELETE FROM ledger_entry WHERE id = ?").param(last.id()).update();

    JsonNode broken = firstBreak(clerk);
    assertThat(broken.path("kind").asString()).isEqualTo("projection-ahead");
    assertThat(broken.path("unit").asString()).endsWith("(21)SN-1");
    assertThat(broken.path("seq").asInt()).isEqualTo(2);
  }

  @Test
  void middleEntryRemovedIsAMissingEntry() {
    Clerk clerk = history(Clerk.forNewClient(admin, port));
    Entry middle = entry(clerk, "SN-1", 2);

    db.sql("DELETE FROM ledger_entry WHERE id = ?").param(middle.id()).update();

    JsonNode broken = firstBreak(clerk);
    assertThat(broken.path("kind").asString()).isEqualTo("entry-missing");
    assertThat(broken.path("unit").asString()).isEqualTo("(01)" + clerk.gtin + "(21)SN-1");
    assertThat(broken.path("seq").asInt()).isEqualTo(2);
    assertThat(broken.path("found").asString()).isEqualTo("seq 3");
  }

  @Test
  void entryRelinkedToAnotherPredecessorBreaksTheChain() {
    Clerk clerk = history(Clerk.forNewClient(admin, port));
    Entry third = entry(clerk, "SN-1", 3);

    db.sql("UPDATE ledger_entry SET prev_hash = ? WHERE id = ?")
        .params(entry(clerk, "SN-1", 1).hash(), third.id())
        .update();

    JsonNode broken = firstBreak(clerk);
    assertThat(broken.path("kind").asString()).isEqualTo("chain-broken");
    assertThat(broken.path("seq").asInt()).isEqualTo(3);
  }

  @Test
  void unitRowWithAnotherStateDiffersFromItsHistory() {
    Clerk clerk = history(Clerk.forNewClient(admin, port));

    db.sql("UPDATE unit SET state = 'SHIPPED' WHERE id = ?").param(unitId(clerk, "SN-3")).update();

    JsonNode broken = firstBreak(clerk);
    assertThat(broken.path("kind").asString()).isEqualTo("projection-differs");
    assertThat(broken.path("unit").asString()).isEqualTo("(01)" + clerk.gtin + "(21)SN-3");
    assertThat(broken.path("seq").asInt()).isEqualTo(2);
    assertThat(broken.path("found").asString()).startsWith("SHIPPED");
  }

  @Test
  void unitRowWithAnotherImeiDiffersFromItsHistory() {
    Clerk clerk = history(Clerk.forNewClient(admin, port));

    db.sql("UPDATE unit SET fields = ? WHERE id = ?")
        .params("{\"IMEI\":\"490154203237518\"}", unitId(clerk, "SN-1"))
        .update();

    JsonNode broken = firstBreak(clerk);
    assertThat(broken.path("kind").asString()).isEqualTo("projection-differs");
    assertThat(broken.path("unit").asString()).endsWith("(21)SN-1");
    assertThat(broken.path("seq").asInt()).isEqualTo(3);
  }

  @Test
  void tamperingWithOneClientLeavesAnotherIntact() {
    Clerk tampered = history(Clerk.forNewClient(admin, port));
    Clerk other = history(Clerk.forNewClient(admin, port));

    db.sql("UPDATE unit SET holds = 1 WHERE id = ?").param(unitId(tampered, "SN-2")).update();

    assertThat(firstBreak(tampered).path("kind").asString()).isEqualTo("projection-differs");
    assertThat(verify(other).path("intact").asBoolean()).isTrue();
  }

  /**
   * SN-1: registered on the dock with an IMEI, stored in bin 1, moved to bin 2 (3 entries). SN-2,
   * SN-3: registered, then packed together into a tote in one event (2 entries each).
   */
  private Clerk history(Clerk clerk) {
    ok(
        clerk.api.post(
            "/api/v1/units",
            map(
                "location",
                clerk.dock,
                "units",
                list(
                    map(
                        "gtin",
                        clerk.gtin,
                        "serial",
                        "SN-1",
                        "fields",
                        map("IMEI", "356938035643809"))))));
    clerk.register(clerk.dock, "SN-2");
    clerk.register(clerk.dock, "SN-3");
    ok(clerk.api.post(clerk.unitPath("SN-1") + "/move", map("location", clerk.bin1)));
    String tote = clerk.container("TOTE", clerk.bin2);
    ok(
        clerk.api.post(
            "/api/v1/units/pack",
            map("units", list(clerk.unitKey("SN-2"), clerk.unitKey("SN-3")), "into", tote)));
    ok(clerk.api.post(clerk.unitPath("SN-1") + "/move", map("location", clerk.bin2)));
    assertThat(verify(clerk).path("intact").asBoolean())
        .as("intact before anyone tampers")
        .isTrue();
    return clerk;
  }

  private JsonNode verify(Clerk clerk) {
    return ok(clerk.api.post("/api/v1/ledger/verify", null)).json();
  }

  private JsonNode firstBreak(Clerk clerk) {
    JsonNode report = verify(clerk);
    assertThat(report.path("intact").asBoolean()).as(report.toString()).isFalse();
    return report.path("firstBreak");
  }

  private Entry entry(Clerk clerk, String serial, int seq) {
    return db.sql(
            "SELECT id, event_id, state, location_id, container_id, holds, hash FROM ledger_entry WHERE unit_id = ? AND seq = ?")
        .params(unitId(clerk, serial), seq)
        .query(
            (rs, n) ->
                new Entry(
                    rs.getLong(1),
                    rs.getLong(2),
                    rs.getString(3),
                    Rows.longOrNull(rs, 4),
                    Rows.longOrNull(rs, 5),
                    rs.getInt(6),
                    rs.getString(7)))
        .single();
  }

  private long unitId(Clerk clerk, String serial) {
    return db.sql("SELECT id FROM unit WHERE tenant_id = ? AND gtin = ? AND serial = ?")
        .params(Footprint.tenantId(db, clerk.tenant), clerk.gtin, serial)
        .query(Long.class)
        .single();
  }

  private long locationId(String code) {
    return db.sql("SELECT id FROM location WHERE code = ?").param(code).query(Long.class).single();
  }
}
