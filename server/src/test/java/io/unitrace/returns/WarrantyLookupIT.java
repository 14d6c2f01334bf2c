package io.unitrace.returns;

import static io.unitrace.support.Api.list;
import static io.unitrace.support.Api.map;
import static io.unitrace.support.Site.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.unitrace.support.Api;
import io.unitrace.support.IntegrationTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The warranty of a unit by its serial, over HTTP: from the ship date of its sale, from a
 * registered purchase date when we never shipped it, none without terms, unknown when nobody knows
 * when it started.
 */
class WarrantyLookupIT extends IntegrationTest {

  static LocalDate today() {
    return LocalDate.now(ZoneOffset.UTC);
  }

  @Test
  void aUnitShippedTodayIsUnderWarrantyForTheProductsMonthsFromTheShipDate() {
    WarrantyFloor floor = new WarrantyFloor(admin, 24);
    String sn = floor.shipNew(1, null).get(0);

    var w = ok(floor.warranty(sn));
    assertThat(w.at("/status").asString()).isEqualTo("ACTIVE");
    assertThat(w.at("/basis").asString()).isEqualTo("SHIP_DATE");
    assertThat(w.at("/start").asString()).isEqualTo(today().toString());
    assertThat(w.at("/end").asString()).isEqualTo(today().plusMonths(24).toString());
    assertThat(w.at("/terms").asString()).isEqualTo("24 months from the ship date");
    assertThat(w.at("/sale/channel").asString()).isEqualTo("WEB");
    assertThat(w.at("/sale/shipDate").asString()).isEqualTo(today().toString());
    assertThat(w.at("/state").asString()).isEqualTo("SHIPPED");
    assertThat(w.at("/sku").asString()).isEqualTo(floor.site.sku);
    assertThat(w.at("/registrations").size()).isZero();
    assertThat(w.at("/flagged").asBoolean()).isFalse();
  }

  @Test
  void aUnitShippedLongerAgoThanItsTermsHasAnExpiredWarranty() {
    WarrantyFloor floor = new WarrantyFloor(admin, 12);
    String sn = floor.shipNew(1, "2020-01-15").get(0);

    var w = ok(floor.warranty(sn));
    assertThat(w.at("/status").asString()).isEqualTo("EXPIRED");
    assertThat(w.at("/start").asString()).isEqualTo("2020-01-15");
    assertThat(w.at("/end").asString()).isEqualTo("2021-01-15");
    assertThat(w.at("/months").asInt()).isEqualTo(12);
  }

  @Test
  void theEndFixedAtShippingHoldsWhenTheProductsTermsChangeLater() {
    WarrantyFloor floor = new WarrantyFloor(admin, 12);
    String sn = floor.shipNew(1, null).get(0);
    floor.warrantyMonths(36);

    var w = ok(floor.warranty(sn));
    assertThat(w.at("/end").asString()).isEqualTo(today().plusMonths(12).toString());
    assertThat(w.at("/terms").asString()).isEqualTo("12 months from the ship date");
  }

  @Test
  void aProductWithoutWarrantyTermsGivesNone() {
    WarrantyFloor floor = new WarrantyFloor(admin, null);
    String sn = floor.shipNew(1, null).get(0);

    var w = ok(floor.warranty(sn));
    assertThat(w.at("/status").asString()).isEqualTo("NONE");
    assertThat(w.at("/terms").asString()).isEqualTo("no warranty");
    assertThat(w.at("/end").isMissingNode()).isTrue();
  }

