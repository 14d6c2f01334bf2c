package io.unitrace.returns;

import static io.unitrace.support.Api.map;
import static io.unitrace.support.Site.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.unitrace.support.Api;
import io.unitrace.support.IntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.JsonNode;

/**
 * End customers register their warranty without signing in. They learn nothing but a reference;
 * suspicious registrations are kept, flagged, for the client to see in the warranty lookup; a
 * caller that sends too many is slowed down. A registration nobody doubts activates the unit's
 * licence key; a doubted one leaves it as it was.
 */
class WarrantyRegistrationIT extends IntegrationTest {

  @Value("${unitrace.warranty.registrations.burst}")
  int burst;

  static String yesterday() {
    return LocalDate.now(ZoneOffset.UTC).minusDays(1).toString();
  }

  Api.Response register(String client, Map<String, Object> form) {
    return Api.anonymous(port).post("/api/v1/public/" + client + "/warranty-registrations", form);
  }

  static Map<String, Object> form(WarrantyFloor floor, String serial, String email) {
    return map(
        "gtin",
        floor.site.gtin,
        "serial",
        serial,
        "purchaseDate",
        yesterday(),
        "contact",
        map("name", "Carla Customer", "email", email));
  }

  @Test
  void aBuyerRegistersAShippedUnitAndLearnsOnlyAReference() {
    WarrantyFloor floor = new WarrantyFloor(admin, 24);
    String sn = floor.shipNew(1, LocalDate.now(ZoneOffset.UTC).minusDays(5).toString()).get(0);

    var r = register(floor.site.tenant, form(floor, sn, "Carla@Example.com"));
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    assertThat(r.at("/reference").asString()).startsWith("WR-");
    assertThat(r.at("/purchaseDate").asString()).isEqualTo(yesterday());
    // nothing of the sale, the client or other parties
    assertThat(r.body())
        .doesNotContain("Ann Buyer")
        .doesNotContain(floor.site.tenant)
        .doesNotContain(floor.site.sku)
        .doesNotContain("WEB");

    var w = ok(floor.warranty(sn));
    assertThat(w.at("/registrations").size()).isEqualTo(1);
    assertThat(w.at("/registrations/0/reference").asString())
        .isEqualTo(r.at("/reference").asString());
    assertThat(w.at("/registrations/0/email").asString()).isEqualTo("carla@example.com");
    assertThat(w.at("/registrations/0/name").asString()).isEqualTo("Carla Customer");
    assertThat(w.at("/registrations/0/source").asString()).isEqualTo("API");
    assertThat(w.at("/registrations/0/flagged").asBoolean()).isFalse();
    // shipped by us: the warranty still runs from the ship date
    assertThat(w.at("/basis").asString()).isEqualTo("SHIP_DATE");
  }

  @Test
  void theSamePartyRegisteringAgainFindsItsFirstRegistration() {
    WarrantyFloor floor = new WarrantyFloor(admin, 24);
    String sn = floor.shipNew(1, LocalDate.now(ZoneOffset.UTC).minusDays(5).toString()).get(0);
    var first = register(floor.site.tenant, form(floor, sn, "dan@example.com"));
    assertThat(first.status()).isEqualTo(201);
    var again = register(floor.site.tenant, form(floor, sn, " DAN@example.com "));
    assertThat(again.status()).as(again.toString()).isEqualTo(200);
    assertThat(again.at("/reference").asString()).isEqualTo(first.at("/reference").asString());

    var w = ok(floor.warranty(sn));
    assertThat(w.at("/registrations").size()).isEqualTo(1);
    assertThat(w.at("/flagged").asBoolean()).isFalse();
  }

  @Test
  void aSerialRegisteredByASecondPartyFlagsBothRegistrations() {
    WarrantyFloor floor = new WarrantyFloor(admin, 24);
    String sn = floor.shipNew(1, LocalDate.now(ZoneOffset.UTC).minusDays(5).toString()).get(0);
    assertThat(register(floor.site.tenant, form(floor, sn, "first@example.com")).status())
        .isEqualTo(201);
    var second = register(floor.site.tenant, form(floor, sn, "second@example.com"));
    // the second party is told nothing about the first
    assertThat(second.status()).isEqualTo(201);
    assertThat(second.body()).doesNotContain("first@example.com");

    var w = ok(floor.warranty(sn));
    assertThat(w.at("/flagged").asBoolean()).isTrue();
    assertThat(w.at("/registrations").size()).isEqualTo(2);
    for (int i = 0; i < 2; i++) {
      assertThat(w.at("/registrations/" + i + "/flagged").asBoolean()).isTrue();
      assertThat(w.at("/registrations/" + i + "/flags").toString())
          .contains("registered-by-another-party");
    }
  }

