package io.unitrace.ledger;

import static io.unitrace.support.Api.list;
import static io.unitrace.support.Api.map;
import static io.unitrace.support.Site.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.unitrace.support.Api;
import io.unitrace.support.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Every inventory command over HTTP, as the floor uses it, and what it leaves on the unit and in
 * its history.
 */
class LedgerCommandsIT extends IntegrationTest {

  @Autowired JdbcClient db;

  @Test
  void unitRegisteredOnTheDockIsReceivedThere() {
    Clerk clerk = Clerk.inSharedClient(admin, port);
    long eventsBefore = Footprint.events(db, clerk.tenant);

    Api.Response receipt =
        clerk.api.post(
            "/api/v1/units",
            map(
                "location",
                clerk.dock,
                "units",
                list(clerk.unitKey("SN-1")),
                "device",
                "dock-scanner",
                "scan",
                "]d201" + clerk.gtin + "21SN-1"));

    assertThat(receipt.status()).as(receipt.toString()).isEqualTo(201);
    assertThat(receipt.at("/type").asString()).isEqualTo("REGISTERED");
    assertThat(receipt.at("/repeated").asBoolean()).isFalse();
    assertThat(receipt.at("/unitCount").asInt()).isEqualTo(1);
    assertThat(receipt.at("/units/0/serial").asString()).isEqualTo("SN-1");
    assertThat(receipt.at("/units/0/seq").asInt()).isEqualTo(1);
    assertThat(receipt.at("/units/0/state").asString()).isEqualTo("RECEIVED");
    assertThat(receipt.at("/units/0/location").asString()).isEqualTo(clerk.dock);

    JsonNode unit = ok(clerk.api.get(clerk.unitPath("SN-1"))).json();
    assertThat(unit.path("state").asString()).isEqualTo("RECEIVED");
    assertThat(unit.path("location").asString()).isEqualTo(clerk.dock);
    assertThat(unit.path("sku").asString()).isEqualTo(clerk.sku);
    assertThat(unit.path("version").asInt()).isEqualTo(1);
    assertThat(unit.path("digitalLink").asString()).isEqualTo("/01/" + clerk.gtin + "/21/SN-1");
    assertThat(Footprint.events(db, clerk.tenant)).isEqualTo(eventsBefore + 1);
  }

  @Test
  void unitRegisteredInAStorageBinIsStoredAtOnce() {
    Clerk clerk = Clerk.inSharedClient(admin, port);

    Api.Response receipt = clerk.register(clerk.bin1, "SN-1");

    assertThat(receipt.at("/units/0/state").asString()).isEqualTo("STORED");
    assertThat(ok(clerk.api.get(clerk.unitPath("SN-1"))).at("/location").asString())
        .isEqualTo(clerk.bin1);
  }

  @Test
  void announcedUnitIsExpectedWithoutAPlaceUntilItArrives() {
    Clerk clerk = Clerk.inSharedClient(admin, port);

    Api.Response receipt =
        ok(
            clerk.api.post(
                "/api/v1/units",
                map(
                    "expected",
                    true,
                    "reason",
                    "commissioning",
                    "units",
                    list(clerk.unitKey("SN-1")))));

    assertThat(receipt.at("/units/0/state").asString()).isEqualTo("EXPECTED");
    JsonNode unit = ok(clerk.api.get(clerk.unitPath("SN-1"))).json();
    assertThat(unit.path("state").asString()).isEqualTo("EXPECTED");
    assertThat(unit.path("location").isMissingNode()).as(unit.toString()).isTrue();
    JsonNode first = ok(clerk.api.get(clerk.unitPath("SN-1") + "/history")).at("/items/0");
    assertThat(first.path("details").path("reason").asString()).isEqualTo("COMMISSIONING");
    assertThat(first.path("disposition").asString()).isEqualTo("encoded");
  }