  @Test
  void aUnitNeverShippedNorRegisteredHasAnUnknownStartUntilItsBuyerRegistersIt() {
    WarrantyFloor floor = new WarrantyFloor(admin, 24);
    // Announced but never seen here: the client sold it through a reseller.
    String sn = unique("SN");
    ok(
        floor.site.api.post(
            "/api/v1/units",
            map("expected", true, "units", list(map("gtin", floor.site.gtin, "serial", sn)))));

    var unknown = ok(floor.warranty(sn));
    assertThat(unknown.at("/status").asString()).isEqualTo("UNKNOWN");
    assertThat(unknown.at("/start").isMissingNode()).isTrue();
    assertThat(unknown.at("/months").asInt()).isEqualTo(24);

    String bought = today().minusMonths(3).toString();
    var registered =
        Api.anonymous(port)
            .post(
                "/api/v1/public/" + floor.site.tenant + "/warranty-registrations",
                map(
                    "gtin",
                    floor.site.gtin,
                    "serial",
                    sn,
                    "purchaseDate",
                    bought,
                    "contact",
                    map("name", "Rita Reseller-Buyer", "email", "rita@example.com")));
    assertThat(registered.status()).as(registered.toString()).isEqualTo(201);

    var w = ok(floor.warranty(sn));
    assertThat(w.at("/status").asString()).isEqualTo("ACTIVE");
    assertThat(w.at("/basis").asString()).isEqualTo("PURCHASE_DATE");
    assertThat(w.at("/start").asString()).isEqualTo(bought);
    assertThat(w.at("/end").asString())
        .isEqualTo(LocalDate.parse(bought).plusMonths(24).toString());
    assertThat(w.at("/terms").asString()).isEqualTo("24 months from the registered purchase date");
    assertThat(w.at("/registrations/0/email").asString()).isEqualTo("rita@example.com");
    assertThat(w.at("/registrations/0/flagged").asBoolean()).isFalse();
  }

  @Test
  void aUnitStillInStockHasAnUnknownWarranty() {
    WarrantyFloor floor = new WarrantyFloor(admin, 24);
    String sn = floor.stock(1).get(0);
    var w = ok(floor.warranty(sn));
    assertThat(w.at("/status").asString()).isEqualTo("UNKNOWN");
    assertThat(w.at("/state").asString()).isEqualTo("STORED");
    assertThat(w.at("/sale").isMissingNode()).isTrue();
  }

  @Test
  void anyGs1FormOfTheScanFindsTheSameWarranty() {
    WarrantyFloor floor = new WarrantyFloor(admin, 24);
    String sn = floor.shipNew(1, null).get(0);
    String gtin = floor.site.gtin;
    for (String scan :
        List.of(
            "(01)" + gtin + "(21)" + sn,
            "]d2" + "01" + gtin + "21" + sn,
            "https://id.gs1.org/01/" + gtin + "/21/" + sn)) {
      var w =
          ok(
              floor.site.api.get(
                  "/api/v1/warranty?scan=" + URLEncoder.encode(scan, StandardCharsets.UTF_8)));
      assertThat(w.at("/serial").asString()).as(scan).isEqualTo(sn);
      assertThat(w.at("/status").asString()).as(scan).isEqualTo("ACTIVE");
    }
  }

  @Test
  void anUnknownUnitIsNotFoundAndABadGtinIsRefusedNamingTheField() {
    WarrantyFloor floor = new WarrantyFloor(admin, 24);
    var missing = floor.warranty(unique("SN"));
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.problemCode()).isEqualTo("unknown-unit");

    var bad = floor.site.api.get("/api/v1/warranty/01/12345678901234/21/X1");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.at("/field").asString()).isEqualTo("gtin");

    var notAUnit =
        floor.site.api.get(
            "/api/v1/warranty?scan="
                + URLEncoder.encode("(01)" + floor.site.gtin, StandardCharsets.UTF_8));
    assertThat(notAUnit.status()).isEqualTo(400);
    assertThat(notAUnit.problemCode()).isEqualTo("scan-not-a-unit");
  }

  @Test
  void anotherClientsUnitIsNotFoundAndSigningInIsRequired() {
    WarrantyFloor b = new WarrantyFloor(admin, 24);
    String sn = b.shipNew(1, null).get(0);
    WarrantyFloor a = new WarrantyFloor(admin, 24);

    var fromA = a.site.api.get(b.warrantyPath(sn));
    assertThat(fromA.status()).isEqualTo(404);
    assertThat(fromA.body()).doesNotContain(b.site.tenant);
    assertThat(Api.anonymous(port).get(b.warrantyPath(sn)).status()).isEqualTo(401);
  }
}