  @Test
  void aUnitStillInOurWarehouseOrBoughtBeforeWeShippedItIsFlagged() {
    WarrantyFloor floor = new WarrantyFloor(admin, 24);
    String inStock = floor.stock(1).get(0);
    var r = register(floor.site.tenant, form(floor, inStock, "eve@example.com"));
    assertThat(r.status()).isEqualTo(201);
    var w = ok(floor.warranty(inStock));
    assertThat(w.at("/registrations/0/flags").toString()).contains("in-stock");
    // a flagged registration does not start a warranty
    assertThat(w.at("/status").asString()).isEqualTo("UNKNOWN");

    String shipped = floor.shipNew(1, null).get(0);
    Map<String, Object> early = form(floor, shipped, "eve@example.com");
    early.put("purchaseDate", "2021-03-01");
    assertThat(register(floor.site.tenant, early).status()).isEqualTo(201);
    assertThat(ok(floor.warranty(shipped)).at("/registrations/0/flags").toString())
        .contains("purchased-before-shipped");
  }

  @Test
  void registeringAShippedUnitActivatesItsLicenceAndItsHistorySaysSo() {
    WarrantyFloor floor = new WarrantyFloor(admin, 24);
    importKeys(floor, "KEY-" + unique("A"), "KEY-" + unique("B"));
    String sn = floor.shipNew(1, LocalDate.now(ZoneOffset.UTC).minusDays(5).toString()).get(0);
    String licence = floor.site.unitPath(sn) + "/licence";
    assertThat(ok(floor.site.api.get(licence)).at("/status").asString()).isEqualTo("ISSUED");

    var r = register(floor.site.tenant, form(floor, sn, "ida@example.com"));
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    // the buyer learns nothing of the licence
    assertThat(r.body()).doesNotContain("licence").doesNotContain("ACTIVE");

    var active = ok(floor.site.api.get(licence));
    assertThat(active.at("/status").asString()).isEqualTo("ACTIVE");
    assertThat(active.at("/activatedAt").isMissingNode()).isFalse();
    var history = ok(floor.site.api.get(floor.site.unitPath(sn) + "/history"));
    JsonNode activated = entry(history, "LICENCE_ACTIVATED");
    assertThat(activated).as(history.toString()).isNotNull();
    assertThat(activated.at("/state").asString())
        .as("a note changes no state")
        .isEqualTo("SHIPPED");
    assertThat(activated.at("/details/registration").asString())
        .isEqualTo(r.at("/reference").asString());
    JsonNode ref = activated.at("/details/licences").properties().iterator().next().getValue();
    assertThat(ref.path("licence").asLong()).isEqualTo(active.at("/licence").asLong());
    assertThat(ref.path("last4").asString()).isEqualTo(active.at("/last4").asString());

    // the same party again: the same registration, no second activation
    assertThat(register(floor.site.tenant, form(floor, sn, "ida@example.com")).status())
        .isEqualTo(200);
    assertThat(
            count(
                ok(floor.site.api.get(floor.site.unitPath(sn) + "/history")), "LICENCE_ACTIVATED"))
        .isEqualTo(1);
    assertThat(
            ok(floor.site.api.get("/api/v1/licence-pools/" + floor.site.sku))
                .at("/active")
                .asLong())
        .isEqualTo(1);
  }

  @Test
  void aSecondPartysRegistrationActivatesNothing() {
    WarrantyFloor floor = new WarrantyFloor(admin, 24);
    // one key for two units: the second shipped is owed one
    importKeys(floor, "KEY-" + unique("C"));
    List<String> sold = floor.shipNew(2, LocalDate.now(ZoneOffset.UTC).minusDays(5).toString());
    String owedSn =
        sold.stream()
            .filter(
                sn ->
                    ok(floor.site.api.get(floor.site.unitPath(sn) + "/licence"))
                        .at("/status")
                        .asString()
                        .equals("OWED"))
            .findFirst()
            .orElseThrow();
    String licence = floor.site.unitPath(owedSn) + "/licence";

    // the first party registers while no key is left: the unit stays owed one
    assertThat(register(floor.site.tenant, form(floor, owedSn, "jo@example.com")).status())
        .isEqualTo(201);
    assertThat(ok(floor.site.api.get(licence)).at("/status").asString()).isEqualTo("OWED");
    // the next import issues it its key
    importKeys(floor, "KEY-" + unique("D"));
    assertThat(ok(floor.site.api.get(licence)).at("/status").asString()).isEqualTo("ISSUED");

    // a second party registering the same serial is flagged, and activates nothing
    assertThat(register(floor.site.tenant, form(floor, owedSn, "kim@example.com")).status())
        .isEqualTo(201);
    var w = ok(floor.warranty(owedSn));
    assertThat(w.at("/registrations").size()).isEqualTo(2);
    assertThat(w.at("/registrations").toString()).contains("registered-by-another-party");
    var still = ok(floor.site.api.get(licence));
    assertThat(still.at("/status").asString()).isEqualTo("ISSUED");
    assertThat(still.at("/activatedAt").isMissingNode() || still.at("/activatedAt").isNull())
        .isTrue();
    assertThat(
            entry(
                ok(floor.site.api.get(floor.site.unitPath(owedSn) + "/history")),
                "LICENCE_ACTIVATED"))
        .isNull();

    // nor does a unit still in our warehouse, registered by anyone
    String inStock = floor.stock(1).get(0);
    assertThat(register(floor.site.tenant, form(floor, inStock, "lee@example.com")).status())
        .isEqualTo(201);
    assertThat(floor.site.api.get(floor.site.unitPath(inStock) + "/licence").status())
        .isEqualTo(404);
    assertThat(
            ok(floor.site.api.get("/api/v1/licence-pools/" + floor.site.sku))
                .at("/active")
                .asLong())
        .isZero();
  }