  @Test
  void bulkRegistrationRecordsLotsExpiryAndCustomFieldsOfEveryUnitInOneEvent() {
    Clerk clerk = Clerk.inSharedClient(admin, port);
    String vaccine = clerk.medicine();
    String handset = clerk.handset();
    List<Object> units = new ArrayList<>();
    for (int i = 1; i <= 4; i++) {
      units.add(
          map(
              "gtin",
              vaccine,
              "serial",
              "V" + i,
              "lot",
              i <= 2 ? "L-A" : "L-B",
              "expiry",
              i <= 2 ? "2027-01-31" : "2027-06-30",
              "manufactured",
              "2025-01-15"));
    }
    String imei1 = Floor.imei();
    units.add(
        map("gtin", handset, "serial", "H1", "fields", map("IMEI", imei1, "firmware", "1.2")));
    units.add(map("gtin", handset, "serial", "H2", "fields", map("IMEI", Floor.imei())));
    long eventsBefore = Footprint.events(db, clerk.tenant);

    Api.Response receipt =
        ok(clerk.api.post("/api/v1/units", map("location", clerk.bin1, "units", units)));

    assertThat(receipt.at("/unitCount").asInt()).isEqualTo(6);
    assertThat(receipt.at("/units").size()).isEqualTo(6);
    assertThat(Footprint.events(db, clerk.tenant)).isEqualTo(eventsBefore + 1);
    JsonNode v3 = ok(clerk.api.get(Floor.path(vaccine, "V3"))).json();
    assertThat(v3.path("lot").asString()).isEqualTo("L-B");
    assertThat(v3.path("expiry").asString()).isEqualTo("2027-06-30");
    assertThat(v3.path("manufactured").asString()).isEqualTo("2025-01-15");
    assertThat(v3.path("state").asString()).isEqualTo("STORED");
    assertThat(ok(clerk.api.get(Floor.path(vaccine, "V1"))).at("/lot").asString()).isEqualTo("L-A");
    JsonNode h1 = ok(clerk.api.get(Floor.path(handset, "H1"))).json();
    assertThat(h1.path("fields").path("IMEI").asString()).isEqualTo(imei1);
    assertThat(h1.path("fields").path("firmware").asString()).isEqualTo("1.2");
    assertThat(ok(clerk.api.get(Floor.path(handset, "H2"))).at("/fields/firmware").isMissingNode())
        .isTrue();
    JsonNode lots =
        ok(clerk.api.get(
                "/api/v1/products/"
                    + ok(clerk.api.get(Floor.path(vaccine, "V1"))).at("/sku").asString()
                    + "/lots"))
            .json();
    assertThat(lots.size()).isEqualTo(2);
    assertThat(lots.get(0).path("expiresOn").asString()).isEqualTo("2027-01-31");
  }

  @Test
  void registrationKeepsTheFloorContextOfTheEvent() {
    Clerk clerk = Clerk.inSharedClient(admin, port);

    ok(
        clerk.api.post(
            "/api/v1/units",
            map(
                "location",
                clerk.dock,
                "units",
                list(clerk.unitKey("SN-1")),
                "eventTime",
                "2026-03-01T08:15:00+01:00",
                "device",
                "gun-12",
                "scan",
                "(01)" + clerk.gtin + "(21)SN-1",
                "bizTransactions",
                list(map("type", "po", "id", "PO-4711")))));

    JsonNode first = ok(clerk.api.get(clerk.unitPath("SN-1") + "/history")).at("/items/0");
    assertThat(first.path("eventTime").asString()).isEqualTo("2026-03-01T08:15:00+01:00");
    assertThat(first.path("device").asString()).isEqualTo("gun-12");
    assertThat(first.path("scan").asString()).isEqualTo("(01)" + clerk.gtin + "(21)SN-1");
    assertThat(first.path("bizTransactions").get(0).path("id").asString()).isEqualTo("PO-4711");
    assertThat(first.path("bizStep").asString()).isEqualTo("commissioning");
  }

