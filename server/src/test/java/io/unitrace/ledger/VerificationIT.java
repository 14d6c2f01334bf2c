package io.unitrace.ledger;

import static io.unitrace.support.Api.list;
import static io.unitrace.support.Api.map;
import static io.unitrace.support.Site.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.unitrace.support.IntegrationTest;
import io.unitrace.support.Site;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Tamper evidence. Someone with write access to the database edits the ledger behind the
 * application's back, in a different way for each client; verification names the first broken
 * link: what kind of break, which unit, which entry.
 */
class VerificationIT extends IntegrationTest {

  @Autowired
  JdbcClient db;

  record Entry(long id, long eventId, String state, Long location, Long container, int holds, String hash) {}

  @Test
  void untouchedLedgerIsIntactWithItsCheckpoints() {
    Site site = history(Site.create(admin));
    ok(site.api.post("/api/v1/ledger/checkpoints", null));
    ok(site.api.post(site.unitPath("SN-1") + "/move", map("location", site.bin1)));
    ok(site.api.post("/api/v1/ledger/checkpoints", null));

    JsonNode report = verify(site);

    assertThat(report.path("intact").asBoolean()).as(report.toString()).isTrue();
    assertThat(report.path("firstBreak").isMissingNode()).isTrue();
    assertThat(report.path("units").asInt()).isEqualTo(3);
    assertThat(report.path("entries").asInt()).isEqualTo(8);
    assertThat(report.path("checkpoints").asInt()).isEqualTo(2);
  }

  @Test
  void entryPointingToAnotherLocationIsContentAltered() {
    Site site = history(Site.create(admin));
    Entry second = entry(site, "SN-1", 2);

    db.sql("UPDATE ledger_entry SET location_id = ? WHERE id = ?").params(locationId(site.quarantine), second.id()).update();

    JsonNode broken = firstBreak(site);
    assertThat(broken.path("kind").asString()).isEqualTo("content-altered");
    assertThat(broken.path("unit").asString()).isEqualTo("(01)" + site.gtin + "(21)SN-1");
    assertThat(broken.path("seq").asInt()).isEqualTo(2);
    assertThat(broken.path("entryId").asLong()).isEqualTo(second.id());
    assertThat(broken.path("found").asString()).isEqualTo(second.hash());
  }

  @Test
  void eventWithAnotherActorIsContentAlteredForTheFirstUnitItTouched() {
    Site site = history(Site.create(admin));
    Entry packed = entry(site, "SN-2", 2);
    assertThat(entry(site, "SN-3", 2).eventId()).as("SN-2 and SN-3 were packed in one event").isEqualTo(packed.eventId());

    db.sql("UPDATE ledger_event SET actor = ? WHERE id = ?").params("user:someone-else", packed.eventId()).update();

    JsonNode broken = firstBreak(site);
    assertThat(broken.path("kind").asString()).isEqualTo("content-altered");
    assertThat(broken.path("unit").asString()).isEqualTo("(01)" + site.gtin + "(21)SN-2");
    assertThat(broken.path("seq").asInt()).isEqualTo(2);
    assertThat(broken.path("eventId").asLong()).isEqualTo(packed.eventId());
  }

  @Test
  void eventWithAnotherTimeIsContentAltered() {
    Site site = history(Site.create(admin));
    Entry moved = entry(site, "SN-1", 3);

    db.sql("UPDATE ledger_event SET event_time = event_time - 3600000 WHERE id = ?").param(moved.eventId()).update();

    JsonNode broken = firstBreak(site);
    assertThat(broken.path("kind").asString()).isEqualTo("content-altered");
    assertThat(broken.path("unit").asString()).endsWith("(21)SN-1");
    assertThat(broken.path("seq").asInt()).isEqualTo(3);
  }

  @Test
  void lastEntryRemovedWithItsUnitRolledBackIsCaughtByTheCheckpoint() {
    Site site = history(Site.create(admin));
    Entry last = entry(site, "SN-1", 3);
    JsonNode checkpoint = ok(site.api.post("/api/v1/ledger/checkpoints", null)).json();
    assertThat(checkpoint.path("lastEntryId").asLong()).as("the checkpoint covers the last move").isGreaterThanOrEqualTo(last.id());
    assertThat(verify(site).path("intact").asBoolean()).isTrue();
    Entry before = entry(site, "SN-1", 2);

    db.sql("DELETE FROM ledger_entry WHERE id = ?").param(last.id()).update();
    db.sql("DELETE FROM ledger_event WHERE id = ?").param(last.eventId()).update();
    db.sql("UPDATE unit SET version = 2, last_hash = ?, state = ?, location_id = ?, container_id = ?, holds = ? WHERE id = ?")
        .params(before.hash(), before.state(), before.location(), before.container(), before.holds(), unitId(site, "SN-1")).update();

    JsonNode broken = firstBreak(site);
    assertThat(broken.path("kind").asString()).isEqualTo("checkpoint-mismatch");
    assertThat(broken.path("checkpointId").asLong()).isEqualTo(checkpoint.path("id").asLong());
    assertThat(broken.path("unit").isMissingNode()).as("the unit's own chain looks whole").isTrue();
  }

  @Test
  void lastEntryRemovedAloneLeavesTheUnitAheadOfItsHistory() {
    Site site = history(Site.create(admin));
    Entry last = entry(site, "SN-1", 3);

    db.sql("DELETE FROM ledger_entry WHERE id = ?").param(last.id()).update();

    JsonNode broken = firstBreak(site);
    assertThat(broken.path("kind").asString()).isEqualTo("projection-ahead");
    assertThat(broken.path("unit").asString()).endsWith("(21)SN-1");
    assertThat(broken.path("seq").asInt()).isEqualTo(2);
  }

