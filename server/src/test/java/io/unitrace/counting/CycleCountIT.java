package io.unitrace.counting;

import static io.unitrace.support.Api.list;
import static io.unitrace.support.Api.map;
import static io.unitrace.support.Site.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.unitrace.gs1.Sscc;
import io.unitrace.support.Api;
import io.unitrace.support.CountedGoods;
import io.unitrace.support.IntegrationTest;
import io.unitrace.support.Site;
import io.unitrace.support.StartGate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Blind cycle counts over HTTP: every discrepancy named, approval writing the corrections through
 * the ledger with the count as their reason, rejection writing nothing, the floor working on during
 * a count, two counters in one location, and refusals that write nothing.
 */
class CycleCountIT extends IntegrationTest {

  @Test
  void everyDiscrepancyIsNamedAndApprovalWritesTheCorrectionsWithTheCountAsReason() {
    CountedGoods g = CountedGoods.create(admin);
    Site s = g.site();
    String a = unique("A");
    String b = unique("B");
    String c = unique("C");
    String d = unique("D");
    String e = unique("E");
    String stranger = unique("U");
    s.register(s.bin1, a, b);
    s.register(s.bin2, c, d, e);
    ok(s.api.post(s.unitPath(d) + "/disposal", map("to", "SCRAPPED", "reason", "crushed")));
    ok(
        s.api.post(
            s.unitPath(e) + "/adjustments", map("kind", "LOST", "reason", "not found last month")));
    String l1 = unique("L1-");
    String l2 = unique("L2-");
    String l3 = unique("L3-");
    ok(g.found(g.saline(), l1, s.bin1, 10));
    ok(g.found(g.saline(), l2, s.bin1, 5));
    ok(g.found(g.saline(), l3, s.bin2, 1));
    ok(g.found(g.gloves(), null, s.bin1, 20));

    JsonNode count = open(s, list(s.bin1), false);
    long id = count.path("id").asLong();
    String number = count.path("number").asString();
    assertThat(number).matches("CNT-\\d{6}");
    Api counter = s.personApi(admin, port, "OPERATOR");
    String at = "/api/v1/counts/" + id + "/locations/" + s.bin1;

    JsonNode first =
        ok(counter.post(at + "/scans", map("scan", "(01)" + s.gtin + "(21)" + a))).json();
    assertThat(first.path("counted").asLong()).isEqualTo(1);
    JsonNode again = ok(counter.post(at + "/scans", s.unitKey(a))).json();
    assertThat(again.path("counted").asLong()).isZero();
    assertThat(again.path("repeated").asBoolean()).isTrue();
    assertThat(again.path("message").asString()).contains("already counted");
    ok(counter.post(at + "/scans", map("scan", "https://id.gs1.org/01/" + s.gtin + "/21/" + c)));
    ok(counter.post(at + "/scans", s.unitKey(d)));
    ok(counter.post(at + "/scans", s.unitKey(e)));
    ok(counter.post(at + "/scans", s.unitKey(stranger)));
    ok(counter.post(at + "/scans", map("gtin", g.saline(), "lot", l1, "quantity", 7)));
    ok(counter.post(at + "/scans", map("scan", "(01)" + g.saline() + "(10)" + l1, "quantity", 5)));
    ok(counter.post(at + "/scans", map("gtin", g.saline(), "lot", l3, "quantity", 5)));
    ok(counter.post(at + "/scans", map("gtin", g.gloves(), "quantity", 15)));
    JsonNode done = ok(counter.post(at + "/done", map())).json();
    assertThat(done.path("status").asString()).isEqualTo("DONE");
    assertThat(done.path("next").asString(null)).isNull();

    JsonNode view = ok(s.api.get("/api/v1/counts/" + id)).json();
    Map<String, JsonNode> byKind = byKind(view);
    assertThat(byKind.keySet())
        .containsExactlyInAnyOrder(
            "MISSING:" + b,
            "MISPLACED:" + c,
            "MISPLACED:" + e,
            "UNKNOWN:" + stranger,
            "FOUND_NOT_IN_STOCK:" + d,
            "OVER:" + l1,
            "SHORT:null",
            "WRONG_LOT:" + l3);
    assertThat(byKind.get("MISPLACED:" + c).path("recordedLocation").asString()).isEqualTo(s.bin2);
    assertThat(byKind.get("MISPLACED:" + c).path("correction").asString()).isEqualTo("MOVE_HERE");
    assertThat(byKind.get("MISPLACED:" + e).path("recordedState").asString()).isEqualTo("MISSING");
    assertThat(byKind.get("FOUND_NOT_IN_STOCK:" + d).path("recordedState").asString())
        .isEqualTo("SCRAPPED");
    assertThat(byKind.get("OVER:" + l1).path("expected").asLong()).isEqualTo(10);
    assertThat(byKind.get("OVER:" + l1).path("counted").asLong()).isEqualTo(12);
    assertThat(byKind.get("SHORT:null").path("sku").asString()).isEqualTo(g.glovesSku());
    assertThat(byKind.get("SHORT:null").path("counted").asLong()).isEqualTo(15);
    assertThat(byKind.get("WRONG_LOT:" + l3).path("recordedLot").asString()).isEqualTo(l2);
    assertThat(view.at("/locations/0/expectedUnits").asInt()).isEqualTo(2);
    assertThat(view.at("/locations/0/countedUnits").asInt()).isEqualTo(5);
    assertThat(view.at("/summary/MISPLACED").asLong()).isEqualTo(2);

    JsonNode approved = ok(s.api.post("/api/v1/counts/" + id + "/approve", map())).json();
    assertThat(approved.path("status").asString()).isEqualTo("APPROVED");
    Map<String, JsonNode> settled = byKind(approved);
    assertThat(settled.get("MISSING:" + b).path("outcome").asString()).isEqualTo("APPLIED");
    assertThat(settled.get("UNKNOWN:" + stranger).path("outcome").asString()).isEqualTo("REVIEW");
    assertThat(settled.get("FOUND_NOT_IN_STOCK:" + d).path("outcome").asString())
        .isEqualTo("REVIEW");

    // Each correction is in the unit's history as coming from the count.
    assertThat(unit(s, b).path("state").asString()).isEqualTo("MISSING");
    JsonNode lost = lastEntry(s, b);
    assertThat(lost.path("type").asString()).isEqualTo("LOST");
    assertThat(lost.at("/details/reason").asString()).isEqualTo("count " + number);
    assertThat(lost.at("/bizTransactions/0/id").asString()).isEqualTo(number);
    assertThat(unit(s, c).path("location").asString()).isEqualTo(s.bin1);
    JsonNode moved = lastEntry(s, c);
    assertThat(moved.path("type").asString()).isEqualTo("MOVED");
    assertThat(moved.at("/bizTransactions/0/type").asString()).isEqualTo("count");
    assertThat(moved.at("/bizTransactions/0/id").asString()).isEqualTo(number);
    assertThat(unit(s, e).path("state").asString()).isEqualTo("STORED");
    assertThat(unit(s, e).path("location").asString()).isEqualTo(s.bin1);
    assertThat(lastEntry(s, e).at("/details/reason").asString()).isEqualTo("count " + number);
    // Flagged, never moved back, never added.
    assertThat(unit(s, d).path("state").asString()).isEqualTo("SCRAPPED");
    assertThat(s.api.get(s.unitPath(stranger)).status()).isEqualTo(404);
    assertThat(unit(s, a).path("location").asString()).isEqualTo(s.bin1);
    // Counted goods as counted: lot 1 over, gloves short, lot 2 on the shelf was lot 3.
    assertThat(lot(g, l1, s.bin1)).isEqualTo(12);
    assertThat(lot(g, l2, s.bin1)).isZero();
    assertThat(lot(g, l3, s.bin1)).isEqualTo(5);
    assertThat(lot(g, l3, s.bin2)).isEqualTo(1);
    assertThat(g.stock(g.glovesSku(), s.bin1)).isEqualTo(15);
    JsonNode history =
        ok(s.api.get("/api/v1/stock/history?sku=" + g.glovesSku())).json().path("items");
    JsonNode last = history.get(history.size() - 1);
    assertThat(last.at("/details/reason").asString()).isEqualTo("count " + number);

    // Approved once: a second approval and a rejection are refused.
    Api.Response twice = s.api.post("/api/v1/counts/" + id + "/approve", map());
    assertThat(twice.status()).isEqualTo(409);
    assertThat(twice.problemCode()).isEqualTo("count-decided");
  }

