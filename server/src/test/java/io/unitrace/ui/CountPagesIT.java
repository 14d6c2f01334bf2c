package io.unitrace.ui;

import static io.unitrace.support.Api.list;
import static io.unitrace.support.Api.map;
import static io.unitrace.support.Site.ok;
import static io.unitrace.ui.FormSession.fields;
import static io.unitrace.ui.FormSession.htmx;
import static org.assertj.core.api.Assertions.assertThat;

import io.unitrace.support.CountedGoods;
import io.unitrace.support.IntegrationTest;
import io.unitrace.support.Site;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The cycle-count screens over HTTP as a browser posts their forms: the counter's screen blind
 * (nothing of what the books hold), each scan answered in the counter's words (counted, scanned
 * twice counted once, location already closed, not readable), Done naming the next location; the
 * supervisor's review with each discrepancy named, approval and rejection through the same rules as
 * the API, refused to an operator; a recount by another counter; accuracy from approved counts.
 */
class CountPagesIT extends IntegrationTest {

  @Test
  void aCounterCountsBlindIsToldOfATwiceScannedUnitAndClosesTheLocationThenTheNext() {
    CountedGoods g = CountedGoods.create(admin);
    Site s = g.site();
    String a = unique("A");
    String b = unique("B");
    String stranger = unique("U");
    String lot = unique("L");
    s.register(s.bin1, a, b);
    ok(g.found(g.saline(), lot, s.bin1, 4789));
    noRecounts(s);
    String operator = s.person(admin, "OPERATOR");
    JsonNode count = open(s, operator, s.bin1, s.bin2);
    long id = count.path("id").asLong();
    String number = count.path("number").asString();
    String elsewhere = open(s, s.person(admin, "OPERATOR"), s.quarantine).path("number").asString();

    FormSession counter = new FormSession(port);
    assertThat(counter.signIn(operator, Site.PERSON_PASSWORD).status()).isEqualTo(302);
    var start = counter.get("/counts");
    assertThat(start.status()).isEqualTo(200);
    assertThat(start.body())
        .contains("data-test=\"open-count\"")
        .as("an operator sees the open counts assigned to them or to anyone, not the others'")
        .contains("data-test=\"open-counts\"", "data-number=\"" + number + "\"")
        .doesNotContain("data-number=\"" + elsewhere + "\"", "data-test=\"review-link\"");
    var opened = counter.get("/counts?count=" + number);
    assertThat(opened.status()).isEqualTo(302);
    assertThat(opened.location()).endsWith("/counts/" + id);
    var bad = counter.get("/counts?count=nope");
    assertThat(bad.status()).isEqualTo(200);
    assertThat(bad.body()).contains("data-test=\"count-error\"");

    var screen = counter.get("/counts/" + id);
    assertThat(screen.status()).isEqualTo(200);
    assertThat(screen.body())
        .contains("data-test=\"location\">" + s.bin1 + "<", "0 / 2 closed", "autofocus");
    assertBlind(screen.body(), a, b, lot, s.gtin, g.saline(), "4789");

    var first = scan(counter, id, s.bin1, "(01)" + s.gtin + "(21)" + a, "");
    assertThat(first.status()).as(first.toString()).isEqualTo(200);
    assertThat(first.header(ReceivingPage.FRAGMENT_HEADER)).isEqualTo("scan-answer");
    assertThat(first.body())
        .doesNotContain("<html")
        .contains("data-outcome=\"COUNTED\"", "role=\"status\"", "1 unit counted in " + s.bin1)
        .contains("id=\"walk\"", "hx-swap-oob=\"true\"", "1 scan<");
    var twice = scan(counter, id, s.bin1, "(01)" + s.gtin + "(21)" + a, "");
    assertThat(twice.status()).isEqualTo(200);
    assertThat(twice.body())
        .contains("data-outcome=\"ALREADY_COUNTED\"", "role=\"alert\"", "loud")
        .contains("Already counted", "Scanned twice, counted once");
    // Blind: a serial the client never had is counted like any other; the supervisor sees it.
    assertThat(scan(counter, id, s.bin1, "(01)" + s.gtin + "(21)" + stranger, "").body())
        .contains("data-outcome=\"COUNTED\"");
    var goods = scan(counter, id, s.bin1, "(01)" + g.saline() + "(10)" + lot, "30");
    assertThat(goods.body()).contains("data-outcome=\"COUNTED\"", "Counted 30");
    assertBlind(goods.body(), b, "4789");
    var unreadable = scan(counter, id, s.bin1, "(01)12345", "");
    assertThat(unreadable.status()).isEqualTo(400);
    assertThat(unreadable.body()).contains("data-outcome=\"REFUSED\"", "Not readable");
    var noQty = scan(counter, id, s.bin1, g.saline(), "");
    assertThat(noQty.status()).isEqualTo(400);
    assertThat(noQty.body()).contains("Qty needed");

    var done = counter.post("/counts/" + id + "/done", fields("location", s.bin1), Map.of());
    assertThat(done.status()).as(done.toString()).isEqualTo(200);
    assertThat(done.body())
        .contains("data-outcome=\"CLOSED\"", s.bin1 + " closed", "Next: " + s.bin2)
        .contains("data-test=\"location\">" + s.bin2 + "<", "1 / 2 closed")
        .contains("data-location=\"" + s.bin1 + "\" data-status=\"DONE\"");
    assertBlind(done.body(), b, stranger, "MISSING", "UNKNOWN", "SHORT");
    var late = scan(counter, id, s.bin1, "(01)" + s.gtin + "(21)" + b, "");
    assertThat(late.status()).isEqualTo(409);
    assertThat(late.body()).contains("Location already closed");
    var last = counter.post("/counts/" + id + "/done", fields("location", s.bin2), Map.of());
    assertThat(last.body())
        .contains("Every location of this count is closed", "2 / 2 closed")
        .contains("data-test=\"nothing-open\"");

    JsonNode view = ok(s.api.get("/api/v1/counts/" + id)).json();
    Map<String, String> kinds = new HashMap<>();
    view.path("discrepancies")
        .forEach(
            d ->
                kinds.put(
                    d.path("kind").asString(),
                    d.path("serial").asString(null) == null
                        ? d.path("lot").asString()
                        : d.path("serial").asString()));
    assertThat(kinds).containsEntry("MISSING", b).containsEntry("UNKNOWN", stranger);
    assertThat(kinds).containsEntry("SHORT", lot);
    assertThat(view.at("/locations/0/countedUnits").asLong()).isEqualTo(2);
  }

