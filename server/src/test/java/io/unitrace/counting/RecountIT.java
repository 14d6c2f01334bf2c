package io.unitrace.counting;

import static io.unitrace.support.Api.list;
import static io.unitrace.support.Api.map;
import static io.unitrace.support.Site.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.unitrace.support.Api;
import io.unitrace.support.CountedGoods;
import io.unitrace.support.IntegrationTest;
import io.unitrace.support.Site;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Recounts over HTTP: a location closed with variances above the client's threshold waits for a
 * recount by another counter, approval is refused until then, the first counter is refused, and the
 * recount's result replaces the first's (whose scans are kept).
 */
class RecountIT extends IntegrationTest {

  @Test
  void aVarianceAboveTheThresholdIsRecountedByAnotherCounterBeforeApproval() {
    Site s = Site.create(admin);
    String a = unique("A");
    String b = unique("B");
    s.register(s.bin1, a, b);
    JsonNode standard = ok(s.api.get("/api/v1/counts/settings")).json();
    assertThat(standard.path("standard").asBoolean()).isTrue();
    assertThat(standard.path("recountOnUnitVariance").asBoolean()).isTrue();
    assertThat(standard.path("recountAbovePercent").asInt()).isEqualTo(5);

    long id = open(s);
    String count = "/api/v1/counts/" + id;
    String at = count + "/locations/" + s.bin1;
    String first = s.person(admin, "OPERATOR");
    Api firstCounter = Api.basic(port, first, Site.PERSON_PASSWORD).in(s.tenant);
    Api secondCounter = s.personApi(admin, port, "OPERATOR");

    // The first counter finds A but not B: MISSING requires a recount by default.
    ok(firstCounter.post(at + "/scans", s.unitKey(a)));
    JsonNode done = ok(firstCounter.post(at + "/done", map())).json();
    assertThat(done.path("status").asString()).isEqualTo("RECOUNT");
    JsonNode view = ok(s.api.get(count)).json();
    assertThat(view.at("/locations/0/status").asString()).isEqualTo("RECOUNT");
    assertThat(view.at("/discrepancies/0/kind").asString()).isEqualTo("MISSING");
    assertThat(view.at("/discrepancies/0/serial").asString()).isEqualTo(b);

    // Approval is refused, naming the location, and writes nothing.
    Api.Response refused = s.api.post(count + "/approve", map());
    problem(refused, 409, "locations", "recount-required");
    assertThat(refused.json().path("recount").get(0).asString()).isEqualTo(s.bin1);
    assertThat(ok(s.api.get(count)).json().path("status").asString()).isEqualTo("OPEN");
    assertThat(unit(s, b).path("state").asString()).isEqualTo("STORED");

    // The first counter may not recount it.
    problem(
        firstCounter.post(at + "/recount", map()), 409, "location", "recount-by-another-counter");
    assertThat(ok(s.api.get(count)).json().at("/locations/0/status").asString())
        .isEqualTo("RECOUNT");
    // Nor may anyone scan there before a recount is started.
    problem(secondCounter.post(at + "/scans", s.unitKey(a)), 409, "location", "location-counted");

    JsonNode started = ok(secondCounter.post(at + "/recount", map())).json();
    assertThat(started.path("status").asString()).isEqualTo("OPEN");
    JsonNode reopened = ok(s.api.get(count)).json();
    assertThat(reopened.at("/locations/0/status").asString()).isEqualTo("OPEN");
    assertThat(reopened.at("/locations/0/countedUnits").asInt()).isZero();
    assertThat(reopened.at("/locations/0/firstCountScans").asInt()).isEqualTo(1);
    assertThat(reopened.path("discrepancies").size()).isZero();
    // A second start is refused: the recount is under way.
    problem(secondCounter.post(at + "/recount", map()), 409, "location", "no-recount");

    // During the recount the first counter's scans and closing are refused and count nothing.
    problem(
        firstCounter.post(at + "/scans", s.unitKey(b)),
        409,
        "location",
        "recount-by-another-counter");
    problem(firstCounter.post(at + "/done", map()), 409, "location", "recount-by-another-counter");
    assertThat(ok(s.api.get(count)).json().at("/locations/0/countedUnits").asInt()).isZero();

    // The second counter finds both: the recount replaces the first count.
    ok(secondCounter.post(at + "/scans", s.unitKey(a)));
    ok(secondCounter.post(at + "/scans", s.unitKey(b)));
    assertThat(ok(secondCounter.post(at + "/done", map())).json().path("status").asString())
        .isEqualTo("DONE");
    JsonNode recounted = ok(s.api.get(count)).json();
    assertThat(recounted.at("/locations/0/status").asString()).isEqualTo("DONE");
    assertThat(recounted.at("/locations/0/countedUnits").asInt()).isEqualTo(2);
    assertThat(recounted.at("/locations/0/expectedUnits").asInt()).isEqualTo(2);
    assertThat(recounted.at("/locations/0/firstCountedBy").asString()).isEqualTo("user:" + first);
    assertThat(recounted.at("/locations/0/recountedBy").asString())
        .isNotEmpty()
        .isNotEqualTo("user:" + first);
    assertThat(recounted.path("discrepancies").size()).as(recounted.toString()).isZero();

    JsonNode approved = ok(s.api.post(count + "/approve", map())).json();
    assertThat(approved.path("status").asString()).isEqualTo("APPROVED");
    assertThat(unit(s, b).path("state").asString()).isEqualTo("STORED");
    assertThat(unit(s, b).path("location").asString()).isEqualTo(s.bin1);
  }