  @Test
  void theFloorWorksOnDuringACountAndAUnitMovedAwayAfterItsBinWasCountedIsNotMissing() {
    Site s = Site.create(admin);
    String a = unique("A");
    String b = unique("B");
    String late = unique("L");
    String m = unique("M");
    s.register(s.bin1, a, b, m);
    s.register(s.bin2, late);
    // The zone and its two bins, in walking order (location code order).
    JsonNode count = open(s, list(s.bin1.replace("-B1", "-Z1")), true);
    long id = count.path("id").asLong();
    JsonNode task = ok(s.api.get("/api/v1/counts/" + id + "/task")).json();
    assertThat(task.at("/locations/0/location").asString()).isEqualTo(s.bin1);
    assertThat(task.at("/locations/1/location").asString()).isEqualTo(s.bin2);
    assertThat(task.at("/locations/2/location").asString()).isEqualTo(s.warehouse + "-Z1");
    assertThat(task.path("next").asString()).isEqualTo(s.bin1);
    String bin1 = "/api/v1/counts/" + id + "/locations/" + s.bin1;
    String bin2 = "/api/v1/counts/" + id + "/locations/" + s.bin2;
    ok(s.api.post(bin1 + "/scans", s.unitKey(a)));
    ok(s.api.post(bin1 + "/scans", s.unitKey(b)));
    // M is seen in bin 1, then moved to bin 2 before bin 1 is closed: not misplaced in bin 1.
    ok(s.api.post(bin1 + "/scans", s.unitKey(m)));
    ok(s.api.post(s.unitPath(m) + "/move", map("location", s.bin2)));
    assertThat(ok(s.api.post(bin1 + "/done", map())).at("/next").asString()).isEqualTo(s.bin2);
    // After bin 1 was counted, A is moved to bin 2 and B is scrapped: neither is missing from bin
    // 1.
    ok(s.api.post(s.unitPath(a) + "/move", map("location", s.bin2)));
    ok(s.api.post(s.unitPath(b) + "/disposal", map("to", "SCRAPPED", "reason", "broken")));
    ok(s.api.post(bin2 + "/scans", s.unitKey(a)));
    ok(s.api.post(bin2 + "/scans", s.unitKey(late)));
    ok(s.api.post(bin2 + "/scans", s.unitKey(m)));
    ok(s.api.post(bin2 + "/done", map()));
    ok(s.api.post("/api/v1/counts/" + id + "/locations/" + s.warehouse + "-Z1/done", map()));

    JsonNode view = ok(s.api.get("/api/v1/counts/" + id)).json();
    assertThat(view.path("discrepancies").size()).as(view.toString()).isZero();
    int before = history(s, a).size();
    JsonNode approved = ok(s.api.post("/api/v1/counts/" + id + "/approve", map())).json();
    assertThat(approved.path("status").asString()).isEqualTo("APPROVED");
    assertThat(history(s, a).size()).isEqualTo(before);
    assertThat(unit(s, a).path("location").asString()).isEqualTo(s.bin2);
  }