  @Test
  void theSupervisorReviewsEachDiscrepancyApprovesAndSeesWhatWasWrittenAndTheAccuracy() {
    Site s = Site.create(admin);
    String a = unique("A");
    String b = unique("B");
    String stranger = unique("U");
    s.register(s.bin1, a, b);
    noRecounts(s);
    long id = open(s, null, s.bin1, s.bin2).path("id").asLong();
    String at = "/api/v1/counts/" + id + "/locations/";
    ok(s.api.post(at + s.bin1 + "/scans", s.unitKey(a)));
    ok(s.api.post(at + s.bin1 + "/scans", s.unitKey(stranger)));

    FormSession supervisor = new FormSession(port);
    supervisor.signIn(s.person(admin, "SUPERVISOR"), Site.PERSON_PASSWORD);
    var list = supervisor.get("/counts/review?tenant=" + s.tenant);
    assertThat(list.status()).isEqualTo(200);
    assertThat(list.body())
        .contains("data-status=\"OPEN\"", "0 / 2 locations closed", "/counts/review/" + id);
    var start = supervisor.get("/counts");
    assertThat(start.body()).contains("data-test=\"open-counts\"", "/counts/" + id + "\"");

    // Approval waits for every location.
    var early = supervisor.post("/counts/review/" + id + "/approve", Map.of(), Map.of());
    assertThat(early.status()).isEqualTo(409);
    assertThat(early.body()).contains("data-test=\"approve-error\"", s.bin1);
    ok(s.api.post(at + s.bin1 + "/done", map()));
    ok(s.api.post(at + s.bin2 + "/done", map()));

    var review = supervisor.get("/counts/review/" + id);
    assertThat(review.status()).isEqualTo(200);
    String bin1 = location(review.body(), s.bin1);
    assertThat(bin1)
        .containsPattern(discrepancy("MISSING", b))
        .containsPattern(discrepancy("UNKNOWN", stranger))
        .contains("Book the unit lost (MISSING)", "Nothing written: for a person to look into")
        .contains("data-test=\"expected-units\">2<", "data-test=\"counted-units\">2<");
    assertThat(location(review.body(), s.bin2)).contains("as the books say");
    assertThat(review.body()).contains("data-kind=\"MISSING\"", "data-test=\"approve-form\"");

    // An operator sees neither the review nor may decide.
    FormSession operator = new FormSession(port);
    operator.signIn(s.person(admin, "OPERATOR"), Site.PERSON_PASSWORD);
    var peek = operator.get("/counts/review/" + id);
    assertThat(peek.status()).isEqualTo(403);
    assertThat(peek.body()).doesNotContain(b, stranger);
    assertThat(operator.get("/counts/review").status()).isEqualTo(403);
    assertThat(operator.get("/counts/accuracy").status()).isEqualTo(403);
    assertThat(operator.post("/counts/review/" + id + "/approve", Map.of(), Map.of()).status())
        .isEqualTo(403);
    assertThat(ok(s.api.get("/api/v1/counts/" + id)).json().path("status").asString())
        .isEqualTo("OPEN");

    var noReason =
        supervisor.post("/counts/review/" + id + "/reject", fields("reason", " "), Map.of());
    assertThat(noReason.status()).isEqualTo(400);
    assertThat(noReason.body()).contains("data-test=\"reason-error\"", "aria-invalid=\"true\"");

    var approved =
        supervisor.post(
            "/counts/review/" + id + "/approve", fields("reason", "aisle 1 done"), Map.of());
    assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
    assertThat(approved.body())
        .contains(" approved", "1 correction written to the ledger", "1 left for a person")
        .contains("data-test=\"status\">APPROVED<", "aisle 1 done")
        .doesNotContain("data-test=\"approve-form\"");
    assertThat(location(approved.body(), s.bin1)).contains(">written<", ">for a person<");
    assertThat(ok(s.api.get(s.unitPath(b))).json().path("state").asString()).isEqualTo("MISSING");
    var again =
        supervisor.post("/counts/review/" + id + "/reject", fields("reason", "x"), Map.of());
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.body()).contains("Refused: count decided");