  @Test
  void receivedUnitMovedToQuarantineStaysReceivedAndIsStoredOnceInABin() {
    Clerk clerk = Clerk.inSharedClient(admin, port);
    clerk.register(clerk.dock, "SN-1");

    Api.Response toQuarantine =
        ok(clerk.api.post(clerk.unitPath("SN-1") + "/move", map("location", clerk.quarantine)));
    assertThat(toQuarantine.at("/units/0/state").asString()).isEqualTo("RECEIVED");
    assertThat(toQuarantine.at("/units/0/location").asString()).isEqualTo(clerk.quarantine);

    Api.Response toBin =
        ok(clerk.api.post(clerk.unitPath("SN-1") + "/move", map("location", clerk.bin2)));
    assertThat(toBin.at("/units/0/state").asString()).isEqualTo("STORED");
    assertThat(toBin.at("/units/0/seq").asInt()).isEqualTo(3);

    JsonNode unit = ok(clerk.api.get(clerk.unitPath("SN-1"))).json();
    assertThat(unit.path("location").asString()).isEqualTo(clerk.bin2);
    assertThat(unit.path("version").asInt()).isEqualTo(3);
  }

  @Test
  void observationRecordsASightingButLeavesTheUnitWhereTheBooksSayItIs() {
    Clerk clerk = Clerk.inSharedClient(admin, port);
    clerk.register(clerk.bin1, "SN-1");

    Api.Response seen =
        ok(
            clerk.api.post(
                clerk.unitPath("SN-1") + "/observations",
                map("location", clerk.bin2, "device", "drone-3")));

    assertThat(seen.at("/type").asString()).isEqualTo("OBSERVED");
    JsonNode unit = ok(clerk.api.get(clerk.unitPath("SN-1"))).json();
    assertThat(unit.path("location").asString()).isEqualTo(clerk.bin1);
    assertThat(unit.path("version").asInt()).isEqualTo(2);
    JsonNode entry = ok(clerk.api.get(clerk.unitPath("SN-1") + "/history")).at("/items/1");
    assertThat(entry.path("type").asString()).isEqualTo("OBSERVED");
    assertThat(entry.path("readPoint").asString()).isEqualTo(clerk.bin2);
    assertThat(entry.path("details").path("elsewhere").asBoolean()).isTrue();
    assertThat(entry.path("device").asString()).isEqualTo("drone-3");
  }

  @Test
  void holdsStackAndASupervisorReleasesThemOneByOneWithAReason() {
    Clerk clerk = Clerk.inSharedClient(admin, port);
    clerk.register(clerk.bin1, "SN-1");

    Api.Response qc =
        ok(
            clerk.api.post(
                clerk.unitPath("SN-1") + "/holds", map("hold", "QC", "reason", "random sample")));
    assertThat(qc.at("/units/0/holds").toString()).isEqualTo("[\"QC\"]");
    ok(
        clerk.api.post(
            clerk.unitPath("SN-1") + "/holds", map("hold", "RECALL", "reason", "campaign R-1")));
    assertThat(ok(clerk.api.get(clerk.unitPath("SN-1"))).at("/holds").toString())
        .isEqualTo("[\"RECALL\",\"QC\"]");

    Api.Response released =
        ok(
            clerk.api.post(
                clerk.unitPath("SN-1") + "/holds/release",
                map("hold", "QC", "reason", "sample passed")));

    assertThat(released.at("/type").asString()).isEqualTo("HOLD_RELEASED");
    assertThat(released.at("/units/0/holds").toString()).isEqualTo("[\"RECALL\"]");
    JsonNode unit = ok(clerk.api.get(clerk.unitPath("SN-1"))).json();
    assertThat(unit.path("holds").toString()).isEqualTo("[\"RECALL\"]");
    assertThat(unit.path("state").asString()).isEqualTo("STORED");
    JsonNode history = ok(clerk.api.get(clerk.unitPath("SN-1") + "/history")).at("/items");
    assertThat(history.get(2).path("disposition").asString()).isEqualTo("recalled");
    assertThat(history.get(3).path("details").path("reason").asString()).isEqualTo("sample passed");
  }

