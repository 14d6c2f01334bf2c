package io.unitrace.returns;

import static io.unitrace.support.Api.list;
import static io.unitrace.support.Api.map;
import static io.unitrace.support.Site.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.unitrace.catalog.Serial;
import io.unitrace.gs1.Gtin;
import io.unitrace.ledger.Inventory;
import io.unitrace.ledger.UnitRef;
import io.unitrace.support.Api;
import io.unitrace.support.IntegrationTest;
import io.unitrace.support.Site;
import io.unitrace.support.StartGate;
import io.unitrace.tenancy.Tenants;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Licence keys over HTTP on the real server: imported into a SKU's pool, issued to units shipped
 * through the real outbound flow (or owed while the pool is empty), shown masked and in the units'
 * histories by reference only, revealed with a record of every view, kept from other clients,
 * revoked on a refund and moved to the replacement on a warranty swap. The returns and warranty
 * events are published here the way their producers do: inside a transaction.
 */
class LicencesIT extends IntegrationTest {

  @Autowired JdbcClient db;
  @Autowired TransactionTemplate tx;
  @Autowired ApplicationEventPublisher events;
  @Autowired Inventory inventory;
  @Autowired Tenants tenants;
  @Autowired Licences licences;

  // Import

  @Test
  void anImportReportsDuplicatesAndBlankLinesAndAMalformedKeyRefusesIt() {
    Site site = Site.create(admin);
    String pool = "/api/v1/licence-pools/" + site.sku;
    var first =
        ok(
            site.api.postCsv(
                pool + "/keys", "key\nAAAA-1111-BBBB\n\nCCCC-2222-DDDD\nAAAA-1111-BBBB\n"));
    assertThat(first.at("/imported").asInt()).isEqualTo(2);
    assertThat(first.at("/received").asInt()).isEqualTo(3);
    assertThat(first.at("/blank/0").asString()).isEqualTo("line 3");
    assertThat(first.at("/duplicates").size()).isEqualTo(1);
    assertThat(first.at("/duplicates/0/at").asString()).isEqualTo("line 5");
    assertThat(first.at("/duplicates/0/reason").asString()).contains("line 2");
    assertThat(first.at("/pool/available").asLong()).isEqualTo(2);
    assertThat(first.body()).doesNotContain("AAAA-1111-BBBB").doesNotContain("CCCC-2222");

    // the same key again, as JSON: skipped, so importing a file twice adds nothing
    var again =
        ok(site.api.post(pool + "/keys", map("keys", list("CCCC-2222-DDDD", "EEEE-3333-FFFF"))));
    assertThat(again.at("/imported").asInt()).isEqualTo(1);
    assertThat(again.at("/duplicates/0/at").asString()).isEqualTo("keys[0]");
    assertThat(again.at("/duplicates/0/reason").asString()).isEqualTo("already in the pool");

    // a malformed line: nothing of the import is written, every bad line is named, no key echoed
    var bad = site.api.postCsv(pool + "/keys", "GGGG-4444-HHHH\nshort\nIIII-5555-JJJJ\n");
    assertThat(bad.status()).as(bad.toString()).isEqualTo(422);
    assertThat(bad.problemCode()).isEqualTo("invalid-licence-keys");
    assertThat(bad.at("/field").asString()).isEqualTo("line 2");
    assertThat(bad.body()).doesNotContain("GGGG-4444").doesNotContain("short\"");
    var counts = ok(site.api.get(pool));
    assertThat(counts.at("/available").asLong()).isEqualTo(3);
    assertThat(counts.at("/total").asLong()).isEqualTo(3);
    assertThat(counts.at("/owed").asLong()).isZero();

    // stored sealed: neither the key nor a plain hash of it is in the table
    long tenant = tenantId(site);
    List<Map<String, Object>> stored =
        db.sql("SELECT ciphertext, fingerprint, last4 FROM licence_key WHERE tenant_id = ?")
            .param(tenant)
            .query()
            .listOfRows();
    assertThat(stored).hasSize(3);
    for (Map<String, Object> row : stored) {
      assertThat(row.toString())
          .doesNotContain("AAAA-1111")
          .doesNotContain("CCCC-2222")
          .doesNotContain("EEEE-3333");
    }
    assertThat(stored)
        .extracting(r -> r.get("last4"))
        .containsExactlyInAnyOrder("BBBB", "DDDD", "FFFF");
  }