  @Test
  void aBadFieldIsRefusedNamingItAndWritesNothing() {
    WarrantyFloor floor = new WarrantyFloor(admin, 24);
    String sn = floor.shipNew(1, null).get(0);
    Map<String, String> cases =
        Map.of(
            "gtin", "12345678901234",
            "serial", "has space",
            "purchaseDate", "2024-13-01",
            "contact.email", "not-an-email");
    for (var c : cases.entrySet()) {
      Map<String, Object> f = form(floor, sn, "frank@example.com");
      switch (c.getKey()) {
        case "contact.email" -> f.put("contact", map("name", "Frank", "email", c.getValue()));
        default -> f.put(c.getKey(), c.getValue());
      }
      var r = register(floor.site.tenant, f);
      assertThat(r.status()).as(c.getKey() + " " + r).isEqualTo(400);
      assertThat(r.contentType()).startsWith("application/problem+json");
      assertThat(r.at("/field").asString()).isEqualTo(c.getKey());
    }
    Map<String, Object> future = form(floor, sn, "frank@example.com");
    future.put("purchaseDate", LocalDate.now(ZoneOffset.UTC).plusDays(30).toString());
    assertThat(register(floor.site.tenant, future).at("/field").asString())
        .isEqualTo("purchaseDate");
    Map<String, Object> noName = form(floor, sn, "frank@example.com");
    noName.put("contact", map("email", "frank@example.com"));
    assertThat(register(floor.site.tenant, noName).at("/field").asString())
        .isEqualTo("contact.name");

    assertThat(ok(floor.warranty(sn)).at("/registrations").size()).isZero();
  }

  @Test
  void anotherClientsUnitIsNotFoundLikeAnUnknownOne() {
    WarrantyFloor b = new WarrantyFloor(admin, 24);
    String sn = b.shipNew(1, null).get(0);
    WarrantyFloor a = new WarrantyFloor(admin, 24);

    var viaA = register(a.site.tenant, form(b, sn, "gina@example.com"));
    assertThat(viaA.status()).isEqualTo(404);
    assertThat(viaA.problemCode()).isEqualTo("unknown-product");
    assertThat(viaA.at("/field").asString()).isEqualTo("serial");
    var unknown = register(a.site.tenant, form(b, unique("SN"), "gina@example.com"));
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.problemCode()).isEqualTo(viaA.problemCode());

    var noClient = register(unique("NOPE"), form(b, sn, "gina@example.com"));
    assertThat(noClient.status()).isEqualTo(404);
    assertThat(ok(b.warranty(sn)).at("/registrations").size()).isZero();
  }

  private static void importKeys(WarrantyFloor floor, String... keys) {
    ok(
        floor.site.api.post(
            "/api/v1/licence-pools/" + floor.site.sku + "/keys", map("keys", List.of(keys))));
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

  @Test
  void aCallerOverTheRateIsAnswered429WithRetryAfter() throws Exception {
    WarrantyFloor floor = new WarrantyFloor(admin, 24);
    String sn = floor.shipNew(1, null).get(0);
    String body = Api.JSON.writeValueAsString(form(floor, sn, "hal@example.com"));
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create(
                    "http://localhost:"
                        + port
                        + "/api/v1/public/"
                        + floor.site.tenant
                        + "/warranty-registrations"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    // The burst is granted at once (the first creates, the repeats find it) ...
    for (int i = 0; i < burst; i++) {
      int status = http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
      assertThat(status).as("request " + (i + 1)).isIn(200, 201);
    }
    // ... and the next is refused until a token has come back
    HttpResponse<String> limited = http.send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(limited.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/problem+json");
    long retryAfter = Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow());
    assertThat(retryAfter).isBetween(1L, 60L);
    assertThat(Api.JSON.readTree(limited.body()).path("code").asString()).isEqualTo("rate-limited");

    // Malformed requests cost nothing: they are still answered 400, not 429
    var malformed = register(floor.site.tenant, map("gtin", "1"));
    assertThat(malformed.status()).isEqualTo(400);
    // and the limit is per client: another client's page still answers this caller
    WarrantyFloor other = new WarrantyFloor(admin, 24);
    String otherSn = other.shipNew(1, null).get(0);
    assertThat(register(other.site.tenant, form(other, otherSn, "hal@example.com")).status())
        .isEqualTo(201);
  }
}
