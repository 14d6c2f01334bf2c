package io.unitrace.returns;

import static io.unitrace.support.Api.list;
import static io.unitrace.support.Api.map;
import static io.unitrace.support.Site.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.unitrace.support.Api;
import io.unitrace.support.IntegrationTest;
import io.unitrace.support.Site;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Warranty claims over HTTP: opened under warranty, or out of it only by a supervisor with a
 * reason; worked on with service records (parts by serial or lot, technician, cost); ended by a
 * repair or by a replacement that both units' histories show.
 */
class WarrantyClaimIT extends IntegrationTest {

  @Autowired JdbcClient db;

  static Map<String, Object> claimFor(WarrantyFloor floor, String serial) {
    return map("gtin", floor.site.gtin, "serial", serial, "problem", "screen flickers");
  }

  @Test
  void aClaimOnAUnitUnderWarrantyIsOpenedAndOnlyOneAtATime() {
    WarrantyFloor floor = new WarrantyFloor(admin, 24);
    String sn = floor.shipNew(1, null).get(0);

    var opened = floor.site.api.post("/api/v1/warranty-claims", claimFor(floor, sn));
    assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
    String number = opened.at("/number").asString();
    assertThat(number).startsWith("WC-");
    assertThat(opened.at("/status").asString()).isEqualTo("OPEN");
    assertThat(opened.at("/inWarranty").asBoolean()).isTrue();
    assertThat(opened.at("/problem").asString()).isEqualTo("screen flickers");

    var second = floor.site.api.post("/api/v1/warranty-claims", claimFor(floor, sn));
    assertThat(second.status()).isEqualTo(409);
    assertThat(second.problemCode()).isEqualTo("claim-open");
    assertThat(second.at("/claim").asString()).isEqualTo(number);

    assertThat(ok(floor.warranty(sn)).at("/claims/0/number").asString()).isEqualTo(number);
    var listed = ok(floor.site.api.get("/api/v1/warranty-claims?status=OPEN"));
    assertThat(listed.at("/items").size()).isEqualTo(1);
    assertThat(listed.at("/items/0/number").asString()).isEqualTo(number);
    assertThat(ok(floor.site.api.get("/api/v1/warranty-claims?status=CLOSED")).at("/items").size())
        .isZero();
  }

  @Test
  void theSameIdempotencyKeyAnswersWithTheFirstClaim() {
    WarrantyFloor floor = new WarrantyFloor(admin, 24);
    String sn = floor.shipNew(1, null).get(0);
    String key = unique("claim-");
    var first = floor.site.api.post("/api/v1/warranty-claims", claimFor(floor, sn), key);
    var again = floor.site.api.post("/api/v1/warranty-claims", claimFor(floor, sn), key);
    assertThat(first.status()).isEqualTo(201);
    assertThat(again.status()).as(again.toString()).isEqualTo(201);
    assertThat(again.at("/number").asString()).isEqualTo(first.at("/number").asString());
  }

  @Test
  void aClaimOutOfWarrantyNeedsASupervisorAndAReason() {
    WarrantyFloor floor = new WarrantyFloor(admin, 12);
    String sn = floor.shipNew(1, "2020-01-15").get(0);
    Api operator = floor.site.personApi(admin, port, "OPERATOR");

    var refused = operator.post("/api/v1/warranty-claims", claimFor(floor, sn));
    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.problemCode()).isEqualTo("not-under-warranty");
    assertThat(refused.at("/warranty").asString()).isEqualTo("EXPIRED");
    assertThat(refused.at("/warrantyEnd").asString()).isEqualTo("2021-01-15");
    assertThat(refused.at("/field").asString()).isEqualTo("outOfWarrantyReason");

    Map<String, Object> goodwill = claimFor(floor, sn);
    goodwill.put("outOfWarrantyReason", "goodwill: loyal customer");
    var byOperator = operator.post("/api/v1/warranty-claims", goodwill);
    assertThat(byOperator.status()).isEqualTo(403);
    assertThat(count("warranty_claim", floor)).isZero();