  @Test
  void onlyASupervisorImportsKeysAndOnlyForSerializedProducts() {
    Site site = Site.create(admin);
    for (Api who :
        List.of(site.personApi(admin, port, "CLIENT"), site.personApi(admin, port, "OPERATOR"))) {
      var r =
          who.post(
              "/api/v1/licence-pools/" + site.sku + "/keys", map("keys", list("KKKK-0000-LLLL")));
      assertThat(r.status()).as(r.toString()).isEqualTo(403);
    }
    assertThat(site.api.get("/api/v1/licence-pools/" + site.sku).status()).isEqualTo(404);
    String cable = unique("CABLE");
    ok(
        site.api.post(
            "/api/v1/products",
            map(
                "sku",
                cable,
                "name",
                "Cable",
                "gtins",
                list(Site.randomGtin()),
                "tracking",
                "NONE")));
    var untracked =
        site.api.post(
            "/api/v1/licence-pools/" + cable + "/keys", map("keys", list("KKKK-0000-LLLL")));
    assertThat(untracked.status()).isEqualTo(422);
    assertThat(untracked.problemCode()).isEqualTo("not-serialized");
    var unknown =
        site.api.post(
            "/api/v1/licence-pools/NOPE" + cable + "/keys", map("keys", list("KKKK-0000-LLLL")));
    assertThat(unknown.status()).isEqualTo(404);
  }

  // Issue on shipping

  @Test
  void aShippedUnitIsIssuedAKeyShownMaskedAndNotedInItsHistoryByReferenceOnly() {
    Site site = Site.create(admin);
    String pack = outbound(site);
    String key = "SHIP-" + unique("K") + "-9QZ7";
    importKeys(site, key);
    String sold = unique("SN");
    String kept = unique("SN");
    site.register(site.bin1, sold, kept);

    var shipped = ship(site, pack, sold);
    assertThat(shipped.at("/units").asInt()).isEqualTo(1);
    assertThat(shipped.body()).doesNotContain(key);

    var licence = ok(site.api.get(site.unitPath(sold) + "/licence"));
    assertThat(licence.at("/status").asString()).isEqualTo("ISSUED");
    assertThat(licence.at("/last4").asString()).isEqualTo("9QZ7");
    assertThat(licence.at("/sku").asString()).isEqualTo(site.sku);
    assertThat(licence.at("/issuedAt").isMissingNode()).isFalse();
    assertThat(licence.body()).doesNotContain(key);
    long licenceId = licence.at("/licence").asLong();

    var history = ok(site.api.get(site.unitPath(sold) + "/history"));
    JsonNode issued = entry(history, "LICENCE_ISSUED");
    assertThat(issued).as(history.toString()).isNotNull();
    assertThat(issued.at("/state").asString()).as("a note changes no state").isEqualTo("SHIPPED");
    JsonNode ref = issued.at("/details/licences").properties().iterator().next().getValue();
    assertThat(ref.path("licence").asString()).isEqualTo(Long.toString(licenceId));
    assertThat(ref.path("last4").asString()).isEqualTo("9QZ7");
    assertThat(issued.at("/details/cause").asString()).isEqualTo("shipment");
    assertThat(history.body()).doesNotContain(key).doesNotContain(key.substring(0, 10));
    assertThat(entry(history, "SHIPPED").at("/seq").asInt()).isLessThan(issued.at("/seq").asInt());

    // the unit left in stock has none; the pool counts the issue
    var none = site.api.get(site.unitPath(kept) + "/licence");
    assertThat(none.status()).isEqualTo(404);
    assertThat(none.problemCode()).isEqualTo("no-licence");
    var pool = ok(site.api.get("/api/v1/licence-pools/" + site.sku));
    assertThat(pool.at("/issued").asLong()).isEqualTo(1);
    assertThat(pool.at("/available").asLong()).isZero();
    var verified = ok(site.api.post("/api/v1/ledger/verify", null));
    assertThat(verified.at("/intact").asBoolean()).as(verified.toString()).isTrue();
  }