  @Test
  void middleEntryRemovedIsAMissingEntry() {
    Site site = history(Site.create(admin));
    Entry middle = entry(site, "SN-1", 2);

    db.sql("DELETE FROM ledger_entry WHERE id = ?").param(middle.id()).update();

    JsonNode broken = firstBreak(site);
    assertThat(broken.path("kind").asString()).isEqualTo("entry-missing");
    assertThat(broken.path("unit").asString()).isEqualTo("(01)" + site.gtin + "(21)SN-1");
    assertThat(broken.path("seq").asInt()).isEqualTo(2);
    assertThat(broken.path("found").asString()).isEqualTo("seq 3");
  }

  @Test
  void entryRelinkedToAnotherPredecessorBreaksTheChain() {
    Site site = history(Site.create(admin));
    Entry third = entry(site, "SN-1", 3);

    db.sql("UPDATE ledger_entry SET prev_hash = ? WHERE id = ?").params(entry(site, "SN-1", 1).hash(), third.id()).update();

    JsonNode broken = firstBreak(site);
    assertThat(broken.path("kind").asString()).isEqualTo("chain-broken");
    assertThat(broken.path("seq").asInt()).isEqualTo(3);
  }

  @Test
  void unitRowWithAnotherStateDiffersFromItsHistory() {
    Site site = history(Site.create(admin));

    db.sql("UPDATE unit SET state = 'SHIPPED' WHERE id = ?").param(unitId(site, "SN-3")).update();

    JsonNode broken = firstBreak(site);
    assertThat(broken.path("kind").asString()).isEqualTo("projection-differs");
    assertThat(broken.path("unit").asString()).isEqualTo("(01)" + site.gtin + "(21)SN-3");
    assertThat(broken.path("seq").asInt()).isEqualTo(2);
    assertThat(broken.path("found").asString()).startsWith("SHIPPED");
  }

  @Test
  void unitRowWithAnotherImeiDiffersFromItsHistory() {
    Site site = history(Site.create(admin));

    db.sql("UPDATE unit SET fields = ? WHERE id = ?").params("{\"IMEI\":\"490154203237518\"}", unitId(site, "SN-1")).update();

    JsonNode broken = firstBreak(site);
    assertThat(broken.path("kind").asString()).isEqualTo("projection-differs");
    assertThat(broken.path("unit").asString()).endsWith("(21)SN-1");
    assertThat(broken.path("seq").asInt()).isEqualTo(3);
  }

  @Test
  void tamperingWithOneClientLeavesAnotherIntact() {
    Site tampered = history(Site.create(admin));
    Site other = history(Site.create(admin));

    db.sql("UPDATE unit SET holds = 1 WHERE id = ?").param(unitId(tampered, "SN-2")).update();

    assertThat(firstBreak(tampered).path("kind").asString()).isEqualTo("projection-differs");
    assertThat(verify(other).path("intact").asBoolean()).isTrue();
  }

  /**
   * SN-1: registered on the dock with an IMEI, stored in bin 1, moved to bin 2 (3 entries).
   * SN-2, SN-3: registered, then packed together into a tote in one event (2 entries each).
   */
  private Site history(Site site) {
    ok(site.api.post("/api/v1/units", map("location", site.dock, "units",
        list(map("gtin", site.gtin, "serial", "SN-1", "fields", map("IMEI", "356938035643809"))))));
    site.register(site.dock, "SN-2");
    site.register(site.dock, "SN-3");
    ok(site.api.post(site.unitPath("SN-1") + "/move", map("location", site.bin1)));
    String tote = Floor.container(site, "TOTE", site.bin2);
    ok(site.api.post("/api/v1/units/pack", map("units", list(site.unitKey("SN-2"), site.unitKey("SN-3")), "into", tote)));
    ok(site.api.post(site.unitPath("SN-1") + "/move", map("location", site.bin2)));
    assertThat(verify(site).path("intact").asBoolean()).as("intact before anyone tampers").isTrue();
    return site;
  }

  private JsonNode verify(Site site) {
    return ok(site.api.post("/api/v1/ledger/verify", null)).json();
  }

  private JsonNode firstBreak(Site site) {
    JsonNode report = verify(site);
    assertThat(report.path("intact").asBoolean()).as(report.toString()).isFalse();
    return report.path("firstBreak");
  }

  private Entry entry(Site site, String serial, int seq) {
    return db.sql("SELECT id, event_id, state, location_id, container_id, holds, hash FROM ledger_entry WHERE unit_id = ? AND seq = ?")
        .params(unitId(site, serial), seq)
        .query((rs, n) -> new Entry(rs.getLong(1), rs.getLong(2), rs.getString(3), io.unitrace.shared.Rows.longOrNull(rs, 4),
            io.unitrace.shared.Rows.longOrNull(rs, 5), rs.getInt(6), rs.getString(7)))
        .single();
  }

  private long unitId(Site site, String serial) {
    return db.sql("SELECT id FROM unit WHERE tenant_id = ? AND gtin = ? AND serial = ?")
        .params(Footprint.tenantId(db, site.tenant), site.gtin, serial).query(Long.class).single();
  }

  private long locationId(String code) {
    return db.sql("SELECT id FROM location WHERE code = ?").param(code).query(Long.class).single();
  }
}