  @Test
  void lostUnitIsMissingUntilFoundAgainWhereverItTurnsUp() {
    Clerk clerk = Clerk.inSharedClient(admin, port);
    clerk.register(clerk.bin1, "SN-1");

    Api.Response lost =
        ok(
            clerk.api.post(
                clerk.unitPath("SN-1") + "/adjustments",
                map("kind", "LOST", "reason", "cycle count 12")));
    assertThat(lost.at("/type").asString()).isEqualTo("LOST");
    assertThat(lost.at("/units/0/state").asString()).isEqualTo("MISSING");

    Api.Response found =
        ok(
            clerk.api.post(
                clerk.unitPath("SN-1") + "/adjustments",
                map("kind", "FOUND", "reason", "behind the rack", "location", clerk.bin2)));
    assertThat(found.at("/type").asString()).isEqualTo("FOUND");

    JsonNode unit = ok(clerk.api.get(clerk.unitPath("SN-1"))).json();
    assertThat(unit.path("state").asString()).isEqualTo("STORED");
    assertThat(unit.path("location").asString()).isEqualTo(clerk.bin2);
    JsonNode history = ok(clerk.api.get(clerk.unitPath("SN-1") + "/history")).at("/items");
    assertThat(history.get(1).path("state").asString()).isEqualTo("MISSING");
    assertThat(history.get(1).path("bizStep").asString()).isEqualTo("cycle_counting");
    assertThat(history.get(1).path("details").path("reason").asString())
        .isEqualTo("cycle count 12");
  }

  @Test
  void unitFoundOnADockIsReceivedAgain() {
    Clerk clerk = Clerk.inSharedClient(admin, port);
    clerk.register(clerk.bin1, "SN-1");
    ok(
        clerk.api.post(
            clerk.unitPath("SN-1") + "/adjustments", map("kind", "LOST", "reason", "count")));

    Api.Response found =
        ok(
            clerk.api.post(
                clerk.unitPath("SN-1") + "/adjustments",
                map("kind", "FOUND", "reason", "returned by carrier", "location", clerk.dock)));

    assertThat(found.at("/units/0/state").asString()).isEqualTo("RECEIVED");
  }

  @Test
  void settingFieldsMergesNewValuesIntoTheUnitAndMakesThemSearchable() {
    Clerk clerk = Clerk.inSharedClient(admin, port);
    String handset = clerk.handset();
    String imei = Floor.imei();
    ok(
        clerk.api.post(
            "/api/v1/units",
            map(
                "location",
                clerk.bin1,
                "units",
                list(
                    map(
                        "gtin",
                        handset,
                        "serial",
                        "H1",
                        "fields",
                        map("IMEI", imei, "firmware", "1.0"))))));

    Api.Response set =
        ok(
            clerk.api.post(
                Floor.path(handset, "H1") + "/fields", map("fields", map("firmware", "2.1"))));

    assertThat(set.at("/type").asString()).isEqualTo("FIELDS_SET");
    JsonNode unit = ok(clerk.api.get(Floor.path(handset, "H1"))).json();
    assertThat(unit.path("fields").path("firmware").asString()).isEqualTo("2.1");
    assertThat(unit.path("fields").path("IMEI").asString()).isEqualTo(imei);
    assertThat(
            ok(clerk.api.get("/api/v1/units?gtin=" + handset + "&field=firmware:2.1"))
                .at("/items/0/serial")
                .asString())
        .isEqualTo("H1");
    assertThat(
            ok(clerk.api.get("/api/v1/units?gtin=" + handset + "&field=firmware:1.0"))
                .at("/items")
                .size())
        .isZero();
  }