  @Test
  void aCorrectionTheFloorOvertookIsSkippedNotWritten() {
    Site s = Site.create(admin);
    String a = unique("A");
    s.register(s.bin1, a);
    long id = open(s, list(s.bin1), false).path("id").asLong();
    ok(s.api.post("/api/v1/counts/" + id + "/locations/" + s.bin1 + "/done", map()));
    // A was not found in bin 1; before approval someone finds it and puts it in bin 2.
    ok(s.api.post(s.unitPath(a) + "/move", map("location", s.bin2)));
    JsonNode approved = ok(s.api.post("/api/v1/counts/" + id + "/approve", map())).json();
    assertThat(approved.at("/discrepancies/0/kind").asString()).isEqualTo("MISSING");
    assertThat(approved.at("/discrepancies/0/outcome").asString()).isEqualTo("SKIPPED");
    assertThat(approved.at("/discrepancies/0/note").asString()).contains("changed since counted");
    assertThat(unit(s, a).path("state").asString()).isEqualTo("STORED");
  }

  @Test
  void anApprovalTheLedgerRefusesWritesNoCorrectionAtAll() {
    CountedGoods g = CountedGoods.create(admin);
    Site s = g.site();
    String a = unique("A");
    s.register(s.bin1, a);
    ok(g.found(g.gloves(), null, s.bin1, 10));
    ok(
        s.api.post(
            "/api/v1/stock/holds",
            map("gtin", g.gloves(), "location", s.bin1, "quantity", 10, "hold", "QC")));
    long id = open(s, list(s.bin1), false).path("id").asLong();
    String at = "/api/v1/counts/" + id + "/locations/" + s.bin1;
    ok(s.api.post(at + "/scans", map("gtin", g.gloves(), "quantity", 4)));
    ok(s.api.post(at + "/done", map()));
    int before = history(s, a).size();
    // A is missing and six boxes are short, but all ten are on QC hold: the ledger will not lose
    // held stock, so the approval is refused as a whole and A is not adjusted either.
    Api.Response refused = s.api.post("/api/v1/counts/" + id + "/approve", map());
    assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
    assertThat(refused.contentType()).startsWith("application/problem+json");
    assertThat(history(s, a).size()).isEqualTo(before);
    assertThat(unit(s, a).path("state").asString()).isEqualTo("STORED");
    assertThat(g.stock(g.glovesSku(), s.bin1)).isEqualTo(10);
    JsonNode view = ok(s.api.get("/api/v1/counts/" + id)).json();
    assertThat(view.path("status").asString()).isEqualTo("OPEN");
    for (JsonNode d : view.path("discrepancies")) {
      assertThat(d.path("outcome").asString(null)).isNull();
    }
  }