  @Test
  void aRecountThatConfirmsTheVarianceIsApprovedWithIt() {
    CountedGoods g = CountedGoods.create(admin);
    Site s = g.site();
    String lot = unique("L");
    ok(g.found(g.saline(), lot, s.bin1, 100));
    long id = open(s);
    String count = "/api/v1/counts/" + id;
    String at = count + "/locations/" + s.bin1;
    Api firstCounter = s.personApi(admin, port, "OPERATOR");
    Api secondCounter = s.personApi(admin, port, "OPERATOR");

    // 90 of 100: a 10 % variance, over the default 5 %.
    ok(firstCounter.post(at + "/scans", map("gtin", g.saline(), "lot", lot, "quantity", 90)));
    assertThat(ok(firstCounter.post(at + "/done", map())).json().path("status").asString())
        .isEqualTo("RECOUNT");
    ok(secondCounter.post(at + "/recount", map()));
    ok(secondCounter.post(at + "/scans", map("gtin", g.saline(), "lot", lot, "quantity", 90)));
    // The recount confirms it: the location is done (a recount is not recounted again).
    assertThat(ok(secondCounter.post(at + "/done", map())).json().path("status").asString())
        .isEqualTo("DONE");
    JsonNode view = ok(s.api.get(count)).json();
    assertThat(view.path("discrepancies").size()).isEqualTo(1);
    assertThat(view.at("/discrepancies/0/kind").asString()).isEqualTo("SHORT");
    assertThat(view.at("/discrepancies/0/counted").asLong()).isEqualTo(90);
    assertThat(view.at("/locations/0/countedQuantity").asLong()).isEqualTo(90);
    assertThat(view.at("/locations/0/firstCountScans").asLong()).isEqualTo(1);

    JsonNode approved = ok(s.api.post(count + "/approve", map())).json();
    assertThat(approved.at("/discrepancies/0/outcome").asString()).isEqualTo("APPLIED");
    assertThat(g.stock(g.salineSku(), s.bin1)).isEqualTo(90);
  }

  @Test
  void aSupervisorSetsTheClientsThresholdAndRefusalsWriteNothing() {
    CountedGoods g = CountedGoods.create(admin);
    Site s = g.site();
    String lot = unique("L");
    ok(g.found(g.saline(), lot, s.bin1, 100));
    Api counter = s.personApi(admin, port, "OPERATOR");
    String settings = "/api/v1/counts/settings";

    JsonNode set =
        ok(s.api.put(
                settings,
                map(
                    "recountOnUnitVariance",
                    false,
                    "recountAboveUnits",
                    null,
                    "recountAbovePercent",
                    20)))
            .json();
    assertThat(set.path("standard").asBoolean()).isFalse();
    assertThat(set.path("recountAbovePercent").asInt()).isEqualTo(20);
    // No unit limit: the field is left out (null).
    assertThat(set.path("recountAboveUnits").isNumber()).isFalse();

    assertThat(counter.put(settings, map("recountOnUnitVariance", true)).status()).isEqualTo(403);
    problem(
        s.api.put(settings, map("recountOnUnitVariance", true, "recountAbovePercent", 101)),
        400,
        "recountAbovePercent",
        "invalid-field");
    problem(
        s.api.put(settings, map("recountOnUnitVariance", true, "recountAboveUnits", -1)),
        400,
        "recountAboveUnits",
        "invalid-field");
    problem(s.api.put(settings, map()), 400, "recountOnUnitVariance", "invalid-field");
    JsonNode kept = ok(s.api.get(settings)).json();
    assertThat(kept.path("recountOnUnitVariance").asBoolean()).isFalse();
    assertThat(kept.path("recountAbovePercent").asInt()).isEqualTo(20);

    // 90 of 100 is under this client's 20 %: no recount.
    long id = open(s);
    String at = "/api/v1/counts/" + id + "/locations/" + s.bin1;
    ok(counter.post(at + "/scans", map("gtin", g.saline(), "lot", lot, "quantity", 90)));
    assertThat(ok(counter.post(at + "/done", map())).json().path("status").asString())
        .isEqualTo("DONE");
    ok(s.api.post("/api/v1/counts/" + id + "/approve", map()));
    assertThat(g.stock(g.salineSku(), s.bin1)).isEqualTo(90);
  }

  private static void problem(Api.Response r, int status, String field, String type) {
    assertThat(r.status()).as(r.toString()).isEqualTo(status);
    assertThat(r.contentType()).startsWith("application/problem+json");
    assertThat(r.json().path("field").asString()).as(r.toString()).isEqualTo(field);
    assertThat(r.json().path("type").asString()).as(r.toString()).endsWith("/" + type);
  }

  private long open(Site s) {
    return ok(s.api.post(
            "/api/v1/counts", map("warehouse", s.warehouse, "locations", list(s.bin1))))
        .json()
        .path("id")
        .asLong();
  }

  private static JsonNode unit(Site s, String serial) {
    return ok(s.api.get(s.unitPath(serial))).json();
  }
}