  @Test
  void packedUnitsTakeTheContainersPlaceAndStayThereWhenUnpacked() {
    Clerk clerk = Clerk.inSharedClient(admin, port);
    clerk.register(clerk.bin1, "SN-1", "SN-2");
    String tote = clerk.container("TOTE", clerk.bin2);

    Api.Response packed =
        ok(
            clerk.api.post(
                "/api/v1/units/pack",
                map("units", list(clerk.unitKey("SN-1"), clerk.unitKey("SN-2")), "into", tote)));

    assertThat(packed.at("/type").asString()).isEqualTo("PACKED");
    assertThat(packed.at("/unitCount").asInt()).isEqualTo(2);
    JsonNode unit = ok(clerk.api.get(clerk.unitPath("SN-1"))).json();
    assertThat(unit.path("container").asString()).isEqualTo(tote);
    assertThat(unit.path("location").asString()).isEqualTo(clerk.bin2);

    ok(clerk.api.post("/api/v1/units/unpack", map("units", list(clerk.unitKey("SN-1")))));

    JsonNode out = ok(clerk.api.get(clerk.unitPath("SN-1"))).json();
    assertThat(out.path("container").isMissingNode()).isTrue();
    assertThat(out.path("location").asString()).isEqualTo(clerk.bin2);
    assertThat(ok(clerk.api.get(clerk.unitPath("SN-2"))).at("/container").asString())
        .isEqualTo(tote);
  }

  @Test
  void movingAPalletCarriesEveryUnitInsideItAtEveryDepthAndNothingElse() {
    Clerk clerk = Clerk.inSharedClient(admin, port);
    clerk.register(clerk.dock, "ON-PALLET", "IN-CASE", "IN-BOX", "LOOSE");
    String pallet = clerk.container("PALLET", clerk.dock);
    String box = clerk.container("BOX", clerk.dock);
    String kase = clerk.container("CASE", clerk.dock);
    ok(
        clerk.api.post(
            "/api/v1/units/pack", map("units", list(clerk.unitKey("ON-PALLET")), "into", pallet)));
    ok(
        clerk.api.post(
            "/api/v1/units/pack", map("units", list(clerk.unitKey("IN-CASE")), "into", kase)));
    ok(
        clerk.api.post(
            "/api/v1/units/pack", map("units", list(clerk.unitKey("IN-BOX")), "into", box)));
    ok(clerk.api.post("/api/v1/containers/" + box + "/pack", map("into", kase)));
    ok(clerk.api.post("/api/v1/containers/" + kase + "/pack", map("into", pallet)));

    Api.Response moved =
        ok(clerk.api.post("/api/v1/containers/" + pallet + "/move", map("location", clerk.bin1)));

    assertThat(moved.at("/type").asString()).isEqualTo("MOVED");
    assertThat(moved.at("/unitCount").asInt()).isEqualTo(3);
    for (String serial : List.of("ON-PALLET", "IN-CASE", "IN-BOX")) {
      JsonNode unit = ok(clerk.api.get(clerk.unitPath(serial))).json();
      assertThat(unit.path("location").asString()).as(serial).isEqualTo(clerk.bin1);
      assertThat(unit.path("state").asString())
          .as("%s was put away with its pallet", serial)
          .isEqualTo("STORED");
      JsonNode history = ok(clerk.api.get(clerk.unitPath(serial) + "/history")).at("/items");
      JsonNode last = history.get(history.size() - 1);
      assertThat(last.path("seq").asInt()).isEqualTo(unit.path("version").asInt());
      assertThat(last.path("details").path("container").asString()).isEqualTo(pallet);
      assertThat(last.path("location").asString()).isEqualTo(clerk.bin1);
    }
    assertThat(ok(clerk.api.get(clerk.unitPath("IN-BOX"))).at("/container").asString())
        .as("still in its own box")
        .isEqualTo(box);
    JsonNode loose = ok(clerk.api.get(clerk.unitPath("LOOSE"))).json();
    assertThat(loose.path("location").asString()).isEqualTo(clerk.dock);
    assertThat(loose.path("version").asInt()).isEqualTo(1);
    for (String sscc : List.of(pallet, kase, box)) {
      assertThat(ok(clerk.api.get("/api/v1/containers/" + sscc)).at("/locationId").asLong())
          .as(sscc)
          .isEqualTo(locationId(clerk.bin1));
    }
  }

