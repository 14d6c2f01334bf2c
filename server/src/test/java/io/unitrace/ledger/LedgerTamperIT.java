package io.unitrace.ledger;

import static io.unitrace.support.Api.list;
import static io.unitrace.support.Api.map;
import static io.unitrace.support.Site.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.unitrace.ledger.domain.HashChain;
import io.unitrace.ledger.domain.UnitStatus;
import io.unitrace.shared.Rows;
import io.unitrace.support.Api;
import io.unitrace.support.IntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The holes ADR 0018 closes. An insider with write access to the database makes one edit at a time
 * behind the application's back, each in a client of its own; verification catches it and names
 * what was changed: a unit's lot, product, GTIN or serial; the searchable copy of a custom field;
 * an event that touches no unit; a chain recomputed consistently together with the checkpoints over
 * it; a forged checkpoint. And a ledger recorded before these rules is re-anchored from a verified
 * state.
 */
class LedgerTamperIT extends IntegrationTest {

  @Autowired JdbcClient db;
  @Autowired DataSource dataSource;

  @Test
  void unitLotRewrittenIsCaughtAndNamed() {
    History h = history(Clerk.forNewClient(admin, port));
    long otherLot = lotOf(h, "V2");

    db.sql("UPDATE unit SET lot_id = ? WHERE id = ?").params(otherLot, unitId(h, "V1")).update();

    JsonNode broken = firstBreak(h.clerk);
    assertThat(broken.path("kind").asString()).isEqualTo("identity-altered");
    assertThat(broken.path("unit").asString()).isEqualTo("(01)" + h.vaccine + "(21)V1");
    assertThat(broken.path("found").asString()).contains("lot L-B");
  }

  @Test
  void unitProductRewrittenIsCaughtAndNamed() {
    History h = history(Clerk.forNewClient(admin, port));
    long otherProduct =
        db.sql("SELECT product_id FROM unit WHERE id = ?")
            .param(unitId(h, "SN-1"))
            .query(Long.class)
            .single();

    db.sql("UPDATE unit SET product_id = ? WHERE id = ?")
        .params(otherProduct, unitId(h, "V1"))
        .update();

    JsonNode broken = firstBreak(h.clerk);
    assertThat(broken.path("kind").asString()).isEqualTo("identity-altered");
    assertThat(broken.path("unit").asString()).isEqualTo("(01)" + h.vaccine + "(21)V1");
    assertThat(broken.path("found").asString()).contains("product " + h.clerk.sku);
  }

  @Test
  void unitGtinRewrittenIsCaughtAndNamed() {
    History h = history(Clerk.forNewClient(admin, port));

    db.sql("UPDATE unit SET gtin = ? WHERE id = ?").params(h.clerk.gtin, unitId(h, "V1")).update();

    JsonNode broken = firstBreak(h.clerk);
    assertThat(broken.path("kind").asString()).isEqualTo("identity-altered");
    assertThat(broken.path("unit").asString()).isEqualTo("(01)" + h.clerk.gtin + "(21)V1");
    assertThat(broken.path("seq").asInt()).isEqualTo(1);
  }

  @Test
  void unitSerialRewrittenIsCaughtAndNamed() {
    History h = history(Clerk.forNewClient(admin, port));

    db.sql("UPDATE unit SET serial = ? WHERE id = ?").params("V9", unitId(h, "V1")).update();

    JsonNode broken = firstBreak(h.clerk);
    assertThat(broken.path("kind").asString()).isEqualTo("identity-altered");
    assertThat(broken.path("unit").asString()).isEqualTo("(01)" + h.vaccine + "(21)V9");
  }

