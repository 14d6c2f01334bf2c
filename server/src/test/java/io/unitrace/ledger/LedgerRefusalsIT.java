package io.unitrace.ledger;

import static io.unitrace.support.Api.list;
import static io.unitrace.support.Api.map;
import static io.unitrace.support.Site.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.unitrace.support.Api;
import io.unitrace.support.IntegrationTest;
import io.unitrace.support.Site;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every way the ledger says no. A refusal is problem+json naming the failure, the offending field
 * and, for a refused transition, the rule; and it writes nothing at all: the client's events,
 * entries, units, field values, lots and containers are exactly as before.
 */
class LedgerRefusalsIT extends IntegrationTest {

  @Autowired
  JdbcClient db;

  /** Sends a request that must be refused and checks that it wrote nothing, neither in the ledger nor in the unit's history. */
  private Api.Response refused(Site site, String serial, Supplier<Api.Response> request) {
    Footprint before = Footprint.of(db, site.tenant);
    int historyBefore = serial == null ? 0 : ok(site.api.get(site.unitPath(serial) + "/history")).at("/items").size();

    Api.Response r = request.get();

    assertThat(r.status()).as(r.toString()).isBetween(400, 499);
    assertThat(r.contentType()).as(r.toString()).startsWith("application/problem+json");
    assertThat(r.at("/type").asString()).isEqualTo("/problems/" + r.problemCode());
    assertThat(r.at("/detail").asString()).isNotBlank();
    assertThat(Footprint.of(db, site.tenant)).as("nothing was written by " + r).isEqualTo(before);
    if (serial != null) {
      assertThat(ok(site.api.get(site.unitPath(serial) + "/history")).at("/items").size()).isEqualTo(historyBefore);
    }
    return r;
  }

  private Api.Response refused(Site site, Supplier<Api.Response> request) {
    return refused(site, null, request);
  }

  private static void assertIllegal(Api.Response r, String rule) {
    assertThat(r.status()).as(r.toString()).isEqualTo(409);
    assertThat(r.problemCode()).as(r.toString()).isEqualTo("illegal-transition");
    assertThat(r.at("/rule").asString()).as(r.toString()).isEqualTo(rule);
  }

  private static void assertProblem(Api.Response r, int status, String code, String field) {
    assertThat(r.status()).as(r.toString()).isEqualTo(status);
    assertThat(r.problemCode()).as(r.toString()).isEqualTo(code);
    assertThat(r.at("/field").asString()).as(r.toString()).isEqualTo(field);
  }

  // Registration input

  @Test
  void rejectsRegistrationWithAnUnknownGtinNamingTheUnitItIsIn() {
    Site site = Site.create(admin);
    List<Object> units = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      units.add(site.unitKey("SN-" + i));
    }
    String stranger = Site.randomGtin();
    units.set(3, map("gtin", stranger, "serial", "SN-3"));

    Api.Response r = refused(site, () -> site.api.post("/api/v1/units", map("location", site.bin1, "units", units)));