  @Test
  void aRejectedCountWritesNothingToTheLedger() {
    Site s = Site.create(admin);
    String a = unique("A");
    String c = unique("C");
    s.register(s.bin1, a);
    s.register(s.bin2, c);
    long id = open(s, list(s.bin1), false).path("id").asLong();
    String at = "/api/v1/counts/" + id + "/locations/" + s.bin1;
    ok(s.api.post(at + "/scans", s.unitKey(c)));
    ok(s.api.post(at + "/done", map()));
    assertThat(byKind(ok(s.api.get("/api/v1/counts/" + id)).json()).keySet())
        .containsExactlyInAnyOrder("MISSING:" + a, "MISPLACED:" + c);
    int historyA = history(s, a).size();
    int historyC = history(s, c).size();

    Api.Response noReason = s.api.post("/api/v1/counts/" + id + "/reject", map());
    assertThat(noReason.status()).isEqualTo(400);
    assertThat(noReason.json().path("field").asString()).isEqualTo("reason");
    JsonNode rejected =
        ok(s.api.post("/api/v1/counts/" + id + "/reject", map("reason", "counted the wrong aisle")))
            .json();
    assertThat(rejected.path("status").asString()).isEqualTo("REJECTED");
    assertThat(rejected.path("decisionReason").asString()).isEqualTo("counted the wrong aisle");
    assertThat(history(s, a).size()).isEqualTo(historyA);
    assertThat(history(s, c).size()).isEqualTo(historyC);
    assertThat(unit(s, a).path("state").asString()).isEqualTo("STORED");
    assertThat(unit(s, c).path("location").asString()).isEqualTo(s.bin2);
    Api.Response approve = s.api.post("/api/v1/counts/" + id + "/approve", map());
    assertThat(approve.status()).isEqualTo(409);
    assertThat(history(s, a).size()).isEqualTo(historyA);
  }

