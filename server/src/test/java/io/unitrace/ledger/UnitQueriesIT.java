package io.unitrace.ledger;

import static io.unitrace.support.Api.list;
import static io.unitrace.support.Api.map;
import static io.unitrace.support.Site.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.unitrace.support.Api;
import io.unitrace.support.IntegrationTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Reading the ledger: one unit by its Digital Link, its history, unit search with every filter,
 * stock, and paging.
 */
class UnitQueriesIT extends IntegrationTest {

  @Test
  void unitIsFoundByItsDigitalLinkPathEvenWithPunctuationInItsSerial() {
    Clerk clerk = Clerk.inSharedClient(admin, port);
    String serial = "A-1.2(x)&y%z:*";
    clerk.register(clerk.bin1, serial);

    Api.Response r =
        clerk.api.get(
            "/api/v1/units/01/"
                + clerk.gtin
                + "/21/"
                + URLEncoder.encode(serial, StandardCharsets.UTF_8));

    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    assertThat(r.at("/serial").asString()).isEqualTo(serial);
    assertThat(r.at("/gtin").asString()).isEqualTo(clerk.gtin);
    assertThat(
            ok(clerk.api.get("/api/v1" + "/units" + r.at("/digitalLink").asString()))
                .at("/serial")
                .asString())
        .as("the unit's own digitalLink leads back to it")
        .isEqualTo(serial);
  }

  @Test
  void unitWhoseSerialHoldsASlashOrAPercentSignIsAddressedByItsEncodedDigitalLink() {
    Clerk clerk = Clerk.inSharedClient(admin, port);
    clerk.register(clerk.bin1, "AB/12", "50%OFF");

    for (String serial : List.of("AB/12", "50%OFF")) {
      String path =
          "/api/v1/units/01/"
              + clerk.gtin
              + "/21/"
              + URLEncoder.encode(serial, StandardCharsets.UTF_8);
      Api.Response unit = clerk.api.get(path);
      assertThat(unit.status()).as(serial + ": " + unit).isEqualTo(200);
      assertThat(unit.at("/serial").asString()).isEqualTo(serial);
      Api.Response moved = clerk.api.post(path + "/move", map("location", clerk.bin2));
      assertThat(moved.status()).as(serial + ": " + moved).isEqualTo(200);
      assertThat(ok(clerk.api.get(path + "/history")).at("/items").size()).isEqualTo(2);
    }
  }

  @Test
  void gtin13InTheLinkFindsTheUnitOfItsGtin14() {
    Clerk clerk = Clerk.inSharedClient(admin, port);
    clerk.register(clerk.bin1, "SN-1");

    Api.Response r = clerk.api.get("/api/v1/units/01/" + clerk.gtin.substring(1) + "/21/SN-1");

    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    assertThat(r.at("/gtin").asString()).isEqualTo(clerk.gtin);
  }