    var accuracy = supervisor.get("/counts/accuracy?warehouse=" + s.warehouse);
    assertThat(accuracy.status()).isEqualTo(200);
    String row = row(accuracy.body(), "data-warehouse=\"" + s.warehouse + "\"");
    assertThat(row)
        .contains("data-test=\"locations\">2<", "data-test=\"clean\">1<", "50.0 %")
        .contains("data-test=\"serials\">2<", "data-test=\"found\">1<");
    assertThat(accuracy.body())
        .contains("data-test=\"day\"", "data-test=\"by-class\"", "none (by location)")
        .contains("data-test=\"by-period\"", "By week of approval");
    assertThat(supervisor.get("/counts/accuracy?by=month&warehouse=" + s.warehouse).body())
        .contains("By month of approval", "data-test=\"period-row\"");
    var badDay = supervisor.get("/counts/accuracy?from=yesterday");
    assertThat(badDay.status()).isEqualTo(400);
    assertThat(badDay.body()).contains("data-field=\"from\"", "aria-invalid=\"true\"");
  }

  @Test
  void aLocationAboveTheThresholdIsRecountedByAnotherCounterNotTheFirst() {
    Site s = Site.create(admin);
    String a = unique("A");
    String b = unique("B");
    s.register(s.bin1, a, b);
    long id = open(s, null, s.bin1).path("id").asLong();
    FormSession first = new FormSession(port);
    first.signIn(s.person(admin, "OPERATOR"), Site.PERSON_PASSWORD);
    first.get("/counts/" + id);
    scan(first, id, s.bin1, "(01)" + s.gtin + "(21)" + a, "");
    var closed = first.post("/counts/" + id + "/done", fields("location", s.bin1), Map.of());
    assertThat(closed.status()).isEqualTo(200);
    assertThat(closed.body())
        .contains("data-outcome=\"RECOUNT\"", "recount asked", "Another counter will count")
        .contains("data-status=\"RECOUNT\"", "data-test=\"recount\"");
    assertBlind(closed.body(), b, "MISSING");

    FormSession supervisor = new FormSession(port);
    supervisor.signIn(s.person(admin, "SUPERVISOR"), Site.PERSON_PASSWORD);
    var review = supervisor.get("/counts/review/" + id + "?tenant=" + s.tenant);
    assertThat(review.body())
        .contains("data-test=\"recounts\"", "data-location=\"" + s.bin1 + "\"")
        .contains("data-test=\"first-counter\">user:");
    var refused = supervisor.post("/counts/review/" + id + "/approve", Map.of(), Map.of());
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.body()).contains("another counter must recount");

    var same = first.post("/counts/" + id + "/recount", fields("location", s.bin1), Map.of());
    assertThat(same.status()).isEqualTo(409);
    assertThat(same.body()).contains("Another counter recounts");

    FormSession second = new FormSession(port);
    second.signIn(s.person(admin, "OPERATOR"), Site.PERSON_PASSWORD);
    second.get("/counts/" + id);
    var started = second.post("/counts/" + id + "/recount", fields("location", s.bin1), Map.of());
    assertThat(started.status()).as(started.toString()).isEqualTo(200);
    assertThat(started.body())
        .contains("data-outcome=\"RECOUNTING\"", "data-test=\"location\">" + s.bin1 + "<");
    scan(second, id, s.bin1, "(01)" + s.gtin + "(21)" + a, "");
    scan(second, id, s.bin1, "(01)" + s.gtin + "(21)" + b, "");
    var done = second.post("/counts/" + id + "/done", fields("location", s.bin1), Map.of());
    assertThat(done.body()).contains("data-outcome=\"CLOSED\"");

    var recounted = supervisor.get("/counts/review/" + id);
    assertThat(location(recounted.body(), s.bin1))
        .contains("data-test=\"recounted\"", "as the books say");
    var approved = supervisor.post("/counts/review/" + id + "/approve", Map.of(), Map.of());
    assertThat(approved.status()).isEqualTo(200);
    assertThat(approved.body()).contains("0 corrections written to the ledger");
  }

  @Test
  void theCountScreensAreInTheNavigationForStaffAndTheHomePageOffersThem() {
    Site s = Site.create(admin);
    FormSession staff = new FormSession(port);
    staff.signIn("admin", ADMIN_PASSWORD);
    var home = staff.get("/?tenant=" + s.tenant);
    assertThat(home.body())
        .contains("href=\"/counts\"", "href=\"/counts/review\"", "href=\"/counts/accuracy\"");
    assertThat(staff.get("/counts/accuracy").body())
        .containsPattern("<a href=\"/counts\"[^>]*class=\"active\"[^>]*>Count</a>");
    FormSession operator = new FormSession(port);
    operator.signIn(s.person(admin, "OPERATOR"), Site.PERSON_PASSWORD);
    assertThat(operator.get("/").body())
        .contains("href=\"/counts\"")
        .doesNotContain("href=\"/counts/review\"");
  }

  // ---------------------------------------------------------------------------------------------

  private static FormSession.Page scan(
      FormSession s, long id, String location, String scan, String quantity) {
    String key = FormSession.key();
    Map<String, String> headers = new HashMap<>(htmx());
    headers.put("Idempotency-Key", key);
    return s.post(
        "/counts/" + id + "/scans",
        fields("scan", scan, "quantity", quantity, "location", location, "key", key),
        headers);
  }

  /** Nothing of what the books hold: the text shown, without the form fields' values. */
  private static void assertBlind(String html, String... hidden) {
    String shown = html.replaceAll("value=\"[^\"]*\"", "").replaceAll("hx-[a-z-]+=\"[^\"]*\"", "");
    assertThat(shown).as("the counter's screen is blind").doesNotContain(hidden);
  }

  private void noRecounts(Site s) {
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
  }

  private static JsonNode open(Site s, String assignee, Object... locations) {
    Map<String, Object> body = map("warehouse", s.warehouse, "locations", list(locations));
    if (assignee != null) {
      body.put("assignee", assignee);
    }
    return ok(s.api.post("/api/v1/counts", body)).json();
  }

  private static Pattern discrepancy(String kind, String serial) {
    return Pattern.compile(
        "data-kind=\"" + kind + "\" data-serial=\"" + Pattern.quote(serial) + "\"");
  }

  /** A location's panel on the review page. */
  private static String location(String html, String code) {
    int start = html.indexOf("class=\"panel place\" data-location=\"" + code + "\"");
    assertThat(start).as("a panel for " + code + " in\n" + html).isPositive();
    return html.substring(start, html.indexOf("</section>", start));
  }

  private static String row(String html, String marker) {
    int start = html.indexOf(marker);
    assertThat(start).as(marker).isPositive();
    return html.substring(start, html.indexOf("</tr>", start));
  }
}