  @Test
  void searchableFieldValueEditedIsCaughtAndNamed() {
    History h = history(Clerk.forNewClient(admin, port));

    db.sql("UPDATE unit_field SET value = ? WHERE unit_id = ? AND name = 'IMEI'")
        .params("490154203237518", unitId(h, "SN-1"))
        .update();

    JsonNode broken = firstBreak(h.clerk);
    assertThat(broken.path("kind").asString()).isEqualTo("field-copy-differs");
    assertThat(broken.path("unit").asString()).isEqualTo("(01)" + h.clerk.gtin + "(21)SN-1");
    assertThat(broken.path("expected").asString()).isEqualTo("IMEI = 356938035643809");
    assertThat(broken.path("found").asString()).isEqualTo("IMEI = 490154203237518");
  }

  @Test
  void searchableFieldValueRemovedIsCaughtAndNamed() {
    History h = history(Clerk.forNewClient(admin, port));

    db.sql("DELETE FROM unit_field WHERE unit_id = ?").param(unitId(h, "SN-1")).update();

    JsonNode broken = firstBreak(h.clerk);
    assertThat(broken.path("kind").asString()).isEqualTo("field-copy-differs");
    assertThat(broken.path("unit").asString()).endsWith("(21)SN-1");
    assertThat(broken.path("found").asString()).isEqualTo("IMEI = null");
  }

  @Test
  void eventTouchingNoUnitEditedIsCaughtAndNamed() {
    History h = history(Clerk.forNewClient(admin, port));

    db.sql("UPDATE ledger_event SET actor = ? WHERE id = ?")
        .params("user:someone-else", h.emptyUnpack)
        .update();

    JsonNode broken = firstBreak(h.clerk);
    assertThat(broken.path("kind").asString()).isEqualTo("event-altered");
    assertThat(broken.path("eventId").asLong()).isEqualTo(h.emptyUnpack);
    assertThat(broken.path("message").asString()).contains("UNPACKED");
  }

  @Test
  void eventTouchingNoUnitEditedWithItsHashRecomputedIsCaughtByTheEventCheckpoint() {
    History h = history(Clerk.forNewClient(admin, port));
    ok(h.clerk.api.post("/api/v1/ledger/checkpoints", null));
    long checkpoint = eventCheckpoint(h);

    db.sql("UPDATE ledger_event SET actor = ? WHERE id = ?")
        .params("user:someone-else", h.emptyUnpack)
        .update();
    rehashEvent(h.emptyUnpack);

    JsonNode broken = firstBreak(h.clerk);
    assertThat(broken.path("kind").asString()).isEqualTo("checkpoint-mismatch");
    assertThat(broken.path("checkpointId").asLong()).isEqualTo(checkpoint);
    assertThat(broken.path("message").asString()).contains("EVENTS checkpoint " + checkpoint);
  }

  @Test
  void eventTouchingNoUnitDeletedIsCaughtByTheEventCheckpoint() {
    History h = history(Clerk.forNewClient(admin, port));
    ok(h.clerk.api.post("/api/v1/ledger/checkpoints", null));
    long checkpoint = eventCheckpoint(h);

    db.sql("DELETE FROM ledger_event WHERE id = ?").param(h.emptyUnpack).update();

    JsonNode broken = firstBreak(h.clerk);
    assertThat(broken.path("kind").asString()).isEqualTo("checkpoint-mismatch");
    assertThat(broken.path("checkpointId").asLong()).isEqualTo(checkpoint);
    assertThat(broken.path("found").asString()).endsWith("over " + (h.events - 1));
  }

  @Test
  void eventHashRemovedToPassItOffAsLegacyIsCaught() {
    History h = history(Clerk.forNewClient(admin, port));

    db.sql("UPDATE ledger_event SET hash = NULL WHERE id = ?").param(h.emptyUnpack).update();

    JsonNode broken = firstBreak(h.clerk);
    assertThat(broken.path("kind").asString()).isEqualTo("event-unhashed");
    assertThat(broken.path("eventId").asLong()).isEqualTo(h.emptyUnpack);
  }