  @Test
  void unknownUnitAndMalformedGtinAreRefusedClearly() {
    Clerk clerk = Clerk.inSharedClient(admin, port);

    Api.Response unknown = clerk.api.get(clerk.unitPath("NOPE"));
    Api.Response malformed = clerk.api.get("/api/v1/units/01/12345/21/SN-1");

    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.problemCode()).isEqualTo("unknown-unit");
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.problemCode()).isEqualTo("invalid-gtin");
    assertThat(malformed.at("/field").asString()).isEqualTo("gtin");
  }

  @Test
  void historyTellsWhoDidWhatWhereWhyAndWhenInOrder() {
    Clerk clerk = Clerk.inSharedClient(admin, port);
    Api gun = clerk.colleague(admin, port, "gun-7");
    ok(
        clerk.api.post(
            "/api/v1/units",
            map(
                "location",
                clerk.dock,
                "units",
                list(clerk.unitKey("SN-1")),
                "eventTime",
                "2026-05-04T06:30:00-04:00",
                "bizTransactions",
                list(map("type", "po", "id", "PO-1")))));
    ok(
        gun.post(
            clerk.unitPath("SN-1") + "/move",
            map(
                "location",
                clerk.bin1,
                "device",
                "HH-7",
                "scan",
                "]C1" + "01" + clerk.gtin + "21SN-1")));
    ok(
        clerk.api.post(
            clerk.unitPath("SN-1") + "/holds", map("hold", "QC", "reason", "sample 3 of 10")));

    JsonNode items = ok(clerk.api.get(clerk.unitPath("SN-1") + "/history")).at("/items");

    assertThat(items.size()).isEqualTo(3);
    assertThat(items.get(0).path("seq").asInt()).isEqualTo(1);
    assertThat(items.get(0).path("type").asString()).isEqualTo("REGISTERED");
    assertThat(items.get(0).path("eventTime").asString()).isEqualTo("2026-05-04T06:30:00-04:00");
    assertThat(items.get(0).path("location").asString()).isEqualTo(clerk.dock);
    assertThat(items.get(0).path("bizTransactions").get(0).path("id").asString()).isEqualTo("PO-1");
    JsonNode move = items.get(1);
    assertThat(move.path("seq").asInt()).isEqualTo(2);
    assertThat(move.path("type").asString()).isEqualTo("MOVED");
    assertThat(move.path("who").asString()).isEqualTo("token:admin/gun-7");
    assertThat(move.path("device").asString()).isEqualTo("HH-7");
    assertThat(move.path("scan").asString()).isEqualTo("]C101" + clerk.gtin + "21SN-1");
    assertThat(move.path("readPoint").asString()).isEqualTo(clerk.bin1);
    assertThat(move.path("location").asString()).isEqualTo(clerk.bin1);
    assertThat(move.path("state").asString()).isEqualTo("STORED");
    assertThat(move.path("bizStep").asString()).isEqualTo("storing");
    assertThat(move.path("details").path("to").asString()).isEqualTo(clerk.bin1);
    assertThat(move.path("recordedAt").asString()).isNotBlank();
    assertThat(move.path("prevHash").asString()).isEqualTo(items.get(0).path("hash").asString());
    JsonNode hold = items.get(2);
    assertThat(hold.path("who").asString()).isEqualTo(clerk.who());
    assertThat(hold.path("details").path("reason").asString()).isEqualTo("sample 3 of 10");
    assertThat(hold.path("disposition").asString()).isEqualTo("non_sellable_other");
    assertThat(hold.path("holds").toString()).isEqualTo("[\"QC\"]");
    assertThat(hold.path("location").asString())
        .as("where the unit was when it was held")
        .isEqualTo(clerk.bin1);
  }

  @Test
  void longHistoryIsReadPageByPage() {
    Clerk clerk = Clerk.inSharedClient(admin, port);
    clerk.register(clerk.dock, "SN-1");
    for (int i = 0; i < 4; i++) {
      ok(
          clerk.api.post(
              clerk.unitPath("SN-1") + "/move",
              map("location", i % 2 == 0 ? clerk.bin1 : clerk.bin2)));
    }

    List<Integer> seqs = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      JsonNode page =
          ok(clerk.api.get(
                  clerk.unitPath("SN-1")
                      + "/history?limit=2"
                      + (cursor == null ? "" : "&cursor=" + cursor)))
              .json();
      page.path("items").forEach(e -> seqs.add(e.path("seq").asInt()));
      cursor =
          page.path("next").isMissingNode() || page.path("next").isNull()
              ? null
              : page.path("next").asString();
      pages++;
    } while (cursor != null && pages < 10);

    assertThat(seqs).containsExactly(1, 2, 3, 4, 5);
    assertThat(pages).isEqualTo(3);
  }

  @Test
  void searchFindsUnitsBySkuLotStateHoldAndContainer() {
    Clerk clerk = Clerk.forNewClient(admin, port);
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
                    map("gtin", vaccine, "serial", "V2", "lot", "L-A", "expiry", "2027-01-31"),
                    map("gtin", vaccine, "serial", "V3", "lot", "L-B", "expiry", "2027-06-30")))));
    String vaccineSku = ok(clerk.api.get(Floor.path(vaccine, "V1"))).at("/sku").asString();
    clerk.register(clerk.dock, "SN-1", "SN-2", "SN-3");
    ok(clerk.api.post(clerk.unitPath("SN-1") + "/holds", map("hold", "RECALL", "reason", "r")));
    ok(clerk.api.post(Floor.path(vaccine, "V2") + "/holds", map("hold", "EXPIRED", "reason", "e")));
    ok(
        clerk.api.post(
            clerk.unitPath("SN-3") + "/adjustments", map("kind", "LOST", "reason", "count")));
    String pallet = clerk.container("PALLET", clerk.bin2);
    String kase = clerk.container("CASE", clerk.bin2);
    ok(
        clerk.api.post(
            "/api/v1/units/pack", map("units", list(clerk.unitKey("SN-2")), "into", pallet)));
    ok(
        clerk.api.post(
            "/api/v1/units/pack",
            map("units", list(map("gtin", vaccine, "serial", "V3")), "into", kase)));
    ok(clerk.api.post("/api/v1/containers/" + kase + "/pack", map("into", pallet)));

    assertThat(serials(clerk, "sku=" + vaccineSku)).containsExactly("V1", "V2", "V3");
    assertThat(serials(clerk, "sku=" + clerk.sku)).containsExactly("SN-1", "SN-2", "SN-3");
    assertThat(serials(clerk, "gtin=" + vaccine)).containsExactly("V1", "V2", "V3");
    assertThat(serials(clerk, "lot=L-A")).containsExactly("V1", "V2");
    assertThat(serials(clerk, "state=MISSING")).containsExactly("SN-3");
    assertThat(serials(clerk, "state=RECEIVED")).containsExactly("SN-1", "SN-2");
    assertThat(serials(clerk, "hold=RECALL")).containsExactly("SN-1");
    assertThat(serials(clerk, "hold=expired")).containsExactly("V2");
    assertThat(serials(clerk, "hold=ANY")).containsExactly("V2", "SN-1");
    assertThat(serials(clerk, "container=" + pallet))
        .as("units on the pallet and in the case on it")
        .containsExactlyInAnyOrder("SN-2", "V3");
    assertThat(serials(clerk, "container=" + kase)).containsExactly("V3");
    assertThat(serials(clerk, "sku=" + vaccineSku + "&lot=L-A&hold=ANY")).containsExactly("V2");
  }

  @Test
  void searchByLocationCoversTheBinsOfAZone() {
    Clerk clerk = Clerk.forNewClient(admin, port);
    clerk.register(clerk.bin1, "IN-B1");
    clerk.register(clerk.bin2, "IN-B2");
    clerk.register(clerk.dock, "ON-DOCK");

    assertThat(serials(clerk, "location=" + clerk.bin1)).containsExactly("IN-B1");
    assertThat(serials(clerk, "location=" + clerk.zone)).containsExactly("IN-B1", "IN-B2");
    assertThat(serials(clerk, "location=" + clerk.dock)).containsExactly("ON-DOCK");
    Api.Response unknown = clerk.api.get("/api/v1/units?location=NOWHERE-" + unique("X"));
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.problemCode()).isEqualTo("unknown-location");
    assertThat(unknown.at("/field").asString()).isEqualTo("location");
  }

  @Test
  void searchByCustomFieldAndByAnyIdentifier() {
    Clerk clerk = Clerk.forNewClient(admin, port);
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
                        clerk.gtin,
                        "serial",
                        "SN-1",
                        "fields",
                        map("IMEI", "356938035643809")),
                    map(
                        "gtin",
                        clerk.gtin,
                        "serial",
                        "SN-2",
                        "fields",
                        map("IMEI", "490154203237518")),
                    map("gtin", clerk.gtin, "serial", "356938035643809")))));

    assertThat(serials(clerk, "field=IMEI:490154203237518")).containsExactly("SN-2");
    assertThat(serials(clerk, "field=IMEI:000000000000000")).isEmpty();
    assertThat(serials(clerk, "identifier=SN-1")).containsExactly("SN-1");
    assertThat(serials(clerk, "identifier=490154203237518")).containsExactly("SN-2");
    assertThat(serials(clerk, "identifier=356938035643809"))
        .as("a serial and an IMEI that read the same")
        .containsExactly("SN-1", "356938035643809");
    Api.Response malformed = clerk.api.get("/api/v1/units?field=IMEI");
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.at("/field").asString()).isEqualTo("field");
  }

  @Test
  void searchSeesOnlyTheUnitsOfItsOwnClient() {
    Clerk mine = Clerk.forNewClient(admin, port);
    Clerk theirs = Clerk.inSharedClient(admin, port);
    mine.register(mine.bin1, "SN-1");
    theirs.register(theirs.bin1, "SN-1", "SN-2");

    assertThat(serials(mine, "identifier=SN-2")).isEmpty();
    assertThat(serials(mine, "location=" + theirs.bin1))
        .as("their units share the bin but not the books")
        .containsExactly("SN-1");
    assertThat(serials(mine, "")).containsExactly("SN-1");
  }

  @Test
  void pagingThroughTwoHundredFiftyUnitsReturnsEachExactlyOnce() {
    Clerk clerk = Clerk.inSharedClient(admin, port);
    List<String> registered = Floor.serials("P-", 250);
    ok(clerk.api.post("/api/v1/units", clerk.registration(clerk.bin1, registered)));

    List<String> seen = new ArrayList<>();
    List<Integer> pageSizes = new ArrayList<>();
    String cursor = null;
    do {
      JsonNode page =
          ok(clerk.api.get(
                  "/api/v1/units?sku="
                      + clerk.sku
                      + "&limit=100"
                      + (cursor == null ? "" : "&cursor=" + cursor)))
              .json();
      page.path("items").forEach(u -> seen.add(u.path("serial").asString()));
      pageSizes.add(page.path("items").size());
      cursor =
          page.path("next").isMissingNode() || page.path("next").isNull()
              ? null
              : page.path("next").asString();
    } while (cursor != null && pageSizes.size() < 10);

    assertThat(pageSizes).containsExactly(100, 100, 50);
    assertThat(seen).hasSize(250).doesNotHaveDuplicates();
    assertThat(new HashSet<>(seen)).isEqualTo(new HashSet<>(registered));
  }

  @Test
  void invalidCursorOrLimitIsABadRequest() {
    Clerk clerk = Clerk.inSharedClient(admin, port);
    clerk.register(clerk.bin1, "SN-1");

    for (String path :
        List.of(
            "/api/v1/units?cursor=not*a*cursor",
            clerk.unitPath("SN-1") + "/history?cursor=%2F%2F",
            "/api/v1/stock?cursor=x.y",
            "/api/v1/stock?cursor=1.2.3.4")) {
      Api.Response r = clerk.api.get(path);
      assertThat(r.status()).as(path + " → " + r).isEqualTo(400);
      assertThat(r.problemCode()).isEqualTo("invalid-cursor");
      assertThat(r.at("/field").asString()).isEqualTo("cursor");
    }
    for (String limit : List.of("0", "1001", "-5")) {
      Api.Response r = clerk.api.get("/api/v1/units?limit=" + limit);
      assertThat(r.status()).as(limit).isEqualTo(400);
      assertThat(r.at("/field").asString()).isEqualTo("limit");
    }
    Api.Response badState = clerk.api.get("/api/v1/units?state=FLYING");
    assertThat(badState.status()).isEqualTo(400);
    assertThat(badState.at("/field").asString()).isEqualTo("state");
    Api.Response badHold = clerk.api.get("/api/v1/units?hold=STOLEN");
    assertThat(badHold.status()).isEqualTo(400);
    assertThat(badHold.at("/field").asString()).isEqualTo("hold");
  }

  @Test
  void stockCountsUnitsInTheBuildingByLocationProductAndLot() {
    Clerk clerk = Clerk.forNewClient(admin, port);
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
                    map("gtin", vaccine, "serial", "V2", "lot", "L-A", "expiry", "2027-01-31"),
                    map("gtin", vaccine, "serial", "V3", "lot", "L-A", "expiry", "2027-01-31")))));
    ok(
        clerk.api.post(
            "/api/v1/units",
            map(
                "location",
                clerk.bin2,
                "units",
                list(
                    map("gtin", vaccine, "serial", "V4", "lot", "L-B", "expiry", "2027-06-30"),
                    map("gtin", vaccine, "serial", "V5", "lot", "L-B", "expiry", "2027-06-30")))));
    clerk.register(clerk.bin1, "SN-1", "SN-2", "SN-3", "SN-4");
    ok(clerk.api.post(Floor.path(vaccine, "V1") + "/holds", map("hold", "QC", "reason", "sample")));
    ok(
        clerk.api.post(
            clerk.unitPath("SN-4") + "/adjustments", map("kind", "LOST", "reason", "count")));
    ok(
        clerk.api.post(
            "/api/v1/units", map("expected", true, "units", list(clerk.unitKey("SN-9")))));

    JsonNode bin1 = ok(clerk.api.get("/api/v1/stock?location=" + clerk.bin1)).at("/items");
    assertThat(bin1.size()).isEqualTo(2);
    JsonNode lotA = line(bin1, "L-A");
    assertThat(lotA.path("location").asString()).isEqualTo(clerk.bin1);
    assertThat(lotA.path("expiry").asString()).isEqualTo("2027-01-31");
    assertThat(lotA.path("quantity").asLong()).isEqualTo(3);
    assertThat(lotA.path("available").asLong()).isEqualTo(2);
    assertThat(lotA.path("held").asLong()).isEqualTo(1);
    JsonNode phones = line(bin1, null);
    assertThat(phones.path("sku").asString()).isEqualTo(clerk.sku);
    assertThat(phones.path("quantity").asLong())
        .as("the missing phone is not in stock")
        .isEqualTo(3);

    JsonNode zone = ok(clerk.api.get("/api/v1/stock?location=" + clerk.zone)).at("/items");
    assertThat(zone.size()).isEqualTo(3);
    JsonNode bySku =
        ok(clerk.api.get("/api/v1/stock?sku=" + lotA.path("sku").asString())).at("/items");
    assertThat(bySku.size()).isEqualTo(2);
    JsonNode byLot = ok(clerk.api.get("/api/v1/stock?lot=L-B")).at("/items");
    assertThat(byLot.size()).isEqualTo(1);
    assertThat(byLot.get(0).path("quantity").asLong()).isEqualTo(2);
    assertThat(byLot.get(0).path("location").asString()).isEqualTo(clerk.bin2);
    JsonNode expiringSoon =
        ok(clerk.api.get("/api/v1/stock?expiresBefore=2027-03-01")).at("/items");
    assertThat(expiringSoon.size()).isEqualTo(1);
    assertThat(expiringSoon.get(0).path("lot").asString()).isEqualTo("L-A");

    List<String> paged = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      JsonNode page =
          ok(clerk.api.get("/api/v1/stock?limit=1" + (cursor == null ? "" : "&cursor=" + cursor)))
              .json();
      page.path("items")
          .forEach(
              l ->
                  paged.add(
                      l.path("location").asString()
                          + "/"
                          + l.path("sku").asString()
                          + "/"
                          + l.path("lot").asString("")));
      cursor =
          page.path("next").isMissingNode() || page.path("next").isNull()
              ? null
              : page.path("next").asString();
      pages++;
    } while (cursor != null && pages < 10);
    assertThat(paged).hasSize(3).doesNotHaveDuplicates();
  }

  private static JsonNode line(JsonNode lines, String lot) {
    for (JsonNode l : lines) {
      boolean noLot = l.path("lot").isMissingNode() || l.path("lot").isNull();
      if (lot == null ? noLot : lot.equals(l.path("lot").asString())) {
        return l;
      }
    }
    throw new AssertionError("no stock line of lot " + lot + " in " + lines);
  }

  private static List<String> serials(Clerk clerk, String query) {
    JsonNode page = ok(clerk.api.get("/api/v1/units?limit=1000&" + query)).json();
    List<String> serials = new ArrayList<>();
    page.path("items").forEach(u -> serials.add(u.path("serial").asString()));
    Set<String> distinct = new HashSet<>(serials);
    assertThat(distinct).as("no unit twice").hasSameSizeAs(serials);
    return serials;
  }
}