  @Test
  void unitsShippedWhileThePoolIsEmptyAreOwedAKeyAndGetOneWhenKeysArrive() {
    Site site = Site.create(admin);
    String pack = outbound(site);
    importKeys(site, "ONLY-" + unique("K"));
    String a = unique("SN");
    String b = unique("SN");
    site.register(site.bin1, a, b);

    ok(ship(site, pack, a, b));
    var pool = ok(site.api.get("/api/v1/licence-pools/" + site.sku));
    assertThat(pool.at("/issued").asLong()).isEqualTo(1);
    assertThat(pool.at("/owed").asLong()).isEqualTo(1);
    String owedSerial = null;
    for (String serial : List.of(a, b)) {
      var l = ok(site.api.get(site.unitPath(serial) + "/licence"));
      if (l.at("/status").asString().equals("OWED")) {
        owedSerial = serial;
        assertThat(l.at("/owedSince").isMissingNode()).isFalse();
        assertThat(l.at("/last4").isMissingNode()).isTrue();
      } else {
        assertThat(l.at("/status").asString()).isEqualTo("ISSUED");
      }
    }
    assertThat(owedSerial).as("one of the two is owed a key").isNotNull();
    var cannot = site.api.post(site.unitPath(owedSerial) + "/licence/reveal", null);
    assertThat(cannot.status()).isEqualTo(404);

    String late = "LATE-" + unique("K") + "-R2D2";
    var imported = importKeys(site, late, "SPARE-" + unique("K"));
    assertThat(imported.at("/issuedToOwed").asInt()).isEqualTo(1);
    assertThat(imported.at("/pool/owed").asLong()).isZero();
    assertThat(imported.at("/pool/available").asLong()).isEqualTo(1);
    var now = ok(site.api.get(site.unitPath(owedSerial) + "/licence"));
    assertThat(now.at("/status").asString()).isEqualTo("ISSUED");
    assertThat(now.at("/last4").asString()).isEqualTo("R2D2");
    var history = ok(site.api.get(site.unitPath(owedSerial) + "/history"));
    assertThat(entry(history, "LICENCE_ISSUED")).as(history.toString()).isNotNull();
    assertThat(history.body()).doesNotContain(late);
    assertThat(
            ok(site.api.post(site.unitPath(owedSerial) + "/licence/reveal", null))
                .at("/key")
                .asString())
        .isEqualTo(late);
  }