  @Test
  void chainRecomputedConsistentlyWithItsCheckpointsFailsTheSignature() {
    History h = history(Clerk.forNewClient(admin, port));
    ok(h.clerk.api.post("/api/v1/ledger/checkpoints", null));
    long unitId = unitId(h, "SN-1");

    long lastMove =
        db.sql("SELECT event_id FROM ledger_entry WHERE unit_id = ? AND seq = 3")
            .param(unitId)
            .query(Long.class)
            .single();

    // Say someone else moved SN-1 last, and recompute that event's hash, every unit chain and row
    // as the code would, then every checkpoint's digest: only the signatures are left as they were.
    db.sql("UPDATE ledger_event SET actor = ? WHERE id = ?")
        .params("user:someone-else", lastMove)
        .update();
    rehashEvent(lastMove);
    rechain(tenantId(h));
    JsonNode before = firstBreak(h.clerk);
    assertThat(before.path("kind").asString())
        .as("the recomputed chain alone is caught by the checkpoint's digest")
        .isEqualTo("checkpoint-mismatch");
    long forged = redigest(tenantId(h), Checkpoints.Book.UNITS);
    redigest(tenantId(h), Checkpoints.Book.EVENTS);

    JsonNode broken = firstBreak(h.clerk);
    assertThat(broken.path("kind").asString()).isEqualTo("checkpoint-signature-invalid");
    assertThat(broken.path("checkpointId").asLong()).isEqualTo(forged);
    assertThat(broken.path("message").asString()).contains("UNITS checkpoint " + forged);
  }