  @Test
  void aSealedContainerCountsAsItsRecordedContentAndASerialCountsOnce() {
    Site s = Site.create(admin);
    String a = unique("A");
    String b = unique("B");
    String c = unique("C");
    s.register(s.bin1, a, b, c);
    String sscc =
        Sscc.of(1, "9506000", ThreadLocalRandom.current().nextLong(1_000_000_000L)).value();
    ok(s.api.post("/api/v1/containers", map("sscc", sscc, "kind", "CASE", "location", s.bin1)));
    ok(
        s.api.post(
            "/api/v1/units/pack", map("units", list(s.unitKey(a), s.unitKey(b)), "into", sscc)));
    long id = open(s, list(s.bin1), false).path("id").asLong();
    String at = "/api/v1/counts/" + id + "/locations/" + s.bin1;
    ok(s.api.post(at + "/scans", s.unitKey(a)));
    JsonNode box = ok(s.api.post(at + "/scans", map("scan", "(00)" + sscc))).json();
    assertThat(box.path("kind").asString()).isEqualTo("CONTAINER");
    assertThat(box.path("counted").asLong()).isEqualTo(1);
    assertThat(box.path("alreadyCounted").size()).isEqualTo(1);
    assertThat(box.path("message").asString()).contains("already counted");
    ok(s.api.post(at + "/scans", map("gtin", s.gtin, "serial", c)));
    ok(s.api.post(at + "/done", map()));
    JsonNode view = ok(s.api.get("/api/v1/counts/" + id)).json();
    assertThat(view.path("discrepancies").size()).as(view.toString()).isZero();
    assertThat(view.at("/locations/0/countedUnits").asLong()).isEqualTo(3);
  }

