package io.unitrace.shared;

import static io.unitrace.support.Api.list;
import static io.unitrace.support.Api.map;
import static org.assertj.core.api.Assertions.assertThat;

import io.unitrace.support.Api;
import io.unitrace.support.IntegrationTest;
import io.unitrace.support.Site;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every refusal of the REST API is RFC 9457 problem details with a stable type, naming what was
 * wrong.
 */
class ProblemDetailsIT extends IntegrationTest {

  @Test
  void aBodyThatIsNotJsonIsAMalformedBodyAndWritesNothing() {
    Site site = Site.create(admin);
    var r = site.api.post("/api/v1/products", "{\"sku\": \"X1\", \"name\": ");
    assertProblem(r, 400, "malformed-body");
    assertThat(r.at("/detail").asString()).contains("not valid JSON");
    assertThat(site.api.get("/api/v1/products/X1").status()).isEqualTo(404);
  }

  @Test
  void aValueOfTheWrongTypeNamesItsField() {
    Site site = Site.create(admin);
    var number =
        site.api.post(
            "/api/v1/products",
            map("sku", unique("S"), "name", "n", "tracking", "NONE", "shelfLifeDays", "two years"));
    assertProblem(number, 400, "malformed-body");
    assertThat(number.at("/field").asString()).isEqualTo("shelfLifeDays");

    var nestedEnum =
        site.api.post(
            "/api/v1/products",
            map(
                "sku",
                unique("S"),
                "name",
                "n",
                "tracking",
                "SERIAL",
                "customFields",
                list(map("name", "Colour", "type", "COLOUR", "required", false, "unique", false))));
    assertProblem(nestedEnum, 400, "malformed-body");
    assertThat(nestedEnum.at("/field").asString()).isEqualTo("customFields[0].type");

    var date =
        site.api.post(
            "/api/v1/units",
            map(
                "location",
                site.dock,
                "units",
                list(
                    site.unitKey("SN-1"),
                    map("gtin", site.gtin, "serial", "SN-2", "expiry", "next spring"))));
    assertProblem(date, 400, "malformed-body");
    assertThat(date.at("/field").asString()).isEqualTo("units[1].expiry");
    assertThat(site.api.get(site.unitPath("SN-1")).status()).isEqualTo(404);
  }

  @Test
  void aMissingYesNoValueIsNamedAsMissingNotAsTheWrongType() {
    Site site = Site.create(admin);
    var r =
        site.api.post(
            "/api/v1/products",
            map(
                "sku",
                unique("S"),
                "name",
                "n",
                "tracking",
                "SERIAL",
                "customFields",
                list(map("name", "IMEI", "type", "TEXT", "unique", true))));
    assertProblem(r, 400, "malformed-body");
    assertThat(r.at("/field").asString()).isEqualTo("customFields[0].required");
    assertThat(r.at("/detail").asString()).contains("required");
  }

  @Test
  void aValueRefusedWhileTheBodyIsReadKeepsItsOwnProblemTypeAndField() {
    Site site = Site.create(admin);
    var r =
        site.api.post(
            "/api/v1/products",
            map(
                "sku",
                unique("S"),
                "name",
                "n",
                "tracking",
                "SERIAL",
                "customFields",
                list(
                    map("name", "IMEI", "type", "TEXT", "required", false, "unique", true),
                    map("name", "2nd", "type", "TEXT", "required", false, "unique", false))));
    assertProblem(r, 400, "invalid-field");
    assertThat(r.at("/field").asString()).isEqualTo("customFields[1].name");
  }

  @Test
  void aQueryParameterOfTheWrongTypeNamesTheParameter() {
    Site site = Site.create(admin);
    var state = site.api.get("/api/v1/units?state=FLYING");
    assertProblem(state, 400, "invalid-parameter");
    assertThat(state.at("/field").asString()).isEqualTo("state");
    var limit = site.api.get("/api/v1/units?limit=many");
    assertProblem(limit, 400, "invalid-parameter");
    assertThat(limit.at("/field").asString()).isEqualTo("limit");
  }

  @Test
  void anUnknownRouteIsANotFoundProblem() {
    var r = admin.get("/api/v1/no-such-thing");
    assertProblem(r, 404, "not-found");
    assertThat(r.at("/detail").asString()).contains("/api/v1/no-such-thing");
    assertProblem(admin.get("/api/v1/units/01/09506000134352"), 404, "not-found");
    var anonymous = Api.anonymous(port).get("/api/v1/no-such-thing");
    assertProblem(anonymous, 401, "unauthenticated");
  }

  @Test
  void aMethodTheRouteDoesNotTakeIsAMethodNotAllowedProblem() {
    var r = admin.send("DELETE", "/api/v1/warehouses", null, Map.of());
    assertProblem(r, 405, "method-not-allowed");
  }

  @Test
  void aBodyOfAnUnsupportedMediaTypeIsAProblem() {
    var r =
        admin.send(
            "POST",
            "/api/v1/warehouses",
            "code=W1",
            Map.of("Content-Type", "application/x-www-form-urlencoded"));
    assertProblem(r, 415, "unsupported-media-type");
  }

  @Test
  void aPersonWhoSeesManyClientsMustSayWhichOne() {
    // Two clients at least, whichever test ran first: with one, it would be picked without asking.
    Site.create(admin);
    Site.create(admin);
    var r = admin.get("/api/v1/products");
    assertProblem(r, 400, "tenant-required");
    assertThat(r.at("/field").asString()).isEqualTo("X-Tenant");
  }

  private static void assertProblem(Api.Response r, int status, String code) {
    assertThat(r.status()).as(r.toString()).isEqualTo(status);
    assertThat(r.contentType()).as(r.toString()).startsWith("application/problem+json");
    assertThat(r.problemCode()).as(r.toString()).isEqualTo(code);
    assertThat(r.at("/type").asString()).isEqualTo("/problems/" + code);
    assertThat(r.at("/status").asInt()).isEqualTo(status);
    assertThat(r.at("/title").asString()).isNotBlank();
    assertThat(r.at("/detail").asString()).isNotBlank();
  }
}