  @Test
  void twoShipmentsAtOnceNeverGetTheSameKey() throws Exception {
    Site site = Site.create(admin);
    String pack = outbound(site);
    importKeys(site, "RACE-" + unique("K"), "RACE-" + unique("K"), "RACE-" + unique("K"));
    List<String> serials = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      serials.add(unique("SN"));
    }
    site.register(site.bin1, serials.toArray(String[]::new));
    List<Long> orders = new ArrayList<>();
    for (String serial : serials) {
      orders.add(packed(site, pack, serial));
    }
    List<Callable<Api.Response>> shipments = new ArrayList<>();
    for (long order : orders) {
      shipments.add(
          () -> site.api.post("/api/v1/orders/" + order + "/shipments", map("carrier", "DHL")));
    }
    for (Api.Response r : StartGate.together(shipments)) {
      assertThat(r.status()).as(r.toString()).isEqualTo(201);
    }
    Set<Long> issued = new HashSet<>();
    int owed = 0;
    for (String serial : serials) {
      var l = ok(site.api.get(site.unitPath(serial) + "/licence"));
      if (l.at("/status").asString().equals("OWED")) {
        owed++;
      } else {
        assertThat(issued.add(l.at("/licence").asLong()))
            .as("licence " + l.at("/licence") + " issued twice")
            .isTrue();
      }
    }
    assertThat(issued).hasSize(3);
    assertThat(owed).isEqualTo(1);
    var pool = ok(site.api.get("/api/v1/licence-pools/" + site.sku));
    assertThat(pool.at("/available").asLong()).isZero();
    assertThat(pool.at("/issued").asLong()).isEqualTo(3);
    assertThat(pool.at("/owed").asLong()).isEqualTo(1);
    long holders =
        db.sql(
                "SELECT count(DISTINCT unit_id) FROM licence_key WHERE tenant_id = ? AND status = 'ISSUED'")
            .param(tenantId(site))
            .query(Long.class)
            .single();
    assertThat(holders).isEqualTo(3);
  }

  // Reveal and its record

  @Test
  void everyRevealShowsTheKeyAndIsRecordedForASupervisor() {
    Site site = Site.create(admin);
    String pack = outbound(site);
    String key = "SEEN-" + unique("K");
    importKeys(site, key);
    String sold = unique("SN");
    site.register(site.bin1, sold);
    ok(ship(site, pack, sold));

    var revealed =
        site.api.send(
            "POST",
            site.unitPath(sold) + "/licence/reveal",
            map("reason", "customer lost the card"),
            Map.of("User-Agent", "licence-test/1"));
    assertThat(revealed.status()).as(revealed.toString()).isEqualTo(200);
    assertThat(revealed.at("/key").asString()).isEqualTo(key);
    Api client = site.personApi(admin, port, "CLIENT");
    var byClient = ok(client.post(site.unitPath(sold) + "/licence/reveal", null));
    assertThat(byClient.at("/key").asString()).as("a client sees its own keys").isEqualTo(key);

    var views = ok(site.api.get("/api/v1/licence-views"));
    assertThat(views.at("/items").size()).isEqualTo(2);
    JsonNode first = views.at("/items/0");
    assertThat(first.path("who").asString()).isEqualTo("user:admin");
    assertThat(first.path("role").asString()).isEqualTo("ADMIN");
    assertThat(first.path("serial").asString()).isEqualTo(sold);
    assertThat(first.path("sku").asString()).isEqualTo(site.sku);
    assertThat(first.path("reason").asString()).isEqualTo("customer lost the card");
    assertThat(first.path("userAgent").asString()).isEqualTo("licence-test/1");
    assertThat(first.path("remoteAddr").asString()).isNotBlank();
    assertThat(first.path("at").isMissingNode()).isFalse();
    assertThat(views.at("/items/1/role").asString()).isEqualTo("CLIENT");
    assertThat(views.body()).doesNotContain(key);
    assertThat(ok(site.api.get("/api/v1/licence-views?sku=" + site.sku)).at("/items").size())
        .isEqualTo(2);

    // reading the masked licence records nothing; the record is a supervisor's to read
    ok(site.api.get(site.unitPath(sold) + "/licence"));
    assertThat(ok(site.api.get("/api/v1/licence-views")).at("/items").size()).isEqualTo(2);
    assertThat(client.get("/api/v1/licence-views").status()).isEqualTo(403);
    assertThat(site.personApi(admin, port, "OPERATOR").get("/api/v1/licence-views").status())
        .isEqualTo(403);
  }

  @Test
  void anotherClientNeitherSeesNorRevealsAKey() {
    Site mine = Site.create(admin);
    Site theirs = Site.create(admin);
    String pack = outbound(theirs);
    String key = "THEIRS-" + unique("K");
    importKeys(theirs, key);
    String sold = unique("SN");
    theirs.register(theirs.bin1, sold);
    ok(ship(theirs, pack, sold));

    Api client = mine.personApi(admin, port, "CLIENT");
    for (Api.Response r :
        List.of(
            client.get(theirs.unitPath(sold) + "/licence"),
            client.post(theirs.unitPath(sold) + "/licence/reveal", null),
            client.get("/api/v1/licence-pools/" + theirs.sku),
            mine.api.post(theirs.unitPath(sold) + "/licence/reveal", null))) {
      assertThat(r.status()).as(r.toString()).isEqualTo(404);
      assertThat(r.body()).doesNotContain(key);
    }
    var askingForThem =
        client.in(theirs.tenant).post(theirs.unitPath(sold) + "/licence/reveal", null);
    assertThat(askingForThem.status()).isEqualTo(403);
    assertThat(ok(theirs.api.get("/api/v1/licence-views")).at("/items").size())
        .as("no view of their key was recorded, because none happened")
        .isZero();
  }

  @Test
  void aSealedKeyCopiedOntoAnotherRowIsRefusedAndNothingIsShown() {
    Site site = Site.create(admin);
    String pack = outbound(site);
    String first = "COPY-" + unique("K");
    importKeys(site, first, "OTHER-" + unique("K"));
    String a = unique("SN");
    String b = unique("SN");
    site.register(site.bin1, a, b);
    ok(ship(site, pack, a, b));
    long la = ok(site.api.get(site.unitPath(a) + "/licence")).at("/licence").asLong();
    long lb = ok(site.api.get(site.unitPath(b) + "/licence")).at("/licence").asLong();
    String sealed =
        db.sql("SELECT ciphertext FROM licence_key WHERE id = ?")
            .param(la)
            .query(String.class)
            .single();
    db.sql("UPDATE licence_key SET ciphertext = ? WHERE id = ?").params(sealed, lb).update();
    var refused = site.api.post(site.unitPath(b) + "/licence/reveal", null);
    assertThat(refused.status()).isEqualTo(500);
    assertThat(refused.problemCode()).isEqualTo("licence-key-tampered");
    assertThat(refused.body()).doesNotContain(first);
    assertThat(ok(site.api.get("/api/v1/licence-views")).at("/items").size()).isZero();
  }

  // Returns and warranty

  @Test
  void aRefundRevokesTheKeyAndAReturnWithoutRefundKeepsIt() {
    Site site = Site.create(admin);
    String pack = outbound(site);
    String refundedKey = "REFUND-" + unique("K");
    importKeys(site, "KEEP-" + unique("K"), refundedKey);
    String kept = unique("SN");
    String refunded = unique("SN");
    site.register(site.bin1, kept);
    ok(ship(site, pack, kept));
    site.register(site.bin1, refunded);
    ok(ship(site, pack, refunded));
    long tenant = tenantId(site);

    publish(new UnitReturned(tenant, unitId(site, kept), 501, false));
    assertThat(ok(site.api.get(site.unitPath(kept) + "/licence")).at("/status").asString())
        .isEqualTo("ISSUED");
    assertThat(entry(ok(site.api.get(site.unitPath(kept) + "/history")), "LICENCE_REVOKED"))
        .isNull();

    publish(new UnitReturned(tenant, unitId(site, refunded), 502, true));
    var licence = ok(site.api.get(site.unitPath(refunded) + "/licence"));
    assertThat(licence.at("/status").asString()).isEqualTo("REVOKED");
    assertThat(licence.at("/revokedReason").asString()).isEqualTo("REFUND");
    var history = ok(site.api.get(site.unitPath(refunded) + "/history"));
    JsonNode revoked = entry(history, "LICENCE_REVOKED");
    assertThat(revoked).as(history.toString()).isNotNull();
    assertThat(revoked.at("/details/return").asLong()).isEqualTo(502);
    assertThat(history.body()).doesNotContain(refundedKey);
    var pool = ok(site.api.get("/api/v1/licence-pools/" + site.sku));
    assertThat(pool.at("/revoked").asLong()).isEqualTo(1);
    assertThat(pool.at("/issued").asLong()).isEqualTo(1);
    assertThat(pool.at("/available").asLong()).as("a revoked key never goes back").isZero();

    // the same refund heard again changes nothing
    publish(new UnitReturned(tenant, unitId(site, refunded), 502, true));
    assertThat(count(ok(site.api.get(site.unitPath(refunded) + "/history")), "LICENCE_REVOKED"))
        .isEqualTo(1);
    // a revoked key is a supervisor's to look at
    var byClient =
        site.personApi(admin, port, "CLIENT")
            .post(site.unitPath(refunded) + "/licence/reveal", null);
    assertThat(byClient.status()).isEqualTo(409);
    assertThat(byClient.problemCode()).isEqualTo("licence-revoked");
    assertThat(
            ok(site.api.post(site.unitPath(refunded) + "/licence/reveal", null))
                .at("/key")
                .asString())
        .isEqualTo(refundedKey);
    var verified = ok(site.api.post("/api/v1/ledger/verify", null));
    assertThat(verified.at("/intact").asBoolean()).isTrue();
  }

  @Test
  void aWarrantySwapMovesTheSameKeyToTheReplacementAndNotesBothHistories() {
    Site site = Site.create(admin);
    String pack = outbound(site);
    String key = "SWAP-" + unique("K");
    importKeys(site, key);
    String original = unique("SN");
    String replacement = unique("SN");
    site.register(site.bin1, original, replacement);
    ok(ship(site, pack, original));
    long licenceId = ok(site.api.get(site.unitPath(original) + "/licence")).at("/licence").asLong();

    publish(
        new UnitReplaced(tenantId(site), unitId(site, original), unitId(site, replacement), 77));

    var moved = ok(site.api.get(site.unitPath(replacement) + "/licence"));
    assertThat(moved.at("/status").asString()).isEqualTo("ISSUED");
    assertThat(moved.at("/licence").asLong()).isEqualTo(licenceId);
    assertThat(moved.at("/transferredFrom").asString()).contains(original);
    var gone = ok(site.api.get(site.unitPath(original) + "/licence"));
    assertThat(gone.at("/status").asString()).isEqualTo("TRANSFERRED");
    assertThat(gone.at("/transferredTo").asString()).contains(replacement);
    assertThat(
            ok(site.api.post(site.unitPath(replacement) + "/licence/reveal", null))
                .at("/key")
                .asString())
        .isEqualTo(key);
    assertThat(site.api.post(site.unitPath(original) + "/licence/reveal", null).status())
        .isEqualTo(404);

    JsonNode revoked =
        entry(ok(site.api.get(site.unitPath(original) + "/history")), "LICENCE_REVOKED");
    assertThat(revoked).isNotNull();
    assertThat(
            revoked
                .at("/details/licences")
                .properties()
                .iterator()
                .next()
                .getValue()
                .path("transferredTo")
                .asString())
        .contains(replacement);
    var replacementHistory = ok(site.api.get(site.unitPath(replacement) + "/history"));
    JsonNode issued = entry(replacementHistory, "LICENCE_ISSUED");
    assertThat(issued).isNotNull();
    assertThat(
            issued
                .at("/details/licences")
                .properties()
                .iterator()
                .next()
                .getValue()
                .path("transferredFrom")
                .asString())
        .contains(original);
    assertThat(issued.at("/details/claim").asLong()).isEqualTo(77);
    assertThat(replacementHistory.body()).doesNotContain(key);
    var pool = ok(site.api.get("/api/v1/licence-pools/" + site.sku));
    assertThat(pool.at("/issued").asLong()).as("one key, moved").isEqualTo(1);
    assertThat(pool.at("/revoked").asLong()).isZero();
  }

  @Test
  void registeringTheWarrantyActivatesTheKeyOrIssuesOneActive() {
    Site site = Site.create(admin);
    String pack = outbound(site);
    importKeys(site, "ACT-" + unique("K"), "ACT-" + unique("K"));
    String shipped = unique("SN");
    String soldBefore = unique("SN");
    site.register(site.bin1, shipped, soldBefore);
    ok(ship(site, pack, shipped));
    long tenant = tenantId(site);

    assertThat(activate(tenant, unitId(site, shipped))).contains(Licences.Status.ACTIVE);
    var active = ok(site.api.get(site.unitPath(shipped) + "/licence"));
    assertThat(active.at("/status").asString()).isEqualTo("ACTIVE");
    assertThat(active.at("/activatedAt").isMissingNode()).isFalse();
    assertThat(activate(tenant, unitId(site, shipped)))
        .as("activating again")
        .contains(Licences.Status.ACTIVE);

    // a unit with no key yet is issued one, active, and its history says so
    assertThat(activate(tenant, unitId(site, soldBefore))).contains(Licences.Status.ACTIVE);
    assertThat(ok(site.api.get(site.unitPath(soldBefore) + "/licence")).at("/status").asString())
        .isEqualTo("ACTIVE");
    assertThat(entry(ok(site.api.get(site.unitPath(soldBefore) + "/history")), "LICENCE_ISSUED"))
        .isNotNull();
    var pool = ok(site.api.get("/api/v1/licence-pools/" + site.sku));
    assertThat(pool.at("/active").asLong()).isEqualTo(2);
    assertThat(pool.at("/available").asLong()).isZero();

    // a product without licences: nothing to activate
    Site plain = Site.create(admin);
    String unit = unique("SN");
    plain.register(plain.bin1, unit);
    Optional<Licences.Status> none = activate(tenantId(plain), unitId(plain, unit));
    assertThat(none).isEmpty();
  }

  // Fixture

  private Api.Response importKeys(Site site, String... keys) {
    return ok(
        site.api.post("/api/v1/licence-pools/" + site.sku + "/keys", map("keys", List.of(keys))));
  }

  private Optional<Licences.Status> activate(long tenant, long unitId) {
    return tx.execute(s -> licences.activate(tenant, unitId));
  }

  private void publish(Object event) {
    tx.executeWithoutResult(s -> events.publishEvent(event));
  }

  private long tenantId(Site site) {
    return tenants.byCode(site.tenant).orElseThrow().id();
  }

  private long unitId(Site site, String serial) {
    return inventory
        .unit(tenantId(site), new UnitRef(Gtin.parse(site.gtin), new Serial(serial)))
        .orElseThrow()
        .id();
  }

  /** The first history entry of {@code type}, or null. */
  private static JsonNode entry(Api.Response history, String type) {
    for (JsonNode e : history.at("/items")) {
      if (e.path("type").asString().equals(type)) {
        return e;
      }
    }
    return null;
  }

  private static int count(Api.Response history, String type) {
    int n = 0;
    for (JsonNode e : history.at("/items")) {
      if (e.path("type").asString().equals(type)) {
        n++;
      }
    }
    return n;
  }

  /** What a site needs to ship: SSCC numbering for cartons, a packing station, channel WEB. */
  private static String outbound(Site site) {
    ok(
        site.api.put(
            "/api/v1/tenants/" + site.tenant + "/sscc",
            map(
                "companyPrefix",
                "95" + (10000 + (int) (Math.random() * 89999)),
                "extensionDigit",
                1)));
    String pack = site.warehouse + "-PACK";
    ok(
        site.api.post(
            "/api/v1/locations",
            map("warehouse", site.warehouse, "code", pack, "type", "PACKING", "level", "AREA")));
    ok(site.api.put("/api/v1/sales-channels/WEB", map("name", "Web shop")));
    return pack;
  }

  /** Orders the serials (stored in bin 1), picks and packs them: answers the packed order. */
  private static long packed(Site site, String pack, String... serials) {
    List<Object> lines = new ArrayList<>();
    for (String s : serials) {
      lines.add(map("gtin", site.gtin, "serial", s));
    }
    long order =
        ok(site.api.post(
                "/api/v1/orders",
                map(
                    "channel",
                    "WEB",
                    "channelOrderId",
                    unique("WEB-"),
                    "warehouse",
                    site.warehouse,
                    "soldTo",
                    map("name", "Ann Buyer"),
                    "lines",
                    lines)))
            .at("/id")
            .asLong();
    String status = "OPEN";
    for (int i = 0; i < 100 && status.equals("OPEN"); i++) {
      status = ok(site.api.get("/api/v1/orders/" + order)).at("/status").asString();
      if (status.equals("OPEN")) {
        sleep(50);
      }
    }
    if (status.equals("OPEN")) {
      ok(site.api.post("/api/v1/orders/" + order + "/allocate", null));
    }
    long pickList =
        ok(site.api.post(
                "/api/v1/pick-lists",
                map("warehouse", site.warehouse, "orders", list(order), "destination", pack)))
            .at("/id")
            .asLong();
    for (String s : serials) {
      ok(
          site.api.post(
              "/api/v1/pick-lists/" + pickList + "/scans",
              map("location", site.bin1, "scan", "(01)" + site.gtin + "(21)" + s)));
    }
    String carton =
        ok(site.api.post("/api/v1/orders/" + order + "/cartons", map("station", pack)))
            .at("/sscc")
            .asString();
    for (String s : serials) {
      ok(
          site.api.post(
              "/api/v1/cartons/" + carton + "/scans",
              map("scan", "(01)" + site.gtin + "(21)" + s)));
    }
    ok(site.api.post("/api/v1/orders/" + order + "/packing/close", null));
    return order;
  }

  /** The serials through the whole real outbound flow, shipped. */
  private static Api.Response ship(Site site, String pack, String... serials) {
    long order = packed(site, pack, serials);
    return ok(site.api.post("/api/v1/orders/" + order + "/shipments", map("carrier", "DHL")));
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