  @Test
  void twoCountersScanningOneLocationAtOnceCountEachSerialOnce() throws Exception {
    Site s = Site.create(admin);
    List<String> serials = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      serials.add(unique("S"));
    }
    s.register(s.bin1, serials.toArray(String[]::new));
    long id = open(s, list(s.bin1), false).path("id").asLong();
    String at = "/api/v1/counts/" + id + "/locations/" + s.bin1;
    Api one = s.personApi(admin, port, "OPERATOR");
    Api two = s.personApi(admin, port, "OPERATOR");
    List<Callable<Api.Response>> scans = new ArrayList<>();
    for (String serial : serials) {
      scans.add(() -> one.post(at + "/scans", s.unitKey(serial)));
      scans.add(() -> two.post(at + "/scans", s.unitKey(serial)));
    }
    long counted = 0;
    for (Api.Response r : StartGate.together(scans)) {
      counted += ok(r).json().path("counted").asLong();
    }
    assertThat(counted).isEqualTo(serials.size());
    // Both close the location at once: one closes it, the other is told it was closed.
    List<Api.Response> done =
        StartGate.together(
            () -> one.post(at + "/done", map()), () -> two.post(at + "/done", map()));
    assertThat(done).extracting(Api.Response::status).containsExactlyInAnyOrder(200, 409);
    JsonNode view = ok(s.api.get("/api/v1/counts/" + id)).json();
    assertThat(view.at("/locations/0/countedUnits").asLong()).isEqualTo(serials.size());
    assertThat(view.at("/locations/0/scans").asLong()).isEqualTo(2L * serials.size());
    assertThat(view.path("discrepancies").size()).as(view.toString()).isZero();
  }

  @Test
  void aBlindTaskNeverRevealsWhatTheBooksHold() {
    CountedGoods g = CountedGoods.create(admin);
    Site s = g.site();
    String a = unique("A");
    String lot = unique("L");
    s.register(s.bin1, a);
    ok(g.found(g.saline(), lot, s.bin1, 9));
    long id = open(s, list(s.bin1, s.bin2), false).path("id").asLong();
    Api counter = s.personApi(admin, port, "OPERATOR");
    Api.Response task = ok(counter.get("/api/v1/counts/" + id + "/task"));
    assertThat(task.body()).doesNotContain(a, lot, s.gtin, g.saline(), "expected", "\"9\"");
    assertThat(task.json().path("locations").size()).isEqualTo(2);
    String at = "/api/v1/counts/" + id + "/locations/" + s.bin1;
    Api.Response scan =
        ok(counter.post(at + "/scans", map("gtin", g.saline(), "lot", lot, "quantity", 4)));
    assertThat(scan.body()).doesNotContain("expected", "\"9\"", "SHORT");
    Api.Response done = ok(counter.post(at + "/done", map()));
    assertThat(done.body()).doesNotContain(a, "MISSING", "SHORT", "expected", "discrepanc");
    // The supervisor's view with the discrepancies is not the counter's.
    Api.Response view = counter.get("/api/v1/counts/" + id);
    assertThat(view.status()).isEqualTo(403);
    assertThat(view.body()).doesNotContain(a, lot);
    assertThat(counter.get("/api/v1/counts").status()).isEqualTo(403);
  }

  @Test
  void refusalsAreProblemsNamingTheFieldAndWriteNothing() {
    CountedGoods g = CountedGoods.create(admin);
    Site s = g.site();
    Api counter = s.personApi(admin, port, "OPERATOR");
    String body = "/api/v1/counts";
    Api.Response operator =
        counter.post(body, map("warehouse", s.warehouse, "locations", list(s.bin1)));
    assertThat(operator.status()).isEqualTo(403);
    problem(s.api.post(body, map("locations", list(s.bin1))), 400, "warehouse");
    problem(
        s.api.post(body, map("warehouse", unique("NOWH"), "locations", list(s.bin1))),
        422,
        "warehouse");
    problem(s.api.post(body, map("warehouse", s.warehouse, "locations", list())), 400, "locations");
    problem(
        s.api.post(body, map("warehouse", s.warehouse, "locations", list(s.bin1, unique("NOPE")))),
        422,
        "locations[1]");
    problem(
        s.api.post(
            body,
            map("warehouse", s.warehouse, "locations", list(s.bin1), "assignee", unique("nobody"))),
        422,
        "assignee");
    Site other = Site.create(admin);
    problem(
        s.api.post(body, map("warehouse", s.warehouse, "locations", list(other.bin1))),
        422,
        "locations[0]");
    assertThat(ok(s.api.get(body)).json().path("items").size()).isZero();

    String who = s.person(admin, "OPERATOR");
    Map<String, Object> asked =
        map("warehouse", s.warehouse, "locations", list(s.bin1, s.bin2), "assignee", who);
    String key = unique("K");
    Api.Response opened = s.api.post(body, asked, key);
    assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
    JsonNode count = opened.json();
    assertThat(count.path("assignee").asString()).isEqualTo(who);
    // The same request sent again under its key answers the count it opened and opens no other.
    Api.Response repeated = s.api.post(body, asked, key);
    assertThat(repeated.status()).isEqualTo(200);
    assertThat(repeated.json().path("id").asLong()).isEqualTo(count.path("id").asLong());
    assertThat(ok(s.api.get(body)).json().path("items").size()).isEqualTo(1);
    long id = count.path("id").asLong();
    String at = "/api/v1/counts/" + id + "/locations/" + s.bin1;
    problem(counter.post(at + "/scans", map("scan", "(01)12345")), 400, "scan");
    problem(
        counter.post(at + "/scans", map("gtin", g.saline(), "lot", "X", "quantity", 0)),
        400,
        "quantity");
    problem(counter.post(at + "/scans", map("gtin", s.gtin, "quantity", 3)), 400, "quantity");
    problem(counter.post(at + "/scans", map("gtin", g.saline(), "quantity", 3)), 400, "lot");
    problem(
        counter.post(at + "/scans", map("gtin", Site.randomGtin(), "quantity", 3)), 422, "gtin");
    String sscc =
        Sscc.of(1, "9506000", ThreadLocalRandom.current().nextLong(1_000_000_000L)).value();
    problem(counter.post(at + "/scans", map("scan", "(00)" + sscc)), 422, "scan");
    assertThat(
            counter
                .post(
                    "/api/v1/counts/" + id + "/locations/" + s.quarantine + "/scans",
                    s.unitKey("X1"))
                .status())
        .isEqualTo(404);
    JsonNode view = ok(s.api.get(body + "/" + id)).json();
    assertThat(view.at("/locations/0/scans").asInt()).isZero();
    assertThat(view.at("/locations/0/countedUnits").asInt()).isZero();
    assertThat(view.at("/locations/0/countedQuantity").asInt()).isZero();

    // Approval waits for every location; a closed location takes no more scans.
    ok(counter.post(at + "/done", map()));
    Api.Response early = s.api.post(body + "/" + id + "/approve", map());
    problem(early, 409, "locations");
    assertThat(early.json().path("open").get(0).asString()).isEqualTo(s.bin2);
    Api.Response late = counter.post(at + "/scans", s.unitKey("X2"));
    problem(late, 409, "location");
    assertThat(late.problemCode()).isEqualTo("location-counted");
    problem(counter.post(at + "/done", map()), 409, "location");
    assertThat(counter.post(body + "/" + id + "/approve", map()).status()).isEqualTo(403);
    JsonNode after = ok(s.api.get(body + "/" + id)).json();
    assertThat(after.path("status").asString()).isEqualTo("OPEN");
    assertThat(after.at("/locations/0/countedUnits").asInt()).isZero();
  }

  private static void problem(Api.Response r, int status, String field) {
    assertThat(r.status()).as(r.toString()).isEqualTo(status);
    assertThat(r.contentType()).startsWith("application/problem+json");
    assertThat(r.json().path("field").asString()).as(r.toString()).isEqualTo(field);
  }

  /**
   * Opens a count with recounts switched off for the client: these tests are about what a first
   * count finds and writes (recounts: {@link RecountIT}).
   */
  private JsonNode open(Site s, List<Object> locations, boolean subtree) {
    ok(
        s.api.put(
            "/api/v1/counts/settings",
            map(
                "recountOnUnitVariance",
                false,
                "recountAboveUnits",
                null,
                "recountAbovePercent",
                null)));
    return ok(s.api.post(
            "/api/v1/counts",
            map("warehouse", s.warehouse, "locations", locations, "subtree", subtree)))
        .json();
  }

  /** The discrepancies by "KIND:serial" for units and "KIND:lot" for counted goods. */
  private static Map<String, JsonNode> byKind(JsonNode view) {
    Map<String, JsonNode> out = new HashMap<>();
    for (JsonNode d : view.path("discrepancies")) {
      String what =
          d.path("serial").asString(null) == null
              ? d.path("lot").asString(null)
              : d.path("serial").asString();
      out.put(d.path("kind").asString() + ":" + what, d);
    }
    return out;
  }

  private static JsonNode unit(Site s, String serial) {
    return ok(s.api.get(s.unitPath(serial))).json();
  }

  private static JsonNode history(Site s, String serial) {
    return ok(s.api.get(s.unitPath(serial) + "/history?limit=500")).json().path("items");
  }

  private static JsonNode lastEntry(Site s, String serial) {
    JsonNode h = history(s, serial);
    return h.get(h.size() - 1);
  }

  private static long lot(CountedGoods g, String lot, String location) {
    long total = 0;
    for (JsonNode line :
        ok(g.site()
                .api
                .get(
                    "/api/v1/stock?sku=" + g.salineSku() + "&lot=" + lot + "&location=" + location))
            .json()
            .path("items")) {
      total += line.path("quantity").asLong();
    }
    return total;
  }
}