  @Test
  void caseNestedOnAPalletBringsItsContentsToThePalletAndStaysThereWhenTakenOff() {
    Clerk clerk = Clerk.inSharedClient(admin, port);
    clerk.register(clerk.bin2, "SN-1", "SN-2");
    String pallet = clerk.container("PALLET", clerk.bin1);
    String kase = clerk.container("CASE", clerk.bin2);
    ok(
        clerk.api.post(
            "/api/v1/units/pack",
            map("units", list(clerk.unitKey("SN-1"), clerk.unitKey("SN-2")), "into", kase)));

    Api.Response nested =
        ok(clerk.api.post("/api/v1/containers/" + kase + "/pack", map("into", pallet)));

    assertThat(nested.at("/type").asString()).isEqualTo("PACKED");
    assertThat(nested.at("/unitCount").asInt()).isEqualTo(2);
    assertThat(ok(clerk.api.get(clerk.unitPath("SN-1"))).at("/location").asString())
        .isEqualTo(clerk.bin1);
    JsonNode caseRow = ok(clerk.api.get("/api/v1/containers/" + kase)).json();
    assertThat(caseRow.path("parentId").asLong())
        .isEqualTo(ok(clerk.api.get("/api/v1/containers/" + pallet)).at("/id").asLong());
    assertThat(caseRow.path("locationId").asLong()).isEqualTo(locationId(clerk.bin1));

    Api.Response off = ok(clerk.api.post("/api/v1/containers/" + kase + "/unpack", null));

    assertThat(off.at("/type").asString()).isEqualTo("UNPACKED");
    assertThat(off.at("/unitCount").asInt())
        .as("taking a case off a pallet moves no unit")
        .isZero();
    JsonNode after = ok(clerk.api.get("/api/v1/containers/" + kase)).json();
    assertThat(after.path("parentId").isMissingNode() || after.path("parentId").isNull())
        .as(after.toString())
        .isTrue();
    ok(clerk.api.post("/api/v1/containers/" + pallet + "/move", map("location", clerk.quarantine)));
    assertThat(ok(clerk.api.get(clerk.unitPath("SN-1"))).at("/location").asString())
        .as("the case no longer travels with the pallet")
        .isEqualTo(clerk.bin1);
  }

  @Test
  void everyCommandOfAWorkdayLeavesAnIntactLedger() {
    Clerk clerk = Clerk.forNewClient(admin, port);
    clerk.register(clerk.dock, "SN-1", "SN-2");
    String tote = clerk.container("TOTE", clerk.dock);
    ok(clerk.api.post(clerk.unitPath("SN-1") + "/move", map("location", clerk.bin1)));
    ok(clerk.api.post(clerk.unitPath("SN-1") + "/observations", map("location", clerk.bin1)));
    ok(clerk.api.post(clerk.unitPath("SN-1") + "/holds", map("hold", "DAMAGED", "reason", "dent")));
    ok(
        clerk.api.post(
            clerk.unitPath("SN-1") + "/holds/release",
            map("hold", "DAMAGED", "reason", "cosmetic only")));
    ok(
        clerk.api.post(
            "/api/v1/units/pack", map("units", list(clerk.unitKey("SN-2")), "into", tote)));
    ok(clerk.api.post("/api/v1/containers/" + tote + "/move", map("location", clerk.bin2)));
    ok(clerk.api.post("/api/v1/units/unpack", map("units", list(clerk.unitKey("SN-2")))));
    ok(
        clerk.api.post(
            clerk.unitPath("SN-2") + "/adjustments", map("kind", "LOST", "reason", "count")));
    ok(
        clerk.api.post(
            clerk.unitPath("SN-2") + "/adjustments",
            map("kind", "FOUND", "reason", "count", "location", clerk.bin1)));
    ok(
        clerk.api.post(
            clerk.unitPath("SN-2") + "/fields", map("fields", map("IMEI", "490154203237518"))));

    JsonNode report = ok(clerk.api.post("/api/v1/ledger/verify", null)).json();

    assertThat(report.path("intact").asBoolean()).as(report.toString()).isTrue();
    assertThat(report.path("units").asInt()).isEqualTo(2);
    assertThat(report.path("entries").asInt()).isEqualTo(12);
  }

  private long locationId(String code) {
    return db.sql("SELECT id FROM location WHERE code = ?").param(code).query(Long.class).single();
  }
}