  @Test
  void forgedCheckpointIsCaughtByItsSignature() {
    History h = history(Clerk.forNewClient(admin, port));
    JsonNode first = ok(h.clerk.api.post("/api/v1/ledger/checkpoints", null)).json();
    ok(h.clerk.api.post(h.clerk.unitPath("SN-1") + "/move", map("location", h.clerk.bin1)));
    long tenant = tenantId(h);
    long last =
        db.sql("SELECT max(id) FROM ledger_entry WHERE tenant_id = ?")
            .param(tenant)
            .query(Long.class)
            .single();
    Checkpoints.Digest d =
        Checkpoints.digest(
            jdbc(),
            Checkpoints.Book.UNITS,
            tenant,
            first.path("lastEntryId").asLong() + 1,
            last,
            first.path("digest").asString());
    // Correct in every field but signed with a key of the forger's own.
    LedgerSigner own = LedgerSigner.fromBase64(LedgerSigner.newPrivateKey());
    Checkpoints.Checkpoint fake =
        new Checkpoints.Checkpoint(
            Checkpoints.Book.UNITS,
            0,
            first.path("lastEntryId").asLong() + 1,
            last,
            d.count(),
            first.path("digest").asString(),
            d.hex(),
            System.currentTimeMillis(),
            null);
    db.sql(
            """
            INSERT INTO ledger_checkpoint (tenant_id, first_entry_id, last_entry_id, entry_count, prev_digest, digest,
                                           created_at, signature)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(
            tenant,
            fake.firstEntryId(),
            fake.lastEntryId(),
            fake.entryCount(),
            fake.prevDigest(),
            fake.digest(),
            fake.createdAt(),
            own.sign(fake.signedText(tenant)))
        .update();
    long forged =
        db.sql("SELECT max(id) FROM ledger_checkpoint WHERE tenant_id = ?")
            .param(tenant)
            .query(Long.class)
            .single();

    JsonNode broken = firstBreak(h.clerk);
    assertThat(broken.path("kind").asString()).isEqualTo("checkpoint-signature-invalid");
    assertThat(broken.path("checkpointId").asLong()).isEqualTo(forged);

    db.sql("UPDATE ledger_checkpoint SET signature = NULL WHERE id = ?").param(forged).update();

    JsonNode unsigned = firstBreak(h.clerk);
    assertThat(unsigned.path("kind").asString()).isEqualTo("checkpoint-unsigned");
    assertThat(unsigned.path("checkpointId").asLong()).isEqualTo(forged);
  }

  @Test
  void exportedCheckpointsCheckOutWithThePublishedKeyAlone() throws Exception {
    History h = history(Clerk.forNewClient(admin, port));
    ok(h.clerk.api.post("/api/v1/ledger/checkpoints", null));
    ok(h.clerk.api.post(h.clerk.unitPath("SN-1") + "/move", map("location", h.clerk.bin1)));
    ok(h.clerk.api.post("/api/v1/ledger/checkpoints", null));

    JsonNode key = ok(h.clerk.api.get("/api/v1/ledger/public-key")).json();
    // Read as plain text: JSON lines are not one JSON document.
    HttpResponse<String> export =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/v1/ledger/checkpoints.jsonl"))
                    .header("Authorization", "Basic " + basic("admin", ADMIN_PASSWORD))
                    .header("X-Tenant", h.clerk.tenant)
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(export.statusCode()).isEqualTo(200);
    assertThat(key.path("algorithm").asString()).isEqualTo("Ed25519");
    assertThat(export.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/jsonl");
    PublicKey publicKey =
        KeyFactory.getInstance("Ed25519")
            .generatePublic(
                new X509EncodedKeySpec(
                    Base64.getDecoder().decode(key.path("publicKey").asString())));
    String[] lines = export.body().strip().split("\n");
    assertThat(lines).as("two closes of the unit book and of the event book").hasSize(4);
    String previousUnits = HashChain.GENESIS;
    for (String line : lines) {
      JsonNode c = Api.JSON.readTree(line);
      assertThat(c.path("tenant").asString()).isEqualTo(h.clerk.tenant);
      assertThat(c.path("keyRef").asString()).isEqualTo(key.path("keyRef").asString());
      Signature s = Signature.getInstance("Ed25519");
      s.initVerify(publicKey);
      s.update(c.path("signedText").asString().getBytes(StandardCharsets.UTF_8));
      assertThat(s.verify(Base64.getDecoder().decode(c.path("signature").asString())))
          .as(line)
          .isTrue();
      assertThat(c.path("signedText").asString())
          .contains(c.path("digest").asString())
          .contains(c.path("prevDigest").asString());
      if (c.path("book").asString().equals("UNITS")) {
        assertThat(c.path("prevDigest").asString()).isEqualTo(previousUnits);
        previousUnits = c.path("digest").asString();
      }
    }
  }

  @Test
  void legacyLedgerIsReanchoredFromAVerifiedStateAndItsLotsAreCoveredFromThen() {
    History h = history(Clerk.forNewClient(admin, port));
    long tenant = tenantId(h);
    toLegacyForm(tenant);
    JsonNode legacy = verify(h.clerk);
    assertThat(legacy.path("intact").asBoolean()).as(legacy.toString()).isTrue();
    assertThat(legacy.path("legacyEvents").asLong()).isEqualTo(h.events);
    // The hole of form v1: a lot rewritten is not in any hash.
    long lot = lotOf(h, "V1");
    db.sql("UPDATE unit SET lot_id = ? WHERE id = ?")
        .params(lotOf(h, "V2"), unitId(h, "V1"))
        .update();
    assertThat(verify(h.clerk).path("intact").asBoolean()).isTrue();
    db.sql("UPDATE unit SET lot_id = ? WHERE id = ?").params(lot, unitId(h, "V1")).update();

    Api.Response anchored = ok(h.clerk.api.post("/api/v1/ledger/reanchor", null, "anchor-1"));

    assertThat(anchored.status()).isEqualTo(201);
    assertThat(anchored.at("/type").asString()).isEqualTo("LEDGER_REANCHORED");
    assertThat(anchored.at("/unitCount").asInt()).isZero();
    JsonNode after = verify(h.clerk);
    assertThat(after.path("intact").asBoolean()).as(after.toString()).isTrue();
    assertThat(after.path("signedCheckpoints").asLong())
        .as("the unit book and the event book")
        .isEqualTo(2);
    String details =
        db.sql("SELECT details FROM ledger_event WHERE id = ?")
            .param(anchored.at("/eventId").asLong())
            .query(String.class)
            .single();
    assertThat(Api.JSON.readTree(details).at("/identities/units").asLong())
        .as("V1, V2, SN-1")
        .isEqualTo(3);
    assertThat(h.clerk.api.post("/api/v1/ledger/reanchor", null).status())
        .as("once is enough")
        .isEqualTo(409);
    Api.Response repeated = ok(h.clerk.api.post("/api/v1/ledger/reanchor", null, "anchor-1"));
    assertThat(repeated.at("/eventId").asLong())
        .as("a repeat under the same key answers the first")
        .isEqualTo(anchored.at("/eventId").asLong());
    assertThat(repeated.at("/repeated").asBoolean()).isTrue();
    // New events are of form v2 and verified alongside the legacy ones.
    ok(h.clerk.api.post(h.clerk.unitPath("SN-1") + "/move", map("location", h.clerk.bin1)));
    assertThat(verify(h.clerk).path("intact").asBoolean()).isTrue();

    db.sql("UPDATE unit SET lot_id = ? WHERE id = ?")
        .params(lotOf(h, "V2"), unitId(h, "V1"))
        .update();

    JsonNode broken = firstBreak(h.clerk);
    assertThat(broken.path("kind").asString()).isEqualTo("identities-altered");
    assertThat(broken.path("eventId").asLong()).isEqualTo(anchored.at("/eventId").asLong());
  }

  @Test
  void aBrokenLegacyLedgerIsNotReanchoredAndNothingIsWritten() {
    History h = history(Clerk.forNewClient(admin, port));
    long tenant = tenantId(h);
    toLegacyForm(tenant);
    db.sql("UPDATE unit SET state = 'SHIPPED' WHERE id = ?").param(unitId(h, "V2")).update();
    long events = Footprint.events(db, h.clerk.tenant);

    Api.Response refused = h.clerk.api.post("/api/v1/ledger/reanchor", null);

    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.at("/type").asString()).endsWith("ledger-broken");
    assertThat(refused.at("/firstBreak/kind").asString()).isEqualTo("projection-differs");
    assertThat(Footprint.events(db, h.clerk.tenant)).isEqualTo(events);
    assertThat(checkpointCount(tenant)).isZero();
  }

  @Test
  void aLedgerRecordedUnderTheCurrentRulesHasNothingToReanchor() {
    History h = history(Clerk.forNewClient(admin, port));

    Api.Response refused = h.clerk.api.post("/api/v1/ledger/reanchor", null);

    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.at("/type").asString()).endsWith("nothing-to-reanchor");
    assertThat(Footprint.events(db, h.clerk.tenant)).isEqualTo(h.events);
    assertThat(checkpointCount(tenantId(h))).isZero();
  }

  /** A client's history, and the event that took an empty case off a pallet. */
  record History(Clerk clerk, String vaccine, long emptyUnpack, long events) {}

  /**
   * V1 (lot L-A) and V2 (lot L-B) of a vaccine registered in bin 1, V1 moved to bin 2; SN-1 with an
   * IMEI registered on the dock, stored, moved; an empty case packed onto a pallet and taken off
   * again (two events touching no unit).
   */
  private History history(Clerk clerk) {
    String vaccine = clerk.medicine();
    ok(
        clerk.api.post(
            "/api/v1/units",
            map(
                "location",
                clerk.bin1,
                "units",
                list(
                    map("gtin", vaccine, "serial", "V1", "lot", "L-A", "expiry", "2027-01-31"),
                    map("gtin", vaccine, "serial", "V2", "lot", "L-B", "expiry", "2027-06-30")))));
    ok(clerk.api.post(Floor.path(vaccine, "V1") + "/move", map("location", clerk.bin2)));
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
    ok(clerk.api.post(clerk.unitPath("SN-1") + "/move", map("location", clerk.bin1)));
    ok(clerk.api.post(clerk.unitPath("SN-1") + "/move", map("location", clerk.bin2)));
    String pallet = clerk.container("PALLET", clerk.bin1);
    String kase = clerk.container("CASE", clerk.bin1);
    ok(clerk.api.post("/api/v1/containers/" + kase + "/pack", map("into", pallet)));
    Api.Response off = ok(clerk.api.post("/api/v1/containers/" + kase + "/unpack", null));
    assertThat(off.at("/unitCount").asInt()).as("the case is empty").isZero();
    JsonNode report = verify(clerk);
    assertThat(report.path("intact").asBoolean()).as("intact before anyone tampers").isTrue();
    return new History(
        clerk, vaccine, off.at("/eventId").asLong(), Footprint.events(db, clerk.tenant));
  }

  private static String basic(String user, String password) {
    return Base64.getEncoder()
        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private JsonNode verify(Clerk clerk) {
    return ok(clerk.api.post("/api/v1/ledger/verify", null)).json();
  }

  private JsonNode firstBreak(Clerk clerk) {
    JsonNode report = verify(clerk);
    assertThat(report.path("intact").asBoolean()).as(report.toString()).isFalse();
    return report.path("firstBreak");
  }

  private JdbcTemplate jdbc() {
    return new JdbcTemplate(dataSource);
  }

  private long tenantId(History h) {
    return Footprint.tenantId(db, h.clerk.tenant);
  }

  private long unitId(History h, String serial) {
    return db.sql("SELECT id FROM unit WHERE tenant_id = ? AND serial = ?")
        .params(tenantId(h), serial)
        .query(Long.class)
        .single();
  }

  private long lotOf(History h, String serial) {
    return db.sql("SELECT lot_id FROM unit WHERE id = ?")
        .param(unitId(h, serial))
        .query(Long.class)
        .single();
  }

  private long eventCheckpoint(History h) {
    return db.sql("SELECT max(id) FROM event_checkpoint WHERE tenant_id = ?")
        .param(tenantId(h))
        .query(Long.class)
        .single();
  }

  private long checkpointCount(long tenant) {
    long n = 0;
    for (Checkpoints.Book book : Checkpoints.Book.values()) {
      n +=
          db.sql("SELECT count(*) FROM " + book.checkpoints + " WHERE tenant_id = ?")
              .param(tenant)
              .query(Long.class)
              .single();
    }
    return n;
  }

  /** Sets the event's stored hash to the hash of what it now says, as a forger would. */
  private void rehashEvent(long eventId) {
    String hash =
        jdbc()
            .query(
                "SELECT " + Forms.EVENT_COLUMNS + " FROM ledger_event ev WHERE ev.id = ?",
                rs -> {
                  rs.next();
                  return Forms.eventHash(Forms.event(rs));
                },
                eventId);
    db.sql("UPDATE ledger_event SET hash = ? WHERE id = ?").params(hash, eventId).update();
  }

  /**
   * Recomputes every unit chain of the tenant from what the rows now say, each entry in its event's
   * form, and each unit's last hash: what an insider who read the code would do.
   */
  private void rechain(long tenant) {
    record Link(long entryId, long unitId, String prev, String hash) {}
    List<Link> links = new ArrayList<>();
    String[] prev = {HashChain.GENESIS};
    long[] unit = {-1};
    jdbc()
        .query(
            """
            SELECT e.id AS entry_id, e.unit_id, e.seq, e.state, e.location_id, e.container_id, e.holds, e.data,
                   u.product_id, u.lot_id, u.gtin, u.serial,
            """
                + Forms.EVENT_COLUMNS
                + """

            FROM ledger_entry e JOIN ledger_event ev ON ev.id = e.event_id JOIN unit u ON u.id = e.unit_id
            WHERE e.tenant_id = ? ORDER BY e.unit_id, e.seq""",
            rs -> {
              long uid = rs.getLong("unit_id");
              if (uid != unit[0]) {
                unit[0] = uid;
                prev[0] = HashChain.GENESIS;
              }
              UnitStatus after =
                  new UnitStatus(
                      UnitState.valueOf(rs.getString("state")),
                      Rows.longOrNull(rs, "location_id"),
                      Rows.longOrNull(rs, "container_id"),
                      rs.getInt("holds"),
                      null);
              io.unitrace.gs1.Gtin gtin = new io.unitrace.gs1.Gtin(rs.getString("gtin"));
              String entry =
                  rs.getString("ev_hash") == null
                      ? Forms.entryV1(
                          gtin,
                          rs.getString("serial"),
                          rs.getInt("seq"),
                          after,
                          rs.getString("data"))
                      : Forms.entryV2(
                          rs.getLong("product_id"),
                          Rows.longOrNull(rs, "lot_id"),
                          gtin,
                          rs.getString("serial"),
                          rs.getInt("seq"),
                          after,
                          rs.getString("data"));
              String hash = HashChain.link(prev[0], Forms.event(rs), entry);
              links.add(new Link(rs.getLong("entry_id"), uid, prev[0], hash));
              prev[0] = hash;
            },
            tenant);
    for (Link l : links) {
      db.sql("UPDATE ledger_entry SET prev_hash = ?, hash = ? WHERE id = ?")
          .params(l.prev(), l.hash(), l.entryId())
          .update();
      db.sql("UPDATE unit SET last_hash = ? WHERE id = ?").params(l.hash(), l.unitId()).update();
    }
  }

  /**
   * Recomputes the digests of every checkpoint of the book along its chain, leaving the signatures;
   * returns the first checkpoint whose digest changed.
   */
  private long redigest(long tenant, Checkpoints.Book book) {
    Long firstChanged = null;
    String prev = HashChain.GENESIS;
    for (Checkpoints.Checkpoint c :
        db.sql(
                "SELECT id, first_entry_id, last_entry_id, digest FROM "
                    + book.checkpoints
                    + " WHERE tenant_id = ? ORDER BY first_entry_id")
            .param(tenant)
            .query(
                (rs, n) ->
                    new Checkpoints.Checkpoint(
                        book,
                        rs.getLong(1),
                        rs.getLong(2),
                        rs.getLong(3),
                        0,
                        null,
                        rs.getString(4),
                        0,
                        null))
            .list()) {
      Checkpoints.Digest d =
          Checkpoints.digest(jdbc(), book, tenant, c.firstEntryId(), c.lastEntryId(), prev);
      db.sql(
              "UPDATE "
                  + book.checkpoints
                  + " SET prev_digest = ?, digest = ?, entry_count = ? WHERE id = ?")
          .params(prev, d.hex(), d.count(), c.id())
          .update();
      if (firstChanged == null && !d.hex().equals(c.digest())) {
        firstChanged = c.id();
      }
      prev = d.hex();
    }
    assertThat(firstChanged).as("a digest changed").isNotNull();
    return firstChanged;
  }

  /**
   * Turns the tenant's ledger into one recorded before ADR 0018: events without hashes, entries
   * hashed in form v1, no checkpoints.
   */
  private void toLegacyForm(long tenant) {
    db.sql("UPDATE ledger_event SET hash = NULL WHERE tenant_id = ?").param(tenant).update();
    for (Checkpoints.Book book : Checkpoints.Book.values()) {
      db.sql("DELETE FROM " + book.checkpoints + " WHERE tenant_id = ?").param(tenant).update();
    }
    rechain(tenant);
  }
}