    assertProblem(r, 422, "unknown-gtin", "units[3].gtin");
    assertThat(r.at("/detail").asString()).contains(stranger);
  }

  @Test
  void rejectsRegistrationWithAGtinWhoseCheckDigitIsWrong() {
    Site site = Site.create(admin);
    String wrong = site.gtin.substring(0, 13) + (char) ('0' + (site.gtin.charAt(13) - '0' + 1) % 10);

    Api.Response r = refused(site, () -> site.api.post("/api/v1/units", map("location", site.bin1, "units",
        list(site.unitKey("SN-1"), map("gtin", wrong, "serial", "SN-2")))));

    assertProblem(r, 400, "invalid-gtin", "units[1].gtin");
  }

  @Test
  void rejectsASerialLongerThanTwentyCharacters() {
    Site site = Site.create(admin);

    Api.Response r = refused(site, () -> site.api.post("/api/v1/units", map("location", site.bin1, "units",
        list(site.unitKey("SN-1"), site.unitKey("SN-2"), site.unitKey("S".repeat(21))))));

    assertProblem(r, 400, "invalid-serial", "units[2].serial");
  }

  @Test
  void rejectsAnEmptySerial() {
    Site site = Site.create(admin);

    Api.Response r = refused(site, () -> site.api.post("/api/v1/units", map("location", site.bin1, "units", list(site.unitKey("")))));

    assertProblem(r, 400, "invalid-serial", "units[0].serial");
  }

  @Test
  void rejectsASerialWithACharacterOutsideGs1CharacterSet82() {
    Site site = Site.create(admin);

    Api.Response r = refused(site, () -> site.api.post("/api/v1/units", map("location", site.bin1, "units",
        list(site.unitKey("SN-1"), site.unitKey("SN#2")))));

    assertProblem(r, 400, "invalid-serial", "units[1].serial");
    assertThat(r.at("/detail").asString()).contains("'#'").contains("position 3");
  }

  @Test
  void rejectsASerialThatDoesNotMatchTheProductsPattern() {
    Site site = Site.create(admin);
    String gtin = Site.randomGtin();
    ok(site.api.post("/api/v1/products", map("sku", unique("PAT"), "name", "Router", "gtins", list(gtin), "tracking", "SERIAL",
        "serialPattern", "R[0-9]{6}")));

    Api.Response r = refused(site, () -> site.api.post("/api/v1/units", map("location", site.bin1, "units",
        list(map("gtin", gtin, "serial", "R123456"), map("gtin", gtin, "serial", "X123456")))));

    assertProblem(r, 400, "serial-format", "units[1].serial");
  }

  @Test
  void rejectsTheSameSerialTwiceInOneRequest() {
    Site site = Site.create(admin);

    Api.Response r = refused(site, () -> site.api.post("/api/v1/units", map("location", site.bin1, "units",
        list(site.unitKey("SN-1"), site.unitKey("SN-2"), site.unitKey("SN-1")))));

    assertProblem(r, 400, "duplicate-in-request", "units[2].serial");
  }

  @Test
  void rejectsAUnitWithoutARequiredCustomField() {
    Site site = Site.create(admin);
    String handset = Floor.handset(site);

    Api.Response r = refused(site, () -> site.api.post("/api/v1/units", map("location", site.bin1, "units",
        list(map("gtin", handset, "serial", "H1", "fields", map("IMEI", "356938035643809")),
            map("gtin", handset, "serial", "H2", "fields", map("firmware", "1.0"))))));

    assertProblem(r, 400, "missing-field", "units[1].fields.IMEI");
  }

  @Test
  void rejectsACustomFieldTheProductDoesNotHave() {
    Site site = Site.create(admin);

    Api.Response r = refused(site, () -> site.api.post("/api/v1/units", map("location", site.bin1, "units",
        list(map("gtin", site.gtin, "serial", "SN-1", "fields", map("colour", "red"))))));

    assertProblem(r, 400, "unknown-field", "units[0].fields.colour");
  }

  @Test
  void rejectsAnImeiAlreadyRecordedOnAnotherUnit() {
    Site site = Site.create(admin);
    ok(site.api.post("/api/v1/units", map("location", site.bin1, "units",
        list(map("gtin", site.gtin, "serial", "SN-1", "fields", map("IMEI", "356938035643809"))))));

    Api.Response r = refused(site, () -> site.api.post("/api/v1/units", map("location", site.bin1, "units",
        list(map("gtin", site.gtin, "serial", "SN-2", "fields", map("IMEI", "490154203237518")),
            map("gtin", site.gtin, "serial", "SN-3", "fields", map("IMEI", "356938035643809"))))));

    assertProblem(r, 409, "duplicate-field-value", "fields");
  }

  @Test
  void rejectsTwoNewUnitsSharingAnImei() {
    Site site = Site.create(admin);

    Api.Response r = refused(site, () -> site.api.post("/api/v1/units", map("location", site.bin1, "units",
        list(map("gtin", site.gtin, "serial", "SN-1", "fields", map("IMEI", "356938035643809")),
            map("gtin", site.gtin, "serial", "SN-2", "fields", map("IMEI", "356938035643809"))))));

    assertProblem(r, 409, "duplicate-field-value", "fields");
  }

  @Test
  void rejectsSettingAnImeiThatAnotherUnitCarries() {
    Site site = Site.create(admin);
    ok(site.api.post("/api/v1/units", map("location", site.bin1, "units",
        list(map("gtin", site.gtin, "serial", "SN-1", "fields", map("IMEI", "356938035643809")), site.unitKey("SN-2")))));

    Api.Response r = refused(site, "SN-2", () -> site.api.post(site.unitPath("SN-2") + "/fields", map("fields", map("IMEI", "356938035643809"))));

    assertProblem(r, 409, "duplicate-field-value", "fields");
  }

  @Test
  void sameImeiIsFineForAnotherClient() {
    Site a = Site.create(admin);
    Site b = Site.create(admin);
    ok(a.api.post("/api/v1/units", map("location", a.bin1, "units", list(map("gtin", a.gtin, "serial", "SN-1", "fields", map("IMEI", "356938035643809"))))));

    Api.Response r = b.api.post("/api/v1/units", map("location", b.bin1, "units", list(map("gtin", b.gtin, "serial", "SN-1", "fields", map("IMEI", "356938035643809")))));

    assertThat(r.status()).as(r.toString()).isEqualTo(201);
  }

  @Test
  void rejectsAnEmptyFieldValue() {
    Site site = Site.create(admin);
    site.register(site.bin1, "SN-1");

    Api.Response r = refused(site, "SN-1", () -> site.api.post(site.unitPath("SN-1") + "/fields", map("fields", map("IMEI", " "))));

    assertProblem(r, 400, "invalid-field", "fields.IMEI");
  }

  @Test
  void rejectsAUnitOfALotTrackedProductWithoutItsLot() {
    Site site = Site.create(admin);
    String vaccine = Floor.medicine(site);

    Api.Response r = refused(site, () -> site.api.post("/api/v1/units", map("location", site.bin1, "units",
        list(map("gtin", vaccine, "serial", "V1", "lot", "L1", "expiry", "2027-01-31"), map("gtin", vaccine, "serial", "V2")))));

    assertProblem(r, 400, "lot-required", "units[1].lot");
  }

  @Test
  void rejectsANewLotOfAnExpiryTrackedProductWithoutItsExpiry() {
    Site site = Site.create(admin);
    String vaccine = Floor.medicine(site);

    Api.Response r = refused(site, () -> site.api.post("/api/v1/units", map("location", site.bin1, "units",
        list(map("gtin", vaccine, "serial", "V1", "lot", "L1")))));

    assertProblem(r, 400, "expiry-required", "units[0].expiry");
  }

  @Test
  void rejectsAnExpiryThatContradictsTheLotsRecordedOne() {
    Site site = Site.create(admin);
    String vaccine = Floor.medicine(site);
    ok(site.api.post("/api/v1/units", map("location", site.bin1, "units", list(map("gtin", vaccine, "serial", "V1", "lot", "L1", "expiry", "2027-01-31")))));

    Api.Response r = refused(site, () -> site.api.post("/api/v1/units", map("location", site.bin1, "units",
        list(map("gtin", vaccine, "serial", "V2", "lot", "L1", "expiry", "2028-01-31")))));

    assertProblem(r, 422, "lot-expiry-mismatch", "units[0].expiry");
  }

  @Test
  void rejectsALotThatWouldExpireBeforeItWasMade() {
    Site site = Site.create(admin);
    String vaccine = Floor.medicine(site);

    Api.Response r = refused(site, () -> site.api.post("/api/v1/units", map("location", site.bin1, "units",
        list(map("gtin", vaccine, "serial", "V1", "lot", "L1", "expiry", "2024-01-31", "manufactured", "2025-01-31")))));

    assertProblem(r, 400, "invalid-field", "units[0].expiry");
  }

  @Test
  void rejectsAManufacturingDateThatContradictsTheLotsRecordedOne() {
    Site site = Site.create(admin);
    String vaccine = Floor.medicine(site);
    ok(site.api.post("/api/v1/units", map("location", site.bin1, "units",
        list(map("gtin", vaccine, "serial", "V1", "lot", "L1", "expiry", "2027-01-31", "manufactured", "2025-01-31")))));

    Api.Response r = refused(site, () -> site.api.post("/api/v1/units", map("location", site.bin1, "units",
        list(map("gtin", vaccine, "serial", "V2", "lot", "L1", "manufactured", "2025-02-28")))));

    assertProblem(r, 422, "lot-date-mismatch", "units[0].manufactured");
  }

  @Test
  void rejectsALotCodeOutsideGs1CharacterSet82() {
    Site site = Site.create(admin);
    String vaccine = Floor.medicine(site);

    Api.Response r = refused(site, () -> site.api.post("/api/v1/units", map("location", site.bin1, "units",
        list(map("gtin", vaccine, "serial", "V1", "lot", "L#1", "expiry", "2027-01-31")))));

    assertProblem(r, 400, "invalid-lot", "units[0].lot");
    assertThat(r.at("/detail").asString()).contains("a lot code");
  }

  @Test
  void rejectsALotForAProductNotTrackedByLot() {
    Site site = Site.create(admin);

    Api.Response r = refused(site, () -> site.api.post("/api/v1/units", map("location", site.bin1, "units",
        list(map("gtin", site.gtin, "serial", "SN-1", "lot", "L1")))));

    assertProblem(r, 400, "not-lot-tracked", "units[0].lot");
  }

  @Test
  void rejectsRegistrationAtAnUnknownLocation() {
    Site site = Site.create(admin);

    Api.Response r = refused(site, () -> site.api.post("/api/v1/units", map("location", "NOWHERE-" + unique("L"), "units", list(site.unitKey("SN-1")))));

    assertProblem(r, 422, "unknown-location", "location");
  }

  @Test
  void rejectsRegistrationWithoutALocationUnlessTheUnitsAreExpected() {
    Site site = Site.create(admin);

    Api.Response r = refused(site, () -> site.api.post("/api/v1/units", map("units", list(site.unitKey("SN-1")))));

    assertProblem(r, 400, "invalid-field", "location");
  }

  @Test
  void rejectsRegistrationOfNoUnitsAndOfAnUnknownReason() {
    Site site = Site.create(admin);

    assertProblem(refused(site, () -> site.api.post("/api/v1/units", map("location", site.bin1, "units", list()))), 400, "invalid-field", "units");
    assertProblem(refused(site, () -> site.api.post("/api/v1/units", map("location", site.bin1, "reason", "FOUND_ON_STREET",
        "units", list(site.unitKey("SN-1"))))), 400, "invalid-field", "reason");
  }

  @Test
  void rejectsABodyThatIsNotJsonNamingNothingWritten() {
    Site site = Site.create(admin);

    Api.Response r = refused(site, () -> site.api.post("/api/v1/units", "{\"units\": [ {\"gtin\": "));

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.problemCode()).isEqualTo("malformed-body");
  }

  @Test
  void rejectsBulkRegistrationWhenOneOfFiveThousandSerialsExistsAndCreatesNoneOfThem() {
    Site site = Site.create(admin);
    List<String> serials = Floor.serials("BULK-", 5000);
    site.register(site.bin1, serials.get(3210));
    Footprint before = Footprint.of(db, site.tenant);

    Api.Response r = site.api.post("/api/v1/units", Floor.registration(site, site.dock, serials));

    assertProblem(r, 409, "duplicate-serial", "units[3210].serial");
    assertThat(r.at("/count").asInt()).isEqualTo(1);
    assertThat(r.at("/serials").toString()).isEqualTo("[\"" + serials.get(3210) + "\"]");
    assertThat(Footprint.of(db, site.tenant)).isEqualTo(before);
    assertThat(before.units()).isEqualTo(1);
    assertThat(site.api.get(site.unitPath(serials.get(0))).status()).isEqualTo(404);
  }

  // Locations, tenants, roles, containers

  @Test
  void rejectsAMoveToAnUnknownLocation() {
    Site site = Site.create(admin);
    site.register(site.bin1, "SN-1");

    Api.Response r = refused(site, "SN-1", () -> site.api.post(site.unitPath("SN-1") + "/move", map("location", "NO-SUCH-BIN-" + unique("X"))));

    assertProblem(r, 422, "unknown-location", "location");
  }

  @Test
  void rejectsAMoveWithoutALocation() {
    Site site = Site.create(admin);
    site.register(site.bin1, "SN-1");

    Api.Response r = refused(site, "SN-1", () -> site.api.post(site.unitPath("SN-1") + "/move", map("device", "gun-1")));

    assertProblem(r, 400, "invalid-field", "location");
  }

  @Test
  void rejectsAFoundUnitAtAnUnknownLocation() {
    Site site = Site.create(admin);
    site.register(site.bin1, "SN-1");
    ok(site.api.post(site.unitPath("SN-1") + "/adjustments", map("kind", "LOST", "reason", "count")));

    Api.Response r = refused(site, "SN-1", () -> site.api.post(site.unitPath("SN-1") + "/adjustments",
        map("kind", "FOUND", "reason", "count", "location", "NOWHERE-" + unique("X"))));

    assertProblem(r, 422, "unknown-location", "location");
  }

  @Test
  void unitOfAnotherClientDoesNotExistForThisOne() {
    Site owner = Site.create(admin);
    Site other = Site.create(admin);
    owner.register(owner.bin1, "SN-1");
    Footprint ownerBefore = Footprint.of(db, owner.tenant);

    Api.Response read = other.api.get(owner.unitPath("SN-1"));
    Api.Response move = refused(other, () -> other.api.post(owner.unitPath("SN-1") + "/move", map("location", other.bin2)));
    Api.Response hold = refused(other, () -> other.api.post(owner.unitPath("SN-1") + "/holds", map("hold", "SUSPECT", "reason", "x")));
    Api.Response register = refused(other, () -> other.api.post("/api/v1/units", map("location", other.bin1, "units",
        list(owner.unitKey("SN-2")))));

    assertThat(read.status()).isEqualTo(404);
    assertThat(read.problemCode()).isEqualTo("unknown-unit");
    assertThat(move.status()).isEqualTo(404);
    assertThat(move.problemCode()).isEqualTo("unknown-unit");
    assertThat(hold.problemCode()).isEqualTo("unknown-unit");
    assertProblem(register, 422, "unknown-gtin", "units[0].gtin");
    assertThat(Footprint.of(db, owner.tenant)).isEqualTo(ownerBefore);
  }

  @Test
  void operatorCannotWorkForAClientNotGrantedToThem() {
    Site mine = Site.create(admin);
    Site theirs = Site.create(admin);
    theirs.register(theirs.bin1, "SN-1");
    Api operator = Floor.person(admin, port, mine, "OPERATOR");

    Api.Response r = refused(theirs, "SN-1", () -> operator.in(theirs.tenant).post(theirs.unitPath("SN-1") + "/move",
        map("location", theirs.bin2)));

    assertThat(r.status()).isEqualTo(403);
    assertThat(r.problemCode()).isEqualTo("forbidden");
  }

  @Test
  void containerOfAnotherClientIsUnknownToThisOne() {
    Site owner = Site.create(admin);
    Site other = Site.create(admin);
    String pallet = Floor.container(owner, "PALLET", owner.bin1);
    other.register(other.bin1, "SN-1");

    Api.Response r = refused(other, "SN-1", () -> other.api.post("/api/v1/units/pack", map("units", list(other.unitKey("SN-1")), "into", pallet)));

    assertProblem(r, 422, "unknown-container", "into");
  }

  @Test
  void onlyASupervisorReleasesHoldsAndAdjustsStock() {
    Site site = Site.create(admin);
    site.register(site.bin1, "SN-1");
    ok(site.api.post(site.unitPath("SN-1") + "/holds", map("hold", "QC", "reason", "sample")));
    Api operator = Floor.person(admin, port, site, "OPERATOR");

    Api.Response release = refused(site, "SN-1", () -> operator.post(site.unitPath("SN-1") + "/holds/release", map("hold", "QC", "reason", "ok")));
    Api.Response lost = refused(site, "SN-1", () -> operator.post(site.unitPath("SN-1") + "/adjustments", map("kind", "LOST", "reason", "gone")));

    assertThat(release.status()).isEqualTo(403);
    assertThat(lost.status()).isEqualTo(403);
    assertThat(ok(operator.post(site.unitPath("SN-1") + "/move", map("location", site.bin2))).at("/units/0/location").asString())
        .as("an operator moves units").isEqualTo(site.bin2);
  }

  @Test
  void clientUserReadsButNeverWrites() {
    Site site = Site.create(admin);
    site.register(site.bin1, "SN-1");
    Api client = Floor.person(admin, port, site, "CLIENT");

    Api.Response r = refused(site, "SN-1", () -> client.post(site.unitPath("SN-1") + "/holds", map("hold", "QC", "reason", "mine")));

    assertThat(r.status()).isEqualTo(403);
    assertThat(ok(client.get(site.unitPath("SN-1"))).at("/state").asString()).isEqualTo("STORED");
  }

  @Test
  void rejectsHoldAndReleaseWithoutTheirInputs() {
    Site site = Site.create(admin);
    site.register(site.bin1, "SN-1");
    ok(site.api.post(site.unitPath("SN-1") + "/holds", map("hold", "QC", "reason", "sample")));

    assertProblem(refused(site, "SN-1", () -> site.api.post(site.unitPath("SN-1") + "/holds", map("reason", "which?"))), 400, "invalid-field", "hold");
    assertProblem(refused(site, "SN-1", () -> site.api.post(site.unitPath("SN-1") + "/holds/release", map("hold", "QC"))), 400, "invalid-field", "reason");
    assertProblem(refused(site, "SN-1", () -> site.api.post(site.unitPath("SN-1") + "/holds", map("hold", "STOLEN"))), 400, "malformed-body", "hold");
    assertProblem(refused(site, "SN-1", () -> site.api.post(site.unitPath("SN-1") + "/adjustments", map("kind", "LOST"))), 400, "invalid-field", "reason");
    assertProblem(refused(site, "SN-1", () -> site.api.post(site.unitPath("SN-1") + "/adjustments", map("reason", "?"))), 400, "invalid-field", "kind");
  }

  @Test
  void rejectsAnInvalidSsccNamingWhereItCameFrom() {
    Site site = Site.create(admin);
    site.register(site.bin1, "SN-1");

    assertProblem(refused(site, () -> site.api.post("/api/v1/units/pack", map("units", list(site.unitKey("SN-1")), "into", "123"))), 400, "invalid-sscc", "into");
    assertProblem(refused(site, () -> site.api.post("/api/v1/containers/123456789012345678/move", map("location", site.bin1))), 400, "invalid-sscc", "sscc");
  }

  @Test
  void rejectsAnIdempotencyKeyLongerThanOneHundredCharacters() {
    Site site = Site.create(admin);
    site.register(site.bin1, "SN-1");

    Api.Response r = refused(site, "SN-1", () -> site.api.post(site.unitPath("SN-1") + "/move", map("location", site.bin2), "k".repeat(101)));

    assertProblem(r, 400, "invalid-header", "Idempotency-Key");
  }

  @Test
  void rejectsACommandForAUnitThatWasNeverRegistered() {
    Site site = Site.create(admin);

    Api.Response r = refused(site, () -> site.api.post(site.unitPath("GHOST") + "/move", map("location", site.bin1)));

    assertThat(r.status()).isEqualTo(404);
    assertThat(r.problemCode()).isEqualTo("unknown-unit");
  }

  // Transitions the state machine refuses, over HTTP

  @Test
  void rejectsMoveOfUnitInsideAContainer() {
    Site site = Site.create(admin);
    site.register(site.bin1, "SN-1");
    String tote = Floor.container(site, "TOTE", site.bin1);
    ok(site.api.post("/api/v1/units/pack", map("units", list(site.unitKey("SN-1")), "into", tote)));

    Api.Response r = refused(site, "SN-1", () -> site.api.post(site.unitPath("SN-1") + "/move", map("location", site.bin2)));

    assertIllegal(r, "unit-in-container");
    assertThat(r.at("/field").asString()).isEqualTo("unit");
    assertThat(r.at("/unit").asString()).isEqualTo("(01)" + site.gtin + "(21)SN-1");
  }

  @Test
  void rejectsPackingAUnitThatIsAlreadyPackedAndWritesNoneOfTheOthers() {
    Site site = Site.create(admin);
    site.register(site.bin1, "SN-1", "SN-2", "SN-3");
    String tote = Floor.container(site, "TOTE", site.bin1);
    String other = Floor.container(site, "TOTE", site.bin2);
    ok(site.api.post("/api/v1/units/pack", map("units", list(site.unitKey("SN-2")), "into", tote)));

    Api.Response r = refused(site, "SN-1", () -> site.api.post("/api/v1/units/pack",
        map("units", list(site.unitKey("SN-1"), site.unitKey("SN-2"), site.unitKey("SN-3")), "into", other)));

    assertIllegal(r, "unit-in-container");
    assertThat(r.at("/unit").asString()).endsWith("(21)SN-2");
  }

  @Test
  void rejectsUnpackingAUnitInNoContainer() {
    Site site = Site.create(admin);
    site.register(site.bin1, "SN-1");

    assertIllegal(refused(site, "SN-1", () -> site.api.post("/api/v1/units/unpack", map("units", list(site.unitKey("SN-1"))))), "unit-not-in-container");
  }

  @Test
  void missingUnitCannotMoveBeObservedPackedOrLostAgainUntilFound() {
    Site site = Site.create(admin);
    site.register(site.bin1, "SN-1");
    String tote = Floor.container(site, "TOTE", site.bin1);
    ok(site.api.post(site.unitPath("SN-1") + "/adjustments", map("kind", "LOST", "reason", "count")));

    assertIllegal(refused(site, "SN-1", () -> site.api.post(site.unitPath("SN-1") + "/move", map("location", site.bin2))), "unit-missing");
    assertIllegal(refused(site, "SN-1", () -> site.api.post(site.unitPath("SN-1") + "/observations", map("location", site.bin2))), "unit-missing");
    assertIllegal(refused(site, "SN-1", () -> site.api.post("/api/v1/units/pack", map("units", list(site.unitKey("SN-1")), "into", tote))), "unit-missing");
    assertIllegal(refused(site, "SN-1", () -> site.api.post(site.unitPath("SN-1") + "/adjustments", map("kind", "LOST", "reason", "again"))), "unit-missing");
  }

  @Test
  void onlyAMissingUnitCanBeFound() {
    Site site = Site.create(admin);
    site.register(site.bin1, "SN-1");

    Api.Response r = refused(site, "SN-1", () -> site.api.post(site.unitPath("SN-1") + "/adjustments",
        map("kind", "FOUND", "reason", "count", "location", site.bin2)));

    assertIllegal(r, "unit-not-missing");
  }

  @Test
  void expectedUnitCannotMoveOrBeCountedBeforeItIsReceived() {
    Site site = Site.create(admin);
    ok(site.api.post("/api/v1/units", map("expected", true, "units", list(site.unitKey("SN-1")))));

    assertIllegal(refused(site, "SN-1", () -> site.api.post(site.unitPath("SN-1") + "/move", map("location", site.bin1))), "unit-not-received");
    assertIllegal(refused(site, "SN-1", () -> site.api.post(site.unitPath("SN-1") + "/adjustments", map("kind", "LOST", "reason", "x"))), "unit-not-received");
  }

  @Test
  void holdIsPlacedOnceAndReleasedOnce() {
    Site site = Site.create(admin);
    site.register(site.bin1, "SN-1");
    ok(site.api.post(site.unitPath("SN-1") + "/holds", map("hold", "RECALL", "reason", "campaign")));

    assertIllegal(refused(site, "SN-1", () -> site.api.post(site.unitPath("SN-1") + "/holds", map("hold", "RECALL", "reason", "again"))), "hold-already-placed");
    assertIllegal(refused(site, "SN-1", () -> site.api.post(site.unitPath("SN-1") + "/holds/release", map("hold", "QC", "reason", "not on it"))), "hold-not-placed");
  }

  @Test
  void registeringASerialThatExistsIsAConflictNamingIt() {
    Site site = Site.create(admin);
    site.register(site.bin1, "SN-1");

    Api.Response r = refused(site, "SN-1", () -> site.api.post("/api/v1/units", map("location", site.dock, "units",
        list(site.unitKey("SN-0"), site.unitKey("SN-1")))));

    assertProblem(r, 409, "duplicate-serial", "units[1].serial");
  }

  @Test
  void containerInsideAnotherMovesOnlyWithItsOuterContainer() {
    Site site = Site.create(admin);
    site.register(site.bin1, "SN-1");
    String pallet = Floor.container(site, "PALLET", site.bin1);
    String kase = Floor.container(site, "CASE", site.bin1);
    ok(site.api.post("/api/v1/units/pack", map("units", list(site.unitKey("SN-1")), "into", kase)));
    ok(site.api.post("/api/v1/containers/" + kase + "/pack", map("into", pallet)));

    Api.Response r = refused(site, "SN-1", () -> site.api.post("/api/v1/containers/" + kase + "/move", map("location", site.bin2)));

    assertIllegal(r, "container-nested");
    assertThat(r.at("/field").asString()).isEqualTo("sscc");
  }

  @Test
  void containerIsNestedOnlyOnceAndTakenOutOnlyWhenNested() {
    Site site = Site.create(admin);
    String pallet = Floor.container(site, "PALLET", site.bin1);
    String other = Floor.container(site, "PALLET", site.bin1);
    String kase = Floor.container(site, "CASE", site.bin1);
    ok(site.api.post("/api/v1/containers/" + kase + "/pack", map("into", pallet)));

    assertIllegal(refused(site, () -> site.api.post("/api/v1/containers/" + kase + "/pack", map("into", other))), "container-nested");
    assertIllegal(refused(site, () -> site.api.post("/api/v1/containers/" + other + "/unpack", null)), "container-not-nested");
  }

  @Test
  void containerCannotBePackedIntoItselfOrIntoOneItHolds() {
    Site site = Site.create(admin);
    site.register(site.bin1, "SN-1");
    String pallet = Floor.container(site, "PALLET", site.bin1);
    String kase = Floor.container(site, "CASE", site.bin2);
    ok(site.api.post("/api/v1/units/pack", map("units", list(site.unitKey("SN-1")), "into", pallet)));
    ok(site.api.post("/api/v1/containers/" + kase + "/pack", map("into", pallet)));

    assertProblem(refused(site, "SN-1", () -> site.api.post("/api/v1/containers/" + pallet + "/pack", map("into", kase))), 422, "container-cycle", "into");
    assertProblem(refused(site, "SN-1", () -> site.api.post("/api/v1/containers/" + pallet + "/pack", map("into", pallet))), 422, "container-cycle", "into");
  }

  @Test
  void unknownContainerCannotBeMoved() {
    Site site = Site.create(admin);

    Api.Response r = refused(site, () -> site.api.post("/api/v1/containers/" + Floor.newSscc() + "/move", map("location", site.bin1)));

    assertProblem(r, 422, "unknown-container", "sscc");
  }
}