    Api supervisor = floor.site.personApi(admin, port, "SUPERVISOR");
    var accepted = supervisor.post("/api/v1/warranty-claims", goodwill);
    assertThat(accepted.status()).as(accepted.toString()).isEqualTo(201);
    assertThat(accepted.at("/inWarranty").asBoolean()).isFalse();
    assertThat(accepted.at("/outOfWarrantyReason").asString())
        .isEqualTo("goodwill: loyal customer");
    assertThat(accepted.at("/acceptedBy").asString()).startsWith("user:supervisor");
  }

  @Test
  void serviceRecordsKeepTheWorkThePartsByWhomAndTheCost() {
    WarrantyFloor floor = new WarrantyFloor(admin, 24);
    String sn = floor.shipNew(1, null).get(0);
    String number =
        ok(floor.site.api.post("/api/v1/warranty-claims", claimFor(floor, sn)))
            .at("/number")
            .asString();
    String partGtin = Site.randomGtin();
    String key = unique("svc-");
    Map<String, Object> service =
        map(
            "claim",
            number,
            "work",
            "replaced the display and the battery",
            "technician",
            "Tom Tech",
            "parts",
            list(
                map("gtin", partGtin, "serial", "DISP-1"),
                map("gtin", partGtin, "lot", "BATT-L7", "quantity", 2)),
            "cost",
            map("amount", "89.5", "currency", "eur"),
            "performedAt",
            "2025-06-01T10:15:00+02:00");
    var recorded = floor.site.api.post("/api/v1/service-records", service, key);
    assertThat(recorded.status()).as(recorded.toString()).isEqualTo(201);
    assertThat(recorded.at("/claim").asString()).isEqualTo(number);
    assertThat(recorded.at("/serial").asString()).isEqualTo(sn);
    assertThat(recorded.at("/technician").asString()).isEqualTo("Tom Tech");
    assertThat(recorded.at("/cost/amount").asString()).isEqualTo("89.50");
    assertThat(recorded.at("/cost/currency").asString()).isEqualTo("EUR");
    assertThat(recorded.at("/parts/0/serial").asString()).isEqualTo("DISP-1");
    assertThat(recorded.at("/parts/0/quantity").asLong()).isEqualTo(1);
    assertThat(recorded.at("/parts/1/lot").asString()).isEqualTo("BATT-L7");
    assertThat(recorded.at("/parts/1/quantity").asLong()).isEqualTo(2);
    assertThat(recorded.at("/performedAt").asString()).isEqualTo("2025-06-01T08:15:00Z");

    var repeat = floor.site.api.post("/api/v1/service-records", service, key);
    assertThat(repeat.at("/number").asString()).isEqualTo(recorded.at("/number").asString());

    var claim = ok(floor.site.api.get("/api/v1/warranty-claims/" + number));
    assertThat(claim.at("/serviceRecords").size()).isEqualTo(1);
    assertThat(claim.at("/serviceRecords/0/work").asString())
        .isEqualTo("replaced the display and the battery");
    var ofUnit = ok(floor.site.api.get(floor.warrantyPath(sn) + "/service-records"));
    assertThat(ofUnit.at("/0/parts").size()).isEqualTo(2);

    // without a claim, by the unit's scan; the technician defaults to who records it
    var plain =
        floor.site.api.post(
            "/api/v1/service-records", map("scan", floor.scan(sn), "work", "cleaned the port"));
    assertThat(plain.status()).isEqualTo(201);
    assertThat(plain.at("/claim").isMissingNode()).isTrue();
    assertThat(plain.at("/technician").asString()).isEqualTo("admin");
    assertThat(ok(floor.site.api.get(floor.warrantyPath(sn) + "/service-records")).json().size())
        .isEqualTo(2);
  }

  @Test
  void aBadServiceRecordIsRefusedNamingTheFieldAndWritesNothing() {
    WarrantyFloor floor = new WarrantyFloor(admin, 24);
    String sn = floor.shipNew(1, null).get(0);
    Map<String, Map<String, Object>> cases = new java.util.LinkedHashMap<>();
    cases.put(
        "parts[1].quantity",
        map(
            "gtin",
            floor.site.gtin,
            "serial",
            sn,
            "work",
            "x",
            "parts",
            list(
                map("gtin", Site.randomGtin(), "serial", "P1"),
                map("gtin", Site.randomGtin(), "lot", "L1"))));
    cases.put(
        "parts[0].gtin",
        map("gtin", floor.site.gtin, "serial", sn, "work", "x", "parts", list(map("gtin", "123"))));
    cases.put(
        "cost.amount",
        map(
            "gtin",
            floor.site.gtin,
            "serial",
            sn,
            "work",
            "x",
            "cost",
            map("amount", "1.234", "currency", "EUR")));
    cases.put(
        "cost.currency",
        map(
            "gtin",
            floor.site.gtin,
            "serial",
            sn,
            "work",
            "x",
            "cost",
            map("amount", "1", "currency", "XYZ")));
    cases.put("work", map("gtin", floor.site.gtin, "serial", sn));
    for (var c : cases.entrySet()) {
      var r = floor.site.api.post("/api/v1/service-records", c.getValue());
      assertThat(r.status()).as(c.getKey() + " " + r).isEqualTo(400);
      assertThat(r.at("/field").asString()).isEqualTo(c.getKey());
    }
    assertThat(count("service_record", floor)).isZero();
  }

  @Test
  void aClaimMovesThroughItsLifecycleAndRefusesSkippedSteps() {
    WarrantyFloor floor = new WarrantyFloor(admin, 24);
    String sn = floor.shipNew(1, null).get(0);
    String number =
        ok(floor.site.api.post("/api/v1/warranty-claims", claimFor(floor, sn)))
            .at("/number")
            .asString();
    String path = "/api/v1/warranty-claims/" + number + "/status";

    var early = floor.site.api.post(path, map("status", "CLOSED"));
    assertThat(early.status()).isEqualTo(409);
    assertThat(early.problemCode()).isEqualTo("claim-transition");
    assertThat(early.at("/from").asString()).isEqualTo("OPEN");

    Api operator = floor.site.personApi(admin, port, "OPERATOR");
    assertThat(operator.post(path, map("status", "APPROVED")).status()).isEqualTo(403);
    assertThat(ok(floor.site.api.post(path, map("status", "APPROVED"))).at("/status").asString())
        .isEqualTo("APPROVED");
    var repaired = ok(operator.post(path, map("status", "REPAIRED", "note", "new display")));
    assertThat(repaired.at("/status").asString()).isEqualTo("REPAIRED");
    assertThat(repaired.at("/note").asString()).isEqualTo("new display");
    assertThat(ok(operator.post(path, map("status", "CLOSED"))).at("/status").asString())
        .isEqualTo("CLOSED");
    var viaStatus = floor.site.api.post(path, map("status", "REPLACED"));
    assertThat(viaStatus.status()).isEqualTo(422);

    // a closed claim frees the unit for the next one
    assertThat(floor.site.api.post("/api/v1/warranty-claims", claimFor(floor, sn)).status())
        .isEqualTo(201);
    var service =
        floor.site.api.post("/api/v1/service-records", map("claim", number, "work", "too late"));
    assertThat(service.status()).isEqualTo(409);
    assertThat(service.problemCode()).isEqualTo("claim-not-in-service");
  }

  @Test
  void aReplacementLinksTheNewSerialToTheClaimAndBothHistoriesShowIt() {
    WarrantyFloor floor = new WarrantyFloor(admin, 24);
    String original = floor.shipNew(1, null).get(0);
    String number =
        ok(floor.site.api.post("/api/v1/warranty-claims", claimFor(floor, original)))
            .at("/number")
            .asString();
    String path = "/api/v1/warranty-claims/" + number + "/replacement";

    // the replacement must have gone to the customer through an outbound order
    String inStock = floor.stock(1).get(0);
    var notShipped = floor.site.api.post(path, map("gtin", floor.site.gtin, "serial", inStock));
    assertThat(notShipped.status()).isEqualTo(409);
    assertThat(notShipped.problemCode()).isEqualTo("replacement-not-shipped");
    var itself = floor.site.api.post(path, map("gtin", floor.site.gtin, "serial", original));
    assertThat(itself.status()).isEqualTo(422);
    String otherGtin = Site.randomGtin();
    String otherSku = unique("CASE");
    ok(
        floor.site.api.post(
            "/api/v1/products",
            map("sku", otherSku, "name", "Case", "gtins", list(otherGtin), "tracking", "SERIAL")));
    String otherSerial = unique("SN");
    ok(
        floor.site.api.post(
            "/api/v1/units",
            map("expected", true, "units", list(map("gtin", otherGtin, "serial", otherSerial)))));
    var otherProduct = floor.site.api.post(path, map("gtin", otherGtin, "serial", otherSerial));
    assertThat(otherProduct.status()).isEqualTo(422);
    assertThat(otherProduct.problemCode()).isEqualTo("replacement-other-product");

    String replacement = floor.shipNew(1, null).get(0);
    int heardBefore = WarrantyReplacementsHeard.HEARD.size();
    String key = unique("replace-");
    var replaced =
        floor.site.api.post(
            path, map("scan", floor.scan(replacement), "note", "swapped at the counter"), key);
    assertThat(replaced.status()).as(replaced.toString()).isEqualTo(200);
    assertThat(replaced.at("/status").asString()).isEqualTo("REPLACED");
    assertThat(replaced.at("/replacement/serial").asString()).isEqualTo(replacement);
    long event = replaced.at("/replacementEvent").asLong();

    for (String serial : List.of(original, replacement)) {
      JsonNode last = null;
      for (JsonNode e :
          ok(floor.site.api.get(floor.site.unitPath(serial) + "/history")).at("/items")) {
        last = e;
      }
      assertThat(last.path("type").asString()).as(serial).isEqualTo("REPLACED");
      assertThat(last.path("eventId").asLong()).isEqualTo(event);
      assertThat(last.path("state").asString()).as("a note changes no state").isEqualTo("SHIPPED");
      assertThat(last.path("details").path("claim").asString()).isEqualTo(number);
      assertThat(last.path("details").path("original").asString())
          .isEqualTo(floor.site.gtin + "/" + original);
      assertThat(last.path("details").path("replacement").asString())
          .isEqualTo(floor.site.gtin + "/" + replacement);
    }
    var originalCard = ok(floor.warranty(original));
    assertThat(originalCard.at("/replacedBy/serial").asString()).isEqualTo(replacement);
    assertThat(originalCard.at("/replacedBy/claim").asString()).isEqualTo(number);
    var replacementCard = ok(floor.warranty(replacement));
    assertThat(replacementCard.at("/replaces/serial").asString()).isEqualTo(original);

    List<WarrantyReplacementsHeard.Heard> heard =
        new ArrayList<>(
            WarrantyReplacementsHeard.HEARD.subList(
                heardBefore, WarrantyReplacementsHeard.HEARD.size()));
    heard.removeIf(h -> h.event().claimId() != WarrantyClaims.id(number).orElseThrow());
    assertThat(heard).hasSize(1);
    assertThat(heard.get(0).inTransaction()).isTrue();
    assertThat(heard.get(0).event().originalUnitId()).isEqualTo(unitId(floor, original));
    assertThat(heard.get(0).event().replacementUnitId()).isEqualTo(unitId(floor, replacement));

    // the same request again changes nothing; another unit is refused, and so is reusing this one
    long before = historySize(floor, original);
    var repeat =
        floor.site.api.post(path, map("gtin", floor.site.gtin, "serial", replacement), key);
    assertThat(repeat.status()).isEqualTo(200);
    assertThat(repeat.at("/replacementEvent").asLong()).isEqualTo(event);
    var plainRepeat =
        floor.site.api.post(path, map("gtin", floor.site.gtin, "serial", replacement));
    assertThat(plainRepeat.status()).isEqualTo(200);
    assertThat(historySize(floor, original)).isEqualTo(before);
    String second = floor.shipNew(1, null).get(0);
    var another = floor.site.api.post(path, map("gtin", floor.site.gtin, "serial", second));
    assertThat(another.status()).isEqualTo(409);
    assertThat(another.problemCode()).isEqualTo("claim-transition");
    String otherClaim =
        ok(floor.site.api.post("/api/v1/warranty-claims", claimFor(floor, second)))
            .at("/number")
            .asString();
    var reused =
        floor.site.api.post(
            "/api/v1/warranty-claims/" + otherClaim + "/replacement",
            map("gtin", floor.site.gtin, "serial", replacement));
    assertThat(reused.status()).isEqualTo(409);
    assertThat(reused.problemCode()).isEqualTo("already-a-replacement");
    assertThat(
            WarrantyReplacementsHeard.HEARD.stream()
                .filter(h -> h.event().replacementUnitId() == unitId(floor, replacement))
                .count())
        .isEqualTo(1);
    var verified = ok(floor.site.api.post("/api/v1/ledger/verify", null));
    assertThat(verified.at("/intact").asBoolean()).isTrue();
  }

  @Test
  void anotherClientsClaimsAndUnitsStayOutOfReach() {
    WarrantyFloor b = new WarrantyFloor(admin, 24);
    String sn = b.shipNew(1, null).get(0);
    String number =
        ok(b.site.api.post("/api/v1/warranty-claims", claimFor(b, sn))).at("/number").asString();
    WarrantyFloor a = new WarrantyFloor(admin, 24);

    assertThat(a.site.api.get("/api/v1/warranty-claims/" + number).status()).isEqualTo(404);
    assertThat(
            a.site
                .api
                .post("/api/v1/warranty-claims/" + number + "/status", map("status", "APPROVED"))
                .status())
        .isEqualTo(404);
    assertThat(a.site.api.post("/api/v1/warranty-claims", claimFor(b, sn)).status()).isEqualTo(404);
    assertThat(
            a.site.api.post("/api/v1/service-records", map("claim", number, "work", "x")).status())
        .isEqualTo(404);
    assertThat(ok(a.site.api.get("/api/v1/warranty-claims")).at("/items").size()).isZero();
    assertThat(ok(b.site.api.get("/api/v1/warranty-claims/" + number)).at("/status").asString())
        .isEqualTo("OPEN");
  }

  private long historySize(WarrantyFloor floor, String serial) {
    return ok(floor.site.api.get(floor.site.unitPath(serial) + "/history")).at("/items").size();
  }

  private long unitId(WarrantyFloor floor, String serial) {
    return db.sql("SELECT id FROM unit WHERE gtin = ? AND serial = ?")
        .params(floor.site.gtin, serial)
        .query(Long.class)
        .single();
  }

  private long count(String table, WarrantyFloor floor) {
    return db.sql(
            "SELECT count(*) FROM "
                + table
                + " t JOIN tenant n ON n.id = t.tenant_id WHERE n.code = ?")
        .param(floor.site.tenant)
        .query(Long.class)
        .single();
  }
}
